/* Program text parser, printer and binary codec (spec/program.md). */
#include "spec/program.h"

#define A(k) FK_ARG_##k
const struct fk_op_info fk_ops[FK_NOPS] = {
    [FK_OP_FORK]     = { 0, {0} },
    [FK_OP_EXIT]     = { 1, {A(INT)} },
    [FK_OP_WAIT]     = { 1, {A(PROC)} },
    [FK_OP_GETPID]   = { 0, {0} },
    [FK_OP_GETPPID]  = { 0, {0} },
    [FK_OP_OPEN]     = { 2, {A(PATH), A(OFLAGS)} },
    [FK_OP_CLOSE]    = { 1, {A(INT)} },
    [FK_OP_DUP]      = { 1, {A(INT)} },
    [FK_OP_DUP2]     = { 2, {A(INT), A(INT)} },
    [FK_OP_PIPE]     = { 0, {0} },
    [FK_OP_READ]     = { 2, {A(INT), A(INT)} },
    [FK_OP_WRITE]    = { 3, {A(INT), A(INT), A(BYTE)} },
    [FK_OP_LSEEK]    = { 3, {A(INT), A(INT), A(WHENCE)} },
    [FK_OP_CHDIR]    = { 1, {A(PATH)} },
    [FK_OP_MMAP]     = { 4, {A(ADDR), A(INT), A(PROT), A(SHARE)} },
    [FK_OP_MUNMAP]   = { 2, {A(ADDR), A(INT)} },
    [FK_OP_MPROTECT] = { 3, {A(ADDR), A(INT), A(PROT)} },
    [FK_OP_SBRK]     = { 1, {A(INT)} },
    [FK_OP_STORE]    = { 2, {A(ADDR), A(ADDR)} },
    [FK_OP_LOAD]     = { 1, {A(ADDR)} },
};
#undef A

const struct fk_op_names fk_op_names[FK_NOPS] = {
    [FK_OP_FORK]     = { "fork", {0} },
    [FK_OP_EXIT]     = { "exit", {"STATUS"} },
    [FK_OP_WAIT]     = { "wait", {"PID"} },
    [FK_OP_GETPID]   = { "getpid", {0} },
    [FK_OP_GETPPID]  = { "getppid", {0} },
    [FK_OP_OPEN]     = { "open", {"PATH", "FLAGS"} },
    [FK_OP_CLOSE]    = { "close", {"FD"} },
    [FK_OP_DUP]      = { "dup", {"FD"} },
    [FK_OP_DUP2]     = { "dup2", {"OLDFD", "NEWFD"} },
    [FK_OP_PIPE]     = { "pipe", {0} },
    [FK_OP_READ]     = { "read", {"FD", "COUNT"} },
    [FK_OP_WRITE]    = { "write", {"FD", "COUNT", "BYTE"} },
    [FK_OP_LSEEK]    = { "lseek", {"FD", "OFFSET", "WHENCE"} },
    [FK_OP_CHDIR]    = { "chdir", {"PATH"} },
    [FK_OP_MMAP]     = { "mmap", {"ADDR", "NPAGES", "PROT", "SHARING"} },
    [FK_OP_MUNMAP]   = { "munmap", {"ADDR", "NPAGES"} },
    [FK_OP_MPROTECT] = { "mprotect", {"ADDR", "NPAGES", "PROT"} },
    [FK_OP_SBRK]     = { "sbrk", {"DELTA_PAGES"} },
    [FK_OP_STORE]    = { "store", {"ADDR", "VALUE"} },
    [FK_OP_LOAD]     = { "load", {"ADDR"} },
};

static const char *const whence_names[] = { "set", "cur", "end" };
static const char *const prot_names[] = { "none", "r", "rw" };
static const char *const share_names[] = { "private", "shared" };
static const char *const access_names[] = { "rdonly", "wronly", "rdwr" };
static const char *const option_names[] = { "creat", "trunc", "append" };

