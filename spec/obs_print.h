/* Readable text for results and observations: what `forkspec run` prints
 * and what divergence reports are made of. One entity per line, so two
 * observations can be compared line by line. Freestanding C. */
#ifndef FK_OBS_PRINT_H
#define FK_OBS_PRINT_H

#include "spec/obs.h"
#include "spec/out.h"
#include "spec/program.h"

/* "0", "p2", "EBADF", "SKIP", "KILLED 11", "p1 exited(3)", "3 4", ... */
void fk_result_print(const struct fk_step *s, const struct fk_result *r,
                     struct fk_out *o);

/* A canonical observation; level FK_L1 or FK_L2 (L2 adds L1's lines plus
 * the internal fields). Each line starts with indent. */
void fk_obs_print(const struct fk_obs *obs, int level, const char *indent,
                  struct fk_out *o);

#endif
