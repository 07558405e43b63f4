/* Trace protocol frames (spec/trace-protocol.md): encoder and an
 * incremental decoder that resynchronizes after garbage. Freestanding C. */
#ifndef FK_FRAME_H
#define FK_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FK_FRAME_MAGIC0       0xF5
#define FK_FRAME_MAGIC1       0x4B
#define FK_PROTO_VERSION      2       /* 2: END counts free pipe slots */
#define FK_FRAME_HEADER       10      /* magic 2, version, type, seq 2, len 2, hcrc 2 */
#define FK_FRAME_TRAILER      4       /* CRC-32 */
#define FK_FRAME_MAX_PAYLOAD  65535
#define FK_FRAME_MAX          (FK_FRAME_HEADER + FK_FRAME_MAX_PAYLOAD + FK_FRAME_TRAILER)

/* Frame types: host to kernel below 0x80, kernel to host from 0x80. */
enum fk_frame_type {
    FK_T_PROGRAM = 0x01,    /* u32 program id, u8 mode, binary program */
    FK_T_RESET = 0x02,      /* empty: reset to pristine, answer HELLO */
    FK_T_HELLO = 0x81,      /* protocol version and limits */
    FK_T_STEP = 0x82,       /* hash mode step record */
    FK_T_STEP_FULL = 0x83,  /* full mode step record */
    FK_T_END = 0x84,        /* end of program, leak check */
    FK_T_PANIC = 0x85,      /* u32 eip, message */
    FK_T_COVER = 0x86,      /* coverage bitmap chunk */
    FK_T_ERROR = 0x87,      /* a host frame the kernel refused */
    FK_T_DIGEST = 0x88      /* program-hash mode: every step's record, hashed */
};

/* hash: a STEP per step; full: a STEP_FULL per step; program hash: one
 * DIGEST after the last step (spec/trace-protocol.md, "Messages"). */
enum fk_mode { FK_MODE_HASH = 0, FK_MODE_FULL = 1, FK_MODE_PROGRAM_HASH = 2 };

/* CRC-32 (IEEE 802.3, as zlib's crc32): crc is the running value, 0 to
 * start. */
uint32_t fk_crc32(uint32_t crc, const uint8_t *buf, size_t len);

/* Writes one frame; returns its size (FK_FRAME_HEADER + len + 4), or 0 if
 * len is too large or cap too small (nothing is written then). */
size_t fk_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload,
                       size_t len, uint8_t *out, size_t cap);

struct fk_frame {
    uint8_t version, type;
    uint16_t seq;
    uint16_t len;
    const uint8_t *payload;     /* valid until the next call on the decoder */
};

struct fk_frame_decoder {
    uint8_t buf[FK_FRAME_MAX];
    size_t start, end;          /* undecoded bytes are buf[start .. end) */
    size_t max_len;             /* a header promising a longer payload is
                                   damage (FK_FRAME_MAX_PAYLOAD after init) */
    uint32_t skipped;           /* bytes dropped while resynchronizing */
    uint32_t bad_frames;        /* complete frames whose CRC failed */
};

void fk_frame_decoder_init(struct fk_frame_decoder *d);

/* Buffers up to n bytes; returns how many it took (less than n only when
 * the buffer is full: call fk_frame_next, then push the rest). */
size_t fk_frame_push(struct fk_frame_decoder *d, const uint8_t *data,
                     size_t n);

/* 1 and *f when a complete, intact frame is available; 0 when more bytes
 * are needed. */
int fk_frame_next(struct fk_frame_decoder *d, struct fk_frame *f);

/* For a stream gone idle: a frame whose header promises more bytes than
 * arrived is taken to be damaged, and the bytes after its start are
 * searched again. Returns 1 and *f if that finds an intact frame. Call
 * repeatedly until it returns 0. */
int fk_frame_flush(struct fk_frame_decoder *d, struct fk_frame *f);

#endif
