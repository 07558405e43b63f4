/* Kernel pages: page tables, kernel stacks, executor images. User data
 * frames (the spec's FK_NFRAME) come from their own pool, not from here. */
#ifndef KERNEL_KALLOC_H
#define KERNEL_KALLOC_H

#include <stdint.h>

#define PAGE_SIZE 4096u
#define KERNEL_POOL_END (8u << 20)   /* pages come from [kernel_end, 8 MiB) */

void kalloc_init(void);
void *kalloc(void);                 /* a zeroed page, or 0 */
void kfree(void *page);
uint32_t kalloc_free_pages(void);

#endif
