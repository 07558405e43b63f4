#!/usr/bin/env bash
# A planted model bug the proof must reject (proofs/mutants/NAME.patch):
# applies the patch to a copy of model/ and spec/, proves FUNCTIONS with
# wp.sh, and passes only when the proof fails on a goal of FUNCTION (the
# one the bug is in) and nothing else went wrong: a patch that does not
# apply or a Frama-C that fails to start is a failure, not a kill.
# usage: mutant.sh PATCH FUNCTION NAME Z3_STEPS CVC4_STEPS FUNCTIONS FILE...
set -uo pipefail
patch_file=$(realpath "$1") function=$2 name=$3
shift 3
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
TEST_TMPDIR=$tmp/wp bash "$wp" "$name" "$@" > "$tmp/report" 2>&1
status=$?
grep "NOT PROVED" "$tmp/report"
if [ "$status" != 0 ] && grep -q "NOT PROVED: $function: " "$tmp/report"; then
    echo "model mutant $name: killed (the proof of $function fails)"
    echo "1 passed, 0 failed"
    exit 0
fi
cat "$tmp/report"
if [ "$status" = 0 ]; then
    echo "model mutant $name: SURVIVED: every goal is proved with the bug in"
else
    echo "model mutant $name: the proof failed, but not on a goal of $function"
fi
echo "0 passed, 1 failed"
exit 1
