/* Minimal assertions for the C tests: every CHECK counts, failures are
 * printed with their location, and CHECK_DONE ends with the plain
 * "N passed, M failed" line and the exit status. */
#ifndef FK_CHECK_H
#define FK_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond) \
    ((cond) ? (void)check_passed++ \
            : (void)(check_failed++, \
                     fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
                             __LINE__, #cond)))

#define CHECK_DONE() \
    (printf("%d passed, %d failed\n", check_passed, check_failed), \
     check_failed ? 1 : 0)

/* xorshift64*: deterministic test data from a fixed seed. */
static unsigned long long check_rng_state = 0x9e3779b97f4a7c15ull;

static inline unsigned long long rnd64(void)
{
    unsigned long long x = check_rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    check_rng_state = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* Uniform in 0 .. n-1 (n > 0). */
static inline unsigned rnd(unsigned n)
{
    return (unsigned)(rnd64() % n);
}

#endif
