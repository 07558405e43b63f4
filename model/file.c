/* Open files, fd tables, pipes and the namespace. */
#include "model/fdt.h"
#include "model/refs.h"
#include "model/file.h"
#include "model/state.h"
#include "spec/errno.h"
#include "spec/namespace.h"

/*@ requires 0 <= p < FK_NPROC;
    requires fds_in_range;
    assigns \nothing;
    ensures -1 <= \result < FK_NOFILE;
    ensures \result >= 0 ==> fdt[p][\result] == -1 && \result != skip;
    ensures \forall integer i; 0 <= i < FK_NOFILE && i != skip
              && (\result < 0 || i < \result) ==> fdt[p][i] != -1;
*/
static int lowest_free_fd(int p, int skip)
{
    /*@ loop invariant 0 <= f <= FK_NOFILE;
        loop invariant \forall integer i; 0 <= i < f && i != skip ==> fdt[p][i] != -1;
        loop assigns f;
        loop variant FK_NOFILE - f;
    */
    for (int f = 0; f < FK_NOFILE; f++)
        if (fdt[p][f] < 0 && f != skip)
            return f;
    return -1;
}

/*@ assigns \nothing;
    ensures -1 <= \result < FK_NFILE;
    ensures \result >= 0 ==> file_ref[\result] == 0 && \result != skip;
    ensures \forall integer f; 0 <= f < FK_NFILE && f != skip
              && (\result < 0 || f < \result) ==> file_ref[f] != 0;
*/
static int free_file(int skip)
{
    /*@ loop invariant 0 <= f <= FK_NFILE;
        loop invariant \forall integer g; 0 <= g < f && g != skip ==> file_ref[g] != 0;
        loop assigns f;
        loop variant FK_NFILE - f;
    */
    for (int f = 0; f < FK_NFILE; f++)
        if (file_ref[f] == 0 && f != skip)
            return f;
    return -1;
}

/* The open file behind fd, or -1 when fd is not valid. */
/*@ requires 0 <= p < FK_NPROC;
    requires fds_in_range;
    assigns \nothing;
    ensures 0 <= fd < FK_NOFILE ==> \result == fdt[p][fd];
    ensures !(0 <= fd < FK_NOFILE) ==> \result == -1;
    ensures -1 <= \result < FK_NFILE;
*/
static int file_of(int p, int32_t fd)
{
    return fd >= 0 && fd < FK_NOFILE ? fdt[p][fd] : -1;
}

/* Resolves path from the cwd of p. Returns the node, or -errno. With
 * creat, an absent last name resolves to its (absent) node. */
/*@ requires alive(p) && cwds_in_range && dirs_exist;
    requires 0 <= path <= FK_PATH_MAX && path_count(path) <= FK_PATH_MAXCOMP;
    assigns \nothing;
    ensures \result == resolved(p, path, creat);
    ensures \result < 0 ==> \result == -FK_ENOENT || \result == -FK_ENOTDIR;
    ensures \result >= 0 ==> \result < FK_NNODE;
    ensures \result >= 0 && node_exists[\result] == 0 ==> !node_is_dir(\result);
*/
static int resolve(int p, int32_t path, int creat)
{
    int cur = fk_path_absolute(path) ? FK_NODE_ROOT : proc_cwd[p];
    int n = fk_path_count(path);
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= cur < FK_NNODE;
        loop invariant i < n ==> node_is_dir(cur);
        loop invariant walk(cur, path, i, n, creat) == resolved(p, path, creat);
        loop invariant node_exists[cur] == 0 ==> i == n && !node_is_dir(cur);
        loop assigns i, cur;
        loop variant n - i;
    */
    for (int i = 0; i < n; i++) {
        int name = fk_path_name(path, i), last = i == n - 1;
        if (name == FK_NAME_DOT)
            continue;
        cur = name == FK_NAME_DOTDOT ? fk_node_parent(cur)
                                     : fk_node_child(cur, name);
        if (!node_exists[cur]) {
            if (!(last && creat))
                return -FK_ENOENT;
        } else if (!last && !fk_node_is_dir(cur)) {
            return -FK_ENOTDIR;
        }
    }
    return cur;
}

/*@ requires 0 <= node < FK_NNODE;
    assigns node_size[node], node_sum[node];
    ensures node_size[node] == 0 && node_sum[node] == 0;
*/
static void truncate_node(int node)
{
    node_size[node] = 0;
    node_sum[node] = 0;
}

