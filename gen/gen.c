/* The random program generator. */
#include "gen/gen.h"

uint64_t fk_rng_next(struct fk_rng *r)
{
    uint64_t x = r->s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->s = x;
    return x * 0x2545f4914f6cdd1dull;
}

uint32_t fk_rng_below(struct fk_rng *r, uint32_t n)
{
    return (uint32_t)(fk_rng_next(r) >> 32) % n;   /* 32-bit: no libgcc on i386 */
}

/* Operation weights: the mix of a realistic program. */
static const uint8_t weight[FK_NOPS] = {
    [FK_OP_FORK] = 8, [FK_OP_EXIT] = 3, [FK_OP_WAIT] = 6, [FK_OP_GETPID] = 1,
    [FK_OP_GETPPID] = 1, [FK_OP_OPEN] = 10, [FK_OP_CLOSE] = 6, [FK_OP_DUP] = 4,
    [FK_OP_DUP2] = 4, [FK_OP_PIPE] = 5, [FK_OP_READ] = 8, [FK_OP_WRITE] = 8,
    [FK_OP_LSEEK] = 4, [FK_OP_CHDIR] = 2, [FK_OP_MMAP] = 7, [FK_OP_MUNMAP] = 2,
    [FK_OP_MPROTECT] = 3, [FK_OP_SBRK] = 3, [FK_OP_STORE] = 10, [FK_OP_LOAD] = 6,
};

static int pick_op(struct fk_rng *r)
{
    uint32_t total = 0, x;
    for (int op = 0; op < FK_NOPS; op++)
        total += weight[op];
    x = fk_rng_below(r, total);
    for (int op = 0; op < FK_NOPS; op++) {
        if (x < weight[op])
            return op;
        x -= weight[op];
    }
    return FK_OP_GETPID;
}

static int chance(struct fk_rng *r, uint32_t one_in)
{
    return fk_rng_below(r, one_in) == 0;
}

static int32_t gen_fd(struct fk_rng *r)
{
    if (chance(r, 20))
        return chance(r, 2) ? -1 : (int32_t)(16 + fk_rng_below(r, 100));
    return (int32_t)fk_rng_below(r, 6);
}

static int32_t gen_count(struct fk_rng *r)
{
    if (chance(r, 20))
        return chance(r, 2) ? (int32_t)(4090 + fk_rng_below(r, 10)) : -1;
    return (int32_t)fk_rng_below(r, 70);
}

static int32_t gen_path(struct fk_rng *r)
{
    static const uint8_t likely[] = { FK_NAME_F0, FK_NAME_F1, FK_NAME_D,
                                      FK_NAME_F2, FK_NAME_F3, FK_NAME_DOTDOT };
    int n = 1 + (int)fk_rng_below(r, 3);
    int32_t p = (int32_t)((chance(r, 3) ? 0 : 0x8000) | (n << 12));
    for (int i = 0; i < n; i++) {
        int name = chance(r, 4) ? (int)fk_rng_below(r, FK_NNAMES) : likely[fk_rng_below(r, 6)];
        p |= name << (3 * i);
    }
    return p;
}

/* A word address: mostly in the first window pages, some heap, rare
 * misaligned or outside. p0 (safe) keeps to pages 0..7, which the prefix
 * maps rw and p0 itself never unmaps: a dead p0 would make the rest of the
 * program SKIP. */
static int32_t gen_addr(struct fk_rng *r, int word, int safe)
{
    uint32_t a;
    if (safe) {
        a = FK_MMAP_BASE + fk_rng_below(r, 8) * FK_PAGE_SIZE + 4 * fk_rng_below(r, 4);
        return (int32_t)a;
    }
    if (chance(r, 10))
        a = FK_HEAP_BASE + fk_rng_below(r, 2) * FK_PAGE_SIZE;
    else
        a = FK_MMAP_BASE + fk_rng_below(r, chance(r, 30) ? 16 : 8) * FK_PAGE_SIZE;
    if (word)
        a += 4 * fk_rng_below(r, 4);
    if (chance(r, 100))
        a = chance(r, 2) ? a + 2 : (uint32_t)fk_rng_next(r);
    return (int32_t)a;
}

/* Addresses recent stores and loads used. Bugs in shared memory and
 * copy-on-write show when another process touches the same word next
 * (a load before a store, a store then a load elsewhere): half the
 * stores and loads reuse one of these, whichever process runs them. */
struct recent {
    int32_t addr[4];
    uint32_t n;
};

static int32_t gen_word(struct fk_rng *r, struct recent *rc, int safe)
{
    if (rc->n && chance(r, 2)) {
        int32_t a = rc->addr[fk_rng_below(r, rc->n < 4 ? rc->n : 4)];
        uint32_t page = ((uint32_t)a - FK_MMAP_BASE) / FK_PAGE_SIZE;
        if (!safe || ((uint32_t)a >= FK_MMAP_BASE && page < 8 && (a & 3) == 0))
            return a;
    }
    int32_t a = gen_addr(r, 1, safe);
    rc->addr[rc->n++ % 4] = a;
    return a;
}

