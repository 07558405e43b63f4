/* The step dispatcher: SKIP, the executor's checks, then the operation. */
#include "model/fdt.h"
#include "model/file.h"
#include "model/model.h"
#include "model/proc.h"
#include "model/state.h"
#include "model/vm.h"
#include "spec/precheck.h"

/*@ requires alive(p);
    requires valid_state;
    requires next_pid <= FK_MAX_PID;
    requires step_args_ok(s) && passes_checks(s);
    assigns MODEL_STATE(p, first_free_slot(0));
    ensures procs_ok;
    ensures files_ok;
    ensures memory_ok;
    ensures nodes_summed;
    ensures frames_summed;
    ensures next_pid <= \old(next_pid) + 1;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    ensures effect_getpid: s.op == FK_OP_GETPID ==> step_getpid(p, \result);
    ensures effect_getppid: s.op == FK_OP_GETPPID ==> step_getppid(p, \result);
    ensures effect_fork: s.op == FK_OP_FORK && \result.kind == FK_R_OK ==>
              step_fork{Pre, Post}(p, \result);
    ensures effect_wait: s.op == FK_OP_WAIT && \result.kind == FK_R_OK ==>
              step_wait{Pre, Post}(p, s.arg[0], \result);
    ensures effect_wait_kept: s.op == FK_OP_WAIT && \result.kind == FK_R_OK ==>
              step_wait_kept{Pre, Post}(\result);
    ensures effect_open: s.op == FK_OP_OPEN && \result.kind == FK_R_OK ==>
              lowest_fd{Pre, Post}(p, \result.val);
    ensures effect_dup: s.op == FK_OP_DUP && \result.kind == FK_R_OK ==>
              step_dup{Pre, Post}(p, s.arg[0], \result);
    ensures effect_read: s.op == FK_OP_READ && \result.kind == FK_R_OK ==>
              step_read{Pre, Post}(p, s.arg[0], \result);
    ensures effect_read_file_kept: s.op == FK_OP_READ && \result.kind == FK_R_OK ==>
              step_read_file_kept{Pre, Post}(p, s.arg[0]);
    ensures effect_read_pipe_kept: s.op == FK_OP_READ && \result.kind == FK_R_OK ==>
              step_read_pipe_kept{Pre, Post}(p, s.arg[0]);
    ensures effect_write: s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
              step_write{Pre, Post}(p, s.arg[0], s.arg[1], s.arg[2], \result);
    ensures effect_write_none_kept: s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
              step_write_none_kept{Pre, Post}(\result);
    ensures effect_write_file_kept: s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
              step_write_file_kept{Pre, Post}(p, s.arg[0], \result);
    ensures effect_write_pipe_kept: s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
              step_write_pipe_kept{Pre, Post}(p, s.arg[0], \result);
    ensures effect_exit: s.op == FK_OP_EXIT && \result.kind == FK_R_OK ==>
              step_exit{Pre, Post}(p, s.arg[0]);
    ensures effect_dup2: s.op == FK_OP_DUP2 && \result.kind == FK_R_OK ==>
              step_dup2{Pre, Post}(p, s.arg[0], s.arg[1], \result);
    ensures effect_close: s.op == FK_OP_CLOSE && \result.kind == FK_R_OK ==>
              step_close{Pre, Post}(p, s.arg[0]);
    ensures effect_close_kept: (s.op == FK_OP_CLOSE || s.op == FK_OP_DUP2)
              && \result.kind == FK_R_OK ==> step_close_kept{Pre, Post}(p);
    ensures effect_killed: \result.kind == FK_R_KILLED ==> step_killed{Pre, Post}(p, \result);
    ensures effect_lseek: s.op == FK_OP_LSEEK && \result.kind == FK_R_OK ==>
              step_lseek{Pre, Post}(p, s, \result);
    ensures effect_lseek_kept: s.op == FK_OP_LSEEK && \result.kind == FK_R_OK ==>
              step_lseek_kept{Pre, Post}(p, s.arg[0]);
    ensures effect_chdir: s.op == FK_OP_CHDIR && \result.kind == FK_R_OK ==>
              step_chdir{Pre, Post}(p, s.arg[0]);
    ensures effect_sbrk: s.op == FK_OP_SBRK && \result.kind == FK_R_OK ==>
              step_sbrk{Pre, Post}(p, s.arg[0], \result);
    ensures effect_pipe: s.op == FK_OP_PIPE && \result.kind == FK_R_OK ==>
              step_pipe{Pre, Post}(p, \result);
    ensures effect_mmap: s.op == FK_OP_MMAP && \result.kind == FK_R_OK ==>
              step_mmap{Pre, Post}(p, s, \result);
    ensures effect_munmap: s.op == FK_OP_MUNMAP ==> step_munmap(p, s);
    ensures effect_mprotect: s.op == FK_OP_MPROTECT && \result.kind == FK_R_OK ==>
              step_mprotect(p, s);
    ensures effect_store: s.op == FK_OP_STORE && \result.kind == FK_R_OK ==> step_store(p, s);
    ensures effect_store_kept: s.op == FK_OP_STORE && \result.kind == FK_R_OK ==>
              step_store_kept{Pre, Post}(p, s);
    ensures effect_load: s.op == FK_OP_LOAD && \result.kind == FK_R_OK ==> step_load(p, s, \result);
*/
static struct fk_result dispatch(int p, struct fk_step s)
{
    /*@ ghost files_in_use(); */
    struct fk_result r;
    // computed before the switch: WP leaves a call's temporary declared
    // at a switch's top unallocated on some paths (an assigns goal fails)
    uint32_t addr = fk_u32_of(s.arg[0]), word = fk_u32_of(s.arg[1]);
    switch (s.op) {
    case FK_OP_FORK: r = sys_fork(p); break;
    case FK_OP_EXIT: r = sys_exit(p, s.arg[0]); break;
    case FK_OP_WAIT: r = sys_wait(p, s.arg[0]); break;
    case FK_OP_GETPID: r = sys_getpid(p); break;
    case FK_OP_GETPPID: r = sys_getppid(p); break;
    case FK_OP_OPEN: r = sys_open(p, s.arg[0], s.arg[1]); break;
    case FK_OP_CLOSE: r = sys_close(p, s.arg[0]); break;
    case FK_OP_DUP: r = sys_dup(p, s.arg[0]); break;
    case FK_OP_DUP2: r = sys_dup2(p, s.arg[0], s.arg[1]); break;
    case FK_OP_PIPE: r = sys_pipe(p); break;
    case FK_OP_READ: r = sys_read(p, s.arg[0], s.arg[1]); break;
    case FK_OP_WRITE: r = sys_write(p, s.arg[0], s.arg[1], s.arg[2]); break;
    case FK_OP_LSEEK: r = sys_lseek(p, s.arg[0], s.arg[1], s.arg[2]); break;
    case FK_OP_CHDIR: r = sys_chdir(p, s.arg[0]); break;
    case FK_OP_MMAP: r = sys_mmap(p, addr, s.arg[1], s.arg[2], s.arg[3]); break;
    case FK_OP_MUNMAP: r = sys_munmap(p, addr, s.arg[1]); break;
    case FK_OP_MPROTECT: r = sys_mprotect(p, addr, s.arg[1], s.arg[2]); break;
    case FK_OP_SBRK: r = sys_sbrk(p, s.arg[0]); break;
    case FK_OP_STORE: r = sys_store(p, addr, word); break;
    default: r = sys_load(p, addr); break;
    }
    return r;
}

