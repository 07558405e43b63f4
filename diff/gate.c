/* forkspec gate: what a kernel change must pass. The regression corpus
 * (diff/corpus) on the model and each backend (the kernel, Linux), then
 * random programs from a fixed seed for a bounded time on each. Every
 * divergence is reported and saved minimized; exit 1 if any, 2 for bad
 * input. Runs Linux cannot be compared on past a step are counted and
 * named, never passed. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "diff/compare.h"
#include "diff/findings.h"
#include "diff/minimize.h"
#include "diff/report.h"
#include "spec/gen.h"
#include "spec/progfile.h"

static const char usage[] =
    "usage: forkspec gate [--against kernel|linux|all] [--seconds N] [--seed S] CORPUS.prog...\n"
    "  --against B   the backends: kernel, linux or all (default)\n"
    "  --seconds N   how long the random phase runs on each backend (default 30)\n"
    "  --seed S      its seed (default 1)\n"
    "  --findings D  where each finding is saved, minimized (default gate-findings)\n"
    "  --first       stop at the first finding\n"
    "  --kernel ELF  the kernel image (./forkspec gate passes the bundled one)\n";

static struct fk_prog prog;
static struct fk_divergence d;
static struct fk_target target[2];      /* kernel, linux */
static int not_comparable;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static const char *findings = "gate-findings";
static int nfindings;

/* findings/NNN: what fk_save_finding writes. */
static void save_finding(struct fk_target *t, const char *name)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%03d", findings, ++nfindings);
    if (fk_save_finding(dir, name, "the gate", t, &prog, &d))
        fprintf(stderr, "forkspec gate: cannot create %s\n", dir);
    else
        printf("  saved in %s (%u steps after minimizing)\n", dir, prog.nsteps);
}

/* 0 when the model and t agree on prog (or Linux cannot be compared past
 * a step: counted, and named when quiet is 0); else the report, saved. */
static int check(struct fk_target *t, const char *name, int quiet)
{
    if (fk_target_ready(t)) {
        fprintf(stderr, "forkspec gate: %s\n", t->why);
        exit(2);
    }
    enum fk_verdict v = fk_compare(t, &prog, &d);
    if (v == FK_AGREE)
        return 0;
    if (v == FK_NOT_COMPARABLE) {
        not_comparable++;
        if (!quiet)
            printf("%s: not comparable on linux from step %u: %s\n", name, d.step, d.why);
        return 0;
    }
    fk_report_print(stdout, name, &prog, &d);
    save_finding(t, name);
    return 1;
}

/* The corpus, then the random phase, on one backend; the findings. */
static int gate(struct fk_target *t, char **corpus, int n, double seconds,
                unsigned long long seed, int stop_first)
{
    const char *b = t->on_linux ? "linux" : "kernel";
    int bad = 0, random = 0, nc = not_comparable;
    for (int i = 0; i < n && !(stop_first && bad); i++) {
        fk_load_program("forkspec gate", corpus[i], 0, &prog);
        bad += check(t, corpus[i], 0);
    }
    printf("gate: %s: corpus: %d programs, %d differ, %d not comparable\n", b, n, bad,
           not_comparable - nc);
    struct fk_rng rng = fk_rng_seed(seed);
    double t0 = now();
    char name[64];
    nc = not_comparable;
    while (now() - t0 < seconds && !(stop_first && bad)) {
        fk_gen_program(&rng, 40, &prog);
        snprintf(name, sizeof name, "random program %d (seed %llu)", random, seed);
        bad += check(t, name, 1);
        random++;
    }
    fk_target_stop(t);
    printf("gate: %s: random: %d programs in %.0f s, %d not comparable past a step\n", b,
           random, now() - t0, not_comparable - nc);
    return bad;
}

int main(int argc, char **argv)
{
    const char *kernel = "bazel-bin/kernel/kernel.elf", *against = "all";
    double seconds = 30;
    unsigned long long seed = 1;
    int first = 0, bad = 0, stop_first = 0;
    for (int i = 1; i < argc && !first; i++) {
        if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
            kernel = argv[++i];
        else if (!strcmp(argv[i], "--against") && i + 1 < argc)
            against = argv[++i];
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
    int use[2];
    if (fk_backends_named(against, use))
        return fprintf(stderr, "forkspec gate: --against %s: not kernel, linux or all\n",
                       against), 2;
    for (int i = first; i < argc; i++)
        if (fk_load_program("forkspec gate", argv[i], 0, &prog))
            return 2;
    for (int b = 0; b < 2 && !(stop_first && bad); b++) {
        fk_target_init(&target[b], b, kernel);
        if (use[b])
            bad += gate(&target[b], argv + first, argc - first, seconds, seed, stop_first);
    }
    printf("gate: %s\n", bad ? "FAILED" : "passed");
    return bad ? 1 : 0;
}
