#include "diff/report.h"
#include <stdlib.h>
#include <string.h>
#include "spec/obs_print.h"

enum { CONTEXT = 4, MAX_LINES = 512 };

static const char *verdict_name(const struct fk_divergence *d)
{
    static const char *const names[] = {
        [FK_AGREE] = "agree", [FK_DIVERGE] = "diverge", [FK_LEAK] = "leak",
        [FK_PANIC] = "kernel panic", [FK_HANG] = "kernel hang",
        [FK_TRANSPORT] = "transport failure", [FK_NOT_COMPARABLE] = "not comparable",
    };
    return d->verdict == FK_HANG && d->against && !strcmp(d->against, "linux")
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

static int same_result(const struct fk_result *a, const struct fk_result *b)
{
    return a->kind == b->kind && a->val == b->val && a->aux == b->aux;
}

/* The observation lines found on one side only. */
static void print_differences(FILE *out, const struct fk_divergence *d)
{
    static char a[1 << 16], b[1 << 16];
    static char *la[MAX_LINES], *lb[MAX_LINES];
    struct fk_out oa = fk_out_make(a, sizeof a), ob = fk_out_make(b, sizeof b);
    fk_obs_print(&d->model_obs, level(d), "", &oa);
    fk_obs_print(&d->other_obs, level(d), "", &ob);
    fk_out_cstr(&oa);
    fk_out_cstr(&ob);
    int na = lines_of(a, la), nb = lines_of(b, lb), shown = 0;
    const char *name = against(d);
    fprintf(out, "  observation after it, the lines that differ:\n");
    for (int i = 0; i < na; i++)
        if (!has_line(lb, nb, la[i]) && ++shown)
            fprintf(out, "    model:  %s\n", la[i]);
    for (int i = 0; i < nb; i++)
        if (!has_line(la, na, lb[i]) && ++shown)
            fprintf(out, "    %s:%*s %s\n", name, (int)(6 - strlen(name)), "", lb[i]);
    if (!shown && !same_result(&d->model, &d->other))
        fprintf(out, "    (none: only the results differ)\n");
    else if (!shown)
        fprintf(out, "    (none in the printed form: the difference is in the ordering)\n");
}

/* "file #3: ..." -> "file", "p2: ..." -> "p", "node /f0: ..." -> "node". */
static void kind_of(const char *line, char *kind, size_t cap)
{
    size_t n = 0;
    while (line[n] && line[n] != ' ' && line[n] != ':' && line[n] != '#'
           && !(line[n] >= '0' && line[n] <= '9') && n + 1 < cap) {
        kind[n] = line[n];
        n++;
    }
    kind[n] = 0;
}

static int compare_strings(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sorts the space-separated fields and drops repeats, onto o. */
static void add_sorted(char *fields, struct fk_out *o)
{
    static char *token[MAX_LINES * 4];
    int n = 0;
    for (char *t = strtok(fields, " "); t && n < MAX_LINES * 4; t = strtok(0, " "))
        token[n++] = t;
    qsort(token, (size_t)n, sizeof token[0], compare_strings);
    for (int i = 0; i < n; i++)
        if (!i || strcmp(token[i], token[i - 1])) {
            fk_out_char(o, ' ');
            fk_out_str(o, token[i]);
        }
}

void fk_report_signature(const struct fk_prog *p, const struct fk_divergence *d,
                         char *sig, size_t cap)
{
    static const char *const short_names[] = {
        [FK_AGREE] = "agree", [FK_DIVERGE] = "diverge", [FK_LEAK] = "leak",
        [FK_PANIC] = "panic", [FK_HANG] = "hang", [FK_TRANSPORT] = "transport",
        [FK_NOT_COMPARABLE] = "not-comparable",
    };
    static char a[1 << 16], b[1 << 16], fields[1 << 14];
    static char *la[MAX_LINES], *lb[MAX_LINES];
    struct fk_out o = fk_out_make(sig, cap), of = fk_out_make(fields, sizeof fields);
    fk_out_str(&o, short_names[d->verdict]);
    if (d->step < p->nsteps) {
        fk_out_char(&o, ' ');
        fk_out_str(&o, fk_ops[p->step[d->step].op].name);
    }
    if (d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) {
        int same = d->model.kind == d->other.kind && d->model.val == d->other.val
                   && d->model.aux == d->other.aux;
        fk_out_str(&o, same ? " result-same" : " result-differs");
    }
    if ((d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) && d->have_obs) {
        struct fk_out oa = fk_out_make(a, sizeof a), ob = fk_out_make(b, sizeof b);
        fk_obs_print(&d->model_obs, level(d), "", &oa);
        fk_obs_print(&d->other_obs, level(d), "", &ob);
        fk_out_cstr(&oa);
        fk_out_cstr(&ob);
        int na = lines_of(a, la), nb = lines_of(b, lb);
        char kind[32];
        for (int i = 0; i < na + nb; i++) {
            const char *line = i < na ? la[i] : lb[i - na];
            if (has_line(i < na ? lb : la, i < na ? nb : na, line))
                continue;
            kind_of(line, kind, sizeof kind);
            fk_out_char(&of, ' ');
            fk_out_str(&of, kind);
        }
    }
    fk_out_cstr(&of);
    add_sorted(fields, &o);
    fk_out_cstr(&o);
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
    static char a[1 << 16], b[1 << 16], text[128];
    static char *la[MAX_LINES], *lb[MAX_LINES];
    fprintf(out, "{\"program\": ");
    json_string(out, name);
    fprintf(out, ", \"verdict\": ");
    json_string(out, verdict_name(d));
    fprintf(out, ", \"against\": ");
    json_string(out, against(d));
    if (d->verdict != FK_AGREE && d->step < p->nsteps) {
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_step_print(&p->step[d->step], &o);
        fprintf(out, ", \"step\": %u, \"op\": ", d->step);
        json_string(out, fk_out_cstr(&o));
    }
    if (d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) {
        const struct fk_step *s = &p->step[d->step];
        fprintf(out, ", \"model\": ");
        json_string(out, result_text(s, &d->model, text, sizeof text));
        fprintf(out, ", \"%s\": ", against(d));
        json_string(out, result_text(s, &d->other, text, sizeof text));
    }
    if (d->why[0]) {
        fprintf(out, ", \"why\": ");
        json_string(out, d->why);
    }
    if ((d->verdict == FK_DIVERGE || d->verdict == FK_NOT_COMPARABLE) && d->have_obs) {
        struct fk_out oa = fk_out_make(a, sizeof a), ob = fk_out_make(b, sizeof b);
        int first = 1;
        fk_obs_print(&d->model_obs, level(d), "", &oa);
        fk_obs_print(&d->other_obs, level(d), "", &ob);
        fk_out_cstr(&oa);
        fk_out_cstr(&ob);
        int na = lines_of(a, la), nb = lines_of(b, lb);
        fprintf(out, ", \"differences\": [");
        for (int i = 0; i < na + nb; i++) {
            const char *line = i < na ? la[i] : lb[i - na];
            if (has_line(i < na ? lb : la, i < na ? nb : na, line))
                continue;
            fprintf(out, "%s{\"side\": \"%s\", \"line\": ", first ? "" : ", ",
                    i < na ? "model" : against(d));
            json_string(out, line);
            fputc('}', out);
            first = 0;
        }
        fputc(']', out);
    }
    fprintf(out, "}\n");
}
