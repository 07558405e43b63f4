/* Process operations (spec/syscalls.md, "Process operations"). p is the
 * caller's slot, alive. */
#ifndef MODEL_PROC_H
#define MODEL_PROC_H

#include "spec/obs.h"

struct fk_result sys_fork(int p);
struct fk_result sys_exit(int p, int32_t code);
struct fk_result sys_wait(int p, int32_t pid);
struct fk_result sys_getpid(int p);
struct fk_result sys_getppid(int p);

#endif
