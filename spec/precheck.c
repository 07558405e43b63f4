#include "spec/precheck.h"
#include "spec/errno.h"

/*@ requires \valid(r);
    assigns *r;
    ensures r->kind == kind && r->val == val && r->aux == 0 && \result == 1;
*/
static int decided(struct fk_result *r, uint8_t kind, int32_t val)
{
    r->kind = kind;
    r->val = val;
    r->aux = 0;
    return 1;
}

/* ADDR page aligned, NPAGES >= 1, and the whole range inside the window. */
/*@ assigns \nothing;
    ensures \result != 0 <==> window_range(addr, npages);
*/
static int range_ok(uint32_t addr, int32_t npages)
{
    if (addr % FK_PAGE_SIZE || npages < 1 || npages > FK_MMAP_PAGES)
        return 0;
    return fk_in_window(addr)
           && (addr - FK_MMAP_BASE) / FK_PAGE_SIZE + (uint32_t)npages
              <= FK_MMAP_PAGES;
}

int fk_precheck(const struct fk_step *s, struct fk_result *r)
{
    uint32_t addr = fk_u32_of(s->arg[0]);
    switch (s->op) {
    case FK_OP_EXIT:
        return s->proc == 0 ? decided(r, FK_R_ERR, FK_EPERM) : 0;
    case FK_OP_READ:
    case FK_OP_WRITE:
        if (s->arg[1] < 0 || s->arg[1] > FK_MAX_IO)
            return decided(r, FK_R_ERR, FK_EINVAL);
        return 0;
    case FK_OP_STORE:
    case FK_OP_LOAD:
        if (addr % 4)
            return decided(r, FK_R_ERR, FK_EINVAL);
        if (!fk_in_window(addr) && !fk_in_heap_area(addr))
            return decided(r, FK_R_KILLED, 11);
        return 0;
    case FK_OP_MMAP:
    case FK_OP_MUNMAP:
    case FK_OP_MPROTECT:
        return range_ok(addr, s->arg[1]) ? 0 : decided(r, FK_R_ERR, FK_EINVAL);
    default:
        return 0;
    }
}
