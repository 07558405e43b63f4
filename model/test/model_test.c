/* The model under random programs (valid_state after every step, failures
 * leave no trace) and at its resource limits (no leak on EAGAIN, ENFILE,
 * ENOMEM; kill 9 when frames run out). */
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "spec/errno.h"
#include "gen/gen.h"
#include "spec/test/check.h"

static struct fk_prog prog;
static struct fk_obs raw, canon;
static uint8_t before1[FK_OBS_MAX_BYTES], before2[FK_OBS_MAX_BYTES];
static uint8_t after1[FK_OBS_MAX_BYTES], after2[FK_OBS_MAX_BYTES];
static size_t nb1, nb2;

static void snapshot(uint8_t *l1, uint8_t *l2, size_t *n1, size_t *n2)
{
    model_observe(&raw);
    fk_obs_canon(&raw, &canon);
    *n1 = fk_obs_serialize(&canon, FK_L1, l1, FK_OBS_MAX_BYTES);
    *n2 = fk_obs_serialize(&canon, FK_L2, l2, FK_OBS_MAX_BYTES);
}

static int unchanged_since_snapshot(void)
{
    size_t n1, n2;
    snapshot(after1, after2, &n1, &n2);
    return n1 == nb1 && n2 == nb2 && !memcmp(before1, after1, n1)
           && !memcmp(before2, after2, n2);
}

/* Runs text steps; returns the last result. */
static struct fk_result run(const char *text)
{
    struct fk_parse_error e;
    struct fk_result r = { 0, 0, 0 };
    if (fk_prog_parse(text, strlen(text), &prog, &e)) {
        fprintf(stderr, "bad test program %u:%u: %s\n", e.line, e.col, e.msg);
        CHECK(0);
        return r;
    }
    for (uint32_t i = 0; i < prog.nsteps; i++)
        r = model_step(prog.step[i]);
    return r;
}

static void test_random_programs(void)
{
    static char why[256];
    struct fk_rng rng = fk_rng_seed(1);
    long steps = 0, errors = 0, violations = 0, traces = 0;
    for (int n = 0; n < 1500; n++) {
        fk_gen_program(&rng, 10 + fk_rng_below(&rng, 120), &prog);
        model_reset();
        for (uint32_t i = 0; i < prog.nsteps; i++) {
            struct fk_result r;
            snapshot(before1, before2, &nb1, &nb2);
            r = model_step(prog.step[i]);
            steps++;
            if (model_check(why, sizeof why) && violations++ < 5)
                fprintf(stderr, "program %d step %u: %s\n", n, i, why);
            if (r.kind == FK_R_ERR || r.kind == FK_R_SKIP) {
                errors++;
                if (!unchanged_since_snapshot() && traces++ < 5)
                    fprintf(stderr, "program %d step %u: failure left a trace\n", n, i);
            }
        }
    }
    printf("random programs: %ld steps, %ld failed steps\n", steps, errors);
    CHECK(violations == 0);
    CHECK(traces == 0);
    CHECK(errors > steps / 10);         /* the mix does reach error paths */
}

static void test_fork_at_nproc(void)
{
    model_reset();
    for (int i = 0; i < FK_NPROC - 1; i++)
        CHECK(run("p0 fork").kind == FK_R_OK);
    snapshot(before1, before2, &nb1, &nb2);
    struct fk_result r = run("p0 fork");
    CHECK(r.kind == FK_R_ERR && r.val == FK_EAGAIN);
    CHECK(unchanged_since_snapshot());
    /* a zombie still holds its slot; reaping frees it */
    CHECK(run("p1 exit 0\np0 fork").val == FK_EAGAIN);
    CHECK(run("p0 wait p1\np0 fork").kind == FK_R_OK);
}

