/* Boot, then serve the host: HELLO once p0's executor runs, and one
 * answer per host frame. */
#include <stdint.h>
#include <string.h>
#include "kernel/cover.h"
#include "kernel/file.h"
#include "kernel/fs.h"
#include "kernel/kalloc.h"
#include "kernel/mm.h"
#include "kernel/observe.h"
#include "kernel/ktrace.h"
#include "kernel/proc.h"
#include "kernel/trap.h"
#include "kernel/uart.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "spec/obs_print.h"
#include "spec/trace.h"

static struct fk_prog prog;
static struct fk_obs raw, canon;
static uint8_t scratch[FK_OBS_MAX_BYTES], level1[FK_OBS_MAX_BYTES], level2[FK_OBS_MAX_BYTES];
static uint8_t payload[FK_FRAME_MAX_PAYLOAD];
static uint16_t baseline[FK_NLEAK];
static uint32_t baseline_pages;

/* The free counts END compares with the boot baseline. */
static void free_counts(uint16_t out[FK_NLEAK])
{
    out[FK_LEAK_FRAMES] = (uint16_t)mm_free_frames();
    out[FK_LEAK_PROCS] = (uint16_t)proc_free_slots();
    out[FK_LEAK_FILES] = (uint16_t)file_free_count();
    out[FK_LEAK_OBJS] = (uint16_t)mm_free_objects();
    out[FK_LEAK_PIPES] = (uint16_t)pipe_free_count();
}

/* Observes the state after step index: a STEP (hash mode), a STEP_FULL
 * (full mode), or one more record folded into *digest (program-hash
 * mode). */
static void send_step(uint32_t id, uint16_t index, struct fk_result r, uint8_t mode,
                      uint64_t *digest)
{
    struct fk_step_msg m = { .prog_id = id, .step = index, .result = r };
    kernel_observe(&raw);
    fk_obs_canon(&raw, &canon);
    if (mode == FK_MODE_FULL) {
        m.n1 = fk_obs_serialize(&canon, FK_L1, level1, sizeof level1);
        m.n2 = fk_obs_serialize(&canon, FK_L2, level2, sizeof level2);
        m.l1 = level1;
        m.l2 = level2;
        trace_send(FK_T_STEP_FULL, payload, fk_step_full_put(&m, payload, sizeof payload));
        return;
    }
    m.hash1 = fk_obs_hash(&canon, FK_L1, scratch);
    m.hash2 = fk_obs_hash(&canon, FK_L2, scratch);
    if (mode == FK_MODE_PROGRAM_HASH)
        *digest = fk_digest_step(*digest, &r, m.hash1, m.hash2);
    else
        trace_send(FK_T_STEP, payload, fk_step_put(&m, payload, sizeof payload));
}

static void send_digest(uint32_t id, uint16_t steps, uint64_t digest)
{
    struct fk_digest_msg m = { id, steps, digest };
    trace_send(FK_T_DIGEST, payload, fk_digest_put(&m, payload, sizeof payload));
}

/* One-shot mode: each step's result on the debug port too, so that a
 * finding's QEMU reproducer is readable without the host's tools. */
static void log_step(uint32_t i, const struct fk_step *s, const struct fk_result *r)
{
    static char line[192];
    struct fk_out o = fk_out_make(line, sizeof line - 1);
    fk_out_str(&o, "step ");
    fk_out_dec(&o, i);
    fk_out_str(&o, ": ");
    fk_step_print(s, &o);
    fk_out_str(&o, " = ");
    fk_result_print(s, r, &o);
    line[o.len < sizeof line - 1 ? o.len : sizeof line - 1] = 0;
    klog(line);
}

/* Tears every process down, checks every count against boot, and sends
 * the coverage (the teardown's too) when asked. */
static void send_end(uint32_t id, uint16_t steps, int cover)
{
    struct fk_end_msg m = { .prog_id = id, .steps = steps };
    proc_teardown_all();
    free_counts(m.now);
    for (int i = 0; i < FK_NLEAK; i++)
        m.baseline[i] = baseline[i];
    for (int n = 0; n < FK_NNODE; n++)
        m.leaked_refs += nodes[n].refs != 0;
    m.leak_ok = m.leaked_refs == 0 && kalloc_free_pages() == baseline_pages;
    for (int i = 0; i < FK_NLEAK; i++)
        m.leak_ok &= m.now[i] == m.baseline[i];
    if (oneshot_mode())
        klog(m.leak_ok ? "end: no leak" : "end: LEAK (a count differs from boot)");
    if (cover)
        cover_send(id);
    trace_send(FK_T_END, payload, fk_end_put(&m, payload, sizeof payload));
}

