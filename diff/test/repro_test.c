/* C reproducers (diff/repro.h): one program over every operation, written
 * as repro.c, must compile with -Wall -Werror as one file; where it can
 * run (root, or unprivileged user namespaces) every step prints a line
 * and the results that do not depend on pids are Linux's real ones; and
 * so they are when guest.sh runs it as /init of Linux in QEMU.
 * usage: repro_test BZIMAGE */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "diff/repro.h"
#include "spec/test/check.h"

static const char program[] =
    "p0 open /f0 rdwr\np0 read 0 4\np0 write 0 3 65\np0 lseek 0 0 set\np0 dup 0\n"
    "p0 dup2 0 5\np0 close 1\np0 pipe\np0 mmap 0x40000000 2 rw private\n"
    "p0 store 0x40000000 7\np0 load 0x40000000\np0 mprotect 0x40000000 1 r\n"
    "p0 munmap 0x40001000 1\np0 sbrk 1\np0 chdir /d\np0 getpid\np0 fork\np1 getppid\n"
    "p1 read 0 -1\np1 store 0x10 1\np0 wait p1\np0 exit 0\n";

/* Runs cmd (its output to dir/name) and reads that output into out:
 * whether it exited 0. */
static int run_into(const char *cmd, const char *dir, const char *name, char *out, size_t cap)
{
    char line[1200], path[600];
    snprintf(line, sizeof line, "%s > %s/%s 2>&1", cmd, dir, name);
    int ok = system(line) == 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(out, 1, cap - 1, f) : 0;
    if (f)
        fclose(f);
    out[n] = 0;
    return ok;
}

/* The lines of a reproducer's output that show a step. */
static int step_lines(const char *out)
{
    int lines = 0;
    for (const char *s = out; (s = strstr(s, " model: ")); s++)
        lines++;
    return lines;
}

static int has(const char *text, const char *want)
{
    return strstr(text, want) != 0;
}

/* Does the line of step `step` show Linux's result `want`? */
static int linux_says(const char *out, const char *step, const char *want)
{
    char line[128];
    snprintf(line, sizeof line, "  %-34s %s     model: ", step, want);
    return has(out, line);
}

/* guest.sh beside repro.c in dir, run on bzimage: the same results. */
static void in_guest(const char *dir, const char *bzimage, const struct fk_prog *p)
{
    static char out[1 << 17];
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s/guest.sh", dir);
    FILE *f = fopen(cmd, "w");
    CHECK(f != 0);
    if (!f)
        return;
    fk_repro_guest_script(f);
    CHECK(fclose(f) == 0);
    snprintf(cmd, sizeof cmd, "sh %s/guest.sh %s", dir, bzimage);
    CHECK(run_into(cmd, dir, "guest.out", out, sizeof out));
    int lines = step_lines(out);
    CHECK(lines == (int)p->nsteps);
    CHECK(linux_says(out, "p0 read 0 4", "4"));
    CHECK(linux_says(out, "p0 sbrk 1", "0x50000000"));
    CHECK(linux_says(out, "p1 store 0x10 0x1", "KILLED signaled(11)"));
    CHECK(linux_says(out, "p0 exit 0", "EPERM"));
    if (check_failed)
        printf("%s", out);
    else
        printf("in QEMU, as /init: %d steps, Linux's results as on the host\n", lines);
}

int main(int argc, char **argv)
{
    static struct fk_prog p;
    static struct fk_divergence d = { .verdict = FK_DIVERGE, .step = 10, .against = "linux" };
    static char out[1 << 16];
    struct fk_parse_error err;
    char dir[] = "/tmp/repro_test.XXXXXX", cmd[512];
    if (fk_prog_parse(program, strlen(program), &p, &err))
        printf("parse error at line %u: %s\n", err.line, err.msg);
    CHECK(p.nsteps == 22);
    CHECK(mkdtemp(dir) != 0);
    snprintf(cmd, sizeof cmd, "%s/repro.c", dir);
    FILE *f = fopen(cmd, "w");
    CHECK(f != 0);
    fk_repro_c(f, &p, &d);
    CHECK(fclose(f) == 0);
    snprintf(cmd, sizeof cmd, "cc -std=gnu11 -Wall -Wextra -Werror -o %s/repro %s/repro.c",
             dir, dir);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "%s/repro", dir);
    int ran = run_into(cmd, dir, "out", out, sizeof out);
    if (!ran && has(out, "chroot")) {
        printf("SKIP: running the reproducer needs root or user namespaces:\n%s", out);
    } else {
        CHECK(ran && step_lines(out) == (int)p.nsteps);
        CHECK(linux_says(out, "p0 read 0 4", "4"));
        CHECK(linux_says(out, "p0 dup2 0 5", "5"));
        CHECK(linux_says(out, "p0 pipe", "1 2"));
        CHECK(linux_says(out, "p0 mmap 0x40000000 2 rw private", "0x40000000"));
        CHECK(has(out, ">  10  p0 load 0x40000000                 0x7     model: 0x7\n"));
        CHECK(linux_says(out, "p0 munmap 0x40001000 1", "0"));
        CHECK(linux_says(out, "p0 sbrk 1", "0x50000000"));
        CHECK(linux_says(out, "p1 read 0 -1", "EINVAL"));
        CHECK(linux_says(out, "p1 store 0x10 0x1", "KILLED signaled(11)"));
        CHECK(has(out, " (p1) signaled(11)     model: p1 signaled(11)\n"));   /* wait p1 */
        CHECK(linux_says(out, "p0 exit 0", "EPERM"));
        printf("%s", out);
    }
    if (argc > 1 && access(argv[1], R_OK) == 0)
        in_guest(dir, argv[1], &p);
    else
        printf("FAIL: no bzImage at %s (tools/setup fetches Debian's)\n", argc > 1 ? argv[1] : "?"),
            check_failed++;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return CHECK_DONE();
}
