/* QEMU supervision for the kernel backend (spec/trace-protocol.md, "The
 * host's side"): start, HELLO handshake, frames with timeouts, stop. */
#define _POSIX_C_SOURCE 200809L
#include "backends/qemu.h"
#include "host/clock.h"
#include "spec/program.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* HELLO after boot; HELLO after the padding and RESET of a resync (the
 * kernel reads the padding at about 30 KB per second of QEMU's CPU time);
 * a write the kernel takes no byte of. */
enum { HELLO_TIMEOUT_MS = 5000, RESYNC_HELLO_MS = 5000, WRITE_STALL_MS = 5000 };

/* Linux boots to HELLO in about 4 s of QEMU's CPU time (TCG translating
 * the kernel's code for the first time); a wall-clock backstop 3 times as
 * long catches a boot that halts. */
enum { LINUX_HELLO_TIMEOUT_MS = 30000 };

/* Deadlines count QEMU's own CPU time (all its threads), so a host whose
 * cores are busy with other work slows a kernel down without making it
 * look hung. A QEMU that gets no CPU at all (stopped, or a guest halted
 * with nothing to do) is caught by a wall-clock backstop WALL_FACTOR times
 * longer. */
enum { WALL_FACTOR = 15, POLL_SLICE_MS = 100 };

/* A Linux guest idles while it waits (a blocked step, a sleeping agent):
 * its CPU clock stops, so the backstop is nearer; a loaded host still
 * gives QEMU far more than a fifth of a core. */
enum { LINUX_WALL_FACTOR = 5 };

struct deadline {
    pid_t pid;
    double cpu_end, wall_end;   /* cpu_end < 0: QEMU's clock unreadable */
};