/* PROGRAM (spec/trace-protocol.md, "The kernel's side", 2). */
static void run_program(const struct fk_program_msg *m)
{
    uint32_t i;
    uint64_t digest = FK_HASH64_BASIS;
    current_prog_id = m->prog_id;
    cover_reset();
    fk_prog_decode(m->prog, m->prog_len, &prog);
    fs_reset();
    file_reset();
    mm_reset();
    proc_reset();
    for (i = 0; i < prog.nsteps; i++) {
        const struct fk_step *s = &prog.step[i];
        struct fk_result r = { FK_R_SKIP, 0, 0 };
        int p = proc_slot(s->proc);
        if (p >= 0 && procs[p].state == P_ALIVE)
            r = proc_run_step(p, s);
        send_step(m->prog_id, (uint16_t)i, r, m->mode, &digest);
        if (oneshot_mode())
            log_step(i, s, &r);
    }
    if (m->mode == FK_MODE_PROGRAM_HASH)
        send_digest(m->prog_id, (uint16_t)i, digest);
    send_end(m->prog_id, (uint16_t)i, m->flags & FK_FEATURE_COVERAGE);
    current_prog_id = 0;
}

static void serve(const struct fk_frame *f)
{
    struct fk_program_msg m;
    if (f->version != FK_PROTO_VERSION) {
        trace_error(0, FK_ERR_VERSION, "unsupported protocol version");
        return;
    }
    switch (f->type) {
    case FK_T_RESET:
        proc_teardown_all();
        trace_hello();
        return;
    case FK_T_PROGRAM:
        if (fk_program_get(f->payload, f->len, &m)) {
            trace_error(0, FK_ERR_PAYLOAD, "malformed PROGRAM");
        } else if (m.mode > FK_MODE_PROGRAM_HASH) {
            trace_error(m.prog_id, FK_ERR_MODE, "unknown mode");
        } else {
            run_program(&m);
        }
        return;
    default:
        trace_error(0, FK_ERR_TYPE, "unknown frame type");
    }
}

void serve_host(void)
{
    struct fk_frame f;
    for (;;) {
        trace_next(&f);
        serve(&f);
    }
}

/* One-shot mode (spec/trace-protocol.md): the program came as the first
 * multiboot module; kept here before the page pool reuses its memory. */
static uint8_t module[1 << 16];
static uint32_t module_len;
static int oneshot;

static void take_module(uint32_t magic, const uint32_t *mbi)
{
    enum { MB_MODS = 1 << 3 };
    if (magic != 0x2BADB002 || !(mbi[0] & MB_MODS) || mbi[5] == 0)
        return;
    const uint32_t *mod = (const uint32_t *)mbi[6];
    module_len = mod[1] - mod[0];
    if (module_len > sizeof module)
        module_len = sizeof module;     /* the decoder takes any prefix */
    memcpy(module, (const void *)mod[0], module_len);
    oneshot = 1;
}

int oneshot_mode(void)
{
    return oneshot;
}

/* isa-debug-exit: QEMU exits with status 2 * code + 1. */
void power_off(int code)
{
    outb(0xf4, (uint8_t)code);
    halt_forever();
}

/* Boot: the trace link, segments and traps, kernel pages, paging; HELLO.
 * In one-shot mode, run the module's program in full mode and power off
 * (status 1; 3 after a PANIC). */
void kmain(uint32_t magic, uint32_t mbi)
{
    take_module(magic, (const uint32_t *)mbi);
    uart_init();
    klog(magic == 0x2BADB002 ? "forkspec kernel: booted by multiboot"
                             : "forkspec kernel: booted without multiboot");
    gdt_init();
    idt_init();
    kalloc_init();
    vm_init();
    file_reset();
    mm_init();
    mm_reset();
    baseline_pages = kalloc_free_pages();
    free_counts(baseline);
    trace_hello();
    if (oneshot) {
        struct fk_program_msg m = { 0, FK_MODE_FULL, 0, module, module_len };
        run_program(&m);
        power_off(0);
    }
    serve_host();
}
