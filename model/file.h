/* File descriptor operations and chdir (spec/syscalls.md). p is the
 * caller's slot, alive; the executor's checks have passed. */
#ifndef MODEL_FILE_H
#define MODEL_FILE_H

#include "model/state.h"
#include "spec/errno.h"

/*@ predicate has_free_fd{L}(integer p) =
      \exists integer i; 0 <= i < FK_NOFILE && fdt[p][i] == -1;
    predicate has_free_file{L} =
      \exists integer f; 0 <= f < FK_NFILE && file_ref[f] == 0;
    predicate opens_dir_badly{L}(integer p, integer path, integer flags) =
      node_is_dir(resolved(p, path, flags & FK_O_CREAT))
      && ((flags & FK_O_CREAT) != 0 || (flags & FK_O_ACCMODE) != FK_O_RDONLY);
*/

/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires node_refs_counted;
    requires pipes_counted;
    requires cwds_in_range;
    requires dirs_exist;
    requires path_count(path) <= FK_PATH_MAXCOMP;
    requires 0 <= flags < 32 && (flags & FK_O_ACCMODE) != 3;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1],
            file_kind[0 .. FK_NFILE-1], file_mode[0 .. FK_NFILE-1],
            file_append[0 .. FK_NFILE-1], file_node[0 .. FK_NFILE-1],
            file_pipe[0 .. FK_NFILE-1], file_off[0 .. FK_NFILE-1],
            node_ref[0 .. FK_NNODE-1], node_exists[0 .. FK_NNODE-1],
            node_size[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures cwds_in_range;
    ensures dirs_exist;
    behavior no_fd:
      assumes !has_free_fd(p);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EMFILE;
    behavior no_file:
      assumes has_free_fd(p) && !has_free_file;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ENFILE;
    behavior bad_path:
      assumes has_free_fd(p) && has_free_file;
      assumes resolved(p, path, flags & FK_O_CREAT) < 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR
              && \result.val == -resolved{Pre}(p, path, flags & FK_O_CREAT);
    behavior dir_not_rdonly:
      assumes has_free_fd(p) && has_free_file;
      assumes resolved(p, path, flags & FK_O_CREAT) >= 0;
      assumes opens_dir_badly(p, path, flags);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EISDIR;
    behavior opened:
      assumes has_free_fd(p) && has_free_file;
      assumes resolved(p, path, flags & FK_O_CREAT) >= 0;
      assumes !opens_dir_badly(p, path, flags);
      ensures \result.kind == FK_R_OK && 0 <= \result.val < FK_NOFILE;
      ensures \old(fdt[p][\result.val]) == -1;
      ensures \forall integer i; 0 <= i < \result.val ==> fdt[p][i] != -1;
      ensures \forall integer i; 0 <= i < FK_NOFILE && i != \result.val ==>
                fdt[p][i] == \old(fdt[p][i]);
      ensures \let f = fdt[p][\result.val]; \at(file_ref[f], Pre) == 0;
      ensures file_ref[fdt[p][\result.val]] == 1;
      ensures file_node[fdt[p][\result.val]] == resolved{Pre}(p, path, flags & FK_O_CREAT);
      ensures node_exists[resolved{Pre}(p, path, flags & FK_O_CREAT)] != 0;
      ensures file_mode[fdt[p][\result.val]] == (flags & FK_O_ACCMODE);
      ensures file_off[fdt[p][\result.val]] == 0;
      ensures (flags & FK_O_TRUNC) != 0
              && !node_is_dir(resolved{Pre}(p, path, flags & FK_O_CREAT)) ==>
                node_size[resolved{Pre}(p, path, flags & FK_O_CREAT)] == 0;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_open(int p, int32_t path, int32_t flags);
/*@ predicate fd_valid{L}(integer p, integer fd) =
      0 <= fd < FK_NOFILE && fdt[p][fd] != -1;
*/

/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires node_refs_counted;
    requires pipes_counted;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1],
            file_kind[0 .. FK_NFILE-1], file_mode[0 .. FK_NFILE-1],
            file_append[0 .. FK_NFILE-1], file_node[0 .. FK_NFILE-1],
            file_pipe[0 .. FK_NFILE-1], file_off[0 .. FK_NFILE-1],
            pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1],
            node_ref[0 .. FK_NNODE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    behavior bad_fd:
      assumes !fd_valid(p, fd);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior closed:
      assumes fd_valid(p, fd);
      ensures fdt[p][fd] == -1;
      ensures \forall integer i; 0 <= i < FK_NOFILE && i != fd ==>
                fdt[p][i] == \old(fdt[p][i]);
      ensures file_ref[\old(fdt[p][fd])] == \old(file_ref[fdt[p][fd]]) - 1;
      ensures \result.kind == FK_R_OK && \result.val == 0;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_close(int p, int32_t fd);

/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires node_refs_counted;
    requires pipes_counted;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    behavior bad_fd:
      assumes !fd_valid(p, fd);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior table_full:
      assumes fd_valid(p, fd);
      assumes \forall integer i; 0 <= i < FK_NOFILE ==> fdt[p][i] != -1;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EMFILE;
    behavior duplicated:
      assumes fd_valid(p, fd);
      assumes \exists integer i; 0 <= i < FK_NOFILE && fdt[p][i] == -1;
      ensures \result.kind == FK_R_OK && 0 <= \result.val < FK_NOFILE;
      ensures \old(fdt[p][\result.val]) == -1;
      ensures \forall integer i; 0 <= i < \result.val ==> fdt[p][i] != -1;
      ensures fdt[p][\result.val] == fdt[p][fd];
      ensures \forall integer i; 0 <= i < FK_NOFILE && i != \result.val ==>
                fdt[p][i] == \old(fdt[p][i]);
      ensures file_ref[fdt[p][fd]] == \old(file_ref[fdt[p][fd]]) + 1;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_dup(int p, int32_t fd);

/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires node_refs_counted;
    requires pipes_counted;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1],
            file_kind[0 .. FK_NFILE-1], file_mode[0 .. FK_NFILE-1],
            file_append[0 .. FK_NFILE-1], file_node[0 .. FK_NFILE-1],
            file_pipe[0 .. FK_NFILE-1], file_off[0 .. FK_NFILE-1],
            pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1],
            node_ref[0 .. FK_NNODE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    behavior bad_fd:
      assumes !fd_valid(p, oldfd) || !(0 <= newfd < FK_NOFILE);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior same_fd:
      assumes fd_valid(p, oldfd) && oldfd == newfd;
      assigns \nothing;
      ensures \result.kind == FK_R_OK && \result.val == newfd;
    behavior moved:
      assumes fd_valid(p, oldfd) && 0 <= newfd < FK_NOFILE && oldfd != newfd;
      ensures fdt[p][newfd] == \old(fdt[p][oldfd]);
      ensures \forall integer i; 0 <= i < FK_NOFILE && i != newfd ==>
                fdt[p][i] == \old(fdt[p][i]);
      ensures \result.kind == FK_R_OK && \result.val == newfd;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_dup2(int p, int32_t oldfd, int32_t newfd);
/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires node_refs_counted;
    requires pipes_counted;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1],
            file_kind[0 .. FK_NFILE-1], file_mode[0 .. FK_NFILE-1],
            file_append[0 .. FK_NFILE-1], file_node[0 .. FK_NFILE-1],
            file_pipe[0 .. FK_NFILE-1], file_off[0 .. FK_NFILE-1],
            pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures node_refs_counted;
    ensures pipes_counted;
    // No free pipe cannot happen while two open files are free (a pipe in
    // use holds an open file, and FK_NPIPE = FK_NFILE); the code checks it.
    behavior no_file:
      assumes !(\exists integer a, b; 0 <= a < b < FK_NFILE
                  && file_ref[a] == 0 && file_ref[b] == 0)
              || (\forall integer i; 0 <= i < FK_NPIPE ==>
                  pipe_readers[i] != 0 || pipe_writers[i] != 0);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ENFILE;
    behavior no_fd:
      assumes \exists integer a, b; 0 <= a < b < FK_NFILE
                && file_ref[a] == 0 && file_ref[b] == 0;
      assumes \exists integer i; 0 <= i < FK_NPIPE
                && pipe_readers[i] == 0 && pipe_writers[i] == 0;
      assumes !(\exists integer a, b; 0 <= a < b < FK_NOFILE
                  && fdt[p][a] == -1 && fdt[p][b] == -1);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EMFILE;
    behavior opened:
      assumes \exists integer a, b; 0 <= a < b < FK_NFILE
                && file_ref[a] == 0 && file_ref[b] == 0;
      assumes \exists integer i; 0 <= i < FK_NPIPE
                && pipe_readers[i] == 0 && pipe_writers[i] == 0;
      assumes \exists integer a, b; 0 <= a < b < FK_NOFILE
                && fdt[p][a] == -1 && fdt[p][b] == -1;
      ensures \result.kind == FK_R_OK;
      ensures 0 <= \result.val < \result.aux < FK_NOFILE;
      ensures \old(fdt[p][\result.val]) == -1 && \old(fdt[p][\result.aux]) == -1;
      ensures \forall integer i; 0 <= i < \result.aux && i != \result.val ==>
                \old(fdt[p][i]) != -1;
      ensures file_kind[fdt[p][\result.val]] == FK_F_PIPE_R;
      ensures file_kind[fdt[p][\result.aux]] == FK_F_PIPE_W;
      ensures file_pipe[fdt[p][\result.val]] == file_pipe[fdt[p][\result.aux]];
      ensures pipe_fill[file_pipe[fdt[p][\result.val]]] == 0;
      ensures \forall integer i; 0 <= i < FK_NOFILE && i != \result.val
                && i != \result.aux ==> fdt[p][i] == \old(fdt[p][i]);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_pipe(int p);
struct fk_result sys_read(int p, int32_t fd, int32_t count);
struct fk_result sys_write(int p, int32_t fd, int32_t count, int32_t byte);
struct fk_result sys_lseek(int p, int32_t fd, int32_t offset, int32_t whence);
/*@ requires alive(p);
    requires cwds_in_range;
    requires dirs_exist;
    requires node_refs_counted;
    requires path_count(path) <= FK_PATH_MAXCOMP;
    assigns proc_cwd[p], node_ref[0 .. FK_NNODE-1];
    ensures cwds_in_range;
    ensures node_refs_counted;
    behavior bad_path:
      assumes resolved(p, path, 0) < 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == -resolved{Pre}(p, path, 0);
    behavior not_dir:
      assumes resolved(p, path, 0) >= 0 && !node_is_dir(resolved(p, path, 0));
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ENOTDIR;
    behavior moved:
      assumes resolved(p, path, 0) >= 0 && node_is_dir(resolved(p, path, 0));
      ensures proc_cwd[p] == resolved{Pre}(p, path, 0);
      ensures \result.kind == FK_R_OK && \result.val == 0;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_chdir(int p, int32_t path);

#endif
