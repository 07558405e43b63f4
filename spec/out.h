/* A bounded text/bytes sink for freestanding code: appends never overflow;
 * len keeps counting past cap so callers learn the size they needed. */
#ifndef FK_OUT_H
#define FK_OUT_H

#include <stddef.h>
#include <stdint.h>

struct fk_out {
    char *buf;
    size_t cap;
    size_t len;
};

static inline struct fk_out fk_out_make(char *buf, size_t cap)
{
    struct fk_out o = { buf, cap, 0 };
    return o;
}

void fk_out_char(struct fk_out *o, char c);
void fk_out_str(struct fk_out *o, const char *s);
void fk_out_mem(struct fk_out *o, const char *s, size_t n);
void fk_out_dec(struct fk_out *o, int64_t v);
void fk_out_hex(struct fk_out *o, uint32_t v);   /* 0x-prefixed, lowercase */
/* Terminates the text (inside cap) and returns buf. */
const char *fk_out_cstr(struct fk_out *o);

#endif
