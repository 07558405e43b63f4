/* Regions, copy-on-write frames, memory objects, the heap. A region is a
 * run of mapped window pages starting at a page with pg_start set; an
 * object's refcount counts the region starts that map it. */
#include "model/pages.h"
#include "model/vm.h"
#include "model/state.h"
#include "spec/errno.h"
#include "spec/precheck.h"

static int page_index(uint32_t addr)
{
    return (int)((addr - FK_MMAP_BASE) / FK_PAGE_SIZE);
}

/* Shared pages, and only they, name an object (mmap sets both). */
static int is_shared(int p, int i)
{
    return pg_obj[p][i] >= 0;
}

/* Page i becomes the first page of a region (splitting the one it was
 * in): one more region maps its object. */
/*@ requires 0 <= p < FK_NPROC && 0 <= i <= FK_MMAP_PAGES;
    requires frames_in_range && obj_refs_counted;
    assigns pg_start[p][i], pg_obj[p][i], obj_ref[0 .. FK_NOBJ-1];
    ensures frames_in_range && obj_refs_counted;
    ensures i < FK_MMAP_PAGES ==> pg_obj[p][i] == \old(pg_obj[p][i]);
    ensures i < FK_MMAP_PAGES && pg_attr[p][i] != 0 ==> pg_start[p][i] != 0;
*/
static void split_at(int p, int i)
{
    int o;
    if (i >= FK_MMAP_PAGES || !pg_attr[p][i] || pg_start[p][i])
        return;
    o = pg_obj[p][i];
    region_write(p, i, 1, (int8_t)o);
    /*@ ghost page_count_bounds(); */
    if (o >= 0)
        obj_ref[o]++;
}

void unmap_range(int p, int a, int b)
{
    split_at(p, b);     /* before any release, so nothing is freed early */
    /*@ loop invariant a <= i <= b;
        loop invariant frames_in_range && frame_refs_counted && obj_refs_counted;
        loop invariant \forall integer k; a <= k < i ==> page_clear(p, k);
        loop invariant \forall integer k; 0 <= k < FK_MMAP_PAGES && !(a <= k < i) ==>
              page_same{Here, LoopEntry}(p, k);
        loop assigns i, pg_attr[p][a .. b-1], pg_start[p][a .. b-1],
              pg_frame[p][a .. b-1], pg_obj[p][a .. b-1], pg_objpage[p][a .. b-1],
              obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1],
              obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1],
              frame_ref[0 .. FK_NFRAME-1];
        loop variant b - i;
    */
    for (int i = a; i < b; i++) {
        int o = pg_start[p][i] ? pg_obj[p][i] : -1, f = pg_frame[p][i];
        pg_attr[p][i] = 0;
        pg_objpage[p][i] = -1;
        region_write(p, i, 0, -1);
        /*@ ghost page_count_bounds(); */
        if (o >= 0)
            obj_put(o);
        pg_frame_write(p, i, -1);
        /*@ ghost page_count_bounds(); */
        if (f >= 0)
            frame_put(f);
    }
}

static int free_obj(void)
{
    for (int o = 0; o < FK_NOBJ; o++)
        if (obj_ref[o] == 0)
            return o;
    return -1;
}

struct fk_result sys_mmap(int p, uint32_t addr, int32_t npages, int32_t prot,
                          int32_t share)
{
    int a = page_index(addr), o = -1;
    if (share == FK_MAP_SHARED) {
        o = free_obj();
        if (o < 0)
            return err(FK_ENOMEM);
        obj_ref[o] = 1;
        obj_npages[o] = (uint8_t)npages;
    }
    unmap_range(p, a, a + npages);
    for (int i = 0; i < npages; i++) {
        pg_attr[p][a + i] = (uint8_t)(FK_PG_MAPPED | prot
                                      | (o >= 0 ? FK_PG_SHARED : 0));
        pg_start[p][a + i] = i == 0;
        pg_obj[p][a + i] = (int8_t)o;
        pg_objpage[p][a + i] = (int8_t)(o >= 0 ? i : -1);
    }
    return ok((int32_t)addr, 0);
}

