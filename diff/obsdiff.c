#include "diff/obsdiff.h"
#include <string.h>

/* Only what the level's serialization holds: a round trip through it. */
static void normalize(const struct fk_obs *in, int level, struct fk_obs *out)
{
    static uint8_t l1[FK_OBS_MAX_BYTES], l2[FK_OBS_MAX_BYTES];
    size_t n1 = fk_obs_serialize(in, FK_L1, l1, sizeof l1);
    size_t n2 = level == FK_L2 ? fk_obs_serialize(in, FK_L2, l2, sizeof l2) : 0;
    if (n1 > sizeof l1 || n2 > sizeof l2 || fk_obs_deserialize(l1, n1, l2, n2, out))
        *out = *in;     /* cannot happen for a canonical observation */
}

#define SAME(f) (a->f == b->f)
#define SAME_ARRAY(f) (!memcmp(a->f, b->f, sizeof a->f))

static int same_proc(const struct fk_obs_proc *a, const struct fk_obs_proc *b)
{
    return SAME(ppid) && SAME(state) && SAME(status) && SAME(cwd) && SAME(heap_pages)
           && SAME_ARRAY(fd);
}

static int same_pages(const struct fk_obs_proc *a, const struct fk_obs_proc *b)
{
    return SAME_ARRAY(page) && SAME_ARRAY(sum) && SAME_ARRAY(frame) && SAME_ARRAY(obj)
           && SAME_ARRAY(objpage);
}

static int same_file(const struct fk_obs *o, const struct fk_obs *p, int i)
{
    const struct fk_obs_file *a = &o->file[i], *b = &p->file[i];
    return SAME(kind) && SAME(mode) && SAME(append) && SAME(node) && SAME(pipe)
           && SAME(offset) && SAME(refs);
}

static int same_pipe(const struct fk_obs *o, const struct fk_obs *p, int i)
{
    const struct fk_obs_pipe *a = &o->pipe[i], *b = &p->pipe[i];
    return SAME(fill) && SAME(readers) && SAME(writers);
}

static int same_node(const struct fk_obs *o, const struct fk_obs *p, int i)
{
    const struct fk_obs_node *a = &o->node[i], *b = &p->node[i];
    return SAME(exists) && SAME(size) && SAME(sum) && SAME(refs);
}

static int same_frame(const struct fk_obs *o, const struct fk_obs *p, int i)
{
    return o->frame_refs[i] == p->frame_refs[i];
}

static int same_object(const struct fk_obs *o, const struct fk_obs *p, int i)
{
    const struct fk_obs_object *a = &o->obj[i], *b = &p->obj[i];
    return SAME(refs) && SAME_ARRAY(frame);
}

static int same_free(const struct fk_obs *a, const struct fk_obs *b, int i)
{
    (void)i;
    return SAME(free_frames) && SAME(free_procs) && SAME(free_files) && SAME(free_objs)
           && SAME(free_pipes);
}

struct changes {
    struct fk_obs_change *out;
    int cap, n;
};

static void add(struct changes *c, int entity, int model, int other)
{
    if (c->n < c->cap)
        c->out[c->n] = (struct fk_obs_change){ entity, model, other };
    c->n++;
}

/* Processes matched by pid (both sides are sorted by it). */
static void diff_procs(const struct fk_obs *a, const struct fk_obs *b, struct changes *c)
{
    int i = 0, j = 0;
    while (i < a->nproc || j < b->nproc) {
        int32_t pa = i < a->nproc ? a->proc[i].pid : INT32_MAX;
        int32_t pb = j < b->nproc ? b->proc[j].pid : INT32_MAX;
        if (pa != pb) {
            int only_a = pa < pb;
            add(c, FK_E_PROC, only_a ? i : -1, only_a ? -1 : j);
            add(c, FK_E_PAGES, only_a ? i : -1, only_a ? -1 : j);
            only_a ? i++ : j++;
            continue;
        }
        if (!same_proc(&a->proc[i], &b->proc[j]))
            add(c, FK_E_PROC, i, j);
        if (!same_pages(&a->proc[i], &b->proc[j]))
            add(c, FK_E_PAGES, i, j);
        i++, j++;
    }
}

/* Entities matched by index, na on one side and nb on the other. */
static void diff_indexed(struct changes *c, int entity, const struct fk_obs *a, int na,
                         const struct fk_obs *b, int nb,
                         int (*same)(const struct fk_obs *, const struct fk_obs *, int))
{
    for (int i = 0; i < na || i < nb; i++)
        if (i >= na || i >= nb || !same(a, b, i))
            add(c, entity, i < na ? i : -1, i < nb ? i : -1);
}

int fk_obs_diff(const struct fk_obs *model, const struct fk_obs *other, int level,
                struct fk_obs_change *out, int cap)
{
    static struct fk_obs na, nb;
    const struct fk_obs *a = &na, *b = &nb;
    struct changes c = { out, cap, 0 };
    normalize(model, level, &na);
    normalize(other, level, &nb);
    diff_procs(a, b, &c);
    diff_indexed(&c, FK_E_FILE, a, a->nfile, b, b->nfile, same_file);
    diff_indexed(&c, FK_E_PIPE, a, a->npipe, b, b->npipe, same_pipe);
    diff_indexed(&c, FK_E_NODE, a, FK_NNODE, b, FK_NNODE, same_node);
    if (level == FK_L2) {
        diff_indexed(&c, FK_E_FRAME, a, a->nframe, b, b->nframe, same_frame);
        diff_indexed(&c, FK_E_OBJECT, a, a->nobj, b, b->nobj, same_object);
        diff_indexed(&c, FK_E_FREE, a, 1, b, 1, same_free);
    }
    return c.n;
}
