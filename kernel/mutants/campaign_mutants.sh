#!/usr/bin/env bash
# The mutation score under AFL++: a campaign (one job, stopping at the
# first crash) on each mutant's coverage build, from SEEDS: the corpus (a
# user's campaign), or fuzz/seeds' tiny programs, where the time to kill
# is the fuzzer's own work. Exit 1 if any survives.
# usage: campaign_mutants.sh SRC BIN SEEDS SECONDS MUTANT.elf...  (SRC, BIN:
# as fuzz/campaign.sh takes them)
set -uo pipefail
src=$1 bin=$2 seeds=$3 seconds=$4
shift 4
. "$(dirname "$0")/score.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for elf in "$@"; do
    name=$(basename "$elf" .elf)
    name=${name#kernel_coverage_mutant_}
    "$src/fuzz/campaign.sh" "$src" "$bin" "$elf" --seconds "$seconds" --jobs 1 --first --seeds "$seeds" \
        --out "$tmp/$name" > "$tmp/$name.log" 2>&1
    rc=$?
    t=$(sed -n 's/^campaign: first crash or hang after \([0-9.]*\) s$/\1/p' "$tmp/$name.log")
    if [ "$rc" = 1 ] && [ -n "$t" ]; then
        score_killed "$name" "$t" "$(sed -n 's/^  [0-9a-f]\{8\}[-0-9]* *x[0-9]* *//p' "$tmp/$name.log" | head -1 | cut -c1-60)"
    else
        score_survived "$name" "$seconds s of a campaign (status $rc)"
        [ "$rc" = 2 ] && tail -n 3 "$tmp/$name.log" "$tmp/$name/afl-main.log" 2>/dev/null | sed 's/^/    /'
    fi
done
score_summary "mutants (AFL++ campaigns)"
