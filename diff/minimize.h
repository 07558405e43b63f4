/* Shrinking a diverging program (delta debugging): steps first, then
 * arguments, keeping its divergence signature (fk_report_signature). */
#ifndef DIFF_MINIMIZE_H
#define DIFF_MINIMIZE_H

#include "diff/compare.h"

/* Shrinks *p in place; returns the number of kernel runs it took. A
 * kernel that panics or hangs is restarted from kernel. */
int fk_minimize(struct fk_qemu *q, const char *kernel, struct fk_prog *p,
                const char *signature);

/* The signature of p's divergence on q's kernel (restarted if needed),
 * or "" when model and kernel agree. */
void fk_divergence_signature(struct fk_qemu *q, const char *kernel,
                             const struct fk_prog *p, char *sig, size_t cap);

#endif
