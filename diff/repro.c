#include "diff/repro.h"
#include <string.h>
#include "diff/report.h"
#include "model/model.h"
#include "spec/obs_print.h"

/* The executor, the Linux system calls and the runtime, verbatim
 * (repro_source.c, generated from //diff:repro_text): a reproducer runs
 * each step exactly as the Linux backend does. */
extern const char fk_repro_executor[];

static void c_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++)
        fprintf(out, *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
    fputc('"', out);
}

/* STEPS (each with its text in a comment) and TEXT. */
static void steps_table(FILE *out, const struct fk_prog *p)
{
    char text[128];
    fprintf(out, "static const struct fk_step STEPS[] = {\n");
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const struct fk_step *s = &p->step[i];
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_step_print(s, &o);
        fprintf(out, "    { .proc = %u, .op = %u, .arg = { %d, %d, %d, %d } },  /* %s */\n",
                s->proc, s->op, s->arg[0], s->arg[1], s->arg[2], s->arg[3], fk_out_cstr(&o));
    }
    fprintf(out, "};\nstatic const char *const TEXT[] = {\n");
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_step_print(&p->step[i], &o);
        fprintf(out, "    ");
        c_string(out, fk_out_cstr(&o));
        fprintf(out, ",\n");
    }
    fprintf(out, "};\n");
}

/* MODEL: the model's result of each step, as reports print it. */
static void model_table(FILE *out, const struct fk_prog *p)
{
    char text[128];
    fprintf(out, "static const char *const MODEL[] = {\n");
    model_reset();
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = model_step(p->step[i]);
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_result_print(&p->step[i], &r, &o);
        fprintf(out, "    ");
        c_string(out, fk_out_cstr(&o));
        fprintf(out, ",\n");
    }
    fprintf(out, "};\n");
}

void fk_repro_c(FILE *out, const struct fk_prog *p, const struct fk_divergence *d)
{
    char sig[1024];
    fk_report_signature(p, d, sig, sizeof sig);
    fprintf(out, "/* forkspec reproducer (%s at step %u: %s)\n"
                 " * Runs the program's steps in real processes, one at a time, with the\n"
                 " * executor and system calls the Linux backend runs (copied below), and\n"
                 " * prints Linux's result of each beside the model's (pids are Linux's;\n"
                 " * wait -1 may legitimately pick another zombie). On any Linux box:\n"
                 " *   cc -o repro repro.c && sudo ./repro\n"
                 " * (or without sudo where unprivileged user namespaces are allowed). */\n"
                 "#define _GNU_SOURCE\n"
                 "#pragma GCC diagnostic ignored \"-Wunused-function\"\n",
            d->against ? d->against : "linux", d->step, sig);
    fputs(fk_repro_executor, out);
    fprintf(out, "\n/* ---- the program ---- */\n\n");
    steps_table(out, p);
    model_table(out, p);
    fprintf(out, "\nint main(void)\n{\n    return repro_main(STEPS, TEXT, MODEL, %u, %d);\n}\n",
            p->nsteps, (int)d->step);
}

void fk_repro_guest_script(FILE *out)
{
    fputs("#!/bin/sh\n"
          "# repro.c on Linux in QEMU, without root: built static as the /init of an\n"
          "# initramfs, booted on a bzImage ($1, else the one beside this script).\n"
          "# Needs cc (static glibc), cpio and qemu-system-x86_64.\n"
          "set -e\n"
          "here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
          "image=${1:-$here/bzImage}\n"
          "work=$(mktemp -d)\n"
          "trap 'rm -rf \"$work\"' EXIT\n"
          "mkdir \"$work/root\"\n"
          "cc -std=gnu11 -static -O2 -o \"$work/root/init\" \"$here/repro.c\"\n"
          "(cd \"$work/root\" && echo init | cpio --quiet -o -H newc) > \"$work/initramfs.cpio\"\n"
          "qemu-system-x86_64 -M q35 -m 256 -kernel \"$image\" -initrd \"$work/initramfs.cpio\" \\\n"
          "    -append 'console=ttyS0 quiet panic=-1 no_timer_check rdinit=/init' \\\n"
          "    -serial stdio -display none -monitor none -no-reboot < /dev/null\n", out);
}
