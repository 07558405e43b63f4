/* The model's state as an observation. */
#include "model/model.h"
#include "model/state.h"

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
        o->free_pipes += pipe_readers[i] == 0 && pipe_writers[i] == 0;
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
