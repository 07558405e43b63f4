#!/usr/bin/env bash
# wp.sh fails on a Frama-C warning even when every goal is proved: here a
# call to a function with neither code nor contract (proofs/test/warns.c).
set -uo pipefail
out=$(bash proofs/wp.sh goals warns 500000 50000 calls_undefined proofs/test/warns.c 2>&1)
status=$?
grep -v "passed, [0-9]* failed$" <<< "$out"
if [ "$status" != 0 ] && grep -q "goals proved" <<< "$out" \
    && grep -q "UNEXPECTED WARNING: \[kernel:annot:missing-spec\]" <<< "$out"; then
    echo "wp.sh failed on the warning, as it must"
    echo "1 passed, 0 failed"
    exit 0
fi
echo "wp.sh did not fail on Frama-C's missing-spec warning"
echo "0 passed, 1 failed"
exit 1
