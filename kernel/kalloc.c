/* A free list of 4 KiB pages above the kernel image. */
#include "kernel/kalloc.h"
#include <string.h>

extern char kernel_end[];

struct run {
    struct run *next;
};

static struct run *free_list;
static uint32_t free_pages;

void kalloc_init(void)
{
    uint32_t pa = ((uint32_t)kernel_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    for (; pa + PAGE_SIZE <= KERNEL_POOL_END; pa += PAGE_SIZE)
        kfree((void *)pa);
}

void *kalloc(void)
{
    struct run *r = free_list;
    if (!r)
        return 0;
    free_list = r->next;
    free_pages--;
    memset(r, 0, PAGE_SIZE);
    return r;
}

void kfree(void *page)
{
    struct run *r = page;
    r->next = free_list;
    free_list = r;
    free_pages++;
}

uint32_t kalloc_free_pages(void)
{
    return free_pages;
}
