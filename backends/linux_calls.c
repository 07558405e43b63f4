/* The executor's system calls on Linux (spec/executor.h's fk_sys_*): the
 * one mapping from the spec's operations to Linux system calls. The Linux
 * backend's processes run it (linux_sys.c), and every C reproducer of a
 * Linux finding carries its text verbatim (diff/repro.c), so the two
 * cannot drift apart. Host C (Linux). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "spec/executor.h"
#include "spec/namespace.h"

/* The emulated heap's break. Every program's p0 is forked from the
 * harness, which never runs a step, so it starts at 0; fork copies it. */
static int32_t brk_pages;

static int32_t ret(long v) { return v < 0 ? -errno : (int32_t)v; }
/* An fd the program may name: the backend's own fds (>= 16) stay out of
 * reach (spec/syscalls.md, "Comparing with Linux"). */
static int fd_ok(int32_t fd) { return fd >= 0 && fd < FK_NOFILE; }

/* The path text of an encoded path ("/d/f2", "..", ...). */
static void linux_path(int32_t path, char out[32])
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
    linux_path(path, text);
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
    linux_path(path, text);
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
