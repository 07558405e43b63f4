#include "kernel/file.h"
#include <string.h>
#include "kernel/fs.h"
#include "kernel/trap.h"
#include "spec/errno.h"
#include "spec/namespace.h"
#include "spec/obs.h"
#include "spec/program.h"

struct file files[FK_NFILE];
struct pipe pipes[FK_NPIPE];

void file_reset(void)
{
    memset(files, 0, sizeof files);
    memset(pipes, 0, sizeof pipes);
    for (int f = 0; f < FK_NFILE; f++)
        files[f].node = files[f].pipe = -1;
}

int file_free_count(void)
{
    int n = 0;
    for (int f = 0; f < FK_NFILE; f++)
        n += files[f].refs == 0;
    return n;
}

int pipe_free_count(void)
{
    int n = 0;
    for (int p = 0; p < FK_NPIPE; p++)
        n += !pipes[p].used;
    return n;
}

static int free_file(int after)
{
    for (int f = after + 1; f < FK_NFILE; f++)
        if (!files[f].refs)
            return f;
    return -1;
}

static int free_fd(const int8_t *fdt, int after)
{
    for (int i = after + 1; i < FK_NOFILE; i++)
        if (fdt[i] < 0)
            return i;
    return -1;
}

static int valid_fd(const int8_t *fdt, int32_t fd)
{
    return fd >= 0 && fd < FK_NOFILE && fdt[fd] >= 0;
}

void file_dup(int f)
{
    files[f].refs++;
}

void file_close(int f)
{
    struct file *x = &files[f];
    if (!x->refs)
        panic("closing a free open file");
    if (--x->refs)
        return;
    if (x->node >= 0)
        node_put(x->node);
    if (x->pipe >= 0) {
        struct pipe *p = &pipes[x->pipe];
        if (x->kind == FK_F_PIPE_R)
            p->readers--;
        else
            p->writers--;
        if (!p->readers && !p->writers)
            memset(p, 0, sizeof *p);
    }
    memset(x, 0, sizeof *x);
    x->node = x->pipe = -1;
}

/* spec/syscalls.md, "Resolving a path": the node, or -errno. */
static int resolve(int cwd, int32_t path, int creat)
{
    int cur = fk_path_absolute(path) ? FK_NODE_ROOT : cwd, n = fk_path_count(path);
    for (int i = 0; i < n; i++) {
        int name = fk_path_name(path, i), next;
        if (name == FK_NAME_DOT)
            continue;
        next = name == FK_NAME_DOTDOT ? fk_node_parent(cur) : fk_node_child(cur, name);
        if (!nodes[next].exists)
            return i == n - 1 && creat ? next : -FK_ENOENT;
        if (i < n - 1 && !fk_node_is_dir(next))
            return -FK_ENOTDIR;
        cur = next;
    }
    return cur;
}

int32_t file_open(int8_t *fdt, int cwd, int32_t path, int32_t flags)
{
    int fd = free_fd(fdt, -1), f = free_file(-1), creat = (flags & FK_O_CREAT) != 0;
    int mode = flags & FK_O_ACCMODE, node;
    if (fd < 0)
        return -FK_EMFILE;
    if (f < 0)
        return -FK_ENFILE;
    node = resolve(cwd, path, creat);
    if (node < 0)
        return node;
    if (fk_node_is_dir(node) && (creat || (flags & FK_O_TRUNC) || mode != FK_O_RDONLY))
        return -FK_EISDIR;
    if (!nodes[node].exists) {
        nodes[node].exists = 1;
        nodes[node].size = 0;
    }
    if ((flags & FK_O_TRUNC) && !fk_node_is_dir(node)) {
        memset(nodes[node].data, 0, nodes[node].size);
        nodes[node].size = 0;
    }
    files[f] = (struct file){ 1, fk_node_is_dir(node) ? FK_F_DIR : FK_F_FILE,
                              (uint8_t)mode, (flags & FK_O_APPEND) != 0, node, -1, 0 };
    node_get(node);
    fdt[fd] = (int8_t)f;
    return fd;
}

int32_t file_close_fd(int8_t *fdt, int32_t fd)
{
    if (!valid_fd(fdt, fd))
        return -FK_EBADF;
    file_close(fdt[fd]);
    fdt[fd] = -1;
    return 0;
}

int32_t file_dup_fd(int8_t *fdt, int32_t fd)
{
    int nfd;
    if (!valid_fd(fdt, fd))
        return -FK_EBADF;
    nfd = free_fd(fdt, -1);
    if (nfd < 0)
        return -FK_EMFILE;
    fdt[nfd] = fdt[fd];
    file_dup(fdt[fd]);
    return nfd;
}

int32_t file_dup2(int8_t *fdt, int32_t oldfd, int32_t newfd)
{
    int f;
    if (!valid_fd(fdt, oldfd) || newfd < 0 || newfd >= FK_NOFILE)
        return -FK_EBADF;
    if (oldfd == newfd) {
        return newfd;
    }
    f = fdt[oldfd];
    file_dup(f);                /* first, so closing newfd cannot free f */
    if (fdt[newfd] >= 0)
        file_close(fdt[newfd]);
    fdt[newfd] = (int8_t)f;
    return newfd;
}

