#define _POSIX_C_SOURCE 200809L
#include "diff/compare.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "model/model.h"

static uint32_t next_id = 1;
static struct fk_obs raw;
static uint8_t scratch[FK_OBS_MAX_BYTES];

static void model_canon(struct fk_obs *out)
{
    model_observe(&raw);
    fk_obs_canon(&raw, out);
}

enum { FRAME_TIMEOUT_MS = 2000 };

/* QEMU is gone: the kernel died, whichever the host met first (its
 * closed link as it wrote, its exit as it read). */
static void died(struct fk_qemu *q, struct fk_divergence *d)
{
    snprintf(d->why, sizeof d->why, "%s", q->linux_guest
             ? "Linux died (QEMU exited: a panic, or the agent exited; console log below)"
             : "the kernel died (QEMU exited)");
    d->verdict = FK_HANG;
    fk_qemu_stop(q);
}

/* A frame that should have been the next STEP (or END) was not: the
 * kernel's fault (PANIC, death) or, returning 1, the link's. */
static int trouble(struct fk_qemu *q, int got, const struct fk_frame *f,
                   struct fk_divergence *d)
{
    struct fk_panic_msg pm;
    if (got == 1 && f->type == FK_T_PANIC && !fk_panic_get(f->payload, f->len, &pm)) {
        snprintf(d->why, sizeof d->why, "kernel PANIC: %.*s (trap %u, eip 0x%x)",
                 (int)pm.text_len, (const char *)pm.text, pm.trap, pm.eip);
        d->verdict = FK_PANIC;
        fk_qemu_stop(q);
        return 0;
    }
    if (got < 0) {
        died(q, d);
        return 0;
    }
    return 1;
}

/* Waits for the END of the running program, dropping its other frames;
 * stops at a PANIC too (the kernel halts after it). fk_qemu_recv's result
 * for the last frame, in *f. */
static int drain_into(struct fk_qemu *q, struct fk_frame *f)
{
    int got;
    while ((got = fk_qemu_recv(q, f, 5000)) == 1 && f->type != FK_T_END
           && f->type != FK_T_PANIC)
        ;
    return got;
}

static void drain(struct fk_qemu *q)
{
    struct fk_frame f;
    drain_into(q, &f);
}

/* Full-mode replay up to step d->step: both observations after it. */
static void replay(struct fk_qemu *q, const struct fk_prog *p, struct fk_divergence *d)
{
    struct fk_frame f;
    struct fk_step_msg m;
    model_reset();
    if (fk_qemu_send_program(q, p, FK_MODE_FULL, next_id++))
        return;
    for (uint32_t i = 0; i < p->nsteps; i++) {
        model_step(p->step[i]);
        if (fk_qemu_recv(q, &f, 5000) != 1 || f.type != FK_T_STEP_FULL
            || fk_step_full_get(f.payload, f.len, &m))
            return;
        if (i == d->step) {
            model_canon(&d->model_obs);
            d->have_obs = fk_obs_deserialize(m.l1, m.n1, m.l2, m.n2, &d->other_obs) == 0;
            break;
        }
    }
    drain(q);
}

/* The next frame of a program. Before its first STEP, HELLOs are skipped:
 * they answer RESETs sent before the PROGRAM whose HELLO the host stopped
 * waiting for (a slow resynchronization), not this program. */
static int next_frame(struct fk_qemu *q, struct fk_frame *f, int first, int timeout_ms)
{
    int got;
    do
        got = fk_qemu_recv(q, f, timeout_ms);
    while (first && got == 1 && f->type == FK_T_HELLO);
    return got;
}

static void linux_judge(const struct fk_step *s, uint32_t i, const struct fk_result *lr,
                        struct fk_divergence *d);

