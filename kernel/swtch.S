/* swtch(struct context **old, struct context *new): saves the callee-saved
 * registers on the current kernel stack, stores that stack in *old, and
 * resumes the stack new. */
    .text
    .globl swtch
swtch:
    mov 4(%esp), %eax
    mov 8(%esp), %edx
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov %esp, (%eax)
    mov %edx, %esp
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret

    .section .note.GNU-stack, "", @progbits
