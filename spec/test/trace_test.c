/* Trace message payloads: round trips, refusal of malformed payloads, and
 * one observation carried end to end through a framed STEP_FULL. */
#include <stdlib.h>
#include <string.h>
#include "spec/trace.h"
#include "spec/test/check.h"

static uint8_t buf[FK_FRAME_MAX], wire[FK_FRAME_MAX];

static void test_hello(void)
{
    struct fk_hello h, g;
    size_t n;
    fk_hello_local(&h);
    h.features = FK_FEATURE_COVERAGE;
    h.build = (const uint8_t *)"forkspec-kernel test";
    h.build_len = 20;
    n = fk_hello_put(&h, buf, sizeof buf);
    CHECK(n == 32 + 20);
    CHECK(fk_hello_get(buf, n, &g) == 0);
    CHECK(g.proto_version == FK_PROTO_VERSION && g.features == FK_FEATURE_COVERAGE);
    CHECK(g.mmap_base == FK_MMAP_BASE && g.heap_base == FK_HEAP_BASE);
    CHECK(g.build_len == 20 && memcmp(g.build, h.build, 20) == 0);
    CHECK(fk_hello_mismatch(&g) == -1);
    g.limit[3]++;                           /* a kernel built with another NFRAME */
    CHECK(fk_hello_mismatch(&g) == 3);
    CHECK(strcmp(fk_hello_limit_names[3], "NFRAME") == 0);
    CHECK(fk_hello_get(buf, 31, &g) == -1);
    CHECK(fk_hello_put(&h, buf, 40) == 0);  /* too small: nothing claimed */
}

static void test_program(void)
{
    struct fk_program_msg m = { 77, FK_MODE_FULL, FK_FEATURE_COVERAGE,
                                (const uint8_t *)"\1\0\0", 3 }, g;
    size_t n = fk_program_put(&m, buf, sizeof buf);
    CHECK(n == 9);
    CHECK(fk_program_get(buf, n, &g) == 0);
    CHECK(g.prog_id == 77 && g.mode == FK_MODE_FULL && g.flags == 1);
    CHECK(g.prog_len == 3 && memcmp(g.prog, "\1\0\0", 3) == 0);
    CHECK(fk_program_get(buf, 5, &g) == -1);
}

static void test_step(void)
{
    struct fk_step_msg m = { 5, 511, { FK_R_ERR, 9, 0 }, 0x0123456789abcdefull,
                             0xfedcba9876543210ull, 0, 0, 0, 0 }, g;
    size_t n = fk_step_put(&m, buf, sizeof buf);
    CHECK(n == 31);
    CHECK(fk_step_get(buf, n, &g) == 0);
    CHECK(g.prog_id == 5 && g.step == 511 && g.result.kind == FK_R_ERR);
    CHECK(g.result.val == 9 && g.hash1 == m.hash1 && g.hash2 == m.hash2);
    CHECK(fk_step_get(buf, n - 1, &g) == -1);
    buf[n] = 0;
    CHECK(fk_step_get(buf, n + 1, &g) == -1);
}

/* A step's digest record is its STEP payload after id and index; the
 * digest is FNV-1a over the records in order. */
static void test_digest(void)
{
    struct fk_step_msg a = { 7, 0, { FK_R_OK, 3, 0 }, 11, 22, 0, 0, 0, 0 };
    struct fk_step_msg b = { 7, 1, { FK_R_ERR, 9, 1 }, 33, 44, 0, 0, 0, 0 };
    uint8_t records[50];
    CHECK(fk_step_put(&a, buf, sizeof buf) == 31);
    memcpy(records, buf + 6, 25);
    CHECK(fk_step_put(&b, buf, sizeof buf) == 31);
    memcpy(records + 25, buf + 6, 25);
    uint64_t h = fk_digest_step(FK_HASH64_BASIS, &a.result, a.hash1, a.hash2);
    CHECK(h == fk_hash64(records, 25));
    uint64_t ab = fk_digest_step(h, &b.result, b.hash1, b.hash2);
    CHECK(ab == fk_hash64(records, 50));
    uint64_t ba = fk_digest_step(fk_digest_step(FK_HASH64_BASIS, &b.result, b.hash1, b.hash2),
                                 &a.result, a.hash1, a.hash2);
    CHECK(ba != ab);
    struct fk_digest_msg m = { 0xdeadbeef, 512, ab }, g;
    size_t n = fk_digest_put(&m, buf, sizeof buf);
    CHECK(n == 14);
    CHECK(fk_digest_get(buf, n, &g) == 0 && g.prog_id == m.prog_id && g.steps == 512
          && g.hash == ab);
    CHECK(fk_digest_get(buf, n - 1, &g) == -1);
    CHECK(fk_digest_get(buf, n + 1, &g) == -1);
}

