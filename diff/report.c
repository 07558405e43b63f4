#include "diff/report.h"
#include <string.h>
#include "spec/obs_print.h"

enum { CONTEXT = 4, MAX_LINES = 512 };

static const char *const verdict_names[] = {
    [FK_AGREE] = "agree", [FK_DIVERGE] = "diverge", [FK_LEAK] = "leak",
    [FK_PANIC] = "kernel panic", [FK_HANG] = "kernel hang",
};

static void print_step(FILE *out, const char *mark, uint32_t i, const struct fk_step *s)
{
    char text[128];
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_step_print(s, &o);
    fprintf(out, "  %s %4u  %s\n", mark, i, fk_out_cstr(&o));
}

static const char *result_text(const struct fk_step *s, const struct fk_result *r, char *buf,
                               size_t cap)
{
    struct fk_out o = fk_out_make(buf, cap);
    fk_result_print(s, r, &o);
    return fk_out_cstr(&o);
}

/* Splits the printed observation into lines (in place). */
static int lines_of(char *text, char **line)
{
    int n = 0;
    for (char *t = strtok(text, "\n"); t && n < MAX_LINES; t = strtok(0, "\n"))
        line[n++] = t;
    return n;
}

static int has_line(char **line, int n, const char *want)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(line[i], want))
            return 1;
    return 0;
}

/* The observation lines found on one side only. */
static void print_differences(FILE *out, const struct fk_obs *model, const struct fk_obs *kernel)
{
    static char a[1 << 16], b[1 << 16];
    static char *la[MAX_LINES], *lb[MAX_LINES];
    struct fk_out oa = fk_out_make(a, sizeof a), ob = fk_out_make(b, sizeof b);
    fk_obs_print(model, FK_L2, "", &oa);
    fk_obs_print(kernel, FK_L2, "", &ob);
    fk_out_cstr(&oa);
    fk_out_cstr(&ob);
    int na = lines_of(a, la), nb = lines_of(b, lb), shown = 0;
    fprintf(out, "  observation after it, the lines that differ:\n");
    for (int i = 0; i < na; i++)
        if (!has_line(lb, nb, la[i]) && ++shown)
            fprintf(out, "    model:  %s\n", la[i]);
    for (int i = 0; i < nb; i++)
        if (!has_line(la, na, lb[i]) && ++shown)
            fprintf(out, "    kernel: %s\n", lb[i]);
    if (!shown)
        fprintf(out, "    (none in the printed form: the difference is in the ordering)\n");
}

void fk_report_print(FILE *out, const char *name, const struct fk_prog *p,
                     const struct fk_divergence *d)
{
    char rm[96], rk[96];
    uint32_t from = d->step > CONTEXT ? d->step - CONTEXT : 0;
    fprintf(out, "%s: %s", name, verdict_names[d->verdict]);
    if (d->step < p->nsteps)
        fprintf(out, " at step %u", d->step);
    fprintf(out, "%s%s\n", d->why[0] ? ": " : "", d->why);
    for (uint32_t i = from; i <= d->step && i < p->nsteps; i++)
        print_step(out, i == d->step ? ">" : " ", i, &p->step[i]);
    if (d->verdict != FK_DIVERGE)
        return;
    const struct fk_step *s = &p->step[d->step];
    fprintf(out, "  result: model %s, kernel %s\n", result_text(s, &d->model, rm, sizeof rm),
            result_text(s, &d->kernel, rk, sizeof rk));
    if (d->have_obs)
        print_differences(out, &d->model_obs, &d->kernel_obs);
    else
        fprintf(out, "  (the full-mode replay failed: no observations)\n");
}
