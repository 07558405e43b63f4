/* Observations: canonical form independent of internal numbering,
 * deterministic serialization, exact round trip, sensitivity, robustness. */
#include <stdlib.h>
#include <string.h>
#include "spec/obs.h"
#include "spec/program.h"
#include "spec/test/check.h"

static struct fk_obs raw, perm, c1, c2, back;
static uint8_t s1[FK_OBS_MAX_BYTES], s2[FK_OBS_MAX_BYTES], scratch[FK_OBS_MAX_BYTES];

static int16_t ref_or_nil(unsigned n)
{
    return n && rnd(4) ? (int16_t)rnd(n) : FK_NIL;
}

static void random_proc(struct fk_obs *o, struct fk_obs_proc *p, int i)
{
    p->pid = i * 3 + (int)rnd(3);
    p->ppid = i ? (int32_t)rnd((unsigned)p->pid) : -1;
    p->state = rnd(5) ? FK_P_ALIVE : FK_P_ZOMBIE;
    p->status = p->state == FK_P_ZOMBIE ? fk_status_exited((int32_t)rnd(256)) : 0;
    p->cwd = (uint8_t)rnd(2);
    p->heap_pages = (uint8_t)rnd(FK_HEAP_MAX_PAGES + 1);
    for (int f = 0; f < FK_NOFILE; f++)
        p->fd[f] = ref_or_nil(o->nfile);
    for (int k = 0; k < FK_NPAGES; k++) {
        int shared = o->nobj && rnd(3) == 0;
        p->page[k] = rnd(3) ? 0 : (uint8_t)(FK_PG_MAPPED | rnd(3)
                                            | (shared ? FK_PG_SHARED : 0));
        p->sum[k] = p->page[k] ? (uint32_t)rnd64() : 0;
        p->frame[k] = p->obj[k] = p->objpage[k] = FK_NIL;
        if (!p->page[k])
            continue;
        if (shared) {
            p->obj[k] = (int16_t)rnd(o->nobj);
            p->objpage[k] = (int16_t)rnd(FK_MMAP_PAGES);
        } else {
            p->frame[k] = ref_or_nil(o->nframe);
        }
    }
}

static void random_obs(struct fk_obs *o)
{
    fk_obs_clear(o);
    o->nfile = (uint8_t)rnd(FK_NFILE + 1);
    o->npipe = (uint8_t)rnd(FK_NPIPE + 1);
    o->nframe = (uint8_t)rnd(FK_NFRAME + 1);
    o->nobj = (uint8_t)rnd(FK_NOBJ + 1);
    o->nproc = (uint8_t)(1 + rnd(FK_NPROC));
    for (int i = 0; i < o->nproc; i++)
        random_proc(o, &o->proc[i], i);
    for (int i = 0; i < o->nfile; i++) {
        struct fk_obs_file *f = &o->file[i];
        f->kind = (uint8_t)(1 + rnd(4));
        f->mode = (uint8_t)rnd(3);
        f->append = (uint8_t)rnd(2);
        f->pipe = f->kind >= FK_F_PIPE_R ? ref_or_nil(o->npipe) : FK_NIL;
        f->node = f->pipe == FK_NIL ? (uint8_t)rnd(FK_NNODE) : 0;
        f->offset = (int32_t)rnd(5000);
        f->refs = (uint16_t)rnd(40);
    }
    for (int i = 0; i < o->npipe; i++) {
        o->pipe[i].fill = (uint16_t)rnd(4097);
        o->pipe[i].readers = (uint16_t)rnd(5);
        o->pipe[i].writers = (uint16_t)rnd(5);
    }
    for (int i = 0; i < FK_NNODE; i++) {
        o->node[i].exists = (uint8_t)rnd(2);
        o->node[i].size = (uint16_t)rnd(4097);
        o->node[i].sum = (uint32_t)rnd64();
        o->node[i].refs = (uint16_t)rnd(9);
    }
    for (int i = 0; i < o->nframe; i++)
        o->frame_refs[i] = (uint16_t)(1 + rnd(9));
    for (int i = 0; i < o->nobj; i++) {
        o->obj[i].refs = (uint16_t)(1 + rnd(9));
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            o->obj[i].frame[k] = ref_or_nil(o->nframe);
    }
    o->free_frames = (uint16_t)rnd(129);
    o->free_procs = (uint16_t)rnd(17);
    o->free_files = (uint16_t)rnd(65);
    o->free_objs = (uint16_t)rnd(33);
    o->free_pipes = (uint16_t)rnd(65);
}

