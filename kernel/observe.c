#include "kernel/observe.h"
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
        o->fd[i] = FK_NIL;
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
    for (int n = 0; n < FK_NNODE; n++) {
        raw->node[n].exists = nodes[n].exists;
        raw->node[n].size = nodes[n].size;
        raw->node[n].sum = fk_node_is_dir(n) ? 0 : fk_sum_bytes(nodes[n].data, nodes[n].size);
        raw->node[n].refs = nodes[n].refs;
    }
    raw->free_frames = FK_NFRAME;
    raw->free_procs = (uint16_t)proc_free_slots();
    raw->free_files = FK_NFILE;
    raw->free_objs = FK_NOBJ;
}
