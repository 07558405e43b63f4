/* Trace frames: CRC-32 against zlib, and the decoder under bit flips,
 * truncation, inserted garbage and dropped bytes: every frame that is not
 * damaged itself must come through, intact and in order. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "spec/frame.h"
#include "spec/test/check.h"

#define NFRAMES 12

static uint8_t stream[NFRAMES * (FK_FRAME_MAX + 64)];
static uint8_t payloads[NFRAMES][FK_FRAME_MAX_PAYLOAD];
static size_t plen[NFRAMES];
static struct fk_frame_decoder dec;

static void test_crc_matches_zlib(void)
{
    static uint8_t buf[5000];
    for (int n = 0; n < 300; n++) {
        size_t len = rnd(sizeof buf), cut = len ? rnd((unsigned)len) : 0;
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)rnd64();
        uLong z = crc32(0L, buf, (uInt)len);
        CHECK(fk_crc32(0, buf, len) == (uint32_t)z);
        /* running CRCs chain as zlib's do */
        CHECK(fk_crc32(fk_crc32(0, buf, cut), buf + cut, len - cut) == (uint32_t)z);
    }
    CHECK(fk_crc32(0, (const uint8_t *)"123456789", 9) == 0xcbf43926u);
}

static void test_encode_limits(void)
{
    static uint8_t out[FK_FRAME_MAX + 1];
    CHECK(fk_frame_encode(FK_T_STEP, 1, payloads[0], 10, out, 23) == 0);
    CHECK(fk_frame_encode(FK_T_STEP, 1, payloads[0], 10, out, 24) == 24);
    CHECK(fk_frame_encode(FK_T_STEP, 1, payloads[0], FK_FRAME_MAX_PAYLOAD + 1,
                          out, sizeof out) == 0);
    CHECK(fk_frame_encode(FK_T_STEP, 1, payloads[0], FK_FRAME_MAX_PAYLOAD, out,
                          sizeof out) == FK_FRAME_MAX);
}

/* Encodes NFRAMES random frames into stream; start[i] is where frame i
 * begins, start[NFRAMES] the end. */
static size_t make_stream(size_t start[NFRAMES + 1])
{
    size_t n = 0;
    for (int i = 0; i < NFRAMES; i++) {
        plen[i] = rnd(20) == 0 ? 30000 + rnd(FK_FRAME_MAX_PAYLOAD - 30000) : rnd(200);
        for (size_t k = 0; k < plen[i]; k++)
            payloads[i][k] = (uint8_t)(rnd(8) == 0 ? FK_FRAME_MAGIC0 : rnd64());
        start[i] = n;
        n += fk_frame_encode((uint8_t)(0x80 + i), (uint16_t)i, payloads[i],
                             plen[i], stream + n, sizeof stream - n);
    }
    start[NFRAMES] = n;
    return n;
}

/* Feeds the stream in random chunks, then flushes as an idle host would.
 * got[i] counts deliveries of frame i; returns -1 if anything delivered
 * was not one of the frames, or came out of order. */
static int feed(const uint8_t *s, size_t n, int got[NFRAMES])
{
    struct fk_frame f;
    int last = -1, more = 1;
    size_t pos = 0;
    fk_frame_decoder_init(&dec);
    memset(got, 0, NFRAMES * sizeof got[0]);
    while (more) {
        int r;
        if (pos < n) {
            size_t chunk = 1 + rnd(rnd(2) ? 16 : 70000);
            pos += fk_frame_push(&dec, s + pos, chunk > n - pos ? n - pos : chunk);
            r = fk_frame_next(&dec, &f);
        } else {
            r = fk_frame_flush(&dec, &f);
            more = r;
        }
        for (; r; r = fk_frame_next(&dec, &f)) {
            int i = f.type - 0x80;
            if (i < 0 || i >= NFRAMES || f.seq != i || i <= last
                || f.len != plen[i] || memcmp(f.payload, payloads[i], f.len))
                return -1;
            got[i]++;
            last = i;
        }
    }
    return 0;
}

static uint8_t damaged[sizeof stream + 64];

enum { FLIP, TRUNCATE, DROP, INSERT_INSIDE, INSERT_BETWEEN, NDAMAGE };

