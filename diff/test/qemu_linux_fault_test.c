/* Linux in QEMU when things go wrong: each fault gives a verdict that
 * names its cause, the console's tail where there is one, no QEMU left
 * running, and the next program a fresh boot that agrees. (The /init
 * that spins costs the boot deadline, 30 s of QEMU's CPU time.)
 * usage: qemu_linux_fault_test BZIMAGE FAULTS.cpio NO_AGENT.cpio SPIN.cpio KERNEL.elf */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "diff/compare.h"
#include "spec/test/check.h"

enum { FK_T_TEST_FAULT = 0x7e };        /* backends/test/agent_faults.patch */
enum { FAULT_PANIC = 1, FAULT_SPIN = 2, FAULT_DAMAGE = 3, FAULT_STRAY = 4 };

static struct fk_prog prog;
static struct fk_divergence d;

static const char program[] = "p0 open /f0 rdonly\np0 fork\np1 read 0 8\np0 lseek 0 0 cur\n"
                              "p1 exit 3\np0 wait -1\n";

static int gone(pid_t pid)
{
    return pid > 0 && kill(pid, 0) == -1 && errno == ESRCH;
}

/* A target that cannot start says why and leaves nothing running. */
static void cannot_start(const struct fk_images *img, const char *why, const char *console)
{
    static struct fk_target t;
    fk_target_init(&t, FK_QEMU_LINUX, img);
    CHECK(fk_compare(&t, &prog, &d) == FK_HANG);
    printf("cannot start: %s\n", d.why);
    CHECK(strstr(d.why, why) != 0);
    CHECK(!console || strstr(d.why, console) || strstr(d.log_tail, console));
    CHECK(t.q.pid < 0);
    fk_target_stop(&t);
}

/* Arms fault kind, runs the program: verdict v with why and the console
 * tail holding the given texts; then a fresh boot (or the same QEMU,
 * same_qemu) agrees on it. */
static void fault(struct fk_target *t, uint8_t kind, enum fk_verdict v, const char *why,
                  const char *console, int same_qemu)
{
    CHECK(fk_target_ready(t) == 0);
    pid_t before = t->q.pid;
    CHECK(fk_qemu_send(&t->q, FK_T_TEST_FAULT, &kind, 1) == 0);
    enum fk_verdict got = fk_compare(t, &prog, &d);
    printf("fault %u: verdict %d at step %u: %s\n", kind, got, d.step, d.why);
    CHECK(got == v);
    CHECK(strstr(d.why, why) != 0);
    CHECK(!console || strstr(d.log_tail, console));
    CHECK(same_qemu ? t->q.pid == before : gone(before));
    CHECK(fk_compare(t, &prog, &d) == FK_AGREE);
    CHECK(same_qemu ? t->q.pid == before : t->q.pid != before && t->q.pid > 0);
}

int main(int argc, char **argv)
{
    struct fk_parse_error err;
    static struct fk_target t;
    if (argc != 6 || !fk_is_bzimage(argv[1])) {
        fprintf(stderr, "usage: qemu_linux_fault_test BZIMAGE FAULTS.cpio NO_AGENT.cpio "
                        "SPIN.cpio KERNEL.elf (no bzImage: run tools/setup)\n");
        return 2;
    }
    CHECK(fk_prog_parse(program, strlen(program), &prog, &err) == 0);
    struct fk_images not_linux = { 0, argv[5], argv[2] }, no_agent = { 0, argv[1], argv[3] };
    struct fk_images spinning = { 0, argv[1], argv[4] };
    cannot_start(&not_linux, "not an x86 Linux boot image", 0);
    cannot_start(&no_agent, "QEMU exited before HELLO", "Kernel panic");
    cannot_start(&spinning, "no HELLO within 30 s of QEMU's CPU time", 0);

    struct fk_images img = { 0, argv[1], argv[2] };
    fk_target_init(&t, FK_QEMU_LINUX, &img);
    CHECK(fk_compare(&t, &prog, &d) == FK_AGREE);
    fault(&t, FAULT_PANIC, FK_HANG, "Linux died", "Kernel panic", 0);
    fault(&t, FAULT_SPIN, FK_HANG, "hang", 0, 0);
    fault(&t, FAULT_DAMAGE, FK_AGREE, "", 0, 1);    /* resynchronized, run again */
    fault(&t, FAULT_STRAY, FK_LEAK, "processes left behind", 0, 0);
    pid_t last = t.q.pid;
    fk_target_stop(&t);
    CHECK(gone(last));
    return CHECK_DONE();
}
