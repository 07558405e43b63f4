/* fk_minimize (diff/minimize.h) on the dup2 mutant: a program that
 * diverges late is first cut after its divergence (one run, then as
 * if the cut program had been given), and minimizing it
 * takes the same runs and gives the same steps whatever was minimized
 * before in the same process (the cut once used the step of the previous
 * program's divergence). */
#include <stdio.h>
#include <string.h>
#include "diff/minimize.h"
#include "diff/report.h"
#include "spec/test/check.h"

static const char early[] = "p0 open /f0 rdonly\np0 dup2 0 0\np0 fork\np1 getpid\n"
                            "p0 pipe\np0 close 1\np0 getpid\np0 getpid\n";
static const char late[] = "p0 open /f0 rdonly\np0 fork\np1 getpid\np0 pipe\n"
                           "p1 write 0 5 1\np0 mmap 0x40000000 2 rw private\n"
                           "p0 store 0x40000000 7\np0 getpid\np0 getpid\np0 close 2\n"
                           "p0 dup2 0 0\np0 read 0 4\np1 exit 0\np0 wait -1\n";

/* late up to its divergence (the dup2) */
static const char late_cut[] = "p0 open /f0 rdonly\np0 fork\np1 getpid\np0 pipe\n"
                               "p1 write 0 5 1\np0 mmap 0x40000000 2 rw private\n"
                               "p0 store 0x40000000 7\np0 getpid\np0 getpid\np0 close 2\n"
                               "p0 dup2 0 0\n";

static int minimize(struct fk_target *t, const char *text, struct fk_prog *p)
{
    static struct fk_divergence d;
    struct fk_parse_error err;
    char sig[1024];
    CHECK(fk_prog_parse(text, strlen(text), p, &err) == 0);
    CHECK(fk_compare(t, p, &d) == FK_DIVERGE);      /* as the gate finds it */
    fk_report_signature(p, &d, sig, sizeof sig);
    return fk_minimize(t, p, sig);
}

static int same_steps(const struct fk_prog *x, const struct fk_prog *y)
{
    if (x->nsteps != y->nsteps)
        return 0;
    for (uint32_t i = 0; i < x->nsteps; i++)
        if (x->step[i].op != y->step[i].op || x->step[i].proc != y->step[i].proc
            || memcmp(x->step[i].arg, y->step[i].arg, sizeof x->step[i].arg))
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    static struct fk_prog a, b, c, d;
    static struct fk_target t;
    if (argc < 2) {
        fprintf(stderr, "usage: minimize_test KERNEL_MUTANT_DUP2_SAME.elf\n");
        return 2;
    }
    struct fk_images img = { argv[1], 0, 0 };
    fk_target_init(&t, FK_KERNEL, &img);
    int fresh = minimize(&t, late, &a);
    minimize(&t, early, &b);
    int after = minimize(&t, late, &c);
    int cut = minimize(&t, late_cut, &d);
    printf("late program: %d runs fresh, %d after another, %d from its cut; %u steps left\n",
           fresh, after, cut, a.nsteps);
    CHECK(fresh == cut + 1);    /* the cut: one run, then as from the cut program */
    CHECK(fresh == after);
    CHECK(same_steps(&a, &c) && same_steps(&a, &d));
    CHECK(a.nsteps <= 3 && a.step[a.nsteps - 1].op == FK_OP_DUP2);
    fk_target_stop(&t);
    return CHECK_DONE();
}
