#!/usr/bin/env bash
# Runs the gate on each mutant kernel, stopping at the first finding;
# prints killed or not and the time to kill. Exit 1 if any survives.
# usage: run_mutants.sh GATE CORPUS_DIR LIMIT MUTANT.elf...
# LIMIT bounds the gate's random phase: --seconds=N or --programs=N.
set -uo pipefail
gate=$1 corpus=$2 limit=$3
shift 3
. "$(dirname "$0")/score.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for elf in "$@"; do
    name=$(basename "$elf" .elf)
    name=${name#kernel_mutant_}
    start=$(date +%s%N)
    "$gate" --against kernel --kernel "$elf" "$limit" --first --findings "$tmp/$name" \
        "$corpus"/*.prog > "$tmp/$name.log" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    t=$(printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)))
    if [ "$rc" = 1 ]; then
        score_killed "$name" "$t" \
            "$(grep -m1 -E ': (diverge|leak|kernel panic|kernel hang|transport failure)' "$tmp/$name.log" | sed 's/^.*: \(diverge\|leak\|kernel panic\|kernel hang\|transport failure\)/\1/' | cut -c1-60)"
    else
        score_survived "$name" "the gate with $limit (status $rc)"
    fi
done
score_summary "mutants"
