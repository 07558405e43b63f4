/* forkspec diff: programs on the model and on the kernel in QEMU, step by
 * step. Exit 0 when all agree, 1 when any diverges (or the kernel panics,
 * hangs or leaks), 2 for bad input. */
#include <stdio.h>
#include <string.h>
#include "diff/compare.h"
#include "diff/report.h"
#include "spec/progfile.h"

static const char usage[] =
    "usage: forkspec diff [--against kernel] [--binary] PROG...\n"
    "  --against B   kernel (default); linux and all arrive with the Linux backend\n"
    "  --binary      the programs are in the binary form\n"
    "  --json        one JSON object per program (agreeing ones too), no summary\n"
    "  --kernel ELF  the kernel image (./forkspec diff passes the bundled one)\n";

static struct fk_prog prog;
static struct fk_divergence d;

int main(int argc, char **argv)
{
    const char *against = "kernel", *kernel = "bazel-bin/kernel/kernel.elf";
    int binary = 0, json = 0, first = 0, agree = 0, differ = 0;
    static struct fk_qemu q;
    for (int i = 1; i < argc && !first; i++) {
        if (!strcmp(argv[i], "--against") && i + 1 < argc)
            against = argv[++i];
        else if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
            kernel = argv[++i];
        else if (!strcmp(argv[i], "--binary"))
            binary = 1;
        else if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return fputs(usage, stdout), 0;
        else if (argv[i][0] == '-' && argv[i][1])
            return fprintf(stderr, "forkspec diff: unexpected '%s'\n%s", argv[i], usage), 2;
        else
            first = i;
    }
    if (!first)
        return fprintf(stderr, "forkspec diff: no program given\n%s", usage), 2;
    if (strcmp(against, "kernel"))
        return fprintf(stderr, "forkspec diff: --against %s is not in this build yet "
                       "(kernel is)\n", against), 2;
    for (int i = first; i < argc; i++)     /* every program is checked first */
        if (fk_load_program("forkspec diff", argv[i], binary, &prog))
            return 2;
    q.pid = q.to_kernel = q.from_kernel = -1;
    for (int i = first; i < argc; i++) {
        fk_load_program("forkspec diff", argv[i], binary, &prog);
        if (q.pid < 0 && fk_qemu_start(&q, kernel, NULL)) {
            fprintf(stderr, "forkspec diff: kernel %s did not start: %s\n", kernel, q.why);
            return 2;
        }
        int same = fk_compare_kernel(&q, &prog, &d) == FK_AGREE;
        agree += same;
        differ += !same;
        if (json)
            fk_report_json(stdout, argv[i], &prog, &d);
        else if (!same)
            fk_report_print(stdout, argv[i], &prog, &d);
    }
    fk_qemu_stop(&q);
    if (!json)
        printf("%d program(s): %d agree, %d differ\n", agree + differ, agree, differ);
    return differ ? 1 : 0;
}