static const char *kind_help(int kind)
{
    switch (kind) {
    case FK_ARG_BYTE: return "a number 0..255";
    case FK_ARG_PROC: return "pM or -1";
    case FK_ARG_PATH: return "a path of . .. d f0 f1 f2 f3 f4";
    case FK_ARG_OFLAGS: return "rdonly|wronly|rdwr[,creat][,trunc][,append]";
    case FK_ARG_WHENCE: return "set|cur|end";
    case FK_ARG_PROT: return "r|rw|none";
    case FK_ARG_SHARE: return "private|shared";
    default: return "a number";
    }
}

int32_t fk_path_normalize(uint32_t raw)
{
    int32_t count = (int32_t)(raw / 4096 % 8);
    if (count > FK_PATH_MAXCOMP)
        count = FK_PATH_MAXCOMP;
    int32_t names = (int32_t)(raw % (uint32_t)fk_name_span(count));
    int32_t absolute = count == 0 || raw / 0x8000 % 2;
    return names + count * 4096 + absolute * 0x8000;
}

/* ---- validity ---- */

/*@ assigns \nothing;
    ensures accepted: \result != 0 ==> arg_ok(kind, v);
*/
static int arg_valid(int kind, int32_t v)
{
    switch (kind) {
    case FK_ARG_BYTE: return v >= 0 && v <= 255;
    case FK_ARG_PROC: return v >= -1 && v <= FK_MAX_PID;
    case FK_ARG_PATH: return v >= 0 && v <= FK_PATH_MAX
                             && fk_path_normalize((uint32_t)v) == v;
    case FK_ARG_OFLAGS: return v >= 0 && v < 32 && fk_access_mode(v) <= FK_O_RDWR;
    case FK_ARG_WHENCE:
    case FK_ARG_PROT: return v >= 0 && v <= 2;
    case FK_ARG_SHARE: return v == 0 || v == 1;
    default: return 1;
    }
}

/*@ assigns \nothing;
    ensures accepted: \result != 0 ==> step_args_ok(s);
*/
static int step_valid(struct fk_step s)
{
    if (s.op >= FK_NOPS || s.proc > FK_MAX_PID)
        return 0;
    /*@ loop invariant 0 <= i <= FK_MAX_ARGS;
        loop invariant checked: \forall integer j; 0 <= j < i && j < fk_ops[s.op].nargs ==>
                                  arg_ok(fk_ops[s.op].kind[j], s.arg[j]);
        loop assigns i;
        loop variant FK_MAX_ARGS - i;
    */
    for (int i = 0; i < FK_MAX_ARGS; i++) {
        if (i >= fk_ops[s.op].nargs) {
            if (s.arg[i] != 0)
                return 0;
        } else if (!arg_valid(fk_ops[s.op].kind[i], s.arg[i])) {
            return 0;
        }
    }
    return 1;
}

int fk_step_valid(const struct fk_step *s)
{
    return step_valid(*s);
}

int fk_prog_valid(const struct fk_prog *p)
{
    if (p->nsteps > FK_MAX_STEPS)
        return 0;
    /*@ loop invariant 0 <= i <= p->nsteps;
        loop invariant \forall integer j; 0 <= j < i ==> step_args_ok(p->step[j]);
        loop assigns i;
        loop variant p->nsteps - i;
    */
    for (uint32_t i = 0; i < p->nsteps; i++)
        if (!fk_step_valid(&p->step[i]))
            return 0;
    return 1;
}

/* ---- printing ---- */

static void print_path(int32_t p, struct fk_out *o)
{
    int n = fk_path_count(p);
    if (fk_path_absolute(p))
        fk_out_char(o, '/');
    for (int i = 0; i < n; i++) {
        if (i)
            fk_out_char(o, '/');
        fk_out_str(o, fk_names[fk_path_name(p, i)]);
    }
}

static void print_oflags(int32_t f, struct fk_out *o)
{
    fk_out_str(o, access_names[(f & FK_O_ACCMODE) % 3]);
    for (int i = 0; i < 3; i++)
        if (f & (FK_O_CREAT << i)) {
            fk_out_char(o, ',');
            fk_out_str(o, option_names[i]);
        }
}

