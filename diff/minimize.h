/* Shrinking a diverging program (delta debugging): steps first, then
 * arguments, keeping its divergence signature (fk_report_signature). */
#ifndef DIFF_MINIMIZE_H
#define DIFF_MINIMIZE_H

#include "diff/compare.h"

/* Shrinks *p in place; returns the number of backend runs it took. A
 * kernel that panics or hangs is restarted. */
int fk_minimize(struct fk_target *t, struct fk_prog *p, const char *signature);

/* The signature of p's divergence on t, or "" when model and t agree. */
void fk_divergence_signature(struct fk_target *t, const struct fk_prog *p, char *sig,
                             size_t cap);

#endif