/* The kernel's STEP at step i, against the model's result r. */
static void kernel_step(const struct fk_step_msg *m, uint32_t i, const struct fk_result *r,
                        struct fk_divergence *d)
{
    static struct fk_obs canon;
    model_canon(&canon);
    if (m->result.kind != r->kind || m->result.val != r->val || m->result.aux != r->aux
        || m->hash1 != fk_obs_hash(&canon, FK_L1, scratch)
        || m->hash2 != fk_obs_hash(&canon, FK_L2, scratch)) {
        d->verdict = FK_DIVERGE;
        d->step = i;
        d->model = *r;
        d->other = m->result;
    }
}

/* The agent's STEP_FULL: Linux's result and L1, judged by Linux's rules.
 * -1 when the L1 bytes are malformed (the link's fault). */
static int guest_step(const struct fk_step_msg *m, const struct fk_step *s, uint32_t i,
                      struct fk_divergence *d)
{
    if (fk_obs_deserialize(m->l1, m->n1, 0, 0, &d->other_obs))
        return -1;
    linux_judge(s, i, &m->result, d);
    return 0;
}

/* An agent's ERROR for program id at step i: it could not run or observe
 * the step (a Linux process that did not finish it). The verdict, as the
 * host's Linux backend gives it; 0 when f is something else. */
static int agent_error(struct fk_qemu *q, const struct fk_frame *f, uint32_t id, uint32_t i,
                       struct fk_divergence *d)
{
    struct fk_error_msg e;
    if (!q->linux_guest || f->type != FK_T_ERROR || fk_error_get(f->payload, f->len, &e)
        || e.prog_id != id || e.code != FK_ERR_BACKEND)
        return 0;
    snprintf(d->why, sizeof d->why, "Linux in QEMU: %.*s", (int)e.text_len,
             (const char *)e.text);
    d->verdict = FK_HANG;
    d->step = i;
    drain(q);
    return 1;
}

/* END of a program whose steps all agreed (d->verdict FK_AGREE): a leak,
 * or agreement at step nsteps. */
static void end_verdict(int guest, const struct fk_end_msg *e, uint32_t nsteps,
                        struct fk_divergence *d)
{
    if (d->verdict != FK_AGREE)
        return;
    d->step = nsteps;
    if (e->leak_ok)
        return;
    struct fk_out o = fk_out_make(d->why, sizeof d->why);
    if (guest) {
        fk_out_str(&o, "END reports processes left behind: ");
        fk_out_dec(&o, (uint32_t)(e->baseline[FK_LEAK_PROCS] - e->now[FK_LEAK_PROCS]));
        fk_out_str(&o, " still running after the program's processes were killed");
    } else {
        fk_out_str(&o, "END reports a leak: ");
        fk_end_describe(e, &o);
    }
    fk_out_cstr(&o);
    d->verdict = FK_LEAK;
}

/* One run of p; *link set when frames went missing or out of order. The
 * bundled kernel runs in hash mode (L0 and both hashes), Linux's agent in
 * full mode (L0 and L1, under Linux's comparison rules). */