/*@ ghost
  // The isolation theorems' arithmetic and unfolding, in the state after
  // a step (model_step proves the rest from the step relation).
  /@ assigns \nothing;
     ensures \forall integer c, p; pages_alike(c, p) ==> fork_reads_alike(c, p);
     ensures \forall integer p, addr, n; window_range(addr, n)
               && (\forall integer k; (addr - FK_MMAP_BASE) / FK_PAGE_SIZE <= k
                     < (addr - FK_MMAP_BASE) / FK_PAGE_SIZE + n ==> page_clear(p, k))
               ==> range_unmapped(p, addr, n);
  @/
  static void memory_views(void) {}
*/

struct fk_result model_step(struct fk_step s)
{
    struct fk_result r = { FK_R_SKIP, 0, 0 };
    int p = slot_of(s.proc);
    if (p < 0 || proc_state[p] != P_ALIVE)
        return r;
    if (fk_precheck(&s, &r)) {
        if (r.kind == FK_R_KILLED) {    /* the executor faulted: it dies */
            proc_teardown(p, fk_status_signaled(r.val));
            /*@ assert torn: step_killed{Pre, Here}(p, r); */
        }
        /*@ assert checked: valid_state; */
        return r;
    }
    r = dispatch(p, s);
    /*@ assert stepped: valid_state; */
    /*@ ghost memory_views(); */
    return r;
}

void model_run(struct fk_prog prog, uint32_t n)
{
    /*@ loop invariant in_range: 0 <= i <= n;
        loop invariant valid: valid_state;
        loop invariant pid_bound: next_pid <= \at(next_pid, Pre) + i;
        loop assigns i, MODEL_ALL;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++)
        model_step(prog.step[i]);
}

void model_replay(struct fk_prog prog, uint32_t n)
{
    model_reset();
    model_run(prog, n);
}
