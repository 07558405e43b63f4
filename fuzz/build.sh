#!/usr/bin/env bash
# Builds one AFL++ harness with afl-clang-fast (persistent mode, shared
# memory test cases): Bazel's toolchain is gcc, AFL++'s instrumentation
# needs its own compiler driver.
# usage: build.sh OUT HARNESS.c SOURCE...   (run from the workspace root)
# fuzz_diff uses the classic instrumentation: its map has a fixed size, so
# the kernel's edges have a place at its top.
set -euo pipefail
out=$1 harness=$2
shift 2
srcs=()
for src in "$@"; do
    case "$src" in *.c) case "$src" in *_main.c|spec/progfile.c) ;; *) srcs+=("$src") ;; esac ;; esac
done
# fuzz_model counts edges without the never-zero fix-up: faster, and a
# counter wrapping to 0 is harmless at its exec rate.
case "$harness" in
    *fuzz_diff.c) export AFL_LLVM_INSTRUMENT=CLASSIC ;;
    *) export AFL_LLVM_SKIP_NEVERZERO=1 ;;
esac
export AFL_QUIET=1
# The invariant checker's loops guide nothing and cost most of an exec:
# left uninstrumented.
deny=$(mktemp)
trap 'rm -f "$deny"' EXIT
echo "src: *model/observe.c" > "$deny"
export AFL_LLVM_DENYLIST=$deny
afl-clang-fast -O3 -march=native -g -std=gnu11 -I. -o "$out" "$harness" "${srcs[@]}" 2>&1 \
    | grep -v "^afl-cc\|^SanitizerCoverage\|instrumented" >&2 || true
test -x "$out"
