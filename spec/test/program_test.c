/* Program codec: text and binary round trips, totality of the decoder. */
#include <stdlib.h>
#include <string.h>
#include "spec/namespace.h"
#include "spec/program.h"
#include "spec/test/check.h"

static struct fk_prog a, b, c;
static char text[1 << 16];
static uint8_t bin[1 << 14];

static int32_t random_int(void)
{
    switch (rnd(4)) {
    case 0: return (int32_t)rnd(20) - 2;
    case 1: return (int32_t)rnd(5000);
    case 2: return (int32_t)(0x40000000u + rnd(70) * 4096 + rnd(4096));
    default: return (int32_t)(uint32_t)rnd64();
    }
}

static int32_t random_path(void)
{
    int count = (int)rnd(FK_PATH_MAXCOMP + 1), abs = count == 0 || rnd(2);
    int32_t p = (abs << 15) | (count << 12);
    for (int i = 0; i < count; i++)
        p |= (int32_t)rnd(FK_NNAMES) << (3 * i);
    return p;
}

static int32_t random_arg(int kind)
{
    switch (kind) {
    case FK_ARG_BYTE: return (int32_t)rnd(256);
    case FK_ARG_PROC: return rnd(5) ? (int32_t)rnd(20) : rnd(2) ? -1 : FK_MAX_PID;
    case FK_ARG_PATH: return random_path();
    case FK_ARG_OFLAGS: return (int32_t)(rnd(3) | rnd(8) << 2);
    case FK_ARG_WHENCE:
    case FK_ARG_PROT: return (int32_t)rnd(3);
    case FK_ARG_SHARE: return (int32_t)rnd(2);
    default: return random_int();
    }
}

static void random_prog(struct fk_prog *p, unsigned maxlen)
{
    memset(p, 0, sizeof *p);
    p->nsteps = rnd(maxlen + 1);
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_step *s = &p->step[i];
        s->op = (uint8_t)rnd(FK_NOPS);
        s->proc = (uint16_t)(rnd(8) ? rnd(16) : rnd(FK_MAX_PID + 1));
        for (int k = 0; k < fk_ops[s->op].nargs; k++)
            s->arg[k] = random_arg(fk_ops[s->op].kind[k]);
    }
}

static int same(const struct fk_prog *x, const struct fk_prog *y)
{
    if (x->nsteps != y->nsteps)
        return 0;
    for (uint32_t i = 0; i < x->nsteps; i++) {
        const struct fk_step *s = &x->step[i], *t = &y->step[i];
        if (s->op != t->op || s->proc != t->proc
            || memcmp(s->arg, t->arg, sizeof s->arg))
            return 0;
    }
    return 1;
}

static int print_and_parse(const struct fk_prog *in, struct fk_prog *out)
{
    struct fk_out o = fk_out_make(text, sizeof text);
    struct fk_parse_error err;
    fk_prog_print(in, &o);
    if (o.len >= sizeof text)
        return -1;
    if (fk_prog_parse(text, o.len, out, &err)) {
        fprintf(stderr, "%u:%u: %s\n", err.line, err.col, err.msg);
        return -1;
    }
    return 0;
}

static void test_round_trips(void)
{
    for (int n = 0; n < 4000; n++) {
        size_t len;
        random_prog(&a, n % 10 == 0 ? FK_MAX_STEPS : 40);
        CHECK(fk_prog_valid(&a));
        CHECK(print_and_parse(&a, &b) == 0 && same(&a, &b));
        len = fk_prog_encode(&a, bin, sizeof bin);
        CHECK(len <= sizeof bin);
        CHECK(fk_prog_decode(bin, len, &c) == FK_PROG_VERSION);
        CHECK(same(&a, &c));
    }
}

