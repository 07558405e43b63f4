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

  // Invariant 6 (fds): every fd entry references an open file in use. It
  // follows from the two above (lemma files_in_use).
  predicate fds_point_to_used_files{L} =
    \forall integer p, i; 0 <= p < FK_NPROC && 0 <= i < FK_NOFILE
      && fdt[p][i] != -1 ==> file_ref[fdt[p][i]] > 0;

  // Invariant 1: open-file refcount = fd entries referencing it.
  predicate file_refs_counted{L} =
    \forall integer f; 0 <= f < FK_NFILE ==> file_ref[f] == fd_count(f, FK_NPROC);

  // An open file in use names a node, or a pipe, in range, with the access
  // mode its kind allows; a free one names nothing (so the counts below
  // need not look at file_ref). Offsets are never negative.
  predicate files_well_formed{L} =
    \forall integer f; 0 <= f < FK_NFILE ==>
      file_off[f] >= 0
      && (file_ref[f] > 0 ==>
        (file_kind[f] == FK_F_FILE && 0 <= file_node[f] < FK_NNODE
           && file_pipe[f] == -1 && 0 <= file_mode[f] <= FK_O_RDWR)
        || (file_kind[f] == FK_F_DIR && 0 <= file_node[f] < FK_NNODE
           && file_pipe[f] == -1 && file_mode[f] == FK_O_RDONLY)
        || (file_kind[f] == FK_F_PIPE_R && 0 <= file_pipe[f] < FK_NPIPE
           && file_node[f] == -1 && file_mode[f] == FK_O_RDONLY)
        || (file_kind[f] == FK_F_PIPE_W && 0 <= file_pipe[f] < FK_NPIPE
           && file_node[f] == -1 && file_mode[f] == FK_O_WRONLY))
      && (file_ref[f] == 0 ==>
        file_kind[f] == 0 && file_node[f] == -1 && file_pipe[f] == -1);

  predicate node_sizes_ok{L} =
    \forall integer n; 0 <= n < FK_NNODE ==> node_size[n] <= FK_MAX_FILE_SIZE;

  // Invariant 11: an open file on a node is on an existing one of its kind.
  predicate files_on_nodes{L} =
    \forall integer f; 0 <= f < FK_NFILE && file_ref[f] > 0 ==>
      (file_kind[f] == FK_F_FILE ==>
         node_exists[file_node[f]] != 0 && !node_is_dir(file_node[f]))
      && (file_kind[f] == FK_F_DIR ==> node_is_dir(file_node[f]));

  // Invariant 12: directories have size 0 (nothing writes or truncates one).
  predicate dirs_empty{L} = node_size[FK_NODE_ROOT] == 0 && node_size[FK_NODE_D] == 0;

  // Invariant 13: a pipe no end of which is open is empty.
  predicate free_pipes_empty{L} =
    \forall integer i; 0 <= i < FK_NPIPE && pipe_readers[i] == 0 && pipe_writers[i] == 0
      ==> pipe_fill[i] == 0 && pipe_head[i] == 0;

  predicate pipes_bounded{L} =
    \forall integer i; 0 <= i < FK_NPIPE ==>
      pipe_fill[i] <= FK_PIPE_CAPACITY && pipe_head[i] < FK_PIPE_CAPACITY;

  // Byte j of pipe i's queue (j < pipe_fill[i]): its ring read from the head.
  logic integer pipe_byte{L}(integer i, integer j) =
    pipe_buf[PIPE_BYTE(i, (pipe_head[i] + j) % FK_PIPE_CAPACITY)];

  // The checksum of the first n bytes of pipe i's queue, what a read of
  // them returns: the wrapping sum of sum_term(position, byte) (spec/obs.h).
  logic integer queue_sum{L}(integer i, integer n) =
    n <= 0 ? 0 : (uint32_t)(queue_sum{L}(i, n - 1) + sum_term(n - 1, pipe_byte{L}(i, n - 1)));

  // The checksum of n bytes of node `node` from offset off, what a read of
  // them returns: the sum of their terms, wrapped to 32 bits (spec/obs.h).
  // The sum is kept whole (node_bytes_total) and wrapped once by `%`, not
  // by a (uint32_t) cast per term: WP knows a cast only as "a value in
  // range", too little to move a wrapped sum by one changed byte, while
  // the whole sum moves by the difference of two terms (linear), and
  // sum_update carries that through the wrap.
  logic integer node_bytes_total{L}(integer node, integer off, integer n) =
    n <= 0 ? 0 : node_bytes_total{L}(node, off, n - 1)
                 + sum_term(n - 1, node_data[NODE_BYTE(node, off + n - 1)]);
  logic integer node_bytes_sum{L}(integer node, integer off, integer n) =
    node_bytes_total{L}(node, off, n) % 0x100000000;

  // Invariant 15, for nodes: a node's checksum is that of its bytes.
  predicate nodes_summed{L} =
    \forall integer n; 0 <= n < FK_NNODE ==> node_sum[n] == node_bytes_sum(n, 0, node_size[n]);

  // Processes whose cwd is node n, among slots 0 .. np-1 (zombies and free
  // slots have cwd -1).
  logic integer cwd_count{L}(integer n, integer np) =
    np <= 0 ? 0 : cwd_count{L}(n, np - 1) + (proc_cwd[np - 1] == n ? 1 : 0);

  // Open files on node n among files 0 .. nf-1.
  logic integer node_file_count{L}(integer n, integer nf) =
    nf <= 0 ? 0 : node_file_count{L}(n, nf - 1) + (file_node[nf - 1] == n ? 1 : 0);

  // Invariant 4: node refcount = cwd references + open files on it.
  predicate node_refs_counted{L} =
    \forall integer n; 0 <= n < FK_NNODE ==>
      node_ref[n] == cwd_count(n, FK_NPROC) + node_file_count(n, FK_NFILE);

  // A live process's cwd is a directory; others have none.
  predicate cwds_in_range{L} =
    \forall integer p; 0 <= p < FK_NPROC ==>
      (proc_state[p] == P_ALIVE ==> node_is_dir(proc_cwd[p]))
      && (proc_state[p] != P_ALIVE ==> proc_cwd[p] == -1);

  predicate dirs_exist{L} = node_exists[FK_NODE_ROOT] != 0 && node_exists[FK_NODE_D] != 0;

  // Path resolution (spec/syscalls.md, "Resolving a path") from directory
  // cur at name i of n: the node reached, or -errno. With creat, an absent
  // last name resolves to its (absent) node.
  logic integer walk{L}(integer cur, integer path, integer i, integer n, integer creat) =
    i >= n ? cur :
    path_name(path, i) == FK_NAME_DOT ? walk{L}(cur, path, i + 1, n, creat) :
    \let next = path_name(path, i) == FK_NAME_DOTDOT ? node_parent(cur)
                                                     : node_child(cur, path_name(path, i));
    node_exists[next] == 0 ? (i == n - 1 && creat != 0 ? next : -FK_ENOENT) :
    (i < n - 1 && next != FK_NODE_ROOT && next != FK_NODE_D
       ? -FK_ENOTDIR : walk{L}(next, path, i + 1, n, creat));

  logic integer path_start{L}(integer p, integer path) =
    path_absolute(path) != 0 ? FK_NODE_ROOT : proc_cwd[p];

  logic integer resolved{L}(integer p, integer path, integer creat) =
    walk{L}(path_start{L}(p, path), path, 0, path_count(path), creat);

  // Open files of kind k on pipe i among files 0 .. nf-1.
  logic integer end_count{L}(integer i, integer k, integer nf) =
    nf <= 0 ? 0 : end_count{L}(i, k, nf - 1)
                  + (file_pipe[nf - 1] == i && file_kind[nf - 1] == k ? 1 : 0);

  // Invariant 5: pipe end counts = open files on each end.
  predicate pipes_counted{L} =
    \forall integer i; 0 <= i < FK_NPIPE ==>
      pipe_readers[i] == end_count(i, FK_F_PIPE_R, FK_NFILE)
      && pipe_writers[i] == end_count(i, FK_F_PIPE_W, FK_NFILE);

  predicate alive{L}(integer p) = 0 <= p < FK_NPROC && proc_state[p] == P_ALIVE;

  predicate states_ok{L} =
    \forall integer p; 0 <= p < FK_NPROC ==>
      proc_state[p] == P_FREE || proc_state[p] == P_ALIVE || proc_state[p] == P_ZOMBIE;

  // Invariant 9: p0 has no parent; every other used slot's parent is a used
  // slot, alive unless it is p0 (orphans were re-parented to p0).
  predicate parents_ok{L} =
    \forall integer p; 0 <= p < FK_NPROC && proc_state[p] != P_FREE ==>
      (proc_pid[p] == 0 ==> proc_parent[p] == -1)
      && (proc_pid[p] != 0 ==>
            0 <= proc_parent[p] < FK_NPROC && proc_parent[p] != p
            && proc_state[proc_parent[p]] != P_FREE
            && (proc_state[proc_parent[p]] == P_ALIVE
                || proc_pid[proc_parent[p]] == 0));

  predicate pids_ok{L} =
    \forall integer p; 0 <= p < FK_NPROC && proc_state[p] != P_FREE ==>
      0 <= proc_pid[p] <= FK_MAX_PID;

  // Invariant 14: pids are never reused, so no two used slots share one.
  predicate pids_unique{L} =
    \forall integer q, r; 0 <= q < r < FK_NPROC && proc_state[q] != P_FREE
      && proc_state[r] != P_FREE ==> proc_pid[q] != proc_pid[r];

  // Private window pages of slot q on frame fr among pages 0 .. n-1, and
  // over slots 0 .. np-1; the same for heap pages and object slots.
  logic integer pg_row_count{L}(integer q, integer fr, integer n) =
    n <= 0 ? 0 : pg_row_count{L}(q, fr, n - 1) + (pg_frame[q][n - 1] == fr ? 1 : 0);
  logic integer pg_count{L}(integer fr, integer np) =
    np <= 0 ? 0 : pg_count{L}(fr, np - 1) + pg_row_count{L}(np - 1, fr, FK_MMAP_PAGES);

  logic integer heap_row_count{L}(integer q, integer fr, integer n) =
    n <= 0 ? 0 : heap_row_count{L}(q, fr, n - 1) + (heap_frame[q][n - 1] == fr ? 1 : 0);
  logic integer heap_count{L}(integer fr, integer np) =
    np <= 0 ? 0 : heap_count{L}(fr, np - 1) + heap_row_count{L}(np - 1, fr, FK_HEAP_MAX_PAGES);

  logic integer objf_row_count{L}(integer o, integer fr, integer n) =
    n <= 0 ? 0 : objf_row_count{L}(o, fr, n - 1) + (obj_frame[OBJ_SLOT(o, n - 1)] == fr ? 1 : 0);
  logic integer objf_count{L}(integer fr, integer no) =
    no <= 0 ? 0 : objf_count{L}(fr, no - 1) + objf_row_count{L}(no - 1, fr, FK_MMAP_PAGES);

  logic integer frame_count{L}(integer fr) =
    pg_count{L}(fr, FK_NPROC) + heap_count{L}(fr, FK_NPROC) + objf_count{L}(fr, FK_NOBJ);

  // Invariant 2: frame refcount = page-table entries + object slots on it.
  predicate frame_refs_counted{L} =
    \forall integer fr; 0 <= fr < FK_NFRAME ==> frame_ref[fr] == frame_count(fr);

  predicate frames_in_range{L} =
    (\forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES ==>
       -1 <= pg_frame[q][i] < FK_NFRAME && -1 <= pg_obj[q][i] < FK_NOBJ
       && (pg_obj[q][i] >= 0 ==> 0 <= pg_objpage[q][i] < FK_MMAP_PAGES))
    && (\forall integer q, j; 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES ==>
       -1 <= heap_frame[q][j] < FK_NFRAME)
    && (\forall integer s; 0 <= s < FK_NOBJ * FK_MMAP_PAGES ==>
       -1 <= obj_frame[s] < FK_NFRAME);

  // The object a region starting at page i of slot q maps, or -1 (private
  // pages have no object).
  logic integer region_obj{L}(integer q, integer i) =
    pg_start[q][i] != 0 ? pg_obj[q][i] : -1;

  // Region starts of slot q on object o among pages 0 .. n-1; over slots.
  logic integer start_row_count{L}(integer q, integer o, integer n) =
    n <= 0 ? 0 : start_row_count{L}(q, o, n - 1) + (region_obj{L}(q, n - 1) == o ? 1 : 0);
  logic integer start_count{L}(integer o, integer np) =
    np <= 0 ? 0 : start_count{L}(o, np - 1) + start_row_count{L}(np - 1, o, FK_MMAP_PAGES);

  // Invariant 3: object refcount = regions that map it.
  predicate obj_refs_counted{L} =
    \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o] == start_count(o, FK_NPROC);

  predicate page_clear{L}(integer q, integer i) =
    pg_attr[q][i] == 0 && pg_start[q][i] == 0 && pg_frame[q][i] == -1
    && pg_obj[q][i] == -1 && pg_objpage[q][i] == -1;

  predicate page_same{L1, L2}(integer q, integer i) =
    \at(pg_attr[q][i], L1) == \at(pg_attr[q][i], L2)
    && \at(pg_start[q][i], L1) == \at(pg_start[q][i], L2)
    && \at(pg_frame[q][i], L1) == \at(pg_frame[q][i], L2)
    && \at(pg_obj[q][i], L1) == \at(pg_obj[q][i], L2)
    && \at(pg_objpage[q][i], L1) == \at(pg_objpage[q][i], L2);

  // Open file g is the same at L1 and L2 but maybe for its offset.
  predicate file_same_but_offset{L1, L2}(integer g) =
    \at(file_ref[g], L1) == \at(file_ref[g], L2)
    && \at(file_kind[g], L1) == \at(file_kind[g], L2)
    && \at(file_mode[g], L1) == \at(file_mode[g], L2)
    && \at(file_append[g], L1) == \at(file_append[g], L2)
    && \at(file_node[g], L1) == \at(file_node[g], L2)
    && \at(file_pipe[g], L1) == \at(file_pipe[g], L2);

  // Open file g keeps everything but its reference count.
  predicate file_same_but_ref{L1, L2}(integer g) =
    \at(file_kind[g], L1) == \at(file_kind[g], L2)
    && \at(file_mode[g], L1) == \at(file_mode[g], L2)
    && \at(file_append[g], L1) == \at(file_append[g], L2)
    && \at(file_node[g], L1) == \at(file_node[g], L2)
    && \at(file_pipe[g], L1) == \at(file_pipe[g], L2)
    && \at(file_off[g], L1) == \at(file_off[g], L2);

  // What closing fds leaves (close, dup2, exit): an open file still open
  // at L2 keeps all but its reference count, and a pipe with an end still
  // open keeps its queue.
  predicate open_files_kept{L1, L2} =
    \forall integer g; 0 <= g < FK_NFILE && \at(file_ref[g], L2) > 0 ==>
      file_same_but_ref{L1, L2}(g);
  predicate open_pipes_kept{L1, L2} =
    \forall integer j; 0 <= j < FK_NPIPE
      && (\at(pipe_readers[j], L2) != 0 || \at(pipe_writers[j], L2) != 0) ==>
        \at(pipe_fill[j], L1) == \at(pipe_fill[j], L2)
        && \at(pipe_head[j], L1) == \at(pipe_head[j], L2);
  // Closing only drops references: with it the two above compose.
  predicate refs_dropped{L1, L2} =
    (\forall integer g; 0 <= g < FK_NFILE ==> \at(file_ref[g], L2) <= \at(file_ref[g], L1))
    && \forall integer j; 0 <= j < FK_NPIPE ==>
         \at(pipe_readers[j], L2) <= \at(pipe_readers[j], L1)
         && \at(pipe_writers[j], L2) <= \at(pipe_writers[j], L1);

  // Open file g is the same at L1 and L2.
  predicate file_same{L1, L2}(integer g) =
    file_same_but_offset{L1, L2}(g) && \at(file_off[g], L1) == \at(file_off[g], L2);

  // Failure leaves no trace (spec/state.md): nothing of the state differs
  // between L1 and L2, in six parts by subsystem.
  predicate procs_same{L1, L2} =
    \at(next_pid, L1) == \at(next_pid, L2)
    && \forall integer q; 0 <= q < FK_NPROC ==>
      \at(proc_state[q], L1) == \at(proc_state[q], L2)
      && \at(proc_pid[q], L1) == \at(proc_pid[q], L2)
      && \at(proc_parent[q], L1) == \at(proc_parent[q], L2)
      && \at(proc_status[q], L1) == \at(proc_status[q], L2)
      && \at(proc_cwd[q], L1) == \at(proc_cwd[q], L2);

  predicate fds_same{L1, L2} =
    \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_NOFILE ==>
      \at(fdt[q][i], L1) == \at(fdt[q][i], L2);

  predicate files_same{L1, L2} =
    \forall integer g; 0 <= g < FK_NFILE ==> file_same{L1, L2}(g);

  predicate pipes_same{L1, L2} =
    (\forall integer i; 0 <= i < FK_NPIPE ==>
      \at(pipe_readers[i], L1) == \at(pipe_readers[i], L2)
      && \at(pipe_writers[i], L1) == \at(pipe_writers[i], L2)
      && \at(pipe_fill[i], L1) == \at(pipe_fill[i], L2)
      && \at(pipe_head[i], L1) == \at(pipe_head[i], L2))
    && \forall integer k; 0 <= k < FK_NPIPE * FK_PIPE_CAPACITY ==>
      \at(pipe_buf[k], L1) == \at(pipe_buf[k], L2);

  predicate nodes_same{L1, L2} =
    (\forall integer n; 0 <= n < FK_NNODE ==>
      \at(node_exists[n], L1) == \at(node_exists[n], L2)
      && \at(node_size[n], L1) == \at(node_size[n], L2)
      && \at(node_ref[n], L1) == \at(node_ref[n], L2)
      && \at(node_sum[n], L1) == \at(node_sum[n], L2))
    && \forall integer k; 0 <= k < FK_NNODE * FK_MAX_FILE_SIZE ==>
      \at(node_data[k], L1) == \at(node_data[k], L2);

  predicate memory_same{L1, L2} =
    (\forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES ==>
      page_same{L1, L2}(q, i))
    && (\forall integer q; 0 <= q < FK_NPROC ==>
      \at(heap_pages[q], L1) == \at(heap_pages[q], L2))
    && (\forall integer q, j; 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES ==>
      \at(heap_frame[q][j], L1) == \at(heap_frame[q][j], L2))
    && (\forall integer f; 0 <= f < FK_NFRAME ==>
      \at(frame_ref[f], L1) == \at(frame_ref[f], L2)
      && \at(frame_sum[f], L1) == \at(frame_sum[f], L2))
    && (\forall integer k; 0 <= k < FK_NFRAME * FK_PAGE_WORDS ==>
      \at(frame_data[k], L1) == \at(frame_data[k], L2))
    && (\forall integer o; 0 <= o < FK_NOBJ ==>
      \at(obj_ref[o], L1) == \at(obj_ref[o], L2)
      && \at(obj_npages[o], L1) == \at(obj_npages[o], L2))
    && \forall integer s; 0 <= s < FK_NOBJ * FK_MMAP_PAGES ==>
      \at(obj_frame[s], L1) == \at(obj_frame[s], L2);

  predicate state_same{L1, L2} =
    procs_same{L1, L2} && fds_same{L1, L2} && files_same{L1, L2}
    && pipes_same{L1, L2} && nodes_same{L1, L2} && memory_same{L1, L2};

  // Only open file g's offset may differ between L1 and L2: what lseek
  // and a file read change.
  predicate only_offset_moved{L1, L2}(integer g) =
    procs_same{L1, L2} && fds_same{L1, L2} && pipes_same{L1, L2}
    && nodes_same{L1, L2} && memory_same{L1, L2}
    && \forall integer h; 0 <= h < FK_NFILE ==>
         file_same_but_offset{L1, L2}(h)
         && (h != g ==> \at(file_off[h], L1) == \at(file_off[h], L2));

  // Only pipe i's head and fill may differ between L1 and L2: what a pipe
  // read changes (its bytes stay where they are).
  predicate only_queue_moved{L1, L2}(integer i) =
    procs_same{L1, L2} && fds_same{L1, L2} && files_same{L1, L2}
    && nodes_same{L1, L2} && memory_same{L1, L2}
    && (\forall integer j; 0 <= j < FK_NPIPE ==>
          \at(pipe_readers[j], L1) == \at(pipe_readers[j], L2)
          && \at(pipe_writers[j], L1) == \at(pipe_writers[j], L2)
          && (j != i ==> \at(pipe_fill[j], L1) == \at(pipe_fill[j], L2)
                         && \at(pipe_head[j], L1) == \at(pipe_head[j], L2)))
    && \forall integer k; 0 <= k < FK_NPIPE * FK_PIPE_CAPACITY ==>
         \at(pipe_buf[k], L1) == \at(pipe_buf[k], L2);

  // Only open file g's offset and node n's bytes, size and checksum may
  // differ between L1 and L2: what a file write changes.
  predicate only_file_written{L1, L2}(integer g, integer n) =
    procs_same{L1, L2} && fds_same{L1, L2} && pipes_same{L1, L2}
    && memory_same{L1, L2}
    && (\forall integer h; 0 <= h < FK_NFILE ==>
          file_same_but_offset{L1, L2}(h)
          && (h != g ==> \at(file_off[h], L1) == \at(file_off[h], L2)))
    && (\forall integer m; 0 <= m < FK_NNODE ==>
          \at(node_exists[m], L1) == \at(node_exists[m], L2)
          && \at(node_ref[m], L1) == \at(node_ref[m], L2)
          && (m != n ==> \at(node_size[m], L1) == \at(node_size[m], L2)
                         && \at(node_sum[m], L1) == \at(node_sum[m], L2)))
    && \forall integer k; 0 <= k < FK_NNODE * FK_MAX_FILE_SIZE
         && !(NODE_BYTE(n, 0) <= k < NODE_BYTE(n, FK_MAX_FILE_SIZE)) ==>
         \at(node_data[k], L1) == \at(node_data[k], L2);

  // Only pipe i's fill and bytes may differ between L1 and L2: what a
  // pipe write changes.
  predicate only_pipe_written{L1, L2}(integer i) =
    procs_same{L1, L2} && fds_same{L1, L2} && files_same{L1, L2}
    && nodes_same{L1, L2} && memory_same{L1, L2}
    && (\forall integer j; 0 <= j < FK_NPIPE ==>
          \at(pipe_readers[j], L1) == \at(pipe_readers[j], L2)
          && \at(pipe_writers[j], L1) == \at(pipe_writers[j], L2)
          && \at(pipe_head[j], L1) == \at(pipe_head[j], L2)
          && (j != i ==> \at(pipe_fill[j], L1) == \at(pipe_fill[j], L2)))
    && \forall integer k; 0 <= k < FK_NPIPE * FK_PIPE_CAPACITY
         && !(PIPE_BYTE(i, 0) <= k < PIPE_BYTE(i, FK_PIPE_CAPACITY)) ==>
         \at(pipe_buf[k], L1) == \at(pipe_buf[k], L2);

  // Nodes keep their existence, bytes, size and checksum (only their
  // reference counts may change), pipes their bytes.
  predicate contents_same{L1, L2} =
    (\forall integer n; 0 <= n < FK_NNODE ==>
      \at(node_exists[n], L1) == \at(node_exists[n], L2)
      && \at(node_size[n], L1) == \at(node_size[n], L2)
      && \at(node_sum[n], L1) == \at(node_sum[n], L2))
    && (\forall integer k; 0 <= k < FK_NNODE * FK_MAX_FILE_SIZE ==>
      \at(node_data[k], L1) == \at(node_data[k], L2))
    && \forall integer k; 0 <= k < FK_NPIPE * FK_PIPE_CAPACITY ==>
      \at(pipe_buf[k], L1) == \at(pipe_buf[k], L2);

  // What closing fds of p (close, dup2) changes is p's fd row, open files,
  // pipes' ends and queues and nodes' counts (open_files_kept and
  // open_pipes_kept say how); nothing else differs between L1 and L2.
  predicate only_fds_closed{L1, L2}(integer p) =
    procs_same{L1, L2} && memory_same{L1, L2} && contents_same{L1, L2}
    && \forall integer q, i; 0 <= q < FK_NPROC && q != p && 0 <= i < FK_NOFILE ==>
         \at(fdt[q][i], L1) == \at(fdt[q][i], L2);

  // What tearing p down (exit, a kill) changes is p's own state, status,
  // cwd, fds, pages and heap, parents, the counts of what p held, and
  // what closing its fds changes; no other process, no memory word, no
  // node's or pipe's bytes.
  predicate only_torn_down{L1, L2}(integer p) =
    contents_same{L1, L2}
    && \at(next_pid, L1) == \at(next_pid, L2)
    && (\forall integer q; 0 <= q < FK_NPROC ==>
         \at(proc_pid[q], L1) == \at(proc_pid[q], L2)
         && (q != p ==> \at(proc_state[q], L1) == \at(proc_state[q], L2)
                        && \at(proc_status[q], L1) == \at(proc_status[q], L2)
                        && \at(proc_cwd[q], L1) == \at(proc_cwd[q], L2)
                        && \at(heap_pages[q], L1) == \at(heap_pages[q], L2)))
    && (\forall integer q, i; 0 <= q < FK_NPROC && q != p && 0 <= i < FK_NOFILE ==>
         \at(fdt[q][i], L1) == \at(fdt[q][i], L2))
    && (\forall integer q, i; 0 <= q < FK_NPROC && q != p && 0 <= i < FK_MMAP_PAGES ==>
         page_same{L1, L2}(q, i))
    && (\forall integer q, j; 0 <= q < FK_NPROC && q != p && 0 <= j < FK_HEAP_MAX_PAGES ==>
         \at(heap_frame[q][j], L1) == \at(heap_frame[q][j], L2))
    && (\forall integer f; 0 <= f < FK_NFRAME ==> \at(frame_sum[f], L1) == \at(frame_sum[f], L2))
    && \forall integer k; 0 <= k < FK_NFRAME * FK_PAGE_WORDS ==>
         \at(frame_data[k], L1) == \at(frame_data[k], L2);

  // p torn down with the given status (exit, a kill): a zombie, its living
  // children given to p0's slot 0, what its fds shared kept, nothing else
  // changed.
  predicate torn_down{L1, L2}(integer p, integer status) =
    \at(proc_state[p], L2) == P_ZOMBIE && \at(proc_status[p], L2) == status
    && (\forall integer q; 0 <= q < FK_NPROC ==> \at(proc_parent[q], L2)
         == (\at(proc_state[q], L2) != P_FREE && \at(proc_parent[q], L1) == p && q != p
             ? 0 : \at(proc_parent[q], L1)))
    && open_files_kept{L1, L2} && open_pipes_kept{L1, L2}
    && only_torn_down{L1, L2}(p);

  // A result that must leave no trace: an error, or SKIP (only model_step
  // skips; the operations say so too, for dispatch to pass it on).
  predicate no_effect(struct fk_result r) =
    r.kind == FK_R_ERR || r.kind == FK_R_SKIP;

  // Page i of slot q continues the region of page i-1: the same
  // attributes and object, the next page of the object.
  predicate continues{L}(integer q, integer i) =
    0 < i && pg_attr[q][i - 1] == pg_attr[q][i] && pg_obj[q][i - 1] == pg_obj[q][i]
    && (pg_obj[q][i] >= 0 ==> pg_objpage[q][i] == pg_objpage[q][i - 1] + 1);

  // The part of a page's shape that links it to its region start.
  predicate page_linked{L}(integer q, integer i) =
    (pg_attr[q][i] == 0 ==> pg_obj[q][i] == -1)
    && (pg_attr[q][i] != 0 && pg_start[q][i] == 0 ==> continues(q, i));

  // Invariant 7, for one page: an unmapped page holds nothing; a mapped
  // one starts a region or continues one; its attributes are MAPPED + prot,
  // plus SHARED exactly when it names an object; a shared page has no
  // private frame and lies inside its object.
  predicate page_shaped{L}(integer q, integer i) =
    page_linked(q, i)
    && (pg_attr[q][i] == 0 ==> page_clear(q, i))
    && (pg_attr[q][i] != 0 && pg_obj[q][i] < 0 ==>
          FK_PG_MAPPED <= pg_attr[q][i] <= FK_PG_MAPPED + FK_PROT_RW
          && pg_objpage[q][i] == -1)
    && (pg_obj[q][i] >= 0 ==>
          FK_PG_MAPPED + FK_PG_SHARED <= pg_attr[q][i]
            <= FK_PG_MAPPED + FK_PG_SHARED + FK_PROT_RW
          && pg_frame[q][i] == -1 && pg_objpage[q][i] < obj_npages[pg_obj[q][i]]);

  predicate regions_shaped{L} =
    \forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES ==>
      page_shaped(q, i);

  // A free object has no pages; an object's frames lie in its pages.
  predicate free_objs_empty{L} =
    \forall integer o; 0 <= o < FK_NOBJ && obj_ref[o] == 0 ==> obj_npages[o] == 0;
  // (Over the flat slot s, so that provers match obj_frame[s] directly.)
  predicate obj_frames_inside{L} =
    \forall integer o, s; 0 <= o < FK_NOBJ && OBJ_SLOT(o, 0) <= s < OBJ_SLOT(o + 1, 0)
      && obj_frame[s] >= 0 ==> s < OBJ_SLOT(o, obj_npages[o]);
  predicate objs_shaped{L} = free_objs_empty && obj_frames_inside;

  // Zombies and free slots hold no fds, pages or heap.
  predicate idle_slots_empty{L} =
    \forall integer q; 0 <= q < FK_NPROC && proc_state[q] != P_ALIVE ==>
      heap_pages[q] == 0
      && (\forall integer i; 0 <= i < FK_NOFILE ==> fdt[q][i] == -1)
      && (\forall integer i; 0 <= i < FK_MMAP_PAGES ==> page_clear(q, i))
      && (\forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==> heap_frame[q][j] == -1);

  // Canonical pids are handed out in order: next_pid is above every used one.
  predicate next_pid_ok{L} =
    1 <= next_pid && \forall integer q; 0 <= q < FK_NPROC && proc_state[q] != P_FREE
      ==> proc_pid[q] < next_pid;

  // The first used slot from n on whose process has canonical pid pid.
  logic integer slot_of_pid{L}(integer pid, integer n) =
    n >= FK_NPROC ? -1
    : proc_state[n] != P_FREE && proc_pid[n] == pid ? n : slot_of_pid{L}(pid, n + 1);

  // The lowest free process slot from n on, or -1 (fork takes it).
  logic integer first_free_slot{L}(integer n) =
    n >= FK_NPROC ? -1 : proc_state[n] == P_FREE ? n : first_free_slot{L}(n + 1);

  // p0 lives in slot 0 for good (it is nobody's child, so never reaped);
  // no other process has pid 0.
  predicate p0_ok{L} =
    proc_state[0] != P_FREE && proc_pid[0] == 0
    && \forall integer q; 1 <= q < FK_NPROC && proc_state[q] != P_FREE
         ==> proc_pid[q] != 0;

  // The break is within the heap area; no frame above it.
  predicate heap_ok{L} =
    \forall integer q; 0 <= q < FK_NPROC ==> heap_pages[q] <= FK_HEAP_MAX_PAGES
      && \forall integer j; heap_pages[q] <= j < FK_HEAP_MAX_PAGES ==> heap_frame[q][j] == -1;

  logic integer heap_page(integer addr) = (addr - FK_HEAP_BASE) / FK_PAGE_SIZE;
  logic integer win_page(integer addr) = (addr - FK_MMAP_BASE) / FK_PAGE_SIZE;

  // The protection a load or store at addr finds, -1 where nothing is
  // mapped (a page's prot is its attribute's low bits: attr % 4).
  logic integer page_prot_at{L}(integer p, integer addr) =
    FK_HEAP_BASE <= addr && addr < FK_HEAP_END
      ? (heap_page(addr) < heap_pages[p] ? FK_PROT_RW : -1)
    : pg_attr[p][win_page(addr)] != 0 ? pg_attr[p][win_page(addr)] % (FK_PG_PROT + 1)
    : -1;

  // The frame holding the word at addr, -1 while the page has none.
  logic integer frame_at{L}(integer p, integer addr) =
    FK_HEAP_BASE <= addr && addr < FK_HEAP_END ? heap_frame[p][heap_page(addr)]
    : pg_obj[p][win_page(addr)] >= 0
      ? obj_frame[OBJ_SLOT(pg_obj[p][win_page(addr)], pg_objpage[p][win_page(addr)])]
      : pg_frame[p][win_page(addr)];

  // The word a load of addr by p reads: its frame's, 0 while the page has none.
  logic integer word_at{L}(integer p, integer addr) =
    frame_at(p, addr) < 0 ? 0
    : frame_data[FRAME_WORD(frame_at(p, addr), addr % FK_PAGE_SIZE / 4)];

  // Address a of process q reaches its frame through the reference that
  // addr of p does: the same heap page of p, the same private page of p,
  // or the same page of the same shared object.
  predicate same_reference{L}(integer q, integer a, integer p, integer addr) =
    in_heap_area(a) && in_heap_area(addr) ? q == p && heap_page(a) == heap_page(addr)
    : in_window(a) && in_window(addr)
      && (pg_obj[q][win_page(a)] >= 0
          ? pg_obj[q][win_page(a)] == pg_obj[p][win_page(addr)]
            && pg_objpage[q][win_page(a)] == pg_objpage[p][win_page(addr)]
          : pg_obj[p][win_page(addr)] < 0 && q == p && win_page(a) == win_page(addr));

  // A store re-points one reference: every address of every process
  // reaches the frame it reached at L1, but those through addr's
  // reference, which reach f.
  predicate frames_reached_kept{L1, L2}(integer p, integer addr, integer f) =
    \forall integer q, a; 0 <= q < FK_NPROC && (in_heap_area(a) || in_window(a)) ==>
      (same_reference{L1}(q, a, p, addr) ==> frame_at{L2}(q, a) == f)
      && (!same_reference{L1}(q, a, p, addr) ==> frame_at{L2}(q, a) == frame_at{L1}(q, a));

  // Window page i of p reaches no frame yet.
  predicate page_frameless{L}(integer p, integer i) =
    (pg_obj[p][i] < 0 ==> pg_frame[p][i] == -1)
    && (pg_obj[p][i] >= 0 ==> obj_frame[OBJ_SLOT(pg_obj[p][i], pg_objpage[p][i])] == -1);
  // No address of p in [addr, addr + n pages) reaches a frame yet.
  predicate range_frameless{L}(integer p, integer addr, integer n) =
    \forall integer x; addr <= x < addr + n * FK_PAGE_SIZE ==> frame_at(p, x) == -1;

  // The word at addr of p is value, in a frame that only its page references.
  predicate word_stored{L}(integer p, integer addr, integer value) =
    \let f = frame_at(p, addr);
    0 <= f < FK_NFRAME && frame_ref[f] == 1
    && frame_data[FRAME_WORD(f, addr % FK_PAGE_SIZE / 4)] == value;

  // After a store of value at addr by p: the word reads the value, and
  // every word of every process but those through addr's reference (its
  // page, or its shared object's page) reads as before.
  predicate store_isolated{L1, L2}(integer p, integer addr, integer value) =
    word_at{L2}(p, addr) == value
    && \forall integer q, a; 0 <= q < FK_NPROC && (in_heap_area(a) || in_window(a))
         && !same_reference{L1}(q, a, p, addr) ==> word_at{L2}(q, a) == word_at{L1}(q, a);

  // Frame g at L2 holds what frame f held at L1, but for word skip (a
  // copy-on-write copy and the word stored in it).
  predicate words_copied{L1, L2}(integer f, integer g, integer skip) =
    \forall integer k; 0 <= k < FK_PAGE_WORDS && k != skip ==>
      \at(frame_data[FRAME_WORD(g, k)], L2) == \at(frame_data[FRAME_WORD(f, k)], L1);
  // Frame g holds zeros but for word skip (a page's first store).
  predicate words_zero{L}(integer g, integer skip) =
    \forall integer k; 0 <= k < FK_PAGE_WORDS && k != skip ==> frame_data[FRAME_WORD(g, k)] == 0;
  // No frame but f changed its words from L1 to L2.
  // (over flat indices: the provers instantiate a quantifier at
  // frame_data[x], never at frame_data[g * FK_PAGE_WORDS + k])
  predicate other_frames_kept{L1, L2}(integer f) =
    \forall integer x; 0 <= x < FK_NFRAME * FK_PAGE_WORDS
      && (x < FRAME_WORD(f, 0) || FRAME_WORD(f, FK_PAGE_WORDS) <= x) ==>
      \at(frame_data[x], L2) == \at(frame_data[x], L1);
  // The lowest free frame from n on, or -1.
  logic integer first_free_frame{L}(integer n) =
    n >= FK_NFRAME ? -1 : frame_ref[n] == 0 ? n : first_free_frame{L}(n + 1);

  // The checksum of frame f's first n words, unwrapped (node_bytes_total).
  logic integer frame_words_total{L}(integer f, integer n) =
    n <= 0 ? 0 : frame_words_total{L}(f, n - 1)
                 + sum_term(n - 1, frame_data[FRAME_WORD(f, n - 1)]);

  // Invariant 15, for frames: a frame in use has the checksum of its
  // words (a free frame's are stale until frame_alloc zeroes them).
  predicate frames_summed{L} =
    \forall integer f; 0 <= f < FK_NFRAME && frame_ref[f] > 0
      ==> frame_sum[f] == frame_words_total(f, FK_PAGE_WORDS) % 0x100000000;

  // No frame came into use from L1 to L2 (frames were freed or shared):
  // what keeps frames_summed for an operation that writes no frame.
  predicate no_frame_revived{L1, L2} =
    \forall integer f; 0 <= f < FK_NFRAME && \at(frame_ref[f], L2) > 0
      ==> \at(frame_ref[f], L1) > 0;

  // The whole invariant (spec/state.md, "Invariants"): the tables in three
  // parts, then the checksums.
  predicate procs_ok{L} =
    states_ok && parents_ok && pids_ok && pids_unique && p0_ok && next_pid_ok
    && idle_slots_empty && cwds_in_range;
  predicate files_ok{L} =
    fds_in_range && file_refs_counted && files_well_formed && node_sizes_ok
    && node_refs_counted && dirs_exist && pipes_counted && pipes_bounded
    && dirs_empty && files_on_nodes && free_pipes_empty;
  predicate memory_ok{L} =
    frames_in_range && frame_refs_counted && obj_refs_counted && heap_ok
    && regions_shaped && objs_shaped;
  // The tables' invariants (1 to 14), which every operation keeps; the
  // checksums (15) only the few that write a node's bytes or a frame's
  // words touch, and the others keep them by their assigns (and, for
  // frames, no_frame_revived). Apart, so that the recursive sums are not
  // in the context of every other operation's goals (with the nodes' there,
  // Z3 gave up on a goal of sys_mmap it had proved in 1.3 M steps, and
  // CVC4 ran past 1 M).
  predicate tables_ok{L} = procs_ok && files_ok && memory_ok;
  predicate valid_state{L} = tables_ok && nodes_summed && frames_summed;

  // Every process's rows are empty: no fd, page or heap frame (what
  // model_reset's clear_slots leaves).
  predicate rows_clear{L} =
    (\forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_NOFILE ==> fdt[q][i] == -1)
    && (\forall integer q, i; 0 <= q < FK_NPROC && 0 <= i < FK_MMAP_PAGES ==> page_clear(q, i))
    && \forall integer q, j; 0 <= q < FK_NPROC && 0 <= j < FK_HEAP_MAX_PAGES ==>
         heap_frame[q][j] == -1;

  // Slot q is a child of p that wait(pid) is about.
  predicate waited_child{L}(integer q, integer p, integer pid) =
    0 <= q < FK_NPROC && proc_state[q] != P_FREE && proc_parent[q] == p
    && q != p && (pid == -1 || proc_pid[q] == pid);
*/

#endif
