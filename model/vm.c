/* Regions, copy-on-write frames, memory objects, the heap. A region is a
 * run of mapped window pages starting at a page with pg_start set; an
 * object's refcount counts the region starts that map it. */
#include "model/pages.h"
#include "model/vm.h"
#include "model/state.h"
#include "spec/errno.h"
#include "spec/precheck.h"

/*@ requires FK_MMAP_BASE <= addr < FK_MMAP_END;
    assigns \nothing;
    ensures \result == (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
    ensures 0 <= \result < FK_MMAP_PAGES;
*/
static int page_index(uint32_t addr)
{
    return (int)((addr - FK_MMAP_BASE) / FK_PAGE_SIZE);
}

/* Shared pages, and only they, name an object (mmap sets both). */
/*@ requires 0 <= p < FK_NPROC && 0 <= i < FK_MMAP_PAGES;
    assigns \nothing;
    ensures \result != 0 <==> pg_obj[p][i] >= 0;
*/
static int is_shared(int p, int i)
{
    return pg_obj[p][i] >= 0;
}

/* Page i becomes the first page of a region (splitting the one it was
 * in): one more region maps its object. */
/*@ requires 0 <= p < FK_NPROC && 0 <= i <= FK_MMAP_PAGES;
    requires frames_in_range && obj_refs_counted;
    requires regions_shaped && objs_shaped;
    assigns pg_start[p][i], pg_obj[p][i], obj_ref[0 .. FK_NOBJ-1];
    ensures frames_in_range && obj_refs_counted;
    ensures regions_shaped && objs_shaped;
    ensures \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o] >= \old(obj_ref[o]);
    ensures \forall integer o; 0 <= o < FK_NOBJ && \old(obj_ref[o]) == 0 ==> obj_ref[o] == 0;
    ensures i < FK_MMAP_PAGES ==> pg_obj[p][i] == \old(pg_obj[p][i]);
    ensures i < FK_MMAP_PAGES && pg_attr[p][i] != 0 ==> pg_start[p][i] != 0;
*/
static void split_at(int p, int i)
{
    int o;
    if (i >= FK_MMAP_PAGES || !pg_attr[p][i] || pg_start[p][i])
        return;
    o = pg_obj[p][i];
    /*@ ghost shared_pages_live(); */
    region_write(p, i, 1, (int8_t)o);
    /*@ ghost page_count_bounds(); */
    if (o >= 0)
        obj_ref[o]++;
}

void unmap_range(int p, int a, int b)
{
    split_at(p, b);     /* before any release, so nothing is freed early */
    /* From the top down: every page left mapped still continues a mapped
     * page or starts a region, so the region shape holds at each step. */
    /*@ loop invariant a - 1 <= i < b;
        loop invariant frames_in_range;
        loop invariant frame_refs_counted;
        loop invariant obj_refs_counted;
        loop invariant none_revived: no_frame_revived{Pre, Here};
        loop invariant regions_shaped;
        loop invariant free_objs_empty;
        loop invariant obj_frames_inside;
        loop invariant \forall integer k; i < k < b ==> page_clear(p, k);
        loop invariant \forall integer k; 0 <= k < FK_MMAP_PAGES && !(i < k < b) ==>
              page_same{Here, LoopEntry}(p, k);
        loop invariant b < FK_MMAP_PAGES && pg_attr[p][b] != 0 ==> pg_start[p][b] != 0;
        loop invariant \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o] <= \at(obj_ref[o], LoopEntry);
        loop assigns i, pg_attr[p][a .. b-1], pg_start[p][a .. b-1],
              pg_frame[p][a .. b-1], pg_obj[p][a .. b-1], pg_objpage[p][a .. b-1],
              obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1],
              obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1],
              frame_ref[0 .. FK_NFRAME-1];
        loop variant i - a + 1;
    */
    for (int i = b - 1; i >= a; i--) {
        int o = pg_start[p][i] ? pg_obj[p][i] : -1, f = pg_frame[p][i];
        pg_attr[p][i] = 0;
        pg_objpage[p][i] = -1;
        region_write(p, i, 0, -1);
        pg_frame_write(p, i, -1);
        /*@ ghost page_count_bounds(); */
        if (f >= 0)
            frame_put(f);
        if (o >= 0) {
            obj_put(o);
            /*@ ghost shared_pages_live(); */
        }
    }
}

