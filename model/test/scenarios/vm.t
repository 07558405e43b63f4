# mmap, munmap, mprotect, sbrk, store, load.
# the executor's checks
p0 mmap 0x40000001 1 rw private      => EINVAL
p0 mmap 0x40000000 0 rw private      => EINVAL
p0 mmap 0x40000000 65 rw private     => EINVAL
p0 mmap 0x4003f000 2 rw private      => EINVAL
p0 mmap 0x3ffff000 1 rw private      => EINVAL
p0 munmap 0x40040000 1               => EINVAL
p0 mprotect 0x40000000 -1 r          => EINVAL
p0 store 0x40000002 1                => EINVAL
p0 load 0x50000001                   => EINVAL
# nothing mapped yet: a fault kills; p0 can be killed too, so use a child
p0 fork                              => p1
p1 load 0x40000000                   => KILLED 11
p0 wait p1                           => p1 signaled(11)
p0 fork                              => p2
p2 store 0x10 1                      => KILLED 11
p0 wait -1                           => p2 signaled(11)
!! free: frames=128 procs=15 files=64 objects=32 pipes=64

# regions: private rw, read-only, none
p0 mmap 0x40000000 4 rw private      => 0x40000000
!! 0x40000000 4 pages rw private sums=[0x0 0x0 0x0 0x0] frames=[- - - -]
p0 store 0x40001000 3                => 0
p0 mprotect 0x40001000 2 r           => 0
!! 0x40000000 1 page rw private sums=[0x0] frames=[-]
!! 0x40001000 2 pages r private sums=[0x85f0b427 0x0] frames=[#0 -]
p0 load 0x40001000                   => 0x3
p0 mprotect 0x40003000 2 r           => ENOMEM
p0 mprotect 0x40003000 1 none        => 0
p0 fork                              => p3
p3 store 0x40001000 4                => KILLED 11
p0 fork                              => p4
p4 load 0x40003000                   => KILLED 11
p0 wait -1                           => p3 signaled(11)
p0 wait -1                           => p4 signaled(11)
# munmap cuts pages out; unmapped pages in the range are fine
p0 munmap 0x40001000 1               => 0
!! free: frames=128 procs=15 files=64 objects=32 pipes=64
p0 munmap 0x40000000 64              => 0
!! p0: alive ppid=- cwd=/ heap=0 fds=[]
!! no 0x4

# shared objects count regions: a hole in the middle makes two
p0 mmap 0x40010000 4 rw shared       => 0x40010000
!! object #0: refs=1 frames=[]
p0 store 0x40013000 8                => 0
p0 munmap 0x40011000 1               => 0
!! object #0: refs=2 frames=[- - - #0]
p0 mprotect 0x40012000 1 r           => 0
!! object #0: refs=3 frames=[- - - #0]
# same prot: no split
p0 mprotect 0x40010000 1 rw          => 0
!! object #0: refs=3 frames=[- - - #0]
p0 load 0x40013000                   => 0x8
# mmap replaces what was there
p0 mmap 0x40012000 2 rw private      => 0x40012000
# the object keeps its frame while any region maps it
!! free: frames=127 procs=15 files=64 objects=31 pipes=64
p0 load 0x40013000                   => 0x0
p0 munmap 0x40010000 1               => 0
!! free: frames=128 procs=15 files=64 objects=32 pipes=64

# the heap
p0 sbrk 0                            => 0x50000000
p0 sbrk -1                           => ENOMEM
p0 sbrk 33                           => ENOMEM
p0 sbrk 2                            => 0x50000000
p0 store 0x50001ffc 5                => 0
p0 load 0x50001ffc                   => 0x5
!! 0x50000000 heap 2 pages rw private sums=[0x0 0xed1fe057] frames=[- #0]
p0 sbrk -1                           => 0x50002000
!! free: frames=128 procs=15 files=64 objects=32 pipes=64
p0 fork                              => p5
p5 load 0x50001000                   => KILLED 11
p0 sbrk 1                            => 0x50001000
# pages added again read zeros
p0 load 0x50001ffc                   => 0x0
p0 sbrk 31                           => ENOMEM
p0 sbrk 30                           => 0x50002000
p0 sbrk 0                            => 0x50020000
