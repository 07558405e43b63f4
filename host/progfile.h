/* Loading program files on the host (not freestanding: stdio). */
#ifndef FK_PROGFILE_H
#define FK_PROGFILE_H

#include "spec/program.h"

/* Loads PATH ("-" is standard input) as text, or as binary when binary is
 * set. Returns 0, or 2 after printing "FILE:LINE:COL: message" or the I/O
 * error to stderr under the name tool. */
int fk_load_program(const char *tool, const char *path, int binary,
                    struct fk_prog *prog);

/* "<stdin>" for "-", else path. */
const char *fk_display_name(const char *path);

#endif