static void print_arg(int kind, int32_t v, struct fk_out *o)
{
    switch (kind) {
    case FK_ARG_ADDR: fk_out_hex(o, (uint32_t)v); break;
    case FK_ARG_PROC:
        if (v < 0) {
            fk_out_dec(o, v);
        } else {
            fk_out_char(o, 'p');
            fk_out_dec(o, v);
        }
        break;
    case FK_ARG_PATH: print_path(v, o); break;
    case FK_ARG_OFLAGS: print_oflags(v, o); break;
    case FK_ARG_WHENCE: fk_out_str(o, whence_names[v % 3]); break;
    case FK_ARG_PROT: fk_out_str(o, prot_names[v % 3]); break;
    case FK_ARG_SHARE: fk_out_str(o, share_names[v & 1]); break;
    default: fk_out_dec(o, v); break;
    }
}

void fk_step_print(const struct fk_step *s, struct fk_out *o)
{
    int op = s->op < FK_NOPS ? s->op : 0;
    const struct fk_op_info *info = &fk_ops[op];
    fk_out_char(o, 'p');
    fk_out_dec(o, s->proc);
    fk_out_char(o, ' ');
    fk_out_str(o, fk_op_names[op].name);
    for (int i = 0; i < info->nargs; i++) {
        fk_out_char(o, ' ');
        print_arg(info->kind[i], s->arg[i], o);
    }
}

void fk_prog_print(const struct fk_prog *p, struct fk_out *o)
{
    for (uint32_t i = 0; i < p->nsteps; i++) {
        fk_step_print(&p->step[i], o);
        fk_out_char(o, '\n');
    }
}

/* ---- parsing ---- */

struct token {
    const char *s;
    size_t n;
    uint32_t col;
};

struct parser {
    struct fk_parse_error *err;
    uint32_t line;
};

static int tok_is(const struct token *t, const char *word)
{
    size_t i = 0;
    for (; i < t->n; i++)
        if (word[i] != t->s[i])
            return 0;
    return word[i] == 0;
}

static struct fk_out begin_error(struct parser *ps, uint32_t col)
{
    ps->err->line = ps->line;
    ps->err->col = col;
    return fk_out_make(ps->err->msg, sizeof ps->err->msg);
}

static void quote(struct fk_out *o, const struct token *t)
{
    fk_out_char(o, '\'');
    fk_out_mem(o, t->s, t->n > 40 ? 40 : t->n);
    fk_out_str(o, t->n > 40 ? "...'" : "'");
}

/* Records an error at column col: msg, then 'tok' when tok is given. */
static int fail(struct parser *ps, uint32_t col, const char *msg,
                const struct token *tok, const char *after)
{
    struct fk_out o = begin_error(ps, col);
    fk_out_str(&o, msg);
    if (tok) {
        fk_out_char(&o, ' ');
        quote(&o, tok);
    }
    if (after)
        fk_out_str(&o, after);
    fk_out_cstr(&o);
    return -1;
}

static int fail_expected(struct parser *ps, const struct token *t, int kind)
{
    struct fk_out o = begin_error(ps, t->col);
    fk_out_str(&o, "expected ");
    fk_out_str(&o, kind_help(kind));
    fk_out_str(&o, ", got ");
    quote(&o, t);
    fk_out_cstr(&o);
    return -1;
}

static int digit_value(char c, int base)
{
    int d = -1;
    if (c >= '0' && c <= '9')
        d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
    return d;
}

/* Reads an unsigned magnitude; returns 0 on success, -1 if not a number,
 * -2 if above max. */
static int read_magnitude(const char *s, size_t n, int base, uint64_t max,
                          uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int d = digit_value(s[i], base);
        if (d < 0)
            return -1;
        v = v * (uint64_t)base + (uint64_t)d;
        if (v > max)
            return -2;
    }
    *out = v;
    return 0;
}

/* Decimal or 0x hex with an optional '-'. Decimal must fit int32 (or
 * uint32 when wide); hex is a 32-bit pattern. */
