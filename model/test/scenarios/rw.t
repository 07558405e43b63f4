# read, write, lseek on files.
p0 read 0 4097                       => EINVAL
p0 read 0 -1                         => EINVAL
p0 write 0 4097 1                    => EINVAL
p0 read 0 1                          => EBADF
p0 open /f0 rdonly                   => 0
p0 write 0 1 1                       => EBADF
p0 write 0 0 1                       => EBADF
p0 open /f1 wronly                   => 1
p0 read 1 1                          => EBADF
# count 0 changes nothing
p0 write 1 0 7                       => 0
!! node /f1: size=0 sum=0x0 refs=1
p0 write 1 3 7                       => 3
!! node /f1: size=3 sum=0x9d743703 refs=1
!! file #1: file /f1 wronly offset=3 refs=1
# a write past the end leaves a hole of zeros
p0 lseek 1 10 set                    => 10
p0 write 1 2 7                       => 2
!! node /f1: size=12 sum=0x2e62a853 refs=1
p0 open /f1 rdonly                   => 2
p0 read 2 100                        => 12 (sum 0x2e62a853)
p0 read 2 100                        => 0
# lseek: whence, bounds, past the end
p0 lseek 2 -1 cur                    => 11
p0 lseek 2 -12 end                   => 0
p0 lseek 2 -13 end                   => EINVAL
p0 lseek 2 -1 set                    => EINVAL
p0 lseek 2 100 end                   => 112
p0 read 2 1                          => 0
p0 lseek 2 2147483647 set            => 2147483647
p0 lseek 2 1 cur                     => EOVERFLOW
!! file #2: file /f1 rdonly offset=2147483647 refs=1
p0 lseek 9 0 set                     => EBADF
# append writes at the end whatever the offset
p0 open /f1 wronly,append            => 3
p0 write 3 1 9                       => 1
!! file #3: file /f1 wronly,append offset=13 refs=1
!! node /f1: size=13 sum=0x1d8e3a8d refs=3
# the size limit: a short write, then EFBIG; the offset does not move
p0 lseek 1 4090 set                  => 4090
p0 write 1 10 1                      => 6
!! node /f1: size=4096 sum=0xf098ac7c refs=3
p0 write 1 1 1                       => EFBIG
p0 write 3 1 1                       => EFBIG
!! file #3: file /f1 wronly,append offset=13 refs=1
p0 lseek 1 5000 set                  => 5000
p0 write 1 1 1                       => EFBIG
# a directory reads EISDIR
p0 open /d rdonly                    => 4
p0 read 4 1                          => EISDIR
p0 lseek 4 5 set                     => 5
p0 lseek 4 0 end                     => 0
