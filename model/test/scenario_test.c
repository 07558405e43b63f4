/* Runs scenario files on the model. A scenario line is a step, "=>", and
 * the result as forkspec run prints it; a line "!! TEXT" requires TEXT to
 * be a line of the observation (L2, as forkspec run --state prints it)
 * after the step before it; "!! no TEXT" requires that no line starts with
 * TEXT. After every step the executable valid_state must hold. */
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "spec/obs_print.h"
#include "spec/test/check.h"

static struct fk_prog one;
static struct fk_obs raw, canon;
static char obs_text[1 << 18];

static void observe_text(void)
{
    struct fk_out o = fk_out_make(obs_text, sizeof obs_text);
    model_observe(&raw);
    fk_obs_canon(&raw, &canon);
    fk_obs_print(&canon, FK_L2, "", &o);
    fk_out_cstr(&o);
}

static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = 0;
    return s;
}

/* 1 if want is a whole line of obs_text (or, with prefix, starts one);
 * indentation does not count. */
static int has_line(const char *want, int prefix)
{
    size_t n = strlen(want);
    for (const char *l = obs_text; *l;) {
        const char *end;
        size_t len;
        while (*l == ' ')
            l++;
        end = strchr(l, '\n');
        len = end ? (size_t)(end - l) : strlen(l);
        if (prefix ? len >= n && !strncmp(l, want, n)
                   : len == n && !strncmp(l, want, n))
            return 1;
        l += len + (end != NULL);
    }
    return 0;
}

static void run_step_line(const char *file, int line, char *text)
{
    char *arrow = strstr(text, "=>"), got[256], why[200];
    struct fk_parse_error e;
    struct fk_result r;
    struct fk_out o = fk_out_make(got, sizeof got);
    if (!arrow) {
        fprintf(stderr, "%s:%d: step without '=> RESULT'\n", file, line);
        CHECK(0);
        return;
    }
    *arrow = 0;
    if (fk_prog_parse(text, strlen(text), &one, &e) || one.nsteps != 1) {
        fprintf(stderr, "%s:%d: bad step: %s\n", file, line, e.msg);
        CHECK(0);
        return;
    }
    r = model_step(one.step[0]);
    fk_result_print(&one.step[0], &r, &o);
    fk_out_cstr(&o);
    if (strcmp(got, trim(arrow + 2)))
        fprintf(stderr, "%s:%d: %s=> %s, want %s\n", file, line, text, got,
                trim(arrow + 2));
    CHECK(strcmp(got, trim(arrow + 2)) == 0);
    if (model_check(why, sizeof why))
        fprintf(stderr, "%s:%d: valid_state broken: %s\n", file, line, why);
    CHECK(model_check(why, sizeof why) == 0);
    observe_text();
}

static void run_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[512];
    int line = 0;
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        CHECK(0);
        return;
    }
    model_reset();
    observe_text();
    while (fgets(buf, sizeof buf, f)) {
        char *t = trim(buf);
        line++;
        if (!strncmp(t, "!! no ", 6)) {
            if (has_line(t + 6, 1))
                fprintf(stderr, "%s:%d: unexpected line starting '%s' in:\n%s",
                        name, line, t + 6, obs_text);
            CHECK(!has_line(t + 6, 1));
        } else if (!strncmp(t, "!! ", 3)) {
            if (!has_line(t + 3, 0))
                fprintf(stderr, "%s:%d: no line '%s' in:\n%s", name, line,
                        t + 3, obs_text);
            CHECK(has_line(t + 3, 0));
        } else if (*t && *t != '#') {
            run_step_line(name, line, t);
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        run_file(argv[i]);
    if (argc < 2) {
        fprintf(stderr, "no scenario files given\n");
        CHECK(0);
    }
    return CHECK_DONE();
}
