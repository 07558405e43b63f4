/* Boots the fault-on-demand test kernel once per kind of fault and checks
 * that each ends in a PANIC frame naming the trap and an EIP inside the
 * kernel, and that the kernel then says nothing more (it halts); then that
 * the host gives up on a kernel that hangs: no frame, no HELLO after a
 * resync, and a write it takes no byte of fails instead of blocking. */
#include <stdio.h>
#include <string.h>
#include "host/clock.h"
#include "backends/qemu.h"
#include "spec/test/check.h"

enum { FK_T_TEST_FAULT = 0x7e };

static void one_fault(const char *kernel, uint8_t kind, uint32_t want_trap)
{
    struct fk_qemu q;
    struct fk_frame f;
    struct fk_panic_msg m;
    int started = fk_qemu_start(&q, kernel, 0);
    CHECK(started == 0);
    if (started) {
        printf("kernel did not start: %s\n", q.why);
        fk_qemu_stop(&q);
        return;
    }
    CHECK(fk_qemu_send(&q, FK_T_TEST_FAULT, &kind, 1) == 0);
    int r = fk_qemu_recv(&q, &f, 5000);
    CHECK(r == 1 && f.type == FK_T_PANIC);
    if (r == 1 && f.type == FK_T_PANIC) {
        CHECK(fk_panic_get(f.payload, f.len, &m) == 0);
        CHECK(m.trap == want_trap);
        CHECK(m.eip >= 0x100000 && m.eip < 0x400000);
        CHECK(m.text_len > 0);
        printf("fault %u: PANIC trap %u at eip 0x%x: %.*s\n", kind, m.trap, m.eip,
               (int)m.text_len, (const char *)m.text);
    }
    CHECK(fk_qemu_send(&q, FK_T_RESET, 0, 0) == 0);
    CHECK(fk_qemu_recv(&q, &f, 300) == 0);      /* halted: no HELLO */
    fk_qemu_stop(&q);
}

static void hang(const char *kernel)
{
    static const uint8_t garbage[256 * 1024];   /* more than a pipe holds */
    struct fk_qemu q;
    struct fk_frame f;
    uint8_t kind = 4;
    CHECK(fk_qemu_start(&q, kernel, 0) == 0);
    double t0 = fk_now();
    CHECK(fk_qemu_send(&q, FK_T_TEST_FAULT, &kind, 1) == 0);
    CHECK(fk_qemu_recv(&q, &f, 1000) == 0);
    CHECK(fk_qemu_resync(&q) == -1);
    CHECK(strcmp(q.why, "no HELLO after RESET") == 0);
    CHECK(fk_qemu_write(&q, garbage, sizeof garbage) == -1);
    CHECK(strcmp(q.why, "the kernel stopped reading its serial port") == 0);
    printf("hang: given up after %.1f s: %s\n", fk_now() - t0, q.why);
    fk_qemu_stop(&q);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: panic_test kernel_test_faults.elf\n");
        return 2;
    }
    one_fault(argv[1], 0, 0);               /* divide error */
    one_fault(argv[1], 1, 6);               /* invalid opcode */
    one_fault(argv[1], 2, 13);              /* general protection */
    one_fault(argv[1], 3, FK_TRAP_ASSERT);  /* failed check */
    hang(argv[1]);
    return CHECK_DONE();
}
