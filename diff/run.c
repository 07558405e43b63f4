#define _POSIX_C_SOURCE 200809L
/* forkspec run: one program on one backend, step by step. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backends/linux.h"
#include "backends/qemu.h"
#include "host/args.h"
#include "model/model.h"
#include "spec/obs_print.h"
#include "host/progfile.h"

static const char usage[] =
    "usage: forkspec run [--backend model|kernel|linux|qemu-linux] [--state] [--binary] PROG\n"
    "  --backend B     model (default), kernel (the bundled kernel in QEMU), linux (the\n"
    "                  host, as root) or qemu-linux (Linux in QEMU, no root needed)\n"
    "  --state         print the full observation after every step (L1 and L2;\n"
    "                  L1 only on Linux)\n"
    "  --binary        PROG is in the binary form\n"
    "  --kernel PATH   a kernel image: an x86-64 bzImage is qemu-linux's, anything else\n"
    "                  the bundled kernel's (./forkspec run passes both defaults)\n"
    "  --initramfs F   the agent's initramfs (./forkspec run passes it)\n";

static struct fk_prog prog;
static struct fk_obs raw, canon;
static char text[1 << 20];
static int level = FK_L2;        /* what --state prints: L1 only on linux */

/* One step's line, and with obs its observation. */
static void print_step(uint32_t i, const struct fk_step *s,
                       const struct fk_result *r, const struct fk_obs *obs)
{
    struct fk_out o = fk_out_make(text, sizeof text);
    size_t mark;
    fk_out_dec(&o, i);
    fk_out_str(&o, i < 10 ? "    " : i < 100 ? "   " : "  ");
    mark = o.len;
    fk_step_print(s, &o);
    while (o.len < mark + 32)
        fk_out_char(&o, ' ');
    fk_out_str(&o, " = ");
    fk_result_print(s, r, &o);
    fk_out_char(&o, '\n');
    if (obs)
        fk_obs_print(obs, level, "      ", &o);
    fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, stdout);
}

static int run_model(int state)
{
    model_reset();
    if (state) {
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_out_str(&o, "initial state\n");
        model_observe(&raw);
        fk_obs_canon(&raw, &canon);
        fk_obs_print(&canon, FK_L2, "      ", &o);
        fwrite(text, 1, o.len < sizeof text ? o.len : sizeof text, stdout);
    }
    for (uint32_t i = 0; i < prog.nsteps; i++) {
        struct fk_result r = model_step(prog.step[i]);
        if (state) {
            model_observe(&raw);
            fk_obs_canon(&raw, &canon);
        }
        print_step(i, &prog.step[i], &r, state ? &canon : NULL);
    }
    return 0;
}

static struct fk_qemu qemu;

/* A kernel frame that is not the next STEP_FULL: say what it means. */
static int kernel_trouble(int got, const struct fk_frame *f, uint32_t step)
{
    struct fk_panic_msg pm;
    struct fk_error_msg em;
    static char tail[8192];
    if (qemu.linux_guest && fk_qemu_log_tail(&qemu, tail, sizeof tail))
        fprintf(stderr, "forkspec run: the end of Linux's console log:\n%s\n", tail);
    if (got == -2)
        return 2;           /* a failed start: the log is all there is to say */
    if (got == 1 && f->type == FK_T_ERROR && !fk_error_get(f->payload, f->len, &em))
        fprintf(stderr, "forkspec run: step %u: the agent: %.*s\n", step, (int)em.text_len,
                (const char *)em.text);
    else if (got == 0)
        fprintf(stderr, "forkspec run: the kernel hung at step %u (no frame for 2 s)\n", step);
    else if (got < 0)
        fprintf(stderr, "forkspec run: the kernel died at step %u\n", step);
    else if (f->type == FK_T_PANIC && !fk_panic_get(f->payload, f->len, &pm))
        fprintf(stderr, "forkspec run: kernel PANIC at step %u: %.*s (trap %u, eip 0x%x)\n",
                step, (int)pm.text_len, (const char *)pm.text, pm.trap, pm.eip);
    else
        fprintf(stderr, "forkspec run: unexpected kernel frame 0x%02x at step %u\n",
                f->type, step);
    fk_qemu_stop(&qemu);
    return 1;
}

/* The console log of Linux in QEMU while run runs. */
static char console[256];

static void remove_console(void)
{
    unlink(console);
}

static int start_linux(const char *bzimage, const char *initramfs)
{
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    if (!bzimage) {
        fprintf(stderr, "forkspec run: no Linux image (--kernel BZIMAGE; ./forkspec run passes "
                        "Debian's, fetched by tools/setup)\n");
        return -1;
    }
    snprintf(console, sizeof console, "%s/forkspec-run-console-XXXXXX", tmp);
    int fd = mkstemp(console);
    if (fd < 0) {
        fprintf(stderr, "forkspec run: cannot create %s: %s\n", console, strerror(errno));
        return -1;
    }
    close(fd);
    atexit(remove_console);
    if (!fk_qemu_start_linux(&qemu, bzimage, initramfs, console))
        return 0;
    kernel_trouble(-2, 0, 0);
    fprintf(stderr, "forkspec run: Linux %s did not start: %s\n", bzimage, qemu.why);
    return -1;
}

