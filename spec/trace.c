/* Trace message payloads (spec/trace-protocol.md). */
#include "spec/trace.h"
#include "spec/bytes.h"
#include "spec/program.h"

const char *const fk_hello_limit_names[FK_HELLO_NLIMITS] = {
    "NPROC", "NOFILE", "NFILE", "NFRAME", "NOBJ", "MMAP_PAGES",
    "HEAP_MAX_PAGES", "MAX_FILE_SIZE", "PIPE_CAPACITY", "MAX_STEPS"
};

void fk_hello_local(struct fk_hello *h)
{
    static const uint16_t limits[FK_HELLO_NLIMITS] = {
        FK_NPROC, FK_NOFILE, FK_NFILE, FK_NFRAME, FK_NOBJ, FK_MMAP_PAGES,
        FK_HEAP_MAX_PAGES, FK_MAX_FILE_SIZE, FK_PIPE_CAPACITY, FK_MAX_STEPS
    };
    h->proto_version = FK_PROTO_VERSION;
    h->prog_version = FK_PROG_VERSION;
    h->features = 0;
    for (int i = 0; i < FK_HELLO_NLIMITS; i++)
        h->limit[i] = limits[i];
    h->mmap_base = FK_MMAP_BASE;
    h->heap_base = FK_HEAP_BASE;
    h->build = 0;
    h->build_len = 0;
}

int fk_hello_mismatch(const struct fk_hello *h)
{
    struct fk_hello local;
    fk_hello_local(&local);
    for (int i = 0; i < FK_HELLO_NLIMITS; i++)
        if (h->limit[i] != local.limit[i])
            return i;
    return -1;
}

static void wresult(struct fk_wbuf *w, const struct fk_result *r)
{
    uint8_t b[FK_RESULT_BYTES];
    fk_result_put(r, b);
    fk_wbytes(w, b, sizeof b);
}

static size_t done(const struct fk_wbuf *w)
{
    return w->n <= w->cap && w->n <= FK_FRAME_MAX_PAYLOAD ? w->n : 0;
}

/* The rest of the payload. */
static const uint8_t *rrest(struct fk_rbuf *r, size_t *len)
{
    *len = r->pos <= r->n ? r->n - r->pos : 0;
    return r->p + r->pos;
}

static void rresult(struct fk_rbuf *r, struct fk_result *res)
{
    uint8_t b[FK_RESULT_BYTES];
    for (int i = 0; i < FK_RESULT_BYTES; i++)
        b[i] = (uint8_t)fk_r8(r);
    fk_result_get(b, res);
}

size_t fk_hello_put(const struct fk_hello *h, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w8(&w, h->proto_version);
    fk_w8(&w, h->prog_version);
    fk_w8(&w, h->features);
    fk_w8(&w, 0);
    for (int i = 0; i < FK_HELLO_NLIMITS; i++)
        fk_w16(&w, h->limit[i]);
    fk_w32(&w, h->mmap_base);
    fk_w32(&w, h->heap_base);
    fk_wbytes(&w, h->build, h->build_len);
    return done(&w);
}

int fk_hello_get(const uint8_t *p, size_t n, struct fk_hello *h)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    h->proto_version = (uint8_t)fk_r8(&r);
    h->prog_version = (uint8_t)fk_r8(&r);
    h->features = (uint8_t)fk_r8(&r);
    fk_r8(&r);
    for (int i = 0; i < FK_HELLO_NLIMITS; i++)
        h->limit[i] = (uint16_t)fk_r16(&r);
    h->mmap_base = fk_r32(&r);
    h->heap_base = fk_r32(&r);
    h->build = rrest(&r, &h->build_len);
    return r.bad ? -1 : 0;
}

size_t fk_program_put(const struct fk_program_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w32(&w, m->prog_id);
    fk_w8(&w, m->mode);
    fk_w8(&w, m->flags);
    fk_wbytes(&w, m->prog, m->prog_len);
    return done(&w);
}

int fk_program_get(const uint8_t *p, size_t n, struct fk_program_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    m->prog_id = fk_r32(&r);
    m->mode = (uint8_t)fk_r8(&r);
    m->flags = (uint8_t)fk_r8(&r);
    m->prog = rrest(&r, &m->prog_len);
    return r.bad ? -1 : 0;
}

static void step_head(struct fk_wbuf *w, const struct fk_step_msg *m)
{
    fk_w32(w, m->prog_id);
    fk_w16(w, m->step);
    wresult(w, &m->result);
}

static void step_head_get(struct fk_rbuf *r, struct fk_step_msg *m)
{
    m->prog_id = fk_r32(r);
    m->step = (uint16_t)fk_r16(r);
    rresult(r, &m->result);
}

size_t fk_step_put(const struct fk_step_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    step_head(&w, m);
    fk_w64(&w, m->hash1);
    fk_w64(&w, m->hash2);
    return done(&w);
}

int fk_step_get(const uint8_t *p, size_t n, struct fk_step_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    step_head_get(&r, m);
    m->hash1 = fk_r64(&r);
    m->hash2 = fk_r64(&r);
    m->l1 = m->l2 = 0;
    m->n1 = m->n2 = 0;
    return fk_rexact(&r);
}