static int parse_number(struct parser *ps, const struct token *t, int wide,
                        int32_t *out)
{
    const char *s = t->s;
    size_t n = t->n;
    int neg = 0, base = 10, r;
    uint64_t mag, max;
    if (n && s[0] == '-') {
        neg = 1;
        s++;
        n--;
    }
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        n -= 2;
    }
    max = neg ? 0x80000000u : (base == 16 || wide) ? 0xffffffffu : 0x7fffffffu;
    r = read_magnitude(s, n, base, max, &mag);
    if (r == -1)
        return fail(ps, t->col, "expected a number, got", t, 0);
    if (r == -2)
        return fail(ps, t->col, "number out of the 32-bit range:", t, 0);
    *out = neg ? (int32_t)(0 - (uint32_t)mag) : (int32_t)(uint32_t)mag;
    return 0;
}

static int parse_proc_ref(struct parser *ps, const struct token *t,
                          int32_t *out)
{
    uint64_t v;
    int r;
    if (t->n < 2 || t->s[0] != 'p')
        return fail(ps, t->col, "expected a process pN, got", t, 0);
    r = read_magnitude(t->s + 1, t->n - 1, 10, FK_MAX_PID, &v);
    if (r == -1)
        return fail(ps, t->col, "expected a process pN, got", t, 0);
    if (r == -2)
        return fail(ps, t->col, "process number out of range (p0..p512):",
                    t, 0);
    *out = (int32_t)v;
    return 0;
}

static int lookup(const struct token *t, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (tok_is(t, names[i]))
            return i;
    return -1;
}

static int parse_path(struct parser *ps, const struct token *t, int32_t *out)
{
    int32_t p = 0;
    int count = 0;
    size_t i = 0;
    if (t->n && t->s[0] == '/') {
        p |= 0x8000;
        i = 1;
    }
    if (i == t->n && p)
        return *out = p, 0;
    for (;;) {
        struct token name = { t->s + i, 0, t->col + (uint32_t)i };
        int k;
        while (i < t->n && t->s[i] != '/')
            i++, name.n++;
        if (name.n == 0)
            return fail(ps, name.col, "empty name in path", t, 0);
        k = lookup(&name, fk_names, FK_NNAMES);
        if (k < 0)
            return fail(ps, name.col, "unknown name", &name,
                        " in path (names: . .. d f0 f1 f2 f3 f4)");
        if (count == FK_PATH_MAXCOMP)
            return fail(ps, t->col, "path has more than 4 names:", t, 0);
        p |= k << (3 * count++);
        if (i == t->n)
            break;
        i++;    /* the '/' */
    }
    *out = p | (count << 12);
    return 0;
}

static int parse_oflags(struct parser *ps, const struct token *t,
                        int32_t *out)
{
    size_t i = 0;
    int32_t f = 0;
    for (int first = 1;; first = 0) {
        struct token word = { t->s + i, 0, t->col + (uint32_t)i };
        int k;
        while (i < t->n && t->s[i] != ',')
            i++, word.n++;
        if (first) {
            k = lookup(&word, access_names, 3);
            if (k < 0)
                return fail(ps, word.col, "expected rdonly, wronly or rdwr,"
                            " got", &word, 0);
            f = k;
        } else {
            k = lookup(&word, option_names, 3);
            if (k < 0)
                return fail(ps, word.col, "unknown open flag", &word,
                            " (options: creat, trunc, append)");
            if (f & (FK_O_CREAT << k))
                return fail(ps, word.col, "open flag given twice:", &word, 0);
            f |= FK_O_CREAT << k;
        }
        if (i == t->n)
            break;
        i++;    /* the ',' */
    }
    *out = f;
    return 0;
}

static int parse_keyword(struct parser *ps, const struct token *t,
                         const char *const *names, int n, int kind,
                         int32_t *out)
{
    int k = lookup(t, names, n);
    if (k < 0)
        return fail_expected(ps, t, kind);
    *out = k;
    return 0;
}