/* Damages frame v of the stream; returns the new length. */
static size_t damage(int kind, const size_t *start, int v, size_t n)
{
    size_t a = start[v], b = start[v + 1], at, cut;
    size_t len = b - a;
    switch (kind) {
    case FLIP:
        memcpy(damaged, stream, n);
        damaged[a + rnd((unsigned)len)] ^= (uint8_t)(1u << rnd(8));
        return n;
    case TRUNCATE:
    case DROP:
        cut = 1 + rnd(kind == TRUNCATE ? (unsigned)len - 1 : 5);
        at = kind == TRUNCATE ? b - cut : a + rnd((unsigned)(len - cut));
        memcpy(damaged, stream, at);
        memcpy(damaged + at, stream + at + cut, n - at - cut);
        return n - cut;
    default:
        cut = 1 + rnd(40);
        at = kind == INSERT_BETWEEN ? a : a + 1 + rnd((unsigned)len - 1);
        memcpy(damaged, stream, at);
        for (size_t i = 0; i < cut; i++)
            damaged[at + i] = (uint8_t)(rnd(3) == 0 ? FK_FRAME_MAGIC0
                                        : rnd(3) == 0 ? FK_FRAME_MAGIC1 : rnd64());
        memcpy(damaged + at + cut, stream + at, n - at);
        return n + cut;
    }
}

static void test_clean_stream(void)
{
    size_t start[NFRAMES + 1], n = make_stream(start);
    int got[NFRAMES];
    CHECK(feed(stream, n, got) == 0);
    for (int i = 0; i < NFRAMES; i++)
        CHECK(got[i] == 1);
    CHECK(dec.skipped == 0 && dec.bad_frames == 0);
}

static void test_damage(void)
{
    for (int trial = 0; trial < 400; trial++) {
        size_t start[NFRAMES + 1], n = make_stream(start), m;
        int got[NFRAMES], v = (int)rnd(NFRAMES), kind = trial % NDAMAGE;
        m = damage(kind, start, v, n);
        CHECK(feed(damaged, m, got) == 0);
        for (int i = 0; i < NFRAMES; i++) {
            int want = i != v || kind == INSERT_BETWEEN;
            if (got[i] != want)
                fprintf(stderr, "trial %d kind %d victim %d: frame %d came %d times\n",
                        trial, kind, v, i, got[i]);
            CHECK(got[i] == want);
        }
        CHECK(dec.skipped > 0);
    }
}

static void test_garbage_only(void)
{
    int got[NFRAMES];
    for (size_t i = 0; i < 100000; i++)
        damaged[i] = (uint8_t)(rnd(4) == 0 ? FK_FRAME_MAGIC0 : rnd(4) == 0
                               ? FK_FRAME_MAGIC1 : rnd64());
    CHECK(feed(damaged, 100000, got) == 0);
    for (int i = 0; i < NFRAMES; i++)
        CHECK(got[i] == 0);
    CHECK(dec.skipped == 100000);
}

/* With max_len set (the kernel's decoder), a frame longer than it is
 * skipped as damage at once, not waited for, and the frame after it that
 * fits comes through without a flush. */
static void test_max_len(void)
{
    static uint8_t buf[2 * FK_FRAME_MAX];
    struct fk_frame f;
    size_t n = fk_frame_encode(FK_T_PROGRAM, 1, payloads[0], 2000, buf, sizeof buf);
    n += fk_frame_encode(FK_T_RESET, 2, 0, 0, buf + n, sizeof buf - n);
    fk_frame_decoder_init(&dec);
    dec.max_len = 1999;
    fk_frame_push(&dec, buf, n);
    CHECK(fk_frame_next(&dec, &f) == 1 && f.type == FK_T_RESET && f.seq == 2);
    fk_frame_decoder_init(&dec);
    dec.max_len = 2000;
    fk_frame_push(&dec, buf, n);
    CHECK(fk_frame_next(&dec, &f) == 1 && f.type == FK_T_PROGRAM && f.len == 2000);
}

int main(void)
{
    test_crc_matches_zlib();
    test_encode_limits();
    test_clean_stream();
    test_damage();
    test_garbage_only();
    test_max_len();
    return CHECK_DONE();
}
