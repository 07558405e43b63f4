/* valid_state (model/logic.h), executable: every predicate of procs_ok,
 * files_ok and memory_ok, and the checksums of invariant 15 (nodes_summed,
 * frames_summed), the first violation described. The checker trusts nothing it
 * reads: every index is range-checked before use.
 *
 * model_check_step re-examines only what changed since its previous call
 * (fuzz_model checks after every step, and a step touches one or two
 * slots): the parts of the check that depend on one slot's rows alone, on
 * the open-file table alone and on the objects alone are kept with a copy
 * of their inputs and reused while the inputs are byte for byte the same,
 * so the verdict is always the full check's. */
#include <string.h>
#include "model/model.h"
#include "model/state.h"
#include "spec/namespace.h"
#include "spec/out.h"

static struct fk_out why_out;

static int fail(const char *what, int index, long have, long want)
{
    fk_out_str(&why_out, what);
    fk_out_str(&why_out, " #");
    fk_out_dec(&why_out, index);
    fk_out_str(&why_out, ": have ");
    fk_out_dec(&why_out, have);
    fk_out_str(&why_out, ", want ");
    fk_out_dec(&why_out, want);
    fk_out_cstr(&why_out);
    return -1;
}

/* Whether a row holds only clear values (all zero, or all 0xff: -1 in
 * int8 and int16 rows), as OR/AND reductions the compiler vectorizes. */
static int zeros(const void *row, size_t n)
{
    const uint8_t *b = row;
    uint8_t any = 0;
    for (size_t i = 0; i < n; i++)
        any |= b[i];
    return !any;
}

static int ones(const void *row, size_t n)
{
    const uint8_t *b = row;
    uint8_t all = 0xff;
    for (size_t i = 0; i < n; i++)
        all &= b[i];
    return all == 0xff;
}

/* Row comparison, inlined and vectorized (memcmp is a call per row): the
 * bits in which n bytes at a and b differ are ORed into *acc, 64 bytes at
 * a time where the row allows, reduced once by nothing_differs. */
typedef uint64_t bits512 __attribute__((vector_size(64)));
typedef uint64_t bits128 __attribute__((vector_size(16)));

static inline void differ(bits512 *acc, const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        bits512 u, v;
        memcpy(&u, x + i, 64);
        memcpy(&v, y + i, 64);
        *acc |= u ^ v;
    }
    for (; i + 16 <= n; i += 16) {
        bits128 u, v;
        memcpy(&u, x + i, 16);
        memcpy(&v, y + i, 16);
        u ^= v;
        (*acc)[0] |= u[0];
        (*acc)[1] |= u[1];
    }
    for (; i < n; i++)
        (*acc)[0] |= (uint64_t)(x[i] ^ y[i]);
}

static inline int nothing_differs(const bits512 *acc)
{
    uint64_t d = 0;
    for (int i = 0; i < 8; i++)
        d |= (*acc)[i];
    return !d;
}

static inline int same(const void *a, const void *b, size_t n)
{
    bits512 acc = { 0 };
    differ(&acc, a, b, n);
    return nothing_differs(&acc);
}

/* A part of the state the check keeps a copy of. */
struct kept {
    void *copy;
    const void *live;
    size_t size;
};

static int kept_unchanged(const struct kept *k, int n)
{
    bits512 acc = { 0 };
    for (int i = 0; i < n; i++)
        differ(&acc, k[i].copy, k[i].live, k[i].size);
    return nothing_differs(&acc);
}

static void keep(const struct kept *k, int n)
{
    for (int i = 0; i < n; i++)
        memcpy(k[i].copy, k[i].live, k[i].size);
}

/* ---- procs_ok, the parts that look across slots ---- */

static int used(int p)
{
    return proc_state[p] != P_FREE;
}

