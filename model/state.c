/* The model's state, its initial value, and reference release. */
#include "model/model.h"
#include "model/fdt.h"
#include "model/pages.h"
#include "model/refs.h"
#include "model/state.h"
#include "spec/namespace.h"

uint8_t proc_state[FK_NPROC];
int32_t proc_pid[FK_NPROC];
int8_t proc_parent[FK_NPROC];
int32_t proc_status[FK_NPROC];
int8_t proc_cwd[FK_NPROC];
int8_t fdt[FK_NPROC][FK_NOFILE];
int32_t next_pid;

uint8_t pg_attr[FK_NPROC][FK_MMAP_PAGES];
uint8_t pg_start[FK_NPROC][FK_MMAP_PAGES];
int16_t pg_frame[FK_NPROC][FK_MMAP_PAGES];
int8_t pg_obj[FK_NPROC][FK_MMAP_PAGES];
int8_t pg_objpage[FK_NPROC][FK_MMAP_PAGES];
uint8_t heap_pages[FK_NPROC];
int16_t heap_frame[FK_NPROC][FK_HEAP_MAX_PAGES];

uint16_t file_ref[FK_NFILE];
uint8_t file_kind[FK_NFILE];
uint8_t file_mode[FK_NFILE];
uint8_t file_append[FK_NFILE];
int8_t file_node[FK_NFILE];
int8_t file_pipe[FK_NFILE];
int32_t file_off[FK_NFILE];

uint16_t pipe_readers[FK_NPIPE], pipe_writers[FK_NPIPE];
uint16_t pipe_fill[FK_NPIPE], pipe_head[FK_NPIPE];
uint8_t pipe_buf[FK_NPIPE * FK_PIPE_CAPACITY];

uint8_t node_exists[FK_NNODE];
uint16_t node_size[FK_NNODE];
uint16_t node_ref[FK_NNODE];
uint32_t node_sum[FK_NNODE];
uint8_t node_data[FK_NNODE * FK_MAX_FILE_SIZE];

uint16_t frame_ref[FK_NFRAME];
uint32_t frame_sum[FK_NFRAME];
uint32_t frame_data[FK_NFRAME * FK_PAGE_WORDS];
uint16_t obj_ref[FK_NOBJ];
uint8_t obj_npages[FK_NOBJ];
int16_t obj_frame[FK_NOBJ * FK_MMAP_PAGES];

struct fk_result ok(int32_t val, int32_t aux)
{
    struct fk_result r = { FK_R_OK, val, aux };
    return r;
}

struct fk_result err(int32_t errno_value)
{
    struct fk_result r = { FK_R_ERR, errno_value, 0 };
    return r;
}

int slot_of(int32_t pid)
{
    /*@ loop invariant 0 <= p <= FK_NPROC;
        loop invariant slot_of_pid(pid, p) == slot_of_pid(pid, 0);
        loop assigns p;
        loop variant FK_NPROC - p;
    */
    for (int p = 0; p < FK_NPROC; p++)
        if (proc_state[p] != P_FREE && proc_pid[p] == pid)
            return p;
    return -1;
}

