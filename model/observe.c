/* The model's state as an observation, and the executable twin of
 * valid_state (spec/state.md, "Invariants"). */
#include "model/model.h"
#include "model/state.h"
#include "spec/namespace.h"
#include "spec/out.h"

static void observe_proc(int p, struct fk_obs_proc *o)
{
    o->pid = proc_pid[p];
    o->ppid = proc_parent[p] < 0 ? -1 : proc_pid[proc_parent[p]];
    o->state = proc_state[p];
    o->status = proc_status[p];
    o->cwd = (uint8_t)(proc_cwd[p] < 0 ? 0 : proc_cwd[p]);
    o->heap_pages = heap_pages[p];
    for (int f = 0; f < FK_NOFILE; f++)
        o->fd[f] = fdt[p][f];
    for (int k = 0; k < FK_NPAGES; k++) {
        int heap = k >= FK_MMAP_PAGES, j = k - FK_MMAP_PAGES, f;
        o->page[k] = heap ? (j < heap_pages[p] ? FK_PG_MAPPED | FK_PROT_RW : 0)
                          : pg_attr[p][k];
        o->frame[k] = heap ? heap_frame[p][j] : pg_frame[p][k];
        o->obj[k] = heap ? FK_NIL : pg_obj[p][k];
        o->objpage[k] = heap ? FK_NIL : pg_objpage[p][k];
        f = (o->page[k] & FK_PG_SHARED) ? obj_frame[OBJ_SLOT(o->obj[k], o->objpage[k])]
                                         : o->frame[k];
        o->sum[k] = o->page[k] && f >= 0 ? frame_sum[f] : 0;
    }
}

void model_observe(struct fk_obs *o)
{
    fk_obs_clear(o);
    for (int p = 0; p < FK_NPROC; p++)
        if (proc_state[p] != P_FREE)
            observe_proc(p, &o->proc[o->nproc++]);
        else
            o->free_procs++;
    o->nfile = FK_NFILE;
    for (int f = 0; f < FK_NFILE; f++) {
        struct fk_obs_file *x = &o->file[f];
        x->kind = file_kind[f];
        x->mode = file_mode[f];
        x->append = file_append[f];
        x->node = (uint8_t)(file_node[f] < 0 ? 0 : file_node[f]);
        x->pipe = file_pipe[f];
        x->offset = file_off[f];
        x->refs = file_ref[f];
        o->free_files += file_ref[f] == 0;
    }
    o->npipe = FK_NPIPE;
    for (int i = 0; i < FK_NPIPE; i++) {
        o->pipe[i].fill = pipe_fill[i];
        o->pipe[i].readers = pipe_readers[i];
        o->pipe[i].writers = pipe_writers[i];
    }
    for (int n = 0; n < FK_NNODE; n++) {
        o->node[n].exists = node_exists[n];
        o->node[n].size = node_size[n];
        o->node[n].sum = node_sum[n];
        o->node[n].refs = node_ref[n];
    }
    o->nframe = FK_NFRAME;
    for (int f = 0; f < FK_NFRAME; f++) {
        o->frame_refs[f] = frame_ref[f];
        o->free_frames += frame_ref[f] == 0;
    }
    o->nobj = FK_NOBJ;
    for (int b = 0; b < FK_NOBJ; b++) {
        o->obj[b].refs = obj_ref[b];
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            o->obj[b].frame[k] = obj_frame[OBJ_SLOT(b, k)];
        o->free_objs += obj_ref[b] == 0;
    }
}

/* ---- valid_state, executable ---- */

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

/* Fast paths (fuzz_model checks after every step): whether a row holds
 * only clear values, as OR-reductions the compiler vectorizes. "No" only
 * means the detailed checks below run. */
/* Bytes all zero, or all 0xff (-1 in int8 and int16 arrays). */
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

static int pages_clear(int p)
{
    return zeros(pg_attr[p], sizeof pg_attr[p]) && zeros(pg_start[p], sizeof pg_start[p])
           && ones(pg_frame[p], sizeof pg_frame[p]) && ones(pg_obj[p], sizeof pg_obj[p])
           && ones(pg_objpage[p], sizeof pg_objpage[p]);
}

static int slot_clear(int p)
{
    return !heap_pages[p] && proc_cwd[p] == -1 && ones(fdt[p], sizeof fdt[p])
           && ones(heap_frame[p], sizeof heap_frame[p]) && pages_clear(p);
}

