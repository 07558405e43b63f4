/* The executor every user process runs (ARCHITECTURE.md, "Execution
 * model"). So far it only announces itself; stepping arrives with the
 * process subsystem. */
#include "kernel/user/usys.h"

void _start(void)
{
    for (;;)
        usys1(SYS_READY, 0);
}
