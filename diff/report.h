/* Divergence reports a kernel engineer reads in one minute: the program
 * around the step, both results, and only the observation lines that
 * differ. */
#ifndef DIFF_REPORT_H
#define DIFF_REPORT_H

#include <stdio.h>
#include "diff/compare.h"

void fk_report_print(FILE *out, const char *name, const struct fk_prog *p,
                     const struct fk_divergence *d);

#endif
