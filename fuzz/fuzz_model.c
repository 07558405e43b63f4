/* fuzz_model: each input, decoded by the total binary decoder, runs on the
 * model with the executable valid_state (model_check) checked after every
 * step; a violation aborts, which AFL++ records as a crash. */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz/afl.h"
#include "model/model.h"

__AFL_FUZZ_INIT();

static struct fk_prog prog;

int main(void)
{
    char why[256];
    __AFL_INIT();
    unsigned char *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(100000)) {
        fk_prog_decode(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN, &prog);
        int broken = model_run_checked(&prog, why, sizeof why);
        if (broken >= 0) {
            fprintf(stderr, "fuzz_model: valid_state broken after step %d: %s\n", broken, why);
            abort();
        }
    }
    return 0;
}
