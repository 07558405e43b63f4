/* The agent's KCOV path, on the kernel ./forkspec linux-kernel builds
 * (when one is there; else SKIP): HELLO says coverage, every process's
 * kernel edges come back in COVER frames, different programs reach
 * different edges, and on that kernel too the corpus agrees with the model
 * or is not comparable.
 * usage: qemu_linux_kcov_test INITRAMFS CORPUS.prog... [KCOV_BZIMAGE] */
#include <stdio.h>
#include <string.h>
#include "diff/compare.h"
#include "host/progfile.h"
#include "spec/test/check.h"

static struct fk_target t;
static struct fk_prog prog;
static struct fk_divergence d;

static int bits(const uint8_t *map)
{
    int n = 0;
    for (int i = 0; i < FK_COVER_BYTES; i++)
        n += __builtin_popcount(map[i]);
    return n;
}

/* The edges of program text, run alone. */
static int edges_of(const char *text, uint8_t *map)
{
    struct fk_parse_error err;
    CHECK(fk_prog_parse(text, strlen(text), &prog, &err) == 0);
    memset(t.q.cover, 0, sizeof t.q.cover);
    enum fk_verdict v = fk_compare(&t, &prog, &d);
    CHECK(v == FK_AGREE);
    memcpy(map, t.q.cover, FK_COVER_BYTES);
    return bits(map);
}

int main(int argc, char **argv)
{
    static uint8_t a[FK_COVER_BYTES], b[FK_COVER_BYTES];
    const char *image = argc > 2 ? argv[argc - 1] : "";
    if (argc < 3 || !fk_is_bzimage(image)) {
        printf("SKIP: no KCOV kernel built here (./forkspec linux-kernel builds one into "
               "third_party/linux/kcov/)\n");
        return 0;
    }
    struct fk_images img = { 0, image, argv[1] };
    fk_target_init(&t, FK_QEMU_LINUX, &img);
    t.q.want_cover = 1;
    CHECK(fk_target_ready(&t) == 0);
    printf("boot: HELLO after %.1f s: %.*s\n", t.q.hello_seconds, (int)t.q.hello.build_len,
           (const char *)t.q.hello.build);
    CHECK(t.q.hello.features & FK_FEATURE_COVERAGE);

    int na = edges_of("p0 getpid\n", a);
    int nb = edges_of("p0 pipe\np0 fork\np1 write 1 5 7\np0 read 0 5\np1 exit 0\np0 wait -1\n", b);
    int only_b = 0;
    for (int i = 0; i < FK_COVER_BYTES; i++)
        only_b += __builtin_popcount(b[i] & ~a[i]);
    printf("edges: getpid %d; pipe, fork, write, read, exit, wait %d (%d not in getpid's)\n",
           na, nb, only_b);
    CHECK(na > 0);
    CHECK(nb > na && only_b > 0);

    int agree = 0, nc = 0, n = argc - 3;
    for (int i = 2; i < argc - 1; i++) {
        CHECK(fk_load_program("qemu_linux_kcov_test", argv[i], 0, &prog) == 0);
        enum fk_verdict v = fk_compare(&t, &prog, &d);
        CHECK(v == FK_AGREE || v == FK_NOT_COMPARABLE);
        if (v != FK_AGREE && v != FK_NOT_COMPARABLE)
            fprintf(stderr, "%s: verdict %d at step %u: %s\n", argv[i], v, d.step, d.why);
        agree += v == FK_AGREE;
        nc += v == FK_NOT_COMPARABLE;
    }
    printf("corpus on the KCOV kernel: %d programs: %d agree, %d not comparable; %d edges in all\n",
           n, agree, nc, bits(t.q.cover));
    fk_target_stop(&t);
    return CHECK_DONE();
}
