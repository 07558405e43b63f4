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
#include "spec/precheck.h"
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
/* byte k of pipe i's ring is pipe_buf[PIPE_BYTE(i, k)] (see OBJ_SLOT) */
#define PIPE_BYTE(i, k) ((i) * FK_PIPE_CAPACITY + (k))
extern uint8_t pipe_buf[FK_NPIPE * FK_PIPE_CAPACITY];

/* nodes */
extern uint8_t node_exists[FK_NNODE];
extern uint16_t node_size[FK_NNODE];
extern uint16_t node_ref[FK_NNODE];
extern uint32_t node_sum[FK_NNODE];
/* byte i of node n is node_data[NODE_BYTE(n, i)] */
#define NODE_BYTE(n, i) ((n) * FK_MAX_FILE_SIZE + (i))
extern uint8_t node_data[FK_NNODE * FK_MAX_FILE_SIZE];

/* frames and memory objects */
extern uint16_t frame_ref[FK_NFRAME];
extern uint32_t frame_sum[FK_NFRAME];
/* word w of frame f is frame_data[FRAME_WORD(f, w)] (see OBJ_SLOT) */
#define FRAME_WORD(f, w) ((f) * FK_PAGE_WORDS + (w))
extern uint32_t frame_data[FK_NFRAME * FK_PAGE_WORDS];
extern uint16_t obj_ref[FK_NOBJ];
extern uint8_t obj_npages[FK_NOBJ];
/* page k of object o is obj_frame[OBJ_SLOT(o, k)] (one dimension, so
 * that WP proves "assigns" of a data-dependent object cheaply) */
#define OBJ_SLOT(o, k) ((o) * FK_MMAP_PAGES + (k))
extern int16_t obj_frame[FK_NOBJ * FK_MMAP_PAGES];

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
/*@ assigns \nothing;
    ensures \result == slot_of_pid(pid, 0);
    ensures -1 <= \result < FK_NPROC;
    ensures \result >= 0 ==> proc_state[\result] != P_FREE && proc_pid[\result] == pid;
*/
int slot_of(int32_t pid);

/* releases one reference; frees what drops to zero (spec/state.md) */
/*@ requires 0 <= f < FK_NFILE && file_ref[f] >= 1;
    requires files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
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
    ensures files_on_nodes && dirs_empty;
    // a pipe whose last end closes is emptied
    ensures pipes_emptied: free_pipes_empty;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures pipes_bounded;
    ensures dropped: refs_dropped{Pre, Post};
    // a file another fd still shares keeps its offset; a pipe another
    // end still holds keeps its bytes
    ensures shared_kept: open_files_kept{Pre, Post};
    ensures queues_kept: open_pipes_kept{Pre, Post};
*/
void file_put(int f);
/* what closing fds of process p may change: its fd row and what
 * file_put releases */
#define CLOSE_ASSIGNS(p) \
    fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1], \
    file_kind[0 .. FK_NFILE-1], file_mode[0 .. FK_NFILE-1], \
    file_append[0 .. FK_NFILE-1], file_node[0 .. FK_NFILE-1], \
    file_pipe[0 .. FK_NFILE-1], file_off[0 .. FK_NFILE-1], \
    pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1], \
    pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1], \
    node_ref[0 .. FK_NNODE-1]

/* The checksum sum after the unit at index changes from old to new (a
 * unit added is one that changes from 0, spec/obs.h): when sum is the
 * wrapped total T of some units, the result is the wrapped total after
 * the change. */
/*@ assigns \nothing;
    ensures wrapped: \forall integer total; 0 <= total && sum == total % 0x100000000
              && sum_term(index, old) <= total ==> \result
              == (total + sum_term(index, new) - sum_term(index, old)) % 0x100000000;
*/
uint32_t sum_update(uint32_t sum, uint32_t index, uint32_t old, uint32_t new);

/* Byte i of node `node` (at most one past its end) becomes byte; the
 * node's checksum follows the change (invariant 15). */
/*@ requires 0 <= node < FK_NNODE && 0 <= i <= node_size[node] && i < FK_MAX_FILE_SIZE;
    requires node_sizes_ok && nodes_summed;
    assigns node_data[NODE_BYTE(node, i)], node_sum[node], node_size[node];
    ensures node_data[NODE_BYTE(node, i)] == byte;
    ensures node_size[node] == (i < \old(node_size[node]) ? \old(node_size[node]) : i + 1);
    ensures summed: nodes_summed;
*/
void node_byte_put(int node, int i, uint8_t byte);

/* A page entry naming frame f was just cleared: drop its reference. */
/*@ requires 0 <= f < FK_NFRAME && frame_ref[f] >= 1;
    assigns frame_ref[f];
    ensures frame_ref[f] == \old(frame_ref[f]) - 1;
    ensures no_frame_revived{Pre, Post};
*/
void frame_put(int f);

/* A region start mapping object o was just cleared: drop its reference;
 * the last one frees the object's frames. */
/*@ requires 0 <= o < FK_NOBJ && obj_ref[o] >= 1;
    requires frames_in_range;
    requires frame_refs_counted;
    requires objs_shaped;
    assigns obj_ref[o], obj_npages[o], obj_frame[OBJ_SLOT(o, 0) .. OBJ_SLOT(o, FK_MMAP_PAGES-1)],
            frame_ref[0 .. FK_NFRAME-1];
    ensures obj_ref[o] == \old(obj_ref[o]) - 1;
    ensures frames_in_range;
    ensures frame_refs_counted;
    ensures no_frame_revived{Pre, Post};
    ensures free_objs_empty;
    ensures obj_frames_inside;
    ensures obj_ref[o] > 0 ==> obj_npages[o] == \old(obj_npages[o]);
    ensures obj_ref[o] == 0 ==> obj_npages[o] == 0
              && \forall integer s; OBJ_SLOT(o, 0) <= s < OBJ_SLOT(o + 1, 0)
                   ==> obj_frame[s] == -1;
*/
void obj_put(int o);

