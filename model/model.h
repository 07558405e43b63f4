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
 * satisfies every invariant part proved so far. */
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
            node_data[0 .. FK_NNODE-1][0 .. FK_MAX_FILE_SIZE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures cwds_in_range;
    ensures dirs_exist;
    ensures node_sizes_ok;
    ensures pipes_bounded;
    ensures states_ok;
    ensures parents_ok;
    ensures pids_ok;
    ensures alive(0) && proc_pid[0] == 0;
*/
void model_reset(void);

/* Runs one step: the executor's checks, then the operation. */
void model_step(const struct fk_step *s, struct fk_result *r);

/* The state as an observation, in the model's internal numbering
 * (canonicalize it with fk_obs_canon). */
void model_observe(struct fk_obs *raw);

/* The executable twin of valid_state: 0 when every invariant of
 * spec/state.md holds, else -1 with the first violation described in why. */
int model_check(char *why, size_t cap);

#endif
