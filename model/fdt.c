/* fd_write and the counting lemmas. The loops in ghost code run nothing;
 * their invariants are the induction steps the provers need. */
#include "model/fdt.h"

void fd_write(int p, int i, int v)
{
    fdt[p][i] = (int8_t)v;
    /*@ ghost
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer f; fd_count(f, q) == fd_count{Pre}(f, q)
             + (q > p ? (v == f ? 1 : 0) - (\at(fdt[p][i], Pre) == f ? 1 : 0) : 0);
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {
          /@ loop invariant 0 <= n <= FK_NOFILE;
             loop invariant \forall integer f; fd_row_count(q, f, n) == fd_row_count{Pre}(q, f, n)
                 + (q == p && n > i ? (v == f ? 1 : 0) - (\at(fdt[p][i], Pre) == f ? 1 : 0) : 0);
             loop assigns n;
             loop variant FK_NOFILE - n; @/
          for (int n = 0; n < FK_NOFILE; n++) {}
      }
    */
}

/*@ ghost
  void fd_count_referenced(int p, int i)
  {
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant q > p ==> fd_count(fdt[p][i], q) >= 1;
         loop invariant 0 <= fd_count(fdt[p][i], q);
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {
          /@ loop invariant 0 <= n <= FK_NOFILE;
             loop invariant 0 <= fd_row_count(q, fdt[p][i], n);
             loop invariant q == p && n > i ==> fd_row_count(q, fdt[p][i], n) >= 1;
             loop assigns n;
             loop variant FK_NOFILE - n; @/
          for (int n = 0; n < FK_NOFILE; n++) {}
      }
  }

  void fd_count_bounds(void)
  {
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer f; 0 <= fd_count(f, q) <= q * FK_NOFILE;
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {
          /@ loop invariant 0 <= n <= FK_NOFILE;
             loop invariant \forall integer f; 0 <= fd_row_count(q, f, n) <= n;
             loop assigns n;
             loop variant FK_NOFILE - n; @/
          for (int n = 0; n < FK_NOFILE; n++) {}
      }
  }

  void files_in_use(void)
  {
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer r, i; 0 <= r < q && 0 <= i < FK_NOFILE
             && fdt[r][i] != -1 ==> file_ref[fdt[r][i]] > 0;
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {
          /@ loop invariant 0 <= n <= FK_NOFILE;
             loop invariant \forall integer r, i; ((0 <= r < q && 0 <= i < FK_NOFILE)
                 || (r == q && 0 <= i < n)) && fdt[r][i] != -1 ==> file_ref[fdt[r][i]] > 0;
             loop assigns n;
             loop variant FK_NOFILE - n; @/
          for (int n = 0; n < FK_NOFILE; n++)
              if (fdt[q][n] != -1)
                  fd_count_referenced(q, n);
      }
  }
*/
