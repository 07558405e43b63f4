/* The Linux backend (spec/syscalls.md, "Comparing with Linux"): a
 * program's processes are real Linux processes, p0 forked from the harness
 * and the others by fork steps, each running the shared executor
 * (spec/executor.c) over Linux system calls (linux_sys.c). Steps and
 * results pass through a shared mailbox (a futex per process to start a
 * step, an eventfd above NOFILE to say it is done); the harness reads L1
 * from /proc and the private namespace directory. Host C (Linux, root). */
#ifndef BACKENDS_LINUX_H
#define BACKENDS_LINUX_H

#include <stdint.h>
#include <sys/types.h>
#include "spec/obs.h"
#include "spec/program.h"
#include "spec/trace.h"

#define FK_LINUX_DONE_FD 100    /* the eventfd in every executor process */
#define FK_LINUX_DIR_MAX 256    /* $TMPDIR/forkspec-linux-XXXXXX */

enum { FK_LX_STEP = 1, FK_LX_FILL = 2 };

/* Shared by the harness and every executor process (MAP_SHARED). */
struct fk_linux_box {
    uint32_t go[FK_MAX_PID + 1];    /* bumped to start process N's next command */
    uint32_t cmd;                   /* FK_LX_STEP or FK_LX_FILL */
    struct fk_step step;            /* a wait's pid already a Linux pid */
    uint32_t child;                 /* the canonical pid a fork's child takes */
    struct fk_result result;        /* Linux's: pids are Linux pids */
    int32_t fill_fd, fill;          /* FIONREAD of fill_fd */
    pid_t harness;                  /* idle processes exit when it is gone */
    int32_t setup_errno;            /* p0's setup: 0, or what failed */
    char setup_what[32];
    uint8_t cover_on;               /* KCOV: each process traces its task */
    uint8_t cover[FK_COVER_BYTES];  /* the program's edges (linux_kcov.c) */
};

enum fk_lx_state { LX_NONE, LX_ALIVE, LX_ZOMBIE, LX_REAPED };

struct fk_linux_proc {
    pid_t pid;
    int pidfd, memfd;
    uint8_t state;                  /* enum fk_lx_state */
};

struct fk_linux {
    char dir[FK_LINUX_DIR_MAX];      /* the private namespace directory */
    struct fk_linux_box *box;
    int done_fd;
    pid_t self;
    uint32_t next;                  /* the next canonical pid */
    int cover;                      /* KCOV for the next program's processes */
    struct fk_linux_proc proc[FK_MAX_PID + 1];
    char why[256];
};

/* Creates the namespace directory (in $TMPDIR, else /tmp), mailbox and eventfd, makes the harness
 * a subreaper (it inherits p0's orphans when p0 is killed) and tries one
 * p0. 0, or -1 with lx->why (for example: not root). */
int fk_linux_open(struct fk_linux *lx);
void fk_linux_close(struct fk_linux *lx);

/* Resets the namespace and starts p0. 0, or -1 with lx->why. */
int fk_linux_start(struct fk_linux *lx);

/* Runs step s (canonical pids in and out). 0 with *r; -1 when the process
 * neither finished nor died within 5 s (lx->why). */
int fk_linux_step(struct fk_linux *lx, const struct fk_step *s, struct fk_result *r);

/* The L1 observation now, canonical (L2 fields empty). 0, or -1 with
 * lx->why when /proc could not be read. */
int fk_linux_observe(struct fk_linux *lx, struct fk_obs *canon);

/* Kills and reaps every process of the program, whatever state it is in. */
void fk_linux_finish(struct fk_linux *lx);

/* Inside p0, forked by fk_linux_start: sets the process up and serves
 * steps; never returns (linux_sys.c). */
void fk_linux_p0(struct fk_linux *lx);

/* KCOV in the executor processes, when box->cover_on (linux_kcov.c): p0
 * starts tracing before its first step; a fork step opens the child's
 * handle before and hands it over after; every step's PCs are folded into
 * box->cover as edges. Each does nothing without KCOV. */
void fk_kcov_start_p0(struct fk_linux_box *box);
void fk_kcov_before_fork(struct fk_linux_box *box);
void fk_kcov_after_fork(struct fk_linux_box *box, int in_child);
void fk_kcov_fold(struct fk_linux_box *box);

#endif
