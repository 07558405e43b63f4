/* System calls from the executor (kernel/user/usys.h). */
#include "kernel/file.h"
#include "kernel/ktrace.h"
#include "kernel/proc.h"
#include "kernel/vm.h"
#include "kernel/trap.h"
#include "kernel/user/usys.h"
#include "spec/errno.h"
#include "spec/precheck.h"

/* A window range as the executor's checks let through (spec/precheck.h):
 * the kernel checks again rather than trust its caller. */
static int range_ok(int32_t addr, int32_t npages)
{
    uint32_t a = (uint32_t)addr;
    return a % FK_PAGE_SIZE == 0 && fk_in_window(a) && npages >= 1
           && npages <= FK_MMAP_PAGES
           && (a - FK_MMAP_BASE) / FK_PAGE_SIZE + (uint32_t)npages <= FK_MMAP_PAGES;
}

/* A user buffer of count bytes (0 .. FK_MAX_IO), or 0 when it is bad. */
static void *user_buffer(struct proc *q, int32_t ubuf, int32_t count)
{
    if (count < 0 || count > FK_MAX_IO)
        return 0;
    if (count && !user_range_ok(q->pd, (uint32_t)ubuf, (uint32_t)count))
        panic("executor passed a bad buffer");
    return (void *)(uint32_t)ubuf;
}

void syscall(struct trapframe *tf)
{
    struct proc *q = proc_current();
    int32_t a = (int32_t)tf->ebx, b = (int32_t)tf->ecx, c = (int32_t)tf->edx, fds[2];
    void *buf;
    switch (tf->eax) {
    case SYS_NEXT:
        proc_next((uint32_t)a, (uint32_t)b);
        tf->eax = 0;
        return;
    case SYS_DIE:
        proc_kill(a);

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
    case SYS_OPEN:
        tf->eax = (uint32_t)file_open(q->fd, q->cwd, a, b);
        return;
    case SYS_CLOSE:
        tf->eax = (uint32_t)file_close_fd(q->fd, a);
        return;
    case SYS_DUP:
        tf->eax = (uint32_t)file_dup_fd(q->fd, a);
        return;
    case SYS_DUP2:
        tf->eax = (uint32_t)file_dup2(q->fd, a, b);
        return;
    case SYS_PIPE:
        if (!user_range_ok(q->pd, (uint32_t)a, sizeof fds))
            panic("executor passed a bad pipe buffer");
        tf->eax = (uint32_t)file_pipe(q->fd, &fds[0], &fds[1]);
        ((int32_t *)(uint32_t)a)[0] = fds[0];
        ((int32_t *)(uint32_t)a)[1] = fds[1];
        return;
    case SYS_READ:
        buf = user_buffer(q, b, c);
        tf->eax = (uint32_t)(buf || !c ? file_read(q->fd, a, buf, c) : -FK_EINVAL);
        return;
    case SYS_WRITE:
        buf = user_buffer(q, b, c);
        tf->eax = (uint32_t)(buf || !c ? file_write(q->fd, a, buf, c) : -FK_EINVAL);
        return;
    case SYS_LSEEK:
        tf->eax = (uint32_t)file_lseek(q->fd, a, b, c);
        return;
    case SYS_CHDIR:
        tf->eax = (uint32_t)file_chdir(&q->cwd, a);
        return;
    case SYS_MMAP:
        tf->eax = (uint32_t)(!range_ok(a, b) || (c & 0xff) > FK_PROT_RW || (c >> 8) > 1
                             ? -FK_EINVAL : mm_mmap(&q->mem, q->pd, (uint32_t)a, b, c & 0xff, c >> 8));
        return;
    case SYS_MUNMAP:
        tf->eax = (uint32_t)(range_ok(a, b) ? mm_munmap(&q->mem, q->pd, (uint32_t)a, b) : -FK_EINVAL);
        return;
    case SYS_MPROTECT:
        tf->eax = (uint32_t)(!range_ok(a, b) || c < 0 || c > FK_PROT_RW
                             ? -FK_EINVAL : mm_mprotect(&q->mem, q->pd, (uint32_t)a, b, c));
        return;
    case SYS_SBRK:
        tf->eax = (uint32_t)mm_sbrk(&q->mem, q->pd, a);
        return;
    default:
        panic("unknown system call");
    }
}
