#!/usr/bin/env bash
# ./forkspec campaign as a user runs it, bounded by executions: on the bundled kernel's
# coverage build it shows progress, plots, summarizes and exits 0 (or 1
# with findings); on a mutant kernel it finds the bug and saves it
# triaged and minimized. Also: the harnesses' plain builds replay inputs.
set -uo pipefail
. diff/test/check.sh
campaign() { fuzz/campaign.sh . . "$@"; }

cp kernel/kernel_coverage.elf "$tmp/own.elf"     # a path no other test's QEMU has
campaign "$tmp/own.elf" --execs 3000 --jobs 1 --out "$tmp/c" > "$tmp/out" 2>&1; rc=$?
check "bundled: exit 0 (nothing found)" test "$rc" = 0
check "bundled: no harness or QEMU left running" sh -c "! pgrep -f '$tmp/[o]wn.elf' > /dev/null"
check "bundled: progress lines" grep -qE '^campaign +[0-9]+s/3000x1 execs  1 jobs +[0-9]+ execs/s  [0-9]+ execs  corpus [0-9]+  kernel edges [0-9]+/4096  crashes\+hangs 0$' "$tmp/out"
check "bundled: kernel coverage arrives" sh -c "awk -F'\t' 'NR > 1 && \$2 > 100' '$tmp/c/progress.tsv' | grep -q ."
check "bundled: the fuzzer ran" sh -c "awk -F'\t' 'NR > 1 && \$4 > 100' '$tmp/c/progress.tsv' | grep -q ."
check "bundled: edges and execs never go backwards" awk -F'\t' 'NR > 2 && ($2 < e || $4 < x) { bad = 1 } NR > 1 { e = $2; x = $4 } END { exit bad }' "$tmp/c/progress.tsv"
check "bundled: summary" grep -q "^triage: 0 crash(es) replayed: 0 distinct finding(s)" "$tmp/c/summary.txt"
check "bundled: plot" sh -c "file '$tmp/c/progress.png' | grep -q 'PNG image'"
# plumbing only: the step mutator's behaviour is fuzz:mutator_test's
check "bundled: AFL++ loads the step mutator" grep -q "Loading custom mutator library from '.*mutator.so'" "$tmp/c/afl-main.log"

# a fuzzer that dies (its mutator crashes afl-fuzz): said, exit 3, nothing left running
campaign "$tmp/own.elf" --execs 3000 --jobs 1 --mutator fuzz/crashing_mutator.so --out "$tmp/dead" \
    > "$tmp/dead.out" 2>&1; rc=$?
check "dead fuzzer: exit 3" test "$rc" = 3
check "dead fuzzer: said so, with its status" grep -q "AFL++ (main) exited with status" "$tmp/dead.out"
check "dead fuzzer: no harness or QEMU left running" sh -c "! pgrep -f '$tmp/[o]wn.elf' > /dev/null"

campaign kernel/kernel_mutant_dup2_same.elf --execs 3000 --jobs 1 --out "$tmp/m" > "$tmp/mout" 2>&1; rc=$?
check "mutant: exit 1" test "$rc" = 1
f=$(dirname "$(grep -l dup2 "$tmp"/m/findings/*/minimal.prog 2>/dev/null | head -1)")
check "mutant: a finding with the dup2 step" test -f "$f/minimal.prog"
check "mutant: minimized" test "$(grep -vc '^#' "$f/minimal.prog")" -le 4
check "mutant: deduplicated" grep -qE "^  $(basename "$f") +x[0-9]+ +diverge dup2" "$tmp/m/summary.txt"
check "mutant: replay command" test -x "$f/replay.sh"

# bad options exit 2 at once (a trailing option without its value looped forever)
for bad in "--seconds" "--execs 0" "--jobs x" "--seeds /nonexistent" "--bogus" \
           "--mutator /nonexistent.so"; do
    # shellcheck disable=SC2086
    campaign kernel/kernel_coverage.elf --out "$tmp/bad" $bad > "$tmp/bad.out" 2>&1; rc=$?
    check "bad option $bad: exit 2" test "$rc" = 2
done

# the plain builds: an input from stdin, replayed once
printf 'p0 fork\np1 open /f0 rdonly\np1 dup2 0 0\np1 read 0 3\n' > "$tmp/p.prog"
host/fmt --binary -o "$tmp/p.bin" "$tmp/p.prog"
check "fuzz_model replay: agrees" sh -c "fuzz/fuzz_model_replay < '$tmp/p.bin'"
check "fuzz_diff replay: agrees" sh -c "fuzz/fuzz_diff_replay kernel/kernel.elf < '$tmp/p.bin'"
fuzz/fuzz_diff_replay kernel/kernel_mutant_dup2_same.elf < "$tmp/p.bin" > "$tmp/r" 2>&1; rc=$?
check "fuzz_diff replay: the mutant aborts" test "$rc" = 134
check "fuzz_diff replay: with the report" grep -q "diverge at step 2 (model vs kernel)" "$tmp/r"

if [ "$failed" != 0 ]; then cat "$tmp/out" "$tmp/mout"; tail -5 "$tmp"/*/afl-main.log; fi
done_checks