static void test_step_full_end_to_end(void)
{
    static struct fk_obs raw, canon, back;
    static uint8_t l1[FK_OBS_MAX_BYTES], l2[FK_OBS_MAX_BYTES];
    static struct fk_frame_decoder dec;
    struct fk_step_msg m = { 9, 3, { FK_R_OK, 2, 0 }, 0, 0, l1, l2, 0, 0 }, g;
    struct fk_frame f;
    size_t n, framed;
    fk_obs_clear(&raw);
    raw.nproc = 2;
    raw.nfile = 1;
    raw.proc[0].pid = 1;
    raw.proc[1].pid = 0;
    raw.proc[1].ppid = -1;
    for (int p = 0; p < 2; p++) {
        raw.proc[p].state = FK_P_ALIVE;
        for (int i = 0; i < FK_NOFILE; i++)
            raw.proc[p].fd[i] = FK_NIL;
        raw.proc[p].fd[0] = 0;
    }
    raw.file[0].kind = FK_F_FILE;
    raw.file[0].node = 2;
    raw.file[0].offset = 16;
    raw.file[0].refs = 2;
    raw.node[2].exists = 1;
    raw.node[2].size = 64;
    fk_obs_canon(&raw, &canon);
    m.n1 = fk_obs_serialize(&canon, FK_L1, l1, sizeof l1);
    m.n2 = fk_obs_serialize(&canon, FK_L2, l2, sizeof l2);
    n = fk_step_full_put(&m, buf, sizeof buf);
    CHECK(n == 17 + m.n1 + m.n2);
    framed = fk_frame_encode(FK_T_STEP_FULL, 42, buf, n, wire, sizeof wire);
    fk_frame_decoder_init(&dec);
    CHECK(fk_frame_push(&dec, wire, framed) == framed);
    CHECK(fk_frame_next(&dec, &f) == 1 && f.type == FK_T_STEP_FULL && f.seq == 42);
    CHECK(fk_step_full_get(f.payload, f.len, &g) == 0);
    CHECK(g.prog_id == 9 && g.step == 3 && g.n1 == m.n1 && g.n2 == m.n2);
    CHECK(fk_obs_deserialize(g.l1, g.n1, g.l2, g.n2, &back) == 0);
    CHECK(back.nproc == 2 && back.proc[0].pid == 0 && back.file[0].offset == 16);
    CHECK(back.file[0].refs == 2 && back.node[2].size == 64);
    /* an L1 length beyond the payload is refused */
    CHECK(fk_step_full_get(f.payload, 17 + m.n1 - 1, &g) == -1);
}

static void test_end_panic_cover_error(void)
{
    struct fk_end_msg e = { 3, 20, 1, { 128, 15, 64, 32, 32 }, { 128, 15, 63, 32, 31 }, 1 }, eg;
    struct fk_panic_msg p = { 3, 0xc0101234, 14, (const uint8_t *)"page fault", 10 }, pg;
    struct fk_cover_msg c = { 3, 4096, (const uint8_t *)"\1\2\3", 3 }, cg;
    struct fk_error_msg x = { 0, FK_ERR_TYPE, (const uint8_t *)"type 9", 6 }, xg;
    size_t n = fk_end_put(&e, buf, sizeof buf);
    CHECK(n == 30 && fk_end_get(buf, n, &eg) == 0);
    CHECK(eg.steps == 20 && eg.leak_ok == 1 && eg.now[FK_LEAK_FILES] == 63);
    CHECK(eg.baseline[FK_LEAK_PIPES] == 32 && eg.now[FK_LEAK_PIPES] == 31);
    char text[200];
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_end_describe(&eg, &o);
    CHECK(!strcmp(fk_out_cstr(&o), "1 refcounts not back; free frames 128/128, slots 15/15, "
                  "files 63/64, objects 32/32, pipes 31/32 (now/boot)"));
    CHECK(eg.leaked_refs == 1 && fk_end_get(buf, n - 2, &eg) == -1);
    n = fk_panic_put(&p, buf, sizeof buf);
    CHECK(fk_panic_get(buf, n, &pg) == 0 && pg.eip == 0xc0101234 && pg.trap == 14);
    CHECK(pg.text_len == 10 && memcmp(pg.text, "page fault", 10) == 0);
    CHECK(fk_panic_get(buf, 11, &pg) == -1);
    n = fk_cover_put(&c, buf, sizeof buf);
    CHECK(fk_cover_get(buf, n, &cg) == 0 && cg.offset == 4096 && cg.len == 3);
    n = fk_error_put(&x, buf, sizeof buf);
    CHECK(fk_error_get(buf, n, &xg) == 0 && xg.code == FK_ERR_TYPE && xg.text_len == 6);
    CHECK(fk_error_get(buf, 4, &xg) == -1);
}

static void test_garbage_payloads(void)
{
    /* every decoder takes any bytes without reading past them */
    for (int t = 0; t < 3000; t++) {
        size_t n = rnd(64);
        uint8_t *p = malloc(n ? n : 1);
        struct fk_hello h;
        struct fk_program_msg pm;
        struct fk_step_msg sm;
        struct fk_end_msg em;
        struct fk_panic_msg pa;
        struct fk_digest_msg dm;
        for (size_t i = 0; i < n; i++)
            p[i] = (uint8_t)rnd64();
        if (fk_step_full_get(p, n, &sm) == 0)
            CHECK(sm.l1 + sm.n1 <= p + n && sm.l2 + sm.n2 == p + n);
        if (fk_program_get(p, n, &pm) == 0)
            CHECK(pm.prog + pm.prog_len == p + n);
        CHECK(fk_hello_get(p, n, &h) == (n >= 32 ? 0 : -1));
        CHECK(fk_step_get(p, n, &sm) == (n == 31 ? 0 : -1));
        CHECK(fk_end_get(p, n, &em) == (n == 30 ? 0 : -1));
        CHECK(fk_panic_get(p, n, &pa) == (n >= 12 ? 0 : -1));
        CHECK(fk_digest_get(p, n, &dm) == (n == 14 ? 0 : -1));
        free(p);
    }
}

int main(void)
{
    test_hello();
    test_program();
    test_step();
    test_digest();
    test_step_full_end_to_end();
    test_end_panic_cover_error();
    test_garbage_payloads();
    return CHECK_DONE();
}
