/* System calls from the executor (kernel/user/usys.h). */
#include "kernel/ktrace.h"
#include "kernel/proc.h"
#include "kernel/trap.h"
#include "kernel/user/usys.h"
#include "spec/out.h"

static void not_yet(int32_t op)
{
    char text[80];
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_out_str(&o, "not in this kernel yet: ");
    fk_out_str(&o, op >= 0 && op < FK_NOPS ? fk_ops[op].name : "?");
    panic(fk_out_cstr(&o));
}

void syscall(struct trapframe *tf)
{
    struct proc *q = proc_current();
    int32_t a = (int32_t)tf->ebx, b = (int32_t)tf->ecx;
    switch (tf->eax) {
    case SYS_NEXT:
        proc_next((uint32_t)a, (uint32_t)b);
        tf->eax = 0;
        return;
    case SYS_DIE:
        proc_kill(a);
    case SYS_NOT_YET:
        not_yet(a);
        return;
    case SYS_FORK:
        tf->eax = (uint32_t)proc_fork();
        return;
    case SYS_EXIT:
        proc_exit(a);
    case SYS_WAIT:
        tf->eax = (uint32_t)proc_wait(a, (uint32_t)b);
        return;
    case SYS_GETPID:
        tf->eax = (uint32_t)q->pid;
        return;
    case SYS_GETPPID:
        tf->eax = (uint32_t)(q->parent < 0 ? -1 : procs[q->parent].pid);
        return;
    default:
        panic("unknown system call");
    }
}