/* the lowest free frame, zero-filled, refcount 1; -1 if none */
/*@ requires frames_summed;
    assigns frame_ref[first_free_frame(0)], frame_sum[first_free_frame(0)],
            frame_data[FRAME_WORD(first_free_frame(0), 0)
                       .. FRAME_WORD(first_free_frame(0), FK_PAGE_WORDS - 1)];
    ensures \result == \old(first_free_frame(0));
    ensures -1 <= \result < FK_NFRAME;
    ensures \result >= 0 ==> \old(frame_ref[\result]) == 0 && frame_ref[\result] == 1
              && frame_sum[\result] == 0;
    ensures \result >= 0 ==> \forall integer w; 0 <= w < FK_PAGE_WORDS ==>
              frame_data[FRAME_WORD(\result, w)] == 0;
    ensures frames_summed;
*/
int frame_alloc(void);

/* Word w of frame f becomes value; the frame's checksum follows the
 * change (invariant 15). */
/*@ requires 0 <= f < FK_NFRAME && 0 <= w < FK_PAGE_WORDS;
    requires frames_summed;
    assigns frame_data[FRAME_WORD(f, w)], frame_sum[f];
    ensures frame_data[FRAME_WORD(f, w)] == value;
    ensures summed: frames_summed;
*/
void frame_word_put(int f, int w, uint32_t value);

/* what unmapping pages of process p may change (for its callers too) */
#define UNMAP_ASSIGNS(p) \
    pg_attr[p][0 .. FK_MMAP_PAGES-1], pg_start[p][0 .. FK_MMAP_PAGES-1], \
    pg_frame[p][0 .. FK_MMAP_PAGES-1], pg_obj[p][0 .. FK_MMAP_PAGES-1], \
    pg_objpage[p][0 .. FK_MMAP_PAGES-1], \
    obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1], \
    obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1], frame_ref[0 .. FK_NFRAME-1]

/* unmaps window pages [a, b) of process p, splitting regions (vm.c) */
/*@ requires 0 <= p < FK_NPROC && 0 <= a <= b <= FK_MMAP_PAGES;
    requires frames_in_range && frame_refs_counted && obj_refs_counted;
    requires regions_shaped && objs_shaped;
    assigns UNMAP_ASSIGNS(p);
    ensures frames_in_range && frame_refs_counted && obj_refs_counted;
    ensures no_frame_revived{Pre, Post};
    ensures regions_shaped && objs_shaped;
    ensures \forall integer o; 0 <= o < FK_NOBJ && \old(obj_ref[o]) == 0 ==> obj_ref[o] == 0;
    ensures \forall integer i; a <= i < b ==> page_clear(p, i);
    // the page after the range starts a region (split off what was there)
    ensures b < FK_MMAP_PAGES && pg_attr[p][b] != 0 ==> pg_start[p][b] != 0;
    ensures \forall integer i; 0 <= i < a || b < i < FK_MMAP_PAGES ==>
              page_same{Here, Pre}(p, i);
*/
void unmap_range(int p, int a, int b);

/* what a teardown may change (for the contracts of its callers) */
#define TEARDOWN_ASSIGNS(p) \
    proc_state[p], proc_status[p], proc_cwd[p], proc_parent[0 .. FK_NPROC-1], \
    CLOSE_ASSIGNS(p), \
    pg_attr[p][0 .. FK_MMAP_PAGES-1], pg_start[p][0 .. FK_MMAP_PAGES-1], \
    pg_frame[p][0 .. FK_MMAP_PAGES-1], pg_obj[p][0 .. FK_MMAP_PAGES-1], \
    pg_objpage[p][0 .. FK_MMAP_PAGES-1], \
    obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1], \
    obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1], \
    heap_pages[p], heap_frame[p][0 .. FK_HEAP_MAX_PAGES-1], \
    frame_ref[0 .. FK_NFRAME-1]

/* tears a process down as exit does; it becomes a zombie (proc.c) */
/*@ requires alive(p);
    requires states_ok && parents_ok && pids_ok && pids_unique && p0_ok;
    requires idle_slots_empty;
    requires fds_in_range && file_refs_counted && files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires node_refs_counted && cwds_in_range && pipes_counted && pipes_bounded;
    requires frames_in_range && frame_refs_counted && obj_refs_counted && heap_ok;
    requires regions_shaped && objs_shaped;
    assigns TEARDOWN_ASSIGNS(p);
    ensures states_ok;
    ensures parents_ok;
    ensures pids_ok;
    ensures pids_unique;
    ensures p0_ok;
    ensures idle_slots_empty;
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures node_refs_counted;
    ensures cwds_in_range;
    ensures pipes_counted;
    ensures pipes_bounded;
    ensures frames_in_range;
    ensures frame_refs_counted;
    ensures no_frame_revived{Pre, Post};
    ensures obj_refs_counted;
    ensures heap_ok;
    ensures regions_shaped;
    ensures objs_shaped;
    ensures proc_state[p] == P_ZOMBIE && proc_status[p] == status;
    ensures files_kept: open_files_kept{Pre, Post} && open_pipes_kept{Pre, Post};
    // its children now belong to p0
    ensures \forall integer q; 0 <= q < FK_NPROC ==>
              proc_parent[q] == (proc_state[q] != P_FREE && \old(proc_parent[q]) == p
                                 && q != p ? 0 : \old(proc_parent[q]));
*/
void proc_teardown(int p, int32_t status);

#endif