/* A mapped page's attributes: shared exactly when it names an object.
 * (Sums of disjoint bits, so that the provers need no bit arithmetic.) */
/*@ requires 0 <= prot <= FK_PROT_RW;
    assigns \nothing;
    ensures \result == FK_PG_MAPPED + prot + (o >= 0 ? FK_PG_SHARED : 0);
    ensures \result != 0;
*/
static uint8_t page_attr(int prot, int o)
{
    return (uint8_t)(FK_PG_MAPPED + prot + (o >= 0 ? FK_PG_SHARED : 0));
}

/*@ assigns \nothing;
    ensures -1 <= \result < FK_NOBJ;
    ensures \result >= 0 ==> obj_ref[\result] == 0;
    ensures \result < 0 ==> !has_free_obj;
*/
static int free_obj(void)
{
    /*@ loop invariant 0 <= o <= FK_NOBJ;
        loop invariant \forall integer k; 0 <= k < o ==> obj_ref[k] != 0;
        loop assigns o;
        loop variant FK_NOBJ - o;
    */
    for (int o = 0; o < FK_NOBJ; o++)
        if (obj_ref[o] == 0)
            return o;
    return -1;
}

/* Pages [a, a+n) of p, all clear, become one region with attributes
 * attr on object o (-1: private); no frame until the first store. */
/*@ requires 0 <= p < FK_NPROC && 0 <= a && 0 <= n && a + n <= FK_MMAP_PAGES;
    requires -1 <= o < FK_NOBJ && attr != 0;
    requires clear_range: \forall integer k; a <= k < a + n ==> page_clear(p, k);
    assigns pg_attr[p][a .. a + n - 1], pg_start[p][a .. a + n - 1],
            pg_obj[p][a .. a + n - 1], pg_objpage[p][a .. a + n - 1];
    ensures one_region: \forall integer k; a <= k < a + n ==> pg_attr[p][k] == attr
              && pg_start[p][k] == (k == a ? 1 : 0) && pg_obj[p][k] == o
              && pg_objpage[p][k] == (o >= 0 ? k - a : -1);
    ensures \forall integer x; 0 <= x < FK_NOBJ ==> start_count(x, FK_NPROC)
              == \old(start_count(x, FK_NPROC)) + (x == o && n > 0 ? 1 : 0);
*/
static void map_fresh(int p, int a, int n, uint8_t attr, int o)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant one_region: \forall integer k; a <= k < a + i ==> pg_attr[p][k] == attr
              && pg_start[p][k] == (k == a ? 1 : 0) && pg_obj[p][k] == o
              && pg_objpage[p][k] == (o >= 0 ? k - a : -1);
        loop invariant \forall integer k; a + i <= k < a + n ==> page_clear(p, k);
        loop invariant \forall integer x; 0 <= x < FK_NOBJ ==> start_count(x, FK_NPROC)
              == start_count{Pre}(x, FK_NPROC) + (x == o && i > 0 ? 1 : 0);
        loop assigns i, pg_attr[p][a .. a + n - 1], pg_start[p][a .. a + n - 1],
              pg_obj[p][a .. a + n - 1], pg_objpage[p][a .. a + n - 1];
        loop variant n - i;
    */
    for (int i = 0; i < n; i++) {
        pg_attr[p][a + i] = attr;
        if (o >= 0)     /* private pages keep -1 */
            pg_objpage[p][a + i] = (int8_t)i;
        region_write(p, a + i, i == 0, (int8_t)o);
    }
}

/*@ ghost
  // A window range whose pages reach no frame: its addresses reach none.
  /@ assigns \nothing;
     ensures \forall integer p, addr, n; window_range(addr, n)
               && (\forall integer k; (addr - FK_MMAP_BASE) / FK_PAGE_SIZE <= k
                     < (addr - FK_MMAP_BASE) / FK_PAGE_SIZE + n ==> page_frameless(p, k))
               ==> range_frameless(p, addr, n);
  @/
  static void frameless_ranges(void) {}
*/

