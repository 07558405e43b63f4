/* The structural observation diff (diff/obsdiff.h): processes matched by
 * pid (one missing on a side is a change of its line and its pages),
 * files, pipes and nodes by index or id, L2-only fields compared at L2
 * only, and nothing reported for equal observations. */
#include <string.h>
#include "diff/obsdiff.h"
#include "spec/test/check.h"

static struct fk_obs a, b;
static struct fk_obs_change c[32];

static void two_procs(struct fk_obs *o)
{
    fk_obs_clear(o);
    o->nproc = 2;
    for (int i = 0; i < 2; i++) {
        struct fk_obs_proc *p = &o->proc[i];
        p->pid = i;
        p->ppid = i - 1;
        p->state = FK_P_ALIVE;
        for (int f = 0; f < FK_NOFILE; f++)
            p->fd[f] = FK_NIL;
        for (int k = 0; k < FK_NPAGES; k++)
            p->frame[k] = p->obj[k] = p->objpage[k] = FK_NIL;
    }
    o->proc[0].fd[0] = 0;
    o->nfile = 1;
    o->file[0] = (struct fk_obs_file){ FK_F_FILE, FK_O_RDONLY, 0, 1, FK_NIL, 0, 1 };
    o->node[0].exists = o->node[1].exists = 1;
    o->node[1].refs = 1;
}

static int is(int k, int entity, int model, int other)
{
    return c[k].entity == entity && c[k].model == model && c[k].other == other;
}

int main(void)
{
    two_procs(&a);
    two_procs(&b);
    CHECK(fk_obs_diff(&a, &b, FK_L2, c, 32) == 0);

    b.file[0].offset = 4;                       /* L1 field of a file */
    b.proc[1].page[0] = FK_PG_MAPPED | FK_PROT_RW;   /* p1's pages only */
    b.proc[1].sum[0] = 7;
    CHECK(fk_obs_diff(&a, &b, FK_L1, c, 32) == 2);
    CHECK(is(0, FK_E_PAGES, 1, 1) && is(1, FK_E_FILE, 0, 0));

    two_procs(&b);
    b.node[1].refs = 2;                         /* L2 only */
    b.free_frames = 3;
    CHECK(fk_obs_diff(&a, &b, FK_L1, c, 32) == 0);
    CHECK(fk_obs_diff(&a, &b, FK_L2, c, 32) == 2);
    CHECK(is(0, FK_E_NODE, 1, 1) && is(1, FK_E_FREE, 0, 0));

    two_procs(&b);
    b.proc[1].pid = 2;                          /* p1 on one side, p2 on the other */
    b.nfile = 0;
    b.proc[0].fd[0] = FK_NIL;
    CHECK(fk_obs_diff(&a, &b, FK_L1, c, 32) == 6);
    CHECK(is(0, FK_E_PROC, 0, 0));              /* p0's fds */
    CHECK(is(1, FK_E_PROC, 1, -1) && is(2, FK_E_PAGES, 1, -1));
    CHECK(is(3, FK_E_PROC, -1, 1) && is(4, FK_E_PAGES, -1, 1));
    CHECK(is(5, FK_E_FILE, 0, -1));
    CHECK(fk_obs_diff(&a, &b, FK_L1, c, 2) == 6);  /* counted past cap */
    return CHECK_DONE();
}
