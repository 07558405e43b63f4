#!/usr/bin/env bash
# bazel test //diff:gate: ./forkspec gate on the corpus with a 15 s random
# phase per backend must pass on the kernel and on Linux, and fail on a
# kernel (or a Linux backend) with a planted bug, saving what it found.
set -uo pipefail
passed=0 failed=0
out=${TEST_UNDECLARED_OUTPUTS_DIR:-${TEST_TMPDIR:-/tmp}}
if diff/gate_cli --kernel kernel/kernel.elf --seconds 15 --findings "$out/findings" "$@"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: the gate does not pass on the kernel"
fi
tmp=${TEST_TMPDIR:-/tmp}/gate-mutant
diff/gate_cli --against kernel --kernel kernel/kernel_mutant_dup2_same.elf --seconds 0 \
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
# a Linux finding also gets a standalone C reproducer that builds and runs
lx=${TEST_TMPDIR:-/tmp}/gate-linux
FORKSPEC_LINUX_PLANT=dup2_same diff/gate_cli --against linux --seconds 0 --first \
    --findings "$lx/findings" "$@" > "$lx.out" 2>&1
rc=$?
f=$lx/findings/001
if [ "$rc" = 1 ] && grep -q "diverge at step .* (model vs linux)" "$lx.out" \
   && grep -q "forkspec diff --against linux" "$f/replay.sh" \
   && cc -o "$lx/repro" "$f/repro.c" 2> "$lx.cc" \
   && "$lx/repro" > "$lx.run" 2>&1 \
   && grep -qE '^> +[0-9]+  p0 dup2 ([0-9]+) \1 +[0-9]+ +model: [0-9]+$' "$lx.run" \
   && [ "$(grep -c 'model:' "$lx.run")" = "$(grep -vc '^#' "$f/minimal.prog")" ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: the Linux finding or its C reproducer (status $rc)"
    cat "$lx.out" "$lx.cc" "$lx.run" 2>&1 | head -40
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
