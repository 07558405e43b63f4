/* Two-level i386 paging. Every address space maps the kernel's physical
 * memory at the same addresses, supervisor only (4 MiB pages); user pages
 * live at and above USER_BASE. */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdint.h>

#define KERNEL_MAP_END (16u << 20)  /* identity-mapped, supervisor only */

enum { PTE_P = 1, PTE_W = 2, PTE_U = 4, PTE_PS = 0x80 };

void vm_init(void);                 /* kernel map; paging on */
uint32_t *vm_new(void);             /* a page directory with the kernel map, or 0 */
/* Maps va to physical page pa with flags (PTE_W, PTE_U). 0, or -1 when no
 * page is left for a page table. */
int vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags);
void vm_switch(uint32_t *pd);

#endif