static int check_parent(int p)
{
    int q = proc_parent[p];
    if (proc_pid[p] == 0)
        return q == -1 ? 0 : fail("p0 has a parent, slot", p, q, -1);
    if (q < 0 || q >= FK_NPROC || q == p || !used(q))
        return fail("process without a used parent, slot", p, q, 0);
    if (proc_state[q] != P_ALIVE && proc_pid[q] != 0)
        return fail("parent is a zombie other than p0, slot", p, q, 0);
    return 0;
}

static int check_procs(void)
{
    if (!used(0) || proc_pid[0] != 0)
        return fail("p0 not in slot 0, slot", 0, proc_pid[0], 0);
    if (next_pid < 1)
        return fail("next pid", 0, next_pid, 1);
    for (int p = 0; p < FK_NPROC; p++) {
        if (proc_state[p] != P_FREE && proc_state[p] != P_ALIVE && proc_state[p] != P_ZOMBIE)
            return fail("process state, slot", p, proc_state[p], 0);
        if (proc_state[p] == P_ALIVE ? !fk_node_is_dir(proc_cwd[p]) : proc_cwd[p] != -1)
            return fail("cwd, slot", p, proc_cwd[p], 0);
        if (!used(p))
            continue;
        if (proc_pid[p] < 0 || proc_pid[p] > FK_MAX_PID || proc_pid[p] >= next_pid
            || (p != 0 && proc_pid[p] == 0))
            return fail("pid out of order, slot", p, proc_pid[p], next_pid);
        if (check_parent(p))
            return -1;
        for (int q = 0; q < p; q++)
            if (used(q) && proc_pid[q] == proc_pid[p])
                return fail("pid used twice, slot", p, proc_pid[p], -1);
    }
    return 0;
}

/* ---- one slot's rows ---- */

/* A slot's rows as the check last passed them, and what they add to the
 * counts of valid_state. */
struct slot_part {
    int valid;
    uint8_t state, heap_pages;
    int8_t fd[FK_NOFILE];
    uint8_t attr[FK_MMAP_PAGES], start[FK_MMAP_PAGES];
    int16_t frame[FK_MMAP_PAGES];
    int8_t obj[FK_MMAP_PAGES], objpage[FK_MMAP_PAGES];
    int16_t heap[FK_HEAP_MAX_PAGES];
    uint8_t files[FK_NFILE];        /* fd entries on each open file */
    uint8_t frames[FK_NFRAME];      /* private window and heap pages on each frame */
    uint8_t starts[FK_NOBJ];        /* regions mapping each object */
    uint8_t objpages[FK_NOBJ];      /* highest page of each object mapped, + 1 */
};

static struct slot_part slot_part[FK_NPROC];

/* The counts of the slots whose part is valid, kept as parts come and go. */
static uint16_t slot_files[FK_NFILE], slot_frames[FK_NFRAME], slot_starts[FK_NOBJ];

static void count_part(const struct slot_part *s, int sign)
{
    for (int f = 0; f < FK_NFILE; f++)
        slot_files[f] = (uint16_t)(slot_files[f] + sign * s->files[f]);
    for (int fr = 0; fr < FK_NFRAME; fr++)
        slot_frames[fr] = (uint16_t)(slot_frames[fr] + sign * s->frames[fr]);
    for (int o = 0; o < FK_NOBJ; o++)
        slot_starts[o] = (uint16_t)(slot_starts[o] + sign * s->starts[o]);
}

/* (Spelled out row by row: through a list of struct kept, as the tables
 * below, the check runs 40 % slower.) */
static int slot_unchanged(int p, const struct slot_part *s)
{
    bits512 acc = { 0 };
    if (!s->valid || s->state != proc_state[p] || s->heap_pages != heap_pages[p])
        return 0;
    differ(&acc, s->fd, fdt[p], sizeof s->fd);
    differ(&acc, s->attr, pg_attr[p], sizeof s->attr);
    differ(&acc, s->start, pg_start[p], sizeof s->start);
    differ(&acc, s->frame, pg_frame[p], sizeof s->frame);
    differ(&acc, s->obj, pg_obj[p], sizeof s->obj);
    differ(&acc, s->objpage, pg_objpage[p], sizeof s->objpage);
    differ(&acc, s->heap, heap_frame[p], sizeof s->heap);
    return nothing_differs(&acc);
}