static void gen_args(struct fk_rng *r, struct fk_step *s, uint32_t nforks, struct recent *rc)
{
    int32_t *a = s->arg;
    int p0 = s->proc == 0;
    switch (s->op) {
    case FK_OP_EXIT: a[0] = (int32_t)fk_rng_below(r, 4); break;
    case FK_OP_WAIT:
        a[0] = chance(r, 2) ? -1 : (int32_t)fk_rng_below(r, nforks + 2);
        break;
    case FK_OP_OPEN:
        a[0] = gen_path(r);
        a[1] = (int32_t)(fk_rng_below(r, 3) | (fk_rng_below(r, 8) << 2));
        break;
    case FK_OP_CLOSE:
    case FK_OP_DUP: a[0] = gen_fd(r); break;
    case FK_OP_DUP2: a[0] = gen_fd(r); a[1] = gen_fd(r); break;
    case FK_OP_READ: a[0] = gen_fd(r); a[1] = gen_count(r); break;
    case FK_OP_WRITE:
        a[0] = gen_fd(r);
        a[1] = gen_count(r);
        a[2] = (int32_t)fk_rng_below(r, 256);
        break;
    case FK_OP_LSEEK:
        a[0] = gen_fd(r);
        a[1] = chance(r, 10) ? (int32_t)fk_rng_next(r) : (int32_t)fk_rng_below(r, 80) - 10;
        a[2] = (int32_t)fk_rng_below(r, 3);
        break;
    case FK_OP_CHDIR: a[0] = gen_path(r); break;
    case FK_OP_MMAP:
    case FK_OP_MUNMAP:
    case FK_OP_MPROTECT:
        a[0] = !p0 && chance(r, 8) ? gen_addr(r, 0, 0)
               : (int32_t)(FK_MMAP_BASE + (p0 ? 8 + fk_rng_below(r, 8)
                                              : fk_rng_below(r, 16)) * FK_PAGE_SIZE);
        a[1] = chance(r, 20) ? (int32_t)fk_rng_below(r, 70) - 2 : 1 + (int32_t)fk_rng_below(r, 4);
        a[2] = s->op == FK_OP_MUNMAP ? 0 : chance(r, 2) ? FK_PROT_RW
               : (int32_t)fk_rng_below(r, 2);
        a[3] = s->op == FK_OP_MMAP ? (int32_t)fk_rng_below(r, 2) : 0;
        break;
    case FK_OP_SBRK: a[0] = (int32_t)fk_rng_below(r, 6) - 2; break;
    case FK_OP_STORE: a[0] = gen_word(r, rc, p0); a[1] = (int32_t)fk_rng_next(r); break;
    case FK_OP_LOAD: a[0] = gen_word(r, rc, p0); break;
    default: break;
    }
}

/* Processes the generator believes alive: forks add, exits remove (kills
 * it cannot foresee, so some SKIPs remain, as they should). */
struct procs {
    uint16_t pid[FK_NPROC];
    int n;
    uint32_t nforks;
};

static uint16_t pick_proc(struct fk_rng *r, const struct procs *ps)
{
    if (ps->n == 0 || chance(r, 12))
        return (uint16_t)fk_rng_below(r, ps->nforks + 1);
    return ps->pid[fk_rng_below(r, (uint32_t)ps->n)];
}

static void track(struct procs *ps, const struct fk_step *s)
{
    int i;
    for (i = 0; i < ps->n && ps->pid[i] != s->proc; i++)
        ;
    if (s->op == FK_OP_FORK && i < ps->n && ps->nforks < FK_MAX_PID) {
        ps->nforks++;
        if (ps->n < FK_NPROC)
            ps->pid[ps->n++] = (uint16_t)ps->nforks;
    } else if (s->op == FK_OP_FORK && ps->nforks < FK_MAX_PID) {
        ps->nforks++;   /* from a process that may not exist: maybe no pid */
    } else if (s->op == FK_OP_EXIT && i < ps->n && s->proc != 0) {
        ps->pid[i] = ps->pid[--ps->n];
    }
}

/* What most real programs start with: memory to touch, files to use. */
static uint32_t gen_prefix(struct fk_rng *r, struct fk_prog *p, uint32_t max)
{
    uint32_t n = 0;
    struct fk_step *s;
    if (max > 0) {
        s = &p->step[n++];
        *s = (struct fk_step){ 0, FK_OP_MMAP, { (int32_t)FK_MMAP_BASE, 8,
                               FK_PROT_RW, (int32_t)fk_rng_below(r, 2) } };
    }
    if (n < max && !chance(r, 4)) {
        s = &p->step[n++];
        *s = (struct fk_step){ 0, FK_OP_OPEN, { 0x8000 | (1 << 12) | FK_NAME_F0,
                               FK_O_RDWR, 0, 0 } };
    }
    if (n < max && chance(r, 2)) {
        s = &p->step[n++];
        *s = (struct fk_step){ 0, FK_OP_PIPE, { 0, 0, 0, 0 } };
    }
    if (n < max && chance(r, 2)) {
        s = &p->step[n++];
        *s = (struct fk_step){ 0, FK_OP_SBRK, { 2, 0, 0, 0 } };
    }
    return n;
}

void fk_gen_program(struct fk_rng *r, uint32_t nsteps, struct fk_prog *p)
{
    struct procs ps = { { 0 }, 1, 0 };
    struct recent rc = { { 0 }, 0 };
    uint32_t i;
    if (nsteps > FK_MAX_STEPS)
        nsteps = FK_MAX_STEPS;
    p->nsteps = nsteps;
    for (i = gen_prefix(r, p, nsteps); i < nsteps; i++) {
        struct fk_step *s = &p->step[i];
        s->op = (uint8_t)pick_op(r);
        s->proc = pick_proc(r, &ps);
        s->arg[0] = s->arg[1] = s->arg[2] = s->arg[3] = 0;
        gen_args(r, s, ps.nforks, &rc);
        track(&ps, s);
    }
}