static int run_kernel(const char *kernel, const char *bzimage, const char *initramfs,
                      int linux_guest, int state)
{
    struct fk_frame f;
    struct fk_step_msg m;
    struct fk_end_msg e;
    if (linux_guest) {
        level = FK_L1;
        if (start_linux(bzimage, initramfs))
            return 2;
    } else if (fk_qemu_start(&qemu, kernel, NULL)) {
        fprintf(stderr, "forkspec run: kernel %s did not start: %s\n", kernel, qemu.why);
        fk_qemu_stop(&qemu);
        return 2;
    }
    if (fk_qemu_send_program(&qemu, &prog, FK_MODE_FULL, 1))
        return kernel_trouble(-1, &f, 0);
    for (uint32_t i = 0; i < prog.nsteps; i++) {
        int got = fk_qemu_recv(&qemu, &f, 2000);
        if (got != 1 || f.type != FK_T_STEP_FULL || fk_step_full_get(f.payload, f.len, &m)
            || m.step != i || fk_obs_deserialize(m.l1, m.n1, m.l2, m.n2, &canon))
            return kernel_trouble(got, &f, i);
        print_step(i, &prog.step[i], &m.result, state ? &canon : NULL);
    }
    int got = fk_qemu_recv(&qemu, &f, 2000);
    if (got != 1 || f.type != FK_T_END || fk_end_get(f.payload, f.len, &e))
        return kernel_trouble(got, &f, prog.nsteps);
    fk_qemu_stop(&qemu);
    if (!e.leak_ok) {
        char text[200];
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_end_describe(&e, &o);
        fprintf(stderr, "forkspec run: END reports %s: %s\n",
                linux_guest ? "processes left behind" : "a leak", fk_out_cstr(&o));
        return 1;
    }
    return 0;
}

static struct fk_linux lx;

static int run_linux(int state)
{
    struct fk_result r;
    int rc = 0;
    level = FK_L1;
    if (fk_linux_open(&lx) || fk_linux_start(&lx)) {
        fprintf(stderr, "forkspec run: the Linux backend cannot start: %s\n", lx.why);
        fk_linux_close(&lx);
        return 2;
    }
    for (uint32_t i = 0; i < prog.nsteps && !rc; i++) {
        if (fk_linux_step(&lx, &prog.step[i], &r) || (state && fk_linux_observe(&lx, &canon))) {
            fprintf(stderr, "forkspec run: step %u: %s\n", i, lx.why);
            rc = 1;
            break;
        }
        print_step(i, &prog.step[i], &r, state ? &canon : NULL);
    }
    fk_linux_finish(&lx);
    fk_linux_close(&lx);
    return rc;
}

int main(int argc, char **argv)
{
    const char *backend = "model", *path = NULL, *kernel = "bazel-bin/kernel/kernel.elf";
    const char *bzimage = NULL, *initramfs = "bazel-bin/backends/initramfs.cpio";
    static const struct option options[] = {
        { "backend", required_argument, 0, 'b' }, { "kernel", required_argument, 0, 'k' },
        { "initramfs", required_argument, 0, 'i' },
        { "state", no_argument, 0, 's' },         { "binary", no_argument, 0, 'B' },
        { "help", no_argument, 0, 'h' },          { 0, 0, 0, 0 },
    };
    int state = 0, binary = 0, c;
    while ((c = getopt_long(argc, argv, "h", options, 0)) != -1) {
        switch (c) {
        case 'b': backend = optarg; break;
        case 'k':
            if (access(optarg, R_OK))
                return fprintf(stderr, "forkspec run: --kernel %s: cannot read it\n", optarg), 2;
            *(fk_is_bzimage(optarg) ? &bzimage : &kernel) = optarg;
            break;
        case 'i': initramfs = optarg; break;
        case 's': state = 1; break;
        case 'B': binary = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fk_arg_usage_exit(usage);
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "forkspec run: %s\n%s", optind == argc ? "no program given"
                : "one program at a time", usage);
        return 2;
    }
    path = argv[optind];
    if (strcmp(backend, "model") && strcmp(backend, "kernel") && strcmp(backend, "linux")
        && strcmp(backend, "qemu-linux")) {
        fprintf(stderr, "forkspec run: backend '%s': not model, kernel, linux or qemu-linux\n",
                backend);
        return 2;
    }
    if (fk_load_program("forkspec run", path, binary, &prog))
        return 2;
    if (!strcmp(backend, "linux"))
        return run_linux(state);
    if (!strcmp(backend, "model"))
        return run_model(state);
    return run_kernel(kernel, bzimage, initramfs, !strcmp(backend, "qemu-linux"), state);
}