struct fk_result sys_mmap(int p, uint32_t addr, int32_t npages, int32_t prot,
                          int32_t share)
{
    int a = page_index(addr), o = -1;
    /*@ assert npages <= FK_MMAP_PAGES - a; */
    if (share == FK_MAP_SHARED) {
        o = free_obj();
        if (o < 0)
            return err(FK_ENOMEM);
    }
    unmap_range(p, a, a + npages);
    /*@ ghost shared_pages_live(); */
    /*@ assert o >= 0 ==> start_count(o, FK_NPROC) == 0; */
    /*@ assert o >= 0 ==> \forall integer q, k; 0 <= q < FK_NPROC
              && 0 <= k < FK_MMAP_PAGES ==> pg_obj[q][k] != o; */
    /*@ assert o >= 0 ==> \forall integer k; 0 <= k < FK_MMAP_PAGES ==>
              obj_frame[OBJ_SLOT(o, k)] == -1; */
    if (o >= 0) {       /* the one region about to be mapped */
        obj_ref[o] = 1;
        obj_npages[o] = (uint8_t)npages;
    }
    map_fresh(p, a, npages, page_attr(prot, o), o);
    /*@ assert \forall integer k; a <= k < a + npages ==> page_shaped(p, k); */
    /*@ assert frames_in_range; */
    /*@ assert frame_refs_counted; */
    /*@ assert obj_refs_counted; */
    /*@ assert heap_ok; */
    /*@ assert \forall integer q, i; 0 <= q < FK_NPROC && q != p && 0 <= i < FK_MMAP_PAGES
              ==> page_shaped(q, i); */
    /*@ assert \forall integer i; 0 <= i < FK_MMAP_PAGES && !(a <= i < a + npages)
              ==> page_shaped(p, i); */
    /*@ assert regions_shaped; */
    /*@ assert free_objs_empty; */
    /*@ assert obj_frames_inside; */
    /*@ assert pages_frameless: \forall integer k; a <= k < a + npages ==>
          page_frameless(p, k); */
    /*@ ghost frameless_ranges(); */
    return ok((int32_t)addr, 0);
}

struct fk_result sys_munmap(int p, uint32_t addr, int32_t npages)
{
    int a = page_index(addr);
    unmap_range(p, a, a + npages);
    return ok(0, 0);
}

/* The prot bits of a page's attributes. */
/*@ assigns \nothing;
    ensures \result == attr % (FK_PG_PROT + 1);
    ensures FK_PG_MAPPED <= attr <= FK_PG_MAPPED + FK_PROT_RW
              ==> \result == attr - FK_PG_MAPPED;
    ensures FK_PG_MAPPED + FK_PG_SHARED <= attr <= FK_PG_MAPPED + FK_PG_SHARED + FK_PROT_RW
              ==> \result == attr - FK_PG_MAPPED - FK_PG_SHARED;
*/
static int attr_prot(uint8_t attr)
{
    return attr % (FK_PG_PROT + 1);
}

/* Pages [a, b) of p get prot, keeping their object. */
/*@ requires 0 <= p < FK_NPROC && 0 <= a <= b <= FK_MMAP_PAGES;
    requires 0 <= prot <= FK_PROT_RW;
    assigns pg_attr[p][a .. b - 1];
    ensures \forall integer k; a <= k < b ==>
              pg_attr[p][k] == FK_PG_MAPPED + prot + (pg_obj[p][k] >= 0 ? FK_PG_SHARED : 0);
*/
static void set_prot(int p, int a, int b, int prot)
{
    /*@ loop invariant a <= i <= b;
        loop invariant \forall integer k; a <= k < i ==>
              pg_attr[p][k] == FK_PG_MAPPED + prot + (pg_obj[p][k] >= 0 ? FK_PG_SHARED : 0);
        loop assigns i, pg_attr[p][a .. b - 1];
        loop variant b - i;
    */
    for (int i = a; i < b; i++)
        pg_attr[p][i] = page_attr(prot, pg_obj[p][i]);
}

