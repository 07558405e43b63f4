# fork, step by step as spec/syscalls.md states it.

# The fd table is copied; each open file gains one reference per entry.
p0 open /f0 rdonly                   => 0
p0 dup 0                             => 1
p0 chdir d                           => 0
!! node /d: size=0 sum=0x0 refs=1
p0 fork                              => p1
!! p1: alive ppid=p0 cwd=/d heap=0 fds=[0:#0 1:#0]
!! file #0: file /f0 rdonly offset=0 refs=4
# the cwd reference is taken
!! node /d: size=0 sum=0x0 refs=2
!! node /f0: size=64 sum=0x28818bb4 refs=1

# The open file is shared, so is its offset.
p1 read 0 16                         => 16 (sum 0x1aa4131b)
p0 lseek 1 0 cur                     => 16
p0 read 1 16                         => 16 (sum 0x3d7a2885)
p1 lseek 0 0 cur                     => 32

# Child result in the parent is the child's canonical pid; getpid agrees.
p1 getpid                            => p1
p1 getppid                           => p0
p0 getppid                           => -
p1 fork                              => p2
p2 getppid                           => p1
!! file #0: file /f0 rdonly offset=32 refs=6
!! free: frames=128 procs=13 files=63 objects=32 pipes=64
