/* The executor every user process runs (ARCHITECTURE.md, "Execution
 * model"): report the last step's result and wait for the next, make the
 * executor's checks (spec/precheck.c), perform the step, repeat. Memory
 * steps are real loads and stores; a fault is the kernel's to handle. */
#include <string.h>
#include "kernel/user/usys.h"
#include "spec/precheck.h"

static struct fk_step step;
static uint8_t io[FK_MAX_IO];
static struct fk_result result;
static int has_result;

static void from_syscall(int32_t v, int32_t aux)
{
    result.kind = v < 0 ? FK_R_ERR : FK_R_OK;
    result.val = v < 0 ? -v : v;
    result.aux = v < 0 ? 0 : aux;
}

static void perform(const struct fk_step *s)
{
    volatile uint32_t *word = (volatile uint32_t *)(uint32_t)s->arg[0];
    int32_t status = 0, v, fds[2];
    const int32_t *a = s->arg;
    switch (s->op) {
    case FK_OP_OPEN:
        from_syscall(usys2(SYS_OPEN, a[0], a[1]), 0);
        break;
    case FK_OP_CLOSE:
        from_syscall(usys2(SYS_CLOSE, a[0], 0), 0);
        break;
    case FK_OP_DUP:
        from_syscall(usys2(SYS_DUP, a[0], 0), 0);
        break;
    case FK_OP_DUP2:
        from_syscall(usys2(SYS_DUP2, a[0], a[1]), 0);
        break;
    case FK_OP_PIPE:
        v = usys2(SYS_PIPE, (int32_t)(uint32_t)fds, 0);
        from_syscall(v < 0 ? v : fds[0], fds[1]);
        break;
    case FK_OP_READ:
        v = usys3(SYS_READ, a[0], (int32_t)(uint32_t)io, a[1]);
        from_syscall(v, v > 0 ? (int32_t)fk_sum_bytes(io, (size_t)v) : 0);
        break;
    case FK_OP_WRITE:
        memset(io, a[2], (size_t)a[1]);
        from_syscall(usys3(SYS_WRITE, a[0], (int32_t)(uint32_t)io, a[1]), 0);
        break;
    case FK_OP_LSEEK:
        from_syscall(usys3(SYS_LSEEK, a[0], a[1], a[2]), 0);
        break;
    case FK_OP_CHDIR:
        from_syscall(usys2(SYS_CHDIR, a[0], 0), 0);
        break;
    case FK_OP_MMAP:           /* window and heap addresses are below 2^31 */
        from_syscall(usys3(SYS_MMAP, a[0], a[1], a[2] | a[3] << 8), 0);
        break;
    case FK_OP_MUNMAP:
        from_syscall(usys2(SYS_MUNMAP, a[0], a[1]), 0);
        break;
    case FK_OP_MPROTECT:
        from_syscall(usys3(SYS_MPROTECT, a[0], a[1], a[2]), 0);
        break;
    case FK_OP_SBRK:
        from_syscall(usys2(SYS_SBRK, a[0], 0), 0);
        break;
    case FK_OP_FORK:
        v = usys2(SYS_FORK, 0, 0);
        if (v == 0) {           /* the child: its fork is not a step */
            has_result = 0;
            return;
        }
        from_syscall(v, 0);
        break;
    case FK_OP_EXIT:
        from_syscall(usys2(SYS_EXIT, s->arg[0], 0), 0);
        break;
    case FK_OP_WAIT:
        v = usys2(SYS_WAIT, s->arg[0], (int32_t)(uint32_t)&status);
        from_syscall(v, status);
        break;
    case FK_OP_GETPID:
        from_syscall(usys2(SYS_GETPID, 0, 0), 0);
        break;
    case FK_OP_GETPPID:
        v = usys2(SYS_GETPPID, 0, 0);
        result.kind = FK_R_OK;  /* -1 in p0 is a value, not an error */
        result.val = v;
        result.aux = 0;
        break;
    case FK_OP_STORE:
        *word = (uint32_t)s->arg[1];
        from_syscall(0, 0);
        break;
    case FK_OP_LOAD:
        from_syscall(0, 0);
        result.val = (int32_t)*word;
        break;
    default:
        usys2(SYS_BAD_STEP, s->op, 0);
    }
    has_result = 1;
}

void _start(void)
{
    for (;;) {
        usys2(SYS_NEXT, has_result ? (int32_t)(uint32_t)&result : 0,
              (int32_t)(uint32_t)&step);
        has_result = 1;
        if (fk_precheck(&step, &result)) {
            if (result.kind == FK_R_KILLED)
                usys2(SYS_DIE, result.val, 0);
            continue;
        }
        perform(&step);
    }
}
