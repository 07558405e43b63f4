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
    o->heap_pages = 0;
    for (int i = 0; i < FK_NOFILE; i++)
        o->fd[i] = q->fd[i] < 0 ? FK_NIL : q->fd[i];
    for (int k = 0; k < FK_NPAGES; k++) {
        o->page[k] = 0;
        o->sum[k] = 0;
        o->frame[k] = o->obj[k] = o->objpage[k] = FK_NIL;
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
    raw->free_frames = FK_NFRAME;
    raw->free_procs = (uint16_t)proc_free_slots();
    raw->free_files = (uint16_t)file_free_count();
    raw->free_objs = FK_NOBJ;
}
