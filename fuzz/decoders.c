/* fuzz_decoders: the host's readers of untrusted bytes, under AFL++ with
 * ASan and UBSan (fuzz/decoders.sh). usage: fuzz_decoders program|frame|message|obs
 * - program: the binary program decoder (total: any bytes give a valid
 *   program, whose encoding decodes to the same program);
 * - frame: the frame decoder over a byte stream, then every message
 *   decoder on each frame's payload (spec/trace.h);
 * - message: the input as one frame's type and payload, framed with a
 *   good CRC (random bytes rarely have one), through the same path;
 * - obs: the observation deserializer; the first two bytes split the rest
 *   into L1 and L2, and what deserializes must serialize back the same.
 * A violated property aborts; so does any sanitizer report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz/afl.h"
#include "spec/frame.h"
#include "spec/obs.h"
#include "spec/program.h"
#include "spec/trace.h"

__AFL_FUZZ_INIT();

static struct fk_prog prog, again;
static struct fk_obs obs;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_decoders: %s\n", what);
        abort();
    }
}

/* Steps compared field by field: a struct's padding is no part of it. */
static int same_steps(const struct fk_prog *a, const struct fk_prog *b)
{
    for (uint32_t i = 0; i < a->nsteps; i++) {
        const struct fk_step *x = &a->step[i], *y = &b->step[i];
        if (x->op != y->op || x->proc != y->proc || memcmp(x->arg, y->arg, sizeof x->arg))
            return 0;
    }
    return 1;
}

static void program(const uint8_t *buf, size_t n)
{
    static uint8_t enc[FK_MAX_STEPS * 32];
    fk_prog_decode(buf, n, &prog);
    check(fk_prog_valid(&prog), "a decoded program is not valid");
    size_t m = fk_prog_encode(&prog, enc, sizeof enc);
    check(m <= sizeof enc, "an encoding does not fit its bound");
    fk_prog_decode(enc, m, &again);
    check(again.nsteps == prog.nsteps && same_steps(&again, &prog),
          "encode then decode changes a program");
}

/* Every message decoder on one payload: each either refuses it or fills
 * its struct; ASan watches what they read. */
static void messages(const struct fk_frame *f)
{
    struct fk_hello h;
    struct fk_program_msg pm;
    struct fk_step_msg sm;
    struct fk_end_msg em;
    struct fk_panic_msg xm;
    struct fk_cover_msg cm;
    struct fk_error_msg rm;
    fk_hello_get(f->payload, f->len, &h);
    if (!fk_program_get(f->payload, f->len, &pm))
        fk_prog_decode(pm.prog, pm.prog_len, &prog);
    fk_step_get(f->payload, f->len, &sm);
    if (!fk_step_full_get(f->payload, f->len, &sm))
        fk_obs_deserialize(sm.l1, sm.n1, sm.l2, sm.n2, &obs);
    fk_end_get(f->payload, f->len, &em);
    fk_panic_get(f->payload, f->len, &xm);
    fk_cover_get(f->payload, f->len, &cm);
    fk_error_get(f->payload, f->len, &rm);
}

static void frames(const uint8_t *buf, size_t n)
{
    static struct fk_frame_decoder d;
    struct fk_frame f;
    fk_frame_decoder_init(&d);
    while (n) {
        size_t took = fk_frame_push(&d, buf, n);
        buf += took;
        n -= took;
        while (fk_frame_next(&d, &f))
            messages(&f);
        check(took > 0, "the decoder stalls: its buffer is full and no frame comes out");
    }
    while (fk_frame_flush(&d, &f))
        messages(&f);
}

static void message(const uint8_t *buf, size_t n)
{
    static uint8_t framed[FK_FRAME_MAX];
    if (n < 1 || n - 1 > FK_FRAME_MAX_PAYLOAD)
        return;
    size_t m = fk_frame_encode(buf[0], 0, buf + 1, n - 1, framed, sizeof framed);
    check(m <= sizeof framed, "a frame does not fit its bound");
    frames(framed, m);
}

static void observation(const uint8_t *buf, size_t n)
{
    static uint8_t out[FK_OBS_MAX_BYTES];
    if (n < 2)
        return;
    size_t n1 = ((size_t)buf[0] << 8 | buf[1]) % (n - 1);
    const uint8_t *l1 = buf + 2, *l2 = l1 + n1;
    size_t n2 = n - 2 - n1;
    if (fk_obs_deserialize(l1, n1, l2, n2, &obs))
        return;
    size_t m = fk_obs_serialize(&obs, n2 ? FK_L2 : FK_L1, out, sizeof out);
    check(m <= sizeof out, "a deserialized observation does not fit its bound");
}

int main(int argc, char **argv)
{
    void (*run)(const uint8_t *, size_t) =
        argc < 2 ? 0 : !strcmp(argv[1], "program") ? program
        : !strcmp(argv[1], "frame") ? frames : !strcmp(argv[1], "message") ? message
        : !strcmp(argv[1], "obs") ? observation : 0;
    if (!run)
        return fputs("usage: fuzz_decoders program|frame|message|obs\n", stderr), 2;
    __AFL_INIT();
    unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(100000))
        run(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
    return 0;
}
