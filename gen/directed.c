/* State-directed programs (gen/directed.h): steps drawn while the model
 * runs them, so that arguments come from the state reached. */
#include "gen/directed.h"
#include "model/model.h"

struct dgen {
    struct fk_rng *r;
    struct fk_prog *p;
    uint32_t max;
    struct fk_result last;
};

/* Appends a step and runs it on the model; 0, or -1 when p is full. */
static int emit(struct dgen *g, int pid, uint8_t op, int32_t a0, int32_t a1, int32_t a2,
                int32_t a3)
{
    if (g->p->nsteps >= g->max)
        return -1;
    struct fk_step s = { (uint16_t)pid, op, { a0, a1, a2, a3 } };
    for (int a = fk_ops[op].nargs; a < FK_MAX_ARGS; a++)
        s.arg[a] = 0;       /* munmap or mprotect from one call: munmap has no prot */
    g->p->step[g->p->nsteps++] = s;
    g->last = model_step(s);
    return 0;
}

static int chance(struct dgen *g, uint32_t one_in)
{
    return fk_rng_below(g->r, one_in) == 0;
}

/* -1, 0 or +1: one below, at, or one above a limit. */
static int32_t near(struct dgen *g)
{
    return (int32_t)fk_rng_below(g->r, 3) - 1;
}

static int alive_slot(int pid)
{
    for (int i = 0; i < FK_NPROC; i++)
        if (proc_state[i] == P_ALIVE && proc_pid[i] == pid)
            return i;
    return -1;
}

/* A live process's pid: p0 half the time, it outlives the rest. */
static int pick_alive(struct dgen *g)
{
    int pids[FK_NPROC], n = 0;
    for (int i = 0; i < FK_NPROC; i++)
        if (proc_state[i] == P_ALIVE)
            pids[n++] = proc_pid[i];
    return n == 0 || chance(g, 2) ? 0 : pids[fk_rng_below(g->r, (uint32_t)n)];
}

/* pid's lowest fd open on a file of kind, or -1. */
static int fd_of(int pid, int kind)
{
    int s = alive_slot(pid);
    for (int fd = 0; s >= 0 && fd < FK_NOFILE; fd++)
        if (fdt[s][fd] >= 0 && file_kind[fdt[s][fd]] == kind
            && (kind != FK_F_FILE || file_mode[fdt[s][fd]] != FK_O_RDONLY))
            return fd;
    return -1;
}

static int open_fds(int pid)
{
    int s = alive_slot(pid), n = 0;
    for (int fd = 0; s >= 0 && fd < FK_NOFILE; fd++)
        n += fdt[s][fd] >= 0;
    return n;
}

/* A pipe filled or drained to exactly its capacity or fill, one byte
 * either side. */
static void pipe_edges(struct dgen *g, int pid)
{
    if (fd_of(pid, FK_F_PIPE_W) < 0 && emit(g, pid, FK_OP_PIPE, 0, 0, 0, 0))
        return;
    int w = fd_of(pid, FK_F_PIPE_W), rd = fd_of(pid, FK_F_PIPE_R), s = alive_slot(pid);
    if (w < 0 || rd < 0)
        return;
    int pipe = file_pipe[fdt[s][w]];
    if (!emit(g, pid, FK_OP_WRITE, w, FK_PIPE_CAPACITY - pipe_fill[pipe] + near(g), 7, 0)
        && !emit(g, pid, FK_OP_READ, rd, (int32_t)fk_rng_below(g->r, 3000) + 1, 0, 0))
        emit(g, pid, FK_OP_WRITE, w, FK_PIPE_CAPACITY - pipe_fill[pipe] + near(g), 9, 0);
    emit(g, pid, FK_OP_READ, rd, pipe_fill[pipe] + near(g), 0, 0);
}

/* Writes at the file size limit: from an offset 0 to 2 bytes below it. */
static void file_edges(struct dgen *g, int pid)
{
    int32_t path = 0x8000 | (1 << 12) | (chance(g, 2) ? FK_NAME_F1 : FK_NAME_F0);
    if (fd_of(pid, FK_F_FILE) < 0
        && emit(g, pid, FK_OP_OPEN, path, FK_O_RDWR | FK_O_CREAT | (chance(g, 3) ? FK_O_APPEND : 0),
                0, 0))
        return;
    int fd = fd_of(pid, FK_F_FILE), k = (int)fk_rng_below(g->r, 3);
    if (fd < 0 || emit(g, pid, FK_OP_LSEEK, fd, FK_MAX_FILE_SIZE - k, FK_SEEK_SET, 0))
        return;
    emit(g, pid, FK_OP_WRITE, fd, k + near(g) > 0 ? k + near(g) : 1, 5, 0);
    emit(g, pid, FK_OP_LSEEK, fd, near(g), FK_SEEK_END, 0);
    emit(g, pid, FK_OP_READ, fd, 2, 0, 0);
}

