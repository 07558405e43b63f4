#!/usr/bin/env bash
# forkspec bench fuzz: execs/s of each harness under AFL++ on one core,
# from the corpus seeds: fuzz_model with inputs up
# to 320 bytes (about 64 steps), fuzz_diff (coverage kernel) up to 100
# bytes (about 20 steps). usage: bench.sh FUZZ_MODEL FUZZ_DIFF KERNEL FMT CORPUS [SECONDS]
set -uo pipefail
model=$1 diff=$2 kernel=$3 fmt=$4 corpus=$5 seconds=${6:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/seeds"
for f in "$corpus"/*.prog; do "$fmt" --binary -o "$tmp/seeds/$(basename "$f" .prog).bin" "$f"; done
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
run() {     # NAME MAXLEN HARNESS ARGS...
    local name=$1 max=$2
    shift 2
    timeout $((seconds + 60)) afl-fuzz -i "$tmp/seeds" -o "$tmp/$name" -V "$seconds" -G "$max" \
        -t 10000 -- "$@" > "$tmp/$name.log" 2>&1
    awk -F: -v n="$name" -v max="$max" '
        $1 ~ /^execs_done/ { e = $2 } $1 ~ /^run_time/ { t = $2 } $1 ~ /^corpus_count/ { c = $2 }
        END { if (t > 0) printf "%s: %d execs in %d s: %.0f execs/s on one core (inputs <= %d bytes, corpus %d)\n", n, e, t, e / t, max, c
              else printf "%s: AFL++ did not run (see its log)\n", n }' "$tmp/$name/default/fuzzer_stats" 2>/dev/null \
        || { echo "$name: AFL++ did not run:"; tail -5 "$tmp/$name.log"; }
}
run fuzz_model 320 "$model"
run fuzz_diff 100 "$diff" "$kernel"