/*@ requires 0 <= p < FK_NPROC;
    assigns proc_state[p], proc_pid[p], proc_parent[p], proc_status[p],
            proc_cwd[p], heap_pages[p], fdt[p][0 .. FK_NOFILE-1],
            pg_attr[p][0 .. FK_MMAP_PAGES-1], pg_start[p][0 .. FK_MMAP_PAGES-1],
            pg_frame[p][0 .. FK_MMAP_PAGES-1], pg_obj[p][0 .. FK_MMAP_PAGES-1],
            pg_objpage[p][0 .. FK_MMAP_PAGES-1],
            heap_frame[p][0 .. FK_HEAP_MAX_PAGES-1];
    ensures proc_state[p] == P_FREE && proc_cwd[p] == -1 && proc_parent[p] == -1;
    ensures heap_pages[p] == 0;
    ensures \forall integer i; 0 <= i < FK_NOFILE ==> fdt[p][i] == -1;
    ensures \forall integer i; 0 <= i < FK_MMAP_PAGES ==> page_clear(p, i);
    ensures \forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==> heap_frame[p][j] == -1;
*/
static void clear_slot(int p)
{
    proc_state[p] = P_FREE;
    proc_pid[p] = -1;
    proc_parent[p] = -1;
    proc_status[p] = 0;
    proc_cwd[p] = -1;
    heap_pages[p] = 0;
    /*@ loop invariant 0 <= f <= FK_NOFILE;
        loop invariant \forall integer i; 0 <= i < f ==> fdt[p][i] == -1;
        loop assigns f, fdt[p][0 .. FK_NOFILE-1];
        loop variant FK_NOFILE - f;
    */
    for (int f = 0; f < FK_NOFILE; f++)
        fdt[p][f] = -1;
    /*@ loop invariant 0 <= i <= FK_MMAP_PAGES;
        loop invariant \forall integer k; 0 <= k < i ==> page_clear(p, k);
        loop assigns i, pg_attr[p][0 .. FK_MMAP_PAGES-1],
                     pg_start[p][0 .. FK_MMAP_PAGES-1],
                     pg_frame[p][0 .. FK_MMAP_PAGES-1],
                     pg_obj[p][0 .. FK_MMAP_PAGES-1],
                     pg_objpage[p][0 .. FK_MMAP_PAGES-1];
        loop variant FK_MMAP_PAGES - i;
    */
    for (int i = 0; i < FK_MMAP_PAGES; i++) {
        pg_attr[p][i] = pg_start[p][i] = 0;
        pg_frame[p][i] = -1;
        pg_obj[p][i] = pg_objpage[p][i] = -1;
    }
    /*@ loop invariant 0 <= j <= FK_HEAP_MAX_PAGES;
        loop invariant \forall integer k; 0 <= k < j ==> heap_frame[p][k] == -1;
        loop assigns j, heap_frame[p][0 .. FK_HEAP_MAX_PAGES-1];
        loop variant FK_HEAP_MAX_PAGES - j;
    */
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
        heap_frame[p][j] = -1;
}

/*@ requires n == FK_NODE_F0 || n == FK_NODE_F1 || n == FK_NODE_D_F2;
    requires 0 <= size <= FK_F0_SIZE && -1 <= byte <= 0x41;
    requires node_size[n] == 0 && node_sizes_ok && nodes_summed;
    assigns node_exists[n], node_size[n], node_sum[n],
            node_data[NODE_BYTE(n, 0) .. NODE_BYTE(n, FK_MAX_FILE_SIZE-1)];
    ensures node_exists[n] == 1 && node_size[n] == size;
    ensures nodes_summed;
*/
static void set_file_node(int n, int size, int byte)
{
    node_exists[n] = 1;
    /*@ loop invariant 0 <= i <= size && node_size[n] == i;
        loop invariant node_sizes_ok && nodes_summed;
        loop assigns i, node_size[n], node_sum[n],
                     node_data[NODE_BYTE(n, 0) .. NODE_BYTE(n, FK_MAX_FILE_SIZE-1)];
        loop variant size - i;
    */
    for (int i = 0; i < size; i++)     /* byte -1: byte i has value i */
        node_byte_put(n, i, (uint8_t)(byte < 0 ? i : byte));
}

uint32_t sum_update(uint32_t sum, uint32_t index, uint32_t old, uint32_t new)
{
    uint64_t s = (uint64_t)sum + fk_sum_term(index, new) + (0x100000000u - fk_sum_term(index, old));
    return (uint32_t)(s % 0x100000000u);
}