static int parse_arg(struct parser *ps, int kind, const struct token *t,
                     int32_t *out)
{
    switch (kind) {
    case FK_ARG_INT: return parse_number(ps, t, 0, out);
    case FK_ARG_ADDR: return parse_number(ps, t, 1, out);
    case FK_ARG_BYTE:
        if (parse_number(ps, t, 0, out))
            return -1;
        if (*out < 0 || *out > 255)
            return fail(ps, t->col, "BYTE must be 0..255, got", t, 0);
        return 0;
    case FK_ARG_PROC:
        if (tok_is(t, "-1"))
            return *out = -1, 0;
        if (t->n == 0 || t->s[0] != 'p')
            return fail_expected(ps, t, kind);
        return parse_proc_ref(ps, t, out);
    case FK_ARG_PATH: return parse_path(ps, t, out);
    case FK_ARG_OFLAGS: return parse_oflags(ps, t, out);
    case FK_ARG_WHENCE: return parse_keyword(ps, t, whence_names, 3, kind, out);
    case FK_ARG_PROT: return parse_keyword(ps, t, prot_names, 3, kind, out);
    default: return parse_keyword(ps, t, share_names, 2, kind, out);
    }
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Splits one line into at most max tokens (comments dropped); returns
 * the count, or -1 on a control character. */
static int split_line(struct parser *ps, const char *line, size_t n,
                      struct token *tok, int max)
{
    int count = 0;
    size_t i = 0;
    while (count < max) {
        while (i < n && is_space(line[i]))
            i++;
        if (i == n || line[i] == '#')
            break;
        tok[count].s = line + i;
        tok[count].col = (uint32_t)i + 1;
        while (i < n && !is_space(line[i]) && line[i] != '#') {
            if ((unsigned char)line[i] < 0x20)
                return fail(ps, (uint32_t)i + 1,
                            "control character in program text", 0, 0);
            i++;
        }
        tok[count].n = (size_t)(line + i - tok[count].s);
        count++;
    }
    return count;
}

/* The column just after a token plus one space: where a missing word goes. */
static uint32_t end_col(const struct token *t)
{
    return t->col + (uint32_t)t->n + 1;
}

static int parse_line(struct parser *ps, const char *line, size_t n,
                      struct fk_prog *prog)
{
    struct token tok[2 + FK_MAX_ARGS + 1];   /* room for one too many */
    struct fk_step step = { 0, 0, {0, 0, 0, 0} };
    const struct fk_op_info *info;
    int32_t pid;
    int count = split_line(ps, line, n, tok, 2 + FK_MAX_ARGS + 1);
    int op;
    if (count <= 0)
        return count;
    if (parse_proc_ref(ps, &tok[0], &pid))
        return -1;
    if (count < 2)
        return fail(ps, end_col(&tok[0]), "missing operation after", &tok[0],
                    0);
    for (op = 0; op < FK_NOPS && !tok_is(&tok[1], fk_op_names[op].name); op++)
        ;
    if (op == FK_NOPS)
        return fail(ps, tok[1].col, "unknown operation", &tok[1], 0);
    info = &fk_ops[op];
    if (count > 2 + info->nargs)
        return fail(ps, tok[2 + info->nargs].col,
                    "too many arguments: unexpected", &tok[2 + info->nargs],
                    0);
    if (count < 2 + info->nargs) {
        struct fk_out o = begin_error(ps, end_col(&tok[count - 1]));
        fk_out_str(&o, fk_op_names[op].name);
        fk_out_str(&o, ": missing ");
        fk_out_str(&o, fk_op_names[op].argname[count - 2]);
        fk_out_str(&o, " (");
        fk_out_str(&o, kind_help(info->kind[count - 2]));
        fk_out_char(&o, ')');
        fk_out_cstr(&o);
        return -1;
    }
    for (int i = 0; i < info->nargs; i++)
        if (parse_arg(ps, info->kind[i], &tok[2 + i], &step.arg[i]))
            return -1;
    if (prog->nsteps == FK_MAX_STEPS)
        return fail(ps, 1, "program has more than 512 steps", 0, 0);
    step.proc = (uint16_t)pid;
    step.op = (uint8_t)op;
    prog->step[prog->nsteps++] = step;
    return 0;
}

int fk_prog_parse(const char *text, size_t len, struct fk_prog *prog,
                  struct fk_parse_error *err)
{
    struct parser ps = { err, 0 };
    size_t start = 0;
    prog->nsteps = 0;
    while (start < len) {
        size_t end = start;
        while (end < len && text[end] != '\n')
            end++;
        ps.line++;
        for (size_t i = start; i < end; i++)
            if (text[i] == 0)
                return fail(&ps, (uint32_t)(i - start) + 1,
                            "NUL byte in program text", 0, 0);
        if (parse_line(&ps, text + start, end - start, prog))
            return -1;
        start = end + 1;
    }
    return 0;
}

/* ---- binary codec ---- */

static void put(uint8_t *buf, size_t cap, size_t *n, uint8_t b)
{
    if (*n < cap)
        buf[*n] = b;
    (*n)++;
}

static void put_varint(uint8_t *buf, size_t cap, size_t *n, uint32_t v)
{
    while (v >= 0x80) {
        put(buf, cap, n, (uint8_t)(v | 0x80));
        v >>= 7;
    }
    put(buf, cap, n, (uint8_t)v);
}

static uint32_t zigzag(int32_t v)
{
    return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31);
}