static void shuffle(int *map, int n)
{
    for (int i = 0; i < n; i++)
        map[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rnd((unsigned)i + 1), t = map[i];
        map[i] = map[j];
        map[j] = t;
    }
}

static int16_t moved(const int *map, int16_t ref)
{
    return ref < 0 ? ref : (int16_t)map[ref];
}

/* The same state as another backend might number it: every internal index
 * permuted, processes listed in another order. */
static void renumber(const struct fk_obs *o, struct fk_obs *p)
{
    int pf[FK_NFILE], pp[FK_NPIPE], pr[FK_NFRAME], pb[FK_NOBJ], pc[FK_NPROC];
    shuffle(pf, o->nfile);
    shuffle(pp, o->npipe);
    shuffle(pr, o->nframe);
    shuffle(pb, o->nobj);
    shuffle(pc, o->nproc);
    *p = *o;
    for (int i = 0; i < o->nproc; i++) {
        struct fk_obs_proc *q = &p->proc[pc[i]];
        *q = o->proc[i];
        for (int f = 0; f < FK_NOFILE; f++)
            q->fd[f] = moved(pf, q->fd[f]);
        for (int k = 0; k < FK_NPAGES; k++) {
            q->frame[k] = moved(pr, q->frame[k]);
            q->obj[k] = moved(pb, q->obj[k]);
        }
    }
    for (int i = 0; i < o->nfile; i++) {
        p->file[pf[i]] = o->file[i];
        p->file[pf[i]].pipe = moved(pp, o->file[i].pipe);
    }
    for (int i = 0; i < o->npipe; i++)
        p->pipe[pp[i]] = o->pipe[i];
    for (int i = 0; i < o->nframe; i++)
        p->frame_refs[pr[i]] = o->frame_refs[i];
    for (int i = 0; i < o->nobj; i++) {
        p->obj[pb[i]] = o->obj[i];
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            p->obj[pb[i]].frame[k] = moved(pr, o->obj[i].frame[k]);
    }
}

static int same_level(const struct fk_obs *a, const struct fk_obs *b, int level)
{
    size_t n1 = fk_obs_serialize(a, level, s1, sizeof s1);
    size_t n2 = fk_obs_serialize(b, level, s2, sizeof s2);
    return n1 == n2 && n1 <= sizeof s1 && memcmp(s1, s2, n1) == 0;
}

static void test_numbering_independence(void)
{
    for (int n = 0; n < 500; n++) {
        random_obs(&raw);
        renumber(&raw, &perm);
        fk_obs_canon(&raw, &c1);
        fk_obs_canon(&perm, &c2);
        CHECK(same_level(&c1, &c2, FK_L1));
        CHECK(same_level(&c1, &c2, FK_L2));
        CHECK(fk_obs_hash(&c1, FK_L1, scratch) == fk_obs_hash(&c2, FK_L1, scratch));
        CHECK(fk_obs_hash(&c1, FK_L2, scratch) == fk_obs_hash(&c2, FK_L2, scratch));
        /* canonical form is a fixed point */
        fk_obs_canon(&c1, &c2);
        CHECK(same_level(&c1, &c2, FK_L1) && same_level(&c1, &c2, FK_L2));
    }
}

