/* The model against one backend, step by step (spec/trace-protocol.md;
 * spec/syscalls.md, "Comparing with Linux"). The kernel: one hash of all
 * its steps (program-hash mode) when its HELLO offers it, else or when
 * that differs L0 and the L1/L2 hashes of every step in hash mode; at the
 * first difference the program is replayed in full mode to get both
 * observations. Linux: L0 and the
 * full L1 every step, with the spec's not-comparable steps. Host C. */
#ifndef DIFF_COMPARE_H
#define DIFF_COMPARE_H

#include <stdint.h>
#include "backends/linux.h"
#include "backends/qemu.h"
#include "spec/obs.h"
#include "spec/program.h"

enum fk_verdict {
    FK_AGREE,           /* every step the same, END without leak */
    FK_DIVERGE,         /* a step's result or observation differs */
    FK_LEAK,            /* END reports a leak */
    FK_PANIC,           /* the kernel sent PANIC */
    FK_HANG,            /* no frame for 2 s and no HELLO after RESET, or QEMU died */
    FK_TRANSPORT,       /* frames lost or damaged on two tries running */
    FK_NOT_COMPARABLE,  /* Linux: a step hangs on a host policy (not a pass) */
};

struct fk_divergence {
    enum fk_verdict verdict;
    uint32_t step;                  /* the first step that differs / failed */
    const char *against;            /* a name from fk_backend_names */
    int level;                      /* the levels compared: FK_L2 (kernel), FK_L1 */
    struct fk_result model, other;  /* its results */
    struct fk_obs model_obs, other_obs;    /* canonical, after that step */
    int have_obs;                   /* both observations are there */
    char why[256];                  /* PANIC text, leak counts, ... */
    char log_tail[8192];            /* qemu-linux hang or panic: the console's end */
};

/* Runs p on the model and on the kernel behind q (the bundled kernel, or
 * Linux's agent: then full mode and fk_compare_linux's rules); it stays up for
 * the next program unless it panicked or hung (then it is stopped). Lost
 * or damaged frames (a sequence gap, a step out of order, silence from a
 * kernel that still answers RESET) discard the results: the link is
 * resynchronized and the program run once more (spec/trace-protocol.md). */
enum fk_verdict fk_compare_kernel(struct fk_qemu *q, const struct fk_prog *p,
                                  struct fk_divergence *d);

/* Runs p on the model and on Linux. Where POSIX lets Linux choose (the
 * zombie `wait -1` reaps) the model follows Linux's choice when it is in
 * the allowed set. */
enum fk_verdict fk_compare_linux(struct fk_linux *lx, const struct fk_prog *p,
                                 struct fk_divergence *d);

/* The backends, as --against and reports name them: the bundled kernel in
 * QEMU, the host's Linux (root), Linux in QEMU with the agent. */
enum fk_backend { FK_KERNEL, FK_LINUX, FK_QEMU_LINUX, FK_NBACKEND };
extern const char *const fk_backend_names[FK_NBACKEND];

/* What the QEMU backends boot. */
struct fk_images {
    const char *kernel;         /* the bundled kernel's ELF */
    const char *bzimage;        /* Linux's x86-64 boot image */
    const char *initramfs;      /* the agent's (//backends:initramfs) */
};

#define FK_IMAGES_DEFAULT { "bazel-bin/kernel/kernel.elf", 0, "bazel-bin/backends/initramfs.cpio" }

/* --kernel PATH: a bzImage (Linux's boot header) is qemu-linux's image,
 * anything else the bundled kernel's. -1 when PATH cannot be read. */
int fk_images_kernel(struct fk_images *img, const char *path);

/* A backend to compare against, started on first use. */
struct fk_target {
    enum fk_backend backend;
    struct fk_images img;
    struct fk_qemu q;
    struct fk_linux lx;
    int lx_open;
    char log[256];              /* qemu-linux: the console log, removed at stop */
    char why[300];
};

/* --against NAME: use[b] for each backend NAME selects ("all": every
 * one); -1 for a name that is none of them nor "all". */
int fk_backends_named(const char *name, int use[FK_NBACKEND]);

void fk_target_init(struct fk_target *t, enum fk_backend b, const struct fk_images *img);
/* Starts the backend if it is not running: 0, or -1 with t->why. */
int fk_target_ready(struct fk_target *t);
/* Runs p on the model and t's backend; FK_HANG with the reason when the
 * backend cannot be started. A hang or panic of Linux in QEMU carries the
 * tail of its console log (d->log_tail). */
enum fk_verdict fk_compare(struct fk_target *t, const struct fk_prog *p,
                           struct fk_divergence *d);
void fk_target_stop(struct fk_target *t);

#endif
