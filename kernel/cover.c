/* Not instrumented itself (build.sh), nor are the trace link's files. */
#include "kernel/cover.h"
#include <string.h>
#include "kernel/ktrace.h"
#include "spec/trace.h"

#ifdef KERNEL_COVERAGE
static uint8_t bits[FK_COVER_BYTES];
static uint32_t prev;

void __sanitizer_cov_trace_pc(void);
void __sanitizer_cov_trace_pc(void)
{
    uint32_t pc = (uint32_t)(uintptr_t)__builtin_return_address(0);
    uint32_t edge = (pc ^ prev) * 0x9e3779b1u >> 20;    /* 12 bits */
    bits[edge / 8 % FK_COVER_BYTES] |= (uint8_t)(1u << (edge % 8));
    prev = pc >> 1;
}

int cover_built(void) { return 1; }

void cover_reset(void)
{
    memset(bits, 0, sizeof bits);
    prev = 0;
}

void cover_send(uint32_t prog_id)
{
    static uint8_t payload[FK_COVER_BYTES + 16];
    struct fk_cover_msg m = { prog_id, 0, bits, sizeof bits };
    trace_send(FK_T_COVER, payload, fk_cover_put(&m, payload, sizeof payload));
}
#else
int cover_built(void) { return 0; }
void cover_reset(void) {}
void cover_send(uint32_t prog_id) { (void)prog_id; }
#endif
