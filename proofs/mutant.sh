#!/usr/bin/env bash
# A planted model bug the proof must reject (proofs/mutants/NAME.patch):
# applies the patch to a copy of model/ and spec/ and passes only when
#   PROP is a name: proving FUNCTION's ensures, assert or loop invariant
#                   named PROP (wp.sh goals, that goal alone) fails;
#   PROP is smoke:  one of FUNCTION's smoke tests fails (wp.sh smoke): a
#                   prover proves false, from its precondition or before
#                   a statement;
#   PROP is assigns: FUNCTION writes outside its assigns clause.
# A patch that does not apply, or a Frama-C that fails to start, is a
# failure, not a kill. (The unmutated function is proved by its target.)
# usage: mutant.sh PATCH FUNCTION PROP NAME Z3_STEPS CVC4_STEPS FILE...
set -uo pipefail
patch_file=$(realpath "$1") function=$2 prop=$3 name=$4 z3=$5 cvc4=$6
shift 6
tmp=${TEST_TMPDIR:-$(mktemp -d)}
wp=$(realpath proofs/wp.sh)
rm -rf "$tmp/src" "$tmp/wp" && mkdir -p "$tmp/src" "$tmp/wp"
for dir in model spec; do     # the spec targets list no model file
    [ -d "$dir" ] && cp -rL "$dir" "$tmp/src/"
done
if ! (cd "$tmp/src" && patch -p1 --quiet --no-backup-if-mismatch < "$patch_file"); then
    echo "model mutant $name: $patch_file does not apply"
    echo "0 passed, 1 failed"
    exit 1
fi
cd "$tmp/src"
if [ "$prop" = smoke ]; then
    TEST_TMPDIR=$tmp/wp bash "$wp" smoke "$name" "$z3" "$cvc4" "$function" "$@" > "$tmp/report" 2>&1
    status=$? kill="SMOKE TEST FAILED.*: $function: " what="a smoke test of $function"
else
    select=$prop
    [ "$prop" = assigns ] && select=@assigns    # assigns clauses carry no name
    TEST_TMPDIR=$tmp/wp WP_GOALS="-wp-prop $select" bash "$wp" goals "$name" "$z3" "$cvc4" "$function" "$@" \
        > "$tmp/report" 2>&1
    status=$? kill="NOT PROVED: $function: .*_$prop\(_preserved\|_established\)\?\$"
    what="$function's $prop"
fi
grep "NOT PROVED\|SMOKE TEST FAILED" "$tmp/report"
if [ "$status" != 0 ] && grep -q "$kill" "$tmp/report"; then
    echo "model mutant $name: killed ($what fails)"
    echo "1 passed, 0 failed"
    exit 0
fi
cat "$tmp/report"
if [ "$status" = 0 ]; then
    echo "model mutant $name: SURVIVED: $what holds with the bug in"
else
    echo "model mutant $name: the proof failed, but not on $what"
fi
echo "0 passed, 1 failed"
exit 1
