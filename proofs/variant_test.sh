#!/usr/bin/env bash
# wp.sh's goals include termination: a loop without a variant fails them,
# though every other goal of its function is proved (proofs/test/no_variant.c).
set -uo pipefail
out=$(bash proofs/wp.sh goals no_variant 500000 50000 wait_for_zero proofs/test/no_variant.c 2>&1)
status=$?
grep -v "passed, [0-9]* failed$" <<< "$out"
if [ "$status" != 0 ] && grep -q "^  NOT PROVED: wait_for_zero: wait_for_zero_terminates$" <<< "$out" \
    && [ "$(grep -c "NOT PROVED" <<< "$out")" = 1 ] && ! grep -q "UNEXPECTED WARNING" <<< "$out"; then
    echo "wp.sh failed on the loop without a variant, and on nothing else, as it must"
    echo "1 passed, 0 failed"
    exit 0
fi
echo "wp.sh did not fail on the loop without a variant alone"
echo "0 passed, 1 failed"
exit 1
