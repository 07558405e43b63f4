/* Random programs of a realistic mix, from a seed: for property tests,
 * benchmarks, kernel stress runs and the gate's random phase. The same
 * seed gives the same program everywhere. Freestanding C. */
#ifndef FK_GEN_H
#define FK_GEN_H

#include <stdint.h>
#include "spec/program.h"

struct fk_rng {
    uint64_t s;
};

static inline struct fk_rng fk_rng_seed(uint64_t seed)
{
    struct fk_rng r = { seed * 0x9e3779b97f4a7c15ull + 1 };
    return r;
}

/* xorshift64*, and a uniform draw in 0 .. n-1 (n > 0). */
uint64_t fk_rng_next(struct fk_rng *r);
uint32_t fk_rng_below(struct fk_rng *r, uint32_t n);

/* Fills p with nsteps (at most FK_MAX_STEPS) steps: mostly meaningful
 * arguments (open fds, mapped pages, existing names), some edge values. */
void fk_gen_program(struct fk_rng *r, uint32_t nsteps, struct fk_prog *p);

#endif
