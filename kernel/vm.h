/* Two-level i386 paging. Every address space maps the kernel's physical
 * memory at the same addresses, supervisor only (4 MiB pages); user pages
 * live at and above USER_BASE. */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdint.h>

#define KERNEL_MAP_END (16u << 20)  /* identity-mapped, supervisor only */

enum { PTE_P = 1, PTE_W = 2, PTE_U = 4, PTE_PS = 0x80,
       PTE_KPAGE = 0x200 };         /* (a free bit) a kernel-pool page: vm_free frees it */

void vm_init(void);                 /* kernel map; paging on */
uint32_t *vm_new(void);             /* a page directory with the kernel map, or 0 */
/* Maps va to physical page pa with flags (PTE_W, PTE_U). 0, or -1 when no
 * page is left for a page table. */
int vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags);
void vm_switch(uint32_t *pd);
uint32_t *vm_kernel(void);
/* Drops pd's mappings of [lo, hi) (the pages themselves stay). */
void vm_unmap_user(uint32_t *pd, uint32_t lo, uint32_t hi);          /* the page directory of the host loop */
/* Frees pd, its page tables and the kernel-pool pages mapped in it. */
void vm_free(uint32_t *pd);
/* 1 when [va, va + n) is mapped user-writable in pd. */
int user_range_ok(uint32_t *pd, uint32_t va, uint32_t n);

#endif