void node_byte_put(int node, int i, uint8_t byte)
{
    uint8_t old = i < node_size[node] ? node_data[NODE_BYTE(node, i)] : 0;
    node_sum[node] = sum_update(node_sum[node], (uint32_t)i, old, byte);
    node_data[NODE_BYTE(node, i)] = byte;
    if (i == node_size[node])
        node_size[node] = (uint16_t)(i + 1);
    /*@ ghost   // this node's: as before up to byte i, then moved by the change
      /@ loop invariant 0 <= k <= node_size[node];
         loop invariant before: k <= i ==> node_bytes_total(node, 0, k) == node_bytes_total{Pre}(node, 0, k);
         loop invariant after: k > i ==> node_bytes_total(node, 0, k) == node_bytes_total{Pre}(node, 0, k)
             + sum_term(i, byte) - sum_term(i, \at(node_data[NODE_BYTE(node, i)], Pre));
         loop invariant covers: 0 <= node_bytes_total{Pre}(node, 0, k)
             && (k > i ==> sum_term(i, \at(node_data[NODE_BYTE(node, i)], Pre))
                           <= node_bytes_total{Pre}(node, 0, k));
         loop assigns k;
         loop variant node_size[node] - k; @/
      for (int k = 0; k < node_size[node]; k++) {
      }
    */
    /*@ assert grown: i == \at(node_size[node], Pre) ==> node_bytes_total{Pre}(node, 0, i + 1)
          == node_bytes_total{Pre}(node, 0, i) + sum_term(i, \at(node_data[NODE_BYTE(node, i)], Pre)); */
    /*@ assert new_total: node_bytes_total(node, 0, node_size[node])
          == node_bytes_total{Pre}(node, 0, \at(node_size[node], Pre))
             + sum_term(i, byte) - sum_term(i, old); */
    /*@ assert new_sum: node_sum[node] == (node_bytes_total{Pre}(node, 0, \at(node_size[node], Pre))
             + sum_term(i, byte) - sum_term(i, old)) % 0x100000000; */
    /*@ ghost   // the other nodes' checksums, of every length, are as before
      /@ loop invariant 0 <= k <= FK_MAX_FILE_SIZE;
         loop invariant others: \forall integer m, j; 0 <= m < FK_NNODE && m != node && 0 <= j <= k
             ==> node_bytes_total(m, 0, j) == node_bytes_total{Pre}(m, 0, j);
         loop assigns k;
         loop variant FK_MAX_FILE_SIZE - k; @/
      for (int k = 0; k < FK_MAX_FILE_SIZE; k++) {
      }
    */
    /*@ assert others_summed: \forall integer m; 0 <= m < FK_NNODE && m != node
          ==> node_sum[m] == node_bytes_sum(m, 0, node_size[m]); */
}

/*@ assigns node_exists[0 .. FK_NNODE-1], node_size[0 .. FK_NNODE-1],
            node_ref[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1],
            node_data[0 .. FK_NNODE * FK_MAX_FILE_SIZE - 1];
    ensures dirs_exist && node_sizes_ok && dirs_empty && nodes_summed;
    ensures \forall integer n; 0 <= n < FK_NNODE ==> node_ref[n] == 0;
*/
static void reset_nodes(void)
{
    /*@ loop invariant 0 <= n <= FK_NNODE;
        loop invariant \forall integer m; 0 <= m < n ==> node_ref[m] == 0 && node_size[m] == 0
                       && node_sum[m] == 0;
        loop assigns n, node_exists[0 .. FK_NNODE-1], node_size[0 .. FK_NNODE-1],
                     node_ref[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1];
        loop variant FK_NNODE - n;
    */
    for (int n = 0; n < FK_NNODE; n++) {
        node_exists[n] = 0;
        node_size[n] = 0;
        node_ref[n] = 0;
        node_sum[n] = 0;
    }
    node_exists[FK_NODE_ROOT] = node_exists[FK_NODE_D] = 1;
    set_file_node(FK_NODE_F0, FK_F0_SIZE, -1);
    set_file_node(FK_NODE_F1, 0, 0);
    set_file_node(FK_NODE_D_F2, FK_F2_SIZE, 0x41);
}

/*@ assigns file_ref[0 .. FK_NFILE-1], file_kind[0 .. FK_NFILE-1],
            file_mode[0 .. FK_NFILE-1], file_append[0 .. FK_NFILE-1],
            file_node[0 .. FK_NFILE-1], file_pipe[0 .. FK_NFILE-1],
            file_off[0 .. FK_NFILE-1];
    ensures \forall integer f; 0 <= f < FK_NFILE ==> file_ref[f] == 0
              && file_kind[f] == 0 && file_node[f] == -1 && file_pipe[f] == -1
              && file_off[f] == 0;
*/
static void reset_files(void)
{
    /*@ loop invariant 0 <= f <= FK_NFILE;
        loop invariant \forall integer g; 0 <= g < f ==> file_ref[g] == 0
              && file_kind[g] == 0 && file_node[g] == -1 && file_pipe[g] == -1
              && file_off[g] == 0;
        loop assigns f, file_ref[0 .. FK_NFILE-1], file_kind[0 .. FK_NFILE-1],
                     file_mode[0 .. FK_NFILE-1], file_append[0 .. FK_NFILE-1],
                     file_node[0 .. FK_NFILE-1], file_pipe[0 .. FK_NFILE-1],
                     file_off[0 .. FK_NFILE-1];
        loop variant FK_NFILE - f;
    */
    for (int f = 0; f < FK_NFILE; f++) {
        file_ref[f] = 0;
        file_kind[f] = file_mode[f] = file_append[f] = 0;
        file_node[f] = file_pipe[f] = -1;
        file_off[f] = 0;
    }
}

