/* The reference model (spec/state.md, spec/syscalls.md): the abstract state
 * as bounded global arrays, one function per operation. No malloc, no
 * recursion, no function pointers. */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include "model/file.h"
#include "model/state.h"
#include "spec/obs.h"
#include "spec/program.h"

/* Every process's row of a per-process table, one location per row:
 * WP then checks that a step's rows are among them by a case split on
 * the slot, where for one two-dimensional range it asks the provers for
 * an existential witness that neither finds. */
#if FK_NPROC != 16
#error "ALL_ROWS lists 16 rows"
#endif
#define ROWS4(a, last, k) \
    a[k][0 .. last], a[k + 1][0 .. last], a[k + 2][0 .. last], a[k + 3][0 .. last]
#define ALL_ROWS(a, last) \
    ROWS4(a, last, 0), ROWS4(a, last, 4), ROWS4(a, last, 8), ROWS4(a, last, 12)
/* every process's rows of every per-process table */
#define PROC_ROWS \
    ALL_ROWS(fdt, FK_NOFILE-1), ALL_ROWS(pg_attr, FK_MMAP_PAGES-1), \
    ALL_ROWS(pg_start, FK_MMAP_PAGES-1), ALL_ROWS(pg_frame, FK_MMAP_PAGES-1), \
    ALL_ROWS(pg_obj, FK_MMAP_PAGES-1), ALL_ROWS(pg_objpage, FK_MMAP_PAGES-1), \
    ALL_ROWS(heap_frame, FK_HEAP_MAX_PAGES-1)

/* The initial state: p0 alive, the namespace's initial contents. It
 * satisfies the whole invariant. */
/*@ assigns proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1],
            proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1],
            proc_cwd[0 .. FK_NPROC-1], heap_pages[0 .. FK_NPROC-1],
            next_pid, PROC_ROWS,
            file_ref[0 .. FK_NFILE-1], file_kind[0 .. FK_NFILE-1],
            file_mode[0 .. FK_NFILE-1], file_append[0 .. FK_NFILE-1],
            file_node[0 .. FK_NFILE-1], file_pipe[0 .. FK_NFILE-1],
            file_off[0 .. FK_NFILE-1],
            pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1],
            pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1],
            frame_ref[0 .. FK_NFRAME-1], obj_ref[0 .. FK_NOBJ-1],
            obj_npages[0 .. FK_NOBJ-1], obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1],
            node_exists[0 .. FK_NNODE-1], node_size[0 .. FK_NNODE-1],
            node_ref[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1],
            node_data[0 .. FK_NNODE * FK_MAX_FILE_SIZE - 1];
    ensures procs_ok;
    ensures files_ok;
    ensures memory_ok;
    ensures nodes_summed && frames_summed;
    ensures alive(0) && proc_pid[0] == 0 && next_pid == 1;
*/
void model_reset(void);

/* The tables every process shares, one dimension each. */
#define SHARED_TABLES \
    proc_state[0 .. FK_NPROC-1], proc_pid[0 .. FK_NPROC-1], \
    proc_parent[0 .. FK_NPROC-1], proc_status[0 .. FK_NPROC-1], \
    proc_cwd[0 .. FK_NPROC-1], next_pid, heap_pages[0 .. FK_NPROC-1], \
    file_ref[0 .. FK_NFILE-1], file_kind[0 .. FK_NFILE-1], \
    file_mode[0 .. FK_NFILE-1], file_append[0 .. FK_NFILE-1], \
    file_node[0 .. FK_NFILE-1], file_pipe[0 .. FK_NFILE-1], \
    file_off[0 .. FK_NFILE-1], \
    pipe_readers[0 .. FK_NPIPE-1], pipe_writers[0 .. FK_NPIPE-1], \
    pipe_fill[0 .. FK_NPIPE-1], pipe_head[0 .. FK_NPIPE-1], \
    pipe_buf[0 .. FK_NPIPE * FK_PIPE_CAPACITY - 1], \
    node_exists[0 .. FK_NNODE-1], node_size[0 .. FK_NNODE-1], \
    node_ref[0 .. FK_NNODE-1], node_sum[0 .. FK_NNODE-1], \
    node_data[0 .. FK_NNODE * FK_MAX_FILE_SIZE - 1], \
    frame_ref[0 .. FK_NFRAME-1], frame_sum[0 .. FK_NFRAME-1], \
    frame_data[0 .. FK_NFRAME * FK_PAGE_WORDS - 1], \
    obj_ref[0 .. FK_NOBJ-1], obj_npages[0 .. FK_NOBJ-1], \
    obj_frame[0 .. FK_NOBJ * FK_MMAP_PAGES - 1]

