/* The executor's checks (spec/syscalls.md, "The executor's checks"): made
 * before the syscall, the same on every backend. Freestanding C. */
#ifndef FK_PRECHECK_H
#define FK_PRECHECK_H

#include <stdint.h>
#include "spec/obs.h"
#include "spec/program.h"

#define FK_MMAP_END  (FK_MMAP_BASE + FK_MMAP_PAGES * FK_PAGE_SIZE)
#define FK_HEAP_END  (FK_HEAP_BASE + FK_HEAP_MAX_PAGES * FK_PAGE_SIZE)

/*@ predicate in_window(integer addr) = FK_MMAP_BASE <= addr < FK_MMAP_END;
    predicate in_heap_area(integer addr) = FK_HEAP_BASE <= addr < FK_HEAP_END;
*/

/*@ assigns \nothing;
    ensures \result != 0 <==> in_window(addr);
*/
static inline int fk_in_window(uint32_t addr)
{
    return addr >= FK_MMAP_BASE && addr < FK_MMAP_END;
}

/*@ assigns \nothing;
    ensures \result != 0 <==> in_heap_area(addr);
*/
static inline int fk_in_heap_area(uint32_t addr)
{
    return addr >= FK_HEAP_BASE && addr < FK_HEAP_END;
}

/* Checks 2 to 6 for a step run by an alive process (check 1, SKIP, needs
 * the backend's process table). Returns 1 and fills *r when the executor
 * decides the step; 0 when the step goes on to the kernel. */
int fk_precheck(const struct fk_step *s, struct fk_result *r);

#endif
