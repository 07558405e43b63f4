/* forkspec diff: programs on the model and on a backend (the kernel in
 * QEMU, the host's Linux, or both), step by step. Exit 0 when all agree,
 * 1 when any diverges (or the kernel panics, hangs or leaks), 2 for bad
 * input. A program Linux cannot be compared on is reported, not passed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "diff/compare.h"
#include "diff/report.h"
#include "host/args.h"
#include "host/progfile.h"

static const char usage[] =
    "usage: forkspec diff [--against kernel|linux|qemu-linux|all] [--binary] [--json] PROG...\n"
    "  --against B   kernel (default: the bundled kernel in QEMU), linux (the host's\n"
    "                kernel, as root), qemu-linux (Linux in QEMU), or all (linux only\n"
    "                when it can run here)\n"
    "  --binary      the programs are in the binary form\n"
    "  --json        one JSON object per program and backend, no summary\n"
    "  --kernel PATH the kernel image: an x86-64 bzImage is qemu-linux's, anything else the\n"
    "                bundled kernel's (./forkspec passes both defaults)\n"
    "  --initramfs F qemu-linux's agent (./forkspec passes //backends:initramfs)\n";

static struct fk_prog prog;
static struct fk_divergence d;
static struct fk_target target[FK_NBACKEND];

int main(int argc, char **argv)
{
    const char *against = "kernel";
    struct fk_images img = FK_IMAGES_DEFAULT;
    static const struct option options[] = {
        { "against", required_argument, 0, 'a' }, { "kernel", required_argument, 0, 'k' },
        { "initramfs", required_argument, 0, 'i' },
        { "binary", no_argument, 0, 'B' },        { "json", no_argument, 0, 'j' },
        { "help", no_argument, 0, 'h' },          { 0, 0, 0, 0 },
    };
    int binary = 0, json = 0, first, agree = 0, differ = 0, other = 0, c;
    while ((c = getopt_long(argc, argv, "h", options, 0)) != -1) {
        switch (c) {
        case 'a': against = optarg; break;
        case 'k':
            if (fk_images_kernel(&img, optarg))
                return fprintf(stderr, "forkspec diff: --kernel %s: cannot read it\n", optarg), 2;
            break;
        case 'i': img.initramfs = optarg; break;
        case 'B': binary = 1; break;
        case 'j': json = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fk_arg_usage_exit(usage);
        }
    }
    first = optind;
    if (first == argc)
        return fprintf(stderr, "forkspec diff: no program given\n%s", usage), 2;
    int use[FK_NBACKEND];
    if (fk_backends_named(against, use))
        return fprintf(stderr, "forkspec diff: --against %s: not kernel, linux, qemu-linux "
                       "or all\n", against), 2;
    for (int i = first; i < argc; i++)     /* every program is checked first */
        if (fk_load_program("forkspec diff", argv[i], binary, &prog))
            return 2;
    for (int b = 0; b < FK_NBACKEND; b++) {
        fk_target_init(&target[b], b, &img);
        if (!use[b] || !fk_target_ready(&target[b]))
            continue;
        if (b != FK_LINUX || strcmp(against, "all"))
            return fprintf(stderr, "forkspec diff: %s\n", target[b].why), 2;
        fprintf(stderr, "forkspec diff: skipping linux: %s\n", target[b].why);
        use[b] = 0;
    }
    for (int i = first; i < argc; i++) {
        fk_load_program("forkspec diff", argv[i], binary, &prog);
        int same = 1, compared = 1;
        for (int b = 0; b < FK_NBACKEND; b++) {
            if (!use[b])
                continue;
            enum fk_verdict v = fk_compare(&target[b], &prog, &d);
            if (json)
                fk_report_json(stdout, argv[i], &prog, &d);
            else if (v != FK_AGREE)
                fk_report_print(stdout, argv[i], &prog, &d);
            if (v == FK_NOT_COMPARABLE)
                compared = 0;
            else if (v != FK_AGREE)
                same = 0;
        }
        agree += same && compared;
        differ += !same;
        other += same && !compared;
    }
    for (int b = 0; b < FK_NBACKEND; b++)
        fk_target_stop(&target[b]);
    if (!json)
        printf("%d program(s): %d agree, %d differ, %d not comparable on Linux past a step\n",
               agree + differ + other, agree, differ, other);
    return differ ? 1 : 0;
}