static enum fk_verdict attempt(struct fk_qemu *q, const struct fk_prog *p,
                               struct fk_divergence *d, int *link)
{
    struct fk_frame f;
    struct fk_step_msg m;
    struct fk_end_msg e;
    int guest = q->linux_guest;
    uint8_t want = guest ? FK_T_STEP_FULL : FK_T_STEP;
    uint32_t id = next_id++, gaps = q->seq_gaps;
    memset(d, 0, sizeof *d);
    d->verdict = FK_AGREE;
    d->against = guest ? "qemu-linux" : "kernel";
    d->level = guest ? FK_L1 : FK_L2;
    *link = 0;
    model_reset();
    int sent = fk_qemu_send_program(q, p, guest ? FK_MODE_FULL : FK_MODE_HASH, id);
    if (sent == FK_QEMU_GONE) {
        died(q, d);
        return d->verdict;
    }
    if (sent) {
        snprintf(d->why, sizeof d->why, "could not send the program: %.200s", q->why);
        d->verdict = FK_HANG;
        fk_qemu_stop(q);
        return d->verdict;
    }
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = guest ? (struct fk_result){ 0, 0, 0 } : model_step(p->step[i]);
        int got = next_frame(q, &f, i == 0, FRAME_TIMEOUT_MS);
        if (got == 1 && agent_error(q, &f, id, i, d))
            return d->verdict;
        int bad = got != 1 || f.type != want
                  || (guest ? fk_step_full_get(f.payload, f.len, &m)
                            : fk_step_get(f.payload, f.len, &m))
                  || m.prog_id != id || m.step != i || q->seq_gaps != gaps;
        if (!bad && d->verdict == FK_AGREE) {
            if (!guest)
                kernel_step(&m, i, &r, d);
            else
                bad = guest_step(&m, &p->step[i], i, d) != 0;
        }
        if (bad) {
            memset(d, 0, sizeof *d);
            d->against = guest ? "qemu-linux" : "kernel";
            d->level = guest ? FK_L1 : FK_L2;
            d->step = i;
            d->model = r;
            *link = trouble(q, got, &f, d);
            return d->verdict;
        }
    }
    int got = next_frame(q, &f, p->nsteps == 0, FRAME_TIMEOUT_MS);
    if (got == 1 && agent_error(q, &f, id, p->nsteps, d))
        return d->verdict;      /* p0 could not start: no step ran */
    if (got != 1 || f.type != FK_T_END || fk_end_get(f.payload, f.len, &e)
        || e.prog_id != id || e.steps != p->nsteps || q->seq_gaps != gaps) {
        d->step = p->nsteps;
        *link = trouble(q, got, &f, d);
        return d->verdict;
    }
    end_verdict(guest, &e, p->nsteps, d);
    return d->verdict;
}

/* The link lost frames: resynchronize (a few tries, since the padding and
 * RESET may be damaged too). 0; -1 when the kernel does not answer;
 * FK_QEMU_GONE. */
static int resync(struct fk_qemu *q)
{
    for (int i = 0; i < 3; i++) {
        int r = fk_qemu_resync(q);
        if (r == 0 || r == FK_QEMU_GONE)
            return r;
    }
    return -1;
}

/* The model's digest of p (spec/trace-protocol.md, DIGEST). */
static uint64_t model_digest(const struct fk_prog *p)
{
    static struct fk_obs canon;
    uint64_t h = FK_HASH64_BASIS;
    model_reset();
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = model_step(p->step[i]);
        model_canon(&canon);
        h = fk_digest_step(h, &r, fk_obs_hash(&canon, FK_L1, scratch),
                           fk_obs_hash(&canon, FK_L2, scratch));
    }
    return h;
}

enum digest_outcome {
    SETTLED,        /* the model's digest: AGREE, or LEAK by END */
    DIFFERS,        /* an intact DIGEST, not the model's */
    LINK,           /* frames lost or damaged; resynchronized */
    FAULT,          /* PANIC, death or hang (d says which); QEMU restarted */
};

/* Program-hash mode: p runs with no frame per step, and one DIGEST of all
 * its steps comes before END. Unless SETTLED, p must run step by step to
 * find what went wrong where, on a kernel ready for it. */
