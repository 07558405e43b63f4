/* The Linux backend, the harness's side: the namespace directory, starting
 * and stopping a program's processes, handing steps over, and observing
 * L1 from /proc (linux.h). */
#define _GNU_SOURCE
#include "backends/linux.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/kcmp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "spec/namespace.h"
#include "spec/precheck.h"

/* A step Linux does not finish: wall time, since a blocked process uses no
 * CPU; generous, since a loaded host (or TCG) makes a fork slow. */
enum { STEP_TIMEOUT_MS = 5000 };

/* ---- the namespace directory ---- */

static int put_file(const char *dir, const char *name, uint8_t first, int step, size_t n)
{
    char path[FK_LINUX_DIR_MAX + 16];
    uint8_t b[64];
    for (size_t i = 0; i < n; i++)
        b[i] = (uint8_t)(first + step * (int)i);
    snprintf(path, sizeof path, "%s%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    int bad = write(fd, b, n) != (ssize_t)n;
    return close(fd) || bad ? -1 : 0;
}

/* The spec's initial namespace (spec/state.md, "Initial state"). */
static int reset_namespace(struct fk_linux *lx)
{
    char path[FK_LINUX_DIR_MAX + 16];
    for (int n = 1; n < FK_NNODE; n++) {
        snprintf(path, sizeof path, "%s%s", lx->dir, fk_node_paths[n]);
        if (n != FK_NODE_D && unlink(path) && errno != ENOENT)
            return -1;
    }
    snprintf(path, sizeof path, "%s/d", lx->dir);
    if (mkdir(path, 0755) && errno != EEXIST)
        return -1;
    return put_file(lx->dir, "/f0", 0, 1, 64) || put_file(lx->dir, "/f1", 0, 0, 0)
           || put_file(lx->dir, "/d/f2", 0x41, 0, 16);
}

/* ---- starting and stopping ---- */

static int fail(struct fk_linux *lx, const char *what)
{
    snprintf(lx->why, sizeof lx->why, "%s: %s", what, strerror(errno));
    return -1;
}

int fk_linux_open(struct fk_linux *lx)
{
    memset(lx, 0, sizeof *lx);
    lx->done_fd = -1;
    lx->self = getpid();
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    if (snprintf(lx->dir, sizeof lx->dir, "%s/forkspec-linux-XXXXXX", tmp)
        >= (int)sizeof lx->dir) {
        errno = ENAMETOOLONG;
        return lx->dir[0] = 0, fail(lx, "the namespace directory in $TMPDIR");
    }
    if (!mkdtemp(lx->dir))
        return lx->dir[0] = 0, fail(lx, "mkdtemp of the namespace directory");
    lx->box = mmap(0, sizeof *lx->box, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (lx->box == MAP_FAILED)
        return lx->box = 0, fail(lx, "mmap of the mailbox");
    lx->done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (lx->done_fd < 0)
        return fail(lx, "eventfd");
    if (prctl(PR_SET_CHILD_SUBREAPER, 1))
        return fail(lx, "PR_SET_CHILD_SUBREAPER");
    if (fk_linux_start(lx))
        return -1;
    fk_linux_finish(lx);
    return 0;
}

void fk_linux_close(struct fk_linux *lx)
{
    char path[FK_LINUX_DIR_MAX + 16];
    if (lx->dir[0]) {
        reset_namespace(lx);
        for (int n = FK_NNODE - 1; n >= 1; n--) {
            snprintf(path, sizeof path, "%s%s", lx->dir, fk_node_paths[n]);
            (n == FK_NODE_D ? rmdir : unlink)(path);
        }
        rmdir(lx->dir);
        lx->dir[0] = 0;
    }
    if (lx->box)
        munmap(lx->box, sizeof *lx->box);
    if (lx->done_fd >= 0)
        close(lx->done_fd);
    lx->box = 0;
    lx->done_fd = -1;
}

static void drain_done(struct fk_linux *lx)
{
    uint64_t n;
    while (read(lx->done_fd, &n, sizeof n) == sizeof n)
        ;
}

/* Waits for process c to say its command is done (1) or to die (0);
 * -1 after the timeout. */
static int wait_done(struct fk_linux *lx, uint32_t c)
{
    struct pollfd w[2] = { { lx->done_fd, POLLIN, 0 }, { lx->proc[c].pidfd, POLLIN, 0 } };
    int n = poll(w, 2, STEP_TIMEOUT_MS);
    uint64_t count;
    if (n > 0 && (w[0].revents & POLLIN) && read(lx->done_fd, &count, sizeof count) > 0)
        return 1;
    return n > 0 && (w[1].revents & POLLIN) ? 0 : -1;
}

static void forget(struct fk_linux_proc *p, uint8_t state)
{
    if (p->pidfd >= 0)
        close(p->pidfd);
    if (p->memfd >= 0)
        close(p->memfd);
    p->pidfd = p->memfd = -1;
    p->state = state;
}

/* Process c now exists as Linux pid pid. */
static void track(struct fk_linux *lx, uint32_t c, pid_t pid)
{
    char path[64];
    struct fk_linux_proc *p = &lx->proc[c];
    p->pid = pid;
    p->state = LX_ALIVE;
    p->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    p->memfd = open(path, O_RDONLY | O_CLOEXEC);
}

int fk_linux_start(struct fk_linux *lx)
{
    if (reset_namespace(lx))
        return fail(lx, "resetting the namespace directory");
    memset(lx->box, 0, sizeof *lx->box);
    lx->box->harness = lx->self;
    lx->box->cover_on = (uint8_t)(lx->cover != 0);
    drain_done(lx);
    for (uint32_t c = 0; c <= FK_MAX_PID; c++)
        lx->proc[c] = (struct fk_linux_proc){ 0, -1, -1, LX_NONE };
    lx->next = 1;
    fflush(0);
    pid_t pid = fork();
    if (pid < 0)
        return fail(lx, "fork of p0");
    if (pid == 0)
        fk_linux_p0(lx);
    track(lx, 0, pid);
    if (wait_done(lx, 0) != 1 || lx->box->setup_errno) {
        errno = lx->box->setup_errno;
        snprintf(lx->why, sizeof lx->why, "p0's setup failed: %s: %s%s",
                 lx->box->setup_what[0] ? lx->box->setup_what : "no answer",
                 strerror(errno), errno == EPERM ? " (the Linux backend runs as root)" : "");
        fk_linux_finish(lx);
        return -1;
    }
    return 0;
}

void fk_linux_finish(struct fk_linux *lx)
{
    if (lx->proc[0].pid > 0)
        kill(-lx->proc[0].pid, SIGKILL);
    /* p0's processes reach the harness (a subreaper) as p0 and their
     * parents die; reap each as it arrives */
    for (int tries = 0; tries < 2000; tries++) {
        int left = 0;
        for (uint32_t c = 0; c < lx->next; c++) {
            struct fk_linux_proc *p = &lx->proc[c];
            if (p->state == LX_ALIVE || p->state == LX_ZOMBIE) {
                kill(p->pid, SIGKILL);
                if (waitpid(p->pid, 0, WNOHANG) == p->pid)
                    forget(p, LX_REAPED);
                else
                    left++;
            }
        }
        if (!left)
            break;
        usleep(1000);
    }
    lx->proc[0].pid = 0;
}

/* ---- steps ---- */

static int32_t canon_of(const struct fk_linux *lx, pid_t pid)
{
    for (uint32_t c = 0; c < lx->next; c++)
        if (lx->proc[c].pid == pid && lx->proc[c].state != LX_REAPED)
            return (int32_t)c;
    return FK_BAD;
}

/* A Linux wait status as the spec encodes it (no core-dump bit). */
static int32_t status_of(int raw)
{
    return WIFSIGNALED(raw) ? fk_status_signaled(WTERMSIG(raw))
                            : fk_status_exited(WEXITSTATUS(raw));
}

/* Fields 3 (state), 4 (ppid) and 52 (exit code) of /proc/PID/stat. */
static int read_stat(pid_t pid, char *state, pid_t *ppid, int *exit_code)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    char *s = strrchr(buf, ')');            /* the name may hold anything */
    if (!s || sscanf(s + 2, "%c %d", state, ppid) != 2)
        return -1;
    for (int field = 3; field <= 52 && s; field++)
        s = strchr(s + 1, ' ');
    *exit_code = s ? atoi(s + 1) : 0;
    return 0;
}

/* Linux's pids in a result as canonical ones; tracks forks and reaps. */
static void canonical_result(struct fk_linux *lx, const struct fk_step *s, struct fk_result *r)
{
    if (r->kind != FK_R_OK)
        return;
    switch (s->op) {
    case FK_OP_FORK:
        track(lx, lx->next, r->val);
        r->val = (int32_t)lx->next++;
        break;
    case FK_OP_WAIT:
        if (r->val > 0) {
            r->val = canon_of(lx, r->val);
            if (r->val >= 0)
                forget(&lx->proc[r->val], LX_REAPED);
        }
        break;
    case FK_OP_GETPID: r->val = canon_of(lx, r->val); break;
    case FK_OP_GETPPID:
        /* the harness is p0's parent, and the subreaper of p0's orphans
         * once p0 is killed: the spec keeps p0 as their parent */
        r->val = r->val == lx->self ? (s->proc == 0 ? -1 : 0) : canon_of(lx, r->val);
        break;
    default: break;
    }
}

/* Process c died in its step: exit's OK 0, or KILLED by a signal. */
static void death_result(struct fk_linux *lx, uint32_t c, struct fk_result *r)
{
    char state;
    pid_t ppid;
    int code = 0;
    lx->proc[c].state = LX_ZOMBIE;
    read_stat(lx->proc[c].pid, &state, &ppid, &code);
    *r = WIFSIGNALED(code) ? (struct fk_result){ FK_R_KILLED, WTERMSIG(code), 0 }
                           : (struct fk_result){ FK_R_OK, 0, 0 };
}

int fk_linux_step(struct fk_linux *lx, const struct fk_step *s, struct fk_result *r)
{
    uint32_t c = s->proc;
    struct fk_linux_box *b = lx->box;
    if (c >= lx->next || lx->proc[c].state != LX_ALIVE) {
        *r = (struct fk_result){ FK_R_SKIP, 0, 0 };
        return 0;
    }
    b->step = *s;
    if (s->op == FK_OP_WAIT && s->arg[0] >= 0) {
        uint32_t m = (uint32_t)s->arg[0];   /* never created or reaped: no child */
        int known = m < lx->next && (lx->proc[m].state == LX_ALIVE
                                     || lx->proc[m].state == LX_ZOMBIE);
        b->step.arg[0] = known ? lx->proc[m].pid : INT32_MAX;
    }
    b->child = lx->next;
    b->cmd = FK_LX_STEP;
    __atomic_add_fetch(&b->go[c], 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &b->go[c], FUTEX_WAKE, 1, 0, 0, 0);
    int got = wait_done(lx, c);
    if (got < 0) {
        snprintf(lx->why, sizeof lx->why, "Linux process p%u did not finish its step in %d ms",
                 c, STEP_TIMEOUT_MS);
        return -1;
    }
    if (got == 0) {
        death_result(lx, c, r);
        return 0;
    }
    *r = b->result;
    canonical_result(lx, s, r);
    return 0;
}

/* FIONREAD on process c's fd, asked of the process itself. */
static int32_t pipe_fill(struct fk_linux *lx, uint32_t c, int fd)
{
    struct fk_linux_box *b = lx->box;
    b->cmd = FK_LX_FILL;
    b->fill_fd = fd;
    __atomic_add_fetch(&b->go[c], 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &b->go[c], FUTEX_WAKE, 1, 0, 0, 0);
    return wait_done(lx, c) == 1 ? b->fill : -1;
}

/* ---- observing ---- */

struct node_id {
    dev_t dev;
    ino_t ino[FK_NNODE];
};

struct holder {
    pid_t pid;
    uint32_t canon;
    int fd;
    dev_t dev;
    ino_t ino;
};

struct scan {
    struct fk_linux *lx;
    struct fk_obs *raw;
    struct node_id nodes;
    struct holder file[FK_NFILE], pipe[FK_NPIPE];
};

static int read_small(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, cap - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = 0;
    return (int)n;
}

static void observe_nodes(struct scan *sc)
{
    char path[FK_LINUX_DIR_MAX + 16];
    static uint8_t data[FK_MAX_FILE_SIZE + 1];
    for (int n = 0; n < FK_NNODE; n++) {
        struct stat st;
        struct fk_obs_node *o = &sc->raw->node[n];
        snprintf(path, sizeof path, "%s%s", sc->lx->dir, fk_node_paths[n]);
        if (stat(path, &st))
            continue;
        sc->nodes.dev = st.st_dev;
        sc->nodes.ino[n] = st.st_ino;
        o->exists = 1;
        if (fk_node_is_dir(n))
            continue;
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t got = fd < 0 ? -1 : read(fd, data, sizeof data);
        if (fd >= 0)
            close(fd);
        o->size = (uint16_t)(got < 0 ? 0 : got);
        o->sum = fk_sum_bytes(data, (size_t)o->size);
    }
}

static uint8_t node_of(const struct scan *sc, const struct stat *st)
{
    for (int n = 0; n < FK_NNODE; n++)
        if (sc->nodes.ino[n] == st->st_ino && sc->nodes.dev == st->st_dev)
            return (uint8_t)n;
    return 0xff;                /* not in the namespace: canon marks it bad */
}

static int same_file(const struct holder *h, pid_t pid, int fd)
{
    return syscall(SYS_kcmp, h->pid, pid, KCMP_FILE, h->fd, fd) == 0;
}

/* The index of the pipe whose inode is st's, added if new. */
static int16_t pipe_index(struct scan *sc, uint32_t c, int fd, const struct stat *st)
{
    struct fk_obs *raw = sc->raw;
    for (int i = 0; i < raw->npipe; i++)
        if (sc->pipe[i].ino == st->st_ino && sc->pipe[i].dev == st->st_dev)
            return (int16_t)i;
    if (raw->npipe == FK_NPIPE)
        return FK_BAD;
    sc->pipe[raw->npipe] = (struct holder){ sc->lx->proc[c].pid, c, fd, st->st_dev, st->st_ino };
    return raw->npipe++;
}

/* The open file behind process c's fd (same inode, then kcmp), added if new. */
static int16_t file_index(struct scan *sc, uint32_t c, int fd, const struct stat *st)
{
    struct fk_obs *raw = sc->raw;
    pid_t pid = sc->lx->proc[c].pid;
    char path[64], info[512];
    for (int i = 0; i < raw->nfile; i++)
        if (sc->file[i].ino == st->st_ino && sc->file[i].dev == st->st_dev
            && same_file(&sc->file[i], pid, fd)) {
            raw->file[i].refs++;
            return (int16_t)i;
        }
    if (raw->nfile == FK_NFILE)
        return FK_BAD;
    long long pos = 0;
    unsigned flags = 0;
    snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", pid, fd);
    if (read_small(path, info, sizeof info) < 0
        || sscanf(info, "pos: %lld flags: %o", &pos, &flags) != 2)
        return FK_BAD;
    int i = raw->nfile++;
    struct fk_obs_file *f = &raw->file[i];
    sc->file[i] = (struct holder){ pid, c, fd, st->st_dev, st->st_ino };
    f->mode = (uint8_t)(flags & O_ACCMODE);
    f->append = (flags & O_APPEND) != 0;
    f->refs = 1;
    f->pipe = FK_NIL;
    if (S_ISFIFO(st->st_mode)) {
        f->kind = f->mode == O_RDONLY ? FK_F_PIPE_R : FK_F_PIPE_W;
        f->pipe = pipe_index(sc, c, fd, st);
    } else {
        f->kind = S_ISDIR(st->st_mode) ? FK_F_DIR : FK_F_FILE;
        f->node = node_of(sc, st);
        f->offset = pos > INT32_MAX ? INT32_MAX : (int32_t)pos;
    }
    return (int16_t)i;
}

/* The pages of [lo, hi) that lie in [base, base + pages), observed as
 * pages first .. of o: their contents in one read of /proc/PID/mem (one
 * mapping's pages; a read per page cost far more under TCG). */
static int observe_range(struct fk_linux_proc *p, unsigned long lo, unsigned long hi,
                         uint8_t attr, unsigned long base, int pages, int first,
                         struct fk_obs_proc *o)
{
    static uint32_t words[FK_MMAP_PAGES > FK_HEAP_MAX_PAGES ? FK_MMAP_PAGES : FK_HEAP_MAX_PAGES]
                         [FK_PAGE_WORDS];
    unsigned long end = base + (unsigned long)pages * FK_PAGE_SIZE;
    unsigned long from = lo > base ? lo : base, to = hi < end ? hi : end;
    if (from >= to)
        return 0;
    size_t bytes = to - from;
    if (pread(p->memfd, words, bytes, (off_t)from) != (ssize_t)bytes)
        return -1;
    for (unsigned long a = from; a < to; a += FK_PAGE_SIZE) {
        int k = first + (int)((a - base) / FK_PAGE_SIZE);
        o->page[k] = attr;
        o->sum[k] = fk_sum_words(words[(a - from) / FK_PAGE_SIZE], FK_PAGE_WORDS);
    }
    return 0;
}

/* The window's and heap area's pages, from /proc/PID/maps. */
static int observe_pages(struct fk_linux_proc *p, struct fk_obs_proc *o)
{
    static char maps[1 << 16];
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", p->pid);
    if (read_small(path, maps, sizeof maps) < 0)
        return -1;
    for (char *line = strtok(maps, "\n"); line; line = strtok(0, "\n")) {
        unsigned long lo, hi;
        char perm[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perm) != 3)
            continue;
        uint8_t attr = FK_PG_MAPPED | (perm[3] == 's' ? FK_PG_SHARED : 0)
                       | (perm[1] == 'w' ? FK_PROT_RW : perm[0] == 'r' ? FK_PROT_R : FK_PROT_NONE);
        if (observe_range(p, lo, hi, attr, FK_MMAP_BASE, FK_MMAP_PAGES, 0, o)
            || observe_range(p, lo, hi, attr, FK_HEAP_BASE, FK_HEAP_MAX_PAGES, FK_MMAP_PAGES, o))
            return -1;
    }
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
        if (o->page[FK_MMAP_PAGES + j])
            o->heap_pages = (uint8_t)(j + 1);
    return 0;
}

