# pipes: non-blocking ends, EOF, EPIPE, across fork and exit.
p0 pipe                              => 0 1
!! file #0: pipe read end pipe#0 refs=1
!! file #1: pipe write end pipe#0 refs=1
!! pipe #0: fill=0 readers=1 writers=1
p0 read 0 1                          => EAGAIN
p0 read 0 0                          => 0
p0 write 0 1 1                       => EBADF
p0 read 1 1                          => EBADF
p0 lseek 0 0 set                     => ESPIPE
p0 write 1 4096 66                   => 4096
p0 write 1 1 66                      => EAGAIN
p0 read 0 4000                       => 4000 (sum 0xa72e85a)
# 96 buffered, room for 4000: all or nothing
p0 write 1 4001 66                   => EAGAIN
p0 write 1 96 66                     => 96
!! pipe #0: fill=192 readers=1 writers=1
p0 read 0 4096                       => 192 (sum 0x28db5fbc)
# across fork: both processes hold both ends
p0 fork                              => p1
!! file #0: pipe read end pipe#0 refs=2
!! pipe #0: fill=0 readers=1 writers=1
p0 close 1                           => 0
p0 read 0 1                          => EAGAIN
p1 write 1 3 67                      => 3
p1 exit 0                            => 0
!! pipe #0: fill=3 readers=1 writers=0
# buffered bytes first, then end of file
p0 read 0 2                          => 2 (sum 0x2c7b3866)
p0 read 0 2                          => 1 (sum 0xf71ea418)
p0 read 0 2                          => 0
# no readers: EPIPE, but a zero write succeeds first
p0 pipe                              => 1 2
p0 close 1                           => 0
p0 write 2 0 1                       => 0
p0 write 2 1 1                       => EPIPE
!! pipe #1: fill=0 readers=0 writers=1
!! free: frames=128 procs=14 files=62 objects=32 pipes=62
# the last end closed frees the pipe and its bytes
p0 close 2                           => 0
!! free: frames=128 procs=14 files=63 objects=32 pipes=63
p0 close 0                           => 0
p0 wait p1                           => p1 exited(0)
!! free: frames=128 procs=15 files=64 objects=32 pipes=64
!! no pipe #