struct fk_result sys_mprotect(int p, uint32_t addr, int32_t npages,
                              int32_t prot)
{
    int a = page_index(addr), b = a + npages;
    /*@ loop invariant a <= i <= b;
        loop invariant \forall integer k; a <= k < i ==> pg_attr[p][k] != 0;
        loop assigns i;
        loop variant b - i;
    */
    for (int i = a; i < b; i++)
        if (!pg_attr[p][i])
            return err(FK_ENOMEM);
    /* only regions whose prot changes are split at the range's edges */
    if (attr_prot(pg_attr[p][a]) != prot)
        split_at(p, a);
    if (b < FK_MMAP_PAGES && attr_prot(pg_attr[p][b]) != prot)
        split_at(p, b);
    /*@ assert pg_start[p][a] == 0 ==> pg_attr[p][a] % (FK_PG_PROT + 1) == prot; */
    /*@ assert b < FK_MMAP_PAGES && pg_attr[p][b] != 0 && pg_start[p][b] == 0
               ==> pg_attr[p][b] % (FK_PG_PROT + 1) == prot; */
    /*@ assert pg_start[p][a] == 0 ==> pg_attr[p][a]
               == FK_PG_MAPPED + prot + (pg_obj[p][a] >= 0 ? FK_PG_SHARED : 0); */
    /*@ assert b < FK_MMAP_PAGES && pg_attr[p][b] != 0 && pg_start[p][b] == 0 ==> pg_attr[p][b]
               == FK_PG_MAPPED + prot + (pg_obj[p][b] >= 0 ? FK_PG_SHARED : 0); */
    /*@ assert regions_shaped; */
    set_prot(p, a, b, prot);
    /*@ assert \forall integer q, k; 0 <= q < FK_NPROC && 0 <= k < FK_MMAP_PAGES
               && !(q == p && a <= k <= b) ==> page_shaped(q, k); */
    /*@ assert \forall integer k; a <= k < b ==> page_shaped(p, k); */
    /*@ assert b < FK_MMAP_PAGES ==> page_shaped(p, b); */
    /*@ assert regions_shaped; */
    /*@ assert memory_ok; */
    return ok(0, 0);
}

struct fk_result sys_sbrk(int p, int32_t delta)
{
    int old = heap_pages[p];
    int64_t pages = (int64_t)old + delta;
    if (pages < 0 || pages > FK_HEAP_MAX_PAGES)
        return err(FK_ENOMEM);
    int n = (int)pages;
    /*@ loop invariant n <= j && (j <= old || j == n);
        loop invariant frames_in_range && frame_refs_counted;
        loop invariant none_revived: no_frame_revived{Pre, Here};
        loop invariant \forall integer k; n <= k < j ==> heap_frame[p][k] == -1;
        loop invariant \forall integer k; j <= k < FK_HEAP_MAX_PAGES ==>
              heap_frame[p][k] == \at(heap_frame[p][k], LoopEntry);
        loop assigns j, heap_frame[p][n .. FK_HEAP_MAX_PAGES-1], frame_ref[0 .. FK_NFRAME-1];
        loop variant old - j;
    */
    for (int j = n; j < old; j++) {
        int f = heap_frame[p][j];
        if (f >= 0) {
            heap_frame_write(p, j, -1);
            /*@ ghost page_count_bounds(); */
            frame_put(f);
        }
    }
    heap_pages[p] = (uint8_t)n;
    return ok((int32_t)(FK_HEAP_BASE + (uint32_t)old * FK_PAGE_SIZE), 0);
}

/* The executor faulted (signal 11) or the page could not be given a
 * frame (9): the process dies. */
