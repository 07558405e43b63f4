/* The process table, fork/exit/wait, and lock-step scheduling. */
#include "kernel/proc.h"
#include <string.h>
#include "kernel/file.h"
#include "kernel/fs.h"
#include "kernel/kalloc.h"
#include "kernel/vm.h"
#include "spec/errno.h"
#include "spec/namespace.h"

extern const uint8_t executor_text[], executor_text_end[];
extern const uint8_t executor_data[], executor_data_end[];
void swtch(struct context **old, struct context *next);
void trapret(void);

struct proc procs[FK_NPROC];
static struct context *host_context;   /* the host loop's kernel stack */
static int current = -1;
static int32_t next_pid;

struct proc *proc_current(void)
{
    return &procs[current];
}

int proc_slot(int32_t pid)
{
    for (int p = 0; p < FK_NPROC; p++)
        if (procs[p].state != P_FREE && procs[p].pid == pid)
            return p;
    return -1;
}

int proc_free_slots(void)
{
    int n = 0;
    for (int p = 0; p < FK_NPROC; p++)
        n += procs[p].state == P_FREE;
    return n;
}

/* Runs slot p until it blocks in SYS_NEXT or dies. */
static void switch_to(int p)
{
    current = p;
    set_kernel_stack((uint32_t)(procs[p].kstack + PAGE_SIZE));
    vm_switch(procs[p].pd);
    swtch(&host_context, procs[p].context);
    vm_switch(vm_kernel());
    current = -1;
}

/* Back to the host loop; returns when the process is next scheduled. */
static void to_host(void)
{
    swtch(&procs[current].context, host_context);
}

/* A fresh kernel stack whose context resumes at trapret with tf. */
static int new_kstack(struct proc *q)
{
    q->kstack = kalloc();
    if (!q->kstack)
        return -1;
    q->tf = (struct trapframe *)(q->kstack + PAGE_SIZE) - 1;
    uint32_t *sp = (uint32_t *)q->tf;
    *--sp = (uint32_t)trapret;              /* swtch's ret */
    for (int i = 0; i < 4; i++)
        *--sp = 0;                          /* ebp, ebx, esi, edi */
    q->context = (struct context *)sp;
    return 0;
}