/* Everything a step may change: the shared tables, and of the
 * per-process tables only the rows of the stepping process (slot P) and
 * of a new child (slot F). */
#define MODEL_STATE(P, F) \
    SHARED_TABLES, \
    fdt[P][0 .. FK_NOFILE-1], fdt[F][0 .. FK_NOFILE-1], \
    pg_attr[P][0 .. FK_MMAP_PAGES-1], pg_attr[F][0 .. FK_MMAP_PAGES-1], \
    pg_start[P][0 .. FK_MMAP_PAGES-1], pg_start[F][0 .. FK_MMAP_PAGES-1], \
    pg_frame[P][0 .. FK_MMAP_PAGES-1], pg_frame[F][0 .. FK_MMAP_PAGES-1], \
    pg_obj[P][0 .. FK_MMAP_PAGES-1], pg_obj[F][0 .. FK_MMAP_PAGES-1], \
    pg_objpage[P][0 .. FK_MMAP_PAGES-1], pg_objpage[F][0 .. FK_MMAP_PAGES-1], \
    heap_frame[P][0 .. FK_HEAP_MAX_PAGES-1], heap_frame[F][0 .. FK_HEAP_MAX_PAGES-1]

/* The whole state: the shared tables and every process's rows. */
#define MODEL_ALL SHARED_TABLES, PROC_ROWS

/*@ // Processes c and p map the same pages to the same frames.
    predicate pages_alike{L}(integer c, integer p) =
      (\forall integer i; 0 <= i < FK_MMAP_PAGES ==>
         pg_attr[c][i] == pg_attr[p][i] && pg_frame[c][i] == pg_frame[p][i]
         && pg_obj[c][i] == pg_obj[p][i] && pg_objpage[c][i] == pg_objpage[p][i])
      && heap_pages[c] == heap_pages[p]
      && \forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==> heap_frame[c][j] == heap_frame[p][j];
*/