/*@ requires alive(p);
    requires tables_ok;
    requires sig == 9 || sig == 11;
    assigns TEARDOWN_ASSIGNS(p);
    ensures tables_ok;
    ensures no_frame_revived{Pre, Post};
    ensures \result.kind == FK_R_KILLED && \result.val == sig && \result.aux == 0;
    ensures torn: torn_down{Pre, Post}(p, sig);
*/
static struct fk_result killed(int p, int sig)
{
    struct fk_result r = { FK_R_KILLED, sig, 0 };
    proc_teardown(p, fk_status_signaled(sig));
    return r;
}

/* The frame that holds the word at addr, or -1 while its page has none. */
/*@ requires 0 <= p < FK_NPROC && (in_heap_area(addr) || in_window(addr));
    requires frames_in_range;
    assigns \nothing;
    ensures \result == frame_at(p, addr);
    ensures -1 <= \result < FK_NFRAME;
    ensures frame_count(\result) >= 1;
*/
static int frame_of(int p, uint32_t addr)
{
    int i;
    /*@ ghost page_count_bounds(); */
    if (fk_in_heap_area(addr)) {
        int j = (int)((addr - FK_HEAP_BASE) / FK_PAGE_SIZE);
        /*@ ghost heap_counted(p, j); */
        return heap_frame[p][j];
    }
    i = page_index(addr);
    if (is_shared(p, i)) {
        /*@ ghost objf_counted(pg_obj[p][i], pg_objpage[p][i]); */
        return obj_frame[OBJ_SLOT(pg_obj[p][i], pg_objpage[p][i])];
    }
    /*@ ghost pg_counted(p, i); */
    return pg_frame[p][i];
}

/* The page at addr now has frame v (through the counted writers). */
/*@ requires 0 <= p < FK_NPROC && (in_heap_area(addr) || in_window(addr));
    requires frames_in_range;
    requires regions_shaped && objs_shaped;
    requires in_heap_area(addr) || pg_attr[p][win_page(addr)] != 0;
    requires -1 <= v < FK_NFRAME;
    assigns heap_frame[p][heap_page(addr)],
            obj_frame[OBJ_SLOT(pg_obj[p][win_page(addr)], pg_objpage[p][win_page(addr)])],
            pg_frame[p][win_page(addr)];
    ensures frame_at(p, addr) == v;
    ensures reached_kept: frames_reached_kept{Pre, Post}(p, addr, v);
    ensures frames_in_range;
    ensures regions_shaped;
    ensures free_objs_empty;
    ensures obj_frames_inside;
    ensures \forall integer fr; frame_count(fr) == \old(frame_count(fr))
              + (v == fr ? 1 : 0) - (\old(frame_at(p, addr)) == fr ? 1 : 0);
*/
static void set_frame(int p, uint32_t addr, int v)
{
    int i;
    if (fk_in_heap_area(addr)) {
        heap_frame_write(p, (int)((addr - FK_HEAP_BASE) / FK_PAGE_SIZE), v);
        return;
    }
    i = page_index(addr);
    if (is_shared(p, i))
        objf_write(pg_obj[p][i], pg_objpage[p][i], v);
    else
        pg_frame_write(p, i, v);
}

/* The prot of the page at addr, or -1 when it is not mapped. */
/*@ requires 0 <= p < FK_NPROC && (in_heap_area(addr) || in_window(addr));
    assigns \nothing;
    ensures \result == page_prot_at(p, addr);
*/
static int prot_at(int p, uint32_t addr)
{
    int i;
    if (fk_in_heap_area(addr))
        return (addr - FK_HEAP_BASE) / FK_PAGE_SIZE < heap_pages[p]
               ? FK_PROT_RW : -1;
    i = page_index(addr);
    return pg_attr[p][i] ? pg_attr[p][i] % (FK_PG_PROT + 1) : -1;
}