static enum digest_outcome by_digest(struct fk_qemu *q, const struct fk_prog *p,
                                     struct fk_divergence *d)
{
    struct fk_frame f;
    struct fk_digest_msg g;
    struct fk_end_msg e;
    uint32_t id = next_id++, gaps = q->seq_gaps;
    uint64_t want = 0;
    int wait_ms = FRAME_TIMEOUT_MS + 10 * (int)p->nsteps, got = -1;
    memset(d, 0, sizeof *d);
    d->against = "kernel";
    d->level = FK_L2;
    d->step = p->nsteps;        /* which step failed is not known yet */
    if (!fk_qemu_send_program(q, p, FK_MODE_PROGRAM_HASH, id)) {
        want = model_digest(p);     /* while the kernel runs p */
        got = next_frame(q, &f, 1, wait_ms);
    }
    int intact = got == 1 && f.type == FK_T_DIGEST && !fk_digest_get(f.payload, f.len, &g)
                 && g.prog_id == id && g.steps == p->nsteps && q->seq_gaps == gaps;
    if (intact && g.hash != want) {
        got = drain_into(q, &f);
        if (got == 1 && f.type == FK_T_END)
            return DIFFERS;
    } else if (intact) {
        got = fk_qemu_recv(q, &f, FRAME_TIMEOUT_MS);
        if (got == 1 && f.type == FK_T_END && !fk_end_get(f.payload, f.len, &e)
            && e.prog_id == id && e.steps == p->nsteps && q->seq_gaps == gaps) {
            end_verdict(0, &e, p->nsteps, d);
            return SETTLED;
        }
    }
    if (trouble(q, got, &f, d)) {
        int r = resync(q);
        if (!r)
            return LINK;
        if (r == FK_QEMU_GONE) {
            died(q, d);
        } else {
            snprintf(d->why, sizeof d->why, "kernel hang: no DIGEST or END within %d ms of "
                     "QEMU's CPU time and no HELLO after RESET", wait_ms);
            d->verdict = FK_HANG;
        }
    }
    if (fk_qemu_restart(q)) {
        size_t n = strlen(d->why);
        snprintf(d->why + n, sizeof d->why - n, "; QEMU did not start again: %.100s", q->why);
    }
    return FAULT;
}

static enum fk_verdict step_by_step(struct fk_qemu *q, const struct fk_prog *p,
                                    struct fk_divergence *d);

/* The bundled kernel (or any that offers it in HELLO) first in
 * program-hash mode, step by step only when that does not settle p. A
 * fault the step-by-step run does not meet again is still reported, as
 * the program-hash run saw it. */
enum fk_verdict fk_compare_kernel(struct fk_qemu *q, const struct fk_prog *p,
                                  struct fk_divergence *d)
{
    static struct fk_divergence first;
    if (q->linux_guest || q->per_step || !(q->hello.features & FK_FEATURE_PROGRAM_HASH))
        return step_by_step(q, p, d);
    enum digest_outcome o = by_digest(q, p, &first);
    if (o == SETTLED || (o == FAULT && q->pid < 0)) {
        *d = first;
        return d->verdict;
    }
    if (step_by_step(q, p, d) != FK_AGREE)
        return d->verdict;
    if (o == FAULT) {
        *d = first;
        size_t n = strlen(d->why);
        snprintf(d->why + n, sizeof d->why - n, " (in program-hash mode; run again step by "
                 "step, every step agreed)");
    } else if (o == DIFFERS) {
        d->verdict = FK_DIVERGE;
        d->step = p->nsteps ? p->nsteps - 1 : 0;
        snprintf(d->why, sizeof d->why, "the kernel's program hash differed from the "
                 "model's, but run again step by step every step agreed: the kernel "
                 "does not answer the same program the same way twice");
    }
    return d->verdict;
}

static enum fk_verdict step_by_step(struct fk_qemu *q, const struct fk_prog *p,
                                    struct fk_divergence *d)
{
    int link;
    for (int run = 0; run < 2; run++) {
        enum fk_verdict v = attempt(q, p, d, &link);
        if (!link) {
            if (v == FK_DIVERGE && !q->linux_guest)
                replay(q, p, d);
            return v;
        }
        int r = resync(q);
        if (r == FK_QEMU_GONE) {
            died(q, d);
            return d->verdict;
        }
        if (r) {
            snprintf(d->why, sizeof d->why, "%s: no frame for %d ms of QEMU's CPU time "
                     "at step %u and no HELLO after RESET",
                     q->linux_guest ? "Linux in QEMU hangs" : "kernel hang", FRAME_TIMEOUT_MS,
                     d->step);
            d->verdict = FK_HANG;
            fk_qemu_stop(q);
            return d->verdict;
        }
    }
    snprintf(d->why, sizeof d->why, "frames lost or damaged on both runs (last at step %u)",
             d->step);
    d->verdict = FK_TRANSPORT;
    return d->verdict;
}

