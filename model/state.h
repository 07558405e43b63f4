/* The model's state and the helpers the operations share. Internal to
 * model/. Every array is indexed by a slot, file, pipe, node, frame or
 * object number; -1 means "none". */
#ifndef MODEL_STATE_H
#define MODEL_STATE_H

#include <stdint.h>
#include "spec/errno.h"
#include "spec/limits.h"
#include "spec/namespace.h"
#include "spec/obs.h"
#include "spec/program.h"

enum { P_FREE = 0, P_ALIVE = FK_P_ALIVE, P_ZOMBIE = FK_P_ZOMBIE };

/* processes */
extern uint8_t proc_state[FK_NPROC];
extern int32_t proc_pid[FK_NPROC];
extern int8_t proc_parent[FK_NPROC];        /* slot, -1 for p0 */
extern int32_t proc_status[FK_NPROC];
extern int8_t proc_cwd[FK_NPROC];           /* node, -1 for zombies */
extern int8_t fdt[FK_NPROC][FK_NOFILE];     /* open file */
extern int32_t next_pid;

/* address spaces: per window page; regions start where pg_start is set */
extern uint8_t pg_attr[FK_NPROC][FK_MMAP_PAGES];    /* as fk_obs page[] */
extern uint8_t pg_start[FK_NPROC][FK_MMAP_PAGES];
extern int16_t pg_frame[FK_NPROC][FK_MMAP_PAGES];   /* private pages */
extern int8_t pg_obj[FK_NPROC][FK_MMAP_PAGES];      /* shared pages */
extern int8_t pg_objpage[FK_NPROC][FK_MMAP_PAGES];
extern uint8_t heap_pages[FK_NPROC];
extern int16_t heap_frame[FK_NPROC][FK_HEAP_MAX_PAGES];

/* open files */
extern uint16_t file_ref[FK_NFILE];
extern uint8_t file_kind[FK_NFILE];         /* enum fk_file_kind */
extern uint8_t file_mode[FK_NFILE];
extern uint8_t file_append[FK_NFILE];
extern int8_t file_node[FK_NFILE];
extern int8_t file_pipe[FK_NFILE];
extern int32_t file_off[FK_NFILE];

/* pipes: a ring buffer each */
extern uint16_t pipe_readers[FK_NPIPE], pipe_writers[FK_NPIPE];
extern uint16_t pipe_fill[FK_NPIPE], pipe_head[FK_NPIPE];
extern uint8_t pipe_buf[FK_NPIPE][FK_PIPE_CAPACITY];

/* nodes */
extern uint8_t node_exists[FK_NNODE];
extern uint16_t node_size[FK_NNODE];
extern uint16_t node_ref[FK_NNODE];
extern uint32_t node_sum[FK_NNODE];
extern uint8_t node_data[FK_NNODE][FK_MAX_FILE_SIZE];

/* frames and memory objects */
extern uint16_t frame_ref[FK_NFRAME];
extern uint32_t frame_sum[FK_NFRAME];
extern uint32_t frame_data[FK_NFRAME][FK_PAGE_WORDS];
extern uint16_t obj_ref[FK_NOBJ];
extern uint8_t obj_npages[FK_NOBJ];
extern int16_t obj_frame[FK_NOBJ][FK_MMAP_PAGES];

#include "model/logic.h"

/* results */
/*@ assigns \nothing;
    ensures \result.kind == FK_R_OK && \result.val == val && \result.aux == aux;
*/
struct fk_result ok(int32_t val, int32_t aux);

/*@ assigns \nothing;
    ensures \result.kind == FK_R_ERR && \result.val == errno_value && \result.aux == 0;
*/
struct fk_result err(int32_t errno_value);

/* the slot of the used process with canonical pid, or -1 */
int slot_of(int32_t pid);

/* releases one reference; frees what drops to zero (spec/state.md) */
/*@ requires 0 <= f < FK_NFILE && file_ref[f] >= 1;
    requires files_well_formed;
    requires node_refs_counted;
    requires pipes_counted;
    requires pipes_bounded;
    assigns file_ref[f], file_kind[f], file_mode[f], file_append[f],
            file_node[f], file_pipe[f], file_off[f],
            pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1],
            node_ref[0 .. FK_NNODE-1];
    ensures file_ref[f] == \old(file_ref[f]) - 1;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures pipes_bounded;
*/
void file_put(int f);
void frame_put(int f);
void obj_put(int o);

/* a free frame, zero-filled, refcount 1; -1 if none */
int frame_alloc(void);

/* unmaps window pages [a, b) of process p, splitting regions (vm.c) */
void unmap_range(int p, int a, int b);

/* tears a process down as exit does; it becomes a zombie (proc.c) */
void proc_teardown(int p, int32_t status);

#endif
