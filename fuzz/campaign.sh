#!/usr/bin/env bash
# forkspec campaign: AFL++ on fuzz_diff (model vs the coverage build of the
# bundled kernel, guided by the model's and the kernel's edges), one live
# progress line, then triage of every crash and hang into DIR/findings,
# a summary and a plot. Exit 1 if anything was found, 0 if not, 2 on bad
# usage. usage (from ./forkspec): campaign.sh SRC BIN KERNEL [ARGS]
# SRC: the source tree (diff/corpus, fuzz/tokens.prog); BIN: where Bazel put
# the tools (fuzz/fuzz_diff.afl, fuzz/triage, fuzz/mutator.so,
# fuzz/cover_count, host/fmt); in a test's runfiles both are ".".
# Inputs are at most 640 bytes (about 64 to 300 steps): room for a table
# filled to its limit (32 one-page mappings take 330 bytes), still short
# enough to run and minimize fast.
set -uo pipefail
src=$1 bin=$2 kernel=$3
shift 3
harness=$bin/fuzz/fuzz_diff.afl fmt=$bin/host/fmt triage=$bin/fuzz/triage
cover_count=$bin/fuzz/cover_count mutator=$bin/fuzz/mutator.so tokens=$src/fuzz/tokens.prog
seconds=300 max_execs= jobs=$(nproc 2>/dev/null || echo 1) out=campaign first=0 node=
seeds=$src/diff/corpus initramfs=
usage() {
    cat <<'TXT'
usage: ./forkspec campaign [--seconds N | --execs N] [--jobs J] [--out DIR] [--seeds DIR]
                           [--first] [--node NAME]
  --seconds N  how long AFL++ runs (default 300)
  --execs N    instead: how many programs each fuzzer runs (AFL++'s -E),
               however long that takes (the tests use it)
  --jobs J     fuzzer processes: one -M main, the others -S (default: the cores)
  --seeds DIR  the seed programs (text, *.prog; default the regression corpus)
  --first      stop at the first crash or hang (the mutation score uses it)
  --node NAME  another machine joining DIR on shared storage: its fuzzers
               are all secondaries, NAME-1 .. NAME-J, sharing DIR/sync and
               DIR/findings; its own files go to DIR/node-NAME
  --kernel IMG the kernel under test: the bundled kernel's coverage build
               (default), or a Linux bzImage with KCOV (./forkspec
               linux-kernel), run with the agent (--initramfs F)
  --no-mutator AFL++'s own mutations only, without the step mutator
               (fuzz/mutator.c)
  --mutator LIB another AFL++ custom mutator library instead of the step
               mutator
  --out DIR    the campaign's directory (default ./campaign): DIR/sync is
               AFL++'s sync directory (resumed; on shared storage other
               machines join it with --node), DIR/findings the triaged
               findings, DIR/summary.txt, DIR/progress.png
Exit status: 0 nothing found, 1 findings, 2 bad input or AFL++ did not
start, 3 a fuzzer died before its time (its log's end is printed).
TXT
}
value() {  # OPTION ARGS...: the option's value, or exit 2 when it has none
    [ $# -ge 2 ] || { echo "forkspec campaign: $1 needs a value" >&2; usage >&2; exit 2; }
}
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) value "$@"; seconds=$2; shift 2 ;;
        --execs) value "$@"; max_execs=$2; shift 2 ;;
        --jobs) value "$@"; jobs=$2; shift 2 ;;
        --out) value "$@"; out=$2; shift 2 ;;
        --seeds) value "$@"; seeds=$2; shift 2 ;;
        --first) first=1; shift ;;
        --node) value "$@"; node=$2; shift 2 ;;
        --no-mutator) mutator=; shift ;;
        --mutator) value "$@"; mutator=$2; shift 2 ;;
        --kernel) value "$@"; kernel=$2; shift 2 ;;
        --initramfs) value "$@"; initramfs=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "forkspec campaign: unexpected '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
