#define _POSIX_C_SOURCE 200809L
#include "diff/findings.h"
#include <stdio.h>
#include <sys/stat.h>
#include "diff/minimize.h"
#include "diff/report.h"
#include "diff/repro.h"

FILE *fk_open_in(const char *dir, const char *file)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return fopen(path, "w");
}

void fk_write_program(const char *dir, const char *file, const char *header,
                      const struct fk_prog *prog)
{
    static char text[1 << 16];
    struct fk_out o = fk_out_make(text, sizeof text);
    FILE *f = fk_open_in(dir, file);
    fk_out_str(&o, header);
    fk_prog_print(prog, &o);
    if (f) {
        fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, f);
        fclose(f);
    }
}

int fk_make_dirs(const char *path)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *s = buf + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(buf, 0777);
            *s = '/';
        }
    struct stat st;
    return mkdir(buf, 0777) && (stat(buf, &st) || !S_ISDIR(st.st_mode)) ? -1 : 0;
}

int fk_save_finding(const char *dir, const char *name, const char *by, struct fk_target *t,
                    struct fk_prog *prog, struct fk_divergence *d)
{
    char sig[1024], header[1200];
    if (fk_make_dirs(dir))
        return -1;
    snprintf(header, sizeof header, "# as run by %s\n", by);
    fk_write_program(dir, "program.prog", header, prog);
    FILE *r = fk_open_in(dir, "report.txt");
    if (r) {
        fk_report_print(r, name, prog, d);
        fclose(r);
    }
    fk_report_signature(prog, d, sig, sizeof sig);
    fk_minimize(t, prog, sig);
    snprintf(header, sizeof header, "# minimized by %s; same divergence: %s\n", by, sig);
    fk_write_program(dir, "minimal.prog", header, prog);
    const char *b = t->on_linux ? "linux" : "kernel";
    FILE *s = fk_open_in(dir, "replay.sh");
    if (s) {
        fprintf(s, "#!/bin/sh\n# replays the finding: model vs %s, then %s's "
                   "observations\n./forkspec diff --against %s %s/minimal.prog\n"
                   "./forkspec run --backend %s --state %s/minimal.prog\n", b, b, b, dir, b, dir);
        fclose(s);
        char path[600];
        snprintf(path, sizeof path, "%s/replay.sh", dir);
        chmod(path, 0755);
    }
    FILE *c = t->on_linux && d->verdict == FK_DIVERGE ? fk_open_in(dir, "repro.c") : 0;
    if (c) {                /* marks the minimal program's diverging step */
        fk_compare(t, prog, d);
        fk_repro_c(c, prog, d);
        fclose(c);
    }
    return 0;
}
