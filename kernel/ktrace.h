/* The kernel's end of the trace protocol (spec/trace-protocol.md): frames
 * out over COM1 with the kernel's own sequence numbers, frames in through
 * the shared resynchronizing decoder. */
#ifndef KERNEL_KTRACE_H
#define KERNEL_KTRACE_H

#include <stddef.h>
#include <stdint.h>
#include "spec/frame.h"

void trace_send(uint8_t type, const uint8_t *payload, size_t len);
void trace_hello(void);
void trace_error(uint32_t prog_id, uint8_t code, const char *text);
/* Waits for the next intact host frame. */
void trace_next(struct fk_frame *f);

#endif
