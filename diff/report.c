#include "diff/report.h"
#include <stdlib.h>
#include <string.h>
#include "diff/obsdiff.h"
#include "spec/obs_print.h"

enum { CONTEXT = 4, MAX_LINES = 512 };

static const char *verdict_name(const struct fk_divergence *d)
{
    static const char *const names[] = {
        [FK_AGREE] = "agree", [FK_DIVERGE] = "diverge", [FK_LEAK] = "leak",
        [FK_PANIC] = "kernel panic", [FK_HANG] = "kernel hang",
        [FK_TRANSPORT] = "transport failure", [FK_NOT_COMPARABLE] = "not comparable",
    };
    return d->verdict == FK_HANG && d->against && strstr(d->against, "linux")
               ? "linux hang" : names[d->verdict];
}

static const char *against(const struct fk_divergence *d)
{
    return d->against ? d->against : "kernel";
}

static int level(const struct fk_divergence *d)
{
    return d->level ? d->level : FK_L2;
}

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

static int same_result(const struct fk_result *a, const struct fk_result *b)
{
    return a->kind == b->kind && a->val == b->val && a->aux == b->aux;
}

/* One line of the report's observation difference. */
struct diff_line {
    int model;              /* 1: the model's side, 0: the backend's */
    int entity;             /* enum fk_entity */
    const char *text;
};

static struct fk_obs_change changes[MAX_LINES];
static struct diff_line lines[MAX_LINES];
static char text[1 << 16];

/* Cuts the lines printed into text[from .. to) apart (in place). */
static int split(size_t from, size_t to, char **line, int cap)
{
    int n = 0;
    for (size_t i = from; i < to; i++) {
        if ((i == from || text[i - 1] == 0) && n < cap)
            line[n++] = text + i;
        if (text[i] == '\n')
            text[i] = 0;
    }
    return n;
}

static int has_line(char **line, int n, const char *want)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(line[i], want))
            return 1;
    return 0;
}

/* The lines of d's observations that differ: for each entity of the
 * structural difference (diff/obsdiff.h), the model's lines and the
 * backend's that the other side does not have. */
static int differing_lines(const struct fk_divergence *d)
{
    char *la[64], *lb[64];
    struct fk_out o = fk_out_make(text, sizeof text);
    int nc = fk_obs_diff(&d->model_obs, &d->other_obs, level(d), changes, MAX_LINES), n = 0;
    for (int c = 0; c < nc && c < MAX_LINES; c++) {
        size_t a0 = o.len;
        fk_obs_print_entity(&d->model_obs, changes[c].entity, changes[c].model, level(d), "",
                            &o);
        size_t b0 = o.len;
        fk_obs_print_entity(&d->other_obs, changes[c].entity, changes[c].other, level(d), "",
                            &o);
        size_t end = o.len;
        if (o.len >= sizeof text)
            break;
        int na = split(a0, b0, la, 64), nb = split(b0, end, lb, 64);
        for (int i = 0; i < na + nb && n < MAX_LINES; i++) {
            char *line = i < na ? la[i] : lb[i - na];
            if (!has_line(i < na ? lb : la, i < na ? nb : na, line))
                lines[n++] = (struct diff_line){ i < na, changes[c].entity, line };
        }
    }
    return n;
}

/* The observation lines found on one side only. */
static void print_differences(FILE *out, const struct fk_divergence *d)
{
    int n = differing_lines(d);
    const char *name = against(d);
    fprintf(out, "  observation after it, the lines that differ:\n");
    for (int side = 1; side >= 0; side--)
        for (int i = 0; i < n; i++)
            if (lines[i].model == side && side)
                fprintf(out, "    model:  %s\n", lines[i].text);
            else if (lines[i].model == side)
                fprintf(out, "    %s:%*s %s\n", name, (int)(6 - strlen(name)), "",
                        lines[i].text);
    if (!n && !same_result(&d->model, &d->other))
        fprintf(out, "    (none: only the results differ)\n");
    else if (!n)
        fprintf(out, "    (none in the printed form: the difference is in the ordering)\n");
}

