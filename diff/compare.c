#include "diff/compare.h"
#include <stdio.h>
#include <string.h>
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
        snprintf(d->why, sizeof d->why, "the kernel died (QEMU exited)");
        d->verdict = FK_HANG;
        fk_qemu_stop(q);
        return 0;
    }
    return 1;
}

/* Waits for the END of program id, dropping its other frames. */
static void drain(struct fk_qemu *q)
{
    struct fk_frame f;
    while (fk_qemu_recv(q, &f, 5000) == 1 && f.type != FK_T_END)
        ;
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
            d->have_obs = fk_obs_deserialize(m.l1, m.n1, m.l2, m.n2, &d->kernel_obs) == 0;
            break;
        }
    }
    drain(q);
}

/* One run of p; *link set when frames went missing or out of order. */
static enum fk_verdict attempt(struct fk_qemu *q, const struct fk_prog *p,
                               struct fk_divergence *d, int *link)
{
    static struct fk_obs canon;
    struct fk_frame f;
    struct fk_step_msg m;
    struct fk_end_msg e;
    uint32_t id = next_id++, gaps = q->seq_gaps;
    memset(d, 0, sizeof *d);
    d->verdict = FK_AGREE;
    *link = 0;
    model_reset();
    if (fk_qemu_send_program(q, p, FK_MODE_HASH, id))
        return (void)trouble(q, -1, &f, d), d->verdict;
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = model_step(p->step[i]);
        int got = fk_qemu_recv(q, &f, FRAME_TIMEOUT_MS);
        if (got != 1 || f.type != FK_T_STEP || fk_step_get(f.payload, f.len, &m)
            || m.prog_id != id || m.step != i || q->seq_gaps != gaps) {
            d->step = i;
            d->model = r;
            *link = trouble(q, got, &f, d);
            return d->verdict;
        }
        if (d->verdict != FK_AGREE)
            continue;
        model_canon(&canon);
        if (m.result.kind != r.kind || m.result.val != r.val || m.result.aux != r.aux
            || m.hash1 != fk_obs_hash(&canon, FK_L1, scratch)
            || m.hash2 != fk_obs_hash(&canon, FK_L2, scratch)) {
            d->verdict = FK_DIVERGE;
            d->step = i;
            d->model = r;
            d->kernel = m.result;
        }
    }
    int got = fk_qemu_recv(q, &f, FRAME_TIMEOUT_MS);
    if (got != 1 || f.type != FK_T_END || fk_end_get(f.payload, f.len, &e)
        || e.prog_id != id || e.steps != p->nsteps || q->seq_gaps != gaps) {
        d->step = p->nsteps;
        *link = trouble(q, got, &f, d);
        return d->verdict;
    }
    if (d->verdict == FK_AGREE && !e.leak_ok) {
        snprintf(d->why, sizeof d->why, "END reports a leak: %u refcounts not back; free "
                 "frames %u/%u, slots %u/%u, files %u/%u, objects %u/%u (now/boot)",
                 e.leaked_refs, e.now[0], e.baseline[0], e.now[1], e.baseline[1],
                 e.now[2], e.baseline[2], e.now[3], e.baseline[3]);
        d->step = p->nsteps;
        d->verdict = FK_LEAK;
    }
    return d->verdict;
}

/* The link lost frames: resynchronize (a few tries, since the padding and
 * RESET may be damaged too). 0, or -1 when the kernel does not answer. */
static int resync(struct fk_qemu *q)
{
    for (int i = 0; i < 3; i++)
        if (!fk_qemu_resync(q))
            return 0;
    return -1;
}

enum fk_verdict fk_compare_kernel(struct fk_qemu *q, const struct fk_prog *p,
                                  struct fk_divergence *d)
{
    int link;
    for (int run = 0; run < 2; run++) {
        enum fk_verdict v = attempt(q, p, d, &link);
        if (!link) {
            if (v == FK_DIVERGE)
                replay(q, p, d);
            return v;
        }
        if (resync(q)) {
            snprintf(d->why, sizeof d->why, "kernel hang: no frame for %d ms at step %u and "
                     "no HELLO after RESET", FRAME_TIMEOUT_MS, d->step);
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