static void test_canonical_order(void)
{
    random_obs(&raw);
    fk_obs_canon(&raw, &c1);
    for (int i = 1; i < c1.nproc; i++)
        CHECK(c1.proc[i - 1].pid < c1.proc[i].pid);
    /* files appear in order of first reference */
    int next = 0;
    for (int i = 0; i < c1.nproc; i++)
        for (int f = 0; f < FK_NOFILE; f++) {
            int r = c1.proc[i].fd[f];
            CHECK(r < next + 1);
            if (r == next)
                next++;
        }
    CHECK(next == c1.nfile);
}

static void test_unreached_dropped(void)
{
    fk_obs_clear(&raw);
    raw.nproc = 1;
    raw.nfile = 3;
    for (int f = 0; f < FK_NOFILE; f++)
        raw.proc[0].fd[f] = FK_NIL;
    raw.proc[0].fd[4] = 2;          /* file 1 and 0 are not reachable */
    raw.proc[0].fd[5] = 7;          /* out of range */
    raw.file[2].offset = 99;
    fk_obs_canon(&raw, &c1);
    CHECK(c1.nfile == 1 && c1.file[0].offset == 99);
    CHECK(c1.proc[0].fd[4] == 0 && c1.proc[0].fd[5] == FK_BAD);
}

static void test_round_trip(void)
{
    for (int n = 0; n < 300; n++) {
        size_t n1, n2;
        static uint8_t l1[FK_OBS_MAX_BYTES], l2[FK_OBS_MAX_BYTES];
        random_obs(&raw);
        fk_obs_canon(&raw, &c1);
        n1 = fk_obs_serialize(&c1, FK_L1, l1, sizeof l1);
        n2 = fk_obs_serialize(&c1, FK_L2, l2, sizeof l2);
        CHECK(n1 <= FK_OBS_MAX_BYTES && n2 <= FK_OBS_MAX_BYTES);
        CHECK(fk_obs_deserialize(l1, n1, l2, n2, &back) == 0);
        CHECK(same_level(&c1, &back, FK_L1) && same_level(&c1, &back, FK_L2));
        /* L1 alone is enough for L1 */
        CHECK(fk_obs_deserialize(l1, n1, 0, 0, &back) == 0);
        CHECK(same_level(&c1, &back, FK_L1));
        /* every truncation is refused */
        CHECK(fk_obs_deserialize(l1, n1 - 1 - rnd((unsigned)n1), l2, n2, &back) == -1);
        CHECK(fk_obs_deserialize(l1, n1, l2, n2 - 1 - rnd((unsigned)n2), &back) == -1);
    }
}

static void test_worst_case_size(void)
{
    fk_obs_clear(&c1);
    c1.nproc = FK_NPROC;
    c1.nfile = FK_NFILE;
    c1.npipe = FK_NPIPE;
    c1.nframe = FK_NFRAME;
    c1.nobj = FK_NOBJ;
    for (int i = 0; i < FK_NPROC; i++)
        memset(c1.proc[i].page, FK_PG_MAPPED, FK_NPAGES);
    CHECK(fk_obs_serialize(&c1, FK_L1, 0, 0) <= FK_OBS_MAX_BYTES);
    CHECK(fk_obs_serialize(&c1, FK_L2, 0, 0) <= FK_OBS_MAX_BYTES);
}

static void test_sensitivity(void)
{
    for (int n = 0; n < 200; n++) {
        uint64_t h1, h2;
        random_obs(&raw);
        fk_obs_canon(&raw, &c1);
        if (c1.nfile == 0)
            continue;
        h1 = fk_obs_hash(&c1, FK_L1, scratch);
        h2 = fk_obs_hash(&c1, FK_L2, scratch);
        c2 = c1;
        c2.file[rnd(c2.nfile)].offset += 1;         /* an L1 field */
        CHECK(fk_obs_hash(&c2, FK_L1, scratch) != h1);
        CHECK(fk_obs_hash(&c2, FK_L2, scratch) == h2);
        c2 = c1;
        c2.file[rnd(c2.nfile)].refs += 1;           /* an L2 field */
        CHECK(fk_obs_hash(&c2, FK_L1, scratch) == h1);
        CHECK(fk_obs_hash(&c2, FK_L2, scratch) != h2);
        c2 = c1;
        c2.free_frames ^= 1;
        CHECK(fk_obs_hash(&c2, FK_L2, scratch) != h2);
    }
}

