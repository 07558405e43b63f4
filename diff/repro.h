/* Standalone C reproducers for Linux divergences: one C file that runs the
 * program's steps as real processes, one step at a time, on any Linux box
 * (no forkspec needed), and prints each step's result next to the
 * model's. */
#ifndef DIFF_REPRO_H
#define DIFF_REPRO_H

#include <stdio.h>
#include "diff/compare.h"

/* Writes the reproducer of p (d: its divergence on Linux) to out. */
void fk_repro_c(FILE *out, const struct fk_prog *p, const struct fk_divergence *d);

/* Writes guest.sh: builds repro.c (beside it) static as the /init of an
 * initramfs and runs it in QEMU on a bzImage ($1, else bzImage beside it),
 * printing the console: the reproducer on Linux in QEMU, no root needed. */
void fk_repro_guest_script(FILE *out);

#endif
