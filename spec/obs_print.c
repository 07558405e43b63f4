/* Readable results and observations. */
#include "spec/obs_print.h"
#include "spec/errno.h"
#include "spec/namespace.h"

static void print_status(int32_t status, struct fk_out *o)
{
    if (status & 0x7f) {
        fk_out_str(o, "signaled(");
        fk_out_dec(o, status & 0x7f);
    } else {
        fk_out_str(o, "exited(");
        fk_out_dec(o, (status >> 8) & 0xff);
    }
    fk_out_char(o, ')');
}

static void print_pid(int32_t pid, struct fk_out *o)
{
    if (pid < 0) {
        fk_out_char(o, '-');
        return;
    }
    fk_out_char(o, 'p');
    fk_out_dec(o, pid);
}

void fk_result_print(const struct fk_step *s, const struct fk_result *r,
                     struct fk_out *o)
{
    const char *name;
    switch (r->kind) {
    case FK_R_SKIP: fk_out_str(o, "SKIP"); return;
    case FK_R_KILLED:
        fk_out_str(o, "KILLED ");
        fk_out_dec(o, r->val);
        return;
    case FK_R_ERR:
        name = fk_errno_name(r->val);
        if (name) {
            fk_out_str(o, name);
        } else {
            fk_out_str(o, "errno ");
            fk_out_dec(o, r->val);
        }
        return;
    case FK_R_OK: break;
    default:
        fk_out_str(o, "bad result kind ");
        fk_out_dec(o, r->kind);
        return;
    }
    switch (s->op) {
    case FK_OP_FORK:
    case FK_OP_GETPID:
    case FK_OP_GETPPID: print_pid(r->val, o); return;
    case FK_OP_WAIT:
        if (r->val == 0) {
            fk_out_char(o, '0');
            return;
        }
        print_pid(r->val, o);
        fk_out_char(o, ' ');
        print_status(r->aux, o);
        return;
    case FK_OP_PIPE:
        fk_out_dec(o, r->val);
        fk_out_char(o, ' ');
        fk_out_dec(o, r->aux);
        return;
    case FK_OP_MMAP:
    case FK_OP_SBRK:
    case FK_OP_LOAD: fk_out_hex(o, (uint32_t)r->val); return;
    case FK_OP_READ:
        fk_out_dec(o, r->val);
        if (r->val > 0) {
            fk_out_str(o, " (sum ");
            fk_out_hex(o, (uint32_t)r->aux);
            fk_out_char(o, ')');
        }
        return;
    default: fk_out_dec(o, r->val); return;
    }
}

static void ref(const char *what, int32_t v, struct fk_out *o)
{
    if (v == FK_NIL) {
        fk_out_char(o, '-');
    } else if (v == FK_BAD) {
        fk_out_str(o, "BAD");
    } else {
        fk_out_str(o, what);
        fk_out_dec(o, v);
    }
}

static void key(const char *k, struct fk_out *o)
{
    fk_out_char(o, ' ');
    fk_out_str(o, k);
    fk_out_char(o, '=');
}

static const char *node_path(int n)
{
    return n >= 0 && n < FK_NNODE ? fk_node_paths[n] : "?";
}

static void print_fds(const struct fk_obs_proc *p, struct fk_out *o)
{
    int first = 1;
    key("fds", o);
    fk_out_char(o, '[');
    for (int f = 0; f < FK_NOFILE; f++) {
        if (p->fd[f] == FK_NIL)
            continue;
        if (!first)
            fk_out_char(o, ' ');
        first = 0;
        fk_out_dec(o, f);
        fk_out_char(o, ':');
        ref("#", p->fd[f], o);
    }
    fk_out_char(o, ']');
}

static const char *const prot_text[] = { "none", "r", "rw", "?" };

