#!/usr/bin/env bash
# forkspec minimize: a planted kernel bug buried in a longer program comes
# out as the few steps that show it, and the result still diverges.
set -uo pipefail
min=diff/minimize_cli
diff=diff/diff
mutant=kernel/kernel_mutant_dup2_same.elf
. diff/test/check.sh

cat > "$tmp/long.prog" <<'P'
p0 open /f0 rdonly
p0 fork
p1 getpid
p0 pipe
p1 write 0 5 1
p0 mmap 0x40000000 2 rw private
p0 store 0x40000000 7
p0 dup2 0 0
p0 read 0 4
p1 exit 0
p0 wait -1
P
"$min" --kernel "$mutant" -o "$tmp/min.prog" "$tmp/long.prog" 2> "$tmp/err"; rc=$?
check "exit 0" test "$rc" = 0
check "progress on stderr" grep -q "11 steps, divergence" "$tmp/err"
check "header" grep -q "^# minimized by forkspec minimize from 11 steps" "$tmp/min.prog"
# the fork stays: without it the node's refcount would differ too, which
# is another signature ("diverge dup2 result-same file p" has no node)
check "signature" grep -q 'divergence: diverge dup2 result-same file p$' "$tmp/min.prog"
check "three steps" test "$(grep -vc '^#' "$tmp/min.prog")" = 3
check "the open" grep -qx "p0 open /f0 rdonly" "$tmp/min.prog"
check "the fork" grep -qx "p0 fork" "$tmp/min.prog"
check "the dup2" grep -qx "p0 dup2 0 0" "$tmp/min.prog"
"$diff" --kernel "$mutant" "$tmp/min.prog" > /dev/null 2>&1; rc=$?
check "still diverges" test "$rc" = 1
"$diff" --kernel kernel/kernel.elf "$tmp/min.prog" > /dev/null 2>&1; rc=$?
check "not on the real kernel" test "$rc" = 0

"$min" --kernel kernel/kernel.elf "$tmp/long.prog" > "$tmp/agree" 2>&1; rc=$?
check "agreeing program: exit 1" test "$rc" = 1
check "agreeing program: says so" grep -q "nothing to minimize" "$tmp/agree"
printf 'p0 frk\n' > "$tmp/bad.prog"
"$min" --kernel "$mutant" "$tmp/bad.prog" > /dev/null 2>&1; rc=$?
check "bad program: exit 2" test "$rc" = 2

[ "$failed" != 0 ] && { cat "$tmp/err"; cat "$tmp/min.prog"; }
done_checks
