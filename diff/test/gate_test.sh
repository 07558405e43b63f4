#!/usr/bin/env bash
# bazel test //diff:gate: ./forkspec gate on the corpus and 300 random
# programs must pass on the kernel, and fail on a kernel with a planted
# bug, saving what it found. (On Linux: linux_test.sh.)
set -uo pipefail
passed=0 failed=0
out=${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR:-/tmp}}
if diff/gate_cli --against kernel --kernel kernel/kernel.elf --programs 300 \
        --findings "$out/findings" "$@"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: the gate does not pass on the kernel"
fi
tmp=${TEST_TMPDIR:-/tmp}/gate-mutant
diff/gate_cli --against kernel --kernel kernel/kernel_mutant_dup2_same.elf --programs 0 \
    --findings "$tmp/findings" "$@" > "$tmp.out" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q "dup2_edges.prog: diverge at step 2" "$tmp.out"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: the gate misses the dup2 mutant (status $rc)"; cat "$tmp.out"
fi
# every finding saved in a directory named by its signature's CRC-32
saved=$(grep -c "^  saved in " "$tmp.out")
ndirs=$(ls "$tmp/findings" 2>/dev/null | wc -l)
ok=1
for dir in $(sed -n 's/^  saved in \([^ ]*\) (.*/\1/p' "$tmp.out"); do
    case "$(basename "$dir")" in [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) ;; *) ok=0 ;; esac
    for f in finding.txt program.prog report.txt minimal.prog minimal.bin kernel.elf; do
        [ -s "$dir/$f" ] || { ok=0; echo "missing $dir/$f"; }
    done
    [ -x "$dir/replay.sh" ] && [ -x "$dir/qemu.sh" ] || ok=0
    grep -q "^hits: 1$" "$dir/finding.txt" || ok=0
done
dup2=$(dirname "$(grep -l "p0 dup2 0 0" "$tmp"/findings/*/minimal.prog | head -1)")
if [ "$saved" -ge 1 ] && [ "$saved" = "$ndirs" ] && [ "$ok" = 1 ] && [ -d "$dup2" ] \
   && [ "$(grep -vc '^#' "$dup2/minimal.prog")" -le 3 ] \
   && grep -q "diverge at step" "$dup2/report.txt"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: findings not saved as they should be ($saved saved, $ndirs directories)"
    ls -R "$tmp/findings" 2>&1 | head -30
fi
# the same bugs found again: the same directories, their hits counted, nothing re-saved
diff/gate_cli --against kernel --kernel kernel/kernel_mutant_dup2_same.elf --programs 0 \
    --findings "$tmp/findings" "$@" > "$tmp.again" 2>&1
rc=$?
if [ "$rc" = 1 ] && ! grep -q "^  saved in " "$tmp.again" && grep -q "^  seen before: " "$tmp.again" \
   && [ "$(ls "$tmp/findings" | wc -l)" = "$ndirs" ] && grep -q "^hits: 2$" "$dup2/finding.txt"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: a finding seen again (status $rc)"; cat "$tmp.again" "$dup2/finding.txt"
fi
# replay.sh from another directory (FORKSPEC: a stand-in for ./forkspec here)
cat > "$tmp.forkspec" <<SH
#!/bin/sh
cmd=\$1; shift
exec "$PWD/diff/\$cmd" "\$@"
SH
chmod +x "$tmp.forkspec"
(cd / && FORKSPEC=$tmp.forkspec "$dup2/replay.sh") > "$tmp.replay" 2>&1
if grep -q "minimal.prog: diverge at step" "$tmp.replay" && grep -qE '^ +p0: alive' "$tmp.replay"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: replay.sh from /"; cat "$dup2/replay.sh" "$tmp.replay"
fi
# qemu.sh: the kernel alone in one-shot mode, each step's result readable
(cd / && "$dup2/qemu.sh") > "$tmp.qemu" 2>&1
rc=$?
steps=$(grep -vc '^#' "$dup2/minimal.prog")
if [ "$rc" = 1 ] && [ "$(grep -c '^step [0-9]*: p' "$tmp.qemu")" = "$steps" ] \
   && grep -q "^step [0-9]*: p0 dup2 0 0 = 0$" "$tmp.qemu" && grep -q "^end: " "$tmp.qemu" \
   && grep -q "^# At step [0-9]* both give 0; the state after it differs" "$dup2/qemu.sh"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: qemu.sh (status $rc)"; cat "$dup2/qemu.sh" "$tmp.qemu"
fi
# bad options: exit 2 and say which, never a run with a garbage bound
for bad in "--programs abc" "--programs -1" "--seconds 3x" "--seed" "--nope"; do
    # shellcheck disable=SC2086
    diff/gate_cli --against kernel --kernel kernel/kernel.elf "$@" $bad > "$tmp.bad" 2>&1
    rc=$?
    if [ "$rc" = 2 ] && grep -qE "gate_cli|forkspec gate" "$tmp.bad" && grep -q "usage\|number" "$tmp.bad"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL: gate $bad: status $rc"; cat "$tmp.bad"
    fi
done
diff/gate_cli --against kernel --kernel kernel/kernel.elf --gen sideways "$@" > "$tmp.bad" 2>&1
rc=$?
if [ "$rc" = 2 ] && grep -q "not realistic, directed or mixed" "$tmp.bad"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: gate --gen sideways: status $rc"; cat "$tmp.bad"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