static void slot_keep(int p, struct slot_part *s)
{
    s->state = proc_state[p];
    s->heap_pages = heap_pages[p];
    memcpy(s->fd, fdt[p], sizeof s->fd);
    memcpy(s->attr, pg_attr[p], sizeof s->attr);
    memcpy(s->start, pg_start[p], sizeof s->start);
    memcpy(s->frame, pg_frame[p], sizeof s->frame);
    memcpy(s->obj, pg_obj[p], sizeof s->obj);
    memcpy(s->objpage, pg_objpage[p], sizeof s->objpage);
    memcpy(s->heap, heap_frame[p], sizeof s->heap);
    s->valid = 1;
}

static int pages_clear(int p)
{
    return zeros(pg_attr[p], sizeof pg_attr[p]) && zeros(pg_start[p], sizeof pg_start[p])
           && ones(pg_frame[p], sizeof pg_frame[p]) && ones(pg_obj[p], sizeof pg_obj[p])
           && ones(pg_objpage[p], sizeof pg_objpage[p]);
}

/* idle_slots_empty: zombies and free slots hold nothing. */
static int check_idle(int p)
{
    if (heap_pages[p] || !ones(fdt[p], sizeof fdt[p]) || !ones(heap_frame[p], sizeof heap_frame[p]))
        return fail("idle slot holds fds or heap, slot", p, heap_pages[p], 0);
    if (!pages_clear(p))
        return fail("idle slot holds a page, slot", p, 0, 0);
    return 0;
}

/* fds_in_range, and the fds on each open file. */
static int check_fds(int p, struct slot_part *s)
{
    for (int i = 0; i < FK_NOFILE; i++) {
        int f = fdt[p][i];
        if (f < -1 || f >= FK_NFILE)
            return fail("fd names no open file, slot", p, f, i);
        if (f >= 0)
            s->files[f]++;
    }
    return 0;
}

/* heap_ok and the heap's part of frames_in_range. */
static int check_heap(int p, struct slot_part *s)
{
    if (heap_pages[p] > FK_HEAP_MAX_PAGES)
        return fail("break above the heap area, slot", p, heap_pages[p], FK_HEAP_MAX_PAGES);
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++) {
        int fr = heap_frame[p][j];
        if (fr < -1 || fr >= FK_NFRAME || (fr >= 0 && j >= heap_pages[p]))
            return fail("heap frame out of range or above the break, page", j, p, fr);
        if (fr >= 0)
            s->frames[fr]++;
    }
    return 0;
}

/* Page i of slot p continues the region of page i - 1 (logic.h, continues). */
static int continues(int p, int i)
{
    return i > 0 && pg_attr[p][i - 1] == pg_attr[p][i] && pg_obj[p][i - 1] == pg_obj[p][i]
           && (pg_obj[p][i] < 0 || pg_objpage[p][i] == pg_objpage[p][i - 1] + 1);
}

static int unmapped_page_clear(int p, int i)
{
    return !pg_start[p][i] && pg_frame[p][i] == -1 && pg_obj[p][i] == -1
           && pg_objpage[p][i] == -1;
}

/* page_shaped and frames_in_range for one window page; the object page
 * bound (objpage < obj_npages) is checked per object, from s->objpages. */
