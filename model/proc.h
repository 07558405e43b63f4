/* Process operations (spec/syscalls.md, "Process operations"). p is the
 * caller's slot, alive. */
#ifndef MODEL_PROC_H
#define MODEL_PROC_H

#include "model/state.h"

/*@ requires alive(p);
    requires states_ok && parents_ok && pids_ok && pids_unique && next_pid_ok && p0_ok;
    requires next_pid <= FK_MAX_PID; // one fork per step at most
    requires idle_slots_empty;
    requires fds_in_range && file_refs_counted && files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires node_refs_counted && cwds_in_range;
    requires frames_in_range && frame_refs_counted && obj_refs_counted && heap_ok;
    requires regions_shaped && objs_shaped;
    // only the child's slot (the lowest free one) and refcounts change
    assigns proc_state[first_free_slot(0)], proc_pid[first_free_slot(0)],
            proc_parent[first_free_slot(0)], proc_status[first_free_slot(0)],
            proc_cwd[first_free_slot(0)], heap_pages[first_free_slot(0)],
            next_pid, fdt[first_free_slot(0)][0 .. FK_NOFILE-1],
            pg_attr[first_free_slot(0)][0 .. FK_MMAP_PAGES-1],
            pg_start[first_free_slot(0)][0 .. FK_MMAP_PAGES-1],
            pg_frame[first_free_slot(0)][0 .. FK_MMAP_PAGES-1],
            pg_obj[first_free_slot(0)][0 .. FK_MMAP_PAGES-1],
            pg_objpage[first_free_slot(0)][0 .. FK_MMAP_PAGES-1],
            heap_frame[first_free_slot(0)][0 .. FK_HEAP_MAX_PAGES-1],
            file_ref[0 .. FK_NFILE-1], node_ref[0 .. FK_NNODE-1],
            frame_ref[0 .. FK_NFRAME-1], obj_ref[0 .. FK_NOBJ-1];
    ensures states_ok;
    ensures parents_ok;
    ensures pids_ok;
    ensures unique_pids: pids_unique;
    ensures next_pid_ok;
    ensures p0_ok;
    ensures idle_slots_empty;
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures node_refs_counted;
    ensures cwds_in_range;
    ensures frames_in_range;
    ensures frame_refs_counted;
    ensures no_frame_revived{Pre, Post};
    ensures obj_refs_counted;
    ensures heap_ok;
    ensures regions_shaped;
    ensures objs_shaped;
    ensures alive(p);
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior table_full:
      assumes first_free_slot(0) < 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EAGAIN;
      ensures next_pid == \old(next_pid);
    behavior forked:
      assumes first_free_slot(0) >= 0;
      ensures \result.kind == FK_R_OK && \result.val == \old(next_pid) && \result.aux == 0;
      ensures next_pid == \old(next_pid) + 1;
      ensures \let c = first_free_slot{Pre}(0);
              proc_state[c] == P_ALIVE && proc_pid[c] == \old(next_pid)
              && proc_parent[c] == p && proc_status[c] == 0
              && proc_cwd[c] == proc_cwd[p] && heap_pages[c] == heap_pages[p];
      ensures \let c = first_free_slot{Pre}(0);
              \forall integer i; 0 <= i < FK_NOFILE ==>
                fdt[c][i] == fdt[p][i] && fdt[p][i] == \old(fdt[p][i]);
      ensures \let c = first_free_slot{Pre}(0);
              \forall integer i; 0 <= i < FK_MMAP_PAGES ==>
                pg_attr[c][i] == pg_attr[p][i] && pg_start[c][i] == pg_start[p][i]
                && pg_frame[c][i] == pg_frame[p][i] && pg_obj[c][i] == pg_obj[p][i]
                && pg_objpage[c][i] == pg_objpage[p][i];
      ensures \let c = first_free_slot{Pre}(0);
              \forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==>
                heap_frame[c][j] == heap_frame[p][j];
      // each open file gains one reference per fd the child inherits
      ensures \forall integer g; 0 <= g < FK_NFILE ==>
                file_ref[g] == \old(file_ref[g]) + fd_row_count{Pre}(p, g, FK_NOFILE);
      // each frame one per page the child shares, each object one per region
      ensures \forall integer fr; 0 <= fr < FK_NFRAME ==> frame_ref[fr]
                == \old(frame_ref[fr]) + pg_row_count{Pre}(p, fr, FK_MMAP_PAGES)
                   + heap_row_count{Pre}(p, fr, FK_HEAP_MAX_PAGES);
      ensures \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o]
                == \old(obj_ref[o]) + start_row_count{Pre}(p, o, FK_MMAP_PAGES);
      ensures \forall integer n; 0 <= n < FK_NNODE ==> node_ref[n]
                == \old(node_ref[n]) + (n == \old(proc_cwd[p]) ? 1 : 0);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_fork(int p);
/*@ requires alive(p);
    requires tables_ok;
    assigns TEARDOWN_ASSIGNS(p);
    ensures tables_ok;
    ensures no_frame_revived{Pre, Post};
    ensures \result.kind == FK_R_OK && \result.val == 0 && \result.aux == 0;
    // a zombie with its exit status, its children p0's, nothing else
    // changed (its fds, pages, heap and cwd are gone: valid_state, zombies
    // hold nothing)
    ensures torn: torn_down{Pre, Post}(p, (code % 256 + 256) % 256 * 256);
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
*/
struct fk_result sys_exit(int p, int32_t code);
/*@ requires alive(p);
    requires tables_ok;
    requires pid == -1 || 0 <= pid <= FK_MAX_PID;
    assigns proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1],
            proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1];
    ensures tables_ok;
    ensures alive(p);
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    // (WP does not carry none_ready's assigns to a caller: said again)
    ensures none_kept: \result.kind == FK_R_OK && \result.val == 0 ==> procs_same{Pre, Post};
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
      ensures reaped_one: \exists integer z; \at(waited_child(z, p, pid), Pre)
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
                      && proc_pid[r] == \at(proc_pid[r], Pre)
                      && proc_status[r] == \at(proc_status[r], Pre));
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_wait(int p, int32_t pid);

/*@ requires alive(p);
    assigns \nothing;
    ensures \result.kind == FK_R_OK && \result.val == proc_pid[p];
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
*/
struct fk_result sys_getpid(int p);

/*@ requires alive(p);
    requires parents_ok;
    assigns \nothing;
    ensures \result.kind == FK_R_OK;
    ensures proc_parent[p] < 0 ==> \result.val == -1;
    ensures proc_parent[p] >= 0 ==> \result.val == proc_pid[proc_parent[p]];
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
*/
struct fk_result sys_getppid(int p);

#endif
