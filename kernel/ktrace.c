#include "kernel/ktrace.h"
#include "kernel/cover.h"
#include "kernel/uart.h"
#include "spec/trace.h"

static const char build_id[] = "forkspec-kernel 0.1";

static uint16_t next_seq;
static uint8_t frame_out[FK_FRAME_MAX];
static uint8_t payload_out[FK_FRAME_MAX_PAYLOAD];
static struct fk_frame_decoder decoder;
static int decoder_ready;

void trace_send(uint8_t type, const uint8_t *payload, size_t len)
{
    size_t n = fk_frame_encode(type, next_seq, payload, len, frame_out,
                               sizeof frame_out);
    if (!n)
        return;     /* payloads are built within FK_FRAME_MAX_PAYLOAD */
    next_seq++;
    uart_write(frame_out, n);
}

void trace_hello(void)
{
    struct fk_hello h;
    fk_hello_local(&h);
    h.features = FK_FEATURE_PROGRAM_HASH | (cover_built() ? FK_FEATURE_COVERAGE : 0);
    h.build = (const uint8_t *)build_id;
    h.build_len = sizeof build_id - 1;
    trace_send(FK_T_HELLO, payload_out, fk_hello_put(&h, payload_out, sizeof payload_out));
}

void trace_error(uint32_t prog_id, uint8_t code, const char *text)
{
    struct fk_error_msg m = { prog_id, code, (const uint8_t *)text, 0 };
    while (text[m.text_len])
        m.text_len++;
    trace_send(FK_T_ERROR, payload_out, fk_error_put(&m, payload_out, sizeof payload_out));
}

void trace_next(struct fk_frame *f)
{
    if (!decoder_ready) {
        fk_frame_decoder_init(&decoder);
        decoder.max_len = FK_PROGRAM_PAYLOAD_MAX;   /* see FK_RESYNC_PADDING */
        decoder_ready = 1;
    }
    while (!fk_frame_next(&decoder, f)) {
        uint8_t byte = uart_getc();
        fk_frame_push(&decoder, &byte, 1);
    }
}
