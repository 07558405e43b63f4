/* Linux in QEMU (qemu-linux): Debian's kernel boots to the agent's HELLO;
 * every corpus program agrees or is not comparable, with exactly the
 * outcome (verdict and step) the host's Linux gives where that can run
 * (root); random programs agree or are not comparable, on one boot;
 * stopping leaves no QEMU and no console log behind.
 * usage: qemu_linux_test BZIMAGE INITRAMFS CORPUS.prog... */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "diff/compare.h"
#include "gen/gen.h"
#include "host/progfile.h"
#include "spec/test/check.h"

static struct fk_target guest, host;
static struct fk_prog prog;
static struct fk_divergence d, h;

static const char *verdict_text(enum fk_verdict v)
{
    return v == FK_AGREE ? "agree" : v == FK_NOT_COMPARABLE ? "not comparable" : "FINDING";
}

/* Every corpus program: agrees or is not comparable, as on the host. */
static void corpus(int n, char **paths, int on_host)
{
    int agree = 0, nc = 0;
    for (int i = 0; i < n; i++) {
        CHECK(fk_load_program("qemu_linux_test", paths[i], 0, &prog) == 0);
        enum fk_verdict v = fk_compare(&guest, &prog, &d);
        CHECK(v == FK_AGREE || v == FK_NOT_COMPARABLE);
        agree += v == FK_AGREE;
        nc += v == FK_NOT_COMPARABLE;
        if (v != FK_AGREE && v != FK_NOT_COMPARABLE)
            fprintf(stderr, "%s: %s at step %u: %s\n", paths[i], verdict_text(v), d.step, d.why);
        if (!on_host)
            continue;
        enum fk_verdict hv = fk_compare(&host, &prog, &h);
        CHECK(hv == v && h.step == d.step);
        if (hv != v || h.step != d.step)
            fprintf(stderr, "%s: host linux %s at step %u (%s), qemu-linux %s at step %u\n",
                    paths[i], verdict_text(hv), h.step, h.why, verdict_text(v), d.step);
    }
    printf("corpus: %d programs: %d agree, %d not comparable%s\n", n, agree, nc,
           on_host ? ", each as on the host's Linux" : "");
    CHECK(agree > n / 2);       /* most of the corpus is comparable on Linux */
}

int main(int argc, char **argv)
{
    if (argc < 4 || !fk_is_bzimage(argv[1])) {
        fprintf(stderr, "usage: qemu_linux_test BZIMAGE INITRAMFS CORPUS.prog... "
                        "(no bzImage: run tools/setup, which fetches Debian's kernel)\n");
        return 2;
    }
    struct fk_images img = { 0, argv[1], argv[2] };
    fk_target_init(&guest, FK_QEMU_LINUX, &img);
    fk_target_init(&host, FK_LINUX, &img);
    if (fk_target_ready(&guest)) {
        fprintf(stderr, "qemu_linux_test: %s\n", guest.why);
        return 1;
    }
    printf("boot: HELLO after %.1f s: %.*s\n", guest.q.hello_seconds,
           (int)guest.q.hello.build_len, (const char *)guest.q.hello.build);
    CHECK(guest.q.hello.build_len > 20
          && !memcmp(guest.q.hello.build, "forkspec linux agent", 20));
    pid_t qemu = guest.q.pid;
    int on_host = fk_target_ready(&host) == 0;
    if (!on_host)
        printf("the host's Linux cannot run here (%s): the corpus is checked on qemu-linux "
               "alone\n", host.why);
    corpus(argc - 3, argv + 3, on_host);
    CHECK(guest.q.pid == qemu);     /* one boot for everything */

    struct fk_rng rng = fk_rng_seed(11);
    int agree = 0;
    for (int i = 0; i < 30; i++) {
        fk_gen_program(&rng, 20, &prog);
        enum fk_verdict v = fk_compare(&guest, &prog, &d);
        CHECK(v == FK_AGREE || v == FK_NOT_COMPARABLE);
        if (v != FK_AGREE && v != FK_NOT_COMPARABLE)
            fprintf(stderr, "random %d: %s at step %u: %s\n", i, verdict_text(v), d.step, d.why);
        agree += v == FK_AGREE;
    }
    printf("random: 30 programs of 20 steps, %d agree, the rest not comparable\n", agree);
    CHECK(guest.q.pid == qemu);

    char log[sizeof guest.log];
    snprintf(log, sizeof log, "%s", guest.log);
    CHECK(access(log, F_OK) == 0);
    if (access(log, F_OK))
        perror(log);
    fk_target_stop(&guest);
    fk_target_stop(&host);
    CHECK(kill(qemu, 0) == -1 && errno == ESRCH);   /* QEMU killed and reaped */
    CHECK(access(log, F_OK) == -1);                 /* its console log removed */
    return CHECK_DONE();
}
