/* Findings that are never lost, named like syzkaller's: ROOT/ID, where ID
 * is the CRC-32 of the divergence signature in hex, so the same bug found
 * again (by the gate, a campaign, another machine) lands in the same
 * directory, whose finding.txt counts the hits and keeps the first and
 * last time it was seen. A new finding's directory holds the program as
 * run (program.prog), the report (report.txt), the minimized program
 * (minimal.prog), replay.sh (runs it again from any directory), and for a
 * kernel finding the kernel that showed it (kernel.elf), the program in
 * binary (minimal.bin) and qemu.sh (the kernel alone in QEMU's one-shot
 * mode: no forkspec needed); for a Linux divergence repro.c, a standalone
 * C reproducer. Everything but the minimized files is written first. */
#ifndef DIFF_FINDINGS_H
#define DIFF_FINDINGS_H

#include <stddef.h>
#include "diff/compare.h"

/* The directory of the finding with signature sig under root, created
 * (with its parents) or updated: its path in dir. 1 when it is new, 0
 * when it was there (its hits and last-seen time updated), -1 when it
 * cannot be written (dir names what failed). by: who found it. */
int fk_finding_record(const char *root, const char *sig, const char *by, char *dir,
                      size_t cap);

/* Records the finding d of *prog on t under root; when new, writes the
 * files above and minimizes *prog in place (d becomes the minimal
 * program's divergence when t is Linux). Returns as fk_finding_record. */
int fk_save_finding(const char *root, const char *name, const char *by, struct fk_target *t,
                    struct fk_prog *prog, struct fk_divergence *d, char *dir, size_t cap);

/* prog as text after a header comment, in dir/file: 0 or -1. */
int fk_write_program(const char *dir, const char *file, const char *header,
                     const struct fk_prog *prog);

/* text[0 .. len) as dir/file (mode: 0644, or 0755 for scripts): 0 or -1. */
int fk_write_file(const char *dir, const char *file, const char *text, size_t len, int mode);

#endif
