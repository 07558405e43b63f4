# path resolution and chdir.
p0 chdir /f0                         => ENOTDIR
p0 chdir /f3                         => ENOENT
p0 chdir /d/f2/..                    => ENOTDIR
p0 chdir d                           => 0
!! node /: size=0 sum=0x0 refs=0
!! node /d: size=0 sum=0x0 refs=1
p0 open f2 rdonly                    => 0
p0 open ./f2 rdonly                  => 1
p0 open ../f0 rdonly                 => 2
p0 open ../d/../f1 rdonly            => 3
p0 open .. rdonly                    => 4
!! file #4: dir / rdonly offset=0 refs=1
p0 chdir ..                          => 0
p0 chdir ..                          => 0
!! p0: alive ppid=- cwd=/ heap=0 fds=[0:#0 1:#1 2:#2 3:#3 4:#4]
# relative creation lands in the cwd
p0 chdir /d                          => 0
p0 open f0 wronly,creat              => 5
!! node /d/f0: size=0 sum=0x0 refs=1
p0 open /d/f0/f1 rdonly             => ENOTDIR
