/* Divergence reports a kernel engineer reads in one minute: the program
 * around the step, both results, and only the observation lines that
 * differ. */
#ifndef DIFF_REPORT_H
#define DIFF_REPORT_H

#include <stdio.h>
#include "diff/compare.h"

void fk_report_print(FILE *out, const char *name, const struct fk_prog *p,
                     const struct fk_divergence *d);

/* The same as one JSON object on one line, for tools: program, verdict,
 * step, op, both results, why, and the differing lines, each with its side
 * and entity (spec/obs_print.h). */
void fk_report_json(FILE *out, const char *name, const struct fk_prog *p,
                    const struct fk_divergence *d);

/* What a divergence is, independent of canonical numbering (which moves
 * as steps are removed): the verdict, the diverging step's operation,
 * whether the results differ, and the kinds of entity that differ in the
 * structural diff (diff/obsdiff.h: "diverge dup2 result-same file p").
 * Minimizing keeps it. */
void fk_report_signature(const struct fk_prog *p, const struct fk_divergence *d,
                         char *sig, size_t cap);

#endif
