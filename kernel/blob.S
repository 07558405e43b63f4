/* The executor's image (kernel/user/) in two parts: text and rodata,
 * mapped read-only into every process, and data, copied into each.
 * build.sh defines EXECUTOR_TEXT and EXECUTOR_DATA (flat binaries). */
    .section .rodata
    .align 4096
    .globl executor_text, executor_text_end, executor_data, executor_data_end
executor_text:
    .incbin EXECUTOR_TEXT
executor_text_end:
    .align 4096
executor_data:
    .incbin EXECUTOR_DATA
executor_data_end:

    .section .note.GNU-stack, "", @progbits
