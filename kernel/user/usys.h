/* The executor's system calls into kernel/ (int 0x80, number in eax,
 * arguments in ebx, ecx, edx; result in eax). */
#ifndef KERNEL_USER_USYS_H
#define KERNEL_USER_USYS_H

#include <stdint.h>

enum { SYS_READY = 1 };     /* the executor waits for its first step */

static inline int32_t usys1(int32_t num, int32_t a)
{
    int32_t r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(num), "b"(a) : "memory");
    return r;
}

#endif
