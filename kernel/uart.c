/* The first 16550 UART at 0x3f8, 115200 8N1, FIFOs on, no interrupts. */
#include "kernel/uart.h"
#include "kernel/x86.h"

#define COM1 0x3f8
#define DEBUG_PORT 0xe9

enum { DATA = 0, IER = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5 };
enum { LSR_READY = 0x01, LSR_THR_EMPTY = 0x20 };

void uart_init(void)
{
    outb(COM1 + IER, 0);
    outb(COM1 + LCR, 0x80);         /* divisor latch */
    outb(COM1 + DATA, 1);           /* 115200 baud */
    outb(COM1 + IER, 0);
    outb(COM1 + LCR, 0x03);         /* 8 bits, no parity, 1 stop */
    outb(COM1 + FCR, 0xc7);         /* FIFOs on and cleared */
    outb(COM1 + MCR, 0x03);         /* DTR, RTS */
}

void uart_write(const uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        while (!(inb(COM1 + LSR) & LSR_THR_EMPTY))
            ;
        outb(COM1 + DATA, buf[i]);
    }
}

uint8_t uart_getc(void)
{
    while (!(inb(COM1 + LSR) & LSR_READY))
        ;
    return inb(COM1 + DATA);
}

void klog(const char *text)
{
    while (*text)
        outb(DEBUG_PORT, (uint8_t)*text++);
    outb(DEBUG_PORT, '\n');
}