size_t fk_step_full_put(const struct fk_step_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    if (m->n1 > 0xffff)
        return 0;
    step_head(&w, m);
    fk_w16(&w, (uint32_t)m->n1);
    fk_wbytes(&w, m->l1, m->n1);
    fk_wbytes(&w, m->l2, m->n2);
    return done(&w);
}

int fk_step_full_get(const uint8_t *p, size_t n, struct fk_step_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    step_head_get(&r, m);
    m->n1 = fk_r16(&r);
    m->hash1 = m->hash2 = 0;
    if (r.bad || m->n1 > n - r.pos)
        return -1;
    m->l1 = p + r.pos;
    r.pos += m->n1;
    m->l2 = rrest(&r, &m->n2);
    return 0;
}

uint64_t fk_digest_step(uint64_t h, const struct fk_result *r, uint64_t hash1, uint64_t hash2)
{
    uint8_t record[FK_RESULT_BYTES + 16];
    struct fk_wbuf w = { record, sizeof record, 0 };
    wresult(&w, r);
    fk_w64(&w, hash1);
    fk_w64(&w, hash2);
    return fk_hash64_more(h, record, sizeof record);
}

size_t fk_digest_put(const struct fk_digest_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w32(&w, m->prog_id);
    fk_w16(&w, m->steps);
    fk_w64(&w, m->hash);
    return done(&w);
}

int fk_digest_get(const uint8_t *p, size_t n, struct fk_digest_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    m->prog_id = fk_r32(&r);
    m->steps = (uint16_t)fk_r16(&r);
    m->hash = fk_r64(&r);
    return fk_rexact(&r);
}

size_t fk_end_put(const struct fk_end_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w32(&w, m->prog_id);
    fk_w16(&w, m->steps);
    fk_w8(&w, m->leak_ok);
    fk_w8(&w, 0);
    for (int i = 0; i < FK_NLEAK; i++) {
        fk_w16(&w, m->baseline[i]);
        fk_w16(&w, m->now[i]);
    }
    fk_w16(&w, m->leaked_refs);
    return done(&w);
}

void fk_end_describe(const struct fk_end_msg *m, struct fk_out *o)
{
    static const char *const names[FK_NLEAK] = { "frames", "slots", "files", "objects",
                                                 "pipes" };
    fk_out_dec(o, m->leaked_refs);
    fk_out_str(o, " refcounts not back; free");
    for (int i = 0; i < FK_NLEAK; i++) {
        fk_out_str(o, i ? ", " : " ");
        fk_out_str(o, names[i]);
        fk_out_char(o, ' ');
        fk_out_dec(o, m->now[i]);
        fk_out_char(o, '/');
        fk_out_dec(o, m->baseline[i]);
    }
    fk_out_str(o, " (now/boot)");
}

int fk_end_get(const uint8_t *p, size_t n, struct fk_end_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    m->prog_id = fk_r32(&r);
    m->steps = (uint16_t)fk_r16(&r);
    m->leak_ok = (uint8_t)fk_r8(&r);
    fk_r8(&r);
    for (int i = 0; i < FK_NLEAK; i++) {
        m->baseline[i] = (uint16_t)fk_r16(&r);
        m->now[i] = (uint16_t)fk_r16(&r);
    }
    m->leaked_refs = (uint16_t)fk_r16(&r);
    return fk_rexact(&r);
}

size_t fk_panic_put(const struct fk_panic_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w32(&w, m->prog_id);
    fk_w32(&w, m->eip);
    fk_w32(&w, m->trap);
    fk_wbytes(&w, m->text, m->text_len);
    return done(&w);
}

int fk_panic_get(const uint8_t *p, size_t n, struct fk_panic_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    m->prog_id = fk_r32(&r);
    m->eip = fk_r32(&r);
    m->trap = fk_r32(&r);
    m->text = rrest(&r, &m->text_len);
    return r.bad ? -1 : 0;
}

size_t fk_cover_put(const struct fk_cover_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w32(&w, m->prog_id);
    fk_w32(&w, m->offset);
    fk_wbytes(&w, m->bits, m->len);
    return done(&w);
}

int fk_cover_get(const uint8_t *p, size_t n, struct fk_cover_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    m->prog_id = fk_r32(&r);
    m->offset = fk_r32(&r);
    m->bits = rrest(&r, &m->len);
    return r.bad ? -1 : 0;
}

size_t fk_error_put(const struct fk_error_msg *m, uint8_t *out, size_t cap)
{
    struct fk_wbuf w = { out, cap, 0 };
    fk_w32(&w, m->prog_id);
    fk_w8(&w, m->code);
    fk_wbytes(&w, m->text, m->text_len);
    return done(&w);
}

int fk_error_get(const uint8_t *p, size_t n, struct fk_error_msg *m)
{
    struct fk_rbuf r = { p, n, 0, 0 };
    m->prog_id = fk_r32(&r);
    m->code = (uint8_t)fk_r8(&r);
    m->text = rrest(&r, &m->text_len);
    return r.bad ? -1 : 0;
}