struct fk_result sys_open(int p, int32_t path, int32_t flags)
{
    int fd = lowest_free_fd(p, -1), f = free_file(-1), node;
    int mode = fk_access_mode(flags);
    if (fd < 0)
        return err(FK_EMFILE);
    if (f < 0)
        return err(FK_ENFILE);
    node = resolve(p, path, flags & FK_O_CREAT);
    if (node < 0)
        return err(-node);
    if (fk_node_is_dir(node)
        && ((flags & FK_O_CREAT) || (flags & FK_O_TRUNC) || mode != FK_O_RDONLY))
        return err(FK_EISDIR);
    /*@ assert 0 <= mode <= FK_O_RDWR; */
    /*@ assert dir_read_only: node_is_dir(node) ==> mode == FK_O_RDONLY; */
    if (!node_exists[node]) {       /* creat of an absent name */
        node_exists[node] = 1;
        truncate_node(node);
    }
    if ((flags & FK_O_TRUNC) && !fk_node_is_dir(node))
        truncate_node(node);
    /*@ ghost fd_count_bounds(); */
    /*@ ghost ref_count_bounds(); */
    file_ref[f] = 1;
    file_set(f, fk_node_is_dir(node) ? FK_F_DIR : FK_F_FILE, (int8_t)node, -1);
    file_mode[f] = (uint8_t)mode;
    file_append[f] = (flags & FK_O_APPEND) != 0;
    file_off[f] = 0;
    node_ref[node]++;
    fd_write(p, fd, f);
    return ok(fd, 0);
}

struct fk_result sys_close(int p, int32_t fd)
{
    int f = file_of(p, fd);
    if (f < 0)
        return err(FK_EBADF);
    /*@ ghost fd_count_referenced(p, fd); */
    fd_write(p, fd, -1);
    file_put(f);
    return ok(0, 0);
}

struct fk_result sys_dup(int p, int32_t fd)
{
    int f = file_of(p, fd), nfd;
    if (f < 0)
        return err(FK_EBADF);
    nfd = lowest_free_fd(p, -1);
    if (nfd < 0)
        return err(FK_EMFILE);
    /*@ ghost fd_count_bounds(); */
    /*@ ghost fd_count_referenced(p, fd); */
    fd_write(p, nfd, f);
    file_ref[f]++;
    return ok(nfd, 0);
}

struct fk_result sys_dup2(int p, int32_t oldfd, int32_t newfd)
{
    int f = file_of(p, oldfd), replaced;
    if (f < 0 || newfd < 0 || newfd >= FK_NOFILE)
        return err(FK_EBADF);
    if (oldfd != newfd) {
        replaced = fdt[p][newfd];
        /*@ ghost fd_count_bounds(); */
        /*@ ghost fd_count_referenced(p, oldfd); */
        /*@ ghost if (replaced >= 0) fd_count_referenced(p, newfd); */
        fd_write(p, newfd, f);
        file_ref[f]++;
        if (replaced >= 0)
            file_put(replaced);
    }
    return ok(newfd, 0);
}

/*@ assigns \nothing;
    ensures -1 <= \result < FK_NPIPE;
    ensures \result >= 0 ==> pipe_readers[\result] == 0 && pipe_writers[\result] == 0;
    ensures \result < 0 ==> \forall integer i; 0 <= i < FK_NPIPE ==>
              pipe_readers[i] != 0 || pipe_writers[i] != 0;
*/
static int free_pipe(void)
{
    /*@ loop invariant 0 <= i <= FK_NPIPE;
        loop invariant \forall integer j; 0 <= j < i ==>
            pipe_readers[j] != 0 || pipe_writers[j] != 0;
        loop assigns i;
        loop variant FK_NPIPE - i;
    */
    for (int i = 0; i < FK_NPIPE; i++)
        if (pipe_readers[i] == 0 && pipe_writers[i] == 0)
            return i;
    return -1;
}

