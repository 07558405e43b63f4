/* The executable valid_state (model/check.c): it finds a planted violation
 * of each of its predicates, and model_check_step, which reuses what it
 * saw unchanged, gives the full check's verdict and message whatever byte
 * of the state a bug changes. */
#include <string.h>
#include "model/model.h"
#include "model/state.h"
#include "gen/gen.h"
#include "spec/test/check.h"

static struct fk_prog prog;
static char why[256], full_why[256];

static void run(const char *text)
{
    struct fk_parse_error e;
    CHECK(fk_prog_parse(text, strlen(text), &prog, &e) == 0);
    model_run(prog, prog.nsteps);
}

/* A state with a bit of everything: processes, a zombie, files, a pipe,
 * private and shared pages, heap. */
static void busy_state(void)
{
    model_reset();
    run("p0 mmap 0x40000000 4 rw private\n"
        "p0 mmap 0x40010000 2 rw shared\n"
        "p0 store 0x40000000 1\n"
        "p0 store 0x40010000 2\n"
        "p0 sbrk 2\n"
        "p0 store 0x50000000 3\n"
        "p0 open /f0 rdwr,creat\n"
        "p0 pipe\n"
        "p0 write 2 2 7\n"
        "p0 fork\n"
        "p1 store 0x40000000 5\n"
        "p1 fork\n"
        "p2 exit 0\n"
        "p0 chdir /d\n");
}

/* Each planted violation: a change to the busy state and a word of the
 * message that names what broke. */
static void plant(const char *what, void (*change)(void), const char *word)
{
    busy_state();
    CHECK(model_check(why, sizeof why) == 0);
    change();
    int broken = model_check(why, sizeof why);
    if (!broken || !strstr(why, word))
        fprintf(stderr, "planted %s: check says %d \"%s\"\n", what, broken, why);
    CHECK(broken && strstr(why, word));
}

static void bad_state(void) { proc_state[3] = 7; }
static void bad_pid(void) { proc_pid[1] = next_pid; }
static void orphan(void) { proc_parent[1] = 5; }
static void zombie_cwd(void) { proc_cwd[2] = FK_NODE_ROOT; }
static void file_cwd(void) { proc_cwd[1] = FK_NODE_F0; }
static void fd_range(void) { fdt[1][9] = FK_NFILE; }
static void extra_fd(void) { fdt[1][9] = fdt[1][0]; }
static void zombie_fd(void) { fdt[2][0] = fdt[1][0]; }
static void file_refs(void) { file_ref[fdt[0][0]]++; }
static void file_kind_bad(void) { file_kind[fdt[0][0]] = FK_F_PIPE_R; }
static void file_offset(void) { file_off[fdt[0][0]] = -1; }
static void pipe_ends(void) { pipe_writers[file_pipe[fdt[0][1]]]++; }
static void pipe_over(void) { pipe_fill[file_pipe[fdt[0][1]]] = FK_PIPE_CAPACITY + 1; }
static void node_refs(void) { node_ref[FK_NODE_F0]++; }
static void node_big(void) { node_size[FK_NODE_F0] = FK_MAX_FILE_SIZE + 1; }
static void no_root(void) { node_exists[FK_NODE_ROOT] = 0; }
static void frame_refs(void) { frame_ref[pg_frame[0][0]]++; }
static void frame_range(void) { pg_frame[0][1] = FK_NFRAME; }
static void heap_above(void) { heap_frame[0][5] = heap_frame[0][0]; }
static void heap_break(void) { heap_pages[0] = FK_HEAP_MAX_PAGES + 1; }
static void region_hole(void) { pg_start[0][2] = 0, pg_attr[0][2] = FK_PG_MAPPED + FK_PROT_R; }
static void unmapped_frame(void) { pg_frame[0][20] = pg_frame[0][0]; }
static void shared_outside(void) { pg_objpage[0][16] = 4, pg_objpage[0][17] = 5; }
static void obj_refs(void) { obj_ref[pg_obj[0][16]]++; }
static void free_obj_pages(void) { obj_npages[FK_NOBJ - 1] = 1; }
static void obj_frame_outside(void) { obj_frame[OBJ_SLOT(pg_obj[0][16], 9)] = pg_frame[0][0]; }
static void private_objpage(void) { pg_objpage[0][0] = 0; }
static void pid_twice(void) { proc_pid[2] = proc_pid[1]; }
static void file_on_dir(void) { file_node[fdt[0][0]] = FK_NODE_D, node_ref[FK_NODE_D]++,
                                node_ref[FK_NODE_F0]--; }
static void file_on_missing(void) { file_node[fdt[0][0]] = FK_NODE_F0 + 4, node_ref[FK_NODE_F0 + 4]++,
                                    node_ref[FK_NODE_F0]--; }
static void dir_size(void) { node_size[FK_NODE_D] = 1; }
static void free_pipe_fill(void) { pipe_fill[FK_NPIPE - 1] = 1; }
static void node_sum_off(void) { node_sum[FK_NODE_F0]++; }
static void node_byte(void) { node_data[NODE_BYTE(FK_NODE_F0, 1)] ^= 0x10; }
static void frame_sum_off(void) { frame_sum[pg_frame[0][0]] ^= 1; }
static void frame_word(void) { frame_data[FRAME_WORD(pg_frame[0][0], 9)] = 4; }

