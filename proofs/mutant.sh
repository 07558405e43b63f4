#!/usr/bin/env bash
# A planted model bug the proof must reject (proofs/mutants/NAME.patch):
# applies the patch to a copy of model/ and spec/, proves property PROP of
# FUNCTION (the one the bug is in; an ensures named PROP) with wp.sh and
# the target's limits, and passes only when that proof fails. A patch that
# does not apply, or a Frama-C that fails to start, is a failure, not a
# kill. (The unmutated property is proved by the function's target.)
# usage: mutant.sh PATCH FUNCTION PROP NAME Z3_STEPS CVC4_STEPS FILE...
set -uo pipefail
patch_file=$(realpath "$1") function=$2 prop=$3 name=$4 z3=$5 cvc4=$6
shift 6
tmp=${TEST_TMPDIR:-$(mktemp -d)}
wp=$(realpath proofs/wp.sh)
rm -rf "$tmp/src" "$tmp/wp" && mkdir -p "$tmp/src" "$tmp/wp"
cp -rL model spec "$tmp/src/"
if ! (cd "$tmp/src" && patch -p1 --quiet --no-backup-if-mismatch < "$patch_file"); then
    echo "model mutant $name: $patch_file does not apply"
    echo "0 passed, 1 failed"
    exit 1
fi
cd "$tmp/src"
TEST_TMPDIR=$tmp/wp WP_GOALS="-wp-prop $prop" bash "$wp" "$name" "$z3" "$cvc4" "$function" "$@" \
    > "$tmp/report" 2>&1
status=$?
grep "NOT PROVED" "$tmp/report"
if [ "$status" != 0 ] && grep -q "NOT PROVED: $function: .*_$prop\$" "$tmp/report"; then
    echo "model mutant $name: killed ($function's $prop is not proved)"
    echo "1 passed, 0 failed"
    exit 0
fi
cat "$tmp/report"
if [ "$status" = 0 ]; then
    echo "model mutant $name: SURVIVED: $function's $prop is proved with the bug in"
else
    echo "model mutant $name: the proof failed, but not on $function's $prop"
fi
echo "0 passed, 1 failed"
exit 1
