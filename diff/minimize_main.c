/* forkspec minimize: the smallest program that still shows the same
 * divergence between the model and the kernel (or Linux). Prints it (or writes it with -o);
 * exit 0, 1 when the program does not diverge, 2 for bad input. */
#include <stdio.h>
#include <string.h>
#include "diff/minimize.h"
#include "spec/progfile.h"

static const char usage[] =
    "usage: forkspec minimize [--against kernel|linux] [--binary] [-o OUT] PROG\n"
    "  --kernel ELF  the kernel image (./forkspec minimize passes the bundled one)\n";

static struct fk_prog prog;
static struct fk_target t;
static char text[1 << 16];

int main(int argc, char **argv)
{
    const char *kernel = "bazel-bin/kernel/kernel.elf", *path = 0, *out_path = 0;
    const char *against = "kernel";
    int binary = 0;
    char sig[1024];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
            kernel = argv[++i];
        else if (!strcmp(argv[i], "--against") && i + 1 < argc)
            against = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!strcmp(argv[i], "--binary"))
            binary = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return fputs(usage, stdout), 0;
        else if ((argv[i][0] == '-' && argv[i][1]) || path)
            return fprintf(stderr, "forkspec minimize: unexpected '%s'\n%s", argv[i], usage), 2;
        else
            path = argv[i];
    }
    if (!path)
        return fprintf(stderr, "forkspec minimize: no program given\n%s", usage), 2;
    if (fk_load_program("forkspec minimize", path, binary, &prog))
        return 2;
    if (strcmp(against, "kernel") && strcmp(against, "linux"))
        return fprintf(stderr, "forkspec minimize: --against %s: not kernel or linux\n",
                       against), 2;
    fk_target_init(&t, !strcmp(against, "linux"), kernel);
    if (fk_target_ready(&t))
        return fprintf(stderr, "forkspec minimize: %s\n", t.why), 2;
    fk_divergence_signature(&t, &prog, sig, sizeof sig);
    if (!sig[0]) {
        fk_target_stop(&t);
        printf("%s: model and %s agree: nothing to minimize\n", path, against);
        return 1;
    }
    uint32_t from = prog.nsteps;
    fprintf(stderr, "forkspec minimize: %s: %u steps, divergence \"%s\" ...\n", path, from, sig);
    int runs = fk_minimize(&t, &prog, sig);
    fk_target_stop(&t);
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_out_str(&o, "# minimized by forkspec minimize from ");
    fk_out_dec(&o, from);
    fk_out_str(&o, " steps (");
    fk_out_dec(&o, runs);
    fk_out_str(&o, " runs on ");
    fk_out_str(&o, against);
    fk_out_str(&o, "); divergence: ");
    fk_out_str(&o, sig);
    fk_out_char(&o, '\n');
    fk_prog_print(&prog, &o);
    FILE *out = out_path ? fopen(out_path, "w") : stdout;
    if (!out)
        return fprintf(stderr, "forkspec minimize: cannot write %s\n", out_path), 2;
    fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, out);
    if (out_path && fclose(out))
        return fprintf(stderr, "forkspec minimize: cannot write %s\n", out_path), 2;
    return 0;
}