/*@ assigns \nothing; */
static int32_t unzigzag(uint32_t u)
{
    return u % 2 == 0 ? (int32_t)(u / 2) : -(int32_t)(u / 2) - 1;
}

size_t fk_prog_encode(const struct fk_prog *p, uint8_t *buf, size_t cap)
{
    size_t n = 0;
    put(buf, cap, &n, FK_PROG_VERSION);
    for (uint32_t i = 0; i < p->nsteps && i < FK_MAX_STEPS; i++) {
        const struct fk_step *s = &p->step[i];
        const struct fk_op_info *info = &fk_ops[s->op % FK_NOPS];
        put(buf, cap, &n, s->op);
        put_varint(buf, cap, &n, s->proc);
        for (int a = 0; a < info->nargs; a++) {
            int32_t v = s->arg[a];
            switch (info->kind[a]) {
            case FK_ARG_INT:
            case FK_ARG_ADDR:
            case FK_ARG_PROC: put_varint(buf, cap, &n, zigzag(v)); break;
            case FK_ARG_PATH:
                put(buf, cap, &n, (uint8_t)v);
                put(buf, cap, &n, (uint8_t)(v >> 8));
                break;
            default: put(buf, cap, &n, (uint8_t)v); break;
            }
        }
    }
    return n;
}

struct reader {
    const uint8_t *buf;
    size_t len, pos;
};

/*@ predicate reading(struct reader r) =
      r.pos <= r.len && \valid_read(r.buf + (0 .. r.len - 1));
    predicate reader_ok(struct reader *r) = \valid(r) && reading(*r);
*/

/* Past the end every byte reads as 0, which is what makes decoding total. */
/*@ requires reader_ok(r);
    assigns r->pos;
    ensures reader_ok(r);
    ensures past_end: \old(r->pos) >= r->len ==> \result == 0 && r->pos == \old(r->pos);
    ensures \old(r->pos) < r->len ==> r->pos == \old(r->pos) + 1;
*/
static uint8_t get(struct reader *r)
{
    return r->pos < r->len ? r->buf[r->pos++] : 0;
}

/* Bytes beyond the fifth of a varint are consumed and ignored. */
/*@ requires reader_ok(r);
    assigns r->pos;
    ensures reader_ok(r) && \old(r->pos) <= r->pos;
*/
static uint32_t get_varint(struct reader *r)
{
    uint32_t v = 0;
    int shift = 0;
    /*@ loop invariant reader_ok(r) && \at(r->pos, Pre) <= r->pos;
        loop invariant 0 <= shift < 39;
        loop assigns r->pos, v, shift;
        loop variant r->len - r->pos;   // a byte that continues was read from the input
    */
    for (;;) {
        uint8_t b = get(r);
        if (shift < 32) {
            v |= (uint32_t)(b % 0x80) << shift;
            shift += 7;
        }
        if (b < 0x80)
            return v;
    }
}

