/* Model vs kernel, step by step (ARCHITECTURE.md, "Comparison"): L0 and the
 * L1/L2 hashes of every step in hash mode; at the first difference the
 * program is replayed in full mode to get both observations. Host C. */
#ifndef DIFF_COMPARE_H
#define DIFF_COMPARE_H

#include <stdint.h>
#include "diff/qemu.h"
#include "spec/obs.h"
#include "spec/program.h"

enum fk_verdict {
    FK_AGREE,           /* every step the same, END without leak */
    FK_DIVERGE,         /* a step's result or observation differs */
    FK_LEAK,            /* END reports a leak */
    FK_PANIC,           /* the kernel sent PANIC */
    FK_HANG,            /* no frame for 2 s and no HELLO after RESET, or QEMU died */
    FK_TRANSPORT,       /* frames lost or damaged on two tries running */
};

struct fk_divergence {
    enum fk_verdict verdict;
    uint32_t step;                  /* the first step that differs / failed */
    struct fk_result model, kernel; /* its results */
    struct fk_obs model_obs, kernel_obs;   /* canonical, after that step */
    int have_obs;                   /* the full-mode replay worked */
    char why[256];                  /* PANIC text, leak counts, ... */
};

/* Runs p on the model and on the kernel behind q; the kernel stays up for
 * the next program unless it panicked or hung (then it is stopped). Lost
 * or damaged frames (a sequence gap, a step out of order, silence from a
 * kernel that still answers RESET) discard the results: the link is
 * resynchronized and the program run once more (spec/trace-protocol.md). */
enum fk_verdict fk_compare_kernel(struct fk_qemu *q, const struct fk_prog *p,
                                  struct fk_divergence *d);

#endif