/*@ assigns pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1],
            frame_ref[0 .. FK_NFRAME-1], obj_ref[0 .. FK_NOBJ-1],
            obj_npages[0 .. FK_NOBJ-1], obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1];
    ensures \forall integer i; 0 <= i < FK_NPIPE ==> pipe_readers[i] == 0
              && pipe_writers[i] == 0 && pipe_fill[i] == 0 && pipe_head[i] == 0;
    ensures \forall integer f; 0 <= f < FK_NFRAME ==> frame_ref[f] == 0;
    ensures \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o] == 0 && obj_npages[o] == 0;
    ensures \forall integer s; 0 <= s < FK_NOBJ * FK_MMAP_PAGES ==> obj_frame[s] == -1;
*/
static void reset_pipes_and_memory(void)
{
    /*@ loop invariant 0 <= i <= FK_NPIPE;
        loop invariant \forall integer j; 0 <= j < i ==> pipe_readers[j] == 0
              && pipe_writers[j] == 0 && pipe_fill[j] == 0 && pipe_head[j] == 0;
        loop assigns i, pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
                     pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1];
        loop variant FK_NPIPE - i;
    */
    for (int i = 0; i < FK_NPIPE; i++)
        pipe_readers[i] = pipe_writers[i] = pipe_fill[i] = pipe_head[i] = 0;
    /*@ loop invariant 0 <= i <= FK_NFRAME;
        loop invariant \forall integer f; 0 <= f < i ==> frame_ref[f] == 0;
        loop assigns i, frame_ref[0 .. FK_NFRAME-1];
        loop variant FK_NFRAME - i;
    */
    for (int i = 0; i < FK_NFRAME; i++)
        frame_ref[i] = 0;
    /*@ loop invariant 0 <= o <= FK_NOBJ;
        loop invariant \forall integer x; 0 <= x < o ==> obj_ref[x] == 0 && obj_npages[x] == 0;
        loop invariant \forall integer s; 0 <= s < OBJ_SLOT(o, 0) ==> obj_frame[s] == -1;
        loop assigns o, obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1],
                     obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1];
        loop variant FK_NOBJ - o;
    */
    for (int o = 0; o < FK_NOBJ; o++) {
        obj_ref[o] = 0;
        obj_npages[o] = 0;
        /*@ loop invariant 0 <= k <= FK_MMAP_PAGES;
            loop invariant \forall integer s; 0 <= s < OBJ_SLOT(o, k) ==> obj_frame[s] == -1;
            loop assigns k, obj_frame[OBJ_SLOT(o, 0) .. OBJ_SLOT(o, FK_MMAP_PAGES-1)];
            loop variant FK_MMAP_PAGES - k;
        */
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            obj_frame[OBJ_SLOT(o, k)] = -1;
    }
}

/* Every slot cleared, one call per slot (16: model.h's #error) rather
 * than a loop, so that the assigns name each process's rows (PROC_ROWS)
 * as model_run's do: WP matches a callee's locations with a caller's one
 * by one. */
/*@ assigns proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1],
            proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1],
            proc_cwd[0 .. FK_NPROC-1], heap_pages[0 .. FK_NPROC-1], PROC_ROWS;
    ensures cleared: rows_clear;
    ensures \forall integer q; 0 <= q < FK_NPROC ==> heap_pages[q] == 0
            && proc_state[q] == P_FREE && proc_cwd[q] == -1 && proc_parent[q] == -1;
*/
static void clear_slots(void)
{
    clear_slot(0); clear_slot(1); clear_slot(2); clear_slot(3);
    clear_slot(4); clear_slot(5); clear_slot(6); clear_slot(7);
    clear_slot(8); clear_slot(9); clear_slot(10); clear_slot(11);
    clear_slot(12); clear_slot(13); clear_slot(14); clear_slot(15);
}

/* What the cleared rows give the invariant. A lemma of its own: after
 * clear_slots WP writes each table as 16 stores of rows, and over that
 * term the provers no longer instantiate rows_clear's quantifiers; here
 * the tables are plain again. */