/*@ // What a step that succeeds does (spec/syscalls.md), per operation, for
    // the process in slot p: the step relation model_step ensures.
    predicate step_getpid{L}(integer p, struct fk_result r) =
      r.kind == FK_R_OK && r.val == proc_pid[p];
    predicate step_getppid{L}(integer p, struct fk_result r) =
      r.kind == FK_R_OK
      && r.val == (proc_parent[p] < 0 ? -1 : proc_pid[proc_parent[p]]);
    // a child in the lowest free slot, with the next pid, parent p, and
    // p's cwd, fds, pages and heap frames (so it reads what p reads)
    predicate step_fork{L1, L2}(integer p, struct fk_result r) =
      \let c = first_free_slot{L1}(0);
      r.val == \at(next_pid, L1)
      && \at(proc_state[c], L2) == P_ALIVE && \at(proc_pid[c], L2) == r.val
      && \at(proc_parent[c], L2) == p && \at(proc_cwd[c], L2) == \at(proc_cwd[p], L2)
      && (\forall integer i; 0 <= i < FK_NOFILE ==> \at(fdt[c][i], L2) == \at(fdt[p][i], L2))
      && pages_alike{L2}(c, p);
    // wait: nothing ready (0), or a zombie child reaped: its pid and
    // status returned, its slot freed
    predicate step_wait{L1, L2}(integer p, integer pid, struct fk_result r) =
      (r.val == 0 && r.aux == 0)
      || \exists integer z; waited_child{L1}(z, p, pid)
           && \at(proc_state[z], L1) == P_ZOMBIE && r.val == \at(proc_pid[z], L1)
           && r.aux == \at(proc_status[z], L1) && \at(proc_state[z], L2) == P_FREE;
    // and nothing else changes: with none ready no process, else no process
    // but the one with the pid returned; no table but the processes'
    predicate step_wait_kept{L1, L2}(struct fk_result r) =
      (r.val == 0 ==> procs_same{L1, L2})
      && (\forall integer q; 0 <= q < FK_NPROC && \at(proc_pid[q], L1) != r.val ==>
            \at(proc_state[q], L1) == \at(proc_state[q], L2)
            && \at(proc_pid[q], L1) == \at(proc_pid[q], L2)
            && \at(proc_parent[q], L1) == \at(proc_parent[q], L2)
            && \at(proc_status[q], L1) == \at(proc_status[q], L2))
      && \at(next_pid, L1) == \at(next_pid, L2)
      && (\forall integer q; 0 <= q < FK_NPROC ==> \at(proc_cwd[q], L1) == \at(proc_cwd[q], L2))
      && fds_same{L1, L2} && files_same{L1, L2} && pipes_same{L1, L2}
      && nodes_same{L1, L2} && memory_same{L1, L2};
    // open and dup: the lowest free fd of p
    predicate lowest_fd{L1, L2}(integer p, integer fd) =
      0 <= fd < FK_NOFILE && \at(fdt[p][fd], L1) == -1
      && \forall integer i; 0 <= i < fd ==> \at(fdt[p][i], L2) != -1;
    predicate step_dup{L1, L2}(integer p, integer fd, struct fk_result r) =
      lowest_fd{L1, L2}(p, r.val) && \at(fdt[p][r.val], L2) == \at(fdt[p][fd], L2);
    // read moves a file's offset, or drains a pipe, by what it returns; a
    // file gives the bytes from its offset, a pipe the first bytes of its
    // queue, in order (aux: their checksum)
    predicate step_read{L1, L2}(integer p, integer fd, struct fk_result r) =
      (fd_file{L1}(p, fd, FK_F_FILE) ==> fd_off{L2}(p, fd) == fd_off{L1}(p, fd) + r.val
            && r.aux == i32_of(node_bytes_sum{L1}(fd_node{L1}(p, fd), fd_off{L1}(p, fd), r.val)))
      && (fd_file{L1}(p, fd, FK_F_PIPE_R) ==>
            \at(pipe_fill[fd_pipe{L1}(p, fd)], L2)
              == \at(pipe_fill[fd_pipe{L1}(p, fd)], L1) - r.val
            && r.aux == i32_of(queue_sum{L1}(fd_pipe{L1}(p, fd), r.val))
            && \at(pipe_head[fd_pipe{L1}(p, fd)], L2)
              == (\at(pipe_head[fd_pipe{L1}(p, fd)], L1) + r.val) % FK_PIPE_CAPACITY);
    // write: count copies of the byte join a pipe's queue at its end, the
    // bytes queued stay; in a file they are the bytes from the write
    // position, the offset ends past them, the size is exact
    predicate step_write{L1, L2}(integer p, integer fd, integer count, integer byte,
                                 struct fk_result r) =
      (fd_file{L1}(p, fd, FK_F_PIPE_W) && count > 0 ==>
            r.val == count && \at(pipe_fill[fd_pipe{L1}(p, fd)], L2)
              == \at(pipe_fill[fd_pipe{L1}(p, fd)], L1) + count
            && (\forall integer j; \at(pipe_fill[fd_pipe{L1}(p, fd)], L1) <= j
                  < \at(pipe_fill[fd_pipe{L1}(p, fd)], L2) ==>
                  pipe_byte{L2}(fd_pipe{L1}(p, fd), j) == byte)
            && (\forall integer j; 0 <= j < \at(pipe_fill[fd_pipe{L1}(p, fd)], L1) ==>
                  pipe_byte{L2}(fd_pipe{L1}(p, fd), j) == pipe_byte{L1}(fd_pipe{L1}(p, fd), j)))
      && (fd_file{L1}(p, fd, FK_F_FILE) && count > 0 ==>
            fd_off{L2}(p, fd) == write_pos{L1}(p, fd) + r.val
            && \at(node_size[fd_node{L1}(p, fd)], L2)
                 == (\at(node_size[fd_node{L1}(p, fd)], L1) > fd_off{L2}(p, fd)
                     ? \at(node_size[fd_node{L1}(p, fd)], L1) : fd_off{L2}(p, fd))
            && \forall integer x; NODE_BYTE(fd_node{L1}(p, fd), write_pos{L1}(p, fd)) <= x
                 < NODE_BYTE(fd_node{L1}(p, fd), fd_off{L2}(p, fd)) ==> \at(node_data[x], L2) == byte);
    // dup2: newfd names what oldfd named; p's other fds stay, and so does
    // what closing newfd's old file leaves (as for close)
    predicate step_dup2{L1, L2}(integer p, integer oldfd, integer newfd, struct fk_result r) =
      r.val == newfd && \at(fdt[p][newfd], L2) == \at(fdt[p][oldfd], L1)
      && (\forall integer i; 0 <= i < FK_NOFILE && i != newfd ==>
           \at(fdt[p][i], L2) == \at(fdt[p][i], L1))
      && open_files_kept{L1, L2} && open_pipes_kept{L1, L2};
    // exit: p is torn down with its exit status (its living children go to
    // init's slot 0; what its fds shared stays; nothing else changes)
    predicate step_exit{L1, L2}(integer p, integer code) =
      torn_down{L1, L2}(p, (code % 256 + 256) % 256 * 256);
    // a kill (a fault; no frame for a store) tears p down the same way,
    // with the signal as its status
    predicate step_killed{L1, L2}(integer p, struct fk_result r) =
      torn_down{L1, L2}(p, r.val);
    // the fd is closed; no other fd of p and no other open file changes,
    // nor the closed one while another fd shares it, nor a pipe's queue
    // while the pipe has an end open
    predicate step_close{L1, L2}(integer p, integer fd) =
      \at(fdt[p][fd], L2) == -1
      && (\forall integer i; 0 <= i < FK_NOFILE && i != fd ==>
            \at(fdt[p][i], L2) == \at(fdt[p][i], L1))
      && (\forall integer g; 0 <= g < FK_NFILE && g != \at(fdt[p][fd], L1) ==>
            file_same{L1, L2}(g))
      && open_files_kept{L1, L2} && open_pipes_kept{L1, L2};
    // the offset moves to the target whence names; the result is it
    predicate step_lseek{L1, L2}(integer p, struct fk_step s, struct fk_result r) =
      fd_off{L2}(p, s.arg[0]) == seek_target{L1}(p, s.arg[0], s.arg[1], s.arg[2])
      && r.val == fd_off{L2}(p, s.arg[0]);
    // what write, read and lseek change and nothing else: nothing for an
    // empty write, a file's offset and its node's bytes, size and
    // checksum, a pipe's fill and bytes; a file's offset, a pipe's head
    // and fill
    predicate step_write_none_kept{L1, L2}(struct fk_result r) =
      r.val == 0 ==> state_same{L1, L2};
    predicate step_write_file_kept{L1, L2}(integer p, integer fd, struct fk_result r) =
      fd_file{L1}(p, fd, FK_F_FILE) && r.val > 0 ==>
        only_file_written{L1, L2}(\at(fdt[p][fd], L1), fd_node{L1}(p, fd));
    predicate step_write_pipe_kept{L1, L2}(integer p, integer fd, struct fk_result r) =
      fd_file{L1}(p, fd, FK_F_PIPE_W) && r.val > 0 ==> only_pipe_written{L1, L2}(fd_pipe{L1}(p, fd));
    predicate step_read_file_kept{L1, L2}(integer p, integer fd) =
      fd_file{L1}(p, fd, FK_F_FILE) ==> only_offset_moved{L1, L2}(\at(fdt[p][fd], L1));
    predicate step_read_pipe_kept{L1, L2}(integer p, integer fd) =
      fd_file{L1}(p, fd, FK_F_PIPE_R) ==> only_queue_moved{L1, L2}(fd_pipe{L1}(p, fd));
    // close and dup2 change nothing beyond what closing fds changes
    predicate step_close_kept{L1, L2}(integer p) = only_fds_closed{L1, L2}(p);
    predicate step_lseek_kept{L1, L2}(integer p, integer fd) =
      only_offset_moved{L1, L2}(\at(fdt[p][fd], L1));
    predicate step_chdir{L1, L2}(integer p, integer path) =
      \at(proc_cwd[p], L2) == resolved{L1}(p, path, 0);
    // the break moves by delta; the result is the old break
    predicate step_sbrk{L1, L2}(integer p, integer delta, struct fk_result r) =
      \at(heap_pages[p], L2) == \at(heap_pages[p], L1) + delta
      && r.val == FK_HEAP_BASE + \at(heap_pages[p], L1) * FK_PAGE_SIZE;
    // pipe: p's two lowest free fds name the read and the write end of
    // one empty pipe; p's other fds stay
    predicate step_pipe{L1, L2}(integer p, struct fk_result r) =
      0 <= r.val < r.aux < FK_NOFILE
      && \at(fdt[p][r.val], L1) == -1 && \at(fdt[p][r.aux], L1) == -1
      && (\forall integer i; 0 <= i < r.aux && i != r.val ==> \at(fdt[p][i], L1) != -1)
      && \at(file_kind[fdt[p][r.val]], L2) == FK_F_PIPE_R
      && \at(file_kind[fdt[p][r.aux]], L2) == FK_F_PIPE_W
      && \at(file_pipe[fdt[p][r.val]], L2) == \at(file_pipe[fdt[p][r.aux]], L2)
      && \at(pipe_fill[file_pipe[fdt[p][r.val]]], L2) == 0
      && \forall integer i; 0 <= i < FK_NOFILE && i != r.val && i != r.aux ==>
           \at(fdt[p][i], L2) == \at(fdt[p][i], L1);
    // mmap: the result is the address; the range's pages are one region
    // with the prot asked for, shared exactly when the mapping is, no frame
    // yet; p's other pages stay (the page after the range may start a region)
    predicate step_mmap{L1, L2}(integer p, struct fk_step s, struct fk_result r) =
      \let a = (u32_of(s.arg[0]) - FK_MMAP_BASE) / FK_PAGE_SIZE;
      r.val == u32_of(s.arg[0])
      && (\forall integer k; a <= k < a + s.arg[1] ==>
            \at(pg_start[p][k], L2) == (k == a ? 1 : 0) && \at(pg_frame[p][k], L2) == -1)
      && (\forall integer k; a <= k < a + s.arg[1] ==> \at(pg_attr[p][k], L2)
            == FK_PG_MAPPED + s.arg[2] + (s.arg[3] == FK_MAP_SHARED ? FK_PG_SHARED : 0))
      && (\forall integer k; 0 <= k < FK_MMAP_PAGES && !(a <= k <= a + s.arg[1]) ==>
           page_same{L2, L1}(p, k))
      && range_frameless{L2}(p, u32_of(s.arg[0]), s.arg[1]);
    predicate step_munmap{L}(integer p, struct fk_step s) =
      \let a = (u32_of(s.arg[0]) - FK_MMAP_BASE) / FK_PAGE_SIZE;
      \forall integer k; a <= k < a + s.arg[1] ==> page_clear(p, k);
    // the range's pages get the new prot; shared pages stay shared
    predicate step_mprotect{L}(integer p, struct fk_step s) =
      \let a = (u32_of(s.arg[0]) - FK_MMAP_BASE) / FK_PAGE_SIZE;
      \forall integer k; a <= k < a + s.arg[1] ==>
        pg_attr[p][k] == FK_PG_MAPPED + s.arg[2] + (pg_obj[p][k] >= 0 ? FK_PG_SHARED : 0);
    // the word is in a frame the page alone references
    predicate step_store{L}(integer p, struct fk_step s) =
      word_stored(p, u32_of(s.arg[0]), u32_of(s.arg[1]));
    // the page's other words read as before (a copy-on-write copies), or
    // 0 if it had no frame; no frame but the page's changes (a shared
    // frame is not written); only the page's own reference is re-pointed;
    // every word of every process but those through that reference reads
    // as before
    predicate step_store_kept{L1, L2}(integer p, struct fk_step s) =
      \let addr = u32_of(s.arg[0]);
      (frame_at{L1}(p, addr) >= 0 ==> words_copied{L1, L2}(
         frame_at{L1}(p, addr), frame_at{L2}(p, addr), addr % FK_PAGE_SIZE / 4))
      && (frame_at{L1}(p, addr) < 0 ==> words_zero{L2}(frame_at{L2}(p, addr), addr % FK_PAGE_SIZE / 4))
      && other_frames_kept{L1, L2}(frame_at{L2}(p, addr))
      && frames_reached_kept{L1, L2}(p, addr, frame_at{L2}(p, addr))
      && store_isolated{L1, L2}(p, addr, u32_of(s.arg[1]));
    // the word at addr (0 for a page with no frame yet)
    predicate step_load{L}(integer p, struct fk_step s, struct fk_result r) =
      r.val == i32_of(word_at(p, u32_of(s.arg[0])));
*/

