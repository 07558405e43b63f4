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
# Not linked: the command-line mains, file reading, and for fuzz_model the
# executor (it runs a program over a real kernel's system calls).
linked() {
    case "$1" in
        *_main.c) return 1 ;;
        spec/executor.c) [[ $harness != *fuzz_model.c ]] ;;
        *.c) return 0 ;;
        *) return 1 ;;
    esac
}
srcs=()
for src in "$@"; do
    if linked "$src"; then srcs+=("$src"); fi
done
# fuzz_model counts edges without the never-zero fix-up: faster, and a
# counter wrapping to 0 is harmless at its exec rate.
case "$harness" in
    *fuzz_diff.c) export AFL_LLVM_INSTRUMENT=CLASSIC ;;
    *) export AFL_LLVM_SKIP_NEVERZERO=1 ;;
esac
export AFL_QUIET=1
# The invariant checker's loops guide nothing and cost most of an exec:
# compiled by plain clang (the compiler afl-clang-fast wraps), so not
# instrumented. (AFL_LLVM_DENYLIST did not match Bazel's source paths.)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-O3 -march=native -g -std=gnu11 -I.)
plain=()
for i in "${!srcs[@]}"; do
    case "${srcs[$i]}" in
        model/check.c) clang "${flags[@]}" -c -o "$tmp/check.o" "${srcs[$i]}"; plain+=("$tmp/check.o"); unset "srcs[$i]" ;;
    esac
done
libs=()
[[ $harness == *fuzz_diff.c ]] && libs=(-lz)   # diff/findings.c
afl-clang-fast "${flags[@]}" -o "$out" "$harness" "${srcs[@]}" "${plain[@]}" "${libs[@]}" 2>&1 \
    | grep -v "^afl-cc\|^SanitizerCoverage\|instrumented" >&2 || true
test -x "$out"
