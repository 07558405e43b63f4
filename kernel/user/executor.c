/* The kernel's executor: every user process runs it. It reports the last
 * step's result and waits for the next in SYS_NEXT, then runs it with the
 * shared executor (spec/executor.c) over this kernel's system calls
 * (usys.c). */
#include "kernel/user/usys.h"
#include "spec/executor.h"

static struct fk_step step;
static struct fk_result result;

void _start(void)
{
    int has_result = 0;
    for (;;) {
        usys2(SYS_NEXT, has_result ? (int32_t)(uint32_t)&result : 0,
              (int32_t)(uint32_t)&step);
        has_result = fk_execute(&step, &result);
    }
}
