/* Kernel coverage for the Linux backend's processes, when the kernel has
 * KCOV (the agent on a kernel from ./forkspec linux-kernel): each process
 * traces its own task (KCOV is per task), and after each of its steps
 * folds the PCs the step reached into the mailbox's bitmap as edges,
 * hashed as the bundled kernel hashes its own (spec/trace-protocol.md,
 * COVER). Runs in the executor processes, like linux_sys.c. */
#define _GNU_SOURCE
#include "backends/linux.h"
#include <fcntl.h>
#include <linux/kcov.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

enum { KCOV_WORDS = 1 << 16 };      /* PCs one step may record, plus the count */
enum { KCOV_FD = FK_LINUX_DONE_FD + 1, KCOV_CHILD_FD, KCOV_DIR_FD };

static uint64_t *area;              /* this task's trace: area[0] PCs, then PCs */
static uint64_t prev;               /* the last PC folded, for edges across steps */

/* Opens name (in debugfs: its directory is at KCOV_DIR_FD once p0 has
 * chrooted) on fd, above the program's fds: RLIMIT_NOFILE is raised for
 * the open (which takes the lowest free fd) and put back. */
static int open_at(int fd, const char *name, int flags)
{
    struct rlimit r, wide = { 1024, 1024 };
    getrlimit(RLIMIT_NOFILE, &r);
    setrlimit(RLIMIT_NOFILE, &wide);
    int k = fd == KCOV_DIR_FD ? open(name, flags | O_CLOEXEC)
                              : openat(KCOV_DIR_FD, name, flags | O_CLOEXEC);
    int ok = k >= 0 && dup2(k, fd) == fd;
    if (k >= 0 && k != fd)
        close(k);
    setrlimit(RLIMIT_NOFILE, &r);
    return ok ? 0 : -1;
}

/* Starts tracing this task on the handle at fd (moved to KCOV_FD). */
static void enable(int fd)
{
    if (area)
        munmap(area, KCOV_WORDS * sizeof *area);   /* the parent's, inherited */
    area = 0;
    if (fd != KCOV_FD && dup2(fd, KCOV_FD) != KCOV_FD)
        return;
    if (fd != KCOV_FD)
        close(fd);
    if (ioctl(KCOV_FD, KCOV_INIT_TRACE, KCOV_WORDS))
        return;
    void *p = mmap(0, KCOV_WORDS * sizeof *area, PROT_READ | PROT_WRITE, MAP_SHARED, KCOV_FD, 0);
    if (p == MAP_FAILED)
        return;
    area = p;
    prev = 0;
    if (ioctl(KCOV_FD, KCOV_ENABLE, KCOV_TRACE_PC)) {
        munmap(area, KCOV_WORDS * sizeof *area);
        area = 0;
        return;
    }
    __atomic_store_n(&area[0], 0, __ATOMIC_RELAXED);
}

void fk_kcov_start_p0(struct fk_linux_box *box)
{
    if (box->cover_on && !open_at(KCOV_DIR_FD, "/sys/kernel/debug", O_RDONLY | O_DIRECTORY)
        && !open_at(KCOV_FD, "kcov", O_RDWR))
        enable(KCOV_FD);
}

void fk_kcov_before_fork(struct fk_linux_box *box)
{
    if (box->cover_on && area)
        open_at(KCOV_CHILD_FD, "kcov", O_RDWR);     /* the child's own handle */
}

void fk_kcov_after_fork(struct fk_linux_box *box, int in_child)
{
    if (!box->cover_on || !area)
        return;
    if (in_child)
        enable(KCOV_CHILD_FD);
    else
        close(KCOV_CHILD_FD);
}

void fk_kcov_fold(struct fk_linux_box *box)
{
    if (!area)
        return;
    uint64_t n = __atomic_load_n(&area[0], __ATOMIC_RELAXED);
    for (uint64_t i = 0; i < n && i + 1 < KCOV_WORDS; i++) {
        uint32_t a = (uint32_t)prev, b = (uint32_t)area[i + 1];
        uint32_t bit = ((b ^ (a >> 1)) * 0x9e3779b1u) >> 20;
        __atomic_fetch_or(&box->cover[bit / 8], (uint8_t)(1u << (bit % 8)), __ATOMIC_RELAXED);
        prev = area[i + 1];
    }
    __atomic_store_n(&area[0], 0, __ATOMIC_RELAXED);
}
