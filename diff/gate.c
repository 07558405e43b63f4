/* forkspec gate: what a kernel change must pass. The regression corpus
 * (diff/corpus) on the model and each backend (the kernel, Linux), then
 * random programs from a fixed seed, bounded by a count or a time, on each:
 * by default realistic (gen/gen.c) and state-directed (gen/directed.c)
 * programs in turn. Every
 * divergence is reported and saved minimized; exit 1 if any, 2 for bad
 * input. Runs Linux cannot be compared on past a step are counted and
 * named, never passed. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host/args.h"
#include "diff/compare.h"
#include "diff/findings.h"
#include "diff/minimize.h"
#include "diff/report.h"
#include "host/clock.h"
#include "gen/directed.h"
#include "gen/gen.h"
#include "host/progfile.h"

static const char usage[] =
    "usage: forkspec gate [--against kernel|linux|qemu-linux|all] [--seconds N | --programs N]\n"
    "                     [--seed S] [--findings D] [--first] CORPUS.prog...\n"
    "  --against B   the backends: kernel, linux, qemu-linux or all (default: kernel and\n"
    "                qemu-linux, and linux when it can run here, i.e. as root)\n"
    "  --seconds N   how long the random phase runs on each backend (default 30)\n"
    "  --programs N  instead: how many random programs it runs on each backend\n"
    "  --seed S      its seed (default 1)\n"
    "  --gen MODE    its programs: realistic (40 steps of the everyday mix), directed\n"
    "                (120 steps reaching the spec's limits, tables filled, fork\n"
    "                trees) or mixed, the two in turn (default)\n"
    "  --findings D  where findings are kept, one directory each, minimized\n"
    "                (default gate-findings)\n"
    "  --first       stop at the first finding\n"
    "  --kernel PATH the kernel image: an x86-64 bzImage is qemu-linux's, anything else the\n"
    "                bundled kernel's (./forkspec passes both defaults)\n"
    "  --initramfs F qemu-linux's agent (./forkspec passes //backends:initramfs)\n";

static struct fk_prog prog;
static struct fk_divergence d;
static struct fk_target target[FK_NBACKEND];
static int not_comparable;

enum { GEN_MIXED, GEN_REALISTIC, GEN_DIRECTED, DIRECTED_STEPS = 120 };
static int gen_mode = GEN_MIXED;

static const char *findings = "gate-findings";

/* FINDINGS/ID (diff/findings.h): a new finding saved minimized, or one
 * seen before counted. */
static void save_finding(struct fk_target *t, const char *name)
{
    char dir[4096];
    int got = fk_save_finding(findings, name, "the gate", t, &prog, &d, dir, sizeof dir);
    if (got < 0)
        fprintf(stderr, "forkspec gate: cannot write the finding in %s\n", dir);
    else if (got == 0)
        printf("  seen before: %s (its hits counted)\n", dir);
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
            printf("%s: not comparable on %s from step %u: %s\n", name,
                   fk_backend_names[t->backend], d.step, d.why);
        return 0;
    }
    fk_report_print(stdout, name, &prog, &d);
    save_finding(t, name);
    return 1;
}

/* The corpus, then the random phase (programs, or seconds when programs
 * is negative), on one backend; the findings. */