static int check_page(int p, int i, struct slot_part *s)
{
    int attr = pg_attr[p][i], fr = pg_frame[p][i], o = pg_obj[p][i], k = pg_objpage[p][i];
    if (fr < -1 || fr >= FK_NFRAME || o < -1 || o >= FK_NOBJ
        || (o >= 0 && (k < 0 || k >= FK_MMAP_PAGES)))
        return fail("page names a frame or object out of range, page", i, p, 0);
    if (!attr)
        return unmapped_page_clear(p, i) ? 0 : fail("unmapped page holds something, page", i, p, 0);
    if (!pg_start[p][i] && !continues(p, i))
        return fail("region continues nothing, page", i, p, 0);
    if (o < 0) {
        if (attr < FK_PG_MAPPED || attr > FK_PG_MAPPED + FK_PROT_RW || k != -1)
            return fail("private page attributes, page", i, p, attr);
        if (fr >= 0)
            s->frames[fr]++;
        return 0;
    }
    if (attr < FK_PG_MAPPED + FK_PG_SHARED || attr > FK_PG_MAPPED + FK_PG_SHARED + FK_PROT_RW
        || fr != -1)
        return fail("shared page attributes or frame, page", i, p, attr);
    if (s->objpages[o] < k + 1)
        s->objpages[o] = (uint8_t)(k + 1);
    s->starts[o] += pg_start[p][i] != 0;
    return 0;
}

/* The common case, a slot without shared pages, in one pass that the
 * compiler vectorizes: page_shaped and frames_in_range for every page.
 * "No" only means check_page looks at each page. */
static int private_pages_shaped(int p)
{
    const uint8_t *attr = pg_attr[p], *start = pg_start[p];
    const int16_t *frame = pg_frame[p];
    int bad = !ones(pg_obj[p], sizeof pg_obj[p]) || !ones(pg_objpage[p], sizeof pg_objpage[p]);
    for (int i = 0; i < FK_MMAP_PAGES; i++) {
        int before = i > 0 ? attr[i - 1] : 0;       /* page 0 continues nothing */
        int mapped = attr[i] != 0;
        bad |= (frame[i] < -1) | (frame[i] >= FK_NFRAME);
        bad |= (mapped == 0) & ((start[i] != 0) | (frame[i] != -1));
        bad |= mapped & ((attr[i] < FK_PG_MAPPED) | (attr[i] > FK_PG_MAPPED + FK_PROT_RW)
                         | ((start[i] == 0) & (before != attr[i])));
    }
    return !bad;
}

static int check_pages(int p, struct slot_part *s)
{
    if (pages_clear(p))
        return 0;
    if (private_pages_shaped(p)) {
        for (int i = 0; i < FK_MMAP_PAGES; i++)
            if (pg_frame[p][i] >= 0)
                s->frames[pg_frame[p][i]]++;
        return 0;
    }
    for (int i = 0; i < FK_MMAP_PAGES; i++)
        if (check_page(p, i, s))
            return -1;
    return 0;
}

/* Checks slot p's rows and finds their counts, unless reuse and the rows
 * are those last passed. */
static int check_slot(int p, int reuse)
{
    struct slot_part *s = &slot_part[p];
    if (reuse && slot_unchanged(p, s))
        return 0;
    if (s->valid)
        count_part(s, -1);
    s->valid = 0;
    memset(s->files, 0, sizeof s->files);
    memset(s->frames, 0, sizeof s->frames);
    memset(s->starts, 0, sizeof s->starts);
    memset(s->objpages, 0, sizeof s->objpages);
    if (proc_state[p] != P_ALIVE ? check_idle(p)
                                 : check_fds(p, s) || check_heap(p, s) || check_pages(p, s))
        return -1;
    slot_keep(p, s);
    count_part(s, 1);
    return 0;
}

/* ---- the open-file table ---- */

/* The table as the check last passed it, and the counts it yields. */
static struct {
    int valid;
    uint16_t ref[FK_NFILE];
    uint8_t kind[FK_NFILE], mode[FK_NFILE];
    int8_t node[FK_NFILE], pipe[FK_NFILE];
    int32_t off[FK_NFILE];
    uint8_t exists[FK_NNODE];
    uint8_t node_files[FK_NNODE];   /* open files on each node */
    uint16_t readers[FK_NPIPE], writers[FK_NPIPE];
} table;

static const struct kept table_inputs[] = {
    { table.ref, file_ref, sizeof file_ref },    { table.kind, file_kind, sizeof file_kind },
    { table.mode, file_mode, sizeof file_mode }, { table.node, file_node, sizeof file_node },
    { table.pipe, file_pipe, sizeof file_pipe }, { table.off, file_off, sizeof file_off },
    { table.exists, node_exists, sizeof node_exists },
};

