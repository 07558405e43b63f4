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

/*@ // An mmap/munmap/mprotect range the checks let through: page aligned,
    // at least one page, inside the window.
    predicate window_range(integer addr, integer npages) =
      addr % FK_PAGE_SIZE == 0 && FK_MMAP_BASE <= addr < FK_MMAP_END && 1 <= npages
      && (addr - FK_MMAP_BASE) / FK_PAGE_SIZE + npages <= FK_MMAP_PAGES;

    // What a step that the checks pass to the kernel satisfies.
    predicate passes_checks(struct fk_step s) =
      (s.op == FK_OP_EXIT ==> s.proc != 0)
      && (s.op == FK_OP_READ || s.op == FK_OP_WRITE ==> 0 <= s.arg[1] <= FK_MAX_IO)
      && (s.op == FK_OP_STORE || s.op == FK_OP_LOAD ==>
            u32_of(s.arg[0]) % 4 == 0
            && (in_window(u32_of(s.arg[0])) || in_heap_area(u32_of(s.arg[0]))))
      && (s.op == FK_OP_MMAP || s.op == FK_OP_MUNMAP || s.op == FK_OP_MPROTECT ==>
            window_range(u32_of(s.arg[0]), s.arg[1]));
*/

/* Checks 2 to 6 for a step run by an alive process (check 1, SKIP, needs
 * the backend's process table). Returns 1 and fills *r when the executor
 * decides the step; 0 when the step goes on to the kernel. */
/*@ requires \valid_read(s) && \valid(r) && \separated(s, r);
    assigns *r;
    ensures \result == 0 || \result == 1;
    ensures \result == 0 ==> passes_checks(*s);
    ensures \result == 1 ==> r->kind == FK_R_ERR
              || (r->kind == FK_R_KILLED && r->val == 11);
*/
int fk_precheck(const struct fk_step *s, struct fk_result *r);

#endif
