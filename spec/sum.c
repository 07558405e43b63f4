/* Content checksums (spec/observation.md), on their own: the model, the
 * kernel's executor and every C reproducer (diff/repro.c) link this and
 * nothing else of obs.c. Freestanding C. */
#include "spec/obs.h"

/* murmur3's finalizer: a bijection on 32 bits. */
/*@ assigns \nothing;
    ensures h == 0 ==> \result == 0;
    ensures \result == fmix32_of(h);
*/
static uint32_t fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

uint32_t fk_sum_term(uint32_t index, uint32_t value)
{
    return value ? fmix32(value ^ (index * 0x9e3779b9u)) : 0;
}

uint32_t fk_sum_words(const uint32_t *w, size_t nwords)
{
    uint32_t s = 0;
    /*@ loop invariant 0 <= i <= nwords;
        loop assigns i, s;
        loop variant nwords - i;
    */
    for (size_t i = 0; i < nwords; i++)
        s += fk_sum_term((uint32_t)i, w[i]);
    return s;
}

uint32_t fk_sum_bytes(const uint8_t *b, size_t n)
{
    uint32_t s = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant s == bytes_sum(b, i);
        loop assigns i, s;
        loop variant n - i;
    */
    for (size_t i = 0; i < n; i++)
        s += fk_sum_term((uint32_t)i, b[i]);
    return s;
}