static void test_enfile(void)
{
    char text[4096];
    size_t n = 0;
    model_reset();
    /* four processes with sixteen open files each: every open file used */
    n += (size_t)sprintf(text + n, "p0 fork\np0 fork\np0 fork\n");
    for (int p = 0; p < 4; p++)
        for (int f = 0; f < FK_NOFILE; f++)
            n += (size_t)sprintf(text + n, "p%d open /f0 rdonly\n", p);
    CHECK(run(text).kind == FK_R_OK);
    /* p4 shares p0's sixteen files; closing two of its fds frees no file */
    CHECK(run("p0 fork\np4 close 0\np4 close 1").kind == FK_R_OK);
    snapshot(before1, before2, &nb1, &nb2);
    CHECK(run("p4 open /f1 rdonly").val == FK_ENFILE);
    CHECK(run("p4 pipe").val == FK_ENFILE);
    CHECK(run("p4 open /f3 rdwr,creat").val == FK_ENFILE);
    CHECK(unchanged_since_snapshot());   /* f3 was not created */
    CHECK(run("p1 close 3\np4 pipe").val == FK_ENFILE);
    CHECK(run("p2 close 3\np4 pipe").kind == FK_R_OK);
}

static void test_frames_run_out(void)
{
    char text[8192];
    size_t n = 0;
    model_reset();
    n += (size_t)sprintf(text + n, "p0 mmap 0x40000000 64 rw private\np0 sbrk 32\n");
    for (int i = 0; i < 64; i++)
        n += (size_t)sprintf(text + n, "p0 store 0x%x 1\n", 0x40000000 + i * 4096);
    for (int i = 0; i < 32; i++)
        n += (size_t)sprintf(text + n, "p0 store 0x%x 1\n", 0x50000000 + i * 4096);
    n += (size_t)sprintf(text + n, "p0 fork\n");
    for (int i = 0; i < 32; i++)
        n += (size_t)sprintf(text + n, "p1 store 0x%x 2\n", 0x40000000 + i * 4096);
    CHECK(run(text).kind == FK_R_OK);   /* 96 + 32 = 128 frames */
    struct fk_result r = run("p1 store 0x40020000 2");
    CHECK(r.kind == FK_R_KILLED && r.val == 9);
    CHECK(run("p0 wait p1").aux == fk_status_signaled(9));
    model_observe(&raw);
    CHECK(raw.free_frames == FK_NFRAME - 96);   /* p1's copies came back */
    CHECK(run("p0 load 0x40020000").val == 1);
}

static void test_objects_run_out(void)
{
    char text[4096];
    size_t n = 0;
    model_reset();
    for (int i = 0; i < FK_NOBJ; i++)
        n += (size_t)sprintf(text + n, "p0 mmap 0x%x 1 rw shared\n", 0x40000000 + i * 4096);
    CHECK(run(text).kind == FK_R_OK);
    CHECK(run("p0 store 0x40000000 5").kind == FK_R_OK);
    snapshot(before1, before2, &nb1, &nb2);
    /* the failing mmap does not unmap what it would have replaced */
    CHECK(run("p0 mmap 0x40000000 1 rw shared").val == FK_ENOMEM);
    CHECK(unchanged_since_snapshot());
    CHECK(run("p0 load 0x40000000").val == 5);
    CHECK(run("p0 mmap 0x40000000 1 rw private").kind == FK_R_OK);
    CHECK(run("p0 mmap 0x40040000 1 rw shared").val == FK_EINVAL);
    CHECK(run("p0 mmap 0x40020000 1 rw shared").kind == FK_R_OK);
}

static void test_killed_p0_stays_parent(void)
{
    model_reset();
    CHECK(run("p0 fork\np0 load 0x40000000").kind == FK_R_KILLED);
    CHECK(run("p0 getpid").kind == FK_R_SKIP);
    CHECK(run("p1 getppid").val == 0);
    CHECK(run("p1 fork\np1 exit 0\np2 getppid").val == 0);
    char why[200];
    CHECK(model_check(why, sizeof why) == 0);
}

int main(void)
{
    test_fork_at_nproc();
    test_enfile();
    test_frames_run_out();
    test_objects_run_out();
    test_killed_p0_stays_parent();
    test_random_programs();
    return CHECK_DONE();
}
