/* fuzz_diff: each input runs on the model and on the kernel in a QEMU
 * started once per fuzzer process, after the fork server's deferred init
 * (the bundled kernel, or Linux with the agent: a bzImage and its
 * initramfs); a broken model invariant, a divergence, PANIC, hang or leak
 * aborts with the reason on stderr (a Linux step not comparable does not).
 * The kernel's coverage (a coverage build's COVER frames) goes into the
 * top of AFL++'s map beside the harness's own edges.
 * usage: fuzz_diff KERNEL.elf | BZIMAGE INITRAMFS   (FORKSPEC_COVER_OUT: where to keep the
 * kernel edges seen so far, fuzz/cover_file.h) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include "diff/compare.h"
#include "diff/report.h"
#include "fuzz/afl.h"
#include "fuzz/cover_file.h"
#include "model/model.h"

__AFL_FUZZ_INIT();


static struct fk_prog prog;
static struct fk_divergence d;
static struct fk_qemu q;
static uint8_t seen[FK_COVER_BYTES];

/* This run's kernel edges into the top of AFL++'s map, which the harness
 * attaches a second time through __AFL_SHM_ID (no map: not under AFL++). */
static void merge_cover(void)
{
    static uint8_t *map;
    static size_t size;
    static int tried;
    if (!tried++) {
        const char *id = getenv("__AFL_SHM_ID");
        struct shmid_ds ds;
        void *p = id ? shmat(atoi(id), 0, 0) : (void *)-1;
        if (p != (void *)-1 && !shmctl(atoi(id), IPC_STAT, &ds) && ds.shm_segsz > 2 * FK_COVER_BYTES * 8) {
            map = p;
            size = ds.shm_segsz;
        }
    }
    for (size_t i = 0; map && i < FK_COVER_BYTES * 8; i++)
        if (q.cover[i / 8] >> (i % 8) & 1)
            map[size - FK_COVER_BYTES * 8 + i]++;
}

/* The kernel edges this fuzzer has seen so far (its earlier harness
 * processes' too: AFL++ restarts them), saved every 16 runs. */
static void save_seen(long runs)
{
    static int loaded;
    const char *path = getenv("FORKSPEC_COVER_OUT");
    if (path && !loaded++)
        fk_cover_file_merge(path, seen);
    for (int i = 0; i < FK_COVER_BYTES; i++)
        seen[i] |= q.cover[i];
    if (path && runs % 16 == 0)
        fk_cover_file_save(path, seen);
}

int main(int argc, char **argv)
{
    long runs = 0;
    int on_linux = argc > 1 && fk_is_bzimage(argv[1]);
    if (argc < 2 + on_linux)
        return fprintf(stderr, "usage: fuzz_diff KERNEL.elf | BZIMAGE INITRAMFS\n"), 2;
    __AFL_INIT();
    q.pid = q.to_kernel = q.from_kernel = -1;
    q.want_cover = 1;
    unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(10000)) {
        fk_prog_decode(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN, &prog);
        if (q.pid < 0 && (on_linux ? fk_qemu_start_linux(&q, argv[1], argv[2], NULL)
                                   : fk_qemu_start(&q, argv[1], NULL))) {
            fprintf(stderr, "fuzz_diff: kernel %s did not start: %s\n", argv[1], q.why);
            exit(2);
        }
        char why[256];
        int broken = model_run_checked(&prog, why, sizeof why);
        if (broken >= 0) {
            fprintf(stderr, "fuzz_diff: valid_state broken after step %d: %s\n", broken, why);
            abort();
        }
        memset(q.cover, 0, sizeof q.cover);
        enum fk_verdict v = fk_compare_kernel(&q, &prog, &d);
        merge_cover();
        save_seen(++runs);
        if (v != FK_AGREE && v != FK_NOT_COMPARABLE) {
            fk_report_print(stderr, "fuzz input", &prog, &d);
            abort();
        }
    }
    fk_qemu_stop(&q);
    return 0;
}
