#!/usr/bin/env bash
# Everything on the host's Linux backend, which needs root (p0 chroots into
# its namespace directory): run, diff, the gate on the corpus and random
# programs, not-comparable steps, no process left behind, and a planted
# backend bug (//backends:linux_planted) found by diff and by the gate,
# with a standalone C reproducer that builds and runs.
# usage: linux_test.sh CORPUS.prog...
set -uo pipefail
. diff/test/check.sh
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: the Linux backend needs root (p0 chroots into its namespace directory)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
run=diff/run diff=diff/diff

grep -v "^#" diff/test/programs/fork_wait_skip.prog > "$tmp/p.prog"
grep -v "^#" diff/test/programs/shared_offset_dup2.prog > "$tmp/a.prog"
grep -v "^#" diff/test/programs/cow_private.prog > "$tmp/b.prog"
"$run" "$tmp/p.prog" > "$tmp/out" 2>&1

# the host's Linux: the same results, pids canonical, L1 only with --state
"$run" --backend linux "$tmp/p.prog" > "$tmp/linux" 2>&1; rc=$?
check "linux: exit 0" test "$rc" = 0
check "linux: same lines as the model" cmp -s "$tmp/out" "$tmp/linux"
"$run" --backend linux --state "$tmp/p.prog" > "$tmp/lstate" 2>&1
check "linux state: zombie status" grep -qE '^ +p1: zombie ppid=p0 status=exited\(3\)$' "$tmp/lstate"
check "linux state: shared open file" grep -qE '^ +file #0: file /f0 rdonly offset=16$' "$tmp/lstate"
check "linux state: no L2" sh -c "! grep -q 'refs=\|free:' '$tmp/lstate'"

bzimage=third_party/linux/boot/bzImage
"$diff" --against all --kernel kernel/kernel.elf --kernel "$bzimage" \
    --initramfs backends/initramfs.cpio "$tmp/a.prog" "$tmp/b.prog" > "$tmp/all" 2>&1; rc=$?
check "all: exit 0" test "$rc" = 0
check "all: summary" grep -qx "2 program(s): 2 agree, 0 differ, 0 not comparable on Linux past a step" "$tmp/all"
printf 'p0 pipe\np0 write 1 4000 1\np0 write 1 100 2\np0 read 0 10\n' > "$tmp/full.prog"
"$diff" --against linux "$tmp/full.prog" > "$tmp/nc" 2>&1; rc=$?
check "not comparable: exit 0" test "$rc" = 0
check "not comparable: the step and why" grep -q "full.prog: not comparable at step 2 (model vs linux): pipe capacity" "$tmp/nc"
check "not comparable: the fill" grep -qx "    linux:  pipe #0: fill=4100" "$tmp/nc"
check "not comparable: summary" grep -qx "1 program(s): 0 agree, 0 differ, 1 not comparable on Linux past a step" "$tmp/nc"
# every process a Linux run started is gone when it returns, even those
# left alive, zombie or orphaned by the program
printf 'p0 fork\np1 fork\np2 fork\np1 exit 1\np0 fork\np4 store 0x40000000 1\np2 getppid\n' > "$tmp/left.prog"
mkdir -p "$tmp/lx"
TMPDIR=$tmp/lx "$diff" --against linux "$tmp/left.prog" "$tmp/left.prog" > "$tmp/left" 2>&1; rc=$?
check "leftovers: exit 0" test "$rc" = 0
left=0
for p in /proc/[0-9]*; do
    case "$(readlink "$p/root" 2>/dev/null)" in "$tmp/lx/"*) left=$((left + 1)) ;; esac
done
check "leftovers: no process left in the namespace directory" test "$left" = 0
check "leftovers: the directory removed" test -z "$(ls -A "$tmp/lx")"
diff/diff_linux_planted --against linux "$tmp/a.prog" > "$tmp/lbug" 2>&1; rc=$?
check "planted linux bug: exit 1" test "$rc" = 1
check "planted linux bug: the step" grep -q "a.prog: diverge at step 4 (model vs linux)$" "$tmp/lbug"
check "planted linux bug: L1 only" grep -qE '^    linux:  p0: alive .*fds=\[\]$' "$tmp/lbug"
check "planted linux bug: no L2" sh -c "! grep -q refs= '$tmp/lbug'"

# the gate: the corpus and 100 random programs agree or are not comparable
diff/gate_cli --against linux --programs 100 --findings "$tmp/gate-findings" "$@" > "$tmp/gate" 2>&1; rc=$?
check "gate: passes on Linux" test "$rc" = 0
check "gate: the corpus's not-comparable steps named" grep -q "not comparable on linux from step" "$tmp/gate"
check "gate: random programs ran" grep -qE "^gate: linux: random: 100 programs" "$tmp/gate"
[ "$rc" = 0 ] || cat "$tmp/gate"

# a Linux finding also gets a standalone C reproducer that builds and runs
lx=$tmp/gate-linux
diff/gate_linux_planted --against linux --programs 0 --first \
    --findings "$lx/findings" "$@" > "$lx.out" 2>&1
rc=$?
f=$(dirname "$(ls "$lx"/findings/*/minimal.prog 2>/dev/null | head -1)")
check "planted, gate: exit 1" test "$rc" = 1
check "planted, gate: the divergence" grep -q "diverge at step .* (model vs linux)" "$lx.out"
check "planted, gate: replay command" grep -q 'diff --against linux "$here/minimal.prog"' "$f/replay.sh"
check "planted, gate: repro.c builds" cc -o "$lx/repro" "$f/repro.c"
"$lx/repro" > "$lx.run" 2>&1
check "planted, gate: repro.c shows the dup2" grep -qE '^> +[0-9]+  p0 dup2 ([0-9]+) \1 +[0-9]+ +model: [0-9]+$' "$lx.run"
check "planted, gate: repro.c runs every step" test "$(grep -c 'model:' "$lx.run")" = "$(grep -vc '^#' "$f/minimal.prog")"
[ "$failed" = 0 ] || cat "$lx.out" "$lx.run" 2>&1 | head -40
done_checks