static int object_clear(int o)
{
    return !obj_ref[o] && !obj_npages[o]
           && ones(&obj_frame[OBJ_SLOT(o, 0)], FK_MMAP_PAGES * sizeof obj_frame[0]);
}

/* Zombies and free slots hold nothing (logic.h, idle_slots_empty). */
static int check_idle_slot(int p)
{
    if (slot_clear(p))
        return 0;
    for (int f = 0; f < FK_NOFILE; f++)
        if (fdt[p][f] >= 0)
            return fail("idle slot holds an fd, slot", p, f, -1);
    for (int i = 0; i < FK_MMAP_PAGES; i++)
        if (pg_attr[p][i] || pg_start[p][i] || pg_frame[p][i] >= 0
            || pg_obj[p][i] >= 0 || pg_objpage[p][i] >= 0)
            return fail("idle slot holds a page, slot", p, i, -1);
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
        if (heap_frame[p][j] >= 0)
            return fail("idle slot holds a heap frame, slot", p, j, -1);
    if (heap_pages[p] || proc_cwd[p] >= 0)
        return fail("idle slot holds heap or cwd, slot", p, heap_pages[p], 0);
    return 0;
}

static int check_procs(void)
{
    if (slot_of(0) != 0)
        return fail("p0 not in slot 0, slot", slot_of(0), 0, 1);
    for (int p = 0; p < FK_NPROC; p++) {
        if (proc_state[p] != P_ALIVE && check_idle_slot(p))
            return -1;
        if (proc_state[p] == P_FREE)
            continue;
        if (proc_pid[p] >= next_pid || (p != 0 && proc_pid[p] == 0))
            return fail("pid out of order, slot", p, proc_pid[p], next_pid);
        if (p != 0 && (proc_parent[p] < 0 || proc_state[proc_parent[p]] == P_FREE))
            return fail("process without a used parent, pid", proc_pid[p], proc_parent[p], 0);
        if (proc_state[p] == P_ALIVE
            && (proc_cwd[p] < 0 || !fk_node_is_dir(proc_cwd[p])))
            return fail("cwd not a directory, pid", proc_pid[p], proc_cwd[p], 0);
    }
    return 0;
}

static int check_files(void)
{
    int count[FK_NFILE] = {0}, readers[FK_NPIPE] = {0}, writers[FK_NPIPE] = {0};
    int noderefs[FK_NNODE] = {0};
    for (int p = 0; p < FK_NPROC; p++) {
        if (proc_state[p] == P_ALIVE)
            noderefs[proc_cwd[p]]++;
        for (int f = 0; f < FK_NOFILE; f++)
            if (fdt[p][f] >= 0)
                count[fdt[p][f]]++;
    }
    for (int f = 0; f < FK_NFILE; f++) {
        if (file_ref[f] != count[f])
            return fail("open file refcount", f, file_ref[f], count[f]);
        if (!file_ref[f]) {
            if (file_kind[f] || file_node[f] != -1 || file_pipe[f] != -1)
                return fail("free open file names something, file", f, file_kind[f], 0);
            continue;
        }
        if ((file_kind[f] >= FK_F_PIPE_R) != (file_pipe[f] >= 0)
            || (file_kind[f] >= FK_F_PIPE_R) == (file_node[f] >= 0))
            return fail("open file names both or neither of node and pipe, file", f, file_node[f], file_pipe[f]);
        if (file_kind[f] == FK_F_PIPE_R)
            readers[file_pipe[f]]++;
        else if (file_kind[f] == FK_F_PIPE_W)
            writers[file_pipe[f]]++;
        else if (!node_exists[file_node[f]] || file_off[f] < 0)
            return fail("open file on an absent node, file", f, file_node[f], 0);
        else
            noderefs[file_node[f]]++;
    }
    for (int i = 0; i < FK_NPIPE; i++) {
        if (pipe_readers[i] != readers[i] || pipe_writers[i] != writers[i])
            return fail("pipe end counts, pipe", i, pipe_readers[i] * 100 + pipe_writers[i],
                        readers[i] * 100 + writers[i]);
        if (pipe_fill[i] > FK_PIPE_CAPACITY)
            return fail("pipe overfull, pipe", i, pipe_fill[i], FK_PIPE_CAPACITY);
    }
    for (int n = 0; n < FK_NNODE; n++)
        if (node_ref[n] != noderefs[n] || node_size[n] > FK_MAX_FILE_SIZE)
            return fail("node refcount", n, node_ref[n], noderefs[n]);
    return 0;
}