/* Frame f's words into frame copy. */
/*@ requires 0 <= f < FK_NFRAME && 0 <= copy < FK_NFRAME && f != copy;
    assigns frame_data[FRAME_WORD(copy, 0) .. FRAME_WORD(copy, FK_PAGE_WORDS - 1)];
    ensures \forall integer w; 0 <= w < FK_PAGE_WORDS ==>
              frame_data[FRAME_WORD(copy, w)] == frame_data[FRAME_WORD(f, w)];
*/
static void copy_words(int copy, int f)
{
    /*@ loop invariant 0 <= k <= FK_PAGE_WORDS;
        loop invariant \forall integer w; 0 <= w < k ==>
              frame_data[FRAME_WORD(copy, w)] == frame_data[FRAME_WORD(f, w)];
        loop assigns k, frame_data[FRAME_WORD(copy, 0) .. FRAME_WORD(copy, FK_PAGE_WORDS - 1)];
        loop variant FK_PAGE_WORDS - k;
    */
    for (int k = 0; k < FK_PAGE_WORDS; k++)
        frame_data[FRAME_WORD(copy, k)] = frame_data[FRAME_WORD(f, k)];
}

/* A private copy of frame f (in use) in frame copy (copy-on-write). */
/*@ requires 0 <= f < FK_NFRAME && 0 <= copy < FK_NFRAME && f != copy;
    requires frame_ref[f] > 0 && frames_summed;
    assigns frame_data[FRAME_WORD(copy, 0) .. FRAME_WORD(copy, FK_PAGE_WORDS - 1)],
            frame_sum[copy];
    ensures \forall integer w; 0 <= w < FK_PAGE_WORDS ==>
              frame_data[FRAME_WORD(copy, w)] == frame_data[FRAME_WORD(f, w)];
    ensures frame_sum[copy] == frame_sum[f];
    ensures frames_summed;
*/
static void copy_frame(int copy, int f)
{
    copy_words(copy, f);
    frame_sum[copy] = frame_sum[f];
    /*@ ghost   // the copy's total is the original's; the other frames' are as before
      /@ loop invariant 0 <= k <= FK_PAGE_WORDS;
         loop invariant copied: frame_words_total(copy, k) == frame_words_total{Pre}(f, k);
         loop invariant others: \forall integer g, j; 0 <= g < FK_NFRAME && g != copy && 0 <= j <= k
             ==> frame_words_total(g, j) == frame_words_total{Pre}(g, j);
         loop assigns k;
         loop variant FK_PAGE_WORDS - k; @/
      for (int k = 0; k < FK_PAGE_WORDS; k++) {
          /@ assert frame_words_total(copy, k + 1)
               == frame_words_total(copy, k) + sum_term(k, frame_data[FRAME_WORD(copy, k)]); @/
          /@ assert frame_words_total{Pre}(f, k + 1)
               == frame_words_total{Pre}(f, k) + sum_term(k, frame_data[FRAME_WORD(f, k)]); @/
      }
    */
    /*@ assert others_summed: \forall integer g; 0 <= g < FK_NFRAME && g != copy && frame_ref[g] > 0
          ==> frame_sum[g] == frame_words_total(g, FK_PAGE_WORDS) % 0x100000000; */
}

/* Stores value at addr in a frame p's page there alone references: its
 * own, or (copy-on-write) the lowest free frame, holding a copy of the
 * shared frame or zeros for a page that had none. 0; -1, with nothing
 * changed, when that frame is needed and none is free. */