/* ---- Linux ---- */

static const struct fk_obs_proc *find_proc(const struct fk_obs *o, int32_t pid)
{
    for (int i = 0; i < o->nproc; i++)
        if (o->proc[i].pid == pid)
            return &o->proc[i];
    return 0;
}

/* `wait -1` where Linux reaped c: the model reaps c too when c is one of
 * its zombie children of the caller (POSIX allows any). */
static struct fk_step follow_wait(const struct fk_step *s, const struct fk_result *lr)
{
    static struct fk_obs before;
    struct fk_step m = *s;
    if (s->op != FK_OP_WAIT || s->arg[0] != -1 || lr->kind != FK_R_OK || lr->val <= 0)
        return m;
    model_canon(&before);
    const struct fk_obs_proc *c = find_proc(&before, lr->val);
    if (c && c->state == FK_P_ZOMBIE && c->ppid == s->proc)
        m.arg[0] = lr->val;
    return m;
}

/* A failing mprotect may have changed some pages of its range (POSIX;
 * Linux changes those before the first unmapped one): the model gives the
 * pages Linux changed the new prot first, one run at a time. */
static void follow_mprotect(const struct fk_step *s, const struct fk_result *lr,
                            const struct fk_obs *lo)
{
    static struct fk_obs before;
    const struct fk_obs_proc *lp = find_proc(lo, s->proc), *mp;
    if (s->op != FK_OP_MPROTECT || lr->kind != FK_R_ERR || lr->val != FK_ENOMEM || !lp)
        return;
    model_canon(&before);
    if (!(mp = find_proc(&before, s->proc)))
        return;
    int first = (int)(((uint32_t)s->arg[0] - FK_MMAP_BASE) / FK_PAGE_SIZE);
    for (int k = first, run = -1; k <= first + s->arg[1]; k++) {
        int changed = k < first + s->arg[1] && mp->page[k] && lp->page[k]
                      && (lp->page[k] & FK_PG_PROT) == s->arg[2]
                      && (mp->page[k] & FK_PG_PROT) != s->arg[2];
        if (changed && run < 0)
            run = k;
        if (!changed && run >= 0) {
            struct fk_step part = *s;
            part.arg[0] = (int32_t)(FK_MMAP_BASE + (uint32_t)run * FK_PAGE_SIZE);
            part.arg[1] = k - run;
            model_step(part);
            run = -1;
        }
    }
}

/* Why the model's outcome of s hangs on a policy it fixes differently from
 * Linux (spec/syscalls.md, "not comparable"), or 0. */
static const char *host_policy(const struct fk_step *s, const struct fk_result *r,
                               const struct fk_obs *after)
{
    int err = r->kind == FK_R_ERR ? r->val : 0;
    switch (s->op) {
    case FK_OP_FORK: return err == FK_EAGAIN ? "NPROC: root ignores RLIMIT_NPROC" : 0;
    case FK_OP_OPEN:
    case FK_OP_PIPE: return err == FK_ENFILE ? "ENFILE: Linux's open-file table is larger" : 0;
    case FK_OP_WRITE:
        return err == FK_EAGAIN ? "pipe capacity: Linux's pipes hold more than 4096 bytes" : 0;
    case FK_OP_MMAP: return err == FK_ENOMEM ? "memory objects: Linux has more" : 0;
    case FK_OP_STORE:
        return r->kind == FK_R_KILLED && r->val == 9 ? "NFRAME: Linux has more frames" : 0;
    case FK_OP_LSEEK: {
        if (err == FK_EOVERFLOW)
            return "EOVERFLOW: Linux's offsets are 64-bit";
        const struct fk_obs_proc *p = find_proc(after, s->proc);
        int fd = s->arg[0];
        if (p && fd >= 0 && fd < FK_NOFILE && p->fd[fd] >= 0 && p->fd[fd] < after->nfile
            && after->file[p->fd[fd]].kind == FK_F_DIR)
            return "lseek on a directory: offsets are file-system specific";
        return 0;
    }
    default: return 0;
    }
}

