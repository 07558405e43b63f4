/* The reference model (spec/state.md, spec/syscalls.md): the abstract state
 * as bounded global arrays, one function per operation. No malloc, no
 * recursion, no function pointers. */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include "model/state.h"
#include "spec/obs.h"
#include "spec/program.h"

/* The initial state: p0 alive, the namespace's initial contents. It
 * satisfies the whole invariant. */
/*@ assigns proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1],
            proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1],
            proc_cwd[0 .. FK_NPROC-1], heap_pages[0 .. FK_NPROC-1],
            fdt[0 .. FK_NPROC-1][0 .. FK_NOFILE-1], next_pid,
            pg_attr[0 .. FK_NPROC-1][0 .. FK_MMAP_PAGES-1],
            pg_start[0 .. FK_NPROC-1][0 .. FK_MMAP_PAGES-1],
            pg_frame[0 .. FK_NPROC-1][0 .. FK_MMAP_PAGES-1],
            pg_obj[0 .. FK_NPROC-1][0 .. FK_MMAP_PAGES-1],
            pg_objpage[0 .. FK_NPROC-1][0 .. FK_MMAP_PAGES-1],
            heap_frame[0 .. FK_NPROC-1][0 .. FK_HEAP_MAX_PAGES-1],
            file_ref[0 .. FK_NFILE-1], file_kind[0 .. FK_NFILE-1],
            file_mode[0 .. FK_NFILE-1], file_append[0 .. FK_NFILE-1],
            file_node[0 .. FK_NFILE-1], file_pipe[0 .. FK_NFILE-1],
            file_off[0 .. FK_NFILE-1],
            pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1],
            frame_ref[0 .. FK_NFRAME-1], obj_ref[0 .. FK_NOBJ-1],
            obj_npages[0 .. FK_NOBJ-1], obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1],
            node_exists[0 .. FK_NNODE-1], node_size[0 .. FK_NNODE-1],
            node_ref[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1],
            node_data[0 .. FK_NNODE * FK_MAX_FILE_SIZE - 1];
    ensures procs_ok;
    ensures files_ok;
    ensures memory_ok;
    ensures alive(0) && proc_pid[0] == 0 && next_pid == 1;
*/
void model_reset(void);

/* Everything a step may change: the whole of the one-dimensional state,
 * and of the per-process tables only the rows of the stepping process
 * (slot P) and of a new child (slot F). */
#define MODEL_STATE(P, F) \
    proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1], \
    proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1], \
    proc_cwd[0 .. FK_NPROC-1], next_pid, heap_pages[0 .. FK_NPROC-1], \
    fdt[P][0 .. FK_NOFILE-1], fdt[F][0 .. FK_NOFILE-1], \
    pg_attr[P][0 .. FK_MMAP_PAGES-1], pg_attr[F][0 .. FK_MMAP_PAGES-1], \
    pg_start[P][0 .. FK_MMAP_PAGES-1], pg_start[F][0 .. FK_MMAP_PAGES-1], \
    pg_frame[P][0 .. FK_MMAP_PAGES-1], pg_frame[F][0 .. FK_MMAP_PAGES-1], \
    pg_obj[P][0 .. FK_MMAP_PAGES-1], pg_obj[F][0 .. FK_MMAP_PAGES-1], \
    pg_objpage[P][0 .. FK_MMAP_PAGES-1], pg_objpage[F][0 .. FK_MMAP_PAGES-1], \
    heap_frame[P][0 .. FK_HEAP_MAX_PAGES-1], heap_frame[F][0 .. FK_HEAP_MAX_PAGES-1], \
    file_ref[0 .. FK_NFILE-1], file_kind[0 .. FK_NFILE-1], \
    file_mode[0 .. FK_NFILE-1], file_append[0 .. FK_NFILE-1], \
    file_node[0 .. FK_NFILE-1], file_pipe[0 .. FK_NFILE-1], \
    file_off[0 .. FK_NFILE-1], \
    pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1], \
    pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1], \
    pipe_buf[0 .. FK_NPIPE * FK_PIPE_CAPACITY - 1], \
    node_exists[0 .. FK_NNODE-1], node_size[0 .. FK_NNODE-1], \
    node_ref[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1], \
    node_data[0 .. FK_NNODE * FK_MAX_FILE_SIZE - 1], \
    frame_ref[0 .. FK_NFRAME-1], frame_sum[0 .. FK_NFRAME-1], \
    frame_data[0 .. FK_NFRAME * FK_PAGE_WORDS - 1], \
    obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1], \
    obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1]

/*@ // The argument ranges of the program format (fk_step_valid checks
    // them; the parser and the binary decoder produce nothing else).
    predicate step_args_ok(struct fk_step s) =
      0 <= s.op < FK_NOPS
      && (s.op == FK_OP_WAIT ==> -1 <= s.arg[0] <= FK_MAX_PID)
      && (s.op == FK_OP_OPEN ==> 0 <= s.arg[0] <= FK_PATH_MAX
            && path_count(s.arg[0]) <= FK_PATH_MAXCOMP
            && 0 <= s.arg[1] < 32 && 0 <= (s.arg[1] & FK_O_ACCMODE) <= FK_O_RDWR)
      && (s.op == FK_OP_CHDIR ==> 0 <= s.arg[0] <= FK_PATH_MAX
            && path_count(s.arg[0]) <= FK_PATH_MAXCOMP)
      && (s.op == FK_OP_WRITE ==> 0 <= s.arg[2] <= 255)
      && (s.op == FK_OP_LSEEK ==> 0 <= s.arg[2] <= 2)
      && (s.op == FK_OP_MMAP ==> 0 <= s.arg[2] <= FK_PROT_RW
            && (s.arg[3] == FK_MAP_PRIVATE || s.arg[3] == FK_MAP_SHARED))
      && (s.op == FK_OP_MPROTECT ==> 0 <= s.arg[2] <= FK_PROT_RW);
*/

/* Runs one step: the executor's checks, then the operation. Every step
 * keeps the whole invariant. A program has at most FK_MAX_STEPS steps,
 * so next_pid stays within FK_MAX_PID. */
/*@ requires valid_state;
    requires next_pid <= FK_MAX_PID;
    requires step_args_ok(s);
    assigns MODEL_STATE(slot_of_pid(s.proc, 0), first_free_slot(0));
    ensures valid_state;
    ensures next_pid <= \old(next_pid) + 1;
    // failure leaves no trace: an error or a SKIP changes nothing
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
*/
struct fk_result model_step(struct fk_step s);

/* The state as an observation, in the model's internal numbering
 * (canonicalize it with fk_obs_canon). */
void model_observe(struct fk_obs *raw);

/* The executable twin of valid_state (model/check.c): 0 when every
 * invariant of spec/state.md holds, else -1 with the first violation
 * described in why. */
int model_check(char *why, size_t cap);

/* The same verdict, re-examining only the slots and tables whose contents
 * changed since the previous call (model_check after every step costs
 * most of a fuzz_model exec). */
int model_check_step(char *why, size_t cap);

/* p run from the initial state with model_check_step after every step
 * (the fuzz harnesses and the triage): the index of the first step that
 * breaks valid_state, with why, or -1. */
int model_run_checked(const struct fk_prog *p, char *why, size_t cap);

#endif
