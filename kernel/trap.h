/* Segments, the interrupt table, and what a fault or failed check does. */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include <stdint.h>

/* What alltraps (trapasm.S) leaves on the stack; esp and ss only when
 * the trap came from user mode. */
struct trapframe {
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    uint32_t gs, fs, es, ds;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;
};

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS   0x1b      /* GDT index 3, privilege 3 */
#define USER_DS   0x23      /* GDT index 4, privilege 3 */
#define SYSCALL_VECTOR 0x80

void gdt_init(void);
void idt_init(void);
void trap(struct trapframe *tf);
/* The kernel stack the CPU switches to on a trap from user mode. */
void set_kernel_stack(uint32_t esp0);
/* Leaves for user mode with the registers of the trapframe at tf. */
void enter_user(struct trapframe *tf) __attribute__((noreturn));

/* The system-call dispatcher (syscall.c): eax is the number, ebx, ecx,
 * edx the arguments; the result goes back in eax. */
void syscall(struct trapframe *tf);

/* A failed kernel check: PANIC (trap FK_TRAP_ASSERT) and halt. */
void panic(const char *why) __attribute__((noreturn));

/* One-shot mode (main.c): whether it is on; powering QEMU off. */
int oneshot_mode(void);
void power_off(int code) __attribute__((noreturn));

/* The program being run, for PANIC frames (0 if none). */
extern uint32_t current_prog_id;

#endif