static int same_l1(const struct fk_obs *a, const struct fk_obs *b)
{
    static uint8_t sa[FK_OBS_MAX_BYTES], sb[FK_OBS_MAX_BYTES];
    size_t na = fk_obs_serialize(a, FK_L1, sa, sizeof sa);
    size_t nb = fk_obs_serialize(b, FK_L1, sb, sizeof sb);
    return na == nb && !memcmp(sa, sb, na);
}

static int same_result(const struct fk_result *a, const struct fk_result *b)
{
    return a->kind == b->kind && a->val == b->val && a->aux == b->aux;
}

/* Linux's step s (result lr, observation already in d->other_obs) against
 * the model's, under the spec's rules for Linux; the model takes its step
 * here. */
static void linux_judge(const struct fk_step *s, uint32_t i, const struct fk_result *lr,
                        struct fk_divergence *d)
{
    struct fk_step ms = follow_wait(s, lr);
    follow_mprotect(s, lr, &d->other_obs);
    struct fk_result mr = model_step(ms);
    model_canon(&d->model_obs);
    if (same_result(&mr, lr) && same_l1(&d->model_obs, &d->other_obs))
        return;
    const char *policy = host_policy(&ms, &mr, &d->model_obs);
    d->verdict = policy ? FK_NOT_COMPARABLE : FK_DIVERGE;
    if (policy)
        snprintf(d->why, sizeof d->why, "%s; this step and the ones after it are not compared",
                 policy);
    d->step = i;
    d->model = mr;
    d->other = *lr;
    d->have_obs = 1;
}

static void linux_step_compare(struct fk_linux *lx, const struct fk_step *s, uint32_t i,
                               struct fk_divergence *d)
{
    struct fk_result lr;
    if (fk_linux_step(lx, s, &lr) || fk_linux_observe(lx, &d->other_obs)) {
        snprintf(d->why, sizeof d->why, "%s", lx->why);
        d->verdict = FK_HANG;
        d->step = i;
        return;
    }
    linux_judge(s, i, &lr, d);
}

enum fk_verdict fk_compare_linux(struct fk_linux *lx, const struct fk_prog *p,
                                 struct fk_divergence *d)
{
    memset(d, 0, sizeof *d);
    d->verdict = FK_AGREE;
    d->against = "linux";
    d->level = FK_L1;
    model_reset();
    if (fk_linux_start(lx)) {
        snprintf(d->why, sizeof d->why, "%s", lx->why);
        d->verdict = FK_HANG;
        return d->verdict;
    }
    for (uint32_t i = 0; i < p->nsteps && d->verdict == FK_AGREE; i++)
        linux_step_compare(lx, &p->step[i], i, d);
    fk_linux_finish(lx);
    if (d->verdict == FK_AGREE)
        d->step = p->nsteps;
    return d->verdict;
}

/* ---- targets ---- */

const char *const fk_backend_names[FK_NBACKEND] = { "kernel", "linux", "qemu-linux" };

int fk_backends_named(const char *name, int use[FK_NBACKEND])
{
    int any = 0;
    for (int b = 0; b < FK_NBACKEND; b++) {
        use[b] = !strcmp(name, "all") || !strcmp(name, fk_backend_names[b]);
        any |= use[b];
    }
    return any ? 0 : -1;
}

int fk_images_kernel(struct fk_images *img, const char *path)
{
    if (access(path, R_OK))
        return -1;      /* else a mistyped bzImage would leave Debian's in place */
    if (fk_is_bzimage(path))
        img->bzimage = path;
    else
        img->kernel = path;
    return 0;
}

