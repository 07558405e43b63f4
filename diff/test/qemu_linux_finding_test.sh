#!/usr/bin/env bash
# A Linux-in-QEMU finding, end to end, on an agent with the planted Linux
# backend bug (dup2 with old == new closes the fd): diff reports it,
# minimize shrinks it, and the gate saves it with the bzImage, replay.sh,
# repro.c and guest.sh, which shows the bug in QEMU with no forkspec.
# usage: qemu_linux_finding_test.sh BZIMAGE PLANTED.cpio CORPUS.prog...
set -uo pipefail
. diff/test/check.sh
bz=$1 planted=$2
shift 2
if [ ! -s "$bz" ]; then
    echo "FAIL: no Linux image at $bz (tools/setup fetches Debian's)"
    exit 1
fi
images=(--kernel "$bz" --initramfs "$planted")
grep -v "^#" diff/test/programs/shared_offset_dup2.prog > "$tmp/a.prog"

diff/diff --against qemu-linux "${images[@]}" "$tmp/a.prog" > "$tmp/diff" 2>&1; rc=$?
check "diff: exit 1" test "$rc" = 1
check "diff: the step" grep -q "a.prog: diverge at step 4 (model vs qemu-linux)$" "$tmp/diff"
check "diff: L1 only" grep -qE '^    qemu-linux: +p0: alive .*fds=\[\]$' "$tmp/diff"

diff/minimize_cli --against qemu-linux "${images[@]}" -o "$tmp/min.prog" "$tmp/a.prog" \
    > "$tmp/min" 2>&1; rc=$?
check "minimize: exit 0" test "$rc" = 0
# open, fork, dup2: without the fork the open file would vanish too (another signature)
check "minimize: three steps" test "$(grep -vc '^#' "$tmp/min.prog")" = 3
check "minimize: ends with the dup2" grep -qE '^p0 dup2 ([0-9]+) \1$' "$tmp/min.prog"

diff/gate_cli --against qemu-linux "${images[@]}" --programs 0 --first \
    --findings "$tmp/findings" "$@" > "$tmp/gate" 2>&1; rc=$?
f=$(dirname "$(ls "$tmp"/findings/*/minimal.prog 2>/dev/null | head -1)")
check "gate: exit 1" test "$rc" = 1
check "gate: saved" test -s "$f/report.txt"
check "gate: the bzImage kept" cmp -s "$bz" "$f/bzImage"
check "gate: replay on that image" grep -q 'diff --against qemu-linux --kernel "$here/bzImage" "$here/minimal.prog"' "$f/replay.sh"
sh "$f/guest.sh" > "$tmp/guest" 2>&1; rc=$?
check "guest.sh: exit 0" test "$rc" = 0
check "guest.sh: shows the dup2" grep -qE '^> +[0-9]+  p0 dup2 ([0-9]+) \1 +[0-9]+ +model: [0-9]+' "$tmp/guest"
check "guest.sh: every step" test "$(grep -c 'model:' "$tmp/guest")" = "$(grep -vc '^#' "$f/minimal.prog")"
[ "$failed" = 0 ] || cat "$tmp/diff" "$tmp/min" "$tmp/gate" "$tmp/guest" 2>&1 | head -60
done_checks
