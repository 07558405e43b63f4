/* forkspec bench model: model steps per second on random programs of the
 * realistic mix (gen/gen.c), one core. Programs are generated first so
 * only model_reset and model_step are timed. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include "host/args.h"
#include "host/clock.h"
#include "model/model.h"
#include "gen/gen.h"

#define NPROGS 2000

static struct fk_prog progs[NPROGS];

static volatile uint8_t sink;   /* results are used: no call is elided */

int main(int argc, char **argv)
{
    if (argc > 3)
        return fprintf(stderr, "usage: bench [SECONDS [STEPS]]\n"), 2;
    double seconds = argc > 1 ? fk_arg_real("bench", "SECONDS", argv[1], 0.001, 1e6) : 3.0;
    double start, elapsed;
    struct fk_rng rng = fk_rng_seed(42);
    long steps = 0, programs = 0;
    uint32_t len = argc > 2 ? (uint32_t)fk_arg_int("bench", "STEPS", argv[2], 1, FK_MAX_STEPS) : 20;
    for (int i = 0; i < NPROGS; i++)
        fk_gen_program(&rng, len, &progs[i]);
    printf("model: random programs of %u steps, %.0f s ...\n", len, seconds);
    start = fk_now();
    do {
        for (int i = 0; i < NPROGS; i++) {
            model_reset();
            for (uint32_t k = 0; k < progs[i].nsteps; k++)
                sink = model_step(progs[i].step[k]).kind;
            steps += progs[i].nsteps;
        }
        programs += NPROGS;
        elapsed = fk_now() - start;
    } while (elapsed < seconds);
    printf("model: %ld programs, %ld steps in %.2f s: %.0f steps/s, %.0f programs/s\n",
           programs, steps, elapsed, (double)steps / elapsed,
           (double)programs / elapsed);
    return 0;
}
