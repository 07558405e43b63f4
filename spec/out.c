#include "spec/out.h"

void fk_out_char(struct fk_out *o, char c)
{
    if (o->len < o->cap)
        o->buf[o->len] = c;
    o->len++;
}

void fk_out_str(struct fk_out *o, const char *s)
{
    while (*s)
        fk_out_char(o, *s++);
}

void fk_out_mem(struct fk_out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fk_out_char(o, s[i]);
}

void fk_out_dec(struct fk_out *o, int64_t v)
{
    char digits[20];
    int n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (v < 0)
        fk_out_char(o, '-');
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        fk_out_char(o, digits[--n]);
}

void fk_out_hex(struct fk_out *o, uint32_t v)
{
    int shift = 28;
    fk_out_str(o, "0x");
    while (shift > 0 && ((v >> shift) & 15) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        fk_out_char(o, "0123456789abcdef"[(v >> shift) & 15]);
}

const char *fk_out_cstr(struct fk_out *o)
{
    if (o->cap == 0)
        return "";
    o->buf[o->len < o->cap ? o->len : o->cap - 1] = 0;
    return o->buf;
}