static int gate(struct fk_target *t, char **corpus, int n, long long programs,
                double seconds, unsigned long long seed, int stop_first)
{
    const char *b = fk_backend_names[t->backend];
    int bad = 0, nc = not_comparable;
    long long random = 0;
    for (int i = 0; i < n && !(stop_first && bad); i++) {
        fk_load_program("forkspec gate", corpus[i], 0, &prog);
        bad += check(t, corpus[i], 0);
    }
    printf("gate: %s: corpus: %d programs, %d differ, %d not comparable\n", b, n, bad,
           not_comparable - nc);
    struct fk_rng rng = fk_rng_seed(seed);
    double t0 = fk_now();
    char name[64];
    nc = not_comparable;
    while ((programs >= 0 ? random < programs : fk_now() - t0 < seconds) && !(stop_first && bad)) {
        if (gen_mode == GEN_REALISTIC || (gen_mode == GEN_MIXED && random % 2 == 0))
            fk_gen_program(&rng, 40, &prog);
        else
            fk_gen_directed(&rng, DIRECTED_STEPS, &prog);
        snprintf(name, sizeof name, "random program %lld (seed %llu)", random, seed);
        bad += check(t, name, 1);
        random++;
    }
    fk_target_stop(t);
    printf("gate: %s: random: %lld programs in %.0f s, %d not comparable past a step\n", b,
           random, fk_now() - t0, not_comparable - nc);
    return bad;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "kernel", required_argument, 0, 'k' },   { "against", required_argument, 0, 'a' },
        { "seconds", required_argument, 0, 's' },  { "programs", required_argument, 0, 'n' },
        { "seed", required_argument, 0, 'r' },     { "findings", required_argument, 0, 'f' },
        { "first", no_argument, 0, '1' },          { "help", no_argument, 0, 'h' },
        { "initramfs", required_argument, 0, 'i' }, { "gen", required_argument, 0, 'g' },
        { 0, 0, 0, 0 },
    };
    const char *cmd = "forkspec gate", *against = "all";
    struct fk_images img = FK_IMAGES_DEFAULT;
    double seconds = 30;
    long long programs = -1;
    unsigned long long seed = 1;
    int bad = 0, stop_first = 0, c;
    while ((c = getopt_long(argc, argv, "h", options, 0)) != -1) {
        switch (c) {
        case 'k':
            if (fk_images_kernel(&img, optarg))
                return fprintf(stderr, "%s: --kernel %s: cannot read it\n", cmd, optarg), 2;
            break;
        case 'i': img.initramfs = optarg; break;
        case 'a': against = optarg; break;
        case 's': seconds = fk_arg_real(cmd, "--seconds", optarg, 0, 1e9); break;
        case 'n': programs = fk_arg_int(cmd, "--programs", optarg, 0, 1000000000); break;
        case 'r': seed = (unsigned long long)fk_arg_int(cmd, "--seed", optarg, 0, INT64_MAX); break;
        case 'f': findings = optarg; break;
        case '1': stop_first = 1; break;
        case 'g':
            gen_mode = !strcmp(optarg, "mixed") ? GEN_MIXED : !strcmp(optarg, "realistic")
                       ? GEN_REALISTIC : !strcmp(optarg, "directed") ? GEN_DIRECTED : -1;
            if (gen_mode < 0)
                return fprintf(stderr, "%s: --gen %s: not realistic, directed or mixed\n", cmd,
                               optarg), 2;
            break;
        case 'h': fputs(usage, stdout); return 0;
        default: fk_arg_usage_exit(usage);
        }
    }
    if (optind == argc)
        return fprintf(stderr, "%s: no corpus given\n%s", cmd, usage), 2;
    int use[FK_NBACKEND];
    if (fk_backends_named(against, use))
        return fprintf(stderr, "%s: --against %s: not kernel, linux, qemu-linux or all\n", cmd,
                       against), 2;
    for (int i = optind; i < argc; i++)
        if (fk_load_program(cmd, argv[i], 0, &prog))
            return 2;
    for (int b = 0; b < FK_NBACKEND && !(stop_first && bad); b++) {
        fk_target_init(&target[b], b, &img);
        if (use[b] && b == FK_LINUX && !strcmp(against, "all") && fk_target_ready(&target[b])) {
            printf("gate: linux: skipped: %s\n", target[b].why);
            continue;
        }
        if (use[b])
            bad += gate(&target[b], argv + optind, argc - optind, programs, seconds, seed,
                        stop_first);
    }
    printf("gate: %s\n", bad ? "FAILED" : "passed");
    return bad ? 1 : 0;
}
