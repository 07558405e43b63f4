/* Trace frame codec (spec/trace-protocol.md). */
#include "spec/frame.h"
#include "spec/bytes.h"

/* Nibble-wise table for the reflected polynomial 0xEDB88320: small enough
 * for the kernel image, fast enough for a serial line. */
static const uint32_t crc_nibble[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
    0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c
};

uint32_t fk_crc32(uint32_t crc, const uint8_t *buf, size_t len)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= buf[i];
        crc = (crc >> 4) ^ crc_nibble[crc & 15];
        crc = (crc >> 4) ^ crc_nibble[crc & 15];
    }
    return ~crc;
}

/* The header check: low 16 bits of the CRC-32 of version..len. */
static uint32_t header_check(const uint8_t *h)
{
    return fk_crc32(0, h + 2, 6) & 0xffff;
}

size_t fk_frame_encode(uint8_t type, uint16_t seq, const uint8_t *payload,
                       size_t len, uint8_t *out, size_t cap)
{
    size_t total = FK_FRAME_HEADER + len + FK_FRAME_TRAILER;
    if (len > FK_FRAME_MAX_PAYLOAD || cap < total)
        return 0;
    out[0] = FK_FRAME_MAGIC0;
    out[1] = FK_FRAME_MAGIC1;
    out[2] = FK_PROTO_VERSION;
    out[3] = type;
    fk_put16(out + 4, seq);
    fk_put16(out + 6, (uint32_t)len);
    fk_put16(out + 8, header_check(out));
    for (size_t i = 0; i < len; i++)
        out[FK_FRAME_HEADER + i] = payload[i];
    fk_put32(out + FK_FRAME_HEADER + len,
             fk_crc32(0, out + 2, FK_FRAME_HEADER - 2 + len));
    return total;
}

void fk_frame_decoder_init(struct fk_frame_decoder *d)
{
    d->start = d->end = 0;
    d->max_len = FK_FRAME_MAX_PAYLOAD;
    d->skipped = d->bad_frames = 0;
}

size_t fk_frame_push(struct fk_frame_decoder *d, const uint8_t *data, size_t n)
{
    size_t take;
    if (d->start > 0 && d->end + n > sizeof d->buf) {
        size_t live = d->end - d->start;
        for (size_t i = 0; i < live; i++)
            d->buf[i] = d->buf[d->start + i];
        d->start = 0;
        d->end = live;
    }
    take = sizeof d->buf - d->end;
    if (take > n)
        take = n;
    for (size_t i = 0; i < take; i++)
        d->buf[d->end + i] = data[i];
    d->end += take;
    return take;
}

static void skip_one(struct fk_frame_decoder *d)
{
    d->start++;
    d->skipped++;
}

/* Results of looking at the bytes at d->start. */
enum { SCAN_FRAME, SCAN_MORE, SCAN_SKIP };

static int scan(struct fk_frame_decoder *d, struct fk_frame *f)
{
    const uint8_t *p = d->buf + d->start;
    size_t avail = d->end - d->start, len;
    if (p[0] != FK_FRAME_MAGIC0)
        return SCAN_SKIP;
    if (avail < 2)
        return SCAN_MORE;
    if (p[1] != FK_FRAME_MAGIC1)
        return SCAN_SKIP;
    if (avail < FK_FRAME_HEADER)
        return SCAN_MORE;
    if (fk_get16(p + 8) != header_check(p))
        return SCAN_SKIP;
    len = fk_get16(p + 6);
    if (len > d->max_len)
        return SCAN_SKIP;
    if (avail < FK_FRAME_HEADER + len + FK_FRAME_TRAILER)
        return SCAN_MORE;
    if (fk_get32(p + FK_FRAME_HEADER + len)
        != fk_crc32(0, p + 2, FK_FRAME_HEADER - 2 + len)) {
        d->bad_frames++;
        return SCAN_SKIP;
    }
    f->version = p[2];
    f->type = p[3];
    f->seq = (uint16_t)fk_get16(p + 4);
    f->len = (uint16_t)len;
    f->payload = p + FK_FRAME_HEADER;
    d->start += FK_FRAME_HEADER + len + FK_FRAME_TRAILER;
    return SCAN_FRAME;
}

int fk_frame_next(struct fk_frame_decoder *d, struct fk_frame *f)
{
    while (d->start < d->end) {
        int r = scan(d, f);
        if (r == SCAN_FRAME)
            return 1;
        if (r == SCAN_MORE)
            return 0;
        skip_one(d);
    }
    d->start = d->end = 0;
    return 0;
}

int fk_frame_flush(struct fk_frame_decoder *d, struct fk_frame *f)
{
    while (d->start < d->end) {
        if (fk_frame_next(d, f))
            return 1;
        if (d->start < d->end)
            skip_one(d);    /* the incomplete frame at start is damaged */
    }
    return 0;
}
