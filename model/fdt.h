/* The one place the fd tables are written, and the counting lemmas that
 * come with it (proofs/README.md: ghost code cannot write real memory, so the
 * two-state lemma lives in a real helper). */
#ifndef MODEL_FDT_H
#define MODEL_FDT_H

#include "model/state.h"

/*@ requires 0 <= p < FK_NPROC && 0 <= i < FK_NOFILE;
    requires -1 <= v < FK_NFILE;
    assigns fdt[p][i];
    ensures fdt[p][i] == v;
    ensures \forall integer f; fd_count(f, FK_NPROC) == fd_count{Pre}(f, FK_NPROC)
              + (v == f ? 1 : 0) - (\old(fdt[p][i]) == f ? 1 : 0);
*/
void fd_write(int p, int i, int v);

/*@ ghost
  /@ requires fds_in_range;
     requires 0 <= p < FK_NPROC && 0 <= i < FK_NOFILE && 0 <= fdt[p][i];
     assigns \nothing;
     ensures 1 <= fd_count(fdt[p][i], FK_NPROC);
  @/
  void fd_count_referenced(int p, int i);

  /@ assigns \nothing;
     ensures \forall integer f; 0 <= fd_count(f, FK_NPROC) <= FK_NPROC * FK_NOFILE;
  @/
  void fd_count_bounds(void);

  /@ requires fds_in_range;
     requires file_refs_counted;
     assigns \nothing;
     ensures fds_point_to_used_files;
  @/
  void files_in_use(void);
*/

#endif
