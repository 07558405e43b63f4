/* The link to a kernel in QEMU, spoken to in the frames of
 * spec/trace-protocol.md over a pipe pair: qemu-system-i386 running the
 * bundled kernel/ (COM1), or qemu-system-x86_64 running Linux with the
 * agent (backends/agent.c) as /init (ttyS1). Host-side C (POSIX). */
#ifndef BACKENDS_QEMU_H
#define BACKENDS_QEMU_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "spec/frame.h"
#include "spec/program.h"
#include "spec/trace.h"

/* Fault injection on the serial link, both ways, for the harness's own
 * tests: each byte is flipped, dropped, or followed by a random byte with
 * these chances (per million). */
struct fk_link_faults {
    uint32_t flip, drop, insert;
    uint64_t rng;
    uint32_t flipped, dropped, inserted;
};

struct fk_qemu {
    pid_t pid;
    struct fk_link_faults faults;   /* all 0: a clean link */
    uint16_t kernel_seq;            /* the kernel's next sequence number */
    uint32_t seq_gaps;              /* frames missing between received ones */
    int to_kernel, from_kernel;     /* COM1 */
    uint16_t seq;                   /* our next frame's sequence number */
    struct fk_frame_decoder dec;
    uint8_t pend[4096];             /* read but not yet taken by dec */
    size_t pend_off, pend_len;
    struct fk_hello hello;          /* as the kernel last sent it */
    uint8_t hello_build[256];
    double hello_seconds;           /* start to first HELLO */
    char log_path[256];             /* the kernel's debug-port log */
    char why[256];                  /* what went wrong, for the caller */
    int linux_guest;                /* booted by fk_qemu_start_linux */
    int want_cover;                 /* ask a coverage kernel for COVER frames */
    int per_step;                   /* never program-hash mode (diff/compare.c) */
    char image[512], initrd[512];   /* what was booted, for fk_qemu_restart */
    uint8_t cover[FK_COVER_BYTES];  /* COVER bits received (OR), the caller clears */
};

/* Timeouts below are milliseconds of QEMU's own CPU time (a loaded host
 * slows QEMU down without making it look hung), with a wall-clock backstop
 * 15 times as long for a QEMU that does not run at all. */

/* Boots kernel (an ELF) and waits up to 5 s for a HELLO whose versions and
 * limits equal this build's. 0, or -1 with q->why and QEMU stopped. log
 * may be NULL. */
int fk_qemu_start(struct fk_qemu *q, const char *kernel, const char *log);

/* One-shot mode: the same, with the binary program module given to the
 * kernel as a multiboot module; it runs it in full mode, sends END and
 * powers QEMU off (fk_qemu_wait). */
int fk_qemu_start_oneshot(struct fk_qemu *q, const char *kernel, const char *log,
                          const char *module);

/* Boots Linux: an x86-64 bzImage with the agent's initramfs
 * (//backends:initramfs), the kernel's console written to log (ttyS0), the
 * link on ttyS1. Waits up to 30 s of QEMU's CPU time (90 s of wall time)
 * for HELLO; then as fk_qemu_start. A Linux guest's wall-clock backstops
 * are 5 times its CPU timeouts, not 15 (it idles while it waits). */
int fk_qemu_start_linux(struct fk_qemu *q, const char *bzimage, const char *initramfs,
                        const char *log);

/* Does path start like an x86 Linux boot image (a bzImage)? */
int fk_is_bzimage(const char *path);

/* The last cap - 1 bytes of the kernel's log (its console or debug
 * port), NUL-terminated in out; their count. */
size_t fk_qemu_log_tail(const struct fk_qemu *q, char *out, size_t cap);

/* Stops QEMU and boots the same images again, with the same log. 0, or -1
 * with q->why. */
int fk_qemu_restart(struct fk_qemu *q);

/* Waits up to timeout_ms for QEMU to exit by itself; its exit status, or
 * -1 (then it is killed). */
int fk_qemu_wait(struct fk_qemu *q, int timeout_ms);

/* What the link calls below return when QEMU is gone (its end of the
 * link closed: it exited or was killed), as against -1 for a kernel that
 * is alive but does not answer. */
enum { FK_QEMU_GONE = -2 };

/* Sends one frame. 0, or -1 / FK_QEMU_GONE with q->why. */
int fk_qemu_send(struct fk_qemu *q, uint8_t type, const uint8_t *payload, size_t len);

/* Sends program p as PROGRAM id in mode (FK_MODE_HASH or FK_MODE_FULL).
 * 0, or -1 / FK_QEMU_GONE with q->why. */
int fk_qemu_send_program(struct fk_qemu *q, const struct fk_prog *p, uint8_t mode,
                         uint32_t id);

/* Writes raw bytes on the link (damaged frames, garbage). 0; -1 with
 * q->why when the kernel takes no byte for 5 s; FK_QEMU_GONE. */
int fk_qemu_write(struct fk_qemu *q, const uint8_t *bytes, size_t n);

/* The next intact frame from the kernel, waiting at most timeout_ms.
 * 1 and *f; 0 on timeout; -1 when QEMU's end closed. */
int fk_qemu_recv(struct fk_qemu *q, struct fk_frame *f, int timeout_ms);

/* After lost or damaged frames: the zero padding that completes any
 * partial frame (FK_RESYNC_PADDING), RESET, and the HELLO that answers it
 * (other frames are dropped). 0; -1 when no HELLO comes within 5 s after
 * the last frame (the kernel hangs); FK_QEMU_GONE. */
int fk_qemu_resync(struct fk_qemu *q);

/* Kills QEMU (if running) and reaps it. */
void fk_qemu_stop(struct fk_qemu *q);

#endif
