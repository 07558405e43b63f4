/* forkspec minimize: the smallest program that still shows the same
 * divergence between model and kernel. Prints it (or writes it with -o);
 * exit 0, 1 when the program does not diverge, 2 for bad input. */
#include <stdio.h>
#include <string.h>
#include "diff/minimize.h"
#include "spec/progfile.h"

static const char usage[] =
    "usage: forkspec minimize [--binary] [-o OUT] PROG\n"
    "  --kernel ELF  the kernel image (./forkspec minimize passes the bundled one)\n";

static struct fk_prog prog;
static struct fk_qemu q;
static char text[1 << 16];

int main(int argc, char **argv)
{
    const char *kernel = "bazel-bin/kernel/kernel.elf", *path = 0, *out_path = 0;
    int binary = 0;
    char sig[1024];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
            kernel = argv[++i];
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
    q.pid = q.to_kernel = q.from_kernel = -1;
    if (fk_qemu_start(&q, kernel, NULL))
        return fprintf(stderr, "forkspec minimize: kernel %s did not start: %s\n",
                       kernel, q.why), 2;
    fk_divergence_signature(&q, kernel, &prog, sig, sizeof sig);
    if (!sig[0]) {
        fk_qemu_stop(&q);
        printf("%s: model and kernel agree: nothing to minimize\n", path);
        return 1;
    }
    uint32_t from = prog.nsteps;
    fprintf(stderr, "forkspec minimize: %s: %u steps, divergence \"%s\" ...\n", path, from, sig);
    int runs = fk_minimize(&q, kernel, &prog, sig);
    fk_qemu_stop(&q);
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_out_str(&o, "# minimized by forkspec minimize from ");
    fk_out_dec(&o, from);
    fk_out_str(&o, " steps (");
    fk_out_dec(&o, runs);
    fk_out_str(&o, " kernel runs); divergence: ");
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
