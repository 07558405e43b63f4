#!/usr/bin/env bash
# Every function of model/ and spec/ with an ACSL contract is proved by a
# target of proofs/BUILD, or is listed in proofs/unproved.txt with the
# reason; every function a target names has a contract; nothing listed as
# unproved is proved or gone. (A contract in no target is trusted by
# every proof that calls it.) usage: contracts_test.sh BUILD UNPROVED AWK FILE...
set -uo pipefail
build=$1 unproved=$2 awk_prog=$3
shift 3
tmp=${TEST_TMPDIR:-$(mktemp -d)}
awk -f "$awk_prog" "$@" | sed 's/.*: //' | sort -u > "$tmp/contracted"
# the names inside each wp_proof's functions = [ ... ]
awk '/functions = \[/ { on = 1 } on { print } on && /\]/ { on = 0 }' "$build" \
    | grep -o '"[A-Za-z_0-9]*"' | tr -d '"' | sort -u > "$tmp/proved"
grep -v '^#' "$unproved" | awk 'NF { print $1 }' | sort -u > "$tmp/unproved"
fail=0
report() {  # WHAT FILE
    if [ -s "$2" ]; then
        echo "$1:"; sed 's/^/  /' "$2"; fail=1
    fi
}
comm -23 "$tmp/contracted" "$tmp/proved" | comm -23 - "$tmp/unproved" > "$tmp/trusted"
comm -13 "$tmp/contracted" "$tmp/proved" > "$tmp/no_contract"
comm -12 "$tmp/unproved" "$tmp/proved" > "$tmp/listed_proved"
comm -23 "$tmp/unproved" "$tmp/contracted" > "$tmp/listed_gone"
report "contracted but in no proof target (prove it, or list it in proofs/unproved.txt with why)" "$tmp/trusted"
report "named by a proof target but with no contract (or misspelled)" "$tmp/no_contract"
report "listed as unproved but a target proves it (remove it from proofs/unproved.txt)" "$tmp/listed_proved"
report "listed as unproved but no longer contracted" "$tmp/listed_gone"
echo "$(wc -l < "$tmp/contracted") contracted functions: $(comm -12 "$tmp/contracted" "$tmp/proved" | wc -l) proved by a target, $(wc -l < "$tmp/unproved") listed as unproved"
if [ "$fail" = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit "$fail"
