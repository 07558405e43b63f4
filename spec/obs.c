/* Observation canonicalizer, serializer, hash (spec/observation.md). */
#include "spec/obs.h"
#include "spec/bytes.h"

static void zero(void *p, size_t n)
{
    __builtin_memset(p, 0, n);  /* the kernel's is fast; a byte loop here was not */
}

void fk_obs_clear(struct fk_obs *o)
{
    zero(o, sizeof *o);
}

/* ---- canonical numbering ---- */

struct renum {
    int16_t map[FK_NFRAME];     /* internal index -> canonical, -1 unseen */
    int limit;                  /* internal indices are 0 .. limit-1 */
    int next;
    int16_t back[FK_NFRAME];    /* canonical -> internal */
};

static void renum_init(struct renum *r, int limit, int cap)
{
    r->limit = limit > cap ? cap : limit;
    r->next = 0;
    for (int i = 0; i < FK_NFRAME; i++)
        r->map[i] = -1;
}

static int16_t see(struct renum *r, int ref)
{
    if (ref == FK_NIL)
        return FK_NIL;
    if (ref < 0 || ref >= r->limit)
        return FK_BAD;
    if (r->map[ref] < 0) {
        r->back[r->next] = (int16_t)ref;
        r->map[ref] = (int16_t)r->next++;
    }
    return r->map[ref];
}

