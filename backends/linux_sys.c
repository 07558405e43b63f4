/* The executor's side of the Linux backend: p0's setup and the loop every
 * process serves steps in with the shared executor (spec/executor.c) over
 * linux_calls.c's system calls. Runs in the processes forked
 * from the harness: never returns to the harness's code, never flushes its
 * stdio (_exit only). */
#define _GNU_SOURCE
#include "backends/linux.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "spec/executor.h"
#include "spec/precheck.h"

static struct fk_linux_box *box;

/* ---- serving steps ---- */

static void done(void)
{
    uint64_t one = 1;
    if (write(FK_LINUX_DONE_FD, &one, sizeof one) != sizeof one)
        _exit(126);
}

/* Waits for go[me] to move past seen; exits once the harness is gone. */
static uint32_t next_command(uint32_t me, uint32_t seen)
{
    struct timespec second = { 1, 0 };
    uint32_t now;
    while ((now = __atomic_load_n(&box->go[me], __ATOMIC_ACQUIRE)) == seen) {
        syscall(SYS_futex, &box->go[me], FUTEX_WAIT, seen, &second, 0, 0);
        if (kill(box->harness, 0) && errno == ESRCH)
            _exit(0);
    }
    return now;
}

static void serve(uint32_t me)
{
    uint32_t seen = 0;          /* go[] starts at 0 for every canonical pid */
    for (;;) {
        seen = next_command(me, seen);
        if (box->cmd == FK_LX_FILL) {
            int n = 0;
            box->fill = ioctl(box->fill_fd, FIONREAD, &n) ? -1 : n;
            done();
            continue;
        }
        struct fk_step s = box->step;
        uint32_t child = box->child;    /* read before the fork: box changes */
        struct fk_result r;
        if (s.op == FK_OP_FORK)
            fk_kcov_before_fork(box);
        int parent = fk_execute(&s, &r);
        if (s.op == FK_OP_FORK)
            fk_kcov_after_fork(box, !parent);
        if (parent) {
            fk_kcov_fold(box);
            box->result = r;
            done();
        } else {                /* the child of a fork: it is the new process */
            me = child;
            seen = 0;
        }
    }
}

/* Is [base, base + pages) free of mappings? */
static int area_free(uintptr_t base, size_t pages)
{
    void *p = mmap((void *)base, pages * FK_PAGE_SIZE, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    munmap(p, pages * FK_PAGE_SIZE);
    return p == (void *)base;
}

static void setup_failed(const char *what)
{
    box->setup_errno = errno ? errno : EINVAL;
    snprintf(box->setup_what, sizeof box->setup_what, "%s", what);
    done();
    _exit(125);
}

static void limit(int resource, rlim_t n, const char *what)
{
    struct rlimit r = { n, n };
    if (setrlimit(resource, &r))
        setup_failed(what);
}

void fk_linux_p0(struct fk_linux *lx)
{
    sigset_t none;
    box = lx->box;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, 0);
    for (int sig = 1; sig < 32; sig++)
        signal(sig, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    if (dup2(lx->done_fd, FK_LINUX_DONE_FD) < 0)
        setup_failed("dup2 of the eventfd");
    syscall(SYS_close_range, 0, FK_LINUX_DONE_FD - 1, 0);
    syscall(SYS_close_range, FK_LINUX_DONE_FD + 1, ~0u, 0);
    setpgid(0, 0);              /* one kill reaches the whole program */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1))
        setup_failed("PR_SET_CHILD_SUBREAPER");
    /* no core files for KILLED steps; not PR_SET_DUMPABLE 0, which hides a
     * zombie's exit code in /proc/PID/stat inside a user namespace */
    limit(RLIMIT_CORE, 0, "RLIMIT_CORE");
    limit(RLIMIT_FSIZE, FK_MAX_FILE_SIZE, "RLIMIT_FSIZE");
    limit(RLIMIT_NOFILE, FK_NOFILE, "RLIMIT_NOFILE");
    errno = 0;
    if (!area_free(FK_MMAP_BASE, FK_MMAP_PAGES) || !area_free(FK_HEAP_BASE, FK_HEAP_MAX_PAGES))
        setup_failed("window or heap area in use");
    fk_kcov_start_p0(box);     /* debugfs is outside the namespace */
    if (chroot(lx->dir) || chdir("/"))
        setup_failed("chroot into the namespace");
    umask(022);
    done();
    serve(0);
}