/* A mapping at the window's end, then mprotect and munmap ranges ending
 * at, before or past its last page. */
static void window_edges(struct dgen *g, int pid)
{
    int32_t n = 2 + (int32_t)fk_rng_below(g->r, 4);
    uint32_t start = FK_MMAP_BASE + (uint32_t)(FK_MMAP_PAGES - n) * FK_PAGE_SIZE;
    if (emit(g, pid, FK_OP_MMAP, (int32_t)start, n, FK_PROT_RW, (int32_t)fk_rng_below(g->r, 2)))
        return;
    uint32_t a = start + fk_rng_below(g->r, 2) * FK_PAGE_SIZE;
    int32_t left = (int32_t)((FK_MMAP_BASE + FK_MMAP_PAGES * FK_PAGE_SIZE - a) / FK_PAGE_SIZE);
    emit(g, pid, FK_OP_STORE, (int32_t)(a + FK_PAGE_SIZE), (int32_t)fk_rng_next(g->r), 0, 0);
    emit(g, pid, chance(g, 3) ? FK_OP_MUNMAP : FK_OP_MPROTECT, (int32_t)a, left + near(g),
         (int32_t)fk_rng_below(g->r, 2), 0);
    emit(g, pid, FK_OP_LOAD, (int32_t)(start + (uint32_t)(n - 1) * FK_PAGE_SIZE), 0, 0, 0);
}

/* Part of a region the process has: munmap or mprotect from a page inside
 * it to its end, one page before or one after; a store before (the
 * translation cached) and after, and a load past the cut. */
static void region_edges(struct dgen *g, int pid)
{
    int s = alive_slot(pid), starts[FK_MMAP_PAGES], n = 0;
    for (int k = 0; s >= 0 && k < FK_MMAP_PAGES; k++)
        if (pg_attr[s][k] && pg_start[s][k])
            starts[n++] = k;
    if (n == 0)
        return;
    int a = starts[fk_rng_below(g->r, (uint32_t)n)], b = a + 1;
    while (b < FK_MMAP_PAGES && pg_attr[s][b] && !pg_start[s][b])
        b++;
    int from = a + (int)fk_rng_below(g->r, (uint32_t)(b - a)), to = b + near(g);
    to = to > from ? to : from + 1;
    int32_t at = (int32_t)(FK_MMAP_BASE + (uint32_t)from * FK_PAGE_SIZE);
    int32_t word = at + 4 * (int32_t)fk_rng_below(g->r, 4);
    if (emit(g, pid, FK_OP_STORE, word, (int32_t)fk_rng_next(g->r), 0, 0)
        || emit(g, pid, chance(g, 2) ? FK_OP_MUNMAP : FK_OP_MPROTECT, at, to - from,
                (int32_t)fk_rng_below(g->r, 2), 0))
        return;
    emit(g, pid, FK_OP_LOAD, (int32_t)(FK_MMAP_BASE + (uint32_t)(to < FK_MMAP_PAGES ? to : from)
                                       * FK_PAGE_SIZE), 0, 0, 0);
    emit(g, pid, FK_OP_STORE, word, (int32_t)fk_rng_next(g->r), 0, 0);
}

/* One word of a fresh one-page mapping, shared or private, loaded and
 * stored by a process and its new child in turn: a load before anyone
 * stored, then after the other's store (shared pages, copy-on-write). */
static void memory_scene(struct dgen *g, int pid)
{
    int32_t page = (int32_t)(FK_MMAP_BASE + (8 + fk_rng_below(g->r, 8)) * FK_PAGE_SIZE);
    int32_t word = page + 4 * (int32_t)fk_rng_below(g->r, 4);
    if (emit(g, pid, FK_OP_MMAP, page, 1, FK_PROT_RW, (int32_t)fk_rng_below(g->r, 2))
        || emit(g, pid, FK_OP_FORK, 0, 0, 0, 0) || g->last.kind != FK_R_OK)
        return;
    int who[2] = { pid, g->last.val }, a = (int)fk_rng_below(g->r, 2);
    static const uint8_t by_b[5] = { 0, 1, 0, 0, 1 };
    static const uint8_t op[5] = { FK_OP_LOAD, FK_OP_STORE, FK_OP_LOAD, FK_OP_STORE, FK_OP_LOAD };
    for (int k = 0; k < 5; k++)     /* a loads, b stores, a loads, a stores, b loads */
        if (emit(g, who[(a + by_b[k]) % 2], op[k], word,
                 op[k] == FK_OP_STORE ? (int32_t)fk_rng_next(g->r) : 0, 0, 0))
            return;
}

