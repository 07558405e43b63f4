/* The executor's flat image (kernel/user/), copied into every new
 * process. build.sh defines EXECUTOR_BIN. */
    .section .rodata
    .align 4096
    .globl executor_image, executor_image_end
executor_image:
    .incbin EXECUTOR_BIN
executor_image_end:

    .section .note.GNU-stack, "", @progbits