/* One line per run of pages with the same attributes. */
static void print_pages(const struct fk_obs_proc *p, int level,
                        const char *indent, struct fk_out *o)
{
    for (int k = 0; k < FK_NPAGES;) {
        int end = k + 1, heap = k >= FK_MMAP_PAGES;
        uint32_t base = heap ? FK_HEAP_BASE + (uint32_t)(k - FK_MMAP_PAGES) * FK_PAGE_SIZE
                             : FK_MMAP_BASE + (uint32_t)k * FK_PAGE_SIZE;
        if (!p->page[k]) {
            k++;
            continue;
        }
        while (end < FK_NPAGES && p->page[end] == p->page[k]
               && (end < FK_MMAP_PAGES) == !heap)
            end++;
        fk_out_str(o, indent);
        fk_out_str(o, "  ");
        fk_out_hex(o, base);
        fk_out_str(o, heap ? " heap " : " ");
        fk_out_dec(o, end - k);
        fk_out_str(o, end - k == 1 ? " page " : " pages ");
        fk_out_str(o, prot_text[p->page[k] & FK_PG_PROT]);
        fk_out_str(o, p->page[k] & FK_PG_SHARED ? " shared" : " private");
        key("sums", o);
        for (int i = k; i < end; i++) {
            fk_out_str(o, i == k ? "[" : " ");
            fk_out_hex(o, p->sum[i]);
        }
        fk_out_char(o, ']');
        if (level == FK_L2) {
            key(p->page[k] & FK_PG_SHARED ? "objpages" : "frames", o);
            for (int i = k; i < end; i++) {
                fk_out_str(o, i == k ? "[" : " ");
                if (p->page[k] & FK_PG_SHARED) {
                    ref("obj#", p->obj[i], o);
                    fk_out_char(o, '.');
                    fk_out_dec(o, p->objpage[i]);
                } else {
                    ref("#", p->frame[i], o);
                }
            }
            fk_out_char(o, ']');
        }
        fk_out_char(o, '\n');
        k = end;
    }
}

static void print_proc_line(const struct fk_obs_proc *p, const char *indent,
                            struct fk_out *o)
{
    fk_out_str(o, indent);
    print_pid(p->pid, o);
    fk_out_str(o, p->state == FK_P_ALIVE ? ": alive" : p->state == FK_P_ZOMBIE
               ? ": zombie" : ": bad state");
    key("ppid", o);
    print_pid(p->ppid, o);
    if (p->state == FK_P_ZOMBIE) {
        key("status", o);
        print_status(p->status, o);
    } else {
        key("cwd", o);
        fk_out_str(o, node_path(p->cwd));
        key("heap", o);
        fk_out_dec(o, p->heap_pages);
        print_fds(p, o);
    }
    fk_out_char(o, '\n');
}

static const char *const kind_text[] = {
    "?", "file", "dir", "pipe read end", "pipe write end"
};
static const char *const mode_text[] = { "rdonly", "wronly", "rdwr", "?" };

static void print_file(int i, const struct fk_obs_file *f, int level,
                       const char *indent, struct fk_out *o)
{
    fk_out_str(o, indent);
    fk_out_str(o, "file #");
    fk_out_dec(o, i);
    fk_out_str(o, ": ");
    fk_out_str(o, kind_text[f->kind <= 4 ? f->kind : 0]);
    fk_out_char(o, ' ');
    if (f->kind == FK_F_PIPE_R || f->kind == FK_F_PIPE_W) {
        ref("pipe#", f->pipe, o);
    } else {
        fk_out_str(o, node_path(f->node));
        fk_out_char(o, ' ');
        fk_out_str(o, mode_text[f->mode & 3]);
        if (f->append)
            fk_out_str(o, ",append");
        key("offset", o);
        fk_out_dec(o, f->offset);
    }
    if (level == FK_L2) {
        key("refs", o);
        fk_out_dec(o, f->refs);
    }
    fk_out_char(o, '\n');
}

static void print_pipe(const struct fk_obs *obs, int i, int level,
                       const char *indent, struct fk_out *o)
{
    fk_out_str(o, indent);
    fk_out_str(o, "pipe #");
    fk_out_dec(o, i);
    fk_out_str(o, ":");
    key("fill", o);
    fk_out_dec(o, obs->pipe[i].fill);
    if (level == FK_L2) {
        key("readers", o);
        fk_out_dec(o, obs->pipe[i].readers);
        key("writers", o);
        fk_out_dec(o, obs->pipe[i].writers);
    }
    fk_out_char(o, '\n');
}