/*@ requires 0 <= f < FK_NFILE && 0 <= pipe < FK_NPIPE;
    requires kind == FK_F_PIPE_R || kind == FK_F_PIPE_W;
    requires mode == FK_O_RDONLY || mode == FK_O_WRONLY;
    assigns file_ref[f], file_kind[f], file_mode[f], file_append[f],
            file_node[f], file_pipe[f], file_off[f];
    ensures file_ref[f] == 1 && file_kind[f] == kind && file_mode[f] == mode;
    ensures file_node[f] == -1 && file_pipe[f] == pipe;
    ensures file_off[f] == 0 && file_append[f] == 0;
    ensures \forall integer n; node_file_count(n, FK_NFILE)
              == node_file_count{Pre}(n, FK_NFILE) - (\old(file_node[f]) == n ? 1 : 0)
                 + (n == -1 ? 1 : 0);
    ensures \forall integer i, k; end_count(i, k, FK_NFILE)
              == end_count{Pre}(i, k, FK_NFILE) + (pipe == i && kind == k ? 1 : 0)
                 - (\old(file_pipe[f]) == i && \old(file_kind[f]) == k ? 1 : 0);
*/
static void open_pipe_end(int f, int kind, int mode, int pipe)
{
    file_ref[f] = 1;
    file_set(f, (uint8_t)kind, -1, (int8_t)pipe);
    file_mode[f] = (uint8_t)mode;
    file_append[f] = 0;
    file_off[f] = 0;
}

struct fk_result sys_pipe(int p)
{
    int fr = free_file(-1), fw = free_file(fr), pipe = free_pipe();
    int rfd = lowest_free_fd(p, -1), wfd = lowest_free_fd(p, rfd);
    if (fr < 0 || fw < 0 || pipe < 0)
        return err(FK_ENFILE);
    if (rfd < 0 || wfd < 0)
        return err(FK_EMFILE);
    /*@ ghost fd_count_bounds(); */
    open_pipe_end(fr, FK_F_PIPE_R, FK_O_RDONLY, pipe);
    open_pipe_end(fw, FK_F_PIPE_W, FK_O_WRONLY, pipe);
    pipe_readers[pipe] = pipe_writers[pipe] = 1;
    pipe_fill[pipe] = pipe_head[pipe] = 0;
    fd_write(p, rfd, fr);
    fd_write(p, wfd, fw);
    return ok(rfd, wfd);
}

/*@ requires 0 <= pipe < FK_NPIPE && 0 <= n <= pipe_fill[pipe];
    requires pipes_bounded;
    assigns pipe_head[pipe], pipe_fill[pipe];
    ensures pipe_fill[pipe] == \old(pipe_fill[pipe]) - n;
    ensures pipes_bounded;
    ensures n == 0 ==> pipe_head[pipe] == \old(pipe_head[pipe]);
    // the first n bytes of the queue, in order: their checksum, and the
    // head moves past them
    ensures taken: \result == queue_sum{Pre}(pipe, n);
    ensures pipe_head[pipe] == (\old(pipe_head[pipe]) + n) % FK_PIPE_CAPACITY;
*/
static uint32_t pipe_take(int pipe, int n)
{
    uint32_t sum = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant pipe_head[pipe] < FK_PIPE_CAPACITY;
        loop invariant i == 0 ==> pipe_head[pipe] == \at(pipe_head[pipe], Pre);
        loop invariant pipe_head[pipe] == (\at(pipe_head[pipe], Pre) + i) % FK_PIPE_CAPACITY;
        loop invariant in_order: sum == queue_sum{Pre}(pipe, i);
        loop assigns i, sum, pipe_head[pipe];
        loop variant n - i;
    */
    for (int i = 0; i < n; i++) {
        sum += fk_sum_term((uint32_t)i, pipe_buf[PIPE_BYTE(pipe, pipe_head[pipe])]);
        pipe_head[pipe] = (uint16_t)((pipe_head[pipe] + 1) % FK_PIPE_CAPACITY);
    }
    pipe_fill[pipe] = (uint16_t)(pipe_fill[pipe] - n);
    return sum;
}

struct fk_result sys_read(int p, int32_t fd, int32_t count)
{
    int f = file_of(p, fd), n, node;
    uint32_t sum = 0;
    if (f < 0 || file_mode[f] == FK_O_WRONLY)
        return err(FK_EBADF);
    if (file_kind[f] == FK_F_DIR)
        return err(FK_EISDIR);
    if (file_kind[f] == FK_F_PIPE_R) {
        int pipe = file_pipe[f];
        if (pipe_fill[pipe] == 0 && count > 0 && pipe_writers[pipe] > 0)
            return err(FK_EAGAIN);
        n = count < pipe_fill[pipe] ? count : pipe_fill[pipe];
        return ok(n, fk_i32_of(pipe_take(pipe, n)));
    }
    node = file_node[f];
    n = file_off[f] < node_size[node] ? node_size[node] - file_off[f] : 0;
    if (n > count)
        n = count;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= node_bytes_total(node, file_off[f], i);
        loop invariant read_so_far: sum == node_bytes_total(node, file_off[f], i) % 0x100000000;
        loop assigns i, sum;
        loop variant n - i;
    */
    for (int i = 0; i < n; i++) {
        sum = sum_update(sum, (uint32_t)i, 0, node_data[NODE_BYTE(node, file_off[f] + i)]);
        /* sum_update's wrapped at this total, named for the provers */
        /*@ assert added: sum == (node_bytes_total(node, file_off[f], i)
              + sum_term(i, node_data[NODE_BYTE(node, file_off[f] + i)])) % 0x100000000; */
        /*@ assert next_total: node_bytes_total(node, file_off[f], i + 1) == node_bytes_total(node,
              file_off[f], i) + sum_term(i, node_data[NODE_BYTE(node, file_off[f] + i)]); */
    }
    //@ assert read_sum: sum == node_bytes_sum(node, file_off[f], n);
    file_off[f] += n;
    return ok(n, fk_i32_of(sum));
}

