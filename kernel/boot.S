/* Multiboot v1 entry: QEMU's -kernel loads us at 1 MiB in protected mode
 * with paging off; set up a stack and enter C. */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003     /* modules page-aligned, memory map */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .section .bss
    .align 16
boot_stack:
    .skip 16384
boot_stack_top:

    .text
    .globl _start
_start:
    mov $boot_stack_top, %esp
    push %ebx                   /* multiboot info */
    push %eax                   /* multiboot magic */
    call kmain
1:  cli
    hlt
    jmp 1b

    .section .note.GNU-stack, "", @progbits
