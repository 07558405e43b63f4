/* Writers of the arrays that node and pipe refcounts count (open files'
 * kind, node and pipe; processes' cwd), with the counting lemmas. As with
 * fd_write, ghost loops carry the induction. */
#ifndef MODEL_REFS_H
#define MODEL_REFS_H

#include "model/state.h"

/*@ requires 0 <= f < FK_NFILE;
    assigns file_kind[f], file_node[f], file_pipe[f];
    ensures file_kind[f] == kind && file_node[f] == node && file_pipe[f] == pipe;
    ensures \forall integer n; node_file_count(n, FK_NFILE)
              == node_file_count{Pre}(n, FK_NFILE)
                 + (node == n ? 1 : 0) - (\old(file_node[f]) == n ? 1 : 0);
    ensures \forall integer i, k; end_count(i, k, FK_NFILE)
              == end_count{Pre}(i, k, FK_NFILE)
                 + (pipe == i && kind == k ? 1 : 0)
                 - (\old(file_pipe[f]) == i && \old(file_kind[f]) == k ? 1 : 0);
*/
void file_set(int f, uint8_t kind, int8_t node, int8_t pipe);

/*@ requires 0 <= p < FK_NPROC;
    assigns proc_cwd[p];
    ensures proc_cwd[p] == node;
    ensures \forall integer n; cwd_count(n, FK_NPROC) == cwd_count{Pre}(n, FK_NPROC)
              + (node == n ? 1 : 0) - (\old(proc_cwd[p]) == n ? 1 : 0);
*/
void cwd_write(int p, int8_t node);

/*@ ghost
  /@ requires 0 <= f < FK_NFILE;
     assigns \nothing;
     ensures node_file_count(file_node[f], FK_NFILE) >= 1;
     ensures end_count(file_pipe[f], file_kind[f], FK_NFILE) >= 1;
  @/
  void file_counted(int f);

  /@ requires 0 <= p < FK_NPROC;
     assigns \nothing;
     ensures cwd_count(proc_cwd[p], FK_NPROC) >= 1;
  @/
  void cwd_counted(int p);

  /@ assigns \nothing;
     ensures \forall integer n; 0 <= node_file_count(n, FK_NFILE) <= FK_NFILE;
     ensures \forall integer n; 0 <= cwd_count(n, FK_NPROC) <= FK_NPROC;
     ensures \forall integer i, k; 0 <= end_count(i, k, FK_NFILE) <= FK_NFILE;
  @/
  void ref_count_bounds(void);

  /@ requires rows_clear;
     requires \forall integer f; 0 <= f < FK_NFILE
                ==> file_node[f] == -1 && file_pipe[f] == -1;
     requires proc_cwd[0] == FK_NODE_ROOT;
     requires \forall integer p; 1 <= p < FK_NPROC ==> proc_cwd[p] == -1;
     assigns \nothing;
     ensures \forall integer f; 0 <= f ==> fd_count(f, FK_NPROC) == 0;
     ensures \forall integer n; 0 <= n ==> node_file_count(n, FK_NFILE) == 0;
     ensures \forall integer i, k; 0 <= i ==> end_count(i, k, FK_NFILE) == 0;
     ensures \forall integer n; 0 <= n ==>
               cwd_count(n, FK_NPROC) == (n == FK_NODE_ROOT ? 1 : 0);
  @/
  void reset_counts(void);
*/

#endif
