/* Payloads of the trace protocol's frames (spec/trace-protocol.md): one
 * encoder and one decoder per message, shared by kernel and host.
 * Encoders return the payload size (0 if cap is too small); decoders return
 * 0, or -1 when the payload is malformed. Freestanding C. */
#ifndef FK_TRACE_H
#define FK_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include "spec/frame.h"
#include "spec/obs.h"
#include "spec/out.h"

#define FK_FEATURE_COVERAGE 1       /* HELLO features, PROGRAM flags */
#define FK_FEATURE_PROGRAM_HASH 2   /* HELLO features: takes mode FK_MODE_PROGRAM_HASH */
#define FK_HELLO_NLIMITS    10

struct fk_hello {
    uint8_t proto_version, prog_version, features;
    uint16_t limit[FK_HELLO_NLIMITS];   /* in the order of fk_hello_local */
    uint32_t mmap_base, heap_base;
    const uint8_t *build;               /* build id text, not terminated */
    size_t build_len;
};

/* This build's HELLO values (limits from spec/limits.h). */
void fk_hello_local(struct fk_hello *h);
/* Index of the first limit that differs from this build's, or -1. */
int fk_hello_mismatch(const struct fk_hello *h);
extern const char *const fk_hello_limit_names[FK_HELLO_NLIMITS];

size_t fk_hello_put(const struct fk_hello *h, uint8_t *out, size_t cap);
int fk_hello_get(const uint8_t *p, size_t n, struct fk_hello *h);

struct fk_program_msg {
    uint32_t prog_id;
    uint8_t mode;                       /* enum fk_mode */
    uint8_t flags;                      /* FK_FEATURE_COVERAGE: send COVER */
    const uint8_t *prog;                /* binary program */
    size_t prog_len;
};

/* The largest PROGRAM payload: id, mode, flags and a binary program of
 * FK_MAX_STEPS steps (at most 32 bytes each). The kernel takes no longer
 * host frame, so the zero padding that unsticks its decoder before a RESET
 * (trace-protocol.md, "Resynchronization") is one such frame. */
#define FK_PROGRAM_BIN_MAX     (1 + FK_MAX_STEPS * 32)
#define FK_PROGRAM_PAYLOAD_MAX (6 + FK_PROGRAM_BIN_MAX)
#define FK_RESYNC_PADDING      (FK_FRAME_HEADER + FK_PROGRAM_PAYLOAD_MAX + FK_FRAME_TRAILER)

size_t fk_program_put(const struct fk_program_msg *m, uint8_t *out, size_t cap);
int fk_program_get(const uint8_t *p, size_t n, struct fk_program_msg *m);

/* STEP (hash mode) and STEP_FULL (full mode). */
struct fk_step_msg {
    uint32_t prog_id;
    uint16_t step;
    struct fk_result result;
    uint64_t hash1, hash2;              /* STEP */
    const uint8_t *l1, *l2;             /* STEP_FULL */
    size_t n1, n2;
};

size_t fk_step_put(const struct fk_step_msg *m, uint8_t *out, size_t cap);
int fk_step_get(const uint8_t *p, size_t n, struct fk_step_msg *m);
size_t fk_step_full_put(const struct fk_step_msg *m, uint8_t *out, size_t cap);
int fk_step_full_get(const uint8_t *p, size_t n, struct fk_step_msg *m);

/* DIGEST (program-hash mode): FNV-1a over the 25-byte records (L0 result,
 * L1 hash, L2 hash, as in STEP) of every step in order, one frame after
 * the last step instead of a STEP per step. */
struct fk_digest_msg {
    uint32_t prog_id;
    uint16_t steps;                     /* steps run */
    uint64_t hash;
};

/* The digest after one more step, from the digest h of the steps before
 * it (FK_HASH64_BASIS before the first). */
uint64_t fk_digest_step(uint64_t h, const struct fk_result *r, uint64_t hash1, uint64_t hash2);
size_t fk_digest_put(const struct fk_digest_msg *m, uint8_t *out, size_t cap);
int fk_digest_get(const uint8_t *p, size_t n, struct fk_digest_msg *m);

enum { FK_LEAK_FRAMES, FK_LEAK_PROCS, FK_LEAK_FILES, FK_LEAK_OBJS, FK_LEAK_PIPES, FK_NLEAK };

struct fk_end_msg {
    uint32_t prog_id;
    uint16_t steps;                     /* steps run */
    uint8_t leak_ok;                    /* every count and refcount as at boot */
    uint16_t baseline[FK_NLEAK], now[FK_NLEAK];  /* free counts */
    uint16_t leaked_refs;               /* refcounts not back to baseline */
};

size_t fk_end_put(const struct fk_end_msg *m, uint8_t *out, size_t cap);
/* "2 refcounts not back; free frames 120/128, slots ..., pipes 63/64
 * (now/boot)": what a leak report says, onto o. */
void fk_end_describe(const struct fk_end_msg *m, struct fk_out *o);
int fk_end_get(const uint8_t *p, size_t n, struct fk_end_msg *m);

#define FK_TRAP_ASSERT 0xffffffffu      /* PANIC from a failed kernel check */

struct fk_panic_msg {
    uint32_t prog_id, eip, trap;
    const uint8_t *text;
    size_t text_len;
};

size_t fk_panic_put(const struct fk_panic_msg *m, uint8_t *out, size_t cap);
int fk_panic_get(const uint8_t *p, size_t n, struct fk_panic_msg *m);

#define FK_COVER_BYTES 512          /* the kernel's coverage bitmap: 4096 edges */

struct fk_cover_msg {
    uint32_t prog_id, offset;
    const uint8_t *bits;
    size_t len;
};

size_t fk_cover_put(const struct fk_cover_msg *m, uint8_t *out, size_t cap);
int fk_cover_get(const uint8_t *p, size_t n, struct fk_cover_msg *m);

enum fk_error_code {
    FK_ERR_TYPE = 1,        /* unknown frame type */
    FK_ERR_PAYLOAD = 2,     /* malformed payload */
    FK_ERR_MODE = 3,        /* unknown mode */
    FK_ERR_VERSION = 4,     /* unsupported protocol version */
    FK_ERR_BACKEND = 5      /* an agent could not run or observe a step (text: why) */
};

struct fk_error_msg {
    uint32_t prog_id;
    uint8_t code;
    const uint8_t *text;
    size_t text_len;
};

size_t fk_error_put(const struct fk_error_msg *m, uint8_t *out, size_t cap);
int fk_error_get(const uint8_t *p, size_t n, struct fk_error_msg *m);

#endif