for n in "$seconds" "$jobs" "${max_execs:-1}"; do
    case "$n" in ""|*[!0-9]*|0*) echo "forkspec campaign: --seconds, --execs and --jobs take whole numbers, at least 1" >&2; exit 2 ;; esac
done
[ -d "$seeds" ] || { echo "forkspec campaign: --seeds $seeds: not a directory" >&2; exit 2; }
[ -r "$kernel" ] || { echo "forkspec campaign: --kernel $kernel: not readable" >&2; exit 2; }
kernel=$(realpath "$kernel")
target=("$kernel")         # what fuzz_diff and triage run on
if [ "$(head -c 518 "$kernel" | tail -c 4)" = HdrS ]; then     # a bzImage: Linux
    [ -r "$initramfs" ] || { echo "forkspec campaign: a Linux kernel needs --initramfs" >&2; exit 2; }
    target=("$kernel" "$(realpath "$initramfs")")
fi
# the bound: AFL++'s -V seconds, or -E executions (then no time limit here)
if [ -n "$max_execs" ]; then bound=(-E "$max_execs") seconds=0; else bound=(-V "$seconds"); fi
# DIR/sync (AFL++'s), DIR/cover (each fuzzer's kernel edges) and
# DIR/findings are shared by every machine on the storage; the rest is
# this machine's own: DIR itself, or DIR/node-NAME.
here=$out${node:+/node-$node}
mkdir -p "$here/seeds" "$out/sync" "$out/cover" || { echo "forkspec campaign: cannot create $here" >&2; exit 2; }
out=$(cd "$out" && pwd) here=$(cd "$here" && pwd)

# seeds: the regression corpus in the binary form
for f in "$seeds"/*.prog; do
    "$fmt" --binary -o "$here/seeds/$(basename "$f" .prog).bin" "$f" || exit 2
done
# the dictionary: each step of tokens.prog, encoded (without the version byte)
: > "$here/steps.dict"
n=0
grep -v '^#' "$tokens" | while read -r step; do
    n=$((n + 1))
    printf '%s\n' "$step" > "$here/token.prog"
    "$fmt" --binary -o "$here/token.bin" "$here/token.prog" || exit 2
    printf 'step_%d="%s"\n' "$n" "$(tail -c +2 "$here/token.bin" | od -An -v -tx1 | tr -d ' \n' | sed 's/../\\x&/g')" >> "$here/steps.dict"
done || exit 2
rm -f "$here/token.prog" "$here/token.bin"

export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_AUTORESUME=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1 AFL_SKIP_CRASHES=1
# a fuzzer joining (or resuming) a campaign first imports what the others
# found (AFL++ syncs again only after each cycle through its queue)
export AFL_IMPORT_FIRST=1
if [ -n "$mutator" ]; then
    [ -r "$mutator" ] || { echo "forkspec campaign: --mutator $mutator: not readable" >&2; exit 2; }
    AFL_CUSTOM_MUTATOR_LIBRARY=$(realpath "$mutator") || exit 2
    export AFL_CUSTOM_MUTATOR_LIBRARY
fi
pids=() names=()
for j in $(seq 1 "$jobs"); do
    if [ -n "$node" ]; then name=$node-$j role=-S
    elif [ "$j" = 1 ]; then name=main role=-M
    else name=s$j role=-S; fi
    # each fuzzer leads its own process group: whatever it leaves behind
    # (a harness stopped in persistent mode, its QEMU) is killed with it
    FORKSPEC_COVER_OUT=$out/cover/$name setsid afl-fuzz $role "$name" -i "$here/seeds" \
        -o "$out/sync" -t 10000 "${bound[@]}" -G 640 -x "$here/steps.dict" -- "$harness" "${target[@]}" \
        > "$here/afl-$name.log" 2>&1 &
    pids+=($!)
    names+=("$name")
done
stop() { kill -INT "${pids[@]}" 2>/dev/null; }
trap 'stop; echo; echo "forkspec campaign: interrupted; triaging what was found" >&2' INT TERM

# Seeds that crash or hang in AFL++'s dry run: it skips them
# (AFL_SKIP_CRASHES) instead of saving them, so they are collected here.
failed_seeds() {
    grep -aho "orig:[^']*' results in a \(crash\|timeout\)" "$here"/afl-*.log 2>/dev/null \
        | sed "s/^orig:\([^']*\)'.*/\1/" | sort -u | sed "s|^|$here/seeds/|"
}

