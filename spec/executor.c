#include "spec/executor.h"
#include "spec/precheck.h"

static uint8_t io[FK_MAX_IO];

static struct fk_result from_syscall(int32_t v, int32_t aux)
{
    struct fk_result r = { v < 0 ? FK_R_ERR : FK_R_OK, v < 0 ? -v : v, v < 0 ? 0 : aux };
    return r;
}

/* The system call a step makes; *child set in a fork's child. */
static struct fk_result perform(const struct fk_step *s, int *child)
{
    const int32_t *a = s->arg;
    int32_t status = 0, fds[2] = { -1, -1 }, v;
    switch (s->op) {
    case FK_OP_FORK:
        v = fk_sys_fork();
        *child = v == 0;
        return from_syscall(v, 0);
    case FK_OP_EXIT: return from_syscall(fk_sys_exit(a[0]), 0);
    case FK_OP_WAIT:
        v = fk_sys_wait(a[0], &status);
        return from_syscall(v, status);
    case FK_OP_GETPID: return from_syscall(fk_sys_getpid(), 0);
    case FK_OP_GETPPID: {       /* -1 in p0 is a value, not an error */
        struct fk_result r = { FK_R_OK, fk_sys_getppid(), 0 };
        return r;
    }
    case FK_OP_OPEN: return from_syscall(fk_sys_open(a[0], a[1]), 0);
    case FK_OP_CLOSE: return from_syscall(fk_sys_close(a[0]), 0);
    case FK_OP_DUP: return from_syscall(fk_sys_dup(a[0]), 0);
    case FK_OP_DUP2: return from_syscall(fk_sys_dup2(a[0], a[1]), 0);
    case FK_OP_PIPE:
        v = fk_sys_pipe(fds);
        return from_syscall(v < 0 ? v : fds[0], fds[1]);
    case FK_OP_READ:
        v = fk_sys_read(a[0], io, a[1]);
        return from_syscall(v, v > 0 ? fk_i32_of(fk_sum_bytes(io, (size_t)v)) : 0);
    case FK_OP_WRITE:
        for (int32_t i = 0; i < a[1]; i++)
            io[i] = (uint8_t)a[2];
        return from_syscall(fk_sys_write(a[0], io, a[1]), 0);
    case FK_OP_LSEEK: return from_syscall(fk_sys_lseek(a[0], a[1], a[2]), 0);
    case FK_OP_CHDIR: return from_syscall(fk_sys_chdir(a[0]), 0);
    case FK_OP_MMAP:            /* window and heap addresses are below 2^31 */
        return from_syscall(fk_sys_mmap(fk_u32_of(a[0]), a[1], a[2], a[3]), 0);
    case FK_OP_MUNMAP: return from_syscall(fk_sys_munmap(fk_u32_of(a[0]), a[1]), 0);
    case FK_OP_MPROTECT:
        return from_syscall(fk_sys_mprotect(fk_u32_of(a[0]), a[1], a[2]), 0);
    case FK_OP_SBRK: return from_syscall(fk_sys_sbrk(a[0]), 0);
    case FK_OP_STORE:
        *(volatile uint32_t *)(uintptr_t)fk_u32_of(a[0]) = fk_u32_of(a[1]);
        return from_syscall(0, 0);
    default: {                  /* FK_OP_LOAD: the decoder makes nothing else */
        struct fk_result r = { FK_R_OK,
                               fk_i32_of(*(volatile uint32_t *)(uintptr_t)fk_u32_of(a[0])), 0 };
        return r;
    }
    }
}

int fk_execute(const struct fk_step *s, struct fk_result *r)
{
    int child = 0;
    if (fk_precheck(s, r)) {
        if (r->kind == FK_R_KILLED)
            fk_sys_die(r->val);
        return 1;
    }
    *r = perform(s, &child);
    return !child;
}