static void test_decoder_total(void)
{
    uint8_t junk[600];
    for (int n = 0; n < 10000; n++) {
        size_t len = rnd(n % 50 == 0 ? sizeof junk : 64), len2;
        for (size_t i = 0; i < len; i++)
            junk[i] = (uint8_t)rnd64();
        fk_prog_decode(junk, len, &a);
        CHECK(fk_prog_valid(&a));
        /* decoding normalizes: encode(decode(x)) decodes to the same */
        len2 = fk_prog_encode(&a, bin, sizeof bin);
        CHECK(fk_prog_decode(bin, len2, &b) == FK_PROG_VERSION);
        CHECK(same(&a, &b));
        CHECK(print_and_parse(&a, &c) == 0 && same(&a, &c));
    }
}

static void test_decoder_edges(void)
{
    uint8_t big[4096] = {0};
    CHECK(fk_prog_decode(big, 0, &a) == -1 && a.nsteps == 0);
    big[0] = 7;
    CHECK(fk_prog_decode(big, 1, &a) == 7 && a.nsteps == 0);
    /* a step cut short reads the missing bytes as zeros */
    big[0] = FK_PROG_VERSION;
    big[1] = FK_OP_WRITE;
    CHECK(fk_prog_decode(big, 2, &a) == 1 && a.nsteps == 1);
    CHECK(a.step[0].op == FK_OP_WRITE && a.step[0].proc == 0
          && a.step[0].arg[0] == 0 && a.step[0].arg[2] == 0);
    /* over-long varints are consumed, not misread as further steps */
    big[1] = FK_OP_CLOSE;
    big[2] = 0;
    memset(big + 3, 0xff, 12);
    big[15] = 0x01;
    CHECK(fk_prog_decode(big, 16, &a) == 1 && a.nsteps == 1);
    /* no more than FK_MAX_STEPS steps, whatever the length */
    memset(big, FK_OP_FORK, sizeof big);
    for (size_t i = 2; i < sizeof big; i += 2)
        big[i] = 0;
    fk_prog_decode(big, sizeof big, &a);
    CHECK(a.nsteps == FK_MAX_STEPS);
}

static int parse_one(const char *src, struct fk_prog *p)
{
    struct fk_parse_error err;
    int r = fk_prog_parse(src, strlen(src), p, &err);
    if (r)
        fprintf(stderr, "unexpected error %u:%u: %s\n", err.line, err.col,
                err.msg);
    return r;
}

static int prints_as(const char *src, const char *want)
{
    struct fk_out o = fk_out_make(text, sizeof text);
    if (parse_one(src, &a))
        return 0;
    fk_prog_print(&a, &o);
    fk_out_cstr(&o);
    if (strcmp(text, want))
        fprintf(stderr, "printed:\n%s\nwanted:\n%s\n", text, want);
    return strcmp(text, want) == 0;
}

static void test_text_forms(void)
{
    CHECK(prints_as("", ""));
    CHECK(prints_as("# only a comment\n\n   \n", ""));
    CHECK(prints_as("p0 fork # comment\r\n\tp1   getpid\n",
                    "p0 fork\np1 getpid\n"));
    CHECK(prints_as("p0 open d/../f0 rdwr,append,creat",
                    "p0 open d/../f0 rdwr,creat,append\n"));
    CHECK(prints_as("p0 open / rdonly\np0 chdir ./d", "p0 open / rdonly\np0 chdir ./d\n"));
    CHECK(prints_as("p0 mmap 1073741824 2 rw shared",
                    "p0 mmap 0x40000000 2 rw shared\n"));
    CHECK(prints_as("p0 store 0x40000000 4294967295",
                    "p0 store 0x40000000 0xffffffff\n"));
    CHECK(prints_as("p0 close 0xffffffff\np0 lseek 3 -0x10 end",
                    "p0 close -1\np0 lseek 3 -16 end\n"));
    CHECK(prints_as("p0 exit -2147483648\np0 wait -1\np2 wait p1",
                    "p0 exit -2147483648\np0 wait -1\np2 wait p1\n"));
    CHECK(prints_as("p512 write 3 4096 0xff", "p512 write 3 4096 255\n"));
    CHECK(parse_one("p0 open /d/f2 wronly,trunc", &a) == 0);
    CHECK(a.step[0].arg[1] == (FK_O_WRONLY | FK_O_TRUNC));
    CHECK(fk_path_absolute(a.step[0].arg[0]) && fk_path_count(a.step[0].arg[0]) == 2);
    CHECK(fk_path_name(a.step[0].arg[0], 1) == FK_NAME_F2);
}

