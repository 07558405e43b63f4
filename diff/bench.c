/* forkspec bench diff: steps per second of the whole comparison (model and
 * backend, step by step, with the observations compared), on random
 * programs of the realistic mix: model vs kernel (persistent; a STEP per
 * step, then program-hash mode: old and new), model vs the host's Linux (as root; else skipped) and model vs Linux in
 * QEMU (persistent, full mode; its link a virtio console, then the 8250
 * UART), in one run so that their ratios are fair.
 * usage: bench_diff KERNEL.elf BZIMAGE INITRAMFS SERIAL_INITRAMFS [SECONDS [STEPS]] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "diff/compare.h"
#include "host/args.h"
#include "host/clock.h"
#include "gen/gen.h"

static struct fk_target target[FK_NBACKEND];
static struct fk_prog prog;
static struct fk_divergence d;

int main(int argc, char **argv)
{
    if (argc < 5 || argc > 7) {
        fprintf(stderr, "usage: bench_diff KERNEL.elf BZIMAGE INITRAMFS SERIAL_INITRAMFS "
                "[SECONDS [STEPS (1..%d)]]\n", FK_MAX_STEPS);
        return 2;
    }
    struct fk_images img = { argv[1], argv[2], argv[3] };
    double seconds = argc > 5 ? fk_arg_real("bench", "SECONDS", argv[5], 0.001, 1e6) : 5;
    uint32_t nsteps = argc > 6 ? (uint32_t)fk_arg_int("bench", "STEPS", argv[6], 1, FK_MAX_STEPS) : 20;
    /* kernel twice (a STEP per step, then program-hash mode), linux,
     * qemu-linux twice (virtio console, then the UART's initramfs) */
    static const int runs[] = { FK_KERNEL, FK_KERNEL, FK_LINUX, FK_QEMU_LINUX, FK_QEMU_LINUX };
    for (int run = 0; run < 5; run++) {
        int b = runs[run], per_step = run == 0;
        const char *name = per_step ? "kernel (a STEP per step)" : fk_backend_names[b];
        if (run == 4)
            img.initramfs = argv[4];
        double boot = fk_now();
        fk_target_init(&target[b], b, &img);
        target[b].q.per_step = per_step;
        if (fk_target_ready(&target[b])) {
            printf("model vs %s: skipped: %s\n", name, target[b].why);
            if (b == FK_LINUX)
                continue;
            return 1;
        }
        if (b != FK_LINUX)
            printf("%s: boot to HELLO in %.2f s%s%.*s\n", name, fk_now() - boot,
                   b == FK_QEMU_LINUX ? ", agent: " : "",
                   b == FK_QEMU_LINUX ? (int)target[b].q.hello.build_len : 0,
                   (const char *)target[b].q.hello.build);
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
               "programs; %ld not agreeing)\n", name, programs, steps, t, steps / t, nsteps,
               findings);
    }
    return 0;
}
