#!/usr/bin/env bash
# Builds the kernel: i386, freestanding, the shared C of spec/ linked in,
# and the executor (kernel/user/) embedded as a flat image.
# usage: build.sh OUT.elf SOURCE...   (run from the workspace root; the
# linker scripts kernel/kernel.ld and kernel/user/user.ld come among the
# sources). KERNEL_PATCH names a patch (a mutant, a test build) applied
# to a copy of the sources first; one that does not apply exactly fails.
set -euo pipefail
out=$(realpath -m "$1")
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${KERNEL_PATCH:-}" ]; then
    for src in "$@"; do install -D -m 644 "$src" "$tmp/src/$src"; done
    if ! patch -p1 -s --batch --forward --fuzz=0 --no-backup-if-mismatch -d "$tmp/src" \
            < "$KERNEL_PATCH" > "$tmp/patch.log" 2>&1; then
        echo "build.sh: $KERNEL_PATCH does not apply to the kernel's sources:" >&2
        cat "$tmp/patch.log" >&2
        exit 1
    fi
    cd "$tmp/src"
fi
cflags=(-m32 -ffreestanding -nostdlib -fno-pic -fno-pie -fno-stack-protector
        -fno-tree-loop-distribute-patterns -mno-sse -mno-mmx -O2 -g
        -std=c11 -Wall -Wextra -Werror -I.)
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
        *.h|*_main.c) ;;
        */user/*.ld) user_ld=$src ;;
        *.ld) kernel_ld=$src ;;
        */blob.S) blob=$src ;;
        */user/*|spec/executor.c)
                   gcc "${cflags[@]}" -ffunction-sections -c "$src" -o "$obj"
                   user_objs+=("$obj") ;;
        *) gcc "${cflags[@]}" $(cover_flags "$src") -c "$src" -o "$obj"
           kernel_objs+=("$obj")
           # the executor's checks, checksums and memset: shared with it
           case "$src" in spec/precheck.c|spec/sum.c|kernel/lib.c)
               gcc "${cflags[@]}" -c "$src" -o "$obj.user.o"
               user_objs+=("$obj.user.o") ;;
           esac ;;
    esac
done
ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T "$user_ld" -o "$tmp/executor.elf" "${user_objs[@]}"
objcopy -O binary -j .text -j .rodata "$tmp/executor.elf" "$tmp/executor_text.bin"
objcopy -O binary -j .data "$tmp/executor.elf" "$tmp/executor_data.bin"
# The kernel maps text and rodata read-only and data on the page after
# them: so must the linker have placed them, with nothing else.
sections=$(objdump -h "$tmp/executor.elf" | awk '$1 ~ /^[0-9]+$/ { name = $2 } /ALLOC/ { print name }' \
           | sort | tr '\n' ' ')
if [ "$sections" != ".data .rodata .text " ]; then
    echo "build.sh: the executor has sections $sections, not .data .rodata .text" >&2
    exit 1
fi
text_size=$(stat -c %s "$tmp/executor_text.bin")
data_vma=$(objdump -h "$tmp/executor.elf" | awk '$2 == ".data" { print $4 }')
if [ -s "$tmp/executor_data.bin" ] \
   && [ $((0x$data_vma)) -ne $((0x10000000 + (text_size + 4095) / 4096 * 4096)) ]; then
    echo "build.sh: the executor's .data is at 0x$data_vma, not on the page after its text" >&2
    exit 1
fi
gcc "${cflags[@]}" -DEXECUTOR_TEXT="\"$tmp/executor_text.bin\"" \
    -DEXECUTOR_DATA="\"$tmp/executor_data.bin\"" -c "$blob" -o "$tmp/blob.o"
ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T "$kernel_ld" -o "$out" \
    "${kernel_objs[@]}" "$tmp/blob.o"
