/* ACSL logic for the model's invariants (spec/state.md, "Invariants"):
 * counting functions and the named parts of valid_state. Plain recursive
 * definitions; no axioms. Included by model/state.h after the state. */
#ifndef MODEL_LOGIC_H
#define MODEL_LOGIC_H

/*@
  // References to open file f from fd entries 0 .. n-1 of slot p.
  logic integer fd_row_count{L}(integer p, integer f, integer n) =
    n <= 0 ? 0 : fd_row_count{L}(p, f, n - 1) + (fdt[p][n - 1] == f ? 1 : 0);

  // References to open file f from the fd tables of slots 0 .. np-1.
  logic integer fd_count{L}(integer f, integer np) =
    np <= 0 ? 0 : fd_count{L}(f, np - 1) + fd_row_count{L}(np - 1, f, FK_NOFILE);

  predicate fds_in_range{L} =
    \forall integer p, i; 0 <= p < FK_NPROC && 0 <= i < FK_NOFILE ==>
      -1 <= fdt[p][i] < FK_NFILE;

  // Invariant 1: open-file refcount = fd entries referencing it.
  predicate file_refs_counted{L} =
    \forall integer f; 0 <= f < FK_NFILE ==> file_ref[f] == fd_count(f, FK_NPROC);

  // An open file in use names a node, or a pipe, in range.
  predicate files_well_formed{L} =
    \forall integer f; 0 <= f < FK_NFILE && file_ref[f] > 0 ==>
      ((file_kind[f] == FK_F_FILE || file_kind[f] == FK_F_DIR)
         && 0 <= file_node[f] < FK_NNODE)
      || ((file_kind[f] == FK_F_PIPE_R || file_kind[f] == FK_F_PIPE_W)
         && 0 <= file_pipe[f] < FK_NPIPE);

  predicate alive(integer p) = 0 <= p < FK_NPROC && proc_state[p] == P_ALIVE;
*/

#endif
