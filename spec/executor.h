/* The executor (spec/syscalls.md, "The executor's checks"): what every process of
 * the kernel and Linux backends runs for one step. It makes the executor's
 * checks (precheck.h) and performs the step through the fk_sys_* calls,
 * which each backend provides (kernel/user/usys.c; the Linux backend's
 * later): results are >= 0, or -errno, as from a system call. Memory steps
 * are real loads and stores: a fault is the platform's to handle.
 * Freestanding C. */
#ifndef FK_EXECUTOR_H
#define FK_EXECUTOR_H

#include <stdint.h>
#include "spec/obs.h"
#include "spec/program.h"

int32_t fk_sys_fork(void);
int32_t fk_sys_exit(int32_t status);
int32_t fk_sys_wait(int32_t pid, int32_t *status);   /* WNOHANG */
int32_t fk_sys_getpid(void);
int32_t fk_sys_getppid(void);                       /* -1 in p0 */
int32_t fk_sys_open(int32_t path, int32_t flags);    /* spec/program.h encodings */
int32_t fk_sys_close(int32_t fd);
int32_t fk_sys_dup(int32_t fd);
int32_t fk_sys_dup2(int32_t oldfd, int32_t newfd);
int32_t fk_sys_pipe(int32_t fds[2]);
int32_t fk_sys_read(int32_t fd, uint8_t *buf, int32_t count);
int32_t fk_sys_write(int32_t fd, const uint8_t *buf, int32_t count);
int32_t fk_sys_lseek(int32_t fd, int32_t offset, int32_t whence);
int32_t fk_sys_chdir(int32_t path);
int32_t fk_sys_mmap(uint32_t addr, int32_t npages, int32_t prot, int32_t sharing);
int32_t fk_sys_munmap(uint32_t addr, int32_t npages);
int32_t fk_sys_mprotect(uint32_t addr, int32_t npages, int32_t prot);
int32_t fk_sys_sbrk(int32_t delta_pages);
/* The executor faulted by its own checks (signal sig); does not return. */
void fk_sys_die(int32_t sig);

/* Runs step s in the calling process. Returns 1 with *r when the step has
 * a result to report, 0 in the child of a fork (its fork is not a step). */
int fk_execute(const struct fk_step *s, struct fk_result *r);

#endif