#define EXECUTOR_DATA_VA \
    (USER_BASE + ((uint32_t)(executor_text_end - executor_text) + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE)

/* Maps the executor: its text, the same pages in every process (so that
 * QEMU translates it once, not once per process), then a copy of data and
 * of the stack page (kernel pages: they are the executor's, not the
 * program's memory). */
static int load_executor(uint32_t *pd, const uint8_t *data, const uint8_t *stack)
{
    uint32_t text = (uint32_t)(executor_text_end - executor_text);
    uint32_t size = (uint32_t)(executor_data_end - executor_data);
    for (uint32_t off = 0; off < text; off += PAGE_SIZE)
        if (vm_map(pd, USER_BASE + off, (uint32_t)executor_text + off, PTE_U))
            return -1;
    for (uint32_t off = 0; off < size; off += PAGE_SIZE) {
        uint8_t *page = kalloc();
        uint32_t n = size - off < PAGE_SIZE ? size - off : PAGE_SIZE;
        if (!page || vm_map(pd, EXECUTOR_DATA_VA + off, (uint32_t)page, PTE_U | PTE_W | PTE_KPAGE))
            return -1;
        memcpy(page, data + off, n);
    }
    uint8_t *page = kalloc();
    if (!page || vm_map(pd, USER_STACK - PAGE_SIZE, (uint32_t)page, PTE_U | PTE_W | PTE_KPAGE))
        return -1;
    if (stack)
        memcpy(page, stack, PAGE_SIZE);
    return 0;
}

static void free_memory(struct proc *q)
{
    if (q->pd)
        vm_free(q->pd);
    if (q->kstack)
        kfree(q->kstack);
    q->pd = 0;
    q->kstack = 0;
}

void proc_reset(void)
{
    struct proc *q = &procs[0];
    proc_teardown_all();
    next_pid = 1;
    q->pid = 0;
    q->parent = -1;
    q->cwd = FK_NODE_ROOT;
    memset(q->fd, -1, sizeof q->fd);
    space_clear(&q->mem);
    q->pd = vm_new();
    if (!q->pd || new_kstack(q)
        || load_executor(q->pd, executor_data, 0))
        panic("no kernel pages for p0");
    q->tf->cs = USER_CS;
    q->tf->ds = q->tf->es = q->tf->fs = q->tf->gs = q->tf->ss = USER_DS;
    q->tf->eflags = 0x2;        /* interrupts stay off: all I/O is polled */
    q->tf->eip = USER_BASE;
    q->tf->esp = USER_STACK;
    q->state = P_ALIVE;
    node_get(FK_NODE_ROOT);
    switch_to(0);               /* until its executor waits for a step */
}

struct fk_result proc_run_step(int p, const struct fk_step *s)
{
    procs[p].step = *s;
    procs[p].step_due = 1;
    switch_to(p);
    return procs[p].result;
}

void proc_next(uint32_t uresult, uint32_t ustep)
{
    struct proc *q = proc_current();
    if (uresult) {
        if (!user_range_ok(q->pd, uresult, sizeof q->result))
            panic("executor passed a bad result pointer");
        memcpy(&q->result, (void *)uresult, sizeof q->result);
        to_host();
    }
    while (!q->step_due)
        to_host();
    if (!user_range_ok(q->pd, ustep, sizeof q->step))
        panic("executor passed a bad step pointer");
    memcpy((void *)ustep, &q->step, sizeof q->step);
    q->step_due = 0;
}

static int free_slot(void)
{
    for (int p = 0; p < FK_NPROC; p++)
        if (procs[p].state == P_FREE)
            return p;
    return -1;
}

int32_t proc_fork(void)
{
    struct proc *parent = proc_current(), *child;
    int c = free_slot();
    if (c < 0)
        return -FK_EAGAIN;
    child = &procs[c];
    child->pd = vm_new();
    if (!child->pd || new_kstack(child)
        || load_executor(child->pd, (const uint8_t *)EXECUTOR_DATA_VA,
                         (const uint8_t *)(USER_STACK - PAGE_SIZE))) {
        free_memory(child);     /* the kernel pool, not a spec limit */
        panic("no kernel pages for fork");
    }
    *child->tf = *parent->tf;
    child->tf->eax = 0;         /* the child's fork returns 0 */
    child->pid = next_pid++;
    child->parent = current;
    child->status = 0;
    child->cwd = parent->cwd;
    node_get(child->cwd);
    for (int i = 0; i < FK_NOFILE; i++) {
        child->fd[i] = parent->fd[i];
        if (child->fd[i] >= 0)
            file_dup(child->fd[i]);
    }
    mm_fork(&child->mem, &parent->mem, parent->pd);
    child->step_due = 0;
    child->state = P_ALIVE;
    return child->pid;
}

/* exit's effects (spec/syscalls.md): cwd released, children to p0,
 * zombie; the address space goes once the process is off its stack. */
static void become_zombie(int p, int32_t status)
{
    struct proc *q = &procs[p];
    for (int i = 0; i < FK_NOFILE; i++)
        if (q->fd[i] >= 0) {
            file_close(q->fd[i]);
            q->fd[i] = -1;
        }
    mm_release(&q->mem, q->pd);
    node_put(q->cwd);
    q->cwd = -1;
    for (int r = 0; r < FK_NPROC; r++)
        if (procs[r].state != P_FREE && procs[r].parent == p && r != p)
            procs[r].parent = 0;
    q->state = P_ZOMBIE;
    q->status = status;
    q->step_due = 0;
}

static void die(int32_t status, struct fk_result r)
{
    struct proc *q = proc_current();
    q->result = r;
    become_zombie(current, status);
    to_host();
    panic("a zombie was scheduled");
}

void proc_exit(int32_t status)
{
    struct fk_result r = { FK_R_OK, 0, 0 };
    die(fk_status_exited(status), r);
    __builtin_unreachable();
}

void proc_kill(int32_t sig)
{
    struct fk_result r = { FK_R_KILLED, sig, 0 };
    die(fk_status_signaled(sig), r);
    __builtin_unreachable();
}

int32_t proc_wait(int32_t pid, uint32_t ustatus)
{
    int best = -1, any = 0;
    for (int r = 0; r < FK_NPROC; r++) {
        struct proc *c = &procs[r];
        if (c->state == P_FREE || c->parent != current || r == current
            || (pid != -1 && c->pid != pid))
            continue;
        any = 1;
        if (c->state == P_ZOMBIE && (best < 0 || c->pid < procs[best].pid))
            best = r;
    }
    if (!any)
        return -FK_ECHILD;
    int32_t got = 0, status = 0;
    if (best >= 0) {
        got = procs[best].pid;
        status = procs[best].status;
        free_memory(&procs[best]);
        memset(&procs[best], 0, sizeof procs[best]);
    }
    if (!user_range_ok(procs[current].pd, ustatus, sizeof status))
        panic("executor passed a bad status pointer");
    memcpy((void *)ustatus, &status, sizeof status);
    return got;
}

void proc_teardown_all(void)
{
    for (int p = 0; p < FK_NPROC; p++) {
        if (procs[p].state == P_ALIVE)
            become_zombie(p, 0);
        free_memory(&procs[p]);
        memset(&procs[p], 0, sizeof procs[p]);
    }
}

void proc_flush_all(void)
{
    for (int p = 0; p < FK_NPROC; p++)
        if (procs[p].state == P_ALIVE)
            mm_flush(procs[p].pd);
}
