/* The step mutator: every output is a program within max_size whose steps
 * are the input's, rearranged, plus generated or spliced ones; each kind of
 * mutation shows up. */
#include <string.h>
#include "fuzz/mutator.h"
#include "model/model.h"
#include "spec/program.h"
#include "spec/test/check.h"

static struct fk_prog in, add, out;
static uint8_t in_bin[4096], add_bin[4096];
static size_t n_in, n_add;

static size_t encode_text(const char *text, struct fk_prog *p, uint8_t *bin)
{
    struct fk_parse_error e;
    CHECK(fk_prog_parse(text, strlen(text), p, &e) == 0);
    return fk_prog_encode(p, bin, 4096);
}

static int same_step(const struct fk_step *a, const struct fk_step *b)
{
    return a->op == b->op && a->proc == b->proc && !memcmp(a->arg, b->arg, sizeof a->arg);
}

static int has_step(const struct fk_prog *p, const struct fk_step *s)
{
    for (uint32_t i = 0; i < p->nsteps; i++)
        if (same_step(&p->step[i], s))
            return 1;
    return 0;
}

static int same_steps(const struct fk_prog *a, const struct fk_prog *b)
{
    for (uint32_t i = 0; i < a->nsteps; i++)
        if (!same_step(&a->step[i], &b->step[i]))
            return 0;
    return a->nsteps == b->nsteps;
}

/* A store to the input's word with a value the input never stores: the
 * input's load turned into a store (rarely, a generated step). */
static int stores_new_value(const struct fk_prog *p)
{
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const struct fk_step *s = &p->step[i];
        if (s->op == FK_OP_STORE && s->arg[0] == 0x40000000 && s->arg[1] != 1 && s->arg[1] != 2)
            return 1;
    }
    return 0;
}

/* A memory scene: a one-page rw mapping in pages 8..15 and, next, a fork
 * by the same process. */
static int has_scene(const struct fk_prog *p)
{
    for (uint32_t i = 0; i + 1 < p->nsteps; i++) {
        const struct fk_step *a = &p->step[i], *b = &p->step[i + 1];
        uint32_t page = ((uint32_t)a->arg[0] - 0x40000000u) / 4096;
        if (a->op == FK_OP_MMAP && page >= 8 && page < 16 && a->arg[1] == 1
            && a->arg[2] == FK_PROT_RW && b->op == FK_OP_FORK && b->proc == a->proc)
            return 1;
    }
    return 0;
}

/* Does the model, running p, reach a limit: a table full (fork EAGAIN,
 * EMFILE, ENFILE, mmap's ENOMEM), the file size limit (EFBIG) or the
 * heap's (sbrk's ENOMEM)? Random steps seldom do. */
static int reaches_limit(const struct fk_prog *p)
{
    model_reset();
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = model_step(p->step[i]);
        int op = p->step[i].op;
        if (r.kind == FK_R_ERR && (r.val == FK_EMFILE || r.val == FK_ENFILE || r.val == FK_EFBIG
                                   || (op == FK_OP_FORK && r.val == FK_EAGAIN)
                                   || ((op == FK_OP_MMAP || op == FK_OP_SBRK) && r.val == FK_ENOMEM)))
            return 1;
    }
    return 0;
}

int main(void)
{
    n_in = encode_text("p0 mmap 0x40000000 2 rw private\np0 store 0x40000000 1\np0 fork\n"
                              "p1 store 0x40000000 2\np0 load 0x40000000\n", &in, in_bin);
    n_add = encode_text("p0 pipe\np0 write 1 3 9\n", &add, add_bin);
    void *m = afl_custom_init(0, 42);
    long longer = 0, shorter = 0, spliced = 0, reordered = 0, other_proc = 0, bad = 0, mirrored = 0, scenes = 0;
    long limits = 0;
    CHECK(m != 0);
    for (int k = 0; k < 5000; k++) {
        uint8_t *o;
        size_t max = k % 10 ? 320 : 12, n = afl_custom_fuzz(m, in_bin, n_in, &o, add_bin, n_add, max);
        bad += n == 0 || n > max || fk_prog_decode(o, n, &out) != FK_PROG_VERSION
               || fk_prog_encode(&out, 0, 0) != n || !fk_prog_valid(&out);
        longer += out.nsteps > in.nsteps;
        shorter += out.nsteps < in.nsteps;
        spliced += has_step(&out, &add.step[1]);
        reordered += out.nsteps == in.nsteps && !same_steps(&out, &in);
        for (uint32_t i = 0; i < out.nsteps; i++)
            other_proc += out.step[i].proc > 1;
        mirrored += stores_new_value(&out);
        scenes += has_scene(&out);
        limits += reaches_limit(&out);
    }
    /* AFL++ may hand it anything: an empty entry, random bytes, no add_buf */
    uint8_t junk[300];
    for (int k = 0; k < 2000; k++) {
        uint8_t *o;
        size_t len = (size_t)(rnd64() % sizeof junk);
        for (size_t i = 0; i < len; i++)
            junk[i] = (uint8_t)rnd64();
        size_t n = afl_custom_fuzz(m, junk, k % 7 ? len : 0, &o, k % 3 ? junk : 0, k % 3 ? len : 0, 320);
        bad += n == 0 || n > 320 || fk_prog_decode(o, n, &out) != FK_PROG_VERSION
               || !fk_prog_valid(&out);
    }
    afl_custom_deinit(m);
    printf("5000 mutations (and 2000 of junk): %ld longer, %ld shorter, %ld spliced, %ld reordered, "
           "%ld with the word stored anew, %ld with a memory scene, %ld reaching a limit, "
           "%ld bad\n", longer, shorter, spliced, reordered, mirrored, scenes, limits, bad);
    CHECK(bad == 0);
    CHECK(longer > 500 && shorter > 500 && spliced > 200 && reordered > 200 && other_proc > 100);
    CHECK(mirrored > 80);       /* 177 with the mirroring mutation, 2 without it */
    CHECK(scenes > 400);        /* 966 with memory scenes, 1 without them */
    CHECK(limits > 100);        /* 230 with directed actions, 5 without them */
    return CHECK_DONE();
}
