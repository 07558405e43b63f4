/* Segments, the interrupt table, and what a fault or failed check does. */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include <stdint.h>

/* What alltraps (trapasm.S) leaves on the stack. */
struct trapframe {
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
};

void gdt_init(void);
void idt_init(void);
void trap(struct trapframe *tf);

/* A failed kernel check: PANIC (trap FK_TRAP_ASSERT) and halt. */
void panic(const char *why) __attribute__((noreturn));

/* The program being run, for PANIC frames (0 if none). */
extern uint32_t current_prog_id;

#endif
