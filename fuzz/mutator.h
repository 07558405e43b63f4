/* The step-level custom mutator's entry points, as AFL++ calls them
 * (AFL_CUSTOM_MUTATOR_LIBRARY; AFL++'s state is not looked at). */
#ifndef FUZZ_MUTATOR_H
#define FUZZ_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* The mutator's state, its random draws seeded with seed. */
void *afl_custom_init(void *afl, unsigned int seed);
void afl_custom_deinit(void *data);

/* buf decoded, one to three step mutations (add_buf, another queue entry,
 * may give steps), re-encoded into *out_buf (the mutator's buffer) within
 * max_size bytes: its length. */
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size);

#endif
