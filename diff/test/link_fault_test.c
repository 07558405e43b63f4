/* The harness on a bad link (spec/trace-protocol.md, "The host's side"):
 * with bytes flipped, dropped and inserted both ways, every program ends
 * agreeing (after a resynchronized retry) or as a transport finding, never
 * as a false divergence, step by step and in program-hash mode; QEMU
 * killed in the middle of a program is reported as a dead kernel, and the next program runs on a fresh one; a
 * HELLO still on its way from an earlier RESET is not taken for the
 * program's first frame. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diff/compare.h"
#include "gen/gen.h"
#include "spec/test/check.h"

enum { PROGRAMS = 100 };

static struct fk_qemu q;
static struct fk_prog prog;
static struct fk_divergence d;

/* PROGRAMS programs over a link damaging about rate bytes per million
 * each way (flipped, dropped, inserted), step by step or in program-hash
 * mode. */
static void bad_link(const char *kernel, int per_step, uint32_t rate)
{
    int count[FK_TRANSPORT + 1] = { 0 };
    q.per_step = per_step;
    CHECK(fk_qemu_start(&q, kernel, 0) == 0);
    q.faults = (struct fk_link_faults){ .flip = rate, .drop = rate, .insert = rate, .rng = 99 };
    struct fk_rng rng = fk_rng_seed(11);
    for (int k = 0; k < PROGRAMS; k++) {
        fk_gen_program(&rng, 30, &prog);
        if (q.pid < 0)
            CHECK(fk_qemu_start(&q, kernel, 0) == 0);
        enum fk_verdict v = fk_compare_kernel(&q, &prog, &d);
        count[v]++;
        if (v != FK_AGREE)
            printf("program %d: verdict %d at step %u: %s\n", k, v, d.step, d.why);
    }
    printf("bad link, %s: %u bytes flipped, %u dropped, %u inserted; %d agree, %d transport, "
           "%d other\n", per_step ? "a STEP per step" : "program hash", q.faults.flipped,
           q.faults.dropped, q.faults.inserted, count[FK_AGREE], count[FK_TRANSPORT],
           PROGRAMS - count[FK_AGREE] - count[FK_TRANSPORT]);
    CHECK(q.faults.flipped + q.faults.dropped + q.faults.inserted > 20);
    /* no false finding: a damaged program agrees after its retry or is a
     * transport finding, never a divergence, leak, panic or hang */
    CHECK(count[FK_AGREE] + count[FK_TRANSPORT] == PROGRAMS);
    CHECK(count[FK_AGREE] >= PROGRAMS * 8 / 10);
    fk_qemu_stop(&q);
    q.faults = (struct fk_link_faults){ 0 };
}

/* QEMU killed after the first STEP of a program: a dead kernel, then a
 * fresh one (program-hash mode restarts it itself, to find the step). */
static void killed(const char *kernel, int per_step)
{
    struct fk_frame f;
    struct fk_rng rng = fk_rng_seed(12);
    q.per_step = per_step;
    CHECK(fk_qemu_start(&q, kernel, 0) == 0);
    fk_gen_program(&rng, 20, &prog);
    CHECK(fk_qemu_send_program(&q, &prog, FK_MODE_HASH, 900) == 0);
    CHECK(fk_qemu_recv(&q, &f, 5000) == 1 && f.type == FK_T_STEP);
    kill(q.pid, SIGKILL);
    enum fk_verdict v = fk_compare_kernel(&q, &prog, &d);
    printf("after kill, %s: verdict %d: %s\n", per_step ? "a STEP per step" : "program hash",
           v, d.why);
    /* which the host meets first is a race (the closed link as it sends
     * the program or resynchronizes, the frames QEMU wrote before it died,
     * its exit as it waits): every order is a dead kernel, never a hang */
    CHECK(v == FK_HANG && strstr(d.why, "died") && (per_step ? q.pid < 0 : q.pid > 0));
    if (q.pid < 0)
        CHECK(fk_qemu_start(&q, kernel, 0) == 0);
    CHECK(fk_compare_kernel(&q, &prog, &d) == FK_AGREE);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: link_fault_test KERNEL.elf\n");
        return 2;
    }
    bad_link(argv[1], 1, 20);
    bad_link(argv[1], 0, 100);  /* it sends about a fifth of the bytes */
    killed(argv[1], 0);
    fk_qemu_stop(&q);
    killed(argv[1], 1);

    /* two RESETs whose HELLOs nobody read, then a program */
    q.per_step = 0;
    CHECK(fk_qemu_send(&q, FK_T_RESET, 0, 0) == 0 && fk_qemu_send(&q, FK_T_RESET, 0, 0) == 0);
    uint16_t sent = q.seq;
    enum fk_verdict after_reset = fk_compare_kernel(&q, &prog, &d);
    printf("after two unanswered RESETs: verdict %d, %d frames sent %s\n", after_reset,
           (uint16_t)(q.seq - sent), d.why);
    CHECK(after_reset == FK_AGREE && q.seq == (uint16_t)(sent + 1));   /* no retry */
    fk_qemu_stop(&q);
    return CHECK_DONE();
}