/* files_well_formed for open file f. */
static int file_well_formed(int f)
{
    int node = file_node[f], pipe = file_pipe[f], mode = file_mode[f];
    int on_node = 0 <= node && node < FK_NNODE && pipe == -1;
    int on_pipe = 0 <= pipe && pipe < FK_NPIPE && node == -1;
    if (!file_ref[f])
        return !file_kind[f] && node == -1 && pipe == -1;
    switch (file_kind[f]) {
    case FK_F_FILE: return on_node && mode <= FK_O_RDWR;
    case FK_F_DIR: return on_node && mode == FK_O_RDONLY;
    case FK_F_PIPE_R: return on_pipe && mode == FK_O_RDONLY;
    case FK_F_PIPE_W: return on_pipe && mode == FK_O_WRONLY;
    default: return 0;
    }
}

/* An open file or directory is on an existing node of its own kind. */
static int on_its_kind_of_node(int f)
{
    int node = file_node[f];
    return node_exists[node] && fk_node_is_dir(node) == (file_kind[f] == FK_F_DIR);
}

static int check_table(int reuse)
{
    if (reuse && table.valid && kept_unchanged(table_inputs, 7))
        return 0;
    table.valid = 0;
    memset(table.node_files, 0, sizeof table.node_files);
    memset(table.readers, 0, sizeof table.readers);
    memset(table.writers, 0, sizeof table.writers);
    for (int f = 0; f < FK_NFILE; f++) {
        if (file_off[f] < 0 || !file_well_formed(f))
            return fail("open file ill-formed, file", f, file_kind[f], file_ref[f]);
        if (file_ref[f] && file_node[f] >= 0 && !on_its_kind_of_node(f))
            return fail("open file on a missing node or one of another kind, file", f,
                        file_node[f], file_kind[f]);
        if (file_node[f] >= 0)
            table.node_files[file_node[f]]++;
        else if (file_kind[f] == FK_F_PIPE_R)
            table.readers[file_pipe[f]]++;
        else if (file_kind[f] == FK_F_PIPE_W)
            table.writers[file_pipe[f]]++;
    }
    keep(table_inputs, 7);
    table.valid = 1;
    return 0;
}

/* ---- the counts ---- */

/* The first i where have and want differ, or -1 (the fast path compares
 * the whole rows at once). */
static int mismatch(const uint16_t *have, const uint16_t *want, int n)
{
    if (same(have, want, (size_t)n * sizeof *have))
        return -1;
    for (int i = 0; i < n; i++)
        if (have[i] != want[i])
            return i;
    return -1;
}

static int pipes_bounded(void)
{
    int over = 0;
    for (int i = 0; i < FK_NPIPE; i++)
        over |= (pipe_fill[i] > FK_PIPE_CAPACITY) | (pipe_head[i] >= FK_PIPE_CAPACITY);
    return !over;
}

static int check_pipes(void)
{
    int i;
    if ((i = mismatch(pipe_readers, table.readers, FK_NPIPE)) >= 0)
        return fail("pipe readers, pipe", i, pipe_readers[i], table.readers[i]);
    if ((i = mismatch(pipe_writers, table.writers, FK_NPIPE)) >= 0)
        return fail("pipe writers, pipe", i, pipe_writers[i], table.writers[i]);
    if (!pipes_bounded()) {
        for (i = 0; pipe_fill[i] <= FK_PIPE_CAPACITY && pipe_head[i] < FK_PIPE_CAPACITY; i++)
            ;
        return fail("pipe fill or head, pipe", i, pipe_fill[i], pipe_head[i]);
    }
    for (i = 0; i < FK_NPIPE; i++)
        if (!pipe_readers[i] && !pipe_writers[i] && (pipe_fill[i] || pipe_head[i]))
            return fail("free pipe not empty, pipe", i, pipe_fill[i], 0);
    return 0;
}

