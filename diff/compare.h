/* The model against one backend, step by step (spec/trace-protocol.md;
 * spec/syscalls.md, "Comparing with Linux"). The kernel: L0 and the L1/L2
 * hashes of every step in hash mode; at the first difference the program
 * is replayed in full mode to get both observations. Linux: L0 and the
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
    const char *against;            /* "kernel" or "linux" */
    int level;                      /* the levels compared: FK_L2 (kernel), FK_L1 */
    struct fk_result model, other;  /* its results */
    struct fk_obs model_obs, other_obs;    /* canonical, after that step */
    int have_obs;                   /* both observations are there */
    char why[256];                  /* PANIC text, leak counts, ... */
};

/* Runs p on the model and on the kernel behind q; the kernel stays up for
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

/* A backend to compare against, started on first use. */
struct fk_target {
    int on_linux;               /* 0: the kernel in QEMU; 1: the host's Linux */
    const char *kernel;         /* the kernel image */
    struct fk_qemu q;
    struct fk_linux lx;
    int lx_open;
    char why[300];
};

/* --against NAME: use[0] (the kernel) and use[1] (Linux) for "kernel",
 * "linux" or "all"; -1 for another name. */
int fk_backends_named(const char *name, int use[2]);

void fk_target_init(struct fk_target *t, int on_linux, const char *kernel);
/* Starts the backend if it is not running: 0, or -1 with t->why. */
int fk_target_ready(struct fk_target *t);
/* fk_compare_kernel or fk_compare_linux; FK_HANG with the reason when the
 * backend cannot be started. */
enum fk_verdict fk_compare(struct fk_target *t, const struct fk_prog *p,
                           struct fk_divergence *d);
void fk_target_stop(struct fk_target *t);

#endif