/*@ // Memory as processes see it: what the step relation implies for
    // word_at, the word a load reads (the isolation theorems).
    // fork: the child reads what its parent reads, under the same prot
    predicate fork_reads_alike{L}(integer c, integer p) =
      \forall integer a; in_heap_area(a) || in_window(a) ==>
        word_at(c, a) == word_at(p, a) && page_prot_at(c, a) == page_prot_at(p, a);
    // mmap: every word of the new range reads 0
    predicate range_reads_zero{L}(integer p, integer addr, integer npages) =
      \forall integer a; addr <= a < addr + npages * FK_PAGE_SIZE ==> word_at(p, a) == 0;
    // munmap, sbrk down: nothing is mapped where the pages were
    predicate range_unmapped{L}(integer p, integer addr, integer npages) =
      \forall integer a; addr <= a < addr + npages * FK_PAGE_SIZE ==>
        page_prot_at(p, a) == -1;
*/

/* Runs one step: the executor's checks, then the operation. Every step
 * keeps the whole invariant. A program has at most FK_MAX_STEPS steps,
 * so next_pid stays within FK_MAX_PID. */
/*@ requires valid_state;
    requires next_pid <= FK_MAX_PID;
    requires step_args_ok(s);
    assigns MODEL_STATE(slot_of_pid(s.proc, 0), first_free_slot(0));
    ensures valid_state;
    ensures next_pid <= \old(next_pid) + 1;
    // failure leaves no trace: an error or a SKIP changes nothing
    ensures unchanged: no_effect(\result) ==> state_same{Pre, Post};
    // what a step that succeeds does, per operation (the
    // step_* predicates): p is its process's slot
    ensures effect_getpid: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_GETPID && \result.kind == FK_R_OK ==> step_getpid(p, \result);
    ensures effect_getppid: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_GETPPID && \result.kind == FK_R_OK ==> step_getppid(p, \result);
    ensures effect_fork: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_FORK && \result.kind == FK_R_OK ==> step_fork{Pre, Post}(p, \result);
    ensures effect_wait: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_WAIT && \result.kind == FK_R_OK ==> step_wait{Pre, Post}(p, s.arg[0], \result);
    ensures effect_wait_kept: s.op == FK_OP_WAIT && \result.kind == FK_R_OK ==>
              step_wait_kept{Pre, Post}(\result);
    ensures effect_open: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_OPEN && \result.kind == FK_R_OK ==> lowest_fd{Pre, Post}(p, \result.val);
    ensures effect_dup: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_DUP && \result.kind == FK_R_OK ==> step_dup{Pre, Post}(p, s.arg[0], \result);
    ensures effect_read: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_READ && \result.kind == FK_R_OK ==> step_read{Pre, Post}(p, s.arg[0], \result);
    ensures effect_read_file_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_READ && \result.kind == FK_R_OK ==> step_read_file_kept{Pre, Post}(p, s.arg[0]);
    ensures effect_read_pipe_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_READ && \result.kind == FK_R_OK ==> step_read_pipe_kept{Pre, Post}(p, s.arg[0]);
    ensures effect_write: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
                step_write{Pre, Post}(p, s.arg[0], s.arg[1], s.arg[2], \result);
    ensures effect_write_none_kept: s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
              step_write_none_kept{Pre, Post}(\result);
    ensures effect_write_file_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
                step_write_file_kept{Pre, Post}(p, s.arg[0], \result);
    ensures effect_write_pipe_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_WRITE && \result.kind == FK_R_OK ==>
                step_write_pipe_kept{Pre, Post}(p, s.arg[0], \result);
    ensures effect_exit: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_EXIT && \result.kind == FK_R_OK ==> step_exit{Pre, Post}(p, s.arg[0]);
    ensures effect_dup2: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_DUP2 && \result.kind == FK_R_OK ==>
                step_dup2{Pre, Post}(p, s.arg[0], s.arg[1], \result);
    ensures effect_close: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_CLOSE && \result.kind == FK_R_OK ==> step_close{Pre, Post}(p, s.arg[0]);
    ensures effect_close_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              (s.op == FK_OP_CLOSE || s.op == FK_OP_DUP2) && \result.kind == FK_R_OK ==>
                step_close_kept{Pre, Post}(p);
    ensures effect_killed: \let p = slot_of_pid{Pre}(s.proc, 0);
              \result.kind == FK_R_KILLED ==> step_killed{Pre, Post}(p, \result);
    ensures effect_lseek: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_LSEEK && \result.kind == FK_R_OK ==> step_lseek{Pre, Post}(p, s, \result);
    ensures effect_lseek_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_LSEEK && \result.kind == FK_R_OK ==> step_lseek_kept{Pre, Post}(p, s.arg[0]);
    ensures effect_chdir: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_CHDIR && \result.kind == FK_R_OK ==> step_chdir{Pre, Post}(p, s.arg[0]);
    ensures effect_sbrk: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_SBRK && \result.kind == FK_R_OK ==> step_sbrk{Pre, Post}(p, s.arg[0], \result);
    ensures effect_pipe: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_PIPE && \result.kind == FK_R_OK ==> step_pipe{Pre, Post}(p, \result);
    ensures effect_mmap: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_MMAP && \result.kind == FK_R_OK ==> step_mmap{Pre, Post}(p, s, \result);
    ensures effect_munmap: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_MUNMAP && \result.kind == FK_R_OK ==> step_munmap(p, s);
    ensures effect_mprotect: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_MPROTECT && \result.kind == FK_R_OK ==> step_mprotect(p, s);
    ensures effect_store: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_STORE && \result.kind == FK_R_OK ==> step_store(p, s);
    ensures effect_store_kept: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_STORE && \result.kind == FK_R_OK ==> step_store_kept{Pre, Post}(p, s);
    ensures effect_load: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_LOAD && \result.kind == FK_R_OK ==> step_load(p, s, \result);
    // the isolation theorems, from the step relation above
    ensures fork_reads_alike: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_FORK && \result.kind == FK_R_OK ==>
                fork_reads_alike(first_free_slot{Pre}(0), p);
    ensures store_isolated: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_STORE && \result.kind == FK_R_OK ==>
                store_isolated{Pre, Post}(p, u32_of(s.arg[0]), u32_of(s.arg[1]));
    ensures mmap_reads_zero: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_MMAP && \result.kind == FK_R_OK ==>
                range_reads_zero(p, u32_of(s.arg[0]), s.arg[1]);
    ensures munmap_unmapped: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_MUNMAP && \result.kind == FK_R_OK ==>
                range_unmapped(p, u32_of(s.arg[0]), s.arg[1]);
    ensures sbrk_unmapped: \let p = slot_of_pid{Pre}(s.proc, 0);
              s.op == FK_OP_SBRK && \result.kind == FK_R_OK && s.arg[0] < 0 ==>
                range_unmapped(p, FK_HEAP_BASE + heap_pages[p] * FK_PAGE_SIZE, -s.arg[0]);
*/
struct fk_result model_step(struct fk_step s);

