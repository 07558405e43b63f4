#include "diff/compare.h"
#include <stdio.h>
#include <string.h>
#include "model/model.h"

static uint32_t next_id = 1;
static struct fk_obs raw;
static uint8_t scratch[FK_OBS_MAX_BYTES], payload[FK_FRAME_MAX_PAYLOAD];

static int send_program(struct fk_qemu *q, const struct fk_prog *p, uint8_t mode, uint32_t id)
{
    static uint8_t bin[1 + FK_MAX_STEPS * 32];
    size_t n = fk_prog_encode(p, bin, sizeof bin);
    struct fk_program_msg m = { id, mode, 0, bin, n };
    size_t len = n <= sizeof bin ? fk_program_put(&m, payload, sizeof payload) : 0;
    return len ? fk_qemu_send(q, FK_T_PROGRAM, payload, len) : -1;
}

static void model_canon(struct fk_obs *out)
{
    model_observe(&raw);
    fk_obs_canon(&raw, out);
}

/* A frame that should have been the next STEP (or END) was not. */
static enum fk_verdict trouble(struct fk_qemu *q, int got, const struct fk_frame *f,
                               struct fk_divergence *d)
{
    struct fk_panic_msg pm;
    if (got == 1 && f->type == FK_T_PANIC && !fk_panic_get(f->payload, f->len, &pm)) {
        snprintf(d->why, sizeof d->why, "kernel PANIC: %.*s (trap %u, eip 0x%x)",
                 (int)pm.text_len, (const char *)pm.text, pm.trap, pm.eip);
        d->verdict = FK_PANIC;
    } else {
        snprintf(d->why, sizeof d->why, "%s", got == 0 ? "kernel hang: no frame for 5 s"
                 : got < 0 ? "the kernel died (QEMU exited)"
                 : "the kernel sent an unexpected frame");
        d->verdict = FK_HANG;
    }
    fk_qemu_stop(q);
    return d->verdict;
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
    if (send_program(q, p, FK_MODE_FULL, next_id++))
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

enum fk_verdict fk_compare_kernel(struct fk_qemu *q, const struct fk_prog *p,
                                  struct fk_divergence *d)
{
    static struct fk_obs canon;
    struct fk_frame f;
    struct fk_step_msg m;
    struct fk_end_msg e;
    uint32_t id = next_id++;
    memset(d, 0, sizeof *d);
    d->verdict = FK_AGREE;
    model_reset();
    if (send_program(q, p, FK_MODE_HASH, id))
        return trouble(q, -1, &f, d);
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = model_step(p->step[i]);
        int got = fk_qemu_recv(q, &f, 5000);
        if (got != 1 || f.type != FK_T_STEP || fk_step_get(f.payload, f.len, &m)
            || m.prog_id != id || m.step != i) {
            d->step = i;
            d->model = r;
            return trouble(q, got, &f, d);
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
    int got = fk_qemu_recv(q, &f, 5000);
    if (got != 1 || f.type != FK_T_END || fk_end_get(f.payload, f.len, &e)
        || e.steps != p->nsteps) {
        d->step = p->nsteps;
        return trouble(q, got, &f, d);
    }
    if (d->verdict == FK_DIVERGE) {
        replay(q, p, d);
        return d->verdict;
    }
    if (!e.leak_ok) {
        snprintf(d->why, sizeof d->why, "END reports a leak: %u refcounts not back; free "
                 "frames %u/%u, slots %u/%u, files %u/%u, objects %u/%u (now/boot)",
                 e.leaked_refs, e.now[0], e.baseline[0], e.now[1], e.baseline[1],
                 e.now[2], e.baseline[2], e.now[3], e.baseline[3]);
        d->step = p->nsteps;
        d->verdict = FK_LEAK;
    }
    return d->verdict;
}