/*@ ghost
  /@ requires rows_clear;
     requires \forall integer q; 0 <= q < FK_NPROC ==> heap_pages[q] == 0;
     requires \forall integer s; 0 <= s < FK_NOBJ * FK_MMAP_PAGES ==> obj_frame[s] == -1;
     requires \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o] == 0 && obj_npages[o] == 0;
     assigns \nothing;
     ensures fds_in_range && idle_slots_empty && frames_in_range && heap_ok;
     ensures regions_shaped && objs_shaped;
  @/
  static void rows_clear_ok(void)
  {
      /@ assert regions_shaped; @/
      /@ assert objs_shaped; @/
  }
*/

void model_reset(void)
{
    clear_slots();
    reset_files();
    reset_pipes_and_memory();
    reset_nodes();
    proc_state[0] = P_ALIVE;
    proc_pid[0] = 0;
    proc_cwd[0] = FK_NODE_ROOT;
    node_ref[FK_NODE_ROOT] = 1;
    next_pid = 1;
    /*@ ghost reset_counts(); */
    /*@ ghost reset_page_counts(); */
    /*@ ghost rows_clear_ok(); */
}

void file_put(int f)
{
    int pipe = file_pipe[f], node = file_node[f], kind = file_kind[f];
    if (--file_ref[f] > 0)
        return;
    /*@ ghost file_counted(f); */
    /*@ ghost ref_count_bounds(); */
    file_set(f, 0, -1, -1);
    if (kind == FK_F_PIPE_R || kind == FK_F_PIPE_W) {
        if (kind == FK_F_PIPE_R)
            pipe_readers[pipe]--;
        else
            pipe_writers[pipe]--;
        if (pipe_readers[pipe] == 0 && pipe_writers[pipe] == 0)
            pipe_fill[pipe] = pipe_head[pipe] = 0;
    } else {
        node_ref[node]--;
    }
    file_mode[f] = file_append[f] = 0;
    file_off[f] = 0;
}

void frame_put(int f)
{
    frame_ref[f]--;
}

/*@ assigns \nothing;
    ensures \result == first_free_frame(0);
    ensures -1 <= \result < FK_NFRAME;
    ensures \result >= 0 ==> frame_ref[\result] == 0;
*/
static int free_frame(void)
{
    /*@ loop invariant 0 <= f <= FK_NFRAME;
        loop invariant first_free_frame(f) == first_free_frame(0);
        loop assigns f;
        loop variant FK_NFRAME - f;
    */
    for (int f = 0; f < FK_NFRAME; f++)
        if (frame_ref[f] == 0)
            return f;
    return -1;
}

/*@ requires 0 <= f < FK_NFRAME;
    assigns frame_data[FRAME_WORD(f, 0) .. FRAME_WORD(f, FK_PAGE_WORDS - 1)];
    ensures zeroed: \forall integer w; 0 <= w < FK_PAGE_WORDS ==> frame_data[FRAME_WORD(f, w)] == 0;
    ensures \forall integer x; FRAME_WORD(f, 0) <= x < FRAME_WORD(f, FK_PAGE_WORDS) ==> frame_data[x] == 0;
*/
static void zero_frame(int f)
{
    /*@ loop invariant 0 <= w <= FK_PAGE_WORDS;
        loop invariant \forall integer k; 0 <= k < w ==> frame_data[FRAME_WORD(f, k)] == 0;
        loop invariant \forall integer x; FRAME_WORD(f, 0) <= x < FRAME_WORD(f, w) ==> frame_data[x] == 0;
        loop assigns w, frame_data[FRAME_WORD(f, 0) .. FRAME_WORD(f, FK_PAGE_WORDS - 1)];
        loop variant FK_PAGE_WORDS - w;
    */
    for (int w = 0; w < FK_PAGE_WORDS; w++)
        frame_data[FRAME_WORD(f, w)] = 0;
}

