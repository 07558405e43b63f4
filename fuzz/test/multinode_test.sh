#!/usr/bin/env bash
# Machines on shared storage, as campaign processes on one directory: the
# main one and --node b, c. They import each other's queue entries through
# AFL++'s sync, each triages every machine's crashes, and a bug they all
# find is one finding, its hits counted.
set -uo pipefail
. diff/test/check.sh
campaign() { fuzz/campaign.sh . . kernel/kernel_coverage_mutant_dup2_same.elf --jobs 1 \
                 --out "$tmp/shared" "$@"; }
# b runs alone; main joins (importing b's finds first) and keeps running
# while c joins (a secondary imports from a running main node only); c's
# run is bounded by executions, then main is stopped as a user would.
campaign --node b --execs 3000 > "$tmp/b.out" 2>&1; rcb=$?
fuzz/campaign.sh . . kernel/kernel_coverage_mutant_dup2_same.elf --jobs 1 --out "$tmp/shared" \
    --execs 1000000 > "$tmp/a.out" 2>&1 &
main=$!         # campaign.sh itself, which TERM stops as Ctrl-C would
own_entries() { ls "$tmp/shared/sync/main/queue" 2>/dev/null | grep -v 'orig:\|sync:' | grep -q .; }
for _ in $(seq 1 2400); do own_entries && break; kill -0 "$main" 2>/dev/null || break; sleep 0.5; done
saved_crashes() { ls "$tmp"/shared/sync/"$1"/crashes/id:* "$tmp"/shared/sync/"$1"/hangs/id:* 2>/dev/null | wc -l; }
main_before=$(saved_crashes main)     # main keeps saving while c runs and triages
campaign --node c --execs 3000 > "$tmp/c.out" 2>&1; rcc=$?
kill -TERM "$main"; wait "$main"; rca=$?
check "every machine ran and found the bug (exit 1)" test "$rcb$rca$rcc" = 111
check "kernel edges shared in DIR/cover" test -s "$tmp/shared/cover/main" -a -s "$tmp/shared/cover/c-1"
check "main's own files in DIR" test -s "$tmp/shared/summary.txt"
check "b's and c's in DIR/node-NAME" test -s "$tmp/shared/node-b/summary.txt" -a -s "$tmp/shared/node-c/summary.txt"
check "one sync directory for all" test -d "$tmp/shared/sync/main" -a -d "$tmp/shared/sync/b-1" -a -d "$tmp/shared/sync/c-1"
check "main imported b's entries" sh -c "ls '$tmp/shared/sync/main/queue' | grep -q 'sync:b-1'"
check "c imported main's entries" sh -c "ls '$tmp/shared/sync/c-1/queue' | grep -q 'sync:main'"
# c's triage replayed every crash and hang any machine had saved when it
# ran: all of b's and c's, and at least those main had before c started
saved=$(( $(saved_crashes b-1) + $(saved_crashes c-1) + main_before ))
replayed=$(sed -n 's/^triage: \([0-9]*\) crash(es) replayed.*/\1/p' "$tmp/shared/node-c/summary.txt")
check "triage reads every machine's crashes" test "${replayed:-0}" -ge "$saved"
# what b found first was found again by main and c: the same directory
f=$(sed -n 's/^  \(.*\): new: .*/\1/p' "$tmp/b.out" | head -1)
check "b's first finding has the dup2 step" grep -q "dup2" "$f/minimal.prog"
check "its hits count every machine's run" grep -q "^hits: 3$" "$f/finding.txt"
check "signatures are not duplicated" sh -c \
    "[ \$(cat '$tmp'/shared/findings/*/finding.txt | grep -c '^signature:') = \$(cat '$tmp'/shared/findings/*/finding.txt | grep '^signature:' | sort -u | wc -l) ]"
if [ "$failed" != 0 ]; then
    tail -n 8 "$tmp/b.out" "$tmp/a.out" "$tmp/c.out"; cat "$tmp"/shared/findings/*/finding.txt
    ls "$tmp/shared/sync"/*/queue | grep -v orig: | head -20
fi
done_checks
