/* A kernel whose program hash differs from the model's on every run while
 * every step agrees (the test build //kernel:kernel_test_noisy_digest):
 * each program is a divergence at its last step, reported as a kernel that
 * does not answer the same program the same way twice; run a STEP per
 * step, the same programs agree. */
#include <stdio.h>
#include <string.h>
#include "diff/compare.h"
#include "gen/gen.h"
#include "spec/test/check.h"

enum { PROGRAMS = 10 };

static struct fk_qemu q;
static struct fk_prog prog;
static struct fk_divergence d;

static int run(const char *kernel, int per_step)
{
    int noisy = 0;
    struct fk_rng rng = fk_rng_seed(5);
    q.per_step = per_step;
    CHECK(fk_qemu_start(&q, kernel, 0) == 0);
    for (int k = 0; k < PROGRAMS; k++) {
        fk_gen_program(&rng, 20, &prog);
        enum fk_verdict v = fk_compare_kernel(&q, &prog, &d);
        if (v != FK_AGREE)
            printf("%s, program %d: verdict %d at step %u: %s\n",
                   per_step ? "a STEP per step" : "program hash", k, v, d.step, d.why);
        noisy += v == FK_DIVERGE && d.step == prog.nsteps - 1
                 && strstr(d.why, "does not answer the same program the same way twice");
        CHECK(v == FK_AGREE || v == FK_DIVERGE);
    }
    fk_qemu_stop(&q);
    return noisy;
}

int main(int argc, char **argv)
{
    CHECK(argc == 2);
    CHECK(run(argv[1], 0) == PROGRAMS);
    CHECK(run(argv[1], 1) == 0);
    return CHECK_DONE();
}
