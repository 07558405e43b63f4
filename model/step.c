/* The step dispatcher: SKIP, the executor's checks, then the operation. */
#include "model/file.h"
#include "model/model.h"
#include "model/proc.h"
#include "model/state.h"
#include "model/vm.h"
#include "spec/precheck.h"

static struct fk_result dispatch(int p, const struct fk_step *s)
{
    const int32_t *a = s->arg;
    switch (s->op) {
    case FK_OP_FORK: return sys_fork(p);
    case FK_OP_EXIT: return sys_exit(p, a[0]);
    case FK_OP_WAIT: return sys_wait(p, a[0]);
    case FK_OP_GETPID: return sys_getpid(p);
    case FK_OP_GETPPID: return sys_getppid(p);
    case FK_OP_OPEN: return sys_open(p, a[0], a[1]);
    case FK_OP_CLOSE: return sys_close(p, a[0]);
    case FK_OP_DUP: return sys_dup(p, a[0]);
    case FK_OP_DUP2: return sys_dup2(p, a[0], a[1]);
    case FK_OP_PIPE: return sys_pipe(p);
    case FK_OP_READ: return sys_read(p, a[0], a[1]);
    case FK_OP_WRITE: return sys_write(p, a[0], a[1], a[2]);
    case FK_OP_LSEEK: return sys_lseek(p, a[0], a[1], a[2]);
    case FK_OP_CHDIR: return sys_chdir(p, a[0]);
    case FK_OP_MMAP: return sys_mmap(p, (uint32_t)a[0], a[1], a[2], a[3]);
    case FK_OP_MUNMAP: return sys_munmap(p, (uint32_t)a[0], a[1]);
    case FK_OP_MPROTECT: return sys_mprotect(p, (uint32_t)a[0], a[1], a[2]);
    case FK_OP_SBRK: return sys_sbrk(p, a[0]);
    case FK_OP_STORE: return sys_store(p, (uint32_t)a[0], (uint32_t)a[1]);
    default: return sys_load(p, (uint32_t)a[0]);
    }
}

void model_step(const struct fk_step *s, struct fk_result *r)
{
    int p = slot_of(s->proc);
    if (p < 0 || proc_state[p] != P_ALIVE) {
        r->kind = FK_R_SKIP;
        r->val = r->aux = 0;
        return;
    }
    if (fk_precheck(s, r)) {
        if (r->kind == FK_R_KILLED)     /* the executor faulted: it dies */
            proc_teardown(p, fk_status_signaled(r->val));
        return;
    }
    *r = dispatch(p, s);
}