static int check_nodes(void)
{
    uint8_t cwds[FK_NNODE] = {0};
    for (int p = 0; p < FK_NPROC; p++)
        if (proc_cwd[p] >= 0)
            cwds[proc_cwd[p]]++;     /* a directory: check_procs */
    for (int n = 0; n < FK_NNODE; n++) {
        int refs = table.node_files[n] + cwds[n];
        if (node_ref[n] != refs)
            return fail("node refcount", n, node_ref[n], refs);
        if (node_size[n] > FK_MAX_FILE_SIZE)
            return fail("node size", n, node_size[n], FK_MAX_FILE_SIZE);
        if (fk_node_is_dir(n) && node_size[n])
            return fail("directory size, node", n, node_size[n], 0);
    }
    if (!node_exists[FK_NODE_ROOT] || !node_exists[FK_NODE_D])
        return fail("directory missing, node", node_exists[FK_NODE_ROOT] ? FK_NODE_D : FK_NODE_ROOT, 0, 1);
    return 0;
}

static int check_files(void)
{
    int f = mismatch(file_ref, slot_files, FK_NFILE);
    if (f >= 0)
        return fail("open file refcount", f, file_ref[f], slot_files[f]);
    return check_pipes() || check_nodes();
}

/* The objects as the check last passed them, and the frames they hold. */
static struct {
    int valid;
    uint16_t ref[FK_NOBJ];
    uint8_t npages[FK_NOBJ];
    int16_t frame[FK_NOBJ * FK_MMAP_PAGES];
    uint16_t frames[FK_NFRAME];     /* object pages on each frame */
} objects;

static const struct kept object_inputs[] = {
    { objects.ref, obj_ref, sizeof obj_ref },
    { objects.npages, obj_npages, sizeof obj_npages },
    { objects.frame, obj_frame, sizeof obj_frame },
};

/* objs_shaped and the objects' part of frames_in_range for object o. */
static int check_object(int o)
{
    const int16_t *row = &obj_frame[OBJ_SLOT(o, 0)];
    if (!obj_ref[o] && obj_npages[o])
        return fail("free object with pages, object", o, obj_npages[o], 0);
    if (ones(row, FK_MMAP_PAGES * sizeof row[0]))
        return 0;
    for (int k = 0; k < FK_MMAP_PAGES; k++) {
        if (row[k] < -1 || row[k] >= FK_NFRAME || (row[k] >= 0 && k >= obj_npages[o]))
            return fail("object frame out of range or outside the object, object", o, k, row[k]);
        if (row[k] >= 0)
            objects.frames[row[k]]++;
    }
    return 0;
}

static int check_objects(int reuse)
{
    if (reuse && objects.valid && kept_unchanged(object_inputs, 3))
        return 0;
    objects.valid = 0;
    memset(objects.frames, 0, sizeof objects.frames);
    for (int o = 0; o < FK_NOBJ; o++)
        if (check_object(o))
            return -1;
    keep(object_inputs, 3);
    objects.valid = 1;
    return 0;
}

/* The shared pages mapped lie inside their objects (page_shaped). */
static int check_object_pages(void)
{
    uint8_t top[FK_NOBJ] = {0};
    int outside = 0;
    for (int p = 0; p < FK_NPROC; p++)
        for (int o = 0; o < FK_NOBJ; o++)
            top[o] = slot_part[p].objpages[o] > top[o] ? slot_part[p].objpages[o] : top[o];
    for (int o = 0; o < FK_NOBJ; o++)
        outside |= top[o] > obj_npages[o];
    for (int o = 0; outside && o < FK_NOBJ; o++)
        if (top[o] > obj_npages[o])
            return fail("shared page outside its object, object", o, top[o], obj_npages[o]);
    return 0;
}

