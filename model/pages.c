/* Writers of counted page arrays and their lemmas. As in fdt.c, the ghost
 * loops run nothing; their invariants are the induction steps. */
#include "model/pages.h"

void pg_frame_write(int q, int i, int v)
{
    pg_frame[q][i] = (int16_t)v;
    /*@ ghost
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer fr; pg_count(fr, r) == pg_count{Pre}(fr, r)
             + (r > q ? (v == fr ? 1 : 0) - (\at(pg_frame[q][i], Pre) == fr ? 1 : 0) : 0);
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer fr; pg_row_count(r, fr, n) == pg_row_count{Pre}(r, fr, n)
                 + (r == q && n > i ? (v == fr ? 1 : 0) - (\at(pg_frame[q][i], Pre) == fr ? 1 : 0) : 0);
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
    */
}

void heap_frame_write(int q, int j, int v)
{
    heap_frame[q][j] = (int16_t)v;
    /*@ ghost
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer fr; heap_count(fr, r) == heap_count{Pre}(fr, r)
             + (r > q ? (v == fr ? 1 : 0) - (\at(heap_frame[q][j], Pre) == fr ? 1 : 0) : 0);
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_HEAP_MAX_PAGES;
             loop invariant \forall integer fr; heap_row_count(r, fr, n) == heap_row_count{Pre}(r, fr, n)
                 + (r == q && n > j ? (v == fr ? 1 : 0) - (\at(heap_frame[q][j], Pre) == fr ? 1 : 0) : 0);
             loop assigns n;
             loop variant FK_HEAP_MAX_PAGES - n; @/
          for (int n = 0; n < FK_HEAP_MAX_PAGES; n++) {}
      }
    */
}

void objf_write(int o, int k, int v)
{
    obj_frame[OBJ_SLOT(o, k)] = (int16_t)v;
    /*@ ghost
      /@ loop invariant 0 <= r <= FK_NOBJ;
         loop invariant \forall integer fr; objf_count(fr, r) == objf_count{Pre}(fr, r)
             + (r > o ? (v == fr ? 1 : 0) - (\at(obj_frame[OBJ_SLOT(o, k)], Pre) == fr ? 1 : 0) : 0);
         loop assigns r;
         loop variant FK_NOBJ - r; @/
      for (int r = 0; r < FK_NOBJ; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer fr; objf_row_count(r, fr, n) == objf_row_count{Pre}(r, fr, n)
                 + (r == o && n > k ? (v == fr ? 1 : 0) - (\at(obj_frame[OBJ_SLOT(o, k)], Pre) == fr ? 1 : 0) : 0);
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
    */
}

void region_write(int q, int i, uint8_t start, int8_t obj)
{
    pg_start[q][i] = start;
    pg_obj[q][i] = obj;
    /*@ ghost
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer o; start_count(o, r) == start_count{Pre}(o, r)
             + (r > q ? ((start != 0 ? obj : -1) == o ? 1 : 0)
                        - (\at(region_obj(q, i), Pre) == o ? 1 : 0) : 0);
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer o; start_row_count(r, o, n) == start_row_count{Pre}(r, o, n)
                 + (r == q && n > i ? ((start != 0 ? obj : -1) == o ? 1 : 0)
                                      - (\at(region_obj(q, i), Pre) == o ? 1 : 0) : 0);
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
    */
}