void fk_target_init(struct fk_target *t, enum fk_backend b, const struct fk_images *img)
{
    memset(t, 0, sizeof *t);
    t->backend = b;
    t->img = *img;
    t->q.pid = t->q.to_kernel = t->q.from_kernel = -1;
    if (b == FK_QEMU_LINUX) {   /* unique even across pid namespaces (sandboxes) */
        const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(t->log, sizeof t->log, "%s/forkspec-console-XXXXXX", tmp);
        int fd = mkstemp(t->log);
        if (fd < 0)
            t->log[0] = 0;      /* then QEMU's console goes nowhere */
        else
            close(fd);
    }
}

static int start_qemu(struct fk_target *t)
{
    if (t->backend == FK_KERNEL) {
        if (!fk_qemu_start(&t->q, t->img.kernel, NULL))
            return 0;
        snprintf(t->why, sizeof t->why, "kernel %.40s did not start: %.200s", t->img.kernel,
                 t->q.why);
        return -1;
    }
    if (!t->img.bzimage || !t->img.initramfs) {
        snprintf(t->why, sizeof t->why, "no %s for qemu-linux (--kernel BZIMAGE; "
                 "./forkspec passes Debian's, fetched by tools/setup)",
                 t->img.bzimage ? "initramfs" : "Linux image");
        return -1;
    }
    if (!fk_qemu_start_linux(&t->q, t->img.bzimage, t->img.initramfs, t->log[0] ? t->log : 0))
        return 0;
    char tail[101];
    const char *name = strrchr(t->img.bzimage, '/') ? strrchr(t->img.bzimage, '/') + 1
                                                    : t->img.bzimage;
    fk_qemu_log_tail(&t->q, tail, sizeof tail);
    for (char *c = tail; *c; c++)
        *c = *c == '\n' || *c == '\r' ? ' ' : *c;
    snprintf(t->why, sizeof t->why, "Linux %.40s did not start: %.90s%s%.100s", name, t->q.why,
             tail[0] ? "; console: ..." : "", tail);
    return -1;
}

int fk_target_ready(struct fk_target *t)
{
    if (t->backend == FK_LINUX) {
        if (!t->lx_open && fk_linux_open(&t->lx)) {
            snprintf(t->why, sizeof t->why, "the Linux backend cannot start: %.200s", t->lx.why);
            fk_linux_close(&t->lx);
            return -1;
        }
        t->lx_open = 1;
        return 0;
    }
    return t->q.pid < 0 ? start_qemu(t) : 0;
}

/* A hang, panic or death of a kernel in QEMU: its log's tail goes with the
 * finding (the bundled kernel's debug port, Linux's console). */
static void keep_log(struct fk_target *t, struct fk_divergence *d)
{
    if (t->backend == FK_QEMU_LINUX && (d->verdict == FK_HANG || d->verdict == FK_PANIC))
        fk_qemu_log_tail(&t->q, d->log_tail, sizeof d->log_tail);
}

enum fk_verdict fk_compare(struct fk_target *t, const struct fk_prog *p,
                           struct fk_divergence *d)
{
    if (fk_target_ready(t)) {
        memset(d, 0, sizeof *d);
        d->against = fk_backend_names[t->backend];
        d->verdict = FK_HANG;
        snprintf(d->why, sizeof d->why, "%.250s", t->why);
        keep_log(t, d);
        fk_qemu_stop(&t->q);
        return d->verdict;
    }
    if (t->backend == FK_LINUX)
        return fk_compare_linux(&t->lx, p, d);
    fk_compare_kernel(&t->q, p, d);
    keep_log(t, d);
    if (t->backend == FK_QEMU_LINUX && d->verdict == FK_LEAK)
        fk_qemu_stop(&t->q);    /* what was left behind would count again: boot afresh */
    return d->verdict;
}

void fk_target_stop(struct fk_target *t)
{
    if (t->backend == FK_LINUX && t->lx_open)
        fk_linux_close(&t->lx);
    t->lx_open = 0;
    if (t->backend != FK_LINUX)
        fk_qemu_stop(&t->q);
    if (t->log[0])
        unlink(t->log);
}
