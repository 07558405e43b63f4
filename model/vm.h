/* Memory operations (spec/syscalls.md, "Memory operations"). p is the
 * caller's slot, alive; the executor's checks have passed (ranges are
 * inside the window, addresses aligned and inside window or heap area). */
#ifndef MODEL_VM_H
#define MODEL_VM_H

#include "model/state.h"

/*@ predicate has_free_obj{L} =
      \exists integer o; 0 <= o < FK_NOBJ && obj_ref[o] == 0;
*/

/*@ requires alive(p);
    requires tables_ok;
    requires window_range(addr, npages);
    requires 0 <= prot <= FK_PROT_RW;
    requires share == FK_MAP_PRIVATE || share == FK_MAP_SHARED;
    assigns UNMAP_ASSIGNS(p);
    ensures procs_ok;
    ensures files_ok;
    ensures memory_ok;
    ensures no_frame_revived{Pre, Post};
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior no_object:
      assumes share == FK_MAP_SHARED && !has_free_obj;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ENOMEM;
    behavior mapped:
      assumes share == FK_MAP_PRIVATE || has_free_obj;
      ensures \result.kind == FK_R_OK && \result.val == addr;
      // one region: mapped, no frame yet (pages fill on first store)
      ensures \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; a <= k < a + npages ==> pg_attr[p][k] != 0
                && pg_start[p][k] == (k == a ? 1 : 0) && pg_frame[p][k] == -1;
      // with the prot asked for, shared exactly when the mapping is
      ensures prot_mapped: \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; a <= k < a + npages ==> pg_attr[p][k]
                == FK_PG_MAPPED + prot + (share == FK_MAP_SHARED ? FK_PG_SHARED : 0);
      // p's other pages stay (the page after the range may start a region)
      ensures kept: \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; 0 <= k < FK_MMAP_PAGES && !(a <= k <= a + npages)
                ==> page_same{Here, Pre}(p, k);
      ensures \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; 0 <= k < npages ==>
                pg_objpage[p][a + k] == (pg_obj[p][a + k] >= 0 ? k : -1);
      // private pages name no object; a shared mapping a new (free) one
      ensures \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              share == FK_MAP_PRIVATE ==> pg_obj[p][a] == -1;
      ensures \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE; \let o = pg_obj[p][a];
              share == FK_MAP_SHARED ==> 0 <= o < FK_NOBJ
                && \at(obj_ref[o], Pre) == 0 && obj_npages[o] == npages;
      // no page of the range reaches a frame: every word reads 0
      ensures fresh: range_frameless(p, addr, npages);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_mmap(int p, uint32_t addr, int32_t npages, int32_t prot,
                          int32_t share);

/*@ requires alive(p);
    requires tables_ok;
    requires window_range(addr, npages);
    assigns UNMAP_ASSIGNS(p);
    ensures tables_ok;
    ensures no_frame_revived{Pre, Post};
    ensures \result.kind == FK_R_OK && \result.val == 0 && \result.aux == 0;
    ensures cleared: \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; a <= k < a + npages ==> page_clear(p, k);
    ensures \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; 0 <= k < FK_MMAP_PAGES && !(a <= k <= a + npages)
                ==> page_same{Here, Pre}(p, k);
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
*/
struct fk_result sys_munmap(int p, uint32_t addr, int32_t npages);

