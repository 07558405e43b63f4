#!/usr/bin/env bash
# Re-derives mutant patches whose context moved: applies each (with
# patch's usual fuzz) to a copy of the files it names, then writes it
# again as an exact diff, keeping its first lines (what it breaks). Run
# from the workspace root when the build says a patch no longer applies.
# usage: kernel/mutants/refresh.sh PATCH...
set -euo pipefail
for p in "$@"; do
    tmp=$(mktemp -d)
    files=$(sed -n 's|^+++ b/||p' "$p")
    for f in $files; do install -D -m 644 "$f" "$tmp/a/$f"; install -D -m 644 "$f" "$tmp/b/$f"; done
    if ! (cd "$tmp/b" && patch -p1 -s --batch --no-backup-if-mismatch < "$OLDPWD/$p"); then
        echo "refresh: $p does not apply even with fuzz: write it again by hand" >&2
        rm -rf "$tmp"; exit 1
    fi
    { sed -n '1,/^$/p' "$p"
      (cd "$tmp" && for f in $files; do diff -u --label "a/$f" --label "b/$f" "a/$f" "b/$f" || true; done)
    } > "$tmp/new.patch"
    mv "$tmp/new.patch" "$p"
    rm -rf "$tmp"
    echo "refresh: $p"
done