/* Any bytes decode to an argument in kind's range (spec/program.h). */
/*@ requires reader_ok(r);
    assigns r->pos;
    ensures reader_ok(r) && \old(r->pos) <= r->pos;
    ensures in_range: arg_ok(kind, \result);
*/
static int32_t decode_arg(struct reader *r, int kind)
{
    if (kind == FK_ARG_INT || kind == FK_ARG_ADDR)
        return unzigzag(get_varint(r));
    if (kind == FK_ARG_PROC) {
        int32_t v = unzigzag(get_varint(r));
        return v < 0 ? -1 : v % (FK_MAX_PID + 1);
    }
    if (kind == FK_ARG_PATH) {
        uint32_t low = get(r);
        return fk_path_normalize(low + (uint32_t)get(r) * 256);
    }
    uint32_t u = get(r);       /* the other kinds are one byte */
    switch (kind) {
    case FK_ARG_OFLAGS: return (int32_t)(u / 4 % 8 * 4 + u % 4 % 3);   /* flags, mode 0-2 */
    case FK_ARG_WHENCE:
    case FK_ARG_PROT: return (int32_t)(u % 3);
    case FK_ARG_SHARE: return (int32_t)(u % 2);
    default: return (int32_t)u;
    }
}

/* A step and where its encoding ends. */
struct decoded {
    struct fk_step step;
    size_t pos;
};

/* The reader comes by value: a function that writes through a pointer and
 * reads fk_ops would rest on WP's assumption that the two do not meet. */
/*@ requires reading(r);
    assigns \nothing;
    ensures r.pos <= \result.pos <= r.len;
    ensures decoded: step_args_ok(\result.step);
*/
static struct decoded decode_step(struct reader r)
{
    struct decoded d = { 0 };   /* padding too: decoded programs compare bytewise */
    const struct fk_op_info *shape;
    d.step.op = (uint8_t)(get(&r) % FK_NOPS);
    d.step.proc = (uint16_t)(get_varint(&r) % (FK_MAX_PID + 1));
    shape = &fk_ops[d.step.op];
    /*@ loop invariant 0 <= a <= FK_MAX_ARGS;
        loop invariant reading(r) && \at(r.pos, Pre) <= r.pos;
        loop invariant args: \forall integer j; 0 <= j < a ==>
                         (j < shape->nargs ? arg_ok(shape->kind[j], d.step.arg[j])
                                          : d.step.arg[j] == 0);
        loop assigns a, r.pos, d.step.arg[0 .. FK_MAX_ARGS - 1];
        loop variant FK_MAX_ARGS - a;
    */
    for (int a = 0; a < FK_MAX_ARGS; a++)
        d.step.arg[a] = a < shape->nargs ? decode_arg(&r, shape->kind[a]) : 0;
    d.pos = r.pos;
    return d;
}

int fk_prog_decode(const uint8_t *buf, size_t len, struct fk_prog *p)
{
    struct reader r = { buf, len, 1 };
    p->nsteps = 0;
    if (len == 0)
        return -1;
    /*@ loop invariant reading(r);
        loop invariant r.buf == buf && r.len == len;
        loop invariant p->nsteps <= FK_MAX_STEPS;
        loop invariant decoded: \forall integer j; 0 <= j < p->nsteps ==> step_args_ok(p->step[j]);
        loop assigns r.pos, p->nsteps, p->step[0 .. FK_MAX_STEPS - 1];
        loop variant FK_MAX_STEPS - p->nsteps;
    */
    while (r.pos < r.len && p->nsteps < FK_MAX_STEPS) {
        struct decoded d = decode_step(r);
        p->step[p->nsteps++] = d.step;
        r.pos = d.pos;
    }
    return buf[0];     /* the version byte */
}