/*@ requires alive(p);
    requires tables_ok;
    requires window_range(addr, npages);
    requires 0 <= prot <= FK_PROT_RW;
    assigns pg_attr[p][0 .. FK_MMAP_PAGES-1], pg_start[p][0 .. FK_MMAP_PAGES-1],
            pg_obj[p][0 .. FK_MMAP_PAGES-1], obj_ref[0 .. FK_NOBJ-1];
    ensures tables_ok;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior unmapped:
      assumes \exists integer k; (addr - FK_MMAP_BASE) / FK_PAGE_SIZE <= k
                < (addr - FK_MMAP_BASE) / FK_PAGE_SIZE + npages && pg_attr[p][k] == 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ENOMEM;
    behavior protected:
      assumes \forall integer k; (addr - FK_MMAP_BASE) / FK_PAGE_SIZE <= k
                < (addr - FK_MMAP_BASE) / FK_PAGE_SIZE + npages ==> pg_attr[p][k] != 0;
      ensures \result.kind == FK_R_OK && \result.val == 0 && \result.aux == 0;
      // frames and objects stay; only prot bits and region starts change
      ensures \forall integer k; 0 <= k < FK_MMAP_PAGES ==>
                pg_obj[p][k] == \old(pg_obj[p][k]) && pg_frame[p][k] == \old(pg_frame[p][k]);
      // the range's pages get prot, shared ones stay shared; no other page's
      // attributes change
      ensures prot_set: \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; a <= k < a + npages ==>
                pg_attr[p][k] == FK_PG_MAPPED + prot + (pg_obj[p][k] >= 0 ? FK_PG_SHARED : 0);
      ensures attrs_kept: \let a = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;
              \forall integer k; 0 <= k < FK_MMAP_PAGES && !(a <= k < a + npages) ==>
                pg_attr[p][k] == \old(pg_attr[p][k]);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_mprotect(int p, uint32_t addr, int32_t npages,
                              int32_t prot);

/*@ requires alive(p);
    requires tables_ok;
    assigns heap_pages[p], heap_frame[p][0 .. FK_HEAP_MAX_PAGES-1],
            frame_ref[0 .. FK_NFRAME-1];
    ensures tables_ok;
    ensures no_frame_revived{Pre, Post};
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior out_of_range:
      assumes heap_pages[p] + delta < 0 || heap_pages[p] + delta > FK_HEAP_MAX_PAGES;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ENOMEM;
    behavior moved:
      assumes 0 <= heap_pages[p] + delta <= FK_HEAP_MAX_PAGES;
      ensures \result.kind == FK_R_OK && \result.aux == 0
              && \result.val == FK_HEAP_BASE + \old(heap_pages[p]) * FK_PAGE_SIZE;
      ensures heap_pages[p] == \old(heap_pages[p]) + delta;
      // pages below the new break keep their frames
      ensures \forall integer j; 0 <= j < heap_pages[p] ==>
                heap_frame[p][j] == \old(heap_frame[p][j]);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_sbrk(int p, int32_t delta);

/*@ requires alive(p);
    requires tables_ok && frames_summed;
    requires addr % 4 == 0 && (in_heap_area(addr) || in_window(addr));
    assigns TEARDOWN_ASSIGNS(p), frame_sum[0 .. FK_NFRAME-1],
            frame_data[0 .. FK_NFRAME * FK_PAGE_WORDS - 1];
    ensures procs_ok;
    ensures files_ok;
    ensures memory_ok;
    ensures frames_summed;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior fault:
      assumes page_prot_at(p, addr) != FK_PROT_RW;
      ensures \result.kind == FK_R_KILLED && \result.val == 11;
      ensures torn: torn_down{Pre, Post}(p, 11);
    behavior no_frame:
      assumes page_prot_at(p, addr) == FK_PROT_RW;
      assumes frame_at(p, addr) < 0 || frame_ref[frame_at(p, addr)] > 1;
      assumes first_free_frame(0) < 0;
      ensures \result.kind == FK_R_KILLED && \result.val == 9;
      ensures torn: torn_down{Pre, Post}(p, 9);
    behavior stored:
      assumes page_prot_at(p, addr) == FK_PROT_RW;
      assumes (0 <= frame_at(p, addr) && frame_ref[frame_at(p, addr)] <= 1)
              || first_free_frame(0) >= 0;
      ensures \result.kind == FK_R_OK && \result.val == 0 && \result.aux == 0;
      ensures proc_state[p] == P_ALIVE;
      // the word is stored in a frame this page alone references
      ensures in_own_frame: word_stored(p, addr, value);
      // copy-on-write: a shared or missing frame was replaced by the lowest free one
      ensures \old(frame_at(p, addr)) < 0 || \old(frame_ref[frame_at(p, addr)]) > 1
              ==> frame_at(p, addr) == \old(first_free_frame(0));
      // the page's other words read as before: a copy-on-write copies,
      // a page with no frame gets zeros
      ensures copied: \old(frame_at(p, addr)) >= 0 ==> words_copied{Pre, Post}(
                \old(frame_at(p, addr)), frame_at(p, addr), addr % FK_PAGE_SIZE / 4);
      ensures zeroed: \old(frame_at(p, addr)) < 0 ==>
                words_zero(frame_at(p, addr), addr % FK_PAGE_SIZE / 4);
      // no other frame's words change (a shared frame is not written)
      ensures frames_kept: other_frames_kept{Pre, Post}(frame_at(p, addr));
      // every address reaches the frame it did, or the stored word's
      ensures reached_kept: frames_reached_kept{Pre, Post}(p, addr, frame_at(p, addr));
      ensures isolated: store_isolated{Pre, Post}(p, addr, value);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_store(int p, uint32_t addr, uint32_t value);

/*@ requires alive(p);
    requires tables_ok;
    requires addr % 4 == 0 && (in_heap_area(addr) || in_window(addr));
    assigns TEARDOWN_ASSIGNS(p);
    ensures tables_ok;
    ensures no_frame_revived{Pre, Post};
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior fault:
      assumes page_prot_at(p, addr) != FK_PROT_R && page_prot_at(p, addr) != FK_PROT_RW;
      ensures \result.kind == FK_R_KILLED && \result.val == 11;
      ensures torn: torn_down{Pre, Post}(p, 11);
    behavior loaded:
      assumes page_prot_at(p, addr) == FK_PROT_R || page_prot_at(p, addr) == FK_PROT_RW;
      assigns \nothing;
      ensures \result.kind == FK_R_OK && \result.aux == 0;
      ensures frame_at(p, addr) < 0 ==> \result.val == 0;
      ensures reads_frame: frame_at(p, addr) >= 0 ==> \result.val
                == i32_of(frame_data[FRAME_WORD(frame_at(p, addr), addr % FK_PAGE_SIZE / 4)]);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_load(int p, uint32_t addr);

#endif
