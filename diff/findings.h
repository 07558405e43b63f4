/* A finding saved so that it is never lost: its directory holds the
 * program as run (program.prog), the report (report.txt), the minimized
 * program (minimal.prog, with the divergence signature it keeps), the
 * commands that replay it (replay.sh), and for a Linux divergence a
 * standalone C reproducer (repro.c). Everything but the minimization is
 * written first. */
#ifndef DIFF_FINDINGS_H
#define DIFF_FINDINGS_H

#include <stdio.h>
#include "diff/compare.h"

/* Saves the finding d of *prog on t in dir (created with its parents);
 * by names who found it ("the gate"). *prog is minimized in place, d is
 * the minimal program's divergence when t is Linux. 0, or -1 when dir
 * cannot be created. */
int fk_save_finding(const char *dir, const char *name, const char *by, struct fk_target *t,
                    struct fk_prog *prog, struct fk_divergence *d);

/* mkdir -p: 0, or -1. */
int fk_make_dirs(const char *path);
/* dir/file opened for writing, or NULL. */
FILE *fk_open_in(const char *dir, const char *file);
/* prog as text after a header comment, in dir/file. */
void fk_write_program(const char *dir, const char *file, const char *header,
                      const struct fk_prog *prog);

#endif
