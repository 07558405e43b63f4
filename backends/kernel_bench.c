/* forkspec bench kernel: boot to HELLO, and steps per second in persistent
 * hash mode end to end (program out, STEP frames and END back over the
 * serial link), then in program-hash mode (one DIGEST instead of the
 * STEPs), on the same random programs of the realistic mix.
 * usage: bench KERNEL.elf [SECONDS [STEPS]] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "backends/qemu.h"
#include "host/args.h"
#include "host/clock.h"
#include "gen/gen.h"

static struct fk_qemu q;
static struct fk_prog prog;

/* Runs one program; returns the steps its STEPs or DIGEST count, or -1
 * on trouble. */
static int run_one(uint32_t id, uint8_t mode)
{
    struct fk_frame f;
    struct fk_digest_msg g;
    int steps = 0;
    if (fk_qemu_send_program(&q, &prog, mode, id))
        return -1;
    for (;;) {
        if (fk_qemu_recv(&q, &f, 5000) != 1)
            return -1;
        if (f.type == FK_T_END)
            return steps;
        if (f.type == FK_T_DIGEST && !fk_digest_get(f.payload, f.len, &g))
            steps = g.steps;
        else if (f.type == FK_T_STEP)
            steps++;
        else
            return -1;
    }
}

/* Random programs in mode for the given seconds: 0, or -1. */
static int run_for(double seconds, uint32_t nsteps, uint8_t mode)
{
    struct fk_rng rng = fk_rng_seed(7);
    long steps = 0, programs = 0;
    double t0 = fk_now(), t;
    while ((t = fk_now() - t0) < seconds) {
        fk_gen_program(&rng, nsteps, &prog);
        int got = run_one((uint32_t)programs + 1, mode);
        if (got < 0) {
            fprintf(stderr, "bench: program %ld failed (PANIC, hang or bad frame)\n", programs);
            return -1;
        }
        steps += got;
        programs++;
    }
    printf("kernel: %ld programs, %ld steps in %.2f s: %.0f steps/s, %.0f programs/s"
           " (%s mode, %u-step programs)\n", programs, steps, t, steps / t, programs / t,
           mode == FK_MODE_HASH ? "hash" : "program-hash", nsteps);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: bench KERNEL.elf [SECONDS [STEPS (1..%d)]]\n", FK_MAX_STEPS);
        return 2;
    }
    double seconds = argc > 2 ? fk_arg_real("bench", "SECONDS", argv[2], 0.001, 1e6) : 5;
    uint32_t nsteps = argc > 3 ? (uint32_t)fk_arg_int("bench", "STEPS", argv[3], 1, FK_MAX_STEPS) : 20;
    double boot = 0;
    for (int i = 0; i < 5; i++) {
        if (fk_qemu_start(&q, argv[1], 0)) {
            fprintf(stderr, "bench: kernel did not start: %s\n", q.why);
            return 1;
        }
        boot += q.hello_seconds / 5;
        if (i < 4)
            fk_qemu_stop(&q);
    }
    printf("kernel: boot to HELLO %.3f s (mean of 5)\n", boot);
    int bad = run_for(seconds, nsteps, FK_MODE_HASH)
              || run_for(seconds, nsteps, FK_MODE_PROGRAM_HASH);
    fk_qemu_stop(&q);
    return bad ? 1 : 0;
}
