/* forkspec bench diff: steps per second of the whole comparison (model and
 * backend, step by step, with the observations compared), on random
 * programs of the realistic mix: model vs kernel (persistent, hash mode)
 * and model vs Linux, in one run so that their ratio is fair.
 * usage: bench_diff KERNEL.elf [SECONDS [STEPS]] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "diff/compare.h"
#include "host/args.h"
#include "host/clock.h"
#include "gen/gen.h"

static struct fk_target target[2];
static struct fk_prog prog;
static struct fk_divergence d;

int main(int argc, char **argv)
{
    static const char *const name[] = { "kernel", "linux" };
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: bench_diff KERNEL.elf [SECONDS [STEPS (1..%d)]]\n",
                FK_MAX_STEPS);
        return 2;
    }
    double seconds = argc > 2 ? fk_arg_real("bench", "SECONDS", argv[2], 0.001, 1e6) : 5;
    uint32_t nsteps = argc > 3 ? (uint32_t)fk_arg_int("bench", "STEPS", argv[3], 1, FK_MAX_STEPS) : 20;
    for (int b = 0; b < 2; b++) {
        fk_target_init(&target[b], b, argv[1]);
        if (fk_target_ready(&target[b])) {
            fprintf(stderr, "bench: %s\n", target[b].why);
            return 1;
        }
        struct fk_rng rng = fk_rng_seed(7);
        long steps = 0, programs = 0, findings = 0;
        double t0 = fk_now(), t;
        while ((t = fk_now() - t0) < seconds) {
            fk_gen_program(&rng, nsteps, &prog);
            enum fk_verdict v = fk_compare(&target[b], &prog, &d);
            findings += v != FK_AGREE && v != FK_NOT_COMPARABLE;
            steps += v == FK_AGREE ? prog.nsteps : d.step + 1;
            programs++;
        }
        fk_target_stop(&target[b]);
        printf("model vs %s: %ld programs, %ld steps in %.2f s: %.0f steps/s (%u-step "
               "programs; %ld not agreeing)\n", name[b], programs, steps, t, steps / t, nsteps,
               findings);
    }
    return 0;
}