static void test_binary_is_compact(void)
{
    CHECK(parse_one("p0 fork\np1 close 3\np0 store 0x40000000 7", &a) == 0);
    /* version; op proc; op proc fd; op proc addr(5) value */
    CHECK(fk_prog_encode(&a, bin, sizeof bin) == 1 + 2 + 3 + 8);
}

static void test_node_ids(void)
{
    int seen[FK_NNODE] = {0};
    CHECK(fk_node_child(FK_NODE_ROOT, FK_NAME_D) == FK_NODE_D);
    CHECK(fk_node_child(FK_NODE_ROOT, FK_NAME_F1) == FK_NODE_F1);
    CHECK(fk_node_child(FK_NODE_D, FK_NAME_D) == FK_NODE_DD);
    CHECK(fk_node_child(FK_NODE_D, FK_NAME_F2) == FK_NODE_D_F2);
    /* every (directory, name) pair has its own node, and knows its parent */
    for (int dir = FK_NODE_ROOT; dir <= FK_NODE_D; dir++)
        for (int name = FK_NAME_D; name <= FK_NAME_F4; name++) {
            int n = fk_node_child(dir, name);
            if (n == FK_NODE_D) {
                CHECK(dir == FK_NODE_ROOT);
            } else {
                CHECK(n > FK_NODE_D && n < FK_NNODE && !seen[n]);
                CHECK(fk_node_parent(n) == dir && !fk_node_is_dir(n));
                seen[n] = 1;
            }
        }
    CHECK(fk_node_parent(FK_NODE_D) == FK_NODE_ROOT);
    CHECK(fk_node_parent(FK_NODE_ROOT) == FK_NODE_ROOT);
}

/* The path helpers compute with / and % (so the proofs can use them):
 * for every 16-bit value they must read the bit layout program.h gives,
 * and normalizing any 32-bit value must give a canonical path. */
static void test_path_fields(void)
{
    for (int32_t p = 0; p <= FK_PATH_MAX; p++) {
        CHECK(fk_path_absolute(p) == ((p >> 15) & 1));
        CHECK(fk_path_count(p) == ((p >> 12) & 7));
        for (int i = 0; i <= FK_PATH_MAXCOMP; i++)
            CHECK(fk_path_name(p, i) == ((p >> (3 * i)) & 7));
        int n = (p >> 12) & 7, names_only = (p & 0x0fff) >> (3 * (n < 4 ? n : 4)) == 0;
        int canonical = n <= FK_PATH_MAXCOMP && names_only && (n > 0 || (p & 0x8000));
        CHECK((fk_path_normalize((uint32_t)p) == p) == canonical);
    }
    for (int k = 0; k < 100000; k++) {
        uint32_t raw = k < 4 ? (uint32_t)-k : (uint32_t)rnd64();
        int32_t q = fk_path_normalize(raw);
        CHECK(q >= 0 && q <= FK_PATH_MAX && fk_path_count(q) <= FK_PATH_MAXCOMP);
        CHECK(fk_path_normalize((uint32_t)q) == q);
    }
    for (int32_t f = 0; f < 32; f++)
        CHECK(fk_access_mode(f) == (f & FK_O_ACCMODE));
}

int main(void)
{
    test_node_ids();
    test_path_fields();
    test_round_trips();
    test_decoder_total();
    test_decoder_edges();
    test_text_forms();
    test_binary_is_compact();
    return CHECK_DONE();
}
