/* System calls from the executor. */
#include "kernel/ktrace.h"
#include "kernel/trap.h"
#include "kernel/user/usys.h"

/* The host loop (main.c): serves frames until a step is due. */
void serve_host(void) __attribute__((noreturn));

void syscall(struct trapframe *tf)
{
    switch (tf->eax) {
    case SYS_READY:
        /* p0's executor is up: the kernel is ready for programs. */
        trace_hello();
        serve_host();
    default:
        panic("unknown system call");
    }
}