static double qemu_cpu_seconds(pid_t pid)
{
    clockid_t c;
    struct timespec t;
    if (pid <= 0 || clock_getcpuclockid(pid, &c) || clock_gettime(c, &t))
        return -1;
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct deadline deadline_for(pid_t pid, int ms, int factor)
{
    double cpu = qemu_cpu_seconds(pid), s = ms / 1000.0;
    return (struct deadline){ pid, cpu < 0 ? -1 : cpu + s,
                              fk_now() + (cpu < 0 ? s : s * factor) };
}

static struct deadline deadline_in(const struct fk_qemu *q, int ms)
{
    return deadline_for(q->pid, ms, q->linux_guest ? LINUX_WALL_FACTOR : WALL_FACTOR);
}

/* How long the next poll may wait: 0 once the deadline has passed. */
static int poll_ms(const struct deadline *d)
{
    double wall_left = d->wall_end - fk_now();
    if (wall_left <= 0)
        return 0;
    if (d->cpu_end >= 0) {
        double cpu = qemu_cpu_seconds(d->pid);
        if (cpu >= d->cpu_end)
            return 0;
    }
    int ms = (int)(wall_left * 1000) + 1;
    return d->cpu_end >= 0 && ms > POLL_SLICE_MS ? POLL_SLICE_MS : ms;
}

static int recv_until(struct fk_qemu *q, struct fk_frame *f, const struct deadline *d);

static int fail(struct fk_qemu *q, const char *what)
{
    snprintf(q->why, sizeof q->why, "%s", what);
    return -1;
}

static int gone(struct fk_qemu *q, const char *what)
{
    fail(q, what);
    return FK_QEMU_GONE;
}

/* What to boot: the bundled kernel (an i386 ELF, its log on the debug
 * port, a one-shot program as multiboot module) or Linux (an x86-64
 * bzImage and the agent's initramfs, the console on the first serial port
 * and the link on the second). */
struct machine {
    const char *kernel, *initrd;
    int linux_guest;
};

/* exec's QEMU in the child: the bundled kernel's link on stdio (in, out);
 * Linux's two candidate links on the sockets vc (a virtio console) and
 * serial (ttyS1). */
static void exec_qemu(const struct machine *m, const char *log, int in, int out, int vc,
                      int serial)
{
    char debugcon[300], console[300], vc_dev[64], serial_dev[64];
    const char *i386[] = { "qemu-system-i386", "-kernel", m->kernel,
        "-serial", "stdio", "-debugcon", debugcon, "-display", "none",
        "-monitor", "none", "-no-reboot", "-m", "32",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
        m->initrd ? "-initrd" : 0, m->initrd, 0 };
    /* no_timer_check: on a loaded host, TCG is too slow for Linux's
     * IO-APIC timer check, which then panics ("timer doesn't work") */
    const char *x86_64[] = { "qemu-system-x86_64", "-M", "q35", "-m", "256",
        "-kernel", m->kernel, "-initrd", m->initrd, "-append",
        "console=ttyS0 quiet panic=-1 no_timer_check mitigations=off rdinit=/init",
        "-serial", console, "-chardev", serial_dev, "-serial", "chardev:link1",
        "-device", "virtio-serial-pci", "-chardev", vc_dev,
        "-device", "virtconsole,chardev=link0", "-display", "none",
        "-monitor", "none", "-no-reboot", 0 };
    snprintf(debugcon, sizeof debugcon, "file:%s", log);
    snprintf(console, sizeof console, "file:%s", log);
    snprintf(vc_dev, sizeof vc_dev, "socket,id=link0,fd=%d", vc);
    snprintf(serial_dev, sizeof serial_dev, "socket,id=link1,fd=%d", serial);
    dup2(in, 0);
    dup2(out, 1);
    const char *const *argv = m->linux_guest ? x86_64 : i386;
    execvp(argv[0], (char *const *)argv);
    _exit(127);
}

static int start(struct fk_qemu *q, const struct machine *m, const char *log);

int fk_qemu_start(struct fk_qemu *q, const char *kernel, const char *log)
{
    struct machine m = { kernel, 0, 0 };
    return start(q, &m, log);
}

int fk_qemu_start_oneshot(struct fk_qemu *q, const char *kernel, const char *log,
                          const char *module)
{
    struct machine m = { kernel, module, 0 };
    if (!module)
        return fail(q, "no program module");
    return start(q, &m, log);
}

int fk_qemu_start_linux(struct fk_qemu *q, const char *bzimage, const char *initramfs,
                        const char *log)
{
    struct machine m = { bzimage, initramfs, 1 };
    if (!initramfs)
        return fail(q, "no initramfs");
    return start(q, &m, log);
}

int fk_qemu_restart(struct fk_qemu *q)
{
    static char image[sizeof q->image], initrd[sizeof q->initrd], log[sizeof q->log_path];
    snprintf(image, sizeof image, "%s", q->image);
    snprintf(initrd, sizeof initrd, "%s", q->initrd);
    snprintf(log, sizeof log, "%s", q->log_path);
    struct machine m = { image, initrd[0] ? initrd : 0, q->linux_guest };
    fk_qemu_stop(q);
    if (!image[0])
        return fail(q, "nothing to restart: QEMU was never started");
    return start(q, &m, log);
}

int fk_qemu_wait(struct fk_qemu *q, int timeout_ms)
{
    int status;
    for (int waited = 0; waited <= timeout_ms; waited += 10) {
        pid_t r = waitpid(q->pid, &status, WNOHANG);
        if (r == q->pid) {
            q->pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        struct timespec t = { 0, 10 * 1000 * 1000 };
        nanosleep(&t, 0);
    }
    fk_qemu_stop(q);
    return -1;
}

/* xorshift64: the fault injector's dice. */
static uint32_t roll(struct fk_link_faults *f)
{
    f->rng ^= f->rng << 13;
    f->rng ^= f->rng >> 7;
    f->rng ^= f->rng << 17;
    return (uint32_t)(f->rng % 1000000);
}

/* Damages buf[0 .. n) in place into out (at most 2n bytes); returns the
 * new length. */
static size_t damage(struct fk_link_faults *f, const uint8_t *buf, size_t n, uint8_t *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = buf[i];
        if (roll(f) < f->drop) {
            f->dropped++;
            continue;
        }
        if (roll(f) < f->flip) {
            b ^= (uint8_t)(1u << (roll(f) % 8));
            f->flipped++;
        }
        out[m++] = b;
        if (roll(f) < f->insert) {
            out[m++] = (uint8_t)roll(f);
            f->inserted++;
        }
    }
    return m;
}

static int faulty(const struct fk_link_faults *f)
{
    return f->flip || f->drop || f->insert;
}

/* Has QEMU exited? Then it is reaped and forgotten. */
static int reaped(struct fk_qemu *q)
{
    if (q->pid <= 0 || waitpid(q->pid, 0, WNOHANG) != q->pid)
        return q->pid <= 0;
    q->pid = -1;
    return 1;
}

/* Linux's agent says HELLO on the faster link its kernel has: a virtio
 * console (vc) or the second 8250 UART (serial); nothing else writes on
 * either, so the first one to carry a byte is the link. 0, or -1 (QEMU
 * gone, or silent until d). */
static int pick_link(struct fk_qemu *q, int vc, int serial, const struct deadline *d)
{
    struct pollfd p[2] = { { vc, POLLIN, 0 }, { serial, POLLIN, 0 } };
    close(q->to_kernel);
    close(q->from_kernel);
    q->to_kernel = q->from_kernel = -1;
    for (;;) {
        int left = poll_ms(d);
        int r = left > 0 ? poll(p, 2, left) : 0;
        if (r < 0 && errno == EINTR)
            continue;
        if (r > 0) {
            int use = (p[0].revents & (POLLIN | POLLHUP)) ? 0 : 1;
            q->to_kernel = q->from_kernel = use ? serial : vc;
            close(use ? vc : serial);
            return 0;
        }
        if (left <= 0 || reaped(q)) {
            close(vc);
            close(serial);
            return -1;
        }
    }
}

/* start's work; on failure QEMU may still be running. */
static int boot(struct fk_qemu *q, const struct machine *m, const char *log)
{
    int down[2], up[2], vc[2], serial[2];
    struct fk_frame f;
    double t0 = fk_now();
    int want_cover = q->want_cover, per_step = q->per_step;   /* the caller's choices */
    struct fk_link_faults faults = q->faults;                 /* outlive a restart */
    memset(q, 0, sizeof *q);
    q->want_cover = want_cover;
    q->per_step = per_step;
    q->faults = faults;
    q->pid = -1;
    snprintf(q->log_path, sizeof q->log_path, "%s", log ? log : "/dev/null");
    snprintf(q->image, sizeof q->image, "%s", m->kernel);
    snprintf(q->initrd, sizeof q->initrd, "%s", m->initrd ? m->initrd : "");
    q->linux_guest = m->linux_guest;
    if (access(m->kernel, R_OK))
        return fail(q, "kernel image not readable");
    if (m->initrd && access(m->initrd, R_OK))
        return fail(q, m->linux_guest ? "initramfs not readable" : "program module not readable");
    if (m->linux_guest && !fk_is_bzimage(m->kernel))
        return fail(q, "not an x86 Linux boot image (no bzImage header)");
    if (pipe(down) || pipe(up))
        return fail(q, "pipe failed");
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, vc) || socketpair(AF_UNIX, SOCK_STREAM, 0, serial))
        return fail(q, "socketpair failed");
    signal(SIGPIPE, SIG_IGN);
    q->pid = fork();
    if (q->pid < 0)
        return fail(q, "fork failed");
    if (q->pid == 0) {
        close(down[1]);
        close(up[0]);
        close(vc[0]);
        close(serial[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);   /* a crashing harness takes QEMU along */
        exec_qemu(m, q->log_path, down[0], up[1], vc[1], serial[1]);
    }
    close(down[0]);
    close(up[1]);
    close(vc[1]);
    close(serial[1]);
    q->to_kernel = down[1];
    q->from_kernel = up[0];
    int wait_ms = m->linux_guest ? LINUX_HELLO_TIMEOUT_MS : HELLO_TIMEOUT_MS;
    struct deadline hello = m->linux_guest ? deadline_for(q->pid, wait_ms, 3)
                                           : deadline_in(q, wait_ms);
    if (!m->linux_guest) {
        close(vc[0]);
        close(serial[0]);
    } else if (pick_link(q, vc[0], serial[0], &hello)) {
        snprintf(q->why, sizeof q->why, "%s", reaped(q)
                 ? "QEMU exited before HELLO: the kernel did not boot or the agent did not "
                   "start (console log)"
                 : "no HELLO within 30 s of QEMU's CPU time (console log)");
        return -1;
    }
    fcntl(q->to_kernel, F_SETFL, O_NONBLOCK);   /* writes wait with a deadline */
    fk_frame_decoder_init(&q->dec);
    for (;;) {
        int r = recv_until(q, &f, &hello);
        if (r < 0)
            return fail(q, m->linux_guest ? "QEMU exited before HELLO: the kernel did not boot "
                                            "or the agent did not start (console log)"
                                          : "QEMU exited before HELLO (is qemu-system-i386 "
                                            "installed?)");
        if (r == 0) {
            snprintf(q->why, sizeof q->why, "no HELLO within %d s of QEMU's CPU time%s",
                     wait_ms / 1000, m->linux_guest ? " (console log)" : "");
            return -1;
        }
        if (f.type == FK_T_HELLO)
            break;
    }
    q->hello_seconds = fk_now() - t0;
    if (fk_hello_get(f.payload, f.len, &q->hello))
        return fail(q, "malformed HELLO");
    q->hello.build_len = q->hello.build_len < sizeof q->hello_build
                         ? q->hello.build_len : sizeof q->hello_build;
    memcpy(q->hello_build, q->hello.build, q->hello.build_len);
    q->hello.build = q->hello_build;
    if (q->hello.proto_version != FK_PROTO_VERSION || q->hello.prog_version != FK_PROG_VERSION)
        return fail(q, "kernel speaks another protocol or program version");
    int bad = fk_hello_mismatch(&q->hello);
    if (bad >= 0) {
        snprintf(q->why, sizeof q->why, "kernel limit %s differs from the host's",
                 fk_hello_limit_names[bad]);
        return -1;
    }
    return 0;
}

