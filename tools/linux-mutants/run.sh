#!/usr/bin/env bash
# ./forkspec mutants --linux: each planted Linux bug (tools/linux-mutants/
# *.patch) built into the KCOV kernel (tools/linux-kernel; cached, so only
# the first run of a patch builds) and put through the gate on Linux in
# QEMU, stopping at the first finding; a bug the gate misses goes through
# an AFL++ campaign with KCOV's edges (CAMPAIGN seconds). Killed or not,
# the time to kill (boot included) and the build time. Exit 1 if any
# survives.
# usage: run.sh ROOT GATE INITRAMFS SECONDS [CAMPAIGN]
# (LINUX_MUTANTS: another directory of patches, to try new ones)
set -uo pipefail
root=$1 gate=$2 initramfs=$3 seconds=$4 campaign=${5:-120}
. "$root/kernel/mutants/score.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for patch in "${LINUX_MUTANTS:-$root/tools/linux-mutants}"/*.patch; do
    name=$(basename "$patch" .patch)
    t0=$(date +%s)
    if ! "$root/tools/linux-kernel" --patch "$patch" > "$tmp/$name.build" 2>&1; then
        tail -5 "$tmp/$name.build" >&2
        score_survived "$name" "the kernel did not build"
        continue
    fi
    image=$(tail -1 "$tmp/$name.build")
    built=$(( $(date +%s) - t0 ))
    start=$(date +%s%N)
    "$gate" --against qemu-linux --kernel "$image" --initramfs "$initramfs" \
        --seconds "$seconds" --first --findings "$tmp/$name" "$root"/diff/corpus/*.prog \
        > "$tmp/$name.log" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    t=$(printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)))
    if [ "$rc" = 1 ]; then
        how=$(grep -m1 -E ': (diverge|leak|linux hang|transport failure)' "$tmp/$name.log" \
              | sed 's/^.*: \(diverge\|leak\|linux hang\|transport failure\)/\1/' | cut -c1-60)
        score_killed "$name" "$t" "$how (built in ${built} s)"
    elif [ "$rc" = 0 ]; then    # the gate missed it: an AFL++ campaign with KCOV's edges
        start=$(date +%s%N)
        "$root/forkspec" campaign --kernel "$image" --initramfs "$initramfs" --first \
            --seconds "$campaign" --out "$tmp/$name-campaign" > "$tmp/$name.campaign" 2>&1
        rc=$?
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        t=$(printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)))
        if [ "$rc" = 1 ]; then
            score_killed "$name" "$t" "by a campaign after the gate missed it (built in ${built} s)"
        else
            score_survived "$name" "the gate for $seconds s and a campaign for $campaign s"
        fi
    else
        score_survived "$name" "the gate could not run (status $rc): $(tail -1 "$tmp/$name.log")"
    fi
done
score_summary "planted Linux bugs"
