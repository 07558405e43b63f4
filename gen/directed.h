/* State-directed programs (issue 16): a realistic start (gen.c), then
 * steps drawn one by one while the model runs them, so that arguments
 * come from the state reached: a pipe filled to exactly its capacity or
 * one byte either side, writes at the file size limit (some with
 * O_APPEND), mappings and mprotect/munmap ranges at the window's end and
 * at a region's end (a store before and after), sbrk to the heap limit;
 * tables filled until they refuse (process slots, memory objects, open
 * files together with fd tables), then freed and refilled; fork chains
 * whose middle exits, waited for with every kind of argument; steps to
 * which several errors apply. Host C: it runs the model (and leaves its
 * state at the program's end). */
#ifndef FK_GEN_DIRECTED_H
#define FK_GEN_DIRECTED_H

#include "gen/gen.h"

/* Fills p with nsteps steps (at most FK_MAX_STEPS). */
void fk_gen_directed(struct fk_rng *r, uint32_t nsteps, struct fk_prog *p);

/* One directed action after the first at steps of p (which the model
 * runs first): its steps, at most max, in out; their count. The step
 * mutator's way to the same states from any queue entry. */
uint32_t fk_gen_action(struct fk_rng *r, const struct fk_prog *p, uint32_t at,
                       struct fk_prog *out, uint32_t max);

#endif
