/* Test only: an AFL++ custom mutator that crashes afl-fuzz on its 50th
 * mutation, as the step mutator once did (its err() bound to libc's);
 * campaign_test checks a campaign reports such a fuzzer as dead (exit 3)
 * and leaves nothing running. */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static int calls;

void *afl_custom_init(void *afl, unsigned int seed)
{
    (void)afl, (void)seed;
    return &calls;
}

void afl_custom_deinit(void *data)
{
    (void)data;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size)
{
    (void)data, (void)add_buf, (void)add_buf_size;
    if (++calls == 50)
        raise(SIGSEGV);
    *out_buf = buf;
    return buf_size < max_size ? buf_size : max_size;
}
