/* file_set, cwd_write and their lemmas: ghost loops are induction steps. */
#include "model/refs.h"

void file_set(int f, uint8_t kind, int8_t node, int8_t pipe)
{
    file_kind[f] = kind;
    file_node[f] = node;
    file_pipe[f] = pipe;
    /*@ ghost
      /@ loop invariant 0 <= g <= FK_NFILE;
         loop invariant \forall integer n; node_file_count(n, g)
             == node_file_count{Pre}(n, g)
                + (g > f ? (node == n ? 1 : 0) - (\at(file_node[f], Pre) == n ? 1 : 0) : 0);
         loop invariant \forall integer i, k; end_count(i, k, g) == end_count{Pre}(i, k, g)
                + (g > f ? (pipe == i && kind == k ? 1 : 0)
                           - (\at(file_pipe[f], Pre) == i && \at(file_kind[f], Pre) == k ? 1 : 0)
                         : 0);
         loop assigns g;
         loop variant FK_NFILE - g; @/
      for (int g = 0; g < FK_NFILE; g++) {}
    */
}

void cwd_write(int p, int8_t node)
{
    proc_cwd[p] = node;
    /*@ ghost
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer n; cwd_count(n, q) == cwd_count{Pre}(n, q)
             + (q > p ? (node == n ? 1 : 0) - (\at(proc_cwd[p], Pre) == n ? 1 : 0) : 0);
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {}
    */
}

/*@ ghost
  void file_counted(int f)
  {
      /@ loop invariant 0 <= g <= FK_NFILE;
         loop invariant 0 <= node_file_count(file_node[f], g);
         loop invariant g > f ==> node_file_count(file_node[f], g) >= 1;
         loop invariant 0 <= end_count(file_pipe[f], file_kind[f], g);
         loop invariant g > f ==> end_count(file_pipe[f], file_kind[f], g) >= 1;
         loop assigns g;
         loop variant FK_NFILE - g; @/
      for (int g = 0; g < FK_NFILE; g++) {}
  }

  void cwd_counted(int p)
  {
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant 0 <= cwd_count(proc_cwd[p], q);
         loop invariant q > p ==> cwd_count(proc_cwd[p], q) >= 1;
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {}
  }

  void ref_count_bounds(void)
  {
      /@ loop invariant 0 <= g <= FK_NFILE;
         loop invariant \forall integer n; 0 <= node_file_count(n, g) <= g;
         loop invariant \forall integer i, k; 0 <= end_count(i, k, g) <= g;
         loop assigns g;
         loop variant FK_NFILE - g; @/
      for (int g = 0; g < FK_NFILE; g++) {}
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer n; 0 <= cwd_count(n, q) <= q;
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {}
  }

  void reset_counts(void)
  {
      /@ loop invariant 0 <= q <= FK_NPROC;
         loop invariant \forall integer f; 0 <= f ==> fd_count(f, q) == 0;
         loop invariant \forall integer n; 0 <= n ==>
             cwd_count(n, q) == (n == FK_NODE_ROOT && q > 0 ? 1 : 0);
         loop assigns q;
         loop variant FK_NPROC - q; @/
      for (int q = 0; q < FK_NPROC; q++) {
          /@ loop invariant 0 <= n <= FK_NOFILE;
             loop invariant \forall integer f; 0 <= f ==> fd_row_count(q, f, n) == 0;
             loop assigns n;
             loop variant FK_NOFILE - n; @/
          for (int n = 0; n < FK_NOFILE; n++) {}
      }
      /@ loop invariant 0 <= g <= FK_NFILE;
         loop invariant \forall integer n; 0 <= n ==> node_file_count(n, g) == 0;
         loop invariant \forall integer i, k; 0 <= i ==> end_count(i, k, g) == 0;
         loop assigns g;
         loop variant FK_NFILE - g; @/
      for (int g = 0; g < FK_NFILE; g++) {}
  }
*/