static int start(struct fk_qemu *q, const struct machine *m, const char *log)
{
    if (!boot(q, m, log))
        return 0;
    fk_qemu_stop(q);            /* a failed start leaves nothing running */
    return -1;
}

int fk_qemu_send(struct fk_qemu *q, uint8_t type, const uint8_t *payload, size_t len)
{
    static uint8_t buf[FK_FRAME_MAX];
    size_t n = fk_frame_encode(type, q->seq, payload, len, buf, sizeof buf);
    if (!n)
        return fail(q, "frame too large");
    q->seq++;
    return fk_qemu_write(q, buf, n);
}

int fk_qemu_send_program(struct fk_qemu *q, const struct fk_prog *p, uint8_t mode,
                         uint32_t id)
{
    static uint8_t bin[FK_PROGRAM_BIN_MAX], payload[FK_PROGRAM_PAYLOAD_MAX];
    size_t n = fk_prog_encode(p, bin, sizeof bin);
    int cover = q->want_cover && (q->hello.features & FK_FEATURE_COVERAGE);
    struct fk_program_msg m = { id, mode, cover ? FK_FEATURE_COVERAGE : 0, bin, n };
    size_t len = n <= sizeof bin ? fk_program_put(&m, payload, sizeof payload) : 0;
    return len ? fk_qemu_send(q, FK_T_PROGRAM, payload, len) : fail(q, "program too large");
}

