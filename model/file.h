/* File descriptor operations and chdir (spec/syscalls.md). p is the
 * caller's slot, alive; the executor's checks have passed. */
#ifndef MODEL_FILE_H
#define MODEL_FILE_H

#include "spec/obs.h"

struct fk_result sys_open(int p, int32_t path, int32_t flags);
struct fk_result sys_close(int p, int32_t fd);
struct fk_result sys_dup(int p, int32_t fd);
struct fk_result sys_dup2(int p, int32_t oldfd, int32_t newfd);
struct fk_result sys_pipe(int p);
struct fk_result sys_read(int p, int32_t fd, int32_t count);
struct fk_result sys_write(int p, int32_t fd, int32_t count, int32_t byte);
struct fk_result sys_lseek(int p, int32_t fd, int32_t offset, int32_t whence);
struct fk_result sys_chdir(int p, int32_t path);

#endif
