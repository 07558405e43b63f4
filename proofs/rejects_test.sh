#!/usr/bin/env bash
# wp.sh fails where a proof would be hollow, though every other goal is
# proved: a call to a function with neither code nor contract (Frama-C's
# missing-spec warning; WP would give the callee a default assigns and
# prove the caller anyway: test/warns.c), a loop without a variant
# (its function's terminates goal: test/no_variant.c), and a cast that
# wraps a value (its RTE goal: test/wraps.c).
set -uo pipefail
failed=0
rejects() {  # REASON FUNCTION FILE [ALSO]: wp.sh fails on REASON (and ALSO) alone
    local out status others
    out=$(bash proofs/wp.sh goals "$2" 500000 50000 "$2" "$3" 2>&1)
    status=$?
    grep -v "passed, [0-9]* failed$" <<< "$out"
    others=$(grep "NOT PROVED\|UNEXPECTED WARNING" <<< "$out" | grep -v "$1" \
             | grep -cv "${4:-^$}")
    if [ "$status" != 0 ] && grep -q "goals proved" <<< "$out" && grep -q "$1" <<< "$out" \
        && [ "$others" = 0 ]; then
        echo "wp.sh failed on '$1' alone, as it must"
    else
        echo "wp.sh did not fail on '$1' alone"
        failed=$((failed + 1))
    fi
}
# WP's own warning about the same callee comes with Frama-C's
rejects "UNEXPECTED WARNING: \[kernel:annot:missing-spec\]" calls_undefined proofs/test/warns.c \
    "UNEXPECTED WARNING: \[wp:pedantic-assigns\].*undefined_helper"
rejects "NOT PROVED: wait_for_zero: wait_for_zero_terminates" wait_for_zero proofs/test/no_variant.c
rejects "NOT PROVED: as_signed: as_signed_assert_rte_signed_downcast" as_signed proofs/test/wraps.c
echo "$((3 - failed)) passed, $failed failed"
[ "$failed" = 0 ]
