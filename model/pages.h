/* The one place each array that frame and object refcounts count is
 * written (private pages' frames, heap frames, object slots, region
 * starts), with the counting lemmas, as fdt.h does for fd tables. */
#ifndef MODEL_PAGES_H
#define MODEL_PAGES_H

#include "model/state.h"

/*@ requires 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES;
    requires -1 <= v < FK_NFRAME;
    assigns pg_frame[q][i];
    ensures pg_frame[q][i] == v;
    ensures \forall integer fr; pg_count(fr, FK_NPROC) == pg_count{Pre}(fr, FK_NPROC)
              + (v == fr ? 1 : 0) - (\old(pg_frame[q][i]) == fr ? 1 : 0);
*/
void pg_frame_write(int q, int i, int v);

/*@ requires 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES;
    requires -1 <= v < FK_NFRAME;
    assigns heap_frame[q][j];
    ensures heap_frame[q][j] == v;
    ensures \forall integer fr; heap_count(fr, FK_NPROC) == heap_count{Pre}(fr, FK_NPROC)
              + (v == fr ? 1 : 0) - (\old(heap_frame[q][j]) == fr ? 1 : 0);
*/
void heap_frame_write(int q, int j, int v);

/*@ requires 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES;
    requires -1 <= obj < FK_NOBJ;
    assigns pg_start[q][i], pg_obj[q][i];
    ensures pg_start[q][i] == start && pg_obj[q][i] == obj;
    ensures \forall integer o; start_count(o, FK_NPROC) == start_count{Pre}(o, FK_NPROC)
              + ((start != 0 ? obj : -1) == o ? 1 : 0)
              - (\old(region_obj(q, i)) == o ? 1 : 0);
*/
void region_write(int q, int i, uint8_t start, int8_t obj);

/*@ requires 0 <= o < FK_NOBJ && 0 <= k < FK_MMAP_PAGES;
    requires -1 <= v < FK_NFRAME;
    assigns obj_frame[OBJ_SLOT(o, k)];
    ensures obj_frame[OBJ_SLOT(o, k)] == v;
    ensures \forall integer fr; objf_count(fr, FK_NOBJ) == objf_count{Pre}(fr, FK_NOBJ)
              + (v == fr ? 1 : 0) - (\old(obj_frame[OBJ_SLOT(o, k)]) == fr ? 1 : 0);
*/
void objf_write(int o, int k, int v);

/*@ ghost
  /@ assigns \nothing;
     ensures \forall integer fr; 0 <= pg_count(fr, FK_NPROC) <= FK_NPROC * FK_MMAP_PAGES;
     ensures \forall integer fr; 0 <= heap_count(fr, FK_NPROC) <= FK_NPROC * FK_HEAP_MAX_PAGES;
     ensures \forall integer fr; 0 <= objf_count(fr, FK_NOBJ) <= FK_NOBJ * FK_MMAP_PAGES;
     ensures \forall integer o; 0 <= start_count(o, FK_NPROC) <= FK_NPROC * FK_MMAP_PAGES;
  @/
  void page_count_bounds(void);

  /@ requires rows_clear;
     requires \forall integer s; 0 <= s < FK_NOBJ * FK_MMAP_PAGES ==> obj_frame[s] == -1;
     assigns \nothing;
     ensures \forall integer fr; 0 <= fr ==> pg_count(fr, FK_NPROC) == 0
               && heap_count(fr, FK_NPROC) == 0 && objf_count(fr, FK_NOBJ) == 0;
     ensures \forall integer o; 0 <= o ==> start_count(o, FK_NPROC) == 0;
  @/
  void reset_page_counts(void);

  /@ requires 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES;
     assigns \nothing;
     ensures pg_count(pg_frame[q][i], FK_NPROC) >= 1;
  @/
  void pg_counted(int q, int i);

  // Every page-table cell (and below, heap cell and object slot) is
  // counted, and two distinct ones on one frame twice (a store's frame
  // with frame_ref 1 is reached through one reference: model/vm.c).
  /@ assigns \nothing;
     ensures \forall integer q1, i1, q2, i2; 0 <= q1 < FK_NPROC && 0 <= i1 < FK_MMAP_PAGES
               && 0 <= q2 < FK_NPROC && 0 <= i2 < FK_MMAP_PAGES && (q1 != q2 || i1 != i2)
               && pg_frame[q1][i1] == pg_frame[q2][i2]
               ==> pg_count(pg_frame[q1][i1], FK_NPROC) >= 2;
     ensures \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES
               ==> pg_count(pg_frame[q][i], FK_NPROC) >= 1;
  @/
  void pg_cells_counted(void);

  /@ assigns \nothing;
     ensures \forall integer q1, j1, q2, j2; 0 <= q1 < FK_NPROC && 0 <= j1 < FK_HEAP_MAX_PAGES
               && 0 <= q2 < FK_NPROC && 0 <= j2 < FK_HEAP_MAX_PAGES && (q1 != q2 || j1 != j2)
               && heap_frame[q1][j1] == heap_frame[q2][j2]
               ==> heap_count(heap_frame[q1][j1], FK_NPROC) >= 2;
     ensures \forall integer q, j; 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES
               ==> heap_count(heap_frame[q][j], FK_NPROC) >= 1;
  @/
  void heap_cells_counted(void);

  /@ assigns \nothing;
     ensures \forall integer s1, s2; 0 <= s1 < FK_NOBJ * FK_MMAP_PAGES
               && 0 <= s2 < FK_NOBJ * FK_MMAP_PAGES && s1 != s2 && obj_frame[s1] == obj_frame[s2]
               ==> objf_count(obj_frame[s1], FK_NOBJ) >= 2;
     ensures \forall integer s1; 0 <= s1 < FK_NOBJ * FK_MMAP_PAGES
               ==> objf_count(obj_frame[s1], FK_NOBJ) >= 1;
  @/
  void objf_cells_counted(void);

  /@ requires 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES;
     assigns \nothing;
     ensures heap_count(heap_frame[q][j], FK_NPROC) >= 1;
  @/
  void heap_counted(int q, int j);

  /@ requires 0 <= o < FK_NOBJ && 0 <= k < FK_MMAP_PAGES;
     assigns \nothing;
     ensures objf_count(obj_frame[OBJ_SLOT(o, k)], FK_NOBJ) >= 1;
  @/
  void objf_counted(int o, int k);

  /@ requires 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES;
     assigns \nothing;
     ensures region_obj(q, i) >= 0 ==> start_count(region_obj(q, i), FK_NPROC) >= 1;
  @/
  void start_counted(int q, int i);

  // Every shared page's object has a region start naming it (so, with
  // obj_refs_counted, it is live): induction along each region.
  /@ requires \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES
                ==> page_linked(q, i);
     assigns \nothing;
     ensures \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES
               && pg_obj[q][i] >= 0 ==> start_count(pg_obj[q][i], FK_NPROC) >= 1;
  @/
  void shared_pages_live(void);
*/

#endif