static void test_planted(void)
{
    plant("process state", bad_state, "state");
    plant("pid from the future", bad_pid, "pid");
    plant("parent a free slot", orphan, "parent");
    plant("zombie with a cwd", zombie_cwd, "cwd");
    plant("cwd a file", file_cwd, "cwd");
    plant("fd out of range", fd_range, "fd");
    plant("fd not counted", extra_fd, "refcount");
    plant("zombie with an fd", zombie_fd, "idle");
    plant("open file refcount", file_refs, "refcount");
    plant("open file kind", file_kind_bad, "ill-formed");
    plant("negative offset", file_offset, "ill-formed");
    plant("pipe writers", pipe_ends, "writers");
    plant("pipe overfull", pipe_over, "fill");
    plant("node refcount", node_refs, "node refcount");
    plant("node size", node_big, "size");
    plant("root gone", no_root, "directory");
    plant("frame refcount", frame_refs, "frame refcount");
    plant("frame out of range", frame_range, "range");
    plant("heap frame above the break", heap_above, "break");
    plant("break above the heap", heap_break, "break");
    plant("region hole", region_hole, "continues");
    plant("unmapped page with a frame", unmapped_frame, "unmapped");
    plant("shared page outside its object", shared_outside, "object");
    plant("object refcount", obj_refs, "object refcount");
    plant("free object with pages", free_obj_pages, "free object");
    plant("object frame outside the object", obj_frame_outside, "outside");
    plant("private page with an object page", private_objpage, "private");
    plant("pid of two processes", pid_twice, "pid used twice");
    plant("file open on a directory", file_on_dir, "another kind");
    plant("file open on a missing node", file_on_missing, "missing node");
    plant("directory with a size", dir_size, "directory size");
    plant("free pipe with bytes", free_pipe_fill, "free pipe");
    plant("node checksum", node_sum_off, "node checksum");
    plant("file byte not in the checksum", node_byte, "node checksum");
    plant("frame checksum", frame_sum_off, "frame checksum");
    plant("frame word not in the checksum", frame_word, "frame checksum");
}

/* The state's bytes a bug could change (pipe contents are outside the
 * check); a change to a counted one always breaks a count. */
#define AREA(a, counted) { &(a), sizeof(a), counted }
static const struct { void *at; size_t size; int counted; } areas[] = {
    AREA(proc_state, 0), AREA(proc_pid, 0), AREA(proc_parent, 0), AREA(proc_status, 0),
    AREA(proc_cwd, 0), AREA(fdt, 1), AREA(next_pid, 0), AREA(pg_attr, 0), AREA(pg_start, 0),
    AREA(pg_frame, 0), AREA(pg_obj, 0), AREA(pg_objpage, 0), AREA(heap_pages, 0),
    AREA(heap_frame, 0), AREA(file_ref, 1), AREA(file_kind, 0), AREA(file_mode, 0),
    AREA(file_append, 0), AREA(file_node, 0), AREA(file_pipe, 0), AREA(file_off, 0),
    AREA(pipe_readers, 1), AREA(pipe_writers, 1), AREA(pipe_fill, 0), AREA(pipe_head, 0),
    AREA(node_exists, 0), AREA(node_size, 0), AREA(node_ref, 1), AREA(frame_ref, 1),
    AREA(obj_ref, 1), AREA(obj_npages, 0), AREA(obj_frame, 0), AREA(node_sum, 0),
    AREA(frame_sum, 0), AREA(node_data, 0), AREA(frame_data, 0),
};
#define NAREAS (sizeof areas / sizeof areas[0])

/* Random programs; after every step the incremental check must pass; at
 * random steps one random byte is changed, and both checks must say the
 * same; the byte restored, both pass again. */
static void test_step_check_is_the_full_check(void)
{
    struct fk_rng rng = fk_rng_seed(7);
    long corrupted = 0, caught = 0, disagreed = 0, missed = 0, counts_missed = 0;
    for (int n = 0; n < 400; n++) {
        fk_gen_program(&rng, 20 + fk_rng_below(&rng, 100), &prog);
        model_reset();
        for (uint32_t i = 0; i < prog.nsteps; i++) {
            model_step(prog.step[i]);
            missed += model_check_step(why, sizeof why) != 0;
            if (fk_rng_below(&rng, 4))
                continue;
            uint32_t a = fk_rng_below(&rng, NAREAS);
            uint8_t *byte = (uint8_t *)areas[a].at + fk_rng_below(&rng, (uint32_t)areas[a].size);
            uint8_t old = *byte;
            *byte ^= (uint8_t)(1 + fk_rng_below(&rng, 255));
            int step = model_check_step(why, sizeof why), full = model_check(full_why, sizeof full_why);
            corrupted++;
            caught += full != 0;
            counts_missed += areas[a].counted && !full;
            if ((step != full || strcmp(why, full_why)) && disagreed++ < 5)
                fprintf(stderr, "area %u: step check %d \"%s\", full check %d \"%s\"\n", a,
                        step, why, full, full_why);
            *byte = old;
            missed += model_check_step(why, sizeof why) != 0;
        }
    }
    printf("%ld corruptions, %ld caught by both checks\n", corrupted, caught);
    CHECK(missed == 0);
    CHECK(disagreed == 0);
    CHECK(counts_missed == 0);
    /* the rest: pids, parents, modes and offsets of free slots and files
     * are free to hold anything; most other bytes are not */
    CHECK(caught > corrupted * 2 / 3);
}

int main(void)
{
    test_planted();
    test_step_check_is_the_full_check();
    return CHECK_DONE();
}
