/* The shipped mutator.so, loaded as AFL++ loads it: dlopen'ed into a
 * process that has libc but not the model. Its directed actions run the
 * model, whose err() must stay its own and not become libc's err(3)
 * (which exited afl-fuzz with a segmentation fault before -Bsymbolic). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "spec/program.h"
#include "spec/test/check.h"

typedef void *init_fn(void *, unsigned int);
typedef size_t fuzz_fn(void *, uint8_t *, size_t, uint8_t **, uint8_t *, size_t, size_t);

static struct fk_prog in, add, out;
static uint8_t in_bin[4096], add_bin[4096];

static size_t encode(const char *text, struct fk_prog *p, uint8_t *bin)
{
    struct fk_parse_error e;
    CHECK(fk_prog_parse(text, strlen(text), p, &e) == 0);
    return fk_prog_encode(p, bin, 4096);
}

int main(int argc, char **argv)
{
    void *h = argc > 1 ? dlopen(argv[1], RTLD_NOW | RTLD_LOCAL) : 0;
    CHECK(h != 0);
    if (!h)
        return CHECK_DONE();
    init_fn *init = (init_fn *)dlsym(h, "afl_custom_init");
    fuzz_fn *fuzz = (fuzz_fn *)dlsym(h, "afl_custom_fuzz");
    CHECK(init && fuzz);
    size_t n_in = encode("p0 pipe\np0 mmap 0x40000000 2 rw shared\np0 fork\np1 write 1 5 1\n",
                         &in, in_bin);
    size_t n_add = encode("p0 open /f0 rdwr\np0 sbrk 3\n", &add, add_bin);
    void *m = init && fuzz ? init(0, 3) : 0;
    long bad = 0, longer = 0;
    for (int k = 0; m && k < 5000; k++) {
        uint8_t *o;
        size_t n = fuzz(m, in_bin, n_in, &o, add_bin, n_add, 320);
        bad += n == 0 || n > 320 || fk_prog_decode(o, n, &out) != FK_PROG_VERSION
               || !fk_prog_valid(&out);
        longer += out.nsteps > in.nsteps + 8;   /* a fill or a tree: many steps at once */
    }
    printf("%s: 5000 mutations, %ld at least 8 steps longer, %ld bad\n", argv[1], longer, bad);
    CHECK(bad == 0 && longer > 500);
    return CHECK_DONE();
}
