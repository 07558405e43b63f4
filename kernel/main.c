/* Boot, then serve the host: HELLO once p0's executor runs, and one
 * answer per host frame. */
#include <stdint.h>
#include "kernel/kalloc.h"
#include "kernel/ktrace.h"
#include "kernel/proc.h"
#include "kernel/trap.h"
#include "kernel/uart.h"
#include "kernel/vm.h"
#include "spec/trace.h"

#ifdef KERNEL_TEST_FAULTS
/* Test builds only (kernel:kernel_test_faults): faults on demand, to
 * check that each becomes a PANIC frame. */
enum { FK_T_TEST_FAULT = 0x7e };

static void test_fault(uint8_t kind)
{
    if (kind == 0)
        __asm__ volatile("xor %%edx, %%edx; mov $1, %%eax; xor %%ecx, %%ecx; div %%ecx"
                         : : : "eax", "ecx", "edx");  /* divide error */
    else if (kind == 1)
        __asm__ volatile("ud2");                /* invalid opcode */
    else if (kind == 2)
        __asm__ volatile("mov %0, %%ds" : : "r"(0x2b));  /* general protection */
    panic("test: a failed kernel check");
}
#endif

static void serve(const struct fk_frame *f)
{
    struct fk_program_msg m;
    if (f->version != FK_PROTO_VERSION) {
        trace_error(0, FK_ERR_VERSION, "unsupported protocol version");
        return;
    }
    switch (f->type) {
    case FK_T_RESET:
        trace_hello();
        return;
    case FK_T_PROGRAM:
        if (fk_program_get(f->payload, f->len, &m)) {
            trace_error(0, FK_ERR_PAYLOAD, "malformed PROGRAM");
        } else if (m.mode != FK_MODE_HASH && m.mode != FK_MODE_FULL) {
            trace_error(m.prog_id, FK_ERR_MODE, "unknown mode");
        } else {
            /* Programs run once the process and memory subsystems exist
             * (issue #4); until then the kernel says so. */
            trace_error(m.prog_id, FK_ERR_TYPE, "programs are not run by this kernel yet");
        }
        return;
#ifdef KERNEL_TEST_FAULTS
    case FK_T_TEST_FAULT:
        test_fault(f->len ? f->payload[0] : 0);
        return;
#endif
    default:
        trace_error(0, FK_ERR_TYPE, "unknown frame type");
    }
}

void serve_host(void)
{
    struct fk_frame f;
    for (;;) {
        trace_next(&f);
        serve(&f);
    }
}

/* Boot: the trace link, segments and traps, kernel pages, paging; then
 * p0's executor, whose first system call sends HELLO. */
void kmain(uint32_t magic, uint32_t mbi)
{
    (void)mbi;
    uart_init();
    klog(magic == 0x2BADB002 ? "forkspec kernel: booted by multiboot"
                             : "forkspec kernel: booted without multiboot");
    gdt_init();
    idt_init();
    kalloc_init();
    vm_init();
    proc_start_p0();
}