int frame_alloc(void)
{
    int f = free_frame();
    if (f < 0)
        return -1;
    zero_frame(f);
    frame_sum[f] = 0;
    frame_ref[f] = 1;
    /*@ ghost   // zero words sum to 0; the other frames' words are as before
      /@ loop invariant 0 <= k <= FK_PAGE_WORDS;
         loop invariant zero: frame_words_total(f, k) == 0;
         loop invariant others: \forall integer g, j; 0 <= g < FK_NFRAME && g != f && 0 <= j <= k
             ==> frame_words_total(g, j) == frame_words_total{Pre}(g, j);
         loop assigns k;
         loop variant FK_PAGE_WORDS - k; @/
      for (int k = 0; k < FK_PAGE_WORDS; k++) {
          /@ assert frame_words_total(f, k + 1)
               == frame_words_total(f, k) + sum_term(k, frame_data[FRAME_WORD(f, k)]); @/
          /@ assert frame_data[FRAME_WORD(f, k)] == 0; @/
      }
    */
    /*@ assert others_summed: \forall integer g; 0 <= g < FK_NFRAME && g != f && frame_ref[g] > 0
          ==> frame_sum[g] == frame_words_total(g, FK_PAGE_WORDS) % 0x100000000; */
    return f;
}

void frame_word_put(int f, int w, uint32_t value)
{
    frame_sum[f] = sum_update(frame_sum[f], (uint32_t)w, frame_data[FRAME_WORD(f, w)], value);
    frame_data[FRAME_WORD(f, w)] = value;
    /*@ ghost   // this frame's total: as before up to word w, then moved by the change
      /@ loop invariant 0 <= k <= FK_PAGE_WORDS;
         loop invariant before: k <= w ==> frame_words_total(f, k) == frame_words_total{Pre}(f, k);
         loop invariant after: k > w ==> frame_words_total(f, k) == frame_words_total{Pre}(f, k)
             + sum_term(w, value) - sum_term(w, \at(frame_data[FRAME_WORD(f, w)], Pre));
         loop invariant covers: 0 <= frame_words_total{Pre}(f, k)
             && (k > w ==> sum_term(w, \at(frame_data[FRAME_WORD(f, w)], Pre))
                           <= frame_words_total{Pre}(f, k));
         loop assigns k;
         loop variant FK_PAGE_WORDS - k; @/
      for (int k = 0; k < FK_PAGE_WORDS; k++) {
      }
    */
    /*@ assert new_sum: frame_ref[f] > 0 ==> frame_sum[f] == (frame_words_total{Pre}(f, FK_PAGE_WORDS)
          + sum_term(w, value) - sum_term(w, \at(frame_data[FRAME_WORD(f, w)], Pre))) % 0x100000000; */
    /*@ ghost   // the other frames' totals are as before
      /@ loop invariant 0 <= k <= FK_PAGE_WORDS;
         loop invariant others: \forall integer g, j; 0 <= g < FK_NFRAME && g != f && 0 <= j <= k
             ==> frame_words_total(g, j) == frame_words_total{Pre}(g, j);
         loop assigns k;
         loop variant FK_PAGE_WORDS - k; @/
      for (int k = 0; k < FK_PAGE_WORDS; k++) {
      }
    */
    /*@ assert others_summed: \forall integer g; 0 <= g < FK_NFRAME && g != f && frame_ref[g] > 0
          ==> frame_sum[g] == frame_words_total(g, FK_PAGE_WORDS) % 0x100000000; */
}

void obj_put(int o)
{
    if (--obj_ref[o] > 0)
        return;
    /*@ loop invariant 0 <= k <= FK_MMAP_PAGES;
        loop invariant frames_in_range && frame_refs_counted;
        loop invariant none_revived: no_frame_revived{Pre, Here};
        loop invariant \forall integer s; OBJ_SLOT(o, 0) <= s < OBJ_SLOT(o, k)
                       ==> obj_frame[s] == -1;
        loop invariant \forall integer x, s; 0 <= x < FK_NOBJ && x != o
                       && OBJ_SLOT(x, 0) <= s < OBJ_SLOT(x + 1, 0) && obj_frame[s] >= 0
                       ==> s < OBJ_SLOT(x, obj_npages[x]);
        loop assigns k, obj_frame[OBJ_SLOT(o, 0) .. OBJ_SLOT(o, FK_MMAP_PAGES-1)], frame_ref[0 .. FK_NFRAME-1];
        loop variant FK_MMAP_PAGES - k;
    */
    for (int k = 0; k < FK_MMAP_PAGES; k++) {
        int f = obj_frame[OBJ_SLOT(o, k)];
        if (f >= 0) {
            objf_write(o, k, -1);
            /*@ ghost page_count_bounds(); */
            frame_put(f);
        }
    }
    obj_npages[o] = 0;
}