/*@ requires 0 <= pipe < FK_NPIPE && 0 <= n <= FK_PIPE_CAPACITY - pipe_fill[pipe];
    requires pipes_bounded;
    assigns pipe_buf[PIPE_BYTE(pipe, 0) .. PIPE_BYTE(pipe, FK_PIPE_CAPACITY-1)], pipe_fill[pipe];
    ensures pipe_fill[pipe] == \old(pipe_fill[pipe]) + n;
    ensures pipes_bounded;
    // n copies of byte join the queue's end; the bytes queued stay
    ensures appended: \forall integer j; \old(pipe_fill[pipe]) <= j < pipe_fill[pipe] ==>
              pipe_byte(pipe, j) == byte;
    ensures queued_kept: \forall integer j; 0 <= j < \old(pipe_fill[pipe]) ==>
              pipe_byte(pipe, j) == \old(pipe_byte(pipe, j));
*/
static void pipe_put(int pipe, int n, uint8_t byte)
{
    int tail = (pipe_head[pipe] + pipe_fill[pipe]) % FK_PIPE_CAPACITY;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; pipe_fill[pipe] <= j < pipe_fill[pipe] + i ==>
              pipe_byte(pipe, j) == byte;
        loop invariant \forall integer j; 0 <= j < pipe_fill[pipe] ==>
              pipe_byte(pipe, j) == \at(pipe_byte(pipe, j), Pre);
        loop assigns i, pipe_buf[PIPE_BYTE(pipe, 0) .. PIPE_BYTE(pipe, FK_PIPE_CAPACITY-1)];
        loop variant n - i;
    */
    for (int i = 0; i < n; i++) {
        /*@ assert at_tail: (tail + i) % FK_PIPE_CAPACITY
                   == (pipe_head[pipe] + (pipe_fill[pipe] + i)) % FK_PIPE_CAPACITY; */
        pipe_buf[PIPE_BYTE(pipe, (tail + i) % FK_PIPE_CAPACITY)] = byte;
    }
    pipe_fill[pipe] = (uint16_t)(pipe_fill[pipe] + n);
}

