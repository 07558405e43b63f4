/* Processes. Each runs the executor (kernel/user/) in its own address
 * space and blocks in SYS_NEXT between steps; the host loop (main.c) runs
 * one step at a time in the process the step names (lock-step). */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>
#include "kernel/mm.h"
#include "kernel/trap.h"
#include "spec/limits.h"
#include "spec/obs.h"
#include "spec/program.h"

#define USER_BASE  0x10000000u      /* the executor image */
#define USER_STACK 0x10400000u      /* top of the executor's stack page */

enum proc_state { P_FREE, P_ALIVE = FK_P_ALIVE, P_ZOMBIE = FK_P_ZOMBIE };

struct context;                     /* saved by swtch.S */

struct proc {
    enum proc_state state;
    int32_t pid;                    /* canonical: creation order */
    int parent;                     /* slot, -1 for p0 */
    int32_t status;                 /* wait status of a zombie */
    int cwd;                        /* node, -1 once a zombie */
    int8_t fd[FK_NOFILE];           /* open files (kernel/file.h), -1 empty */
    struct space mem;               /* the program's memory (kernel/mm.h) */
    uint32_t *pd;                   /* page directory */
    uint8_t *kstack;                /* one page; the trapframe at its top */
    struct trapframe *tf;
    struct context *context;
    int step_due;                   /* step holds a step not yet taken */
    struct fk_step step;
    struct fk_result result;        /* of the step just run */
};

extern struct proc procs[FK_NPROC];

/* Empties the table and starts p0 (cwd /), running it until its executor
 * waits for a step. Panics if the kernel pool cannot hold it. */
void proc_reset(void);
/* The slot of the used process with canonical pid, or -1. */
int proc_slot(int32_t pid);
/* Runs one step in slot p (alive) and returns its result. */
struct fk_result proc_run_step(int p, const struct fk_step *s);
/* Tears every process down (as exit does) and frees every slot. */
void proc_teardown_all(void);
int proc_free_slots(void);
/* Drops every process's user mappings (mm_flush): after a shared page got
 * its frame, a zero-page mapping elsewhere would hide the store. */
void proc_flush_all(void);

/* System calls of the current process (syscall.c). */
struct proc *proc_current(void);
void proc_next(uint32_t uresult, uint32_t ustep);
int32_t proc_fork(void);
void proc_exit(int32_t status) __attribute__((noreturn));
int32_t proc_wait(int32_t pid, uint32_t ustatus);
/* A fault or the executor's checks: KILLED sig. */
void proc_kill(int32_t sig) __attribute__((noreturn));

#endif
