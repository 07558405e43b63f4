#!/usr/bin/env bash
# forkspec diff --against kernel as a user runs it: agreement, a planted
# kernel bug reported readably, bad input.
set -uo pipefail
diff=diff/diff
. diff/test/check.sh

grep -v "^#" diff/test/programs/shared_offset_dup2.prog > "$tmp/a.prog"
grep -v "^#" diff/test/programs/cow_private.prog > "$tmp/b.prog"
"$diff" --kernel kernel/kernel.elf "$tmp/a.prog" "$tmp/b.prog" > "$tmp/out" 2>&1; rc=$?
check "agree: exit 0" test "$rc" = 0
check "agree: summary" grep -qx "2 program(s): 2 agree, 0 differ, 0 not comparable on Linux past a step" "$tmp/out"

"$diff" --kernel kernel/kernel_mutant_dup2_same.elf "$tmp/b.prog" "$tmp/a.prog" > "$tmp/bug" 2>&1; rc=$?
check "bug: exit 1" test "$rc" = 1
# the fd is gone after the dup2 itself: same result, different state
check "bug: the step" grep -q "a.prog: diverge at step 4 (model vs kernel)$" "$tmp/bug"
check "bug: marked in context" grep -qE '^  >    4  p0 dup2 0 0$' "$tmp/bug"
check "bug: context before it" grep -qE '^       1  p0 fork$' "$tmp/bug"
check "bug: results" grep -qx "  result: model 0, kernel 0" "$tmp/bug"
check "bug: differing fds" grep -qE '^    kernel: p0: alive .*fds=\[\]$' "$tmp/bug"
check "bug: differing refcount" grep -qE '^    model:  file #0: file /f0 rdonly offset=16 refs=2$' "$tmp/bug"
check "bug: only what differs" test "$(grep -c '^    \(model\|kernel\):' "$tmp/bug")" = 4
check "bug: summary" grep -qx "2 program(s): 1 agree, 1 differ, 0 not comparable on Linux past a step" "$tmp/bug"

"$diff" --json --kernel kernel/kernel_mutant_dup2_same.elf "$tmp/b.prog" "$tmp/a.prog" > "$tmp/json" 2>&1; rc=$?
check "json: exit 1" test "$rc" = 1
check "json: one object per program" test "$(wc -l < "$tmp/json")" = 2
check "json: parses" python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/json"
check "json: the divergence" python3 -c '
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
assert a["verdict"] == "agree" and b["verdict"] == "diverge" and b["step"] == 4
assert b["op"] == "p0 dup2 0 0" and b["model"] == "0" and b["kernel"] == "0"
assert {"side": "kernel", "entity": "file", "line": "file #0: file /f0 rdonly offset=16 refs=1"} in b["differences"]
' "$tmp/json"

printf 'p0 fork\np1 read 0\n' > "$tmp/bad.prog"
"$diff" --kernel kernel/kernel.elf "$tmp/a.prog" "$tmp/bad.prog" > "$tmp/bad" 2>&1; rc=$?
check "bad program: exit 2" test "$rc" = 2
check "bad program: position" grep -q "bad.prog:2:11:" "$tmp/bad"
"$diff" --against nowhere "$tmp/a.prog" > "$tmp/bad" 2>&1; rc=$?
check "bad backend: exit 2" test "$rc" = 2
check "bad backend: says so" grep -q "not kernel, linux, qemu-linux or all" "$tmp/bad"
"$diff" --against qemu-linux --kernel "$tmp/no-such-bzImage" "$tmp/a.prog" > "$tmp/bad" 2>&1; rc=$?
check "unreadable --kernel: exit 2" test "$rc" = 2
check "unreadable --kernel: says so, not another kernel run" grep -q "no-such-bzImage: cannot read it" "$tmp/bad"

# (the host's Linux: linux_test.sh)
if [ "$failed" != 0 ]; then
    echo "--- output with the planted bug:"; cat "$tmp/bug"
fi
done_checks