/* Process c's open fds, from one listing of /proc/PID/fd (16 stat calls
 * of absent fds cost more than the listing, most under TCG). */
static int observe_fds(struct scan *sc, uint32_t c, struct fk_obs_proc *o)
{
    char path[64];
    struct stat st;
    pid_t pid = sc->lx->proc[c].pid;
    int open_fd[FK_NOFILE] = { 0 };
    snprintf(path, sizeof path, "/proc/%d/fd", pid);
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    for (struct dirent *e; (e = readdir(dir));) {
        int f = atoi(e->d_name);
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && f < FK_NOFILE)
            open_fd[f] = 1;
    }
    closedir(dir);
    for (int f = 0; f < FK_NOFILE; f++) {
        snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, f);
        if (open_fd[f] && !stat(path, &st))
            o->fd[f] = file_index(sc, c, f, &st);
    }
    return 0;
}

static int observe_proc(struct scan *sc, uint32_t c, struct fk_obs_proc *o)
{
    struct fk_linux *lx = sc->lx;
    pid_t pid = lx->proc[c].pid, ppid;
    char state, path[64];
    int code;
    struct stat st;
    if (read_stat(pid, &state, &ppid, &code))
        return -1;
    o->pid = (int32_t)c;
    o->ppid = ppid == lx->self ? (c == 0 ? -1 : 0) : canon_of(lx, ppid);
    for (int f = 0; f < FK_NOFILE; f++)
        o->fd[f] = FK_NIL;
    for (int k = 0; k < FK_NPAGES; k++)
        o->frame[k] = o->obj[k] = o->objpage[k] = FK_NIL;
    if (state == 'Z') {
        o->state = FK_P_ZOMBIE;
        o->status = status_of(code);
        return 0;
    }
    o->state = FK_P_ALIVE;
    snprintf(path, sizeof path, "/proc/%d/cwd", pid);
    if (stat(path, &st))
        return -1;
    o->cwd = node_of(sc, &st);
    if (observe_fds(sc, c, o))
        return -1;
    return observe_pages(&lx->proc[c], o);
}