static void test_garbage_deserialize(void)
{
    static uint8_t junk[4096];
    for (int n = 0; n < 2000; n++) {
        size_t a = rnd(sizeof junk), b = rnd((unsigned)(sizeof junk - a));
        for (size_t i = 0; i < a + b; i++)
            junk[i] = (uint8_t)(rnd(2) ? rnd(3) : rnd64());
        int r = fk_obs_deserialize(junk, a, junk + a, b, &back);
        CHECK(r == 0 || r == -1);
        CHECK(back.nproc <= FK_NPROC && back.nfile <= FK_NFILE
              && back.npipe <= FK_NPIPE && back.nframe <= FK_NFRAME
              && back.nobj <= FK_NOBJ);
    }
}

static void test_checksums_and_hash(void)
{
    static uint32_t page[FK_PAGE_WORDS];
    uint32_t sum;
    CHECK(fk_hash64("", 0) == 0xcbf29ce484222325ull);
    CHECK(fk_hash64("a", 1) == 0xaf63dc4c8601ec8cull);
    memset(page, 0, sizeof page);
    CHECK(fk_sum_words(page, FK_PAGE_WORDS) == 0);
    sum = 0;
    for (int n = 0; n < 1000; n++) {
        uint32_t i = rnd(FK_PAGE_WORDS), v = rnd(4) ? (uint32_t)rnd64() : 0;
        sum += fk_sum_term(i, v) - fk_sum_term(i, page[i]);    /* O(1) store */
        page[i] = v;
    }
    CHECK(sum == fk_sum_words(page, FK_PAGE_WORDS));
    /* a word moved to another place changes the sum */
    memset(page, 0, sizeof page);
    page[3] = 7;
    sum = fk_sum_words(page, FK_PAGE_WORDS);
    page[3] = 0;
    page[4] = 7;
    CHECK(fk_sum_words(page, FK_PAGE_WORDS) != sum);
    CHECK(fk_sum_bytes((const uint8_t *)"\0\0\0", 3) == 0);
}

static void test_result_codec(void)
{
    uint8_t b[FK_RESULT_BYTES];
    struct fk_result r = { FK_R_OK, -5, fk_status_signaled(11) }, s;
    fk_result_put(&r, b);
    fk_result_get(b, &s);
    CHECK(s.kind == r.kind && s.val == r.val && s.aux == r.aux);
    CHECK(fk_status_exited(257) == 0x100 && fk_status_signaled(9) == 9);
}

/* The statuses are written with % for the provers; they must equal
 * Linux's bit encoding for every code, negative ones included. */
static void test_status_encoding(void)
{
    static const int32_t edge[] = { 0, 1, 127, 128, 255, 256, -1, -128, -255,
                                    -256, -257, INT32_MAX, INT32_MIN };
    int bad = 0;
    for (int i = 0; i < 10000; i++) {
        int32_t v = i < 13 ? edge[i] : (int32_t)rnd64();
        bad += fk_status_exited(v) != (int32_t)(((uint32_t)v & 0xffu) << 8);
        bad += fk_status_signaled(v) != (int32_t)((uint32_t)v & 0x7fu);
    }
    CHECK(bad == 0);
}

int main(void)
{
    test_numbering_independence();
    test_canonical_order();
    test_unreached_dropped();
    test_round_trip();
    test_worst_case_size();
    test_sensitivity();
    test_garbage_deserialize();
    test_checksums_and_hash();
    test_result_codec();
    test_status_encoding();
    return CHECK_DONE();
}