static int check_memory(int reuse)
{
    uint16_t frames[FK_NFRAME];
    int i = mismatch(obj_ref, slot_starts, FK_NOBJ);
    if (i >= 0)
        return fail("object refcount", i, obj_ref[i], slot_starts[i]);
    if (check_object_pages() || check_objects(reuse))
        return -1;
    for (int fr = 0; fr < FK_NFRAME; fr++)
        frames[fr] = (uint16_t)(slot_frames[fr] + objects.frames[fr]);
    if ((i = mismatch(frame_ref, frames, FK_NFRAME)) >= 0)
        return fail("frame refcount", i, frame_ref[i], frames[i]);
    return 0;
}

/* ---- the checksums the observation exports ---- */

/* node_sum and the frame_sum of every frame in use are the checksums of
 * the data they stand for. A row whose data and sum are as the check
 * last passed them is not summed again. */
static struct {
    uint8_t node_ok[FK_NNODE], frame_ok[FK_NFRAME];
    uint16_t size[FK_NNODE];
    uint32_t node_sum[FK_NNODE], frame_sum[FK_NFRAME];
    uint8_t node_data[FK_NNODE * FK_MAX_FILE_SIZE];
    uint32_t frame_data[FK_NFRAME * FK_PAGE_WORDS];
} sums;

static int node_sum_right(int n, int reuse)
{
    uint8_t *seen = &sums.node_data[NODE_BYTE(n, 0)];
    const uint8_t *row = &node_data[NODE_BYTE(n, 0)];
    size_t size = node_size[n];     /* at most FK_MAX_FILE_SIZE: check_nodes */
    if (reuse && sums.node_ok[n] && sums.size[n] == size && sums.node_sum[n] == node_sum[n]
        && same(seen, row, size))
        return 1;
    sums.node_ok[n] = node_sum[n] == fk_sum_bytes(row, size);
    memcpy(seen, row, size);
    sums.size[n] = (uint16_t)size;
    sums.node_sum[n] = node_sum[n];
    return sums.node_ok[n];
}

static int frame_sum_right(int f, int reuse)
{
    uint32_t *seen = &sums.frame_data[FRAME_WORD(f, 0)];
    const uint32_t *row = &frame_data[FRAME_WORD(f, 0)];
    if (reuse && sums.frame_ok[f] && sums.frame_sum[f] == frame_sum[f]
        && same(seen, row, FK_PAGE_SIZE))
        return 1;
    sums.frame_ok[f] = frame_sum[f] == fk_sum_words(row, FK_PAGE_WORDS);
    memcpy(seen, row, FK_PAGE_SIZE);
    sums.frame_sum[f] = frame_sum[f];
    return sums.frame_ok[f];
}

static int check_sums(int reuse)
{
    for (int n = 0; n < FK_NNODE; n++)
        if (!node_sum_right(n, reuse))
            return fail("node checksum, node", n, (long)node_sum[n],
                        (long)fk_sum_bytes(&node_data[NODE_BYTE(n, 0)], node_size[n]));
    for (int f = 0; f < FK_NFRAME; f++)
        if (frame_ref[f] && !frame_sum_right(f, reuse))
            return fail("frame checksum, frame", f, (long)frame_sum[f],
                        (long)fk_sum_words(&frame_data[FRAME_WORD(f, 0)], FK_PAGE_WORDS));
    return 0;
}

static int check(int reuse, char *why, size_t cap)
{
    why_out = fk_out_make(why, cap);
    if (cap)
        why[0] = 0;
    if (check_procs())
        return -1;
    for (int p = 0; p < FK_NPROC; p++)
        if (check_slot(p, reuse))
            return -1;
    if (check_table(reuse) || check_files() || check_memory(reuse) || check_sums(reuse))
        return -1;
    return 0;
}

int model_check(char *why, size_t cap)
{
    return check(0, why, cap);
}

int model_check_step(char *why, size_t cap)
{
    return check(1, why, cap);
}

int model_run_checked(const struct fk_prog *p, char *why, size_t cap)
{
    model_reset();
    for (uint32_t i = 0; i < p->nsteps; i++) {
        model_step(p->step[i]);
        if (model_check_step(why, cap))
            return (int)i;
    }
    return -1;
}