/* The heap grown to its limit (one page below, at, above), a word stored
 * in one of its last pages, then shrunk past it and grown again: the
 * dropped page's frame is freed, and the page comes back zeroed. */
static void heap_edges(struct dgen *g, int pid)
{
    int s = alive_slot(pid);
    if (s < 0 || emit(g, pid, FK_OP_SBRK, FK_HEAP_MAX_PAGES - heap_pages[s] + near(g), 0, 0, 0)
        || heap_pages[s] == 0)
        return;
    uint32_t page = heap_pages[s] - 1 - fk_rng_below(g->r, heap_pages[s] < 2 ? 1 : 2);
    int32_t word = (int32_t)(FK_HEAP_BASE + page * FK_PAGE_SIZE + 4 * fk_rng_below(g->r, 4));
    int32_t drop = 1 + (int32_t)fk_rng_below(g->r, 3);
    if (emit(g, pid, FK_OP_STORE, word, (int32_t)fk_rng_next(g->r), 0, 0)
        || emit(g, pid, FK_OP_SBRK, -drop, 0, 0, 0)
        || emit(g, pid, FK_OP_LOAD, word, 0, 0, 0))
        return;
    if (!emit(g, pid, FK_OP_SBRK, drop + near(g), 0, 0, 0))
        emit(g, pid, FK_OP_LOAD, word, 0, 0, 0);
}

/* A new pipe's two ends: bytes written, then either the write end closed
 * everywhere (a child that shares it exits) and the read end drained to
 * EOF, or the read end closed and a write with no reader left. */
static void pipe_ends(struct dgen *g, int pid)
{
    if (emit(g, pid, FK_OP_PIPE, 0, 0, 0, 0) || g->last.kind != FK_R_OK)
        return;
    int32_t rd = g->last.val, wr = g->last.aux, n = 1 + (int32_t)fk_rng_below(g->r, 8);
    if (chance(g, 2) && !emit(g, pid, FK_OP_FORK, 0, 0, 0, 0) && g->last.kind == FK_R_OK
        && emit(g, g->last.val, FK_OP_EXIT, 0, 0, 0, 0))
        return;
    if (emit(g, pid, FK_OP_WRITE, wr, n, 3, 0))
        return;
    if (chance(g, 3)) {
        if (!emit(g, pid, FK_OP_CLOSE, rd, 0, 0, 0))
            emit(g, pid, FK_OP_WRITE, wr, 1, 4, 0);
        return;
    }
    if (!emit(g, pid, FK_OP_CLOSE, wr, 0, 0, 0)
        && !emit(g, pid, FK_OP_READ, rd, n + near(g) > 0 ? n + near(g) : 1, 0, 0))
        emit(g, pid, FK_OP_READ, rd, 1 + (int32_t)fk_rng_below(g->r, 4), 0, 0);
}

/* dup2 onto the same fd, onto another open fd, onto the last fd or one
 * past it; then an fd closed and used again. */
static void fd_edges(struct dgen *g, int pid)
{
    int s = alive_slot(pid), open[FK_NOFILE], n = 0;
    if (s >= 0 && open_fds(pid) == 0 && emit(g, pid, FK_OP_PIPE, 0, 0, 0, 0))
        return;
    for (int fd = 0; s >= 0 && fd < FK_NOFILE; fd++)
        if (fdt[s][fd] >= 0)
            open[n++] = fd;
    if (n == 0)
        return;
    int a = open[fk_rng_below(g->r, (uint32_t)n)], b = open[fk_rng_below(g->r, (uint32_t)n)];
    if (emit(g, pid, FK_OP_DUP2, a, a, 0, 0) || emit(g, pid, FK_OP_DUP2, a, b, 0, 0)
        || emit(g, pid, FK_OP_DUP2, a, FK_NOFILE - 1 + near(g), 0, 0)
        || emit(g, pid, FK_OP_CLOSE, b, 0, 0, 0))
        return;
    emit(g, pid, chance(g, 2) ? FK_OP_DUP2 : FK_OP_READ, b, chance(g, 2) ? b : 1, 0, 0);
}

