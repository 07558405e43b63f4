#define _POSIX_C_SOURCE 200809L
#include "diff/findings.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>
#include "diff/minimize.h"
#include "diff/report.h"
#include "diff/repro.h"
#include "spec/obs_print.h"

enum { PATH_CAP = 4096 };

/* dir/file in path: 0, or -1 when it does not fit. */
static int join(char *path, size_t cap, const char *dir, const char *file)
{
    return (size_t)snprintf(path, cap, "%s/%s", dir, file) < cap ? 0 : -1;
}

int fk_write_file(const char *dir, const char *file, const char *text, size_t len, int mode)
{
    char path[PATH_CAP];
    if (join(path, sizeof path, dir, file))
        return -1;
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int bad = fwrite(text, 1, len, f) != len;
    bad |= fclose(f) != 0;
    return bad || chmod(path, (mode_t)mode) ? -1 : 0;
}

int fk_write_program(const char *dir, const char *file, const char *header,
                     const struct fk_prog *prog)
{
    static char text[1 << 16];
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_out_str(&o, header);
    fk_prog_print(prog, &o);
    return o.len < sizeof text ? fk_write_file(dir, file, text, o.len, 0644) : -1;
}

/* mkdir -p: 0, or -1. */
static int make_dirs(const char *path)
{
    char buf[PATH_CAP];
    struct stat st;
    if ((size_t)snprintf(buf, sizeof buf, "%s", path) >= sizeof buf)
        return -1;
    for (char *s = buf + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(buf, 0777);
            *s = '/';
        }
    return mkdir(buf, 0777) && (stat(buf, &st) || !S_ISDIR(st.st_mode)) ? -1 : 0;
}

/* What dir/finding.txt says: 0 with its fields, or -1 when it is not there. */
struct finding_meta {
    char sig[1100], by[64], first[40];
    long hits;
};

static int read_meta(const char *dir, struct finding_meta *m)
{
    char path[PATH_CAP], line[1200];
    FILE *f = join(path, sizeof path, dir, "finding.txt") ? 0 : fopen(path, "r");
    if (!f)
        return -1;
    memset(m, 0, sizeof *m);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (!strncmp(line, "signature: ", 11))
            snprintf(m->sig, sizeof m->sig, "%.1099s", line + 11);
        else if (!strncmp(line, "found by: ", 10))
            snprintf(m->by, sizeof m->by, "%.63s", line + 10);
        else if (!strncmp(line, "first seen: ", 12))
            snprintf(m->first, sizeof m->first, "%.39s", line + 12);
        else if (!strncmp(line, "hits: ", 6))
            m->hits = strtol(line + 6, 0, 10);
    }
    fclose(f);
    return 0;
}

int fk_finding_record(const char *root, const char *sig, const char *by, char *dir,
                      size_t cap)
{
    struct finding_meta m;
    char now[40], text[1400];
    time_t t = time(0);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&t, &tm));
    unsigned long id = crc32(0, (const Bytef *)sig, (uInt)strlen(sig));
    for (int n = 1; n <= 16; n++) {     /* another signature with the same CRC: ID-2, ... */
        size_t len = n == 1 ? (size_t)snprintf(dir, cap, "%s/%08lx", root, id)
                            : (size_t)snprintf(dir, cap, "%s/%08lx-%d", root, id, n);
        if (len >= cap)
            return -1;
        int fresh = read_meta(dir, &m) != 0;
        if (!fresh && strcmp(m.sig, sig))
            continue;
        if (fresh) {
            if (make_dirs(dir))
                return -1;
            m.hits = 0;
            snprintf(m.by, sizeof m.by, "%s", by);
            snprintf(m.first, sizeof m.first, "%s", now);
        }
        len = (size_t)snprintf(text, sizeof text,
                               "signature: %.1100s\nfound by: %s\nhits: %ld\n"
                               "first seen: %s\nlast seen: %s\n",
                               sig, m.by, m.hits + 1, m.first, now);
        if (len >= sizeof text || fk_write_file(dir, "finding.txt", text, len, 0644))
            return -1;
        return fresh;
    }
    return -1;
}

/* Copies the file at src into dir/name. */
static int copy_into(const char *dir, const char *name, const char *src)
{
    char path[PATH_CAP], buf[1 << 16];
    FILE *in = fopen(src, "rb"), *out = join(path, sizeof path, dir, name) ? 0 : fopen(path, "wb");
    size_t n;
    int bad = !in || !out;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, n, out) != n;
    bad |= in && ferror(in);
    if (in)
        fclose(in);
    if (out)
        bad |= fclose(out) != 0;
    return bad ? -1 : 0;
}

/* replay.sh: model vs the backend again, then the backend's observations,
 * from any directory. FORKSPEC_ROOT (set by ./forkspec) names the checkout
 * that saved it; else forkspec on the PATH. */
