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
      && ((flags & FK_O_CREAT) != 0 || (flags & FK_O_TRUNC) != 0
          || access_mode(flags) != FK_O_RDONLY);
*/

/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires node_sizes_ok && nodes_summed;
    requires node_refs_counted;
    requires pipes_counted;
    requires cwds_in_range;
    requires dirs_exist;
    requires 0 <= path <= FK_PATH_MAX && path_count(path) <= FK_PATH_MAXCOMP;
    requires 0 <= flags < 32 && access_mode(flags) <= FK_O_RDWR;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1],
            file_kind[0 .. FK_NFILE-1], file_mode[0 .. FK_NFILE-1],
            file_append[0 .. FK_NFILE-1], file_node[0 .. FK_NFILE-1],
            file_pipe[0 .. FK_NFILE-1], file_off[0 .. FK_NFILE-1],
            node_ref[0 .. FK_NNODE-1], node_exists[0 .. FK_NNODE-1],
            node_size[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures on_nodes: files_on_nodes && dirs_empty && free_pipes_empty;
    ensures node_sizes_ok && nodes_summed;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures cwds_in_range;
    ensures dirs_exist;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
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
      ensures file_mode[fdt[p][\result.val]] == access_mode(flags);
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
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires pipes_bounded;
    requires node_refs_counted;
    requires pipes_counted;
    assigns CLOSE_ASSIGNS(p);
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures pipes_bounded;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
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
      // no other open file changes (its offset least of all)
      ensures files_kept: \forall integer g; 0 <= g < FK_NFILE && g != \old(fdt[p][fd]) ==>
                file_same{Here, Pre}(g);
      // nor does the closed one while another fd shares it, nor a pipe's
      // bytes while it has an end open
      ensures shared_kept: open_files_kept{Pre, Here} && open_pipes_kept{Pre, Here};
      ensures \result.kind == FK_R_OK && \result.val == 0;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_close(int p, int32_t fd);

/*@ requires alive(p);
    requires fds_in_range;
    requires file_refs_counted;
    requires files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires node_refs_counted;
    requires pipes_counted;
    assigns fdt[p][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1];
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
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
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires pipes_bounded;
    requires node_refs_counted;
    requires pipes_counted;
    assigns CLOSE_ASSIGNS(p);
    ensures fds_in_range;
    ensures file_refs_counted;
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures pipes_bounded;
    ensures node_refs_counted;
    ensures pipes_counted;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    // the replaced file keeps all but its count while shared, a pipe its bytes
    ensures shared_kept: open_files_kept{Pre, Post} && open_pipes_kept{Pre, Post};
    behavior bad_fd:
      assumes !fd_valid(p, oldfd) || !(0 <= newfd < FK_NOFILE);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior same_fd:
      assumes fd_valid(p, oldfd) && oldfd == newfd;
      assigns \nothing;
      ensures \result.kind == FK_R_OK && \result.val == newfd;
      // (WP does not carry a behavior's assigns to a caller: said again)
      ensures \forall integer i; 0 <= i < FK_NOFILE ==> fdt[p][i] == \old(fdt[p][i]);
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
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires pipes_bounded;
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
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures pipes_bounded;
    ensures node_refs_counted;
    ensures pipes_counted;
    // No free pipe cannot happen while two open files are free (a pipe in
    // use holds an open file, and FK_NPIPE = FK_NFILE); the code checks it.
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
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
      ensures read_end_first: file_kind[fdt[p][\result.val]] == FK_F_PIPE_R;
      ensures file_kind[fdt[p][\result.aux]] == FK_F_PIPE_W;
      ensures file_pipe[fdt[p][\result.val]] == file_pipe[fdt[p][\result.aux]];
      ensures pipe_fill[file_pipe[fdt[p][\result.val]]] == 0;
      ensures \forall integer i; 0 <= i < FK_NOFILE && i != \result.val
                && i != \result.aux ==> fdt[p][i] == \old(fdt[p][i]);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_pipe(int p);
/*@ predicate fd_file{L}(integer p, integer fd, integer kind) =
      fd_valid(p, fd) && file_kind[fdt[p][fd]] == kind;
    logic integer fd_pipe{L}(integer p, integer fd) = file_pipe[fdt[p][fd]];
    logic integer fd_node{L}(integer p, integer fd) = file_node[fdt[p][fd]];
    logic integer fd_off{L}(integer p, integer fd) = file_off[fdt[p][fd]];
*/

/*@ requires alive(p);
    requires fds_in_range;
    requires fds_point_to_used_files;
    requires files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires node_sizes_ok;
    requires pipes_bounded;
    requires 0 <= count <= FK_MAX_IO;
    assigns file_off[fdt[p][fd]], pipe_head[file_pipe[fdt[p][fd]]],
            pipe_fill[file_pipe[fdt[p][fd]]];
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures pipes_bounded;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior bad_fd:
      assumes !fd_valid(p, fd) || file_mode[fdt[p][fd]] == FK_O_WRONLY;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior dir:
      assumes fd_file(p, fd, FK_F_DIR);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EISDIR;
    behavior pipe_empty:
      assumes fd_file(p, fd, FK_F_PIPE_R);
      assumes pipe_fill[fd_pipe(p, fd)] == 0 && count > 0
              && pipe_writers[fd_pipe(p, fd)] > 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EAGAIN;
    behavior pipe_read:
      assumes fd_file(p, fd, FK_F_PIPE_R);
      assumes !(pipe_fill[fd_pipe(p, fd)] == 0 && count > 0
                && pipe_writers[fd_pipe(p, fd)] > 0);
      ensures \result.kind == FK_R_OK;
      ensures \result.val == (count < \old(pipe_fill[fd_pipe(p, fd)])
                              ? count : \old(pipe_fill[fd_pipe(p, fd)]));
      ensures pipe_fill[fd_pipe(p, fd)]
              == \old(pipe_fill[fd_pipe(p, fd)]) - \result.val;
      // the first bytes of the queue, in order (aux is their checksum);
      // the head moves past them, so the rest stay queued in order
      ensures queue_read:
                \result.aux == i32_of(queue_sum{Pre}(fd_pipe{Pre}(p, fd), \result.val));
      ensures queue_left: pipe_head[fd_pipe(p, fd)]
                == (\old(pipe_head[fd_pipe(p, fd)]) + \result.val) % FK_PIPE_CAPACITY;
      ensures offset_kept: fd_off(p, fd) == \old(fd_off(p, fd));
    behavior file_read:
      assumes fd_file(p, fd, FK_F_FILE) && file_mode[fdt[p][fd]] != FK_O_WRONLY;
      ensures \result.kind == FK_R_OK && 0 <= \result.val <= count;
      ensures \old(fd_off(p, fd)) < \old(node_size[fd_node(p, fd)]) ==>
                \result.val == (count < \old(node_size[fd_node(p, fd)] - fd_off(p, fd))
                                ? count : \old(node_size[fd_node(p, fd)] - fd_off(p, fd)));
      ensures \old(fd_off(p, fd)) >= \old(node_size[fd_node(p, fd)]) ==> \result.val == 0;
      ensures fd_off(p, fd) == \old(fd_off(p, fd)) + \result.val;
      // aux is the checksum of the bytes read, those from the offset on
      ensures file_bytes_read: \result.aux
                == i32_of(node_bytes_sum{Pre}(fd_node{Pre}(p, fd), fd_off{Pre}(p, fd), \result.val));
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_read(int p, int32_t fd, int32_t count);
/*@ logic integer write_pos{L}(integer p, integer fd) =
      file_append[fdt[p][fd]] != 0 ? node_size[fd_node(p, fd)] : fd_off(p, fd);
*/

/*@ requires alive(p);
    requires fds_in_range;
    requires fds_point_to_used_files;
    requires files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires node_sizes_ok && nodes_summed;
    requires pipes_bounded;
    requires 0 <= count <= FK_MAX_IO && 0 <= byte <= 255;
    assigns file_off[fdt[p][fd]],
            node_data[NODE_BYTE(fd_node(p, fd), 0) .. NODE_BYTE(fd_node(p, fd), FK_MAX_FILE_SIZE-1)],
            node_size[fd_node(p, fd)], node_sum[fd_node(p, fd)],
            pipe_buf[PIPE_BYTE(fd_pipe(p, fd), 0) .. PIPE_BYTE(fd_pipe(p, fd), FK_PIPE_CAPACITY-1)],
            pipe_fill[fd_pipe(p, fd)];
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures node_sizes_ok && nodes_summed;
    ensures pipes_bounded;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    // (WP does not carry nothing_to_write's assigns to a caller: said again)
    ensures none_written: \result.kind == FK_R_OK && \result.val == 0 ==> state_same{Pre, Post};
    behavior bad_fd:
      assumes !fd_valid(p, fd) || file_mode[fdt[p][fd]] == FK_O_RDONLY;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior nothing_to_write:
      assumes fd_valid(p, fd) && file_mode[fdt[p][fd]] != FK_O_RDONLY && count == 0;
      assigns \nothing;
      ensures \result.kind == FK_R_OK && \result.val == 0;
    behavior no_reader:
      assumes fd_file(p, fd, FK_F_PIPE_W) && count > 0;
      assumes pipe_readers[fd_pipe(p, fd)] == 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EPIPE;
    behavior pipe_full:
      assumes fd_file(p, fd, FK_F_PIPE_W) && count > 0;
      assumes pipe_readers[fd_pipe(p, fd)] != 0;
      assumes count > FK_PIPE_CAPACITY - pipe_fill[fd_pipe(p, fd)];
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EAGAIN;
    behavior pipe_written:
      assumes fd_file(p, fd, FK_F_PIPE_W) && count > 0;
      assumes pipe_readers[fd_pipe(p, fd)] != 0;
      assumes count <= FK_PIPE_CAPACITY - pipe_fill[fd_pipe(p, fd)];
      ensures \result.kind == FK_R_OK && \result.val == count;
      ensures pipe_fill[fd_pipe(p, fd)] == \old(pipe_fill[fd_pipe(p, fd)]) + count;
      // count copies of byte join the queue's end; the bytes queued stay
      ensures queue_appended: \forall integer j;
                \old(pipe_fill[fd_pipe(p, fd)]) <= j < pipe_fill[fd_pipe(p, fd)] ==>
                pipe_byte(fd_pipe(p, fd), j) == byte;
      ensures queue_kept: \forall integer j; 0 <= j < \old(pipe_fill[fd_pipe(p, fd)]) ==>
                pipe_byte(fd_pipe(p, fd), j) == \old(pipe_byte(fd_pipe(p, fd), j));
      ensures offset_kept: fd_off(p, fd) == \old(fd_off(p, fd));
    behavior too_big:
      assumes fd_file(p, fd, FK_F_FILE) && file_mode[fdt[p][fd]] != FK_O_RDONLY;
      assumes count > 0 && write_pos(p, fd) >= FK_MAX_FILE_SIZE;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EFBIG;
    behavior file_written:
      assumes fd_file(p, fd, FK_F_FILE) && file_mode[fdt[p][fd]] != FK_O_RDONLY;
      assumes count > 0 && write_pos(p, fd) < FK_MAX_FILE_SIZE;
      ensures \result.kind == FK_R_OK;
      ensures \result.val == (count < FK_MAX_FILE_SIZE - \old(write_pos(p, fd))
                              ? count : FK_MAX_FILE_SIZE - \old(write_pos(p, fd)));
      ensures fd_off(p, fd) == \old(write_pos(p, fd)) + \result.val;
      ensures node_size[fd_node(p, fd)] >= fd_off(p, fd);
      // the size exactly; the bytes written are byte, a gap after the old
      // size reads 0
      ensures file_size: node_size[fd_node(p, fd)]
                == (\old(node_size[fd_node(p, fd)]) > fd_off(p, fd)
                    ? \old(node_size[fd_node(p, fd)]) : fd_off(p, fd));
      ensures file_bytes: \forall integer x; NODE_BYTE(fd_node(p, fd), \old(write_pos(p, fd))) <= x
                < NODE_BYTE(fd_node(p, fd), fd_off(p, fd)) ==> node_data[x] == byte;
      ensures file_gap: \forall integer x; NODE_BYTE(fd_node(p, fd), \old(node_size[fd_node(p, fd)])) <= x
                < NODE_BYTE(fd_node(p, fd), \old(write_pos(p, fd))) ==> node_data[x] == 0;
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_write(int p, int32_t fd, int32_t count, int32_t byte);
/*@ logic integer seek_target{L}(integer p, integer fd, integer offset, integer whence) =
      (whence == FK_SEEK_SET ? 0 : whence == FK_SEEK_CUR ? fd_off(p, fd)
                                 : node_size[fd_node(p, fd)]) + offset;
    predicate fd_is_pipe{L}(integer p, integer fd) =
      fd_file(p, fd, FK_F_PIPE_R) || fd_file(p, fd, FK_F_PIPE_W);
*/

/*@ requires alive(p);
    requires fds_in_range;
    requires fds_point_to_used_files;
    requires files_well_formed;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    requires 0 <= whence <= 2;
    assigns file_off[fdt[p][fd]];
    ensures files_well_formed;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    behavior bad_fd:
      assumes !fd_valid(p, fd);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EBADF;
    behavior pipe:
      assumes fd_is_pipe(p, fd);
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_ESPIPE;
    behavior negative:
      assumes fd_valid(p, fd) && !fd_is_pipe(p, fd);
      assumes seek_target(p, fd, offset, whence) < 0;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EINVAL;
    behavior overflow:
      assumes fd_valid(p, fd) && !fd_is_pipe(p, fd);
      assumes seek_target(p, fd, offset, whence) > 2147483647;
      assigns \nothing;
      ensures \result.kind == FK_R_ERR && \result.val == FK_EOVERFLOW;
    behavior moved:
      assumes fd_valid(p, fd) && !fd_is_pipe(p, fd);
      assumes 0 <= seek_target(p, fd, offset, whence) <= 2147483647;
      ensures fd_off(p, fd) == \old(seek_target(p, fd, offset, whence));
      ensures \result.kind == FK_R_OK && \result.val == fd_off(p, fd);
    complete behaviors;
    disjoint behaviors;
*/
struct fk_result sys_lseek(int p, int32_t fd, int32_t offset, int32_t whence);
/*@ requires alive(p);
    requires cwds_in_range;
    requires dirs_exist;
    requires node_refs_counted;
    requires 0 <= path <= FK_PATH_MAX && path_count(path) <= FK_PATH_MAXCOMP;
    assigns proc_cwd[p], node_ref[0 .. FK_NNODE-1];
    ensures cwds_in_range;
    ensures node_refs_counted;
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
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