static int compare_strings(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

void fk_report_signature(const struct fk_prog *p, const struct fk_divergence *d,
                         char *sig, size_t cap)
{
    static const char *const short_names[] = {
        [FK_AGREE] = "agree", [FK_DIVERGE] = "diverge", [FK_LEAK] = "leak",
        [FK_PANIC] = "panic", [FK_HANG] = "hang", [FK_TRANSPORT] = "transport",
        [FK_NOT_COMPARABLE] = "not-comparable",
    };
    const char *kinds[MAX_LINES];
    int n = 0;
    struct fk_out o = fk_out_make(sig, cap);
    fk_out_str(&o, short_names[d->verdict]);
    if (d->step < p->nsteps) {
        fk_out_char(&o, ' ');
        fk_out_str(&o, fk_op_names[p->step[d->step].op].name);
    }
    if (d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE)
        fk_out_str(&o, same_result(&d->model, &d->other) ? " result-same" : " result-differs");
    if ((d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) && d->have_obs) {
        int nc = fk_obs_diff(&d->model_obs, &d->other_obs, level(d), changes, MAX_LINES);
        for (int c = 0; c < nc && c < MAX_LINES; c++)
            kinds[n++] = fk_entity_names[changes[c].entity];
    }
    qsort(kinds, (size_t)n, sizeof kinds[0], compare_strings);
    for (int i = 0; i < n; i++)
        if (!i || strcmp(kinds[i], kinds[i - 1])) {
            fk_out_char(&o, ' ');
            fk_out_str(&o, kinds[i]);
        }
    fk_out_cstr(&o);
}

/* The last lines of a kernel's console log, indented. */
static void print_log_tail(FILE *out, const char *tail)
{
    enum { LINES = 25 };
    const char *start = tail + strlen(tail);
    for (int n = 0; start > tail && n <= LINES; n += start[-1] == '\n')
        start--;
    fprintf(out, "  the end of the kernel's console log:\n");
    for (const char *line = start; *line;) {
        size_t len = strcspn(line, "\r\n");
        if (len)
            fprintf(out, "  | %.*s\n", (int)len, line);
        line += len;
        line += strspn(line, "\r\n");
    }
}

void fk_report_print(FILE *out, const char *name, const struct fk_prog *p,
                     const struct fk_divergence *d)
{
    char rm[96], rk[96];
    uint32_t from = d->step > CONTEXT ? d->step - CONTEXT : 0;
    fprintf(out, "%s: %s", name, verdict_name(d));
    if (d->step < p->nsteps)
        fprintf(out, " at step %u", d->step);
    fprintf(out, " (model vs %s)", against(d));
    fprintf(out, "%s%s\n", d->why[0] ? ": " : "", d->why);
    for (uint32_t i = from; i <= d->step && i < p->nsteps; i++)
        print_step(out, i == d->step ? ">" : " ", i, &p->step[i]);
    if (d->log_tail[0])
        print_log_tail(out, d->log_tail);
    if (d->verdict != FK_DIVERGE && d->verdict != FK_NOT_COMPARABLE)
        return;
    const struct fk_step *s = &p->step[d->step];
    fprintf(out, "  result: model %s, %s %s\n", result_text(s, &d->model, rm, sizeof rm),
            against(d), result_text(s, &d->other, rk, sizeof rk));
    if (d->have_obs)
        print_differences(out, d);
    else
        fprintf(out, "  (the full-mode replay failed: no observations)\n");
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void fk_report_json(FILE *out, const char *name, const struct fk_prog *p,
                    const struct fk_divergence *d)
{
    char step_text[128];
    fprintf(out, "{\"program\": ");
    json_string(out, name);
    fprintf(out, ", \"verdict\": ");
    json_string(out, verdict_name(d));
    fprintf(out, ", \"against\": ");
    json_string(out, against(d));
    if (d->verdict != FK_AGREE && d->step < p->nsteps) {
        struct fk_out o = fk_out_make(step_text, sizeof step_text);
        fk_step_print(&p->step[d->step], &o);
        fprintf(out, ", \"step\": %u, \"op\": ", d->step);
        json_string(out, fk_out_cstr(&o));
    }
    if (d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) {
        const struct fk_step *s = &p->step[d->step];
        fprintf(out, ", \"model\": ");
        json_string(out, result_text(s, &d->model, step_text, sizeof step_text));
        fprintf(out, ", \"%s\": ", against(d));
        json_string(out, result_text(s, &d->other, step_text, sizeof step_text));
    }
    if (d->why[0]) {
        fprintf(out, ", \"why\": ");
        json_string(out, d->why);
    }
    if (d->log_tail[0]) {
        fprintf(out, ", \"console_tail\": ");
        json_string(out, d->log_tail);
    }
    if (d->log_tail[0]) {
        fprintf(out, ", \"console_tail\": ");
        json_string(out, d->log_tail);
    }
    if ((d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) && d->have_obs) {
        int n = differing_lines(d);
        fprintf(out, ", \"differences\": [");
        for (int i = 0; i < n; i++) {
            fprintf(out, "%s{\"side\": \"%s\", \"entity\": \"%s\", \"line\": ",
                    i ? ", " : "", lines[i].model ? "model" : against(d),
                    fk_entity_names[lines[i].entity]);
            json_string(out, lines[i].text);
            fputc('}', out);
        }
        fputc(']', out);
    }
    fprintf(out, "}\n");
}
