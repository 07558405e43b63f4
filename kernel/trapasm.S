/* Exception and system-call entry: every vector pushes (a dummy error code
 * and) its number, then alltraps saves the segment and general registers
 * and calls trap(tf); trapret restores them and returns, to user mode too. */
#define NOERR(n) .globl vector##n; vector##n: push $0; push $n; jmp alltraps
#define ERR(n)   .globl vector##n; vector##n: push $n; jmp alltraps
#define KERNEL_DS 0x10

    .text
NOERR(0)
NOERR(1)
NOERR(2)
NOERR(3)
NOERR(4)
NOERR(5)
NOERR(6)
NOERR(7)
ERR(8)
NOERR(9)
ERR(10)
ERR(11)
ERR(12)
ERR(13)
ERR(14)
NOERR(15)
NOERR(16)
ERR(17)
NOERR(18)
NOERR(19)
NOERR(20)
ERR(21)
NOERR(22)
NOERR(23)
NOERR(24)
NOERR(25)
NOERR(26)
NOERR(27)
NOERR(28)
ERR(29)
ERR(30)
NOERR(31)
NOERR(128)

alltraps:
    push %ds
    push %es
    push %fs
    push %gs
    pusha
    mov $KERNEL_DS, %ax
    mov %ax, %ds
    mov %ax, %es
    push %esp               /* struct trapframe * */
    call trap
    add $4, %esp
    .globl trapret
trapret:
    popa
    pop %gs
    pop %fs
    pop %es
    pop %ds
    add $8, %esp            /* vector and error code */
    iret

    .section .rodata
    .align 4
    .globl trap_vectors
trap_vectors:
    .long vector0, vector1, vector2, vector3, vector4, vector5, vector6, vector7
    .long vector8, vector9, vector10, vector11, vector12, vector13, vector14, vector15
    .long vector16, vector17, vector18, vector19, vector20, vector21, vector22, vector23
    .long vector24, vector25, vector26, vector27, vector28, vector29, vector30, vector31
    .globl syscall_vector
syscall_vector:
    .long vector128

    .section .note.GNU-stack, "", @progbits
