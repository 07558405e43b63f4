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
# every finding saved: program, report, minimized program, replay command
saved=$(ls "$tmp/findings" 2>/dev/null | wc -l)
found=$(grep -c "^  saved in " "$tmp.out")
if [ "$saved" -ge 1 ] && [ "$saved" = "$found" ] && [ -x "$tmp/findings/001/replay.sh" ] \
   && grep -q "p0 dup2 0 0" "$tmp/findings/001/minimal.prog" \
   && [ "$(grep -vc '^#' "$tmp/findings/001/minimal.prog")" -le 3 ] \
   && grep -q "diverge at step" "$tmp/findings/001/report.txt"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: findings not saved as they should be ($saved saved, $found reported)"
    ls -R "$tmp/findings" 2>&1 | head; cat "$tmp/findings/001/minimal.prog" 2>&1
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
