/* The reference model (spec/state.md, spec/syscalls.md): the abstract state
 * as bounded global arrays, one function per operation. No malloc, no
 * recursion, no function pointers. */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include "spec/obs.h"
#include "spec/program.h"

/* The initial state: p0 alive, the namespace's initial contents. */
void model_reset(void);

/* Runs one step: the executor's checks, then the operation. */
void model_step(const struct fk_step *s, struct fk_result *r);

/* The state as an observation, in the model's internal numbering
 * (canonicalize it with fk_obs_canon). */
void model_observe(struct fk_obs *raw);

/* The executable twin of valid_state: 0 when every invariant of
 * spec/state.md holds, else -1 with the first violation described in why. */
int model_check(char *why, size_t cap);

#endif
