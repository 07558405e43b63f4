#include "diff/minimize.h"
#include <string.h>
#include "diff/report.h"

static struct fk_divergence d;
static int runs;

void fk_divergence_signature(struct fk_target *t, const struct fk_prog *p, char *sig,
                             size_t cap)
{
    sig[0] = 0;
    runs++;
    if (fk_target_ready(t))
        return;
    if (fk_compare(t, p, &d) != FK_AGREE)
        fk_report_signature(p, &d, sig, cap);
}

static int reproduces(struct fk_target *t, const struct fk_prog *p,
                      const char *signature)
{
    char sig[1024];
    fk_divergence_signature(t, p, sig, sizeof sig);
    return !strcmp(sig, signature);
}

/* p without steps [from, from + n). */
static void without(const struct fk_prog *p, uint32_t from, uint32_t n, struct fk_prog *out)
{
    out->nsteps = 0;
    for (uint32_t i = 0; i < p->nsteps; i++)
        if (i < from || i >= from + n)
            out->step[out->nsteps++] = p->step[i];
}

static void shrink_steps(struct fk_target *t, struct fk_prog *p,
                         const char *signature)
{
    static struct fk_prog cand;
    for (uint32_t chunk = p->nsteps / 2 ? p->nsteps / 2 : 1; chunk >= 1; chunk /= 2) {
        for (uint32_t from = 0; from < p->nsteps;) {
            without(p, from, chunk, &cand);
            if (cand.nsteps < p->nsteps && reproduces(t, &cand, signature))
                *p = cand;
            else
                from += chunk;
        }
        if (chunk == 1)
            break;
    }
}

/* Smaller values for each argument, where they keep the step valid. */
static void shrink_args(struct fk_target *t, struct fk_prog *p,
                        const char *signature)
{
    static const int32_t simpler[] = { 0, 1, -1 };
    static struct fk_prog cand;
    for (uint32_t i = 0; i < p->nsteps; i++)
        for (int a = 0; a < fk_ops[p->step[i].op].nargs; a++)
            for (unsigned k = 0; k < sizeof simpler / sizeof simpler[0]; k++) {
                if (p->step[i].arg[a] == simpler[k])
                    break;
                cand = *p;
                cand.step[i].arg[a] = simpler[k];
                if (fk_step_valid(&cand.step[i]) && reproduces(t, &cand, signature)) {
                    *p = cand;
                    break;
                }
            }
}

int fk_minimize(struct fk_target *t, struct fk_prog *p, const char *signature)
{
    char sig[1024];
    runs = 0;
    fk_divergence_signature(t, p, sig, sizeof sig);     /* d: where p diverges now */
    if (sig[0] && d.step + 1 < p->nsteps) {   /* what follows the divergence is noise */
        static struct fk_prog cut;
        cut = *p;
        cut.nsteps = d.step + 1;
        if (reproduces(t, &cut, signature))
            *p = cut;
    }
    uint32_t before;
    do {
        before = p->nsteps;
        shrink_steps(t, p, signature);
    } while (p->nsteps < before);
    shrink_args(t, p, signature);
    return runs;
}
