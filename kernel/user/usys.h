/* The executor's system calls into kernel/ (int 0x80, number in eax,
 * arguments in ebx, ecx and edx; result in eax: >= 0, or -errno). */
#ifndef KERNEL_USER_USYS_H
#define KERNEL_USER_USYS_H

#include <stdint.h>

enum {
    SYS_NEXT = 1,       /* (result or 0, step buffer): report, wait for a step */
    SYS_DIE,            /* (signal): the executor faulted (its checks) */
    SYS_FORK,
    SYS_EXIT,           /* (status) */
    SYS_WAIT,           /* (pid, status buffer) */
    SYS_GETPID,
    SYS_GETPPID,
    SYS_OPEN,           /* (path, flags) */
    SYS_CLOSE,          /* (fd) */
    SYS_DUP,            /* (fd) */
    SYS_DUP2,           /* (oldfd, newfd) */
    SYS_PIPE,           /* (int32_t fds[2]) */
    SYS_READ,           /* (fd, buffer, count) */
    SYS_WRITE,          /* (fd, buffer, count) */
    SYS_LSEEK,          /* (fd, offset, whence) */
    SYS_CHDIR,          /* (path) */
    SYS_MMAP,           /* (addr, npages, prot | sharing << 8) */
    SYS_MUNMAP,         /* (addr, npages) */
    SYS_MPROTECT,       /* (addr, npages, prot) */
    SYS_SBRK            /* (delta pages) */
};

static inline int32_t usys3(int32_t num, int32_t a, int32_t b, int32_t c)
{
    int32_t r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(num), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static inline int32_t usys2(int32_t num, int32_t a, int32_t b)
{
    return usys3(num, a, b, 0);
}

#endif
