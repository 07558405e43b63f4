#!/usr/bin/env bash
# Builds the kernel: i386, freestanding, the shared C of spec/ linked in.
# usage: build.sh OUT.elf LINKER_SCRIPT SOURCE...   (run from the workspace root)
# KERNEL_CFLAGS adds compiler flags (test builds, mutants).
set -euo pipefail
out=$1 script=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
objs=()
for src in "$@"; do
    case "$src" in *.h|*_main.c|*/progfile.c) continue ;; esac
    obj="$tmp/$(echo "$src" | tr / _).o"
    gcc -m32 -ffreestanding -nostdlib -fno-pic -fno-pie -fno-stack-protector \
        -fno-tree-loop-distribute-patterns -mno-sse -mno-mmx -O2 -g \
        -std=c11 -Wall -Wextra -Werror ${KERNEL_CFLAGS:-} -I. -c "$src" -o "$obj"
    objs+=("$obj")
done
ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T "$script" -o "$out" "${objs[@]}"