/* Forks until a fork fails, one more, then frees a slot and refills. */
static void fill_procs(struct dgen *g)
{
    for (int i = 0; i < FK_NPROC + 1; i++)
        if (emit(g, pick_alive(g), FK_OP_FORK, 0, 0, 0, 0) || g->last.kind == FK_R_ERR)
            break;
    int pid = pick_alive(g);
    if (pid && !emit(g, pid, FK_OP_EXIT, 1, 0, 0, 0))
        emit(g, pick_alive(g), FK_OP_FORK, 0, 0, 0, 0);
}

/* Shared one-page mappings until one fails (every memory object in use),
 * then one unmapped and mapped again. */
static void fill_objects(struct dgen *g, int pid)
{
    int32_t page = 0;
    for (; page < FK_NOBJ + 1 && page < FK_MMAP_PAGES; page++)
        if (emit(g, pid, FK_OP_MMAP, (int32_t)(FK_MMAP_BASE + (uint32_t)page * FK_PAGE_SIZE), 1,
                 FK_PROT_RW, 1) || g->last.kind == FK_R_ERR)
            break;
    int32_t back = (int32_t)(FK_MMAP_BASE + fk_rng_below(g->r, (uint32_t)page + 1) * FK_PAGE_SIZE);
    if (!emit(g, pid, FK_OP_MUNMAP, back, 1, 0, 0))
        emit(g, pid, FK_OP_MMAP, back, 1, FK_PROT_RW, 1);
}

static int free_files(void)
{
    int n = 0;
    for (int f = 0; f < FK_NFILE; f++)
        n += file_ref[f] == 0;
    return n;
}

/* Both tables full at once: forks first (a child's fd table starts as its
 * parent's), then pipes in each process until its fd table or the
 * system's open-file table is full, opens to take what is left; then an
 * open where both are full (which error comes first), one fd closed and
 * an open again. */
static void fill_files(struct dgen *g)
{
    int32_t path = 0x8000 | (1 << 12) | FK_NAME_F0;
    int pids[5], n = 1, top = 0;
    pids[0] = pick_alive(g);
    while (n < 5 && !emit(g, pids[0], FK_OP_FORK, 0, 0, 0, 0) && g->last.kind == FK_R_OK)
        pids[n++] = g->last.val;
    for (int k = 0; k < n; k++) {
        while (open_fds(pids[k]) < FK_NOFILE - 1 && free_files() >= 2)
            if (emit(g, pids[k], FK_OP_PIPE, 0, 0, 0, 0) || g->last.kind == FK_R_ERR)
                return;
        while (open_fds(pids[k]) < FK_NOFILE && free_files() > 0)
            if (emit(g, pids[k], FK_OP_OPEN, path, FK_O_RDONLY, 0, 0) || g->last.kind == FK_R_ERR)
                return;
        if (open_fds(pids[k]) == FK_NOFILE)
            top = k;
    }
    if (emit(g, pids[top], FK_OP_OPEN, path, FK_O_RDONLY, 0, 0)
        || emit(g, pids[top], FK_OP_DUP, 0, 0, 0, 0)
        || emit(g, pids[top], FK_OP_PIPE, 0, 0, 0, 0)
        || emit(g, pids[top], FK_OP_CLOSE, (int32_t)fk_rng_below(g->r, FK_NOFILE), 0, 0, 0))
        return;
    emit(g, pids[top], FK_OP_OPEN, path, FK_O_RDONLY, 0, 0);
}

/* A chain of forks, its middle exiting (orphans, zombies handed to p0),
 * then waits with every kind of argument. */
static void tree(struct dgen *g)
{
    int chain[6], n = 0, pid = pick_alive(g);
    chain[n++] = pid;
    while (n < 6 && !chance(g, 4) && !emit(g, pid, FK_OP_FORK, 0, 0, 0, 0)
           && g->last.kind == FK_R_OK)
        chain[n++] = pid = g->last.val;
    for (int i = n - 1; i > 0; i--)
        if (chance(g, 2) && emit(g, chain[i], FK_OP_EXIT, i, 0, 0, 0))
            return;
    int32_t who[] = { -1, chain[n > 1], chain[n - 1], 0, chain[0], 99 };
    for (int i = 0; i < 3; i++)
        if (emit(g, chance(g, 2) ? 0 : chain[fk_rng_below(g->r, (uint32_t)n)], FK_OP_WAIT,
                 who[fk_rng_below(g->r, 6)], 0, 0, 0))
            return;
}

/* An existing file opened with each kind of flags, truncation above all
 * (with a read-only access mode too), then its size and a byte read or
 * written. */
