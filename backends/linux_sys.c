/* The executor's side of the Linux backend: p0's setup, the loop every
 * process serves steps in, and the shared executor's fk_sys_* calls
 * (spec/executor.h) over Linux system calls. Runs in the processes forked
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
static int32_t brk_pages;       /* the emulated heap's break; fork copies it */

static int32_t ret(long v) { return v < 0 ? -errno : (int32_t)v; }
/* An fd the program may name: the backend's own fds (>= 16) stay out of
 * reach (spec/syscalls.md, "Comparing with Linux"). */
static int fd_ok(int32_t fd) { return fd >= 0 && fd < FK_NOFILE; }

void fk_linux_path(int32_t path, char out[32])
{
    size_t n = 0;
    if (fk_path_absolute(path))
        out[n++] = '/';
    for (int i = 0; i < fk_path_count(path); i++) {
        if (i)
            out[n++] = '/';
        for (const char *s = fk_names[fk_path_name(path, i)]; *s; s++)
            out[n++] = *s;
    }
    out[n] = 0;
}

int32_t fk_sys_fork(void) { return ret(fork()); }
int32_t fk_sys_exit(int32_t status) { _exit(status); }

int32_t fk_sys_wait(int32_t pid, int32_t *status)
{
    int st = 0;
    pid_t r = waitpid(pid, &st, WNOHANG);
    if (r > 0)
        *status = WIFSIGNALED(st) ? fk_status_signaled(WTERMSIG(st))
                                  : fk_status_exited(WEXITSTATUS(st));
    return ret(r);
}

int32_t fk_sys_getpid(void) { return getpid(); }
int32_t fk_sys_getppid(void) { return getppid(); }   /* the harness maps it */

int32_t fk_sys_open(int32_t path, int32_t flags)
{
    static const int mode[] = { O_RDONLY, O_WRONLY, O_RDWR };
    char text[32];
    int f = mode[flags & FK_O_ACCMODE];
    f |= flags & FK_O_CREAT ? O_CREAT : 0;
    f |= flags & FK_O_TRUNC ? O_TRUNC : 0;
    f |= flags & FK_O_APPEND ? O_APPEND : 0;
    fk_linux_path(path, text);
    return ret(open(text, f, 0644));
}

int32_t fk_sys_close(int32_t fd) { return fd_ok(fd) ? ret(close(fd)) : -EBADF; }
int32_t fk_sys_dup(int32_t fd) { return fd_ok(fd) ? ret(dup(fd)) : -EBADF; }

int32_t fk_sys_dup2(int32_t oldfd, int32_t newfd)
{
    return fd_ok(oldfd) && fd_ok(newfd) ? ret(dup2(oldfd, newfd)) : -EBADF;
}

int32_t fk_sys_pipe(int32_t fds[2])
{
    int p[2];
    if (pipe2(p, O_NONBLOCK))
        return -errno;
    fds[0] = p[0];
    fds[1] = p[1];
    return 0;
}

int32_t fk_sys_read(int32_t fd, uint8_t *buf, int32_t count)
{
    return fd_ok(fd) ? ret(read(fd, buf, (size_t)count)) : -EBADF;
}

int32_t fk_sys_write(int32_t fd, const uint8_t *buf, int32_t count)
{
    return fd_ok(fd) ? ret(write(fd, buf, (size_t)count)) : -EBADF;
}

int32_t fk_sys_lseek(int32_t fd, int32_t off, int32_t whence)
{
    static const int w[] = { SEEK_SET, SEEK_CUR, SEEK_END };
    if (!fd_ok(fd))
        return -EBADF;
    off_t r = lseek(fd, off, w[whence]);
    return r > INT32_MAX ? INT32_MAX : ret((long)r);   /* 2^31 and up: not comparable */
}

int32_t fk_sys_chdir(int32_t path)
{
    char text[32];
    fk_linux_path(path, text);
    return ret(chdir(text));
}

static int prot_of(int32_t prot)
{
    return prot == FK_PROT_RW ? PROT_READ | PROT_WRITE : prot == FK_PROT_R ? PROT_READ : PROT_NONE;
}

int32_t fk_sys_mmap(uint32_t addr, int32_t npages, int32_t prot, int32_t sharing)
{
    int flags = MAP_FIXED | MAP_ANONYMOUS | (sharing == FK_MAP_SHARED ? MAP_SHARED : MAP_PRIVATE);
    void *p = mmap((void *)(uintptr_t)addr, (size_t)npages * FK_PAGE_SIZE, prot_of(prot), flags,
                   -1, 0);
    return p == MAP_FAILED ? -errno : (int32_t)addr;
}

int32_t fk_sys_munmap(uint32_t addr, int32_t npages)
{
    return ret(munmap((void *)(uintptr_t)addr, (size_t)npages * FK_PAGE_SIZE));
}

int32_t fk_sys_mprotect(uint32_t addr, int32_t npages, int32_t prot)
{
    return ret(mprotect((void *)(uintptr_t)addr, (size_t)npages * FK_PAGE_SIZE, prot_of(prot)));
}

/* The heap, emulated at its fixed place with mmap/munmap (spec/syscalls.md,
 * sbrk): Linux's own brk sits wherever the harness binary put it. */
int32_t fk_sys_sbrk(int32_t delta)
{
    int64_t to = (int64_t)brk_pages + delta;
    uintptr_t old = FK_HEAP_BASE + (uintptr_t)brk_pages * FK_PAGE_SIZE;
    if (to < 0 || to > FK_HEAP_MAX_PAGES)
        return -ENOMEM;
    uintptr_t end = FK_HEAP_BASE + (uintptr_t)to * FK_PAGE_SIZE;
    if (to > brk_pages && mmap((void *)old, end - old, PROT_READ | PROT_WRITE,
                               MAP_FIXED | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0) == MAP_FAILED)
        return -errno;
    if (to < brk_pages && munmap((void *)end, old - end))
        return -errno;
    brk_pages = (int32_t)to;
    return (int32_t)old;
}

void fk_sys_die(int32_t sig)
{
    signal(sig, SIG_DFL);
    raise(sig);
    _exit(127);
}

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
        if (fk_execute(&s, &r)) {
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
    brk_pages = 0;
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
    if (chroot(lx->dir) || chdir("/"))
        setup_failed("chroot into the namespace");
    umask(022);
    done();
    serve(0);
}
