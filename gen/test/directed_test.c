/* The state-directed generator reaches the states it is for: run on the
 * model, its programs fill both file tables at once and open (EMFILE, the
 * spec's first error), use every memory object, read a pipe to EOF and
 * write one with no reader, dup2 an fd onto itself, shrink the heap past
 * a page that holds a frame, hit the heap limit exactly, truncate a file
 * opened read-only. Counted over 200
 * programs; each count has a floor well below what it is today. The
 * model's state stays valid (model_check) through all of it. */
#include <stdio.h>
#include "gen/directed.h"
#include "model/model.h"
#include "spec/test/check.h"

static int free_files(void)
{
    int n = 0;
    for (int f = 0; f < FK_NFILE; f++)
        n += file_ref[f] == 0;
    return n;
}

static int objects_in_use(void)
{
    int n = 0;
    for (int o = 0; o < FK_NOBJ; o++)
        n += obj_ref[o] != 0;
    return n;
}

static int open_fds(int s)
{
    int n = 0;
    for (int fd = 0; fd < FK_NOFILE; fd++)
        n += fdt[s][fd] >= 0;
    return n;
}

static int fd_kind(int s, int32_t fd)
{
    return fd >= 0 && fd < FK_NOFILE && fdt[s][fd] >= 0 ? file_kind[fdt[s][fd]] : -1;
}

/* A page at or above the heap's new size that holds a frame. */
static int drops_frame(int s, int32_t delta)
{
    for (int j = heap_pages[s] + delta; delta < 0 && j >= 0 && j < heap_pages[s]; j++)
        if (heap_frame[s][j] >= 0)
            return 1;
    return 0;
}

struct reach {
    long both_full, all_objects, eof, epipe, dup2_same, heap_frame_dropped, heap_max;
    long trunc_rdonly;
};

static void count_step(const struct fk_step *st, struct reach *c)
{
    int s = slot_of(st->proc), alive = s >= 0 && proc_state[s] == P_ALIVE;
    int both = alive && open_fds(s) == FK_NOFILE && free_files() == 0;
    int eof_case = alive && st->op == FK_OP_READ && fd_kind(s, st->arg[0]) == FK_F_PIPE_R
                   && st->arg[1] > 0;
    int dup2_case = alive && st->op == FK_OP_DUP2 && st->arg[0] == st->arg[1]
                    && fd_kind(s, st->arg[0]) >= 0;
    int dropped = alive && st->op == FK_OP_SBRK && drops_frame(s, st->arg[0]);
    struct fk_result r = model_step(*st);
    c->both_full += both && st->op == FK_OP_OPEN && r.kind == FK_R_ERR && r.val == FK_EMFILE;
    c->all_objects += objects_in_use() == FK_NOBJ;
    c->eof += eof_case && r.kind == FK_R_OK && r.val == 0;
    c->epipe += r.kind == FK_R_ERR && r.val == FK_EPIPE;
    c->dup2_same += dup2_case && r.kind == FK_R_OK;
    c->heap_frame_dropped += dropped && r.kind == FK_R_OK;
    c->trunc_rdonly += st->op == FK_OP_OPEN && r.kind == FK_R_OK && (st->arg[1] & FK_O_TRUNC)
                       && (st->arg[1] & FK_O_ACCMODE) == FK_O_RDONLY;
    c->heap_max += alive && st->op == FK_OP_SBRK && r.kind == FK_R_OK
                   && heap_pages[s] == FK_HEAP_MAX_PAGES;
}

int main(void)
{
    static struct fk_prog p;
    struct reach c = { 0 };
    for (uint64_t seed = 1; seed <= 200; seed++) {
        struct fk_rng r = fk_rng_seed(seed);
        fk_gen_directed(&r, 120, &p);
        CHECK(p.nsteps == 120);
        model_reset();
        for (uint32_t i = 0; i < p.nsteps; i++) {
            if (!fk_step_valid(&p.step[i]))
                printf("seed %llu step %u (op %d): not a valid step\n", (unsigned long long)seed,
                       i, p.step[i].op);
            CHECK(fk_step_valid(&p.step[i]));
            count_step(&p.step[i], &c);
            char why[200];
            if (model_check_step(why, sizeof why))
                printf("seed %llu step %u: the model's state is not valid: %s\n",
                       (unsigned long long)seed, i, why);
            CHECK(model_check_step(why, sizeof why) == 0);
        }
    }
    printf("200 directed programs: open with both file tables full %ld, steps with every memory "
           "object in use %ld, pipe EOF %ld, EPIPE %ld, dup2 onto itself %ld, heap shrunk past a "
           "frame %ld, heap at its limit %ld, a read-only open that truncates %ld\n", c.both_full,
           c.all_objects, c.eof, c.epipe, c.dup2_same, c.heap_frame_dropped, c.heap_max,
           c.trunc_rdonly);
    CHECK(c.both_full >= 5 && c.all_objects >= 5 && c.eof >= 10 && c.epipe >= 5);
    CHECK(c.dup2_same >= 20 && c.heap_frame_dropped >= 10 && c.heap_max >= 10);
    CHECK(c.trunc_rdonly >= 10);
    return CHECK_DONE();
}
