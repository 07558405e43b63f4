#include "kernel/vm.h"
#include "kernel/kalloc.h"

static uint32_t *kernel_pd;

static void kernel_map(uint32_t *pd)
{
    for (uint32_t i = 0; i < (KERNEL_MAP_END >> 22); i++)
        pd[i] = (i << 22) | PTE_P | PTE_W | PTE_PS;
}

void vm_init(void)
{
    uint32_t cr0, cr4;
    kernel_pd = kalloc();
    kernel_map(kernel_pd);
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    __asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | 0x10));          /* PSE */
    vm_switch(kernel_pd);
    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    __asm__ volatile("mov %0, %%cr0" : : "r"(cr0 | 0x80010000u));   /* PG, WP */
}

uint32_t *vm_new(void)
{
    uint32_t *pd = kalloc();
    if (pd)
        kernel_map(pd);
    return pd;
}

int vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags)
{
    uint32_t *pde = &pd[va >> 22], *pt;
    if (!(*pde & PTE_P)) {
        pt = kalloc();
        if (!pt)
            return -1;
        *pde = (uint32_t)pt | PTE_P | PTE_W | PTE_U;
    }
    pt = (uint32_t *)(*pde & ~0xfffu);
    pt[(va >> 12) & 1023] = pa | flags | PTE_P;
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
    return 0;
}

void vm_unmap_user(uint32_t *pd, uint32_t lo, uint32_t hi)
{
    uint32_t cr3;
    for (uint32_t va = lo; va < hi; va += 4096)
        if (pd[va >> 22] & PTE_P)
            ((uint32_t *)(pd[va >> 22] & ~0xfffu))[(va >> 12) & 1023] = 0;
    __asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
    if (cr3 == (uint32_t)pd)
        vm_switch(pd);          /* flushes the TLB */
}

void vm_switch(uint32_t *pd)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(pd) : "memory");
}

uint32_t *vm_kernel(void)
{
    return kernel_pd;
}

void vm_free(uint32_t *pd)
{
    for (uint32_t i = KERNEL_MAP_END >> 22; i < 1024; i++) {
        if (!(pd[i] & PTE_P))
            continue;
        uint32_t *pt = (uint32_t *)(pd[i] & ~0xfffu);
        for (int j = 0; j < 1024; j++)
            if ((pt[j] & PTE_P) && (pt[j] & PTE_KPAGE))
                kfree((void *)(pt[j] & ~0xfffu));
        kfree(pt);
    }
    kfree(pd);
}

static uint32_t pte_of(uint32_t *pd, uint32_t va)
{
    if (va < KERNEL_MAP_END || !(pd[va >> 22] & PTE_P))
        return 0;
    return ((uint32_t *)(pd[va >> 22] & ~0xfffu))[(va >> 12) & 1023];
}

int user_range_ok(uint32_t *pd, uint32_t va, uint32_t n)
{
    const uint32_t want = PTE_P | PTE_W | PTE_U;
    if (n == 0 || va + n < va)
        return 0;
    for (uint32_t page = va & ~0xfffu; page < va + n; page += 4096)
        if ((pte_of(pd, page) & want) != want)
            return 0;
    return 1;
}