int fk_linux_observe(struct fk_linux *lx, struct fk_obs *canon)
{
    static struct fk_obs raw;
    static struct scan sc;
    memset(&sc, 0, sizeof sc);
    sc.lx = lx;
    sc.raw = &raw;
    fk_obs_clear(&raw);
    observe_nodes(&sc);
    for (uint32_t c = 0; c < lx->next; c++) {
        if (lx->proc[c].state != LX_ALIVE && lx->proc[c].state != LX_ZOMBIE)
            continue;
        if (raw.nproc == FK_NPROC) {    /* more than the spec's slots: no match */
            raw.proc[FK_NPROC - 1].state = 0;
            break;
        }
        if (observe_proc(&sc, c, &raw.proc[raw.nproc++])) {
            snprintf(lx->why, sizeof lx->why, "cannot read /proc for p%u (Linux pid %d): %s",
                     c, lx->proc[c].pid, strerror(errno));
            return -1;
        }
    }
    for (int i = 0; i < raw.npipe; i++) {
        int32_t fill = pipe_fill(lx, sc.pipe[i].canon, sc.pipe[i].fd);
        raw.pipe[i].fill = (uint16_t)(fill < 0 ? 0xffff : fill > 0xffff ? 0xffff : fill);
    }
    for (int i = 0; i < raw.nfile; i++) {
        struct fk_obs_pipe *q = raw.file[i].pipe >= 0 ? &raw.pipe[raw.file[i].pipe] : 0;
        if (q && raw.file[i].kind == FK_F_PIPE_R)
            q->readers++;
        else if (q)
            q->writers++;
    }
    fk_obs_canon(&raw, canon);
    return 0;
}
