/* Kernel coverage for the fuzzer (spec/trace-protocol.md, COVER): in a
 * coverage build (KERNEL_COVERAGE, kernel:kernel_coverage) gcc's
 * -fsanitize-coverage=trace-pc calls __sanitizer_cov_trace_pc at every
 * basic block of the instrumented files; each (previous block, block)
 * edge sets one bit of an FK_COVER_BYTES bitmap. */
#ifndef KERNEL_COVER_H
#define KERNEL_COVER_H

#include <stdint.h>

int cover_built(void);
void cover_reset(void);
/* The program's bitmap, in COVER frames of at most 4096 bytes. */
void cover_send(uint32_t prog_id);

#endif
