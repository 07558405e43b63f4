#!/usr/bin/env bash
# forkspec fmt as a user runs it: canonical output, file:line:col errors
# with exit status 2, binary round trips, bad options and files.
set -uo pipefail
fmt=host/fmt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {  # expect NAME WANTED_STATUS WANTED_OUTPUT -- command...
    local name=$1 status=$2 want=$3 got rc
    shift 4
    got=$("$@" 2>&1); rc=$?
    if [ "$rc" = "$status" ] && [ "$got" = "$want" ]; then ok; else
        bad "$name: status $rc, output:"; printf '%s\n' "$got"; echo "wanted status $status, output:"; printf '%s\n' "$want"
    fi
}

cat > "$tmp/good.prog" <<'P'
# fork shares the offset
p0   open /f0 rdonly   # fd 0
p0 fork
p1 read 0 0x10
p0 lseek 0 0 cur
P
expect canonical 0 'p0 open /f0 rdonly
p0 fork
p1 read 0 16
p0 lseek 0 0 cur' -- "$fmt" "$tmp/good.prog"

printf 'p0 fork\np1 getpid\np1 open /d/f9 rdwr\n' > "$tmp/bad.prog"
expect parse-error 2 "$tmp/bad.prog:3:12: unknown name 'f9' in path (names: . .. d f0 f1 f2 f3 f4)" \
    -- "$fmt" "$tmp/bad.prog"
expect stdin-error 2 "<stdin>:1:4: unknown operation 'forkk'" -- sh -c "echo 'p0 forkk' | $fmt -"
expect missing-file 2 "forkspec fmt: $tmp/none.prog: No such file or directory" -- "$fmt" "$tmp/none.prog"
expect no-args 2 "forkspec fmt: no program given
$("$fmt" --help)" -- "$fmt"
expect bad-option 0 "" -- sh -c "$fmt --frobnicate x >/dev/null 2>&1; test \$? = 2"

# a bad program in the list leaves an existing output untouched
echo keep > "$tmp/out.txt"
expect no-clobber 2 "$tmp/bad.prog:3:12: unknown name 'f9' in path (names: . .. d f0 f1 f2 f3 f4)" \
    -- "$fmt" -o "$tmp/out.txt" "$tmp/good.prog" "$tmp/bad.prog"
[ "$(cat "$tmp/out.txt")" = keep ] && ok || bad "output clobbered"

# text -> binary -> text is the canonical text
"$fmt" --binary "$tmp/good.prog" -o "$tmp/good.bin" && ok || bad "--binary failed"
expect from-binary 0 "$("$fmt" "$tmp/good.prog")" -- "$fmt" --from-binary "$tmp/good.bin"
expect two-binary 2 "forkspec fmt: --binary takes exactly one program
$("$fmt" --help)" -- "$fmt" --binary "$tmp/good.prog" "$tmp/good.prog"

# any bytes decode to a program that prints and parses again
for i in 1 2 3 4 5 6 7 8; do
    head -c $((i * 37)) /dev/urandom > "$tmp/junk.bin"
    if "$fmt" --from-binary "$tmp/junk.bin" > "$tmp/junk.prog" 2>/dev/null \
        && "$fmt" "$tmp/junk.prog" > "$tmp/junk2.prog" \
        && cmp -s "$tmp/junk.prog" "$tmp/junk2.prog"; then ok; else bad "junk $i"; fi
done
: > "$tmp/empty.bin"
expect empty-binary 0 "forkspec fmt: $tmp/empty.bin: warning: empty file; decoded as version 1" \
    -- "$fmt" --from-binary "$tmp/empty.bin"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
