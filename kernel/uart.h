/* COM1, polled: the trace link (spec/trace-protocol.md). Logs go to the
 * 0xE9 debug port instead (klog), so the two never mix. */
#ifndef KERNEL_UART_H
#define KERNEL_UART_H

#include <stddef.h>
#include <stdint.h>

void uart_init(void);
void uart_write(const uint8_t *buf, size_t n);
uint8_t uart_getc(void);            /* waits for a byte */

void klog(const char *text);        /* one line to the debug port */

#endif
