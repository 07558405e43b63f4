/* forkspec gate: what a kernel change must pass. The regression corpus
 * (diff/corpus) on model and kernel, then random programs from a fixed
 * seed for a bounded time. Every divergence is reported; exit 1 if any,
 * 2 for bad input. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "diff/compare.h"
#include "diff/minimize.h"
#include "diff/report.h"
#include "spec/gen.h"
#include "spec/progfile.h"

static const char usage[] =
    "usage: forkspec gate [--seconds N] [--seed S] CORPUS.prog...\n"
    "  --seconds N   how long the random phase runs (default 30)\n"
    "  --seed S      its seed (default 1)\n"
    "  --findings D  where each finding is saved, minimized (default gate-findings)\n"
    "  --first       stop at the first finding\n"
    "  --kernel ELF  the kernel image (./forkspec gate passes the bundled one)\n";

static struct fk_prog prog;
static struct fk_divergence d;
static struct fk_qemu q;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static const char *findings = "gate-findings";
static int nfindings;

static FILE *open_in(const char *dir, const char *file)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return fopen(path, "w");
}

static void write_program(const char *dir, const char *file, const char *header)
{
    static char text[1 << 16];
    struct fk_out o = fk_out_make(text, sizeof text);
    FILE *f = open_in(dir, file);
    fk_out_str(&o, header);
    fk_prog_print(&prog, &o);
    if (f) {
        fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, f);
        fclose(f);
    }
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *s = buf + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(buf, 0777);
            *s = '/';
        }
    struct stat st;
    return mkdir(buf, 0777) && (stat(buf, &st) || !S_ISDIR(st.st_mode)) ? -1 : 0;
}

/* findings/NNN: the program, its report, the minimized program and the
 * command that replays it. Never lost: written before anything else. */
static void save_finding(const char *kernel, const char *name)
{
    char dir[512], sig[1024];
    snprintf(dir, sizeof dir, "%s/%03d", findings, ++nfindings);
    if (make_dirs(dir)) {
        fprintf(stderr, "forkspec gate: cannot create %s\n", dir);
        return;
    }
    write_program(dir, "program.prog", "# as run by the gate\n");
    FILE *r = open_in(dir, "report.txt");
    if (r) {
        fk_report_print(r, name, &prog, &d);
        fclose(r);
    }
    fk_report_signature(&prog, &d, sig, sizeof sig);
    fk_minimize(&q, kernel, &prog, sig);
    write_program(dir, "minimal.prog", "# minimized by the gate; same divergence\n");
    FILE *s = open_in(dir, "replay.sh");
    if (s) {
        fprintf(s, "#!/bin/sh\n# replays the finding: model vs kernel, then the kernel's "
                   "observations\n./forkspec diff %s/minimal.prog\n"
                   "./forkspec run --backend kernel --state %s/minimal.prog\n", dir, dir);
        fclose(s);
        char path[600];
        snprintf(path, sizeof path, "%s/replay.sh", dir);
        chmod(path, 0755);
    }
    printf("  saved in %s (%u steps after minimizing)\n", dir, prog.nsteps);
}

/* 0 when model and kernel agree on prog; else the report, saved. */
static int check(const char *kernel, const char *name)
{
    if (q.pid < 0 && fk_qemu_start(&q, kernel, NULL)) {
        fprintf(stderr, "forkspec gate: kernel %s did not start: %s\n", kernel, q.why);
        exit(2);
    }
    if (fk_compare_kernel(&q, &prog, &d) == FK_AGREE)
        return 0;
    fk_report_print(stdout, name, &prog, &d);
    save_finding(kernel, name);
    return 1;
}

int main(int argc, char **argv)
{
    const char *kernel = "bazel-bin/kernel/kernel.elf";
    double seconds = 30;
    unsigned long long seed = 1;
    int first = 0, bad = 0, corpus = 0, random = 0, stop_first = 0;
    for (int i = 1; i < argc && !first; i++) {
        if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
            kernel = argv[++i];
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], 0, 10);
        else if (!strcmp(argv[i], "--findings") && i + 1 < argc)
            findings = argv[++i];
        else if (!strcmp(argv[i], "--first"))
            stop_first = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return fputs(usage, stdout), 0;
        else if (argv[i][0] == '-' && argv[i][1])
            return fprintf(stderr, "forkspec gate: unexpected '%s'\n%s", argv[i], usage), 2;
        else
            first = i;
    }
    if (!first || seconds < 0)
        return fprintf(stderr, "forkspec gate: no corpus given\n%s", usage), 2;
    for (int i = first; i < argc; i++)
        if (fk_load_program("forkspec gate", argv[i], 0, &prog))
            return 2;
    q.pid = q.to_kernel = q.from_kernel = -1;
    for (int i = first; i < argc && !(stop_first && bad); i++, corpus++) {
        fk_load_program("forkspec gate", argv[i], 0, &prog);
        bad += check(kernel, argv[i]);
    }
    printf("gate: corpus: %d programs, %d differ\n", corpus, bad);
    struct fk_rng rng = fk_rng_seed(seed);
    double t0 = now();
    char name[64];
    while (now() - t0 < seconds && !(stop_first && bad)) {
        fk_gen_program(&rng, 40, &prog);
        snprintf(name, sizeof name, "random program %d (seed %llu)", random, seed);
        bad += check(kernel, name);
        random++;
    }
    fk_qemu_stop(&q);
    printf("gate: random: %d programs in %.0f s\n", random, now() - t0);
    printf("gate: %s\n", bad ? "FAILED" : "passed");
    return bad ? 1 : 0;
}
