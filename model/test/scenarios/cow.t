# Private memory after fork is copy-on-write; shared memory stays shared,
# also pages first touched after the fork.
p0 mmap 0x40000000 2 rw private      => 0x40000000
p0 mmap 0x40002000 2 rw shared       => 0x40002000
p0 store 0x40000000 7                => 0
!! frame #0: refs=1
p0 fork                              => p1
# both processes map the same frame now
!! p0: alive ppid=- cwd=/ heap=0 fds=[]
!! p1: alive ppid=p0 cwd=/ heap=0 fds=[]
!! frame #0: refs=2
!! object #0: refs=2 frames=[]
# a private store after fork is invisible to the other process ...
p1 store 0x40000000 9                => 0
p0 load 0x40000000                   => 0x7
p1 load 0x40000000                   => 0x9
# ... and the frame was copied only then
!! frame #0: refs=1
!! frame #1: refs=1
# the sole owner writes in place: no new frame
p1 store 0x40000000 10               => 0
!! no frame #2
# untouched pages read 0 and allocate nothing
p1 load 0x40001000                   => 0x0
!! no frame #2
# a shared page first touched after fork is seen by both
p1 store 0x40002004 5                => 0
p0 load 0x40002004                   => 0x5
# (frames are numbered canonically: p0's pages first, then p1's)
!! object #0: refs=2 frames=[#1]
!! frame #2: refs=1
p0 store 0x40003000 6                => 0
p1 load 0x40003000                   => 0x6
!! object #0: refs=2 frames=[#1 #2]
!! free: frames=124 procs=14 files=64 objects=31 pipes=64
# exit drops the child's references; the object lives on in p0
p1 exit 0                            => 0
!! object #0: refs=1 frames=[#1 #2]
!! free: frames=125 procs=14 files=64 objects=31 pipes=64
p0 munmap 0x40002000 2               => 0
!! free: frames=127 procs=14 files=64 objects=32 pipes=64
