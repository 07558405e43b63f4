#!/usr/bin/env bash
# bazel test //diff:gate: ./forkspec gate on the corpus with a 20 s random
# phase must pass on the kernel, and fail on a kernel with a planted bug.
set -uo pipefail
passed=0 failed=0
if diff/gate_cli --kernel kernel/kernel.elf --seconds 20 "$@"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: the gate does not pass on the kernel"
fi
diff/gate_cli --kernel kernel/kernel_mutant_dup2_same.elf --seconds 0 "$@" > "${TEST_TMPDIR:-/tmp}/mutant.out" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q "dup2_edges.prog: diverge at step 2" "${TEST_TMPDIR:-/tmp}/mutant.out"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL: the gate misses the dup2 mutant (status $rc)"; cat "${TEST_TMPDIR:-/tmp}/mutant.out"
fi
rm -f "${TEST_TMPDIR:-/tmp}/mutant.out"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