int fk_qemu_write(struct fk_qemu *q, const uint8_t *bytes, size_t n)
{
    static uint8_t damaged[2 * FK_FRAME_MAX];
    if (faulty(&q->faults) && n <= FK_FRAME_MAX) {
        n = damage(&q->faults, bytes, n, damaged);
        bytes = damaged;
    }
    struct deadline d = deadline_in(q, WRITE_STALL_MS);
    for (size_t done = 0; done < n;) {
        ssize_t w = write(q->to_kernel, bytes + done, n - done);
        if (w > 0) {
            done += (size_t)w;
            d = deadline_in(q, WRITE_STALL_MS);
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w == 0 || errno != EAGAIN)
            return gone(q, "QEMU's serial link closed");
        int left = poll_ms(&d);
        struct pollfd p = { q->to_kernel, POLLOUT, 0 };
        if (left <= 0)
            return fail(q, "the kernel stopped reading its serial port");
        poll(&p, 1, left);
    }
    return 0;
}

/* Counts frames missing before f (the kernel numbers its frames). */
/* 1 for a frame the caller takes; 0 for COVER, taken here. */
static int got_frame(struct fk_qemu *q, const struct fk_frame *f)
{
    struct fk_cover_msg c;
    if (f->seq != q->kernel_seq)
        q->seq_gaps++;
    q->kernel_seq = (uint16_t)(f->seq + 1);
    if (f->type != FK_T_COVER || fk_cover_get(f->payload, f->len, &c))
        return 1;
    for (size_t i = 0; i < c.len && c.offset + i < FK_COVER_BYTES; i++)
        q->cover[c.offset + i] |= c.bits[i];
    return 0;
}

