#!/usr/bin/env bash
# forkspec run as a user runs it: the model and the kernel (Linux:
# linux_test.sh).
set -uo pipefail
run=diff/run
. diff/test/check.sh

grep -v "^#" diff/test/programs/fork_wait_skip.prog > "$tmp/p.prog"
"$run" "$tmp/p.prog" > "$tmp/out" 2>&1; rc=$?
check "exit 0" test "$rc" = 0
check "fork result" grep -qE '^1 +p0 fork += p1$' "$tmp/out"
check "shared offset" grep -qE '^3 +p0 lseek 0 0 cur += 16$' "$tmp/out"
check "wait status" grep -qE '^5 +p0 wait -1 += p1 exited\(3\)$' "$tmp/out"
check "errno name" grep -qE '^6 +p0 close 7 += EBADF$' "$tmp/out"
check "skip" grep -qE '^7 +p4 getpid += SKIP$' "$tmp/out"
check "eight lines" test "$(wc -l < "$tmp/out")" = 8

"$run" --state "$tmp/p.prog" > "$tmp/state" 2>&1
check "state: refs" grep -qE '^ +file #0: file /f0 rdonly offset=16 refs=2$' "$tmp/state"
check "state: zombie" grep -qE '^ +p1: zombie ppid=p0 status=exited\(3\)$' "$tmp/state"
check "state: free counts" grep -qE '^ +free: frames=128 procs=15 files=63 objects=32 pipes=64$' "$tmp/state"

printf 'p0 fork\np1 read 0\n' > "$tmp/bad.prog"
"$run" "$tmp/bad.prog" > "$tmp/bad" 2>&1; rc=$?
check "bad program: status 2" test "$rc" = 2
check "bad program: position" grep -qx "$tmp/bad.prog:2:11: read: missing COUNT (a number)" "$tmp/bad"
"$run" --backend nowhere "$tmp/p.prog" > /dev/null 2>&1; rc=$?
check "unknown backend: status 2" test "$rc" = 2


# the kernel in QEMU, on operations it has: the same lines as the model
cat > "$tmp/k.prog" <<'P'
p0 fork
p1 getppid
p1 exit 3
p0 wait -1
p0 store 0x40000000 1
p2 getpid
P
"$run" "$tmp/k.prog" > "$tmp/km" 2>&1
"$run" --backend kernel --kernel kernel/kernel.elf "$tmp/k.prog" > "$tmp/kk" 2>&1; rc=$?
check "kernel: exit 0" test "$rc" = 0
check "kernel: same results as the model" cmp -s "$tmp/km" "$tmp/kk"
"$run" --backend kernel --kernel kernel/kernel.elf --state "$tmp/k.prog" > "$tmp/ks" 2>&1
check "kernel: state" grep -qE '^ +p1: zombie ppid=p0 status=exited\(3\)$' "$tmp/ks"
"$run" --backend kernel --kernel kernel/kernel.elf "$tmp/p.prog" > "$tmp/kp" 2>&1
check "kernel: fds, offsets, wait: same as the model" cmp -s "$tmp/out" "$tmp/kp"
printf 'p0 mmap 0x40000000 2 rw private\np0 store 0x40000004 9\np0 fork\np1 load 0x40000004\n' > "$tmp/m.prog"
"$run" --state "$tmp/m.prog" > "$tmp/mm" 2>&1
"$run" --backend kernel --kernel kernel/kernel.elf --state "$tmp/m.prog" > "$tmp/mk" 2>&1; rc=$?
check "kernel: memory, exit 0" test "$rc" = 0
check "kernel: memory states as the model's" cmp -s <(grep -v '^initial state' "$tmp/mm" | sed -n '/^0 /,$p') "$tmp/mk"
"$run" --backend kernel --kernel /nonexistent "$tmp/k.prog" > "$tmp/kn" 2>&1; rc=$?
check "kernel: missing image, status 2" test "$rc" = 2
"$run" > /dev/null 2>&1; rc=$?
check "no program: status 2" test "$rc" = 2

# the binary form runs the same program
host/fmt --binary "$tmp/p.prog" -o "$tmp/p.bin"
"$run" --binary "$tmp/p.bin" > "$tmp/out2" 2>&1
check "binary = text" cmp -s "$tmp/out" "$tmp/out2"

done_checks