/* Runs the first n steps of prog from the current state: each of its
 * steps meets model_step's contract, so the whole invariant holds after
 * each. */
/*@ requires valid_state;
    requires prog_args_ok(prog) && n <= prog.nsteps;
    requires next_pid + n <= FK_MAX_PID + 1;
    assigns MODEL_ALL;
    ensures valid_state;
    ensures next_pid <= \old(next_pid) + n;
*/
void model_run(struct fk_prog prog, uint32_t n);

/* The first n steps of prog from the initial state: model_reset, then
 * model_run. Every program that passes fk_prog_valid or comes out of the
 * decoder can be replayed so. (Both list each process's rows in their
 * assigns, PROC_ROWS: WP checks each location of a callee's assigns
 * against one location of the caller's, and a row inside a whole
 * two-dimensional table is an existential neither prover finds.) */
/*@ requires prog_args_ok(prog) && n <= prog.nsteps;
    assigns MODEL_ALL;
    ensures valid_state;
    ensures next_pid <= 1 + n;
*/
void model_replay(struct fk_prog prog, uint32_t n);

/* The state as an observation, in the model's internal numbering
 * (canonicalize it with fk_obs_canon). */
void model_observe(struct fk_obs *raw);

/* The executable twin of valid_state (model/check.c): 0 when every
 * invariant of spec/state.md holds, else -1 with the first violation
 * described in why. */
int model_check(char *why, size_t cap);

/* The same verdict, re-examining only the slots and tables whose contents
 * changed since the previous call (model_check after every step costs
 * most of a fuzz_model exec). */
int model_check_step(char *why, size_t cap);

/* p run from the initial state with model_check_step after every step
 * (the fuzz harnesses and the triage): the index of the first step that
 * breaks valid_state, with why, or -1. */
int model_run_checked(const struct fk_prog *p, char *why, size_t cap);

#endif
