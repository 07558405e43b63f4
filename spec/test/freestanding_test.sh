#!/usr/bin/env bash
# The shared C must build for the kernel: i386, freestanding, no libc. The
# only symbols it may take from its host are the four that GCC itself may
# emit calls to (the kernel provides them), and the executor's fk_sys_*
# system calls, which each backend provides.
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
objs=()
for src in spec/*.c; do
    case "$src" in spec/*_main.c) continue ;; esac
    obj="$out/$(basename "$src" .c).o"
    gcc -m32 -ffreestanding -nostdlib -fno-pic -fno-stack-protector -O2 \
        -std=c11 -Wall -Wextra -Werror -I. -c "$src" -o "$obj"
    objs+=("$obj")
done
ld -m elf_i386 -r -o "$out/all.o" "${objs[@]}"
undefined=$(nm -u "$out/all.o" | awk '{print $2}' | grep -vxE 'memcpy|memset|memmove|memcmp|fk_sys_[a-z0-9_]+' || true)
if [ -n "$undefined" ]; then
    echo "FAIL: shared C needs symbols a freestanding kernel lacks:"
    echo "$undefined"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "shared C: ${#objs[@]} files build freestanding for i386"
echo "1 passed, 0 failed"