/*@ ghost
  void page_count_bounds(void)
  {
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer fr; 0 <= pg_count(fr, r) <= r * FK_MMAP_PAGES;
         loop invariant \forall integer fr; 0 <= heap_count(fr, r) <= r * FK_HEAP_MAX_PAGES;
         loop invariant \forall integer o; 0 <= start_count(o, r) <= r * FK_MMAP_PAGES;
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer fr; 0 <= pg_row_count(r, fr, n) <= n;
             loop invariant \forall integer o; 0 <= start_row_count(r, o, n) <= n;
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
          /@ loop invariant 0 <= n <= FK_HEAP_MAX_PAGES;
             loop invariant \forall integer fr; 0 <= heap_row_count(r, fr, n) <= n;
             loop assigns n;
             loop variant FK_HEAP_MAX_PAGES - n; @/
          for (int n = 0; n < FK_HEAP_MAX_PAGES; n++) {}
      }
      /@ loop invariant 0 <= o <= FK_NOBJ;
         loop invariant \forall integer fr; 0 <= objf_count(fr, o) <= o * FK_MMAP_PAGES;
         loop assigns o;
         loop variant FK_NOBJ - o; @/
      for (int o = 0; o < FK_NOBJ; o++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer fr; 0 <= objf_row_count(o, fr, n) <= n;
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
  }

  void pg_counted(int q, int i)
  {
      pg_cells_counted();
  }

  void pg_cells_counted(void)
  {
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer q1, i1, q2, i2; 0 <= q1 < FK_NPROC
               && 0 <= i1 < FK_MMAP_PAGES && 0 <= q2 < FK_NPROC && 0 <= i2 < FK_MMAP_PAGES
               && (q1 != q2 || i1 != i2) && pg_frame[q1][i1] == pg_frame[q2][i2] ==>
               pg_count(pg_frame[q1][i1], r) >= (r > q1 ? 1 : 0) + (r > q2 ? 1 : 0);
         loop invariant \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES
               ==> pg_count(pg_frame[q][i], r) >= (r > q ? 1 : 0);
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer q1, i1, q2, i2; 0 <= q1 < FK_NPROC
               && 0 <= i1 < FK_MMAP_PAGES && 0 <= q2 < FK_NPROC && 0 <= i2 < FK_MMAP_PAGES
               && (q1 != q2 || i1 != i2) && pg_frame[q1][i1] == pg_frame[q2][i2] ==>
               pg_row_count(r, pg_frame[q1][i1], n)
                 >= (r == q1 && n > i1 ? 1 : 0) + (r == q2 && n > i2 ? 1 : 0);
             loop invariant \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES
               ==> pg_row_count(r, pg_frame[q][i], n) >= (r == q && n > i ? 1 : 0);
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
  }

  void heap_cells_counted(void)
  {
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer q1, j1, q2, j2; 0 <= q1 < FK_NPROC
               && 0 <= j1 < FK_HEAP_MAX_PAGES && 0 <= q2 < FK_NPROC && 0 <= j2 < FK_HEAP_MAX_PAGES
               && (q1 != q2 || j1 != j2) && heap_frame[q1][j1] == heap_frame[q2][j2] ==>
               heap_count(heap_frame[q1][j1], r) >= (r > q1 ? 1 : 0) + (r > q2 ? 1 : 0);
         loop invariant \forall integer q, j; 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES
               ==> heap_count(heap_frame[q][j], r) >= (r > q ? 1 : 0);
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_HEAP_MAX_PAGES;
             loop invariant \forall integer q1, j1, q2, j2; 0 <= q1 < FK_NPROC
               && 0 <= j1 < FK_HEAP_MAX_PAGES && 0 <= q2 < FK_NPROC && 0 <= j2 < FK_HEAP_MAX_PAGES
               && (q1 != q2 || j1 != j2) && heap_frame[q1][j1] == heap_frame[q2][j2] ==>
               heap_row_count(r, heap_frame[q1][j1], n)
                 >= (r == q1 && n > j1 ? 1 : 0) + (r == q2 && n > j2 ? 1 : 0);
             loop invariant \forall integer q, j; 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES
               ==> heap_row_count(r, heap_frame[q][j], n) >= (r == q && n > j ? 1 : 0);
             loop assigns n;
             loop variant FK_HEAP_MAX_PAGES - n; @/
          for (int n = 0; n < FK_HEAP_MAX_PAGES; n++) {}
      }
  }

  void objf_cells_counted(void)
  {
      /@ loop invariant 0 <= r <= FK_NOBJ;
         loop invariant \forall integer s1, s2; 0 <= s1 < FK_NOBJ * FK_MMAP_PAGES
               && 0 <= s2 < FK_NOBJ * FK_MMAP_PAGES && s1 != s2 && obj_frame[s1] == obj_frame[s2]
               ==> objf_count(obj_frame[s1], r)
                 >= (r > s1 / FK_MMAP_PAGES ? 1 : 0) + (r > s2 / FK_MMAP_PAGES ? 1 : 0);
         loop invariant \forall integer s1; 0 <= s1 < FK_NOBJ * FK_MMAP_PAGES
               ==> objf_count(obj_frame[s1], r) >= (r > s1 / FK_MMAP_PAGES ? 1 : 0);
         loop assigns r;
         loop variant FK_NOBJ - r; @/
      for (int r = 0; r < FK_NOBJ; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer s1, s2; 0 <= s1 < FK_NOBJ * FK_MMAP_PAGES
               && 0 <= s2 < FK_NOBJ * FK_MMAP_PAGES && s1 != s2 && obj_frame[s1] == obj_frame[s2]
               ==> objf_row_count(r, obj_frame[s1], n)
                 >= (r == s1 / FK_MMAP_PAGES && n > s1 % FK_MMAP_PAGES ? 1 : 0)
                    + (r == s2 / FK_MMAP_PAGES && n > s2 % FK_MMAP_PAGES ? 1 : 0);
             loop invariant \forall integer s1; 0 <= s1 < FK_NOBJ * FK_MMAP_PAGES
               ==> objf_row_count(r, obj_frame[s1], n)
                 >= (r == s1 / FK_MMAP_PAGES && n > s1 % FK_MMAP_PAGES ? 1 : 0);
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
  }

  void heap_counted(int q, int j)
  {
      heap_cells_counted();
  }

  void objf_counted(int o, int k)
  {
      objf_cells_counted();
  }

  void start_counted(int q, int i)
  {
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant 0 <= start_count(region_obj(q, i), r);
         loop invariant r > q && region_obj(q, i) >= 0 ==> start_count(region_obj(q, i), r) >= 1;
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant 0 <= start_row_count(r, region_obj(q, i), n);
             loop invariant r == q && n > i && region_obj(q, i) >= 0
                            ==> start_row_count(r, region_obj(q, i), n) >= 1;
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
  }

  void shared_pages_live(void)
  {
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer r, k; 0 <= r < q && 0 <= k < FK_MMAP_PAGES
                        && pg_obj[r][k] >= 0 ==> start_count(pg_obj[r][k], FK_NPROC) >= 1;
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {
          /@ loop invariant 0 <= i <= FK_MMAP_PAGES;
             loop invariant \forall integer k; 0 <= k < i && pg_obj[q][k] >= 0
                            ==> start_count(pg_obj[q][k], FK_NPROC) >= 1;
             loop assigns i;
             loop variant FK_MMAP_PAGES - i; @/
          for (int i = 0; i < FK_MMAP_PAGES; i++) {
              start_counted(q, i);
              /@ assert page_linked(q, i); @/
          }
      }
  }

  void reset_page_counts(void)
  {
      /@ loop invariant 0 <= r <= FK_NPROC;
         loop invariant \forall integer fr; 0 <= fr ==> pg_count(fr, r) == 0
                        && heap_count(fr, r) == 0;
         loop invariant \forall integer o; 0 <= o ==> start_count(o, r) == 0;
         loop assigns r;
         loop variant FK_NPROC - r; @/
      for (int r = 0; r < FK_NPROC; r++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer fr; 0 <= fr ==> pg_row_count(r, fr, n) == 0;
             loop invariant \forall integer o; 0 <= o ==> start_row_count(r, o, n) == 0;
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
          /@ loop invariant 0 <= n <= FK_HEAP_MAX_PAGES;
             loop invariant \forall integer fr; 0 <= fr ==> heap_row_count(r, fr, n) == 0;
             loop assigns n;
             loop variant FK_HEAP_MAX_PAGES - n; @/
          for (int n = 0; n < FK_HEAP_MAX_PAGES; n++) {}
      }
      /@ loop invariant 0 <= o <= FK_NOBJ;
         loop invariant \forall integer fr; 0 <= fr ==> objf_count(fr, o) == 0;
         loop assigns o;
         loop variant FK_NOBJ - o; @/
      for (int o = 0; o < FK_NOBJ; o++) {
          /@ loop invariant 0 <= n <= FK_MMAP_PAGES;
             loop invariant \forall integer fr; 0 <= fr ==> objf_row_count(o, fr, n) == 0;
             loop assigns n;
             loop variant FK_MMAP_PAGES - n; @/
          for (int n = 0; n < FK_MMAP_PAGES; n++) {}
      }
  }
*/
