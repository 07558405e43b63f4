/* Runs programs on the kernel in QEMU (hash mode) and on the model, and
 * compares every step: the result and the hashes of L1 and L2. On a
 * mismatch the program is replayed in full mode and both observations are
 * printed: scenarios (its own, then the model's scenario files), then
 * random programs of the realistic mix (gen/gen.c). Also checks END's
 * leak check after each program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diff/compare.h"
#include "diff/report.h"
#include "gen/gen.h"
#include "spec/test/check.h"

static void scenario(const char *name, const char *src);

static struct fk_qemu q;
static const char *kernel_path;



/* 0 when kernel and model agree on every step and END reports no leak;
 * else the report (a stopped kernel is started again). */
static int compare(const struct fk_prog *p, const char *name)
{
    static struct fk_divergence d;
    if (q.pid < 0 && fk_qemu_start(&q, kernel_path, 0)) {
        printf("%s: kernel did not start: %s\n", name, q.why);
        return -1;
    }
    if (fk_compare_kernel(&q, p, &d) == FK_AGREE)
        return 0;
    fk_report_print(stdout, name, p, &d);
    return -1;
}

/* A model scenario file (model/test/scenarios) as a plain program:
 * its "=> RESULT" expectations and "!!" lines dropped (the model meets
 * them; here the kernel must match the model). */
static void scenario_file(const char *path)
{
    static char src[1 << 16];
    size_t n = 0;
    FILE *f = fopen(path, "r");
    char line[512];
    CHECK(f != NULL);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char *arrow = strstr(line, "=>");
        if (!strncmp(line, "!!", 2))
            continue;
        if (arrow)
            strcpy(arrow, "\n");
        n += (size_t)snprintf(src + n, sizeof src - n, "%s", line);
        if (n >= sizeof src)
            break;
    }
    fclose(f);
    scenario(path, src);
}

static void scenario(const char *name, const char *src)
{
    static struct fk_prog p;
    struct fk_parse_error err;
    if (fk_prog_parse(src, strlen(src), &p, &err)) {
        printf("%s: line %u: %s\n", name, err.line, err.msg);
        CHECK(0);
        return;
    }
    int r = compare(&p, name);
    CHECK(r == 0);
}

int main(int argc, char **argv)
{
    static struct fk_prog p;
    if (argc < 2) {
        fprintf(stderr, "usage: model_diff_test KERNEL.elf [RANDOM_PROGRAMS [SEED [SCENARIO.t...]]]\n");
        return 2;
    }
    kernel_path = argv[1];
    int started = fk_qemu_start(&q, argv[1], 0);
    CHECK(started == 0);
    if (started) {
        printf("kernel did not start: %s\n", q.why);
        return CHECK_DONE();
    }
    scenario("pids", "p0 getpid\np0 getppid\np0 fork\np1 getpid\np1 getppid\np0 getpid\n");
    scenario("exit and wait",
             "p0 fork\np0 fork\np1 exit 7\np0 wait -1\np0 wait p2\np0 wait p1\n"
             "p2 exit 300\np0 wait -1\np0 wait -1\np0 exit 1\n");
    scenario("orphans", "p0 fork\np1 fork\np1 exit 0\np2 getppid\np0 wait -1\np0 wait p2\n"
             "p2 exit 0\np0 wait -1\n");
    scenario("skip", "p3 getpid\np0 fork\np1 exit 0\np1 getpid\np0 wait p1\np1 fork\n");
    scenario("faults", "p0 fork\np1 store 0x40000000 1\np0 load 0x50000000\n"
             "p0 fork\np2 load 0x40000002\np2 store 0x10000000 5\np0 wait -1\n");
    scenario("files", "p0 open /f0 rdonly\np0 fork\np1 read 0 16\np0 lseek 0 0 cur\n"
             "p0 open /d/f3 wronly,creat\np0 write 1 10 7\np0 lseek 1 100 set\np0 write 1 3 9\n"
             "p0 open /d/f3 rdonly\np0 read 2 200\np0 dup2 0 2\np0 dup 2\np0 close 0\n"
             "p0 chdir /d\np0 open f2 rdwr,append\np0 write 0 5 66\np0 open .. rdonly\n"
             "p0 read 4 1\np0 open f0/f1 rdonly\np0 open /f3/f0 rdonly\np1 exit 0\n");
    scenario("pipes", "p0 pipe\np0 fork\np0 write 1 100 3\np1 read 0 40\np1 close 1\n"
             "p0 close 1\np1 read 0 100\np1 read 0 100\np0 close 0\np1 fork\np2 write 1 1 1\n"
             "p1 close 0\np2 close 0\np2 write 1 1 1\np0 pipe\np0 lseek 0 0 set\n");
    scenario("copy-on-write", "p0 mmap 0x40000000 4 rw private\np0 store 0x40000000 7\n"
             "p0 fork\np1 load 0x40000000\np1 store 0x40000000 9\np0 load 0x40000000\n"
             "p1 load 0x40001000\np0 store 0x40001004 3\np1 load 0x40001004\np0 sbrk 2\n"
             "p0 store 0x50001000 5\np0 fork\np2 store 0x50001000 6\np0 load 0x50001000\n"
             "p2 sbrk -1\np2 load 0x50001000\np1 exit 0\n");
    scenario("shared memory", "p0 mmap 0x40010000 8 rw shared\np0 fork\np1 store 0x40012000 1\n"
             "p0 load 0x40012000\np0 munmap 0x40011000 2\np1 mprotect 0x40010000 2 r\n"
             "p1 store 0x40010000 2\np0 store 0x40014000 4\np0 fork\np2 load 0x40014000\n"
             "p0 mprotect 0x40013000 1 none\np0 load 0x40013000\np2 munmap 0x40010000 8\n"
             "p2 mmap 0x40000000 64 r private\np2 load 0x4003f000\np2 store 0x4003f000 1\n");
    scenario("fork until full", "p0 fork\np0 fork\np0 fork\np0 fork\np0 fork\np0 fork\n"
             "p0 fork\np0 fork\np0 fork\np0 fork\np0 fork\np0 fork\np0 fork\np0 fork\n"
             "p0 fork\np0 fork\np0 fork\np15 fork\np0 wait -1\np0 fork\n");

    for (int i = 4; i < argc; i++)
        scenario_file(argv[i]);
    int n = argc > 2 ? atoi(argv[2]) : 300;
    struct fk_rng rng = fk_rng_seed(argc > 3 ? strtoull(argv[3], 0, 10) : 20261201);
    int random_bad = 0;
    for (int k = 0; k < n && random_bad < 3; k++) {
        if (k && k % 1000 == 0)
            printf("%d programs, %d differ\n", k, random_bad);
        fk_gen_program(&rng, 40, &p);
        char name[32];
        snprintf(name, sizeof name, "random #%d", k);
        random_bad += compare(&p, name) != 0;
    }
    CHECK(random_bad == 0);
    printf("%d random programs compared\n", n);
    fk_qemu_stop(&q);
    return CHECK_DONE();
}
