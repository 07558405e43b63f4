#include "kernel/proc.h"
#include <string.h>
#include "kernel/kalloc.h"
#include "kernel/vm.h"

extern const uint8_t executor_image[], executor_image_end[];

static struct proc p0;

/* Maps a copy of the executor image and one stack page into pd. */
static int load_executor(uint32_t *pd)
{
    uint32_t size = (uint32_t)(executor_image_end - executor_image);
    for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
        uint8_t *page = kalloc();
        uint32_t n = size - off < PAGE_SIZE ? size - off : PAGE_SIZE;
        if (!page)
            return -1;
        memcpy(page, executor_image + off, n);
        if (vm_map(pd, USER_BASE + off, (uint32_t)page, PTE_U | PTE_W))
            return -1;
    }
    uint8_t *stack = kalloc();
    if (!stack || vm_map(pd, USER_STACK - PAGE_SIZE, (uint32_t)stack, PTE_U | PTE_W))
        return -1;
    return 0;
}

void proc_start_p0(void)
{
    p0.pd = vm_new();
    p0.kstack = kalloc();
    if (!p0.pd || !p0.kstack || load_executor(p0.pd))
        panic("no kernel pages for p0");
    p0.tf = (struct trapframe *)(p0.kstack + PAGE_SIZE) - 1;
    memset(p0.tf, 0, sizeof *p0.tf);
    p0.tf->cs = USER_CS;
    p0.tf->ds = p0.tf->es = p0.tf->fs = p0.tf->gs = p0.tf->ss = USER_DS;
    p0.tf->eflags = 0x2;            /* interrupts stay off: all I/O is polled */
    p0.tf->eip = USER_BASE;
    p0.tf->esp = USER_STACK;
    set_kernel_stack((uint32_t)(p0.kstack + PAGE_SIZE));
    vm_switch(p0.pd);
    enter_user(p0.tf);
}
