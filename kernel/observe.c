#include "kernel/observe.h"
#include "kernel/file.h"
#include "kernel/fs.h"
#include "kernel/proc.h"
#include "spec/namespace.h"

static void observe_proc(const struct proc *q, struct fk_obs_proc *o)
{
    o->pid = q->pid;
    o->ppid = q->parent < 0 ? -1 : procs[q->parent].pid;
    o->state = (uint8_t)q->state;
    o->status = q->state == P_ZOMBIE ? q->status : 0;
    o->cwd = q->state == P_ALIVE ? (uint8_t)q->cwd : 0;
    o->heap_pages = q->mem.heap_pages;
    for (int i = 0; i < FK_NOFILE; i++)
        o->fd[i] = q->fd[i] < 0 ? FK_NIL : q->fd[i];
    for (int k = 0; k < FK_NPAGES; k++) {
        int obj, objpage, priv, f = mm_page_frame(&q->mem, k, &obj, &objpage, &priv);
        o->page[k] = mm_page_attr(&q->mem, k);
        o->sum[k] = o->page[k] && f >= 0 ? fk_sum_words(frame_words(f), FK_PAGE_WORDS) : 0;
        o->frame[k] = (int16_t)(o->page[k] ? priv : FK_NIL);
        o->obj[k] = (int16_t)(o->page[k] ? obj : FK_NIL);
        o->objpage[k] = (int16_t)(o->page[k] ? objpage : FK_NIL);
    }
}

void kernel_observe(struct fk_obs *raw)
{
    fk_obs_clear(raw);
    for (int p = 0; p < FK_NPROC; p++)
        if (procs[p].state != P_FREE)
            observe_proc(&procs[p], &raw->proc[raw->nproc++]);
    raw->nfile = FK_NFILE;
    for (int f = 0; f < FK_NFILE; f++) {
        const struct file *x = &files[f];
        raw->file[f] = (struct fk_obs_file){ x->kind, x->mode, x->append,
                                             (uint8_t)(x->node < 0 ? 0 : x->node),
                                             (int16_t)(x->pipe < 0 ? FK_NIL : x->pipe),
                                             x->pipe < 0 ? x->off : 0, x->refs };
    }
    raw->npipe = FK_NPIPE;
    for (int i = 0; i < FK_NPIPE; i++)
        raw->pipe[i] = (struct fk_obs_pipe){ pipes[i].fill, pipes[i].readers, pipes[i].writers };
    for (int n = 0; n < FK_NNODE; n++) {
        raw->node[n].exists = nodes[n].exists;
        raw->node[n].size = nodes[n].size;
        raw->node[n].sum = fk_node_is_dir(n) ? 0 : fk_sum_bytes(nodes[n].data, nodes[n].size);
        raw->node[n].refs = nodes[n].refs;
    }
    raw->nframe = FK_NFRAME;
    for (int f = 0; f < FK_NFRAME; f++)
        raw->frame_refs[f] = frame_refs[f];
    raw->nobj = FK_NOBJ;
    for (int b = 0; b < FK_NOBJ; b++) {
        raw->obj[b].refs = objects[b].refs;
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            raw->obj[b].frame[k] = objects[b].refs && k < objects[b].npages
                                   ? objects[b].frame[k] : FK_NIL;
    }
    raw->free_frames = (uint16_t)mm_free_frames();
    raw->free_procs = (uint16_t)proc_free_slots();
    raw->free_files = (uint16_t)file_free_count();
    raw->free_objs = (uint16_t)mm_free_objects();
    raw->free_pipes = (uint16_t)pipe_free_count();
}