static int write_replay(const char *dir, const struct fk_target *t)
{
    char text[2048];
    const char *root = getenv("FORKSPEC_ROOT");
    const char *b = fk_backend_names[t->backend];
    const char *k = t->backend == FK_KERNEL ? " --kernel \"$here/kernel.elf\""
                    : t->backend == FK_QEMU_LINUX ? " --kernel \"$here/bzImage\"" : "";
    size_t len = (size_t)snprintf(text, sizeof text,
        "#!/bin/sh\n"
        "# Replays this finding from any directory: the model vs %s%s,\n"
        "# then %s's observations. FORKSPEC: the forkspec command to use.\n"
        "here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
        "forkspec=${FORKSPEC:-%s%s}\n"
        "\"$forkspec\" diff --against %s%s \"$here/minimal.prog\"\n"
        "\"$forkspec\" run --backend %s%s --state \"$here/minimal.prog\"\n",
        b, t->backend != FK_LINUX ? " (the one that showed it)" : "", b,
        root ? root : "", root ? "/forkspec" : "forkspec", b, k, b, k);
    return len < sizeof text ? fk_write_file(dir, "replay.sh", text, len, 0755) : -1;
}

/* kernel.elf, minimal.bin and qemu.sh: the finding on its kernel alone. */
static int write_qemu_repro(const char *dir, const struct fk_target *t, const char *sig,
                            const struct fk_prog *prog, const struct fk_divergence *d)
{
    static char elf[8 << 20];
    static uint8_t bin[FK_MAX_STEPS * 32];
    char text[2048], model[128] = "", kernel[128] = "", what[400] = "";
    FILE *f = fopen(t->img.kernel, "rb");
    size_t n = f ? fread(elf, 1, sizeof elf, f) : 0;
    if (!f || fclose(f) || n == 0 || n == sizeof elf
        || fk_write_file(dir, "kernel.elf", elf, n, 0644))
        return -1;
    n = fk_prog_encode(prog, bin, sizeof bin);
    if (fk_write_file(dir, "minimal.bin", (const char *)bin, n, 0644))
        return -1;
    if (d->verdict == FK_DIVERGE && d->step < prog->nsteps) {
        struct fk_out om = fk_out_make(model, sizeof model - 1);
        struct fk_out ok = fk_out_make(kernel, sizeof kernel - 1);
        fk_result_print(&prog->step[d->step], &d->model, &om);
        fk_result_print(&prog->step[d->step], &d->other, &ok);
        model[om.len < sizeof model ? om.len : sizeof model - 1] = 0;
        kernel[ok.len < sizeof kernel ? ok.len : sizeof kernel - 1] = 0;
        if (strcmp(model, kernel))
            snprintf(what, sizeof what, "\n# At step %u the model gives %s, the kernel %s.",
                     d->step, model, kernel);
        else
            snprintf(what, sizeof what, "\n# At step %u both give %s; the state after it "
                     "differs (report.txt).", d->step, model);
    }
    size_t len = (size_t)snprintf(text, sizeof text,
        "#!/bin/sh\n"
        "# This finding on its kernel alone, in QEMU's one-shot mode: needs only\n"
        "# qemu-system-i386, kernel.elf and minimal.bin (or give others as $1 and\n"
        "# $2). The kernel prints each step's result and END's leak check.\n"
        "# The divergence: %s.%s\n"
        "here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
        "exec qemu-system-i386 -kernel \"${1:-$here/kernel.elf}\" "
        "-initrd \"${2:-$here/minimal.bin}\" \\\n"
        "    -serial null -debugcon stdio -display none -no-reboot \\\n"
        "    -device isa-debug-exit,iobase=0xf4,iosize=0x04\n",
        sig, what);
    return len < sizeof text ? fk_write_file(dir, "qemu.sh", text, len, 0755) : -1;
}

int fk_save_finding(const char *root, const char *name, const char *by, struct fk_target *t,
                    struct fk_prog *prog, struct fk_divergence *d, char *dir, size_t cap)
{
    static char report[1 << 18];
    char sig[1024], header[1200];
    fk_report_signature(prog, d, sig, sizeof sig);
    int fresh = fk_finding_record(root, sig, by, dir, cap);
    if (fresh != 1)
        return fresh;
    snprintf(header, sizeof header, "# as run by %s\n", by);
    int bad = fk_write_program(dir, "program.prog", header, prog);
    FILE *r = fmemopen(report, sizeof report, "w");
    if (r) {
        fk_report_print(r, name, prog, d);
        long len = ftell(r);
        fclose(r);
        bad |= fk_write_file(dir, "report.txt", report, (size_t)len, 0644);
    }
    fk_minimize(t, prog, sig);
    fk_compare(t, prog, d);             /* the minimal program's divergence */
    snprintf(header, sizeof header, "# minimized by %s; same divergence: %s\n", by, sig);
    bad |= fk_write_program(dir, "minimal.prog", header, prog);
    bad |= write_replay(dir, t);
    if (d->log_tail[0])
        bad |= fk_write_file(dir, "console-tail.txt", d->log_tail, strlen(d->log_tail), 0644);
    if (t->backend == FK_QEMU_LINUX)
        bad |= copy_into(dir, "bzImage", t->img.bzimage);
    if (t->backend == FK_KERNEL)
        bad |= write_qemu_repro(dir, t, sig, prog, d);
    else if (d->verdict == FK_DIVERGE) {
        char path[PATH_CAP];
        FILE *c = join(path, sizeof path, dir, "repro.c") ? 0 : fopen(path, "w");
        if (c) {
            fk_repro_c(c, prog, d);
            bad |= fclose(c) != 0;
        }
        bad |= !c;
        FILE *g = join(path, sizeof path, dir, "guest.sh") ? 0 : fopen(path, "w");
        if (g) {
            fk_repro_guest_script(g);
            bad |= fclose(g) != 0 || chmod(path, 0755);
        }
        bad |= !g;
    }
    return bad ? -1 : 1;
}
