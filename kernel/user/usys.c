/* The shared executor's system calls (spec/executor.h) on this kernel. */
#include "kernel/user/usys.h"
#include "spec/executor.h"

#define ADDR(p) ((int32_t)(uint32_t)(p))

int32_t fk_sys_fork(void) { return usys2(SYS_FORK, 0, 0); }
int32_t fk_sys_exit(int32_t status) { return usys2(SYS_EXIT, status, 0); }
int32_t fk_sys_wait(int32_t pid, int32_t *status) { return usys2(SYS_WAIT, pid, ADDR(status)); }
int32_t fk_sys_getpid(void) { return usys2(SYS_GETPID, 0, 0); }
int32_t fk_sys_getppid(void) { return usys2(SYS_GETPPID, 0, 0); }
int32_t fk_sys_open(int32_t path, int32_t flags) { return usys2(SYS_OPEN, path, flags); }
int32_t fk_sys_close(int32_t fd) { return usys2(SYS_CLOSE, fd, 0); }
int32_t fk_sys_dup(int32_t fd) { return usys2(SYS_DUP, fd, 0); }
int32_t fk_sys_dup2(int32_t oldfd, int32_t newfd) { return usys2(SYS_DUP2, oldfd, newfd); }
int32_t fk_sys_pipe(int32_t fds[2]) { return usys2(SYS_PIPE, ADDR(fds), 0); }
int32_t fk_sys_read(int32_t fd, uint8_t *buf, int32_t count)
{
    return usys3(SYS_READ, fd, ADDR(buf), count);
}
int32_t fk_sys_write(int32_t fd, const uint8_t *buf, int32_t count)
{
    return usys3(SYS_WRITE, fd, ADDR(buf), count);
}
int32_t fk_sys_lseek(int32_t fd, int32_t off, int32_t whence)
{
    return usys3(SYS_LSEEK, fd, off, whence);
}
int32_t fk_sys_chdir(int32_t path) { return usys2(SYS_CHDIR, path, 0); }
int32_t fk_sys_mmap(uint32_t addr, int32_t npages, int32_t prot, int32_t sharing)
{
    return usys3(SYS_MMAP, (int32_t)addr, npages, prot | sharing << 8);
}
int32_t fk_sys_munmap(uint32_t addr, int32_t npages) { return usys2(SYS_MUNMAP, (int32_t)addr, npages); }
int32_t fk_sys_mprotect(uint32_t addr, int32_t npages, int32_t prot)
{
    return usys3(SYS_MPROTECT, (int32_t)addr, npages, prot);
}
int32_t fk_sys_sbrk(int32_t delta) { return usys2(SYS_SBRK, delta, 0); }
void fk_sys_die(int32_t sig)
{
    usys2(SYS_DIE, sig, 0);
    for (;;)
        ;           /* the kernel never returns from SYS_DIE */
}
