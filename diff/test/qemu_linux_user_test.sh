#!/usr/bin/env bash
# qemu-linux needs no root on the host: run, diff and the gate on Linux in
# QEMU as an unprivileged user (as root, the test drops to nobody with
# setpriv, on copies of the binaries and images in a directory nobody can
# read); gate --against all then runs the kernel and qemu-linux and says
# it skipped the host's Linux.
# usage: qemu_linux_user_test.sh BZIMAGE INITRAMFS KERNEL.elf CORPUS.prog...
set -uo pipefail
. diff/test/check.sh
if [ ! -s "${1:-}" ]; then
    echo "FAIL: no Linux image (tools/setup fetches Debian's)"
    exit 1
fi
dir=$(mktemp -d /tmp/forkspec-user-XXXXXX)
trap 'rm -rf "$dir" "$tmp"' EXIT
cp diff/run diff/diff diff/gate_cli "$1" "$2" "$3" "$dir/"
cp "${@:4:3}" "$dir/"           # three corpus programs
grep -v "^#" diff/test/programs/cow_private.prog > "$dir/p.prog"
chmod -R a+rwX "$dir"
as_user=()
if [ "$(id -u)" = 0 ]; then
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
images=(--kernel "$dir/$(basename "$1")" --initramfs "$dir/$(basename "$2")")
"$dir/run" "$dir/p.prog" > "$dir/model" 2>&1
TMPDIR=$dir "${as_user[@]}" "$dir/run" --backend qemu-linux "${images[@]}" "$dir/p.prog" \
    > "$dir/guest" 2>&1; rc=$?
check "run as $("${as_user[@]}" id -un): exit 0" test "$rc" = 0
check "run: the model's results" cmp -s "$dir/model" "$dir/guest"
TMPDIR=$dir "${as_user[@]}" "$dir/diff" --against qemu-linux "${images[@]}" "$dir/p.prog" \
    > "$dir/diff.out" 2>&1; rc=$?
check "diff: exit 0" test "$rc" = 0
check "diff: agrees" grep -qx "1 program(s): 1 agree, 0 differ, 0 not comparable on Linux past a step" "$dir/diff.out"
TMPDIR=$dir "${as_user[@]}" "$dir/gate_cli" "${images[@]}" --kernel "$dir/$(basename "$3")" \
    --programs 3 --findings "$dir/findings" $(cd "$dir" && ls "$dir"/*.prog | grep -v /p.prog) \
    > "$dir/gate.out" 2>&1; rc=$?
check "gate all: exit 0" test "$rc" = 0
check "gate all: the kernel" grep -q "^gate: kernel: random: 3 programs" "$dir/gate.out"
check "gate all: qemu-linux" grep -q "^gate: qemu-linux: random: 3 programs" "$dir/gate.out"
check "gate all: the host's Linux skipped, said" grep -q "^gate: linux: skipped: " "$dir/gate.out"
if [ "$failed" != 0 ]; then
    cat "$dir/guest" "$dir/diff.out" "$dir/gate.out"
fi
done_checks
