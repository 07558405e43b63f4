/* A flat GDT and an IDT for the 32 CPU exceptions. Any exception taken in
 * kernel mode is a kernel bug: report it as PANIC and halt, never reset. */
#include "kernel/trap.h"
#include "kernel/ktrace.h"
#include "kernel/uart.h"
#include "kernel/x86.h"
#include "spec/out.h"
#include "spec/trace.h"

uint32_t current_prog_id;

enum { SEG_KCODE = 1, SEG_KDATA = 2, SEG_UCODE = 3, SEG_UDATA = 4, NSEGS = 5 };

static uint64_t gdt[NSEGS];

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

void gdt_init(void)
{
    struct table_ptr p = { sizeof gdt - 1, (uint32_t)gdt };
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
}

static uint64_t idt[256];
extern const uint32_t trap_vectors[32];

void idt_init(void)
{
    struct table_ptr p = { sizeof idt - 1, (uint32_t)idt };
    for (int v = 0; v < 32; v++) {
        uint32_t h = trap_vectors[v];
        idt[v] = (h & 0xffff) | ((uint64_t)(SEG_KCODE << 3) << 16)
                 | (0x8eULL << 40)                         /* present, 32-bit interrupt gate */
                 | ((uint64_t)(h >> 16) << 48);
    }
    __asm__ volatile("lidt %0" : : "m"(p));
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
