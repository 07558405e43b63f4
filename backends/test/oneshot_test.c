/* One-shot mode: the program as a multiboot module. The kernel sends
 * HELLO, every step in full mode (checked against the model, observations
 * included), END, and powers QEMU off with status 1. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backends/qemu.h"
#include "model/model.h"
#include "spec/test/check.h"

static const char program[] =
    "p0 fork\np1 getpid\np1 exit 2\np0 wait -1\np0 pipe\np0 write 1 9 7\n"
    "p0 mmap 0x40000000 1 rw shared\np0 store 0x40000000 5\np0 fork\n"
    "p2 load 0x40000000\np2 read 0 4\n";

int main(int argc, char **argv)
{
    static struct fk_prog p;
    static struct fk_obs raw, canon, got;
    static uint8_t bin[4096], a[FK_OBS_MAX_BYTES], b[FK_OBS_MAX_BYTES];
    struct fk_parse_error err;
    struct fk_qemu q;
    struct fk_frame f;
    struct fk_step_msg m;
    if (argc < 2) {
        fprintf(stderr, "usage: oneshot_test KERNEL.elf\n");
        return 2;
    }
    CHECK(fk_prog_parse(program, sizeof program - 1, &p, &err) == 0);
    char path[512];
    snprintf(path, sizeof path, "%s/oneshot-XXXXXX", getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    size_t n = fk_prog_encode(&p, bin, sizeof bin);
    FILE *out = fdopen(fd, "wb");
    CHECK(out && fwrite(bin, 1, n, out) == n && fclose(out) == 0);
    char log[540];
    snprintf(log, sizeof log, "%s.log", path);
    int started = fk_qemu_start_oneshot(&q, argv[1], log, path);
    CHECK(started == 0);
    if (started) {
        printf("kernel did not start: %s\n", q.why);
        unlink(path);
        return CHECK_DONE();
    }
    model_reset();
    for (uint32_t i = 0; i < p.nsteps; i++) {
        struct fk_result r = model_step(p.step[i]);
        int ok = fk_qemu_recv(&q, &f, 5000) == 1 && f.type == FK_T_STEP_FULL
                 && fk_step_full_get(f.payload, f.len, &m) == 0;
        CHECK(ok);
        if (!ok)
            break;
        CHECK(m.prog_id == 0 && m.step == i);
        CHECK(m.result.kind == r.kind && m.result.val == r.val && m.result.aux == r.aux);
        model_observe(&raw);
        fk_obs_canon(&raw, &canon);
        CHECK(fk_obs_deserialize(m.l1, m.n1, m.l2, m.n2, &got) == 0);
        size_t n1 = fk_obs_serialize(&canon, FK_L2, a, sizeof a);
        size_t n2 = fk_obs_serialize(&got, FK_L2, b, sizeof b);
        CHECK(n1 == n2 && memcmp(a, b, n1) == 0);
    }
    CHECK(fk_qemu_recv(&q, &f, 5000) == 1 && f.type == FK_T_END);
    CHECK(fk_qemu_wait(&q, 5000) == 1);     /* powered off after END */
    /* the debug log: one readable line per step, then END's verdict */
    char line[256];
    uint32_t steps = 0;
    int end_ok = 0;
    FILE *lf = fopen(log, "r");
    CHECK(lf != NULL);
    while (lf && fgets(line, sizeof line, lf)) {
        char want[32];
        snprintf(want, sizeof want, "step %u: p", steps);
        steps += strncmp(line, want, strlen(want)) == 0;
        end_ok |= strcmp(line, "end: no leak\n") == 0;
    }
    if (lf)
        fclose(lf);
    CHECK(steps == p.nsteps);
    CHECK(end_ok);
    unlink(log);
    unlink(path);
    return CHECK_DONE();
}
