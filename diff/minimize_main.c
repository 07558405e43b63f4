/* forkspec minimize: the smallest program that still shows the same
 * divergence between the model and the kernel (or Linux). Prints it (or writes it with -o);
 * exit 0, 1 when the program does not diverge, 2 for bad input. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "diff/minimize.h"
#include "host/args.h"
#include "host/progfile.h"

static const char usage[] =
    "usage: forkspec minimize [--against kernel|linux|qemu-linux] [--binary] [-o OUT] PROG\n"
    "  --kernel PATH the kernel image: an x86-64 bzImage is qemu-linux's, anything else the\n"
    "                bundled kernel's (./forkspec passes both defaults)\n"
    "  --initramfs F qemu-linux's agent (./forkspec passes //backends:initramfs)\n";

static struct fk_prog prog;
static struct fk_target t;
static char text[1 << 16];

int main(int argc, char **argv)
{
    const char *path = 0, *out_path = 0;
    struct fk_images img = FK_IMAGES_DEFAULT;
    const char *against = "kernel";
    static const struct option options[] = {
        { "kernel", required_argument, 0, 'k' }, { "against", required_argument, 0, 'a' },
        { "binary", no_argument, 0, 'B' },       { "help", no_argument, 0, 'h' },
        { "initramfs", required_argument, 0, 'i' },
        { 0, 0, 0, 0 },
    };
    int binary = 0, c;
    char sig[1024];
    while ((c = getopt_long(argc, argv, "ho:", options, 0)) != -1) {
        switch (c) {
        case 'k':
            if (fk_images_kernel(&img, optarg))
                return fprintf(stderr, "forkspec minimize: --kernel %s: cannot read it\n", optarg), 2;
            break;
        case 'i': img.initramfs = optarg; break;
        case 'a': against = optarg; break;
        case 'o': out_path = optarg; break;
        case 'B': binary = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fk_arg_usage_exit(usage);
        }
    }
    if (argc - optind != 1)
        return fprintf(stderr, "forkspec minimize: %s\n%s", optind == argc ? "no program given"
                       : "one program at a time", usage), 2;
    path = argv[optind];
    if (fk_load_program("forkspec minimize", path, binary, &prog))
        return 2;
    int use[FK_NBACKEND], b = 0;
    if (fk_backends_named(against, use) || !strcmp(against, "all"))
        return fprintf(stderr, "forkspec minimize: --against %s: not kernel, linux or "
                       "qemu-linux\n", against), 2;
    while (!use[b])
        b++;
    fk_target_init(&t, b, &img);
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
