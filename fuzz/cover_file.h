/* The kernel edges one fuzz_diff process has seen, kept for the campaign's
 * progress line (FORKSPEC_COVER_OUT): the OR of the kernel's COVER bitmaps,
 * FK_COVER_BYTES bytes. Saved whole (written beside it, then renamed), so a
 * reader never sees half of it. Host C. */
#ifndef FUZZ_COVER_FILE_H
#define FUZZ_COVER_FILE_H

#include <stdint.h>
#include "spec/trace.h"

/* ORs the file's bits into bits: 0, or -1 when it cannot be read whole. */
int fk_cover_file_merge(const char *path, uint8_t bits[FK_COVER_BYTES]);

/* Replaces the file with bits: 0 or -1. */
int fk_cover_file_save(const char *path, const uint8_t bits[FK_COVER_BYTES]);

#endif