/*@ requires 0 <= p < FK_NPROC;
    requires memory_ok && frames_summed;
    requires addr % 4 == 0 && (in_heap_area(addr) || in_window(addr));
    requires page_prot_at(p, addr) == FK_PROT_RW;
    assigns frame_ref[0 .. FK_NFRAME-1], frame_sum[0 .. FK_NFRAME-1],
            frame_data[0 .. FK_NFRAME * FK_PAGE_WORDS - 1],
            heap_frame[p][heap_page(addr)],
            obj_frame[OBJ_SLOT(pg_obj[p][win_page(addr)], pg_objpage[p][win_page(addr)])],
            pg_frame[p][win_page(addr)];
    ensures memory_ok;
    ensures frames_summed;
    behavior no_frame:
      assumes frame_at(p, addr) < 0 || frame_ref[frame_at(p, addr)] > 1;
      assumes first_free_frame(0) < 0;
      ensures \result == -1;
      ensures memory_same{Pre, Post};
    behavior stored:
      assumes (0 <= frame_at(p, addr) && frame_ref[frame_at(p, addr)] <= 1)
              || first_free_frame(0) >= 0;
      ensures \result == 0;
      ensures in_own_frame: word_stored(p, addr, value);
      ensures \old(frame_at(p, addr)) < 0 || \old(frame_ref[frame_at(p, addr)]) > 1
              ==> frame_at(p, addr) == \old(first_free_frame(0));
      ensures frames_kept: other_frames_kept{Pre, Post}(frame_at(p, addr));
      ensures reached_kept: frames_reached_kept{Pre, Post}(p, addr, frame_at(p, addr));
      ensures copied: \old(frame_at(p, addr)) >= 0 ==> words_copied{Pre, Post}(
                \old(frame_at(p, addr)), frame_at(p, addr), addr % FK_PAGE_SIZE / 4);
      ensures zeroed: \old(frame_at(p, addr)) < 0 ==>
                words_zero(frame_at(p, addr), addr % FK_PAGE_SIZE / 4);
    complete behaviors;
    disjoint behaviors;
*/
static int write_word(int p, uint32_t addr, uint32_t value)
{
    int w = (int)(addr % FK_PAGE_SIZE / 4), f = frame_of(p, addr), to = f;
    //@ assert word_index: w == addr % FK_PAGE_SIZE / 4;
    if (f < 0 || frame_ref[f] > 1) {
        to = frame_alloc();
        if (to < 0)
            return -1;
        if (f >= 0)
            copy_frame(to, f);
    }
    /*@ assert reads_as_old: \let o = f; o >= 0 ==> \forall integer k; 0 <= k < FK_PAGE_WORDS
          ==> frame_data[FRAME_WORD(to, k)] == \at(frame_data[FRAME_WORD(o, k)], Pre); */
    /*@ assert fresh_zeros: f < 0 ==> \forall integer k; 0 <= k < FK_PAGE_WORDS
          ==> frame_data[FRAME_WORD(to, k)] == 0; */
    frame_word_put(to, w, value);
    /*@ assert others_as_old_words: \let o = f; o >= 0 ==> \forall integer k;
          0 <= k < FK_PAGE_WORDS && k != addr % FK_PAGE_SIZE / 4 ==>
          frame_data[FRAME_WORD(to, k)] == \at(frame_data[FRAME_WORD(o, k)], Pre); */
    //@ assert others_as_old: f >= 0 ==> words_copied{Pre, Here}(f, to, addr % FK_PAGE_SIZE / 4);
    /*@ assert others_zero_words: f < 0 ==> \forall integer k; 0 <= k < FK_PAGE_WORDS
          && k != addr % FK_PAGE_SIZE / 4 ==> frame_data[FRAME_WORD(to, k)] == 0; */
    //@ assert others_zero: f < 0 ==> words_zero(to, addr % FK_PAGE_SIZE / 4);
    //@ assert only_to_written: other_frames_kept{Pre, Here}(to);
    /*@ assert reach_unchanged: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) ==> frame_at(q, a) == \at(frame_at(q, a), Pre); */
    if (to != f) {
        /* the words are in place before the page reaches them */
        set_frame(p, addr, to);
        //@ assert reached_via_set: frames_reached_kept{Pre, Here}(p, addr, to);
        /*@ ghost page_count_bounds(); */
        if (f >= 0)
            frame_put(f);
    }
    //@ assert reached_in_place: to == f ==> frames_reached_kept{Pre, Here}(p, addr, to);
    //@ assert now_at: frame_at(p, addr) == to;
    //@ assert in_range_after: frames_in_range;
    //@ assert frames_counted_after: frame_refs_counted;
    //@ assert objs_counted_after: obj_refs_counted;
    //@ assert heap_after: heap_ok;
    //@ assert shaped_after: regions_shaped && objs_shaped;
    return 0;
}