int fk_qemu_resync(struct fk_qemu *q)
{
    static const uint8_t zeros[FK_RESYNC_PADDING];
    struct fk_frame f;
    int w = fk_qemu_write(q, zeros, sizeof zeros);
    if (w || (w = fk_qemu_send(q, FK_T_RESET, 0, 0)))
        return w;
    struct deadline d = deadline_in(q, RESYNC_HELLO_MS);
    for (;;) {
        int r = recv_until(q, &f, &d);
        if (r < 0)
            return gone(q, "QEMU exited during resynchronization");
        if (r == 0)
            return fail(q, "no HELLO after RESET");
        if (f.type == FK_T_HELLO)
            return 0;
        d = deadline_in(q, RESYNC_HELLO_MS);   /* alive: finishing a program */
    }
}

int fk_qemu_recv(struct fk_qemu *q, struct fk_frame *f, int timeout_ms)
{
    struct deadline d = deadline_in(q, timeout_ms);
    return recv_until(q, f, &d);
}

static int recv_until(struct fk_qemu *q, struct fk_frame *f, const struct deadline *d)
{
    for (;;) {
        if (q->pend_off < q->pend_len)
            q->pend_off += fk_frame_push(&q->dec, q->pend + q->pend_off,
                                         q->pend_len - q->pend_off);
        if (fk_frame_next(&q->dec, f)) {
            if (got_frame(q, f))
                return 1;
            continue;
        }
        if (q->pend_off < q->pend_len) {
            /* the decoder is full of one unfinished frame: it is damaged */
            if (fk_frame_flush(&q->dec, f) && got_frame(q, f))
                return 1;
            continue;
        }
        int left = poll_ms(d);
        struct pollfd p = { q->from_kernel, POLLIN, 0 };
        int r = left > 0 ? poll(&p, 1, left) : 0;
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0 && left > 0)
            continue;           /* a slice passed; look at QEMU's clock again */
        if (r == 0) {
            /* Silent until the deadline: a frame still waiting for bytes is
             * truncated; give up on it and rescan what came after. (Only
             * then: a loaded host can pause QEMU mid-frame for a while.) */
            if (fk_frame_flush(&q->dec, f) && got_frame(q, f))
                return 1;
            return 0;
        }
        uint8_t raw[sizeof q->pend / 2];
        ssize_t n = read(q->from_kernel, raw, sizeof raw);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        q->pend_off = 0;
        q->pend_len = faulty(&q->faults) ? damage(&q->faults, raw, (size_t)n, q->pend)
                                         : (size_t)n;
        if (!faulty(&q->faults))
            memcpy(q->pend, raw, (size_t)n);
    }
}

int fk_is_bzimage(const char *path)
{
    uint8_t h[0x206];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(h, 1, sizeof h, f) : 0;
    if (f)
        fclose(f);
    return n == sizeof h && !memcmp(h + 0x202, "HdrS", 4);   /* Linux's boot protocol */
}

size_t fk_qemu_log_tail(const struct fk_qemu *q, char *out, size_t cap)
{
    FILE *f = cap ? fopen(q->log_path, "rb") : 0;
    size_t n = 0;
    if (f && !fseek(f, 0, SEEK_END)) {
        long size = ftell(f);
        fseek(f, size > (long)cap - 1 ? size - (long)cap + 1 : 0, SEEK_SET);
        n = fread(out, 1, cap - 1, f);
    }
    if (f)
        fclose(f);
    if (cap)
        out[n] = 0;
    return n;
}

void fk_qemu_stop(struct fk_qemu *q)
{
    if (q->pid > 0) {
        kill(q->pid, SIGKILL);
        waitpid(q->pid, 0, 0);
        q->pid = -1;
    }
    if (q->to_kernel > 0)
        close(q->to_kernel);
    if (q->from_kernel > 0 && q->from_kernel != q->to_kernel)
        close(q->from_kernel);
    q->to_kernel = q->from_kernel = -1;
}