/* Regions (logic.h, regions_shaped): a mapped page that is not a start
 * continues the region of the page before it (same attributes, next
 * object page); attributes are MAPPED + prot (+ SHARED). */
static int check_regions(int p, int *starts)
{
    if (pages_clear(p))
        return 0;
    for (int i = 0; i < FK_MMAP_PAGES; i++) {
        int shared = (pg_attr[p][i] & FK_PG_SHARED) != 0;
        int prot = pg_attr[p][i] & FK_PG_PROT;
        if (!pg_attr[p][i]) {
            if (pg_start[p][i] || pg_frame[p][i] >= 0 || pg_obj[p][i] >= 0
                || pg_objpage[p][i] != -1)
                return fail("unmapped page holds something, page", i, p, 0);
            continue;
        }
        if (prot > FK_PROT_RW || pg_attr[p][i] != FK_PG_MAPPED + prot + (shared ? FK_PG_SHARED : 0))
            return fail("page attributes, page", i, p, pg_attr[p][i]);
        if (!shared && pg_objpage[p][i] != -1)
            return fail("private page with an object page, page", i, p, pg_objpage[p][i]);
        if (!pg_start[p][i] && (i == 0 || pg_attr[p][i - 1] != pg_attr[p][i]
                                || pg_obj[p][i - 1] != pg_obj[p][i]
                                || (shared && pg_objpage[p][i - 1] + 1 != pg_objpage[p][i])))
            return fail("region continues nothing, page", i, p, 0);
        if (shared && (pg_frame[p][i] >= 0 || pg_obj[p][i] < 0 || !obj_ref[pg_obj[p][i]]
                       || pg_objpage[p][i] >= obj_npages[pg_obj[p][i]]))
            return fail("shared page outside a live object, page", i, p, pg_obj[p][i]);
        if (!shared && pg_obj[p][i] >= 0)
            return fail("private page with an object, page", i, p, pg_obj[p][i]);
        if (shared && pg_start[p][i])
            starts[pg_obj[p][i]]++;
    }
    return 0;
}

static int check_memory(void)
{
    int frames[FK_NFRAME] = {0}, starts[FK_NOBJ] = {0};
    for (int p = 0; p < FK_NPROC; p++) {
        if (check_regions(p, starts))
            return -1;
        if (proc_state[p] == P_FREE && slot_clear(p))
            continue;
        for (int i = 0; i < FK_MMAP_PAGES; i++)
            if (pg_frame[p][i] >= 0)
                frames[pg_frame[p][i]]++;
        for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
            if (heap_frame[p][j] >= 0) {
                if (j >= heap_pages[p])
                    return fail("frame above the break, page", j, p, 0);
                frames[heap_frame[p][j]]++;
            }
    }
    for (int o = 0; o < FK_NOBJ; o++) {
        if (!starts[o] && object_clear(o))
            continue;
        if (obj_ref[o] != starts[o])
            return fail("object refcount", o, obj_ref[o], starts[o]);
        if (!obj_ref[o] && obj_npages[o])
            return fail("free object with pages, object", o, obj_npages[o], 0);
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            if (obj_frame[OBJ_SLOT(o, k)] >= 0) {
                if (!obj_ref[o] || k >= obj_npages[o])
                    return fail("frame in a free object slot, object", o, k, -1);
                frames[obj_frame[OBJ_SLOT(o, k)]]++;
            }
    }
    for (int f = 0; f < FK_NFRAME; f++)
        if (frame_ref[f] != frames[f])
            return fail("frame refcount", f, frame_ref[f], frames[f]);
    return 0;
}

int model_check(char *why, size_t cap)
{
    why_out = fk_out_make(why, cap);
    if (cap)
        why[0] = 0;
    if (check_procs() || check_files() || check_memory())
        return -1;
    return 0;
}

int model_run_checked(const struct fk_prog *p, char *why, size_t cap)
{
    model_reset();
    for (uint32_t i = 0; i < p->nsteps; i++) {
        model_step(p->step[i]);
        if (model_check(why, cap))
            return (int)i;
    }
    return -1;
}
