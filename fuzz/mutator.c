/* An AFL++ custom mutator (AFL_CUSTOM_MUTATOR_LIBRARY) that works on whole
 * steps of the binary program form, so that the few related steps a bug
 * needs (map, store, fork, store in the child) come together: it inserts
 * generated steps, repeats a run of steps, deletes one, swaps two, moves a
 * step to another process, splices in steps of another queue entry, and
 * inserts a state-directed action (gen/directed.h: a table filled, a limit
 * hit exactly, a fork tree) computed from the state the model reaches at
 * the insertion point.
 * AFL++'s byte-level havoc still runs beside it. */
#include <stdlib.h>
#include <string.h>
#include "fuzz/mutator.h"
#include "gen/directed.h"
#include "gen/gen.h"

struct mutator {
    struct fk_rng rng;
    struct fk_prog prog, other, made;
    uint8_t out[FK_MAX_STEPS * 32];     /* a step encodes in at most 24 bytes */
};

void *afl_custom_init(void *afl, unsigned int seed)
{
    struct mutator *m = calloc(1, sizeof *m);
    (void)afl;
    if (m)
        m->rng = fk_rng_seed(seed);
    return m;
}

void afl_custom_deinit(void *data)
{
    free(data);
}

static uint32_t below(struct mutator *m, uint32_t n)
{
    return fk_rng_below(&m->rng, n);
}

static uint32_t min(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

enum { INSERT_MAX = 48 };    /* a directed action's steps */

/* Inserts n steps (a copy: s may point into p) before step at. */
static void insert_steps(struct fk_prog *p, uint32_t at, const struct fk_step *s, uint32_t n)
{
    struct fk_step copy[INSERT_MAX];
    n = min(min(n, INSERT_MAX), FK_MAX_STEPS - p->nsteps);
    memcpy(copy, s, n * sizeof copy[0]);
    memmove(&p->step[at + n], &p->step[at], (p->nsteps - at) * sizeof p->step[0]);
    memcpy(&p->step[at], copy, n * sizeof copy[0]);
    p->nsteps += n;
}

static void delete_steps(struct fk_prog *p, uint32_t at, uint32_t n)
{
    memmove(&p->step[at], &p->step[at + n], (p->nsteps - at - n) * sizeof p->step[0]);
    p->nsteps -= n;
}

/* The processes a program has created before step at: p0 and one per fork
 * (a failed fork is counted too; the guess is only a guess). */
static uint32_t procs_before(const struct fk_prog *p, uint32_t at)
{
    uint32_t n = 1;
    for (uint32_t i = 0; i < at; i++)
        n += p->step[i].op == FK_OP_FORK;
    return n;
}

/* Two processes and one word: a page mapped shared or private by a
 * process, a fork, then loads and stores of one word by the parent and the
 * child in random order. Shared pages and copy-on-write go wrong in such
 * scenes, which single generated steps rarely assemble. */
static uint32_t memory_scene(struct mutator *m, const struct fk_prog *p, uint32_t at,
                             struct fk_step *out)
{
    uint32_t parent = at ? p->step[below(m, at)].proc : 0, child = procs_before(p, at), n = 0;
    int32_t page = (int32_t)(FK_MMAP_BASE + (8 + below(m, 8)) * FK_PAGE_SIZE);
    int32_t word = page + 4 * (int32_t)below(m, 4);
    out[n++] = (struct fk_step){ (uint16_t)parent, FK_OP_MMAP,
                                 { page, 1, FK_PROT_RW, (int32_t)below(m, 2) } };
    out[n++] = (struct fk_step){ (uint16_t)parent, FK_OP_FORK, { 0 } };
    for (uint32_t k = 2 + below(m, 4); k > 0; k--) {
        int store = below(m, 2);
        out[n++] = (struct fk_step){ (uint16_t)(below(m, 2) ? parent : child),
                                     store ? FK_OP_STORE : FK_OP_LOAD,
                                     { word, store ? (int32_t)fk_rng_next(&m->rng) : 0 } };
    }
    return n;
}

static void mutate(struct mutator *m, const uint8_t *add, size_t add_len)
{
    struct fk_step scene[8];
    struct fk_prog *p = &m->prog;
    uint32_t n = p->nsteps, at = below(m, n + 1), len = 1 + below(m, 4), from = n ? below(m, n) : 0;
    struct fk_step t;
    switch (n ? below(m, 9) : 0) {
    case 0:     /* new steps, from the generator's realistic mix */
        fk_gen_program(&m->rng, len, &m->made);
        insert_steps(p, at, m->made.step, m->made.nsteps);
        break;
    case 1:     /* a run of steps again */
        insert_steps(p, at, &p->step[from], min(len, n - from));
        break;
    case 2:
        delete_steps(p, from, min(len, n - from));
        break;
    case 3:
        t = p->step[from];
        at = below(m, n);
        p->step[from] = p->step[at];
        p->step[at] = t;
        break;
    case 4:     /* to a process another step names, or the one after it */
        p->step[from].proc = (uint16_t)((p->step[below(m, n)].proc + below(m, 2)) % (FK_MAX_PID + 1));
        break;
    case 5:     /* the same word from a process another step names, later: a load
                 * after a store, a store after a load (shared pages, COW) */
        t = p->step[from];
        if (t.op != FK_OP_STORE && t.op != FK_OP_LOAD)
            break;
        t.arg[1] = t.op == FK_OP_LOAD ? (int32_t)fk_rng_next(&m->rng) : 0;
        t.op = t.op == FK_OP_STORE ? FK_OP_LOAD : FK_OP_STORE;
        t.proc = p->step[below(m, n)].proc;
        insert_steps(p, from + 1 + below(m, n - from), &t, 1);
        break;
    case 6:
        insert_steps(p, at, scene, memory_scene(m, p, at, scene));
        break;
    case 7:     /* from the state the model reaches at step at */
        insert_steps(p, at, m->made.step, fk_gen_action(&m->rng, p, at, &m->made, INSERT_MAX));
        break;
    default:    /* steps of another queue entry */
        if (add && add_len && fk_prog_decode(add, add_len, &m->other) >= 0 && m->other.nsteps) {
            from = below(m, m->other.nsteps);
            insert_steps(p, at, &m->other.step[from], min(len, m->other.nsteps - from));
        }
        break;
    }
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size)
{
    struct mutator *m = data;
    size_t n;
    fk_prog_decode(buf, buf_size, &m->prog);
    for (uint32_t k = 1 + below(m, 3); k > 0; k--)
        mutate(m, add_buf, add_buf_size);
    /* too long: the last steps go */
    while ((n = fk_prog_encode(&m->prog, m->out, sizeof m->out)) > max_size && m->prog.nsteps)
        m->prog.nsteps--;
    *out_buf = m->out;
    return n <= max_size ? n : 0;
}
