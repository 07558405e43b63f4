/* The model's state, its initial value, and reference release. */
#include "model/model.h"
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
uint8_t pipe_buf[FK_NPIPE][FK_PIPE_CAPACITY];

uint8_t node_exists[FK_NNODE];
uint16_t node_size[FK_NNODE];
uint16_t node_ref[FK_NNODE];
uint32_t node_sum[FK_NNODE];
uint8_t node_data[FK_NNODE][FK_MAX_FILE_SIZE];

uint16_t frame_ref[FK_NFRAME];
uint32_t frame_sum[FK_NFRAME];
uint32_t frame_data[FK_NFRAME][FK_PAGE_WORDS];
uint16_t obj_ref[FK_NOBJ];
uint8_t obj_npages[FK_NOBJ];
int16_t obj_frame[FK_NOBJ][FK_MMAP_PAGES];

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
    for (int p = 0; p < FK_NPROC; p++)
        if (proc_state[p] != P_FREE && proc_pid[p] == pid)
            return p;
    return -1;
}

static void clear_slot(int p)
{
    proc_state[p] = P_FREE;
    proc_pid[p] = -1;
    proc_parent[p] = -1;
    proc_status[p] = 0;
    proc_cwd[p] = -1;
    heap_pages[p] = 0;
    for (int f = 0; f < FK_NOFILE; f++)
        fdt[p][f] = -1;
    for (int i = 0; i < FK_MMAP_PAGES; i++) {
        pg_attr[p][i] = pg_start[p][i] = 0;
        pg_frame[p][i] = -1;
        pg_obj[p][i] = pg_objpage[p][i] = -1;
    }
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
        heap_frame[p][j] = -1;
}

static void set_file_node(int node, const uint8_t *data, int size)
{
    node_exists[node] = 1;
    node_size[node] = (uint16_t)size;
    for (int i = 0; i < size; i++)
        node_data[node][i] = data[i];
    node_sum[node] = fk_sum_bytes(data, (size_t)size);
}

static void reset_nodes(void)
{
    uint8_t f0[FK_F0_SIZE], f2[FK_F2_SIZE];
    for (int i = 0; i < FK_F0_SIZE; i++)
        f0[i] = (uint8_t)i;
    for (int i = 0; i < FK_F2_SIZE; i++)
        f2[i] = 0x41;
    for (int n = 0; n < FK_NNODE; n++) {
        node_exists[n] = 0;
        node_size[n] = 0;
        node_ref[n] = 0;
        node_sum[n] = 0;
    }
    node_exists[FK_NODE_ROOT] = node_exists[FK_NODE_D] = 1;
    set_file_node(FK_NODE_F0, f0, FK_F0_SIZE);
    set_file_node(FK_NODE_F1, f0, 0);
    set_file_node(FK_NODE_D_F2, f2, FK_F2_SIZE);
}

void model_reset(void)
{
    for (int p = 0; p < FK_NPROC; p++)
        clear_slot(p);
    for (int f = 0; f < FK_NFILE; f++) {
        file_ref[f] = 0;
        file_kind[f] = file_mode[f] = file_append[f] = 0;
        file_node[f] = file_pipe[f] = -1;
        file_off[f] = 0;
    }
    for (int i = 0; i < FK_NPIPE; i++)
        pipe_readers[i] = pipe_writers[i] = pipe_fill[i] = pipe_head[i] = 0;
    for (int i = 0; i < FK_NFRAME; i++)
        frame_ref[i] = 0;
    for (int o = 0; o < FK_NOBJ; o++) {
        obj_ref[o] = 0;
        obj_npages[o] = 0;
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            obj_frame[o][k] = -1;
    }
    reset_nodes();
    proc_state[0] = P_ALIVE;
    proc_pid[0] = 0;
    proc_cwd[0] = FK_NODE_ROOT;
    node_ref[FK_NODE_ROOT] = 1;
    next_pid = 1;
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

int frame_alloc(void)
{
    for (int f = 0; f < FK_NFRAME; f++)
        if (frame_ref[f] == 0) {
            for (int w = 0; w < FK_PAGE_WORDS; w++)
                frame_data[f][w] = 0;
            frame_sum[f] = 0;
            frame_ref[f] = 1;
            return f;
        }
    return -1;
}

void obj_put(int o)
{
    if (--obj_ref[o] > 0)
        return;
    for (int k = 0; k < FK_MMAP_PAGES; k++)
        if (obj_frame[o][k] >= 0) {
            frame_put(obj_frame[o][k]);
            obj_frame[o][k] = -1;
        }
    obj_npages[o] = 0;
}
