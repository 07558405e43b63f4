/* forkspec run: one program on one backend, step by step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "spec/obs_print.h"
#include "spec/progfile.h"

static const char usage[] =
    "usage: forkspec run [--backend model] [--state] [--binary] PROG\n"
    "  --backend B   model (default); kernel and linux arrive with their issues\n"
    "  --state       print the full observation (L1 and L2) after every step\n"
    "  --binary      PROG is in the binary form\n";

static struct fk_prog prog;
static struct fk_obs raw, canon;
static char text[1 << 20];

static void print_step(uint32_t i, const struct fk_step *s,
                       const struct fk_result *r, int state)
{
    struct fk_out o = fk_out_make(text, sizeof text);
    size_t mark;
    fk_out_dec(&o, i);
    fk_out_str(&o, i < 10 ? "    " : i < 100 ? "   " : "  ");
    mark = o.len;
    fk_step_print(s, &o);
    while (o.len < mark + 32)
        fk_out_char(&o, ' ');
    fk_out_str(&o, " = ");
    fk_result_print(s, r, &o);
    fk_out_char(&o, '\n');
    if (state) {
        model_observe(&raw);
        fk_obs_canon(&raw, &canon);
        fk_obs_print(&canon, FK_L2, "      ", &o);
    }
    fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, stdout);
}

int main(int argc, char **argv)
{
    const char *backend = "model", *path = NULL;
    int state = 0, binary = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--backend") && i + 1 < argc) {
            backend = argv[++i];
        } else if (!strcmp(argv[i], "--state")) {
            state = 1;
        } else if (!strcmp(argv[i], "--binary")) {
            binary = 1;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage, stdout);
            return 0;
        } else if ((argv[i][0] == '-' && argv[i][1]) || path) {
            fprintf(stderr, "forkspec run: unexpected '%s'\n%s", argv[i], usage);
            return 2;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "forkspec run: no program given\n%s", usage);
        return 2;
    }
    if (strcmp(backend, "model")) {
        fprintf(stderr, "forkspec run: backend '%s' is not in this build yet "
                "(model is)\n", backend);
        return 2;
    }
    if (fk_load_program("forkspec run", path, binary, &prog))
        return 2;
    model_reset();
    if (state) {
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_out_str(&o, "initial state\n");
        model_observe(&raw);
        fk_obs_canon(&raw, &canon);
        fk_obs_print(&canon, FK_L2, "      ", &o);
        fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, stdout);
    }
    for (uint32_t i = 0; i < prog.nsteps; i++) {
        struct fk_result r;
        r = model_step(prog.step[i]);
        print_step(i, &prog.step[i], &r, state);
    }
    return 0;
}
