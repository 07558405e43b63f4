/* forkspec campaign's triage: every crash or hang AFL++ saved is replayed
 * (the model's invariant after every step, then model vs kernel),
 * classified, deduplicated by divergence signature, and each new one
 * saved minimized in FINDINGS/NNN (diff/findings.h). Prints a summary;
 * exit 1 when anything reproduced, 0 when nothing did, 2 on bad usage.
 * usage: triage --kernel ELF --findings DIR INPUT... */
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

static int known(const char *sig)
{
    for (int i = 0; i < nsig; i++)
        if (!strcmp(sigs[i], sig))
            return hits[i]++, 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *kernel = 0, *findings = 0;
    int first = 0, replayed = 0, gone = 0;
    char sig[1024], dir[600], why[512];
    for (int i = 1; i < argc && !first; i++) {
        if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
            kernel = argv[++i];
        else if (!strcmp(argv[i], "--findings") && i + 1 < argc)
            findings = argv[++i];
        else
            first = i;
    }
    if (!kernel || !findings)
        return fprintf(stderr, "usage: triage --kernel ELF --findings DIR INPUT...\n"), 2;
    fk_target_init(&t, 0, kernel);
    for (int i = first; first && i < argc; i++) {
        if (read_input(argv[i], &prog))
            continue;
        replayed++;
        model_invariant(&prog, why, sizeof why);
        if (why[0]) {
            snprintf(sig, sizeof sig, "model-invariant %.900s", strchr(why, ':') + 2);
            if (known(sig) || nsig == MAX_FINDINGS)
                continue;
            snprintf(dir, sizeof dir, "%s/%03d", findings, nsig + 1);
            memset(&d, 0, sizeof d);
            d.verdict = FK_DIVERGE;
            snprintf(d.why, sizeof d.why, "%.250s", why);
        } else {
            if (fk_compare(&t, &prog, &d) == FK_AGREE) {
                gone++;             /* a hang of the host, or a flake */
                continue;
            }
            fk_report_signature(&prog, &d, sig, sizeof sig);
            if (known(sig) || nsig == MAX_FINDINGS)
                continue;
            snprintf(dir, sizeof dir, "%s/%03d", findings, nsig + 1);
        }
        snprintf(sigs[nsig], sizeof sigs[nsig], "%s", sig);
        hits[nsig++] = 1;
        if (why[0]) {           /* the model's own bug: no backend to minimize on */
            FILE *r = fk_make_dirs(dir) ? 0 : fk_open_in(dir, "report.txt");
            if (r) {
                fprintf(r, "%s: %s\n", argv[i], why);
                fclose(r);
            }
            fk_write_program(dir, "program.prog", "# as saved by the campaign\n", &prog);
        } else if (fk_save_finding(dir, argv[i], "the campaign", &t, &prog, &d)) {
            fprintf(stderr, "triage: cannot create %s\n", dir);
        }
        printf("  %s: %s (%u steps after minimizing)\n", dir, sig, prog.nsteps);
    }
    fk_target_stop(&t);
    printf("triage: %d crash(es) replayed: %d distinct finding(s), %d did not reproduce\n",
           replayed, nsig, gone);
    for (int i = 0; i < nsig; i++)
        printf("  %03d  x%-4d %s\n", i + 1, hits[i], sigs[i]);
    return nsig ? 1 : 0;
}
