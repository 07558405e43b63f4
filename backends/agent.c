/* The Linux guest agent: /init of the qemu-linux initramfs. It mounts what
 * the Linux backend needs, then serves the trace protocol
 * (spec/trace-protocol.md) on a virtio console (/dev/hvc0) or, when the
 * kernel has none, the second serial port (/dev/ttyS1), while the kernel's
 * console keeps ttyS0: frames and log never mix. Each PROGRAM
 * runs exactly as on the host's Linux backend (linux.c: real processes,
 * spec/executor.c, L1 from /proc), in full mode: the host needs Linux's
 * observation to apply the spec's comparison rules. Static x86-64 C. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>
#include "backends/linux.h"
#include "spec/trace.h"

static int link_fd = -1;
static const char *link_name;
static int has_kcov;            /* the kernel has KCOV: HELLO says coverage */
static uint16_t next_seq;
static uint8_t frame_out[FK_FRAME_MAX], payload[FK_FRAME_MAX_PAYLOAD];
static uint8_t level1[FK_OBS_MAX_BYTES];
static struct fk_linux lx;
static struct fk_prog prog;
static struct fk_obs canon;

/* Messages for the console log (ttyS0), never the link. */
static void say(const char *what, const char *detail)
{
    fprintf(stderr, "forkspec agent: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

/* The agent is PID 1: returning would panic the kernel. */
static void power_off(const char *why)
{
    say("powering off", why);
    sync();
    reboot(RB_AUTOBOOT);        /* QEMU runs with -no-reboot: it exits (no ACPI needed) */
    for (;;)
        pause();
}

static void send(uint8_t type, size_t len)
{
    size_t n = fk_frame_encode(type, next_seq++, payload, len, frame_out, sizeof frame_out);
    for (size_t done = 0; done < n;) {
        ssize_t w = write(link_fd, frame_out + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            power_off("the link to the host failed");
        done += (size_t)w;
    }
}

static void send_hello(void)
{
    static char build[512];
    struct utsname u;
    struct fk_hello h;
    uname(&u);
    snprintf(build, sizeof build, "forkspec linux agent on Linux %s %s, over the %s", u.release,
             u.version, link_name);
    fk_hello_local(&h);
    h.features = has_kcov ? FK_FEATURE_COVERAGE : 0;
    h.build = (const uint8_t *)build;
    h.build_len = strlen(build);
    send(FK_T_HELLO, fk_hello_put(&h, payload, sizeof payload));
}

static void send_error(uint32_t id, uint8_t code, const char *text)
{
    struct fk_error_msg m = { id, code, (const uint8_t *)text, strlen(text) };
    send(FK_T_ERROR, fk_error_put(&m, payload, sizeof payload));
}

/* The pids that exist when the agent starts (kernel threads, which live
 * on): END need not read their /proc entries again, which under TCG costs
 * more than the rest of END. */
static uint8_t at_boot[(1 << 22) / 8];

static int pid_of(const struct dirent *e)
{
    int pid = atoi(e->d_name);
    return pid > 0 && pid < (1 << 22) ? pid : 0;
}

static void note_boot_pids(void)
{
    DIR *d = opendir("/proc");
    for (struct dirent *e; d && (e = readdir(d));)
        if (pid_of(e))
            at_boot[pid_of(e) / 8] |= (uint8_t)(1 << (pid_of(e) % 8));
    if (d)
        closedir(d);
}

/* Processes other than the agent and kernel threads (children of
 * kthreadd, pid 2): what a program left behind. */
static int processes_left(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int left = 0;
    while (d && (e = readdir(d))) {
        char path[64], buf[512];
        int pid = pid_of(e);
        if (!pid || (at_boot[pid / 8] & (1 << (pid % 8))))
            continue;
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        char *s = strrchr(buf, ')');
        int ppid = 0;
        if (s && sscanf(s + 2, "%*c %d", &ppid) == 1 && ppid != 2)
            left++;
    }
    if (d)
        closedir(d);
    return left;
}

/* END: the program's processes are gone; the spec's other counts are the
 * model's business (Linux's tables are larger), so only processes count. */
static void send_end(uint32_t id, uint16_t steps)
{
    struct fk_end_msg m = { .prog_id = id, .steps = steps };
    int left = processes_left();
    m.baseline[FK_LEAK_PROCS] = FK_NPROC;
    m.now[FK_LEAK_PROCS] = (uint16_t)(left > FK_NPROC ? 0 : FK_NPROC - left);
    m.leak_ok = left == 0;
    send(FK_T_END, fk_end_put(&m, payload, sizeof payload));
}

/* One step's STEP_FULL: Linux's result and its L1 (no L2: Linux's
 * internal counts are not observable). 0, or -1 with lx.why. */
static int run_step(uint32_t id, uint16_t i)
{
    struct fk_step_msg m = { .prog_id = id, .step = i };
    if (fk_linux_step(&lx, &prog.step[i], &m.result) || fk_linux_observe(&lx, &canon))
        return -1;
    m.n1 = fk_obs_serialize(&canon, FK_L1, level1, sizeof level1);
    m.l1 = level1;
    send(FK_T_STEP_FULL, fk_step_full_put(&m, payload, sizeof payload));
    return 0;
}

/* The program's edges (linux_kcov.c), in COVER frames. */
static void send_cover(uint32_t id)
{
    enum { CHUNK = 4096 };
    for (uint32_t off = 0; off < FK_COVER_BYTES; off += CHUNK) {
        uint32_t n = FK_COVER_BYTES - off < CHUNK ? FK_COVER_BYTES - off : CHUNK;
        struct fk_cover_msg c = { id, off, lx.box->cover + off, n };
        send(FK_T_COVER, fk_cover_put(&c, payload, sizeof payload));
    }
}

static void run_program(const struct fk_program_msg *m)
{
    uint16_t i = 0;
    fk_prog_decode(m->prog, m->prog_len, &prog);
    lx.cover = has_kcov && (m->flags & FK_FEATURE_COVERAGE);
    if (fk_linux_start(&lx)) {
        send_error(m->prog_id, FK_ERR_BACKEND, lx.why);
    } else {
        for (; i < prog.nsteps; i++)
            if (run_step(m->prog_id, i)) {
                send_error(m->prog_id, FK_ERR_BACKEND, lx.why);
                break;
            }
    }
    fk_linux_finish(&lx);
    if (lx.cover)
        send_cover(m->prog_id);
    send_end(m->prog_id, i);
}

static void serve(const struct fk_frame *f)
{
    struct fk_program_msg m;
    if (f->version != FK_PROTO_VERSION)
        send_error(0, FK_ERR_VERSION, "unsupported protocol version");
    else if (f->type == FK_T_RESET)
        send_hello();
    else if (f->type != FK_T_PROGRAM)
        send_error(0, FK_ERR_TYPE, "unknown frame type");
    else if (fk_program_get(f->payload, f->len, &m))
        send_error(0, FK_ERR_PAYLOAD, "malformed PROGRAM");
    else if (m.mode != FK_MODE_FULL)
        send_error(m.prog_id, FK_ERR_MODE, "the Linux agent runs programs in full mode only");
    else
        run_program(&m);
}

static void mount_or_die(const char *source, const char *target, const char *type)
{
    mkdir(target, 0755);
    if (mount(source, target, type, 0, 0) && errno != EBUSY)
        power_off(target);
}

/* The virtio console's modules, in dependency order, as the initramfs
 * carries them for Debian's kernel (tools/fetch-linux); another kernel may
 * have them built in, or refuse these (then the serial port is the link). */
static int load_virtio_console(void)
{
    int loaded = 0;
    static const char *const modules[] = { "virtio_ring", "virtio", "virtio_pci_modern_dev",
        "virtio_pci_legacy_dev", "virtio_pci", "virtio_console" };
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++) {
        char path[80];
        snprintf(path, sizeof path, "/lib/forkspec/%s.ko", modules[i]);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        loaded = fd >= 0 && (!syscall(SYS_finit_module, fd, "", 0) || errno == EEXIST);
        if (fd >= 0 && !loaded)
            say("cannot load", modules[i]);
        if (fd >= 0)
            close(fd);
    }
    return loaded;              /* virtio_console's, the last */
}

/* A terminal device, raw: no echo, no line discipline. */
static int open_raw(const char *dev)
{
    struct termios t;
    int fd = open(dev, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || tcgetattr(fd, &t))
        return fd < 0 ? -1 : (close(fd), -1);
    cfmakeraw(&t);
    cfsetspeed(&t, B115200);
    return tcsetattr(fd, TCSANOW, &t) ? (close(fd), -1) : fd;
}

/* The link: the virtio console when the kernel has one (under TCG it
 * moves bytes about 50 times faster than the UART: docs/benchmarks.md),
 * else the second serial port. */
static int open_link(void)
{
    int fd = open_raw("/dev/hvc0");
    if (fd < 0 && load_virtio_console())   /* its device appears once probed */
        for (int tries = 0; tries < 200 && (fd = open_raw("/dev/hvc0")) < 0; tries++)
            usleep(10000);
    link_name = fd >= 0 ? "virtio console hvc0" : "serial port ttyS1";
    return fd >= 0 ? fd : open_raw("/dev/ttyS1");
}

int main(void)
{
    static struct fk_frame_decoder dec;
    static uint8_t in[4096];
    mount_or_die("devtmpfs", "/dev", "devtmpfs");
    int console = open("/dev/console", O_WRONLY | O_CLOEXEC);
    if (console >= 0) {
        dup2(console, 2);
        setvbuf(stderr, 0, _IONBF, 0);
    }
    mount_or_die("proc", "/proc", "proc");
    mount_or_die("tmpfs", "/tmp", "tmpfs");
    mkdir("/sys", 0755);        /* KCOV's debugfs file, where the kernel has it */
    mount("sysfs", "/sys", "sysfs", 0, 0);
    if (!mount("debugfs", "/sys/kernel/debug", "debugfs", 0, 0) || errno == EBUSY)
        has_kcov = access("/sys/kernel/debug/kcov", R_OK | W_OK) == 0;
    note_boot_pids();
    setenv("TMPDIR", "/tmp", 1);
    if ((link_fd = open_link()) < 0)
        power_off("no link: neither /dev/hvc0 nor /dev/ttyS1 opens");
    if (fk_linux_open(&lx))
        power_off(lx.why);
    fk_frame_decoder_init(&dec);
    dec.max_len = FK_PROGRAM_PAYLOAD_MAX;   /* see FK_RESYNC_PADDING */
    send_hello();
    say(has_kcov ? "ready, with KCOV, on the" : "ready on the", link_name);
    for (;;) {
        struct fk_frame f;
        ssize_t n = read(link_fd, in, sizeof in);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            power_off("the serial link closed");
        for (size_t off = 0; off < (size_t)n;) {
            off += fk_frame_push(&dec, in + off, (size_t)n - off);
            while (fk_frame_next(&dec, &f))
                serve(&f);
        }
    }
}