struct fk_result sys_munmap(int p, uint32_t addr, int32_t npages)
{
    int a = page_index(addr);
    unmap_range(p, a, a + npages);
    return ok(0, 0);
}

struct fk_result sys_mprotect(int p, uint32_t addr, int32_t npages,
                              int32_t prot)
{
    int a = page_index(addr), b = a + npages;
    for (int i = a; i < b; i++)
        if (!pg_attr[p][i])
            return err(FK_ENOMEM);
    /* only regions whose prot changes are split at the range's edges */
    if ((pg_attr[p][a] & FK_PG_PROT) != prot)
        split_at(p, a);
    if (b < FK_MMAP_PAGES && (pg_attr[p][b] & FK_PG_PROT) != prot)
        split_at(p, b);
    for (int i = a; i < b; i++)
        pg_attr[p][i] = (uint8_t)((pg_attr[p][i] & ~FK_PG_PROT) | prot);
    return ok(0, 0);
}

struct fk_result sys_sbrk(int p, int32_t delta)
{
    int old = heap_pages[p];
    int64_t pages = (int64_t)old + delta;
    if (pages < 0 || pages > FK_HEAP_MAX_PAGES)
        return err(FK_ENOMEM);
    for (int j = (int)pages; j < old; j++)
        if (heap_frame[p][j] >= 0) {
            frame_put(heap_frame[p][j]);
            heap_frame[p][j] = -1;
        }
    heap_pages[p] = (uint8_t)pages;
    return ok((int32_t)(FK_HEAP_BASE + (uint32_t)old * FK_PAGE_SIZE), 0);
}

static struct fk_result killed(int p, int sig)
{
    struct fk_result r = { FK_R_KILLED, sig, 0 };
    proc_teardown(p, fk_status_signaled(sig));
    return r;
}

/* Where a word lives: the frame slot that holds (or will hold) its page. */
static int16_t *frame_slot(int p, uint32_t addr)
{
    int i;
    if (fk_in_heap_area(addr))
        return &heap_frame[p][(addr - FK_HEAP_BASE) / FK_PAGE_SIZE];
    i = page_index(addr);
    if (is_shared(p, i))
        return &obj_frame[OBJ_SLOT(pg_obj[p][i], pg_objpage[p][i])];
    return &pg_frame[p][i];
}

/* The prot of the page at addr, or -1 when it is not mapped. */
static int prot_at(int p, uint32_t addr)
{
    if (fk_in_heap_area(addr))
        return (addr - FK_HEAP_BASE) / FK_PAGE_SIZE < heap_pages[p]
               ? FK_PROT_RW : -1;
    return pg_attr[p][page_index(addr)]
           ? pg_attr[p][page_index(addr)] & FK_PG_PROT : -1;
}

struct fk_result sys_store(int p, uint32_t addr, uint32_t value)
{
    int16_t *slot;
    int w = (int)(addr % FK_PAGE_SIZE / 4), f;
    if (prot_at(p, addr) != FK_PROT_RW)
        return killed(p, 11);
    slot = frame_slot(p, addr);
    f = *slot;
    if (f < 0 || frame_ref[f] > 1) {
        int copy = frame_alloc();
        if (copy < 0)
            return killed(p, 9);
        if (f >= 0) {   /* copy-on-write: only private frames are shared */
            for (int k = 0; k < FK_PAGE_WORDS; k++)
                frame_data[copy][k] = frame_data[f][k];
            frame_sum[copy] = frame_sum[f];
            frame_put(f);
        }
        *slot = (int16_t)(f = copy);
    }
    frame_sum[f] += fk_sum_term((uint32_t)w, value)
                    - fk_sum_term((uint32_t)w, frame_data[f][w]);
    frame_data[f][w] = value;
    return ok(0, 0);
}

struct fk_result sys_load(int p, uint32_t addr)
{
    int prot = prot_at(p, addr), f;
    if (prot != FK_PROT_R && prot != FK_PROT_RW)
        return killed(p, 11);
    f = *frame_slot(p, addr);
    return ok(f < 0 ? 0 : (int32_t)frame_data[f][addr % FK_PAGE_SIZE / 4], 0);
}
