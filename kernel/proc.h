/* Processes: each runs the executor (kernel/user/) in its own address
 * space. So far only p0 exists. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>
#include "kernel/trap.h"

#define USER_BASE  0x10000000u      /* the executor image */
#define USER_STACK 0x10400000u      /* top of the executor's stack page */

struct proc {
    uint32_t *pd;                   /* page directory */
    uint8_t *kstack;                /* one page; the trapframe at its top */
    struct trapframe *tf;
};

/* Builds p0 and enters its executor in user mode; does not return. Panics
 * if the kernel pool cannot hold it. */
void proc_start_p0(void) __attribute__((noreturn));

#endif