/* Writes n copies of byte at pos, zero-filling any gap after the size. */
/*@ requires 0 <= node < FK_NNODE && node_sizes_ok && nodes_summed;
    requires 0 <= pos && 0 < n && pos + n <= FK_MAX_FILE_SIZE;
    assigns node_data[NODE_BYTE(node, 0) .. NODE_BYTE(node, FK_MAX_FILE_SIZE-1)], node_sum[node],
            node_size[node];
    ensures node_size[node] == (\old(node_size[node]) > pos + n
                                ? \old(node_size[node]) : pos + n);
    ensures node_sizes_ok && nodes_summed;
    // the n bytes are byte, a gap after the old size is zeros, the rest stay
    ensures written: \forall integer x; NODE_BYTE(node, pos) <= x < NODE_BYTE(node, pos + n) ==>
              node_data[x] == byte;
    ensures gap_zeroed: \forall integer x;
              NODE_BYTE(node, \old(node_size[node])) <= x < NODE_BYTE(node, pos) ==> node_data[x] == 0;
    ensures bytes_kept: \forall integer x; NODE_BYTE(node, 0) <= x < NODE_BYTE(node, \old(node_size[node]))
              && !(NODE_BYTE(node, pos) <= x < NODE_BYTE(node, pos + n)) ==>
              node_data[x] == \old(node_data[x]);
*/
static void node_write(int node, int pos, int n, uint8_t byte)
{
    /*@ loop invariant i == node_size[node] && \at(node_size[node], Pre) <= i;
        loop invariant i <= pos || i == \at(node_size[node], Pre);
        loop invariant zeroed: \forall integer x;
              NODE_BYTE(node, \at(node_size[node], Pre)) <= x < NODE_BYTE(node, i) ==> node_data[x] == 0;
        loop invariant \forall integer x; NODE_BYTE(node, 0) <= x < NODE_BYTE(node, \at(node_size[node], Pre))
              ==> node_data[x] == \at(node_data[x], Pre);
        loop invariant node_sizes_ok && nodes_summed;
        loop assigns i, node_size[node], node_sum[node],
                     node_data[NODE_BYTE(node, 0) .. NODE_BYTE(node, FK_MAX_FILE_SIZE-1)];
        loop variant pos - i;
    */
    for (int i = node_size[node]; i < pos; i++)
        node_byte_put(node, i, 0);
    /*@ loop invariant pos <= i <= pos + n;
        loop invariant node_size[node] == (\at(node_size[node], Pre) > i ? \at(node_size[node], Pre) : i);
        loop invariant \forall integer x; NODE_BYTE(node, pos) <= x < NODE_BYTE(node, i) ==>
              node_data[x] == byte;
        loop invariant \forall integer x; NODE_BYTE(node, \at(node_size[node], Pre)) <= x < NODE_BYTE(node, pos)
              ==> node_data[x] == 0;
        loop invariant \forall integer x; NODE_BYTE(node, 0) <= x < NODE_BYTE(node, \at(node_size[node], Pre))
              && !(NODE_BYTE(node, pos) <= x < NODE_BYTE(node, i)) ==>
              node_data[x] == \at(node_data[x], Pre);
        loop invariant node_sizes_ok && nodes_summed;
        loop assigns i, node_size[node], node_sum[node],
                     node_data[NODE_BYTE(node, 0) .. NODE_BYTE(node, FK_MAX_FILE_SIZE-1)];
        loop variant pos + n - i;
    */
    for (int i = pos; i < pos + n; i++)
        node_byte_put(node, i, byte);
}

struct fk_result sys_write(int p, int32_t fd, int32_t count, int32_t byte)
{
    int f = file_of(p, fd), pos, n;
    if (f < 0 || file_mode[f] == FK_O_RDONLY)
        return err(FK_EBADF);
    if (count == 0)
        return ok(0, 0);
    if (file_kind[f] == FK_F_PIPE_W) {
        int pipe = file_pipe[f];
        if (pipe_readers[pipe] == 0)
            return err(FK_EPIPE);
        if (count > FK_PIPE_CAPACITY - pipe_fill[pipe])
            return err(FK_EAGAIN);
        pipe_put(pipe, count, (uint8_t)byte);
        return ok(count, 0);
    }
    pos = file_append[f] ? node_size[file_node[f]] : file_off[f];
    if (pos >= FK_MAX_FILE_SIZE)
        return err(FK_EFBIG);
    n = count < FK_MAX_FILE_SIZE - pos ? count : FK_MAX_FILE_SIZE - pos;
    node_write(file_node[f], pos, n, (uint8_t)byte);
    file_off[f] = pos + n;
    return ok(n, 0);
}

struct fk_result sys_lseek(int p, int32_t fd, int32_t offset, int32_t whence)
{
    int f = file_of(p, fd);
    int64_t base, pos;
    if (f < 0)
        return err(FK_EBADF);
    if (file_kind[f] == FK_F_PIPE_R || file_kind[f] == FK_F_PIPE_W)
        return err(FK_ESPIPE);
    base = whence == FK_SEEK_SET ? 0 : whence == FK_SEEK_CUR
           ? file_off[f] : node_size[file_node[f]];
    pos = base + offset;
    if (pos < 0)
        return err(FK_EINVAL);
    if (pos > INT32_MAX)
        return err(FK_EOVERFLOW);
    file_off[f] = (int32_t)pos;
    return ok((int32_t)pos, 0);
}

struct fk_result sys_chdir(int p, int32_t path)
{
    int node = resolve(p, path, 0);
    if (node < 0)
        return err(-node);
    if (!fk_node_is_dir(node))
        return err(FK_ENOTDIR);
    /*@ ghost cwd_counted(p); */
    /*@ ghost ref_count_bounds(); */
    node_ref[node]++;
    node_ref[proc_cwd[p]]--;
    cwd_write(p, (int8_t)node);
    return ok(0, 0);
}
