#!/usr/bin/env bash
# forkspec fuzz-decoders: AFL++ on the program, frame and observation
# decoders built with ASan and UBSan (fuzz/decoders.c), EXECS executions
# each; prints executions, speed, crashes and hangs per decoder. Exit 1 if
# any crashed or hung. usage: decoders.sh HARNESS FMT KERNEL CORPUS [EXECS]
set -uo pipefail
harness=$1 fmt=$2 kernel=$3 corpus=$4 execs=${5:-1000000}
case "$execs" in ""|*[!0-9]*|0*) echo "forkspec fuzz-decoders: EXECS: a whole number, at least 1" >&2; exit 2 ;; esac
out=$(mktemp -d "${TMPDIR:-/tmp}/forkspec-decoders-XXXXXX")
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/seeds/program" "$out/seeds/frame" "$out/seeds/message" "$out/seeds/obs"
# seeds: a few corpus programs in the binary form; for frames, the trace a
# kernel sends in one-shot mode running one of them
for f in $(ls "$corpus"/*.prog | head -8); do
    "$fmt" --binary -o "$out/seeds/program/$(basename "$f" .prog).bin" "$f" || exit 2
done
cp "$out"/seeds/program/*.bin "$out/seeds/obs/"
# a PROGRAM message: its type byte, then a payload that starts like one
for f in "$out"/seeds/program/*.bin; do { printf "\\x01"; cat "$f"; } > "$out/seeds/message/$(basename "$f")"; done
first=$(ls "$out"/seeds/program/*.bin | head -1)
timeout 60 qemu-system-i386 -kernel "$kernel" -initrd "$first" -serial "file:$out/seeds/frame/trace.bin" \
    -debugcon none -display none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 >/dev/null 2>&1
[ -s "$out/seeds/frame/trace.bin" ] || cp "$first" "$out/seeds/frame/"
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_QUIET=1
bad=0
for mode in program frame message obs; do
    afl-fuzz -i "$out/seeds/$mode" -o "$out/$mode" -E "$execs" -- "$harness" "$mode" \
        > "$out/$mode.log" 2>&1
    stats=$out/$mode/default/fuzzer_stats
    if [ ! -s "$stats" ]; then
        echo "fuzz-decoders: $mode: AFL++ did not run:"; tail -5 "$out/$mode.log"; bad=1; continue
    fi
    get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
    printf '%-8s %9s execs in %5s s (%s/s), corpus %s, edges %s, crashes %s, hangs %s\n' \
        "$mode" "$(get execs_done)" "$(get run_time)" "$(get execs_per_sec)" "$(get corpus_count)" \
        "$(get edges_found)" "$(get saved_crashes)" "$(get saved_hangs)"
    if [ "$(get saved_crashes)" != 0 ] || [ "$(get saved_hangs)" != 0 ]; then
        bad=1
        mkdir -p decoder-findings/$mode
        cp "$out/$mode"/default/crashes/id:* "$out/$mode"/default/hangs/id:* decoder-findings/$mode/ 2>/dev/null
        echo "  saved in decoder-findings/$mode (replay: $harness $mode < FILE)"
    fi
done
exit "$bad"