static void open_modes(struct dgen *g, int pid)
{
    int files[FK_NNODE], n = 0;
    for (int node = 0; node < FK_NNODE; node++)
        if (node_exists[node] && !fk_node_is_dir(node))
            files[n++] = node;
    if (n == 0)
        return;
    int node = files[fk_rng_below(g->r, (uint32_t)n)];
    int32_t path = node <= FK_NODE_F0 + 4 ? 0x8000 | (1 << 12) | (node + 1)
                   : 0x8000 | (2 << 12) | FK_NAME_D | (node - 5) << 3;
    int32_t flags = (int32_t)fk_rng_below(g->r, 3) | (chance(g, 2) ? FK_O_TRUNC : 0)
                    | (chance(g, 3) ? FK_O_APPEND : 0) | (chance(g, 4) ? FK_O_CREAT : 0);
    if (emit(g, pid, FK_OP_OPEN, path, flags, 0, 0) || g->last.kind != FK_R_OK)
        return;
    int32_t fd = g->last.val;
    if (!emit(g, pid, FK_OP_LSEEK, fd, 0, FK_SEEK_END, 0))
        emit(g, pid, chance(g, 2) ? FK_OP_READ : FK_OP_WRITE, fd,
             1 + (int32_t)fk_rng_below(g->r, 8), 6, 0);
}

/* Steps where several errors apply at once: the spec fixes which one. */
static void error_order(struct dgen *g, int pid)
{
    static const struct fk_step cases[] = {
        { 0, FK_OP_WRITE, { 99, -1, 0, 0 } },
        { 0, FK_OP_READ, { -1, -5, 0, 0 } },
        { 0, FK_OP_LSEEK, { 77, -100, FK_SEEK_END, 0 } },
        { 0, FK_OP_DUP2, { 50, -1, 0, 0 } },
        { 0, FK_OP_MMAP, { 0x40000002, 0, FK_PROT_RW, 0 } },
        { 0, FK_OP_MPROTECT, { 0x40000000 + 63 * FK_PAGE_SIZE, 5, FK_PROT_RW, 0 } },
        { 0, FK_OP_MUNMAP, { 0x3ffff000, -1, 0, 0 } },
        { 0, FK_OP_OPEN, { 0x8000 | (3 << 12) | FK_NAME_F0 | FK_NAME_F0 << 3 | FK_NAME_F1 << 6,
                            FK_O_RDWR | FK_O_CREAT | FK_O_TRUNC | FK_O_APPEND, 0, 0 } },
    };
    const struct fk_step *c = &cases[fk_rng_below(g->r, sizeof cases / sizeof cases[0])];
    emit(g, pid, c->op, c->arg[0], c->arg[1], c->arg[2], c->arg[3]);
}

static void action(struct dgen *g)
{
    int pid = pick_alive(g);
    switch (fk_rng_below(g->r, 14)) {
    case 0: pipe_edges(g, pid); break;
    case 1: file_edges(g, pid); break;
    case 2: window_edges(g, pid); break;
    case 3: heap_edges(g, pid); break;
    case 4: fill_procs(g); break;
    case 5: fill_objects(g, pid); break;
    case 6: fill_files(g); break;
    case 7: tree(g); break;
    case 8: region_edges(g, pid); break;
    case 9: memory_scene(g, pid); break;
    case 10: pipe_ends(g, pid); break;
    case 11: fd_edges(g, pid); break;
    case 12: open_modes(g, pid); break;
    default: error_order(g, pid); break;
    }
}

void fk_gen_directed(struct fk_rng *r, uint32_t nsteps, struct fk_prog *p)
{
    struct dgen g = { r, p, nsteps > FK_MAX_STEPS ? FK_MAX_STEPS : nsteps, { 0, 0, 0 } };
    fk_gen_program(r, g.max / 4, p);       /* a realistic start */
    model_replay(*p, p->nsteps);
    while (p->nsteps < g.max) {
        uint32_t before = p->nsteps;
        action(&g);
        if (p->nsteps == before)        /* nothing fitted or applied: a plain step */
            emit(&g, pick_alive(&g), FK_OP_GETPID, 0, 0, 0, 0);
    }
}

uint32_t fk_gen_action(struct fk_rng *r, const struct fk_prog *p, uint32_t at,
                       struct fk_prog *out, uint32_t max)
{
    struct dgen g = { r, out, max > FK_MAX_STEPS ? FK_MAX_STEPS : max, { 0, 0, 0 } };
    model_replay(*p, at < p->nsteps ? at : p->nsteps);
    out->nsteps = 0;
    action(&g);
    return out->nsteps;
}