# What the fuzzers have done so far (tab-separated): kernel edges (the OR
# of the harnesses' cover files), executions, corpus entries and crashes
# plus hangs saved (AFL++'s fuzzer_stats), and the seeds that failed.
afl_stat() {    # KEY: its sum over the fuzzers
    awk -F' *: *' -v k="$1" '$1 == k { s += $2 } END { print s + 0 }' "$out"/sync/*/fuzzer_stats 2>/dev/null || echo 0
}
progress() {
    local edges
    edges=$("$cover_count" "$out"/cover/* 2>/dev/null | cut -d' ' -f1)
    printf '%d\t%d\t%d\t%d\n' "${edges:-0}" "$(afl_stat execs_done)" "$(afl_stat corpus_count)" \
        $(( $(afl_stat saved_crashes) + $(afl_stat saved_hangs) + $(failed_seeds | wc -l) ))
}
slots=$("$cover_count" /dev/null | cut -d' ' -f2)

start=$(date +%s) start_ns=$(date +%s%N)
printf 'seconds\tkernel_edges\tfindings\texecs\tcorpus\n' > "$here/progress.tsv"
tty=0; [ -t 1 ] && tty=1
last=0 last_t=0 last_execs=0 last_edges=0 first_seen=
while :; do
    alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    now=$(( $(date +%s) - start ))
    IFS=$'\t' read -r edges execs corpus_n found < <(progress)
    [ "$execs" -lt "$last_execs" ] && execs=$last_execs    # a fuzzer's stats not written yet
    [ "$edges" -lt "$last_edges" ] && edges=$last_edges
    last_edges=$edges
    speed=$(( now > last_t ? (execs - last_execs) / (now - last_t) : 0 ))
    last_t=$now last_execs=$execs
    printf '%d\t%d\t%d\t%d\t%d\n' "$now" "$edges" "$found" "$execs" "$corpus_n" >> "$here/progress.tsv"
    line=$(printf 'campaign %4ds/%s  %d jobs  %4d execs/s  %d execs  corpus %d  kernel edges %d/%d  crashes+hangs %d' \
        "$now" "$([ -n "$max_execs" ] && echo "${max_execs}x$jobs execs" || echo "${seconds}s")" "$jobs" "$speed" "$execs" "$corpus_n" "$edges" "$slots" "$found")
    if [ "$tty" = 1 ]; then printf '\r%s   ' "$line"
    elif [ $((now - last)) -ge 10 ] || [ "$alive" = 0 ]; then echo "$line"; last=$now; fi
    [ "$alive" = 0 ] && break
    [ -z "$max_execs" ] && [ "$now" -ge "$seconds" ] && stop    # AFL++'s -V counts from after its calibration
    [ "$found" -gt 0 ] && [ -z "$first_seen" ] && first_seen=$(date +%s.%N)
    [ "$first" = 1 ] && [ "$found" -gt 0 ] && stop
    if [ "$first" = 1 ]; then sleep 0.5; else sleep 2; fi
done
[ "$tty" = 1 ] && echo
# AFL++'s forkserver child leads its own session, so a fuzzer that dies
# leaves it behind (a persistent-mode harness stopped mid-run, with its
# QEMU): every process whose environment names this fuzzer's cover file.
kill_harness() {    # NAME
    local env pid
    for env in /proc/[0-9]*/environ; do
        pid=${env#/proc/} pid=${pid%/environ}
        grep -qsxzF "FORKSPEC_COVER_OUT=$out/cover/$1" "$env" && kill -KILL "$pid" 2>/dev/null
    done
}
died=0
for i in "${!pids[@]}"; do
    wait "${pids[$i]}"
    status=$?
    kill -KILL -- "-${pids[$i]}" 2>/dev/null
    kill_harness "${names[$i]}"
    if [ "$status" -ne 0 ] \
       && ! grep -qs "at least one valid input seed that does not crash" "$here/afl-${names[$i]}.log"; then
        died=1
        echo "forkspec campaign: AFL++ (${names[$i]}) exited with status $status; its log's end:" >&2
        tail -n 5 "$here/afl-${names[$i]}.log" >&2
    fi
done
if grep -qs "at least one valid input seed that does not crash" "$here"/afl-*.log; then
    # a kernel so broken that every seed finds it: the seeds are triaged
    echo "campaign: every seed crashes or hangs; AFL++ stopped after its dry run"
    [ -n "$first_seen" ] || first_seen=$(date +%s.%N)
elif ! ls "$out"/sync/*/fuzzer_stats > /dev/null 2>&1; then
    echo "forkspec campaign: AFL++ did not start; its log:" >&2
    tail -n 20 "$here"/afl-*.log >&2
    exit 2
fi

# the plot: kernel edges and findings over time
gnuplot <<GP 2>/dev/null || echo "forkspec campaign: gnuplot failed; no plot" >&2
set terminal png size 900,500
set output "$here/progress.png"
set title "forkspec campaign: kernel edges and crashes over time"
set xlabel "seconds"
set ylabel "kernel edges"
set y2label "crashes + hangs saved"
set ytics nomirror
set y2tics
set key left top
set yrange [0:*]
set y2range [0:*]
plot "$here/progress.tsv" using 1:2 skip 1 with lines lw 2 title "kernel edges", \
     "" using 1:3 skip 1 axes x1y2 with steps lw 2 title "crashes + hangs"
GP

# triage: replay, classify, minimize, deduplicate
mapfile -t inputs < <(failed_seeds; ls "$out"/sync/*/crashes/id:* "$out"/sync/*/hangs/id:* 2>/dev/null)
{
    IFS=$'\t' read -r edges execs corpus_n found < <(progress)
    echo "campaign: $(( $(date +%s) - start )) s, $jobs job(s), $execs execs, corpus $corpus_n, kernel edges $edges/$slots, crashes+hangs saved $found"
    if [ "${#inputs[@]}" -gt 0 ]; then     # the time to the first: a saved file's age, or when seen
        # (this run's: a resumed campaign's older ones are not timed)
        t=$( (ls "$out"/sync/*/crashes/id:* "$out"/sync/*/hangs/id:* 2>/dev/null | xargs -r stat -c %.3Y;
              [ -n "$first_seen" ] && echo "$first_seen") \
            | awk -v s="$start_ns" '$1 >= s / 1e9' | sort -n | head -1)
        [ -n "$t" ] && awk -v t="$t" -v s="$start_ns" 'BEGIN { printf "campaign: first crash or hang after %.1f s\n", t - s / 1e9 }'
    fi
    "$triage" --kernel "$kernel" ${target[1]:+--initramfs "${target[1]}"} --findings "$out/findings" "${inputs[@]}"
} > "$here/summary.txt"
rc=0
grep -q ": [1-9][0-9]* distinct finding" "$here/summary.txt" && rc=1
[ "$died" = 1 ] && echo "forkspec campaign: a fuzzer died early (above): this campaign ran less than asked" >&2 && rc=3
cat "$here/summary.txt"
echo "campaign: findings in $out/findings, plot $here/progress.png, summary $here/summary.txt"
exit "$rc"