/*@ ghost
  // Where frame_at and a word's index can point.
  /@ assigns \nothing;
     ensures \forall integer q, a; frames_in_range && 0 <= q < FK_NPROC
               && (in_heap_area(a) || in_window(a)) ==> -1 <= frame_at(q, a) < FK_NFRAME;
     ensures \forall integer a; 0 <= a ==> 0 <= a % FK_PAGE_SIZE / 4 < FK_PAGE_WORDS;
     ensures \forall integer a; in_heap_area(a) ==> 0 <= heap_page(a) < FK_HEAP_MAX_PAGES;
     ensures \forall integer a; in_window(a) ==> 0 <= win_page(a) < FK_MMAP_PAGES;
  @/
  static void frame_at_bounds(void) {}

  // Two addresses that reach one frame through different references
  // count it twice (frame_count counts page-table cells and object slots).
  /@ requires frames_in_range;
     assigns \nothing;
     ensures \forall integer q, a, p, addr; 0 <= q < FK_NPROC && 0 <= p < FK_NPROC
               && (in_heap_area(a) || in_window(a)) && (in_heap_area(addr) || in_window(addr))
               && frame_at(q, a) == frame_at(p, addr) && !same_reference(q, a, p, addr)
               ==> frame_count(frame_at(p, addr)) >= 2;
  @/
  static void two_references(void)
  {
      pg_cells_counted();
      heap_cells_counted();
      objf_cells_counted();
      page_count_bounds();
      frame_at_bounds();
  }
*/

struct fk_result sys_store(int p, uint32_t addr, uint32_t value)
{
    if (prot_at(p, addr) != FK_PROT_RW)
        return killed(p, 11);
    //@ assert procs_before: procs_ok;
    if (write_word(p, addr, value))
        return killed(p, 9);
    //@ assert procs_after: procs_ok;
    /*@ ghost frame_at_bounds(); */
    /*@ ghost two_references(); */
    /*@ assert exclusive: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && frame_at(q, a) == frame_at(p, addr) ==>
          same_reference(q, a, p, addr); */
    /*@ assert reached_as_before: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && frame_at(q, a) != frame_at(p, addr) ==>
          frame_at(q, a) == \at(frame_at(q, a), Pre); */
    /*@ assert kept_words: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && frame_at(q, a) != frame_at(p, addr)
          && frame_at(q, a) >= 0 ==> \let g = frame_at(q, a);
          frame_data[FRAME_WORD(g, a % FK_PAGE_SIZE / 4)]
          == \at(frame_data[FRAME_WORD(g, a % FK_PAGE_SIZE / 4)], Pre); */
    /*@ assert others_unframed: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && frame_at(q, a) != frame_at(p, addr)
          && frame_at(q, a) < 0 ==> word_at(q, a) == 0 && \at(word_at(q, a), Pre) == 0; */
    /*@ assert others_framed: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && frame_at(q, a) != frame_at(p, addr)
          && frame_at(q, a) >= 0 ==> word_at(q, a) == \at(word_at(q, a), Pre); */
    /*@ assert others_elsewhere: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && frame_at(q, a) != frame_at(p, addr)
          ==> word_at(q, a) == \at(word_at(q, a), Pre); */
    //@ assert reads_value: word_at(p, addr) == value;
    /*@ assert others_read_as_before: \forall integer q, a; 0 <= q < FK_NPROC
          && (in_heap_area(a) || in_window(a)) && !same_reference{Pre}(q, a, p, addr)
          ==> word_at(q, a) == \at(word_at(q, a), Pre); */
    return ok(0, 0);
}

struct fk_result sys_load(int p, uint32_t addr)
{
    int prot = prot_at(p, addr), f, word = (int)(addr % FK_PAGE_SIZE / 4);
    // (the index named: inline, its unsigned arithmetic left reads_frame
    // to the provers' luck with every new declaration in logic.h)
    //@ assert word_of_addr: word == addr % FK_PAGE_SIZE / 4;
    if (prot != FK_PROT_R && prot != FK_PROT_RW)
        return killed(p, 11);
    f = frame_of(p, addr);
    return ok(f < 0 ? 0 : fk_i32_of(frame_data[FRAME_WORD(f, word)]), 0);
}
