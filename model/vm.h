/* Memory operations (spec/syscalls.md, "Memory operations"). p is the
 * caller's slot, alive; the executor's checks have passed (ranges are
 * inside the window, addresses aligned and inside window or heap area). */
#ifndef MODEL_VM_H
#define MODEL_VM_H

#include "spec/obs.h"

struct fk_result sys_mmap(int p, uint32_t addr, int32_t npages, int32_t prot,
                          int32_t share);
struct fk_result sys_munmap(int p, uint32_t addr, int32_t npages);
struct fk_result sys_mprotect(int p, uint32_t addr, int32_t npages,
                              int32_t prot);
struct fk_result sys_sbrk(int p, int32_t delta);
struct fk_result sys_store(int p, uint32_t addr, uint32_t value);
struct fk_result sys_load(int p, uint32_t addr);

#endif