int32_t file_pipe(int8_t *fdt, int32_t *read_fd, int32_t *write_fd)
{
    int fr = free_file(-1), fw = fr < 0 ? -1 : free_file(fr);
    int dr = free_fd(fdt, -1), dw = dr < 0 ? -1 : free_fd(fdt, dr), p = 0;
    if (fw < 0)
        return -FK_ENFILE;
    if (dw < 0)
        return -FK_EMFILE;
    while (p < FK_NPIPE && pipes[p].used)
        p++;
    if (p == FK_NPIPE)          /* NPIPE = NFILE and a pipe holds two files */
        panic("no free pipe though two open files are free");
    pipes[p].used = 1;
    pipes[p].readers = pipes[p].writers = 1;
    files[fr] = (struct file){ 1, FK_F_PIPE_R, FK_O_RDONLY, 0, -1, p, 0 };
    files[fw] = (struct file){ 1, FK_F_PIPE_W, FK_O_WRONLY, 0, -1, p, 0 };
    fdt[dr] = (int8_t)fr;
    fdt[dw] = (int8_t)fw;
    *read_fd = dr;
    *write_fd = dw;
    return 0;
}

int32_t file_read(int8_t *fdt, int32_t fd, uint8_t *buf, int32_t count)
{
    struct file *x;
    int32_t n;
    if (!valid_fd(fdt, fd) || files[fdt[fd]].mode == FK_O_WRONLY)
        return -FK_EBADF;
    x = &files[fdt[fd]];
    if (x->kind == FK_F_DIR)
        return -FK_EISDIR;
    if (x->kind == FK_F_PIPE_R) {
        struct pipe *p = &pipes[x->pipe];
        if (!p->fill && count > 0 && p->writers)
            return -FK_EAGAIN;
        n = count < p->fill ? count : p->fill;
        for (int32_t i = 0; i < n; i++)
            buf[i] = p->buf[(p->head + i) % FK_PIPE_CAPACITY];
        p->head = (uint16_t)((p->head + n) % FK_PIPE_CAPACITY);
        p->fill = (uint16_t)(p->fill - n);
        return n;
    }
    struct node *nd = &nodes[x->node];
    n = x->off >= nd->size ? 0 : nd->size - x->off;
    n = count < n ? count : n;
    if (n > 0)
        memcpy(buf, nd->data + x->off, (uint32_t)n);
    x->off += n;
    return n;
}

int32_t file_write(int8_t *fdt, int32_t fd, const uint8_t *buf, int32_t count)
{
    struct file *x;
    if (!valid_fd(fdt, fd))
        return -FK_EBADF;
    x = &files[fdt[fd]];
    if (x->mode == FK_O_RDONLY)     /* read-only files, directories, read ends */
        return -FK_EBADF;
    if (count == 0)
        return 0;
    if (x->kind == FK_F_PIPE_W) {
        struct pipe *p = &pipes[x->pipe];
        if (!p->readers)
            return -FK_EPIPE;
        if (count > FK_PIPE_CAPACITY - p->fill)
            return -FK_EAGAIN;
        for (int32_t i = 0; i < count; i++)
            p->buf[(p->head + p->fill + i) % FK_PIPE_CAPACITY] = buf[i];
        p->fill = (uint16_t)(p->fill + count);
        return count;
    }
    struct node *nd = &nodes[x->node];
    int32_t pos = x->append ? nd->size : x->off, n;
    if (pos >= FK_MAX_FILE_SIZE)
        return -FK_EFBIG;
    n = count < FK_MAX_FILE_SIZE - pos ? count : FK_MAX_FILE_SIZE - pos;
    if (pos > nd->size)
        memset(nd->data + nd->size, 0, (uint32_t)(pos - nd->size));
    memcpy(nd->data + pos, buf, (uint32_t)n);
    if (pos + n > nd->size)
        nd->size = (uint16_t)(pos + n);
    x->off = pos + n;
    return n;
}

int32_t file_lseek(int8_t *fdt, int32_t fd, int32_t off, int32_t whence)
{
    struct file *x;
    int64_t base, to;
    if (!valid_fd(fdt, fd))
        return -FK_EBADF;
    x = &files[fdt[fd]];
    if (x->pipe >= 0)
        return -FK_ESPIPE;
    base = whence == FK_SEEK_SET ? 0 : whence == FK_SEEK_CUR ? x->off
           : x->kind == FK_F_DIR ? 0
           : nodes[x->node].size;
    to = base + off;
    if (to < 0)
        return -FK_EINVAL;
    if (to > INT32_MAX)
        return -FK_EOVERFLOW;
    x->off = (int32_t)to;
    return x->off;
}

int32_t file_chdir(int *cwd, int32_t path)
{
    int node = resolve(*cwd, path, 0);
    if (node < 0)
        return node;
    if (!fk_node_is_dir(node))
        return -FK_ENOTDIR;
    node_get(node);
    node_put(*cwd);
    *cwd = node;
    return 0;
}
