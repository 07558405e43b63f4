# exit, wait, re-parenting, SKIP.
p0 exit 1                            => EPERM
p0 wait -1                           => ECHILD
p0 wait p0                           => ECHILD
p0 fork                              => p1
p1 fork                              => p2
p2 fork                              => p3
p0 wait p2                           => ECHILD
p0 wait -1                           => 0
p1 wait p2                           => 0
# an exit re-parents the children to p0 and leaves a zombie
p1 exit 300                          => 0
!! p1: zombie ppid=p0 status=exited(44)
!! p2: alive ppid=p0 cwd=/ heap=0 fds=[]
p2 getppid                           => p0
p3 getppid                           => p2
# a zombie runs nothing
p1 getpid                            => SKIP
p9 getpid                            => SKIP
p2 exit 2                            => 0
!! p3: alive ppid=p0 cwd=/ heap=0 fds=[]
p3 getppid                           => p0
# wait -1 reaps the lowest pid first
p0 wait -1                           => p1 exited(44)
p0 wait -1                           => p2 exited(2)
p0 wait -1                           => 0
p3 exit 0                            => 0
p0 wait p3                           => p3 exited(0)
p0 wait -1                           => ECHILD
p3 getpid                            => SKIP
!! free: frames=128 procs=15 files=64 objects=32 pipes=64