static void print_node(const struct fk_obs *obs, int n, int level,
                       const char *indent, struct fk_out *o)
{
    const struct fk_obs_node *x = &obs->node[n];
    if (!x->exists && !(level == FK_L2 && x->refs))
        return;
    fk_out_str(o, indent);
    fk_out_str(o, "node ");
    fk_out_str(o, fk_node_paths[n]);
    fk_out_char(o, ':');
    if (!x->exists)
        fk_out_str(o, " absent");
    key("size", o);
    fk_out_dec(o, x->size);
    key("sum", o);
    fk_out_hex(o, x->sum);
    if (level == FK_L2) {
        key("refs", o);
        fk_out_dec(o, x->refs);
    }
    fk_out_char(o, '\n');
}

static void print_frame(const struct fk_obs *obs, int i, const char *indent,
                        struct fk_out *o)
{
    fk_out_str(o, indent);
    fk_out_str(o, "frame #");
    fk_out_dec(o, i);
    fk_out_char(o, ':');
    key("refs", o);
    fk_out_dec(o, obs->frame_refs[i]);
    fk_out_char(o, '\n');
}

static void print_object(const struct fk_obs *obs, int i, const char *indent,
                         struct fk_out *o)
{
    int last = FK_MMAP_PAGES;
    while (last > 0 && obs->obj[i].frame[last - 1] == FK_NIL)
        last--;
    fk_out_str(o, indent);
    fk_out_str(o, "object #");
    fk_out_dec(o, i);
    fk_out_char(o, ':');
    key("refs", o);
    fk_out_dec(o, obs->obj[i].refs);
    key("frames", o);
    fk_out_char(o, '[');
    for (int k = 0; k < last; k++) {
        if (k)
            fk_out_char(o, ' ');
        ref("#", obs->obj[i].frame[k], o);
    }
    fk_out_str(o, "]\n");
}

static void print_free(const struct fk_obs *obs, const char *indent, struct fk_out *o)
{
    fk_out_str(o, indent);
    fk_out_str(o, "free:");
    key("frames", o);
    fk_out_dec(o, obs->free_frames);
    key("procs", o);
    fk_out_dec(o, obs->free_procs);
    key("files", o);
    fk_out_dec(o, obs->free_files);
    key("objects", o);
    fk_out_dec(o, obs->free_objs);
    key("pipes", o);
    fk_out_dec(o, obs->free_pipes);
    fk_out_char(o, '\n');
}

const char *const fk_entity_names[FK_NENTITY] = {
    "p", "pages", "file", "pipe", "node", "frame", "object", "free"
};

/* How many entities of a kind obs has (indices 0 .. count). */
static int entity_count(const struct fk_obs *obs, int entity)
{
    switch (entity) {
    case FK_E_PROC:
    case FK_E_PAGES: return obs->nproc;
    case FK_E_FILE: return obs->nfile;
    case FK_E_PIPE: return obs->npipe;
    case FK_E_NODE: return FK_NNODE;
    case FK_E_FRAME: return obs->nframe;
    case FK_E_OBJECT: return obs->nobj;
    case FK_E_FREE: return 1;
    default: return 0;
    }
}

void fk_obs_print_entity(const struct fk_obs *obs, int entity, int i, int level,
                         const char *indent, struct fk_out *o)
{
    if (i < 0 || i >= entity_count(obs, entity)
        || (entity >= FK_E_FRAME && level != FK_L2))
        return;
    switch (entity) {
    case FK_E_PROC: print_proc_line(&obs->proc[i], indent, o); break;
    case FK_E_PAGES: print_pages(&obs->proc[i], level, indent, o); break;
    case FK_E_FILE: print_file(i, &obs->file[i], level, indent, o); break;
    case FK_E_PIPE: print_pipe(obs, i, level, indent, o); break;
    case FK_E_NODE: print_node(obs, i, level, indent, o); break;
    case FK_E_FRAME: print_frame(obs, i, indent, o); break;
    case FK_E_OBJECT: print_object(obs, i, indent, o); break;
    default: print_free(obs, indent, o); break;
    }
}

void fk_obs_print(const struct fk_obs *obs, int level, const char *indent,
                  struct fk_out *o)
{
    for (int i = 0; i < obs->nproc; i++) {
        fk_obs_print_entity(obs, FK_E_PROC, i, level, indent, o);
        fk_obs_print_entity(obs, FK_E_PAGES, i, level, indent, o);
    }
    for (int e = FK_E_FILE; e < FK_NENTITY; e++)
        for (int i = 0; i < entity_count(obs, e); i++)
            fk_obs_print_entity(obs, e, i, level, indent, o);
}
