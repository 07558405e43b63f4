/* forkspec campaign's triage: every crash or hang AFL++ saved is replayed
 * (the model's invariant after every step, then model vs kernel),
 * classified and deduplicated by divergence signature; each is recorded
 * in FINDINGS/ID (diff/findings.h), saved minimized when it is new there. Prints a summary;
 * exit 1 when anything reproduced, 0 when nothing did, 2 on bad usage.
 * usage: triage --kernel ELF|BZIMAGE [--initramfs F] --findings DIR INPUT...
 * (a bzImage: Linux in QEMU with the agent's initramfs F) */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diff/findings.h"
#include "diff/report.h"
#include "model/model.h"

enum { MAX_FINDINGS = 256 };

static struct fk_prog prog;
static struct fk_divergence d;
static struct fk_target t;
static char sigs[MAX_FINDINGS][1024];
static char ids[MAX_FINDINGS][16];       /* the findings' directory names */
static int hits[MAX_FINDINGS], nsig;

static int read_input(const char *path, struct fk_prog *p)
{
    static uint8_t buf[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    fk_prog_decode(buf, n, p);
    return 0;
}

/* The model's own invariant after every step: "" or what broke. */
static void model_invariant(const struct fk_prog *p, char *why, size_t cap)
{
    char broken[256];
    int step = model_run_checked(p, broken, sizeof broken);
    why[0] = 0;
    if (step >= 0)
        snprintf(why, cap, "model invariant broken after step %d: %s", step, broken);
}

/* The finding with this signature among this run's: its index, or -1. */
static int known(const char *sig)
{
    for (int i = 0; i < nsig; i++)
        if (!strcmp(sigs[i], sig))
            return i;
    return -1;
}

/* A model invariant broken: recorded (no backend to minimize on). */
static int save_model_bug(const char *findings, const char *input, const char *sig,
                          const char *why, char *dir, size_t cap)
{
    char text[1024];
    int got = fk_finding_record(findings, sig, "the campaign", dir, cap);
    if (got == 1) {
        size_t len = (size_t)snprintf(text, sizeof text, "%s: %s\n", input, why);
        if (fk_write_file(dir, "report.txt", text, len < sizeof text ? len : sizeof text - 1, 0644)
            || fk_write_program(dir, "program.prog", "# as saved by the campaign\n", &prog))
            got = -1;
    }
    return got;
}

int main(int argc, char **argv)
{
    const char *kernel = 0, *findings = 0, *initramfs = 0;
    static const struct option options[] = {
        { "kernel", required_argument, 0, 'k' }, { "findings", required_argument, 0, 'f' },
        { "initramfs", required_argument, 0, 'i' }, { 0, 0, 0, 0 },
    };
    static const char usage[] =
        "usage: triage --kernel ELF|BZIMAGE [--initramfs F] --findings DIR INPUT...\n";
    int replayed = 0, gone = 0, c;
    char sig[1024], dir[4096], why[512];
    while ((c = getopt_long(argc, argv, "", options, 0)) != -1) {
        switch (c) {
        case 'k': kernel = optarg; break;
        case 'f': findings = optarg; break;
        case 'i': initramfs = optarg; break;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!kernel || !findings)
        return fputs(usage, stderr), 2;
    int on_linux = fk_is_bzimage(kernel);     /* Linux in QEMU, with the agent */
    struct fk_images img = { on_linux ? 0 : kernel, on_linux ? kernel : 0, initramfs };
    fk_target_init(&t, on_linux ? FK_QEMU_LINUX : FK_KERNEL, &img);
    for (int i = optind; i < argc; i++) {
        if (read_input(argv[i], &prog))
            continue;
        replayed++;
        model_invariant(&prog, why, sizeof why);
        if (why[0]) {
            snprintf(sig, sizeof sig, "model-invariant %.900s", strchr(why, ':') + 2);
        } else if (fk_compare(&t, &prog, &d) == FK_AGREE || d.verdict == FK_NOT_COMPARABLE) {
            gone++;             /* a hang of the host, or a flake */
            continue;
        } else {
            fk_report_signature(&prog, &d, sig, sizeof sig);
        }
        int k = known(sig);
        if (k >= 0 || nsig == MAX_FINDINGS) {
            hits[k >= 0 ? k : nsig - 1] += k >= 0;
            continue;
        }
        int got = why[0] ? save_model_bug(findings, argv[i], sig, why, dir, sizeof dir)
                         : fk_save_finding(findings, argv[i], "the campaign", &t, &prog, &d,
                                           dir, sizeof dir);
        if (got < 0)
            fprintf(stderr, "triage: cannot write the finding in %s\n", dir);
        snprintf(sigs[nsig], sizeof sigs[nsig], "%s", sig);
        snprintf(ids[nsig], sizeof ids[nsig], "%.15s", strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir);
        hits[nsig++] = 1;
        if (got == 1)
            printf("  %s: new: %s (%u steps after minimizing)\n", dir, sig, prog.nsteps);
        else if (got == 0)
            printf("  %s: seen before: %s\n", dir, sig);
    }
    fk_target_stop(&t);
    printf("triage: %d crash(es) replayed: %d distinct finding(s), %d did not reproduce\n",
           replayed, nsig, gone);
    for (int i = 0; i < nsig; i++)
        printf("  %-10s x%-4d %s\n", ids[i], hits[i], sigs[i]);
    return nsig ? 1 : 0;
}
