# open, close, dup, dup2 and their errors.
p0 close 0                           => EBADF
p0 close -1                          => EBADF
p0 close 16                          => EBADF
p0 dup 3                             => EBADF
p0 open /f3 rdonly                   => ENOENT
p0 open /f0/f1 rdonly                => ENOTDIR
p0 open /f0/. rdonly                 => ENOTDIR
p0 open /f3/f1 rdonly,creat          => ENOENT
p0 open / wronly                     => EISDIR
p0 open /d rdonly,creat              => EISDIR
p0 open /d/.. rdwr                   => EISDIR
p0 open /d rdonly,trunc              => EISDIR
p0 open / rdonly,trunc,append        => EISDIR
!! free: frames=128 procs=15 files=64 objects=32 pipes=64
# a directory opens read-only
p0 open /d rdonly                    => 0
!! file #0: dir /d rdonly offset=0 refs=1
p0 read 0 1                          => EISDIR
p0 write 0 1 1                       => EBADF
# the lowest free fd is taken
p0 open /f0 rdonly                   => 1
p0 close 0                           => 0
p0 open d/f2 rdwr                    => 0
!! file #0: file /d/f2 rdwr offset=0 refs=1
!! node /d/f2: size=16 sum=0x7417f4bb refs=1
# creat makes an empty file in / or /d; trunc empties one
p0 open /d/d wronly,creat            => 2
!! node /d/d: size=0 sum=0x0 refs=1
p0 open /f4 rdwr,creat,trunc         => 3
p0 open /d/f2 rdonly,trunc           => 4
!! node /d/f2: size=0 sum=0x0 refs=2
# dup shares the open file
p0 dup 1                             => 5
!! p0: alive ppid=- cwd=/ heap=0 fds=[0:#0 1:#1 2:#2 3:#3 4:#4 5:#1]
!! file #1: file /f0 rdonly offset=0 refs=2
# dup2: same fd is a no-op, a free target is filled, a used one closed first
p0 dup2 1 1                          => 1
p0 dup2 9 1                          => EBADF
p0 dup2 1 16                         => EBADF
p0 dup2 1 -1                         => EBADF
p0 dup2 1 9                          => 9
!! file #1: file /f0 rdonly offset=0 refs=3
p0 dup2 1 5                          => 5
!! file #1: file /f0 rdonly offset=0 refs=3
p0 dup2 3 1                          => 1
!! p0: alive ppid=- cwd=/ heap=0 fds=[0:#0 1:#1 2:#2 3:#1 4:#3 5:#4 9:#4]
# the replaced file is freed when its last fd goes
p0 dup2 0 5                          => 5
p0 dup2 0 9                          => 9
!! no file #4
!! node /f0: size=64 sum=0x28818bb4 refs=0
# EMFILE: sixteen fds in use
p0 dup 0                             => 6
p0 dup 0                             => 7
p0 dup 0                             => 8
p0 dup 0                             => 10
p0 dup 0                             => 11
p0 dup 0                             => 12
p0 dup 0                             => 13
p0 dup 0                             => 14
p0 dup 0                             => 15
p0 dup 0                             => EMFILE
p0 open /f0 rdonly                   => EMFILE
p0 pipe                              => EMFILE
p0 dup2 0 15                         => 15
p0 close 15                          => 0
p0 pipe                              => EMFILE
p0 open /f1 rdonly                   => 15
