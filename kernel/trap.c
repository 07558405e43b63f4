/* A flat GDT and an IDT for the 32 CPU exceptions. Any exception taken in
 * kernel mode is a kernel bug: report it as PANIC and halt, never reset. */
#include "kernel/trap.h"
#include "kernel/ktrace.h"
#include "kernel/proc.h"
#include "kernel/uart.h"
#include "kernel/x86.h"
#include "spec/out.h"
#include "spec/trace.h"

uint32_t current_prog_id;

enum { SEG_KCODE = 1, SEG_KDATA = 2, SEG_UCODE = 3, SEG_UDATA = 4, SEG_TSS = 5, NSEGS = 6 };

static uint64_t gdt[NSEGS];

/* The task-state segment: only its ring-0 stack is used. */
static struct {
    uint32_t link, esp0, ss0, unused[22];
    uint16_t trap, iomap;
} __attribute__((packed)) tss;

struct __attribute__((packed)) table_ptr {
    uint16_t limit;
    uint32_t base;
};

/* A flat 4 GiB segment: type bits, privilege level. */
static uint64_t segment(uint32_t type, uint32_t dpl)
{
    uint64_t d = 0xffffULL | (0xfULL << 48);                /* limit 0xfffff */
    d |= (uint64_t)(type | 0x10 | (dpl << 5) | 0x80) << 40; /* S, DPL, P */
    d |= 0xcULL << 52;                                      /* 4K pages, 32-bit */
    return d;
}

void set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}

void gdt_init(void)
{
    struct table_ptr p = { sizeof gdt - 1, (uint32_t)gdt };
    uint32_t base = (uint32_t)&tss, limit = sizeof tss - 1;
    tss.ss0 = KERNEL_DS;
    tss.iomap = sizeof tss;             /* no I/O bitmap: ports are ring 0 only */
    gdt[SEG_TSS] = (limit & 0xffff) | ((uint64_t)(base & 0xffffff) << 16)
                   | (0x89ULL << 40)    /* present, 32-bit available TSS */
                   | ((uint64_t)(base >> 24) << 56);
    gdt[SEG_KCODE] = segment(0xa, 0);
    gdt[SEG_KDATA] = segment(0x2, 0);
    gdt[SEG_UCODE] = segment(0xa, 3);
    gdt[SEG_UDATA] = segment(0x2, 3);
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp %1, $1f\n"
                     "1:\n\t"
                     "mov %2, %%ax\n\t"
                     "mov %%ax, %%ds\n\t"
                     "mov %%ax, %%es\n\t"
                     "mov %%ax, %%ss\n\t"
                     "mov %%ax, %%fs\n\t"
                     "mov %%ax, %%gs"
                     : : "m"(p), "i"(SEG_KCODE << 3), "i"(SEG_KDATA << 3) : "eax", "memory");
    __asm__ volatile("ltr %w0" : : "r"(SEG_TSS << 3));
}

static uint64_t idt[256];
extern const uint32_t trap_vectors[32], syscall_vector;

/* A 32-bit interrupt gate (interrupts stay off) callable from ring dpl. */
static uint64_t gate(uint32_t handler, uint32_t dpl)
{
    return (handler & 0xffff) | ((uint64_t)(SEG_KCODE << 3) << 16)
           | ((uint64_t)(0x8e | (dpl << 5)) << 40) | ((uint64_t)(handler >> 16) << 48);
}

void idt_init(void)
{
    struct table_ptr p = { sizeof idt - 1, (uint32_t)idt };
    for (int v = 0; v < 32; v++)
        idt[v] = gate(trap_vectors[v], 0);
    idt[SYSCALL_VECTOR] = gate(syscall_vector, 3);
    __asm__ volatile("lidt %0" : : "m"(p));
}

void enter_user(struct trapframe *tf)
{
    __asm__ volatile("mov %0, %%esp\n\tjmp trapret" : : "r"(tf) : "memory");
    __builtin_unreachable();
}

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "no FPU", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection",
    "page fault", "reserved", "x87 error", "alignment check", "machine check",
    "SIMD error", "virtualization", "control protection",
};

static void send_panic(uint32_t eip, uint32_t trap_no, const char *text, size_t len)
{
    static uint8_t payload[512];
    struct fk_panic_msg m = { current_prog_id, eip, trap_no, (const uint8_t *)text, len };
    klog(text);
    trace_send(FK_T_PANIC, payload, fk_panic_put(&m, payload, sizeof payload));
    if (oneshot_mode())
        power_off(1);
}

static uint32_t read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

void trap(struct trapframe *tf)
{
    char text[160];
    if (tf->vector == SYSCALL_VECTOR) {
        syscall(tf);
        return;
    }
    if (tf->cs & 3) {           /* the program's fault, not the kernel's */
        struct proc *q = proc_current();
        int new_shared = 0;
        int sig = tf->vector == 14 ? mm_fault(&q->mem, q->pd, read_cr2(), (tf->error & 2) != 0,
                                              &new_shared)
                                   : 11;
        if (sig)
            proc_kill(sig);
        if (new_shared)
            proc_flush_all();
        return;                 /* the page is mapped now: retry */
    }
    struct fk_out o = fk_out_make(text, sizeof text);
    const char *name = exception_names[tf->vector & 31];
    fk_out_str(&o, "kernel exception ");
    fk_out_dec(&o, tf->vector);
    fk_out_str(&o, " (");
    fk_out_str(&o, name ? name : "reserved");
    fk_out_str(&o, ") at eip ");
    fk_out_hex(&o, tf->eip);
    fk_out_str(&o, ", error ");
    fk_out_hex(&o, tf->error);
    if (tf->vector == 14) {
        fk_out_str(&o, ", address ");
        fk_out_hex(&o, read_cr2());
    }
    send_panic(tf->eip, tf->vector, fk_out_cstr(&o), o.len < sizeof text ? o.len : sizeof text - 1);
    halt_forever();
}

void panic(const char *why)
{
    size_t n = 0;
    while (why[n])
        n++;
    send_panic((uint32_t)__builtin_return_address(0), FK_TRAP_ASSERT, why, n);
    halt_forever();
}
