/* Boots the kernel in QEMU and checks the trace protocol's handshake and
 * refusals (spec/trace-protocol.md): HELLO with this build's limits,
 * RESET answered by HELLO, ERROR for an unknown type, a bad mode, a
 * malformed payload and another protocol version, and resynchronization
 * after garbage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backends/qemu.h"
#include "spec/bytes.h"
#include "spec/test/check.h"

static struct fk_qemu q;
static uint16_t kernel_seq;

/* The kernel's next frame, which must be of type want, in sequence. */
static int expect(uint8_t want, struct fk_frame *f, const char *what)
{
    int r = fk_qemu_recv(&q, f, 5000);
    CHECK(r == 1);
    if (r != 1) {
        printf("  no frame for %s (%s)\n", what, r ? "QEMU gone" : "timeout");
        return -1;
    }
    CHECK(f->type == want);
    CHECK(f->seq == kernel_seq);
    kernel_seq = (uint16_t)(f->seq + 1);
    if (f->type != want)
        printf("  %s: frame type 0x%02x, want 0x%02x\n", what, f->type, want);
    return f->type == want ? 0 : -1;
}

static void expect_error(uint8_t code, uint32_t prog_id, const char *what)
{
    struct fk_frame f;
    struct fk_error_msg e;
    if (expect(FK_T_ERROR, &f, what))
        return;
    CHECK(fk_error_get(f.payload, f.len, &e) == 0);
    CHECK(e.code == code);
    CHECK(e.prog_id == prog_id);
    CHECK(e.text_len > 0);
}

/* A RESET frame as another protocol version would send it. */
static void send_other_version(void)
{
    uint8_t buf[64];
    size_t n = fk_frame_encode(FK_T_RESET, 99, 0, 0, buf, sizeof buf);
    buf[2] = FK_PROTO_VERSION + 1;
    fk_put16(buf + 8, (uint16_t)fk_crc32(0, buf + 2, 6));
    fk_put32(buf + n - 4, fk_crc32(0, buf + 2, n - 6));
    CHECK(fk_qemu_write(&q, buf, n) == 0);
}

int main(int argc, char **argv)
{
    struct fk_frame f;
    struct fk_hello h;
    uint8_t payload[64];
    if (argc < 2) {
        fprintf(stderr, "usage: handshake_test KERNEL.elf [LOG]\n");
        return 2;
    }
    /* not a kernel: QEMU refuses it; nothing is left running */
    CHECK(fk_qemu_start(&q, "/proc/self/status", 0) == -1 && q.pid < 0);
    printf("not a kernel: %s\n", q.why);
    int started = fk_qemu_start(&q, argv[1], argc > 2 ? argv[2] : 0);
    CHECK(started == 0);
    if (started) {
        printf("kernel did not start: %s\n", q.why);
        fk_qemu_stop(&q);
        return CHECK_DONE();
    }
    kernel_seq = 1;
    printf("boot to HELLO: %.3f s; build \"%.*s\"\n", q.hello_seconds,
           (int)q.hello.build_len, (const char *)q.hello.build);

    CHECK(fk_qemu_send(&q, FK_T_RESET, 0, 0) == 0);
    if (expect(FK_T_HELLO, &f, "RESET") == 0)
        CHECK(fk_hello_get(f.payload, f.len, &h) == 0 && fk_hello_mismatch(&h) == -1);

    CHECK(fk_qemu_send(&q, 0x7f, payload, 3) == 0);
    expect_error(FK_ERR_TYPE, 0, "unknown type");

    struct fk_program_msg m = { 77, 9, 0, (const uint8_t *)"", 0 };
    size_t n = fk_program_put(&m, payload, sizeof payload);
    CHECK(n > 0 && fk_qemu_send(&q, FK_T_PROGRAM, payload, n) == 0);
    expect_error(FK_ERR_MODE, 77, "bad mode");

    CHECK(fk_qemu_send(&q, FK_T_PROGRAM, payload, 2) == 0);
    expect_error(FK_ERR_PAYLOAD, 0, "short PROGRAM");

    send_other_version();
    expect_error(FK_ERR_VERSION, 0, "another version");

    /* garbage, magic bytes and a truncated header included, then RESET */
    uint8_t junk[300];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)(i * 37 + 11);
    junk[10] = FK_FRAME_MAGIC0;
    junk[11] = FK_FRAME_MAGIC1;
    CHECK(fk_qemu_write(&q, junk, sizeof junk) == 0);
    CHECK(fk_qemu_send(&q, FK_T_RESET, 0, 0) == 0);
    expect(FK_T_HELLO, &f, "RESET after garbage");

    fk_qemu_stop(&q);
    return CHECK_DONE();
}
