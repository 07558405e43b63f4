/* Boot, then serve the host: HELLO, and one answer per host frame. */
#include <stdint.h>
#include "kernel/ktrace.h"
#include "kernel/uart.h"
#include "spec/trace.h"

static void serve(const struct fk_frame *f)
{
    struct fk_program_msg m;
    if (f->version != FK_PROTO_VERSION) {
        trace_error(0, FK_ERR_VERSION, "unsupported protocol version");
        return;
    }
    switch (f->type) {
    case FK_T_RESET:
        trace_hello();
        return;
    case FK_T_PROGRAM:
        if (fk_program_get(f->payload, f->len, &m)) {
            trace_error(0, FK_ERR_PAYLOAD, "malformed PROGRAM");
        } else if (m.mode != FK_MODE_HASH && m.mode != FK_MODE_FULL) {
            trace_error(m.prog_id, FK_ERR_MODE, "unknown mode");
        } else {
            /* Programs run once the process and memory subsystems exist
             * (issue #4); until then the kernel says so. */
            trace_error(m.prog_id, FK_ERR_TYPE, "programs are not run by this kernel yet");
        }
        return;
    default:
        trace_error(0, FK_ERR_TYPE, "unknown frame type");
    }
}

void kmain(uint32_t magic, uint32_t mbi)
{
    struct fk_frame f;
    (void)mbi;
    uart_init();
    klog(magic == 0x2BADB002 ? "forkspec kernel: booted by multiboot"
                             : "forkspec kernel: booted without multiboot");
    trace_hello();
    for (;;) {
        trace_next(&f);
        serve(&f);
    }
}