static void sort_procs(const struct fk_obs *raw, int *order, int n)
{
    for (int i = 0; i < n; i++) {
        int j = i;
        for (; j > 0 && raw->proc[order[j - 1]].pid > raw->proc[i].pid; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}

/* The frame behind page k of a raw process: its own, or its object's. */
static int raw_page_frame(const struct fk_obs *raw, const struct fk_obs_proc *p,
                          int k)
{
    int o = p->obj[k], op = p->objpage[k];
    if (!(p->page[k] & FK_PG_SHARED) || o == FK_NIL)
        return p->frame[k];
    if (o < 0 || o >= raw->nobj || op < 0 || op >= FK_MMAP_PAGES)
        return FK_NIL;
    return raw->obj[o].frame[op];
}

static void canon_procs(const struct fk_obs *raw, struct fk_obs *out,
                        struct renum *files, struct renum *objs,
                        struct renum *frames)
{
    int order[FK_NPROC];
    sort_procs(raw, order, out->nproc);
    for (int i = 0; i < out->nproc; i++) {
        const struct fk_obs_proc *rp = &raw->proc[order[i]];
        struct fk_obs_proc *p = &out->proc[i];
        *p = *rp;
        for (int f = 0; f < FK_NOFILE; f++)
            p->fd[f] = see(files, rp->fd[f]);
        for (int k = 0; k < FK_NPAGES; k++) {
            if (!rp->page[k]) {     /* unmapped: nothing else counts */
                p->sum[k] = 0;
                p->frame[k] = p->obj[k] = p->objpage[k] = FK_NIL;
                continue;
            }
            p->obj[k] = see(objs, rp->obj[k]);
            p->frame[k] = see(frames, rp->frame[k]);
            if (rp->objpage[k] < FK_NIL || rp->objpage[k] >= FK_MMAP_PAGES)
                p->objpage[k] = FK_BAD;
            if (rp->page[k] & FK_PG_SHARED)
                see(frames, raw_page_frame(raw, rp, k));
        }
    }
}

void fk_obs_canon(const struct fk_obs *raw, struct fk_obs *out)
{
    struct renum files, pipes, objs, frames;
    fk_obs_clear(out);
    out->nproc = raw->nproc > FK_NPROC ? FK_NPROC : raw->nproc;
    renum_init(&files, raw->nfile, FK_NFILE);
    renum_init(&pipes, raw->npipe, FK_NPIPE);
    renum_init(&objs, raw->nobj, FK_NOBJ);
    renum_init(&frames, raw->nframe, FK_NFRAME);
    canon_procs(raw, out, &files, &objs, &frames);
    for (int c = 0; c < files.next; c++) {
        out->file[c] = raw->file[files.back[c]];
        out->file[c].pipe = see(&pipes, out->file[c].pipe);
    }
    for (int c = 0; c < pipes.next; c++)
        out->pipe[c] = raw->pipe[pipes.back[c]];
    for (int c = 0; c < objs.next; c++) {
        const struct fk_obs_object *ro = &raw->obj[objs.back[c]];
        out->obj[c].refs = ro->refs;
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            out->obj[c].frame[k] = see(&frames, ro->frame[k]);
    }
    for (int c = 0; c < frames.next; c++)
        out->frame_refs[c] = raw->frame_refs[frames.back[c]];
    for (int n = 0; n < FK_NNODE; n++)
        out->node[n] = raw->node[n];
    out->nfile = (uint8_t)files.next;
    out->npipe = (uint8_t)pipes.next;
    out->nobj = (uint8_t)objs.next;
    out->nframe = (uint8_t)frames.next;
    out->free_frames = raw->free_frames;
    out->free_procs = raw->free_procs;
    out->free_files = raw->free_files;
    out->free_objs = raw->free_objs;
    out->free_pipes = raw->free_pipes;
}

/* ---- serialization ---- */

static void put_l1(const struct fk_obs *o, struct fk_wbuf *w)
{
    fk_w8(w, o->nproc);
    for (int i = 0; i < o->nproc; i++) {
        const struct fk_obs_proc *p = &o->proc[i];
        fk_w16(w, (uint32_t)p->pid);
        fk_w16(w, (uint32_t)p->ppid);
        fk_w8(w, p->state);
        fk_w32(w, (uint32_t)p->status);
        fk_w8(w, p->cwd);
        fk_w8(w, p->heap_pages);
        for (int f = 0; f < FK_NOFILE; f++)
            fk_w8(w, (uint32_t)p->fd[f]);
        for (int k = 0; k < FK_NPAGES; k++)
            fk_w8(w, p->page[k]);
        for (int k = 0; k < FK_NPAGES; k++)
            if (p->page[k])
                fk_w32(w, p->sum[k]);
    }
    fk_w8(w, o->nfile);
    for (int i = 0; i < o->nfile; i++) {
        const struct fk_obs_file *f = &o->file[i];
        fk_w8(w, f->kind);
        fk_w8(w, f->mode);
        fk_w8(w, f->append);
        fk_w8(w, f->node);
        fk_w8(w, (uint32_t)f->pipe);
        fk_w32(w, (uint32_t)f->offset);
    }
    fk_w8(w, o->npipe);
    for (int i = 0; i < o->npipe; i++)
        fk_w16(w, o->pipe[i].fill);
    for (int i = 0; i < FK_NNODE; i++) {
        fk_w8(w, o->node[i].exists);
        fk_w16(w, o->node[i].size);
        fk_w32(w, o->node[i].sum);
    }
}

static void put_l2(const struct fk_obs *o, struct fk_wbuf *w)
{
    for (int i = 0; i < o->nproc; i++)
        for (int k = 0; k < FK_NPAGES; k++)
            if (o->proc[i].page[k]) {
                fk_w8(w, (uint32_t)o->proc[i].frame[k]);
                fk_w8(w, (uint32_t)o->proc[i].obj[k]);
                fk_w8(w, (uint32_t)o->proc[i].objpage[k]);
            }
    for (int i = 0; i < o->nfile; i++)
        fk_w16(w, o->file[i].refs);
    for (int i = 0; i < o->npipe; i++) {
        fk_w8(w, o->pipe[i].readers);
        fk_w8(w, o->pipe[i].writers);
    }
    for (int i = 0; i < FK_NNODE; i++)
        fk_w16(w, o->node[i].refs);
    fk_w8(w, o->nframe);
    for (int i = 0; i < o->nframe; i++)
        fk_w16(w, o->frame_refs[i]);
    fk_w8(w, o->nobj);
    for (int i = 0; i < o->nobj; i++) {
        fk_w16(w, o->obj[i].refs);
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            fk_w8(w, (uint32_t)o->obj[i].frame[k]);
    }
    fk_w16(w, o->free_frames);
    fk_w16(w, o->free_procs);
    fk_w16(w, o->free_files);
    fk_w16(w, o->free_objs);
    fk_w16(w, o->free_pipes);
}

size_t fk_obs_serialize(const struct fk_obs *o, int level, uint8_t *buf,
                        size_t cap)
{
    struct fk_wbuf w = { buf, cap, 0 };
    if (level == FK_L1)
        put_l1(o, &w);
    else
        put_l2(o, &w);
    return w.n;
}

/* ---- deserialization ---- */

static int16_t rs8(struct fk_rbuf *r) { return (int8_t)fk_r8(r); }
static int32_t rs16(struct fk_rbuf *r) { return (int16_t)fk_r16(r); }

/* A count byte that must not exceed max. */
static uint8_t rcount(struct fk_rbuf *r, int max)
{
    uint32_t n = fk_r8(r);
    if ((int)n > max)
        r->bad = 1;
    return (uint8_t)(r->bad ? 0 : n);
}

static void get_l1(struct fk_rbuf *r, struct fk_obs *o)
{
    o->nproc = rcount(r, FK_NPROC);
    for (int i = 0; i < o->nproc; i++) {
        struct fk_obs_proc *p = &o->proc[i];
        p->pid = rs16(r);
        p->ppid = rs16(r);
        p->state = (uint8_t)fk_r8(r);
        p->status = (int32_t)fk_r32(r);
        p->cwd = (uint8_t)fk_r8(r);
        p->heap_pages = (uint8_t)fk_r8(r);
        for (int f = 0; f < FK_NOFILE; f++)
            p->fd[f] = rs8(r);
        for (int k = 0; k < FK_NPAGES; k++)
            p->page[k] = (uint8_t)fk_r8(r);
        for (int k = 0; k < FK_NPAGES; k++)
            p->sum[k] = p->page[k] ? fk_r32(r) : 0;
    }
    o->nfile = rcount(r, FK_NFILE);
    for (int i = 0; i < o->nfile; i++) {
        struct fk_obs_file *f = &o->file[i];
        f->kind = (uint8_t)fk_r8(r);
        f->mode = (uint8_t)fk_r8(r);
        f->append = (uint8_t)fk_r8(r);
        f->node = (uint8_t)fk_r8(r);
        f->pipe = rs8(r);
        f->offset = (int32_t)fk_r32(r);
    }
    o->npipe = rcount(r, FK_NPIPE);
    for (int i = 0; i < o->npipe; i++)
        o->pipe[i].fill = (uint16_t)fk_r16(r);
    for (int i = 0; i < FK_NNODE; i++) {
        o->node[i].exists = (uint8_t)fk_r8(r);
        o->node[i].size = (uint16_t)fk_r16(r);
        o->node[i].sum = fk_r32(r);
    }
}

static void get_l2(struct fk_rbuf *r, struct fk_obs *o)
{
    for (int i = 0; i < o->nproc; i++)
        for (int k = 0; k < FK_NPAGES; k++) {
            struct fk_obs_proc *p = &o->proc[i];
            if (!p->page[k])
                continue;
            p->frame[k] = rs8(r);
            p->obj[k] = rs8(r);
            p->objpage[k] = rs8(r);
        }
    for (int i = 0; i < o->nfile; i++)
        o->file[i].refs = (uint16_t)fk_r16(r);
    for (int i = 0; i < o->npipe; i++) {
        o->pipe[i].readers = (uint16_t)fk_r8(r);
        o->pipe[i].writers = (uint16_t)fk_r8(r);
    }
    for (int i = 0; i < FK_NNODE; i++)
        o->node[i].refs = (uint16_t)fk_r16(r);
    o->nframe = rcount(r, FK_NFRAME);
    for (int i = 0; i < o->nframe; i++)
        o->frame_refs[i] = (uint16_t)fk_r16(r);
    o->nobj = rcount(r, FK_NOBJ);
    for (int i = 0; i < o->nobj; i++) {
        o->obj[i].refs = (uint16_t)fk_r16(r);
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            o->obj[i].frame[k] = rs8(r);
    }
    o->free_frames = (uint16_t)fk_r16(r);
    o->free_procs = (uint16_t)fk_r16(r);
    o->free_files = (uint16_t)fk_r16(r);
    o->free_objs = (uint16_t)fk_r16(r);
    o->free_pipes = (uint16_t)fk_r16(r);
}

/* Fields L2 leaves at "no reference" when only L1 was given. */
static void clear_l2_refs(struct fk_obs *o)
{
    for (int i = 0; i < o->nproc; i++)
        for (int k = 0; k < FK_NPAGES; k++) {
            o->proc[i].frame[k] = FK_NIL;
            o->proc[i].obj[k] = FK_NIL;
            o->proc[i].objpage[k] = FK_NIL;
        }
}

int fk_obs_deserialize(const uint8_t *l1, size_t n1, const uint8_t *l2,
                       size_t n2, struct fk_obs *o)
{
    struct fk_rbuf r1 = { l1, n1, 0, 0 }, r2 = { l2, n2, 0, 0 };
    fk_obs_clear(o);
    get_l1(&r1, o);
    if (fk_rexact(&r1))
        return -1;
    clear_l2_refs(o);
    if (n2 == 0)
        return 0;
    get_l2(&r2, o);
    return fk_rexact(&r2);
}

/* ---- hashing and checksums ---- */

uint64_t fk_hash64(const void *data, size_t len)
{
    return fk_hash64_more(FK_HASH64_BASIS, data, len);
}

uint64_t fk_hash64_more(uint64_t h, const void *data, size_t len)
{
    const uint8_t *b = data;
    for (size_t i = 0; i < len; i++) {
        h ^= b[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t fk_obs_hash(const struct fk_obs *o, int level, uint8_t *scratch)
{
    size_t n = fk_obs_serialize(o, level, scratch, FK_OBS_MAX_BYTES);
    return fk_hash64(scratch, n < FK_OBS_MAX_BYTES ? n : FK_OBS_MAX_BYTES);
}

void fk_result_put(const struct fk_result *r, uint8_t out[FK_RESULT_BYTES])
{
    struct fk_wbuf w = { out, FK_RESULT_BYTES, 0 };
    fk_w8(&w, r->kind);
    fk_w32(&w, (uint32_t)r->val);
    fk_w32(&w, (uint32_t)r->aux);
}

void fk_result_get(const uint8_t in[FK_RESULT_BYTES], struct fk_result *r)
{
    struct fk_rbuf rd = { in, FK_RESULT_BYTES, 0, 0 };
    r->kind = (uint8_t)fk_r8(&rd);
    r->val = (int32_t)fk_r32(&rd);
    r->aux = (int32_t)fk_r32(&rd);
}
