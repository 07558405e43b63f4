#!/usr/bin/env bash
# Builds the kernel: i386, freestanding, the shared C of spec/ linked in,
# and the executor (kernel/user/) embedded as a flat image.
# usage: build.sh OUT.elf SOURCE...   (run from the workspace root; the
# linker scripts kernel/kernel.ld and kernel/user/user.ld come among the
# sources). KERNEL_CFLAGS adds compiler flags (test builds, mutants).
set -euo pipefail
out=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cflags=(-m32 -ffreestanding -nostdlib -fno-pic -fno-pie -fno-stack-protector
        -fno-tree-loop-distribute-patterns -mno-sse -mno-mmx -O2 -g
        -std=c11 -Wall -Wextra -Werror ${KERNEL_CFLAGS:-} -I.)
# KERNEL_COVERAGE=1: a coverage build; the kernel's own files record edges,
# except the coverage and trace-link code and the shared codecs.
cover_flags() {
    [ "${KERNEL_COVERAGE:-}" = 1 ] || return 0
    case "$1" in
        kernel/cover.c) echo "-DKERNEL_COVERAGE" ;;
        kernel/uart.c|kernel/ktrace.c|kernel/lib.c|spec/*) ;;
        kernel/*.c) echo "-fsanitize-coverage=trace-pc" ;;
    esac
}
kernel_objs=() user_objs=() kernel_ld="" user_ld="" blob=""
for src in "$@"; do
    obj="$tmp/$(echo "$src" | tr / _).o"
    case "$src" in
        *.h|*_main.c|*/progfile.c) ;;
        */user/*.ld) user_ld=$src ;;
        *.ld) kernel_ld=$src ;;
        */blob.S) blob=$src ;;
        */user/*|spec/executor.c)
                   gcc "${cflags[@]}" -ffunction-sections -c "$src" -o "$obj"
                   user_objs+=("$obj") ;;
        *) gcc "${cflags[@]}" $(cover_flags "$src") -c "$src" -o "$obj"
           kernel_objs+=("$obj")
           # the executor's checks, checksums and memset: shared with it
           case "$src" in spec/precheck.c|spec/obs.c|kernel/lib.c)
               gcc "${cflags[@]}" -c "$src" -o "$obj.user.o"
               user_objs+=("$obj.user.o") ;;
           esac ;;
    esac
done
ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T "$user_ld" -o "$tmp/executor.elf" "${user_objs[@]}"
objcopy -O binary "$tmp/executor.elf" "$tmp/executor.bin"
gcc "${cflags[@]}" -DEXECUTOR_BIN="\"$tmp/executor.bin\"" -c "$blob" -o "$tmp/blob.o"
ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T "$kernel_ld" -o "$out" \
    "${kernel_objs[@]}" "$tmp/blob.o"
