/* Process operations (spec/syscalls.md, "Process operations"). p is the
 * caller's slot, alive. */
#ifndef MODEL_PROC_H
#define MODEL_PROC_H

#include "model/state.h"

struct fk_result sys_fork(int p);
struct fk_result sys_exit(int p, int32_t code);
/*@ requires alive(p);
    requires states_ok;
    requires parents_ok;
    requires pids_ok;
    requires pid == -1 || 0 <= pid <= FK_MAX_PID;
    assigns proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1],
            proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1];
    ensures states_ok;
    ensures parents_ok;
    ensures pids_ok;
    ensures alive(p);
    behavior no_child:
      assumes !\exists integer q; waited_child(q, p, pid);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ECHILD;
    behavior none_ready:
      assumes \exists integer q; waited_child(q, p, pid);
      assumes \forall integer q; waited_child(q, p, pid) ==> proc_state[q] != P_ZOMBIE;
      assigns \nothing;
      ensures \result.kind == FK_R_OK && \result.val == 0 && \result.aux == 0;
    behavior reaped:
      assumes \exists integer q; waited_child(q, p, pid) && proc_state[q] == P_ZOMBIE;
      ensures \result.kind == FK_R_OK;
      ensures \exists integer z; \at(waited_child(z, p, pid), Pre)
                && \at(proc_state[z], Pre) == P_ZOMBIE
                && \result.val == \at(proc_pid[z], Pre)
                && \result.aux == \at(proc_status[z], Pre)
                && proc_state[z] == P_FREE
                && (\forall integer r; \at(waited_child(r, p, pid), Pre)
                      && \at(proc_state[r], Pre) == P_ZOMBIE
                      ==> \at(proc_pid[z], Pre) <= \at(proc_pid[r], Pre))
                && (\forall integer r; 0 <= r < FK_NPROC && r != z ==>
                      proc_state[r] == \at(proc_state[r], Pre)
                      && proc_parent[r] == \at(proc_parent[r], Pre)
                      && proc_pid[r] == \at(proc_pid[r], Pre));
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_wait(int p, int32_t pid);

/*@ requires alive(p);
    assigns \nothing;
    ensures \result.kind == FK_R_OK && \result.val == proc_pid[p];
*/
struct fk_result sys_getpid(int p);

/*@ requires alive(p);
    requires parents_ok;
    assigns \nothing;
    ensures \result.kind == FK_R_OK;
    ensures proc_parent[p] < 0 ==> \result.val == -1;
    ensures proc_parent[p] >= 0 ==> \result.val == proc_pid[proc_parent[p]];
*/
struct fk_result sys_getppid(int p);

#endif
