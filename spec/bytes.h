/* Bounded little-endian byte writer and reader, shared by the serializers.
 * The writer counts past cap (so callers learn the size needed) and never
 * writes there; the reader sets bad on any read past the end. */
#ifndef FK_BYTES_H
#define FK_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* Fixed-place fields, for headers whose layout is known in advance. */
static inline void fk_put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void fk_put32(uint8_t *p, uint32_t v) { fk_put16(p, v); fk_put16(p + 2, v >> 16); }
static inline uint32_t fk_get16(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8; }
static inline uint32_t fk_get32(const uint8_t *p) { return fk_get16(p) | fk_get16(p + 2) << 16; }

struct fk_wbuf {
    uint8_t *p;
    size_t cap, n;
};

static inline void fk_w8(struct fk_wbuf *w, uint32_t v)
{
    if (w->n < w->cap)
        w->p[w->n] = (uint8_t)v;
    w->n++;
}

static inline void fk_w16(struct fk_wbuf *w, uint32_t v) { fk_w8(w, v); fk_w8(w, v >> 8); }
static inline void fk_w32(struct fk_wbuf *w, uint32_t v) { fk_w16(w, v); fk_w16(w, v >> 16); }
static inline void fk_w64(struct fk_wbuf *w, uint64_t v)
{
    fk_w32(w, (uint32_t)v);
    fk_w32(w, (uint32_t)(v >> 32));
}

static inline void fk_wbytes(struct fk_wbuf *w, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fk_w8(w, b[i]);
}

struct fk_rbuf {
    const uint8_t *p;
    size_t n, pos;
    int bad;
};

static inline uint32_t fk_r8(struct fk_rbuf *r)
{
    if (r->pos >= r->n) {
        r->bad = 1;
        return 0;
    }
    return r->p[r->pos++];
}

static inline uint32_t fk_r16(struct fk_rbuf *r) { uint32_t v = fk_r8(r); return v | fk_r8(r) << 8; }
static inline uint32_t fk_r32(struct fk_rbuf *r) { uint32_t v = fk_r16(r); return v | fk_r16(r) << 16; }
static inline uint64_t fk_r64(struct fk_rbuf *r)
{
    uint64_t v = fk_r32(r);
    return v | (uint64_t)fk_r32(r) << 32;
}

/* 0 when the reader consumed exactly its input without running past it. */
static inline int fk_rexact(const struct fk_rbuf *r)
{
    return r->bad || r->pos != r->n ? -1 : 0;
}

#endif
