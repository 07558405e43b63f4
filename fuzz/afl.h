/* The same harness under afl-clang-fast (persistent mode, shared-memory
 * test cases) and under a plain compiler, where each input comes from
 * stdin once: the replay build the tests and triage run. */
#ifndef FUZZ_AFL_H
#define FUZZ_AFL_H

#include <unistd.h>

#ifndef __AFL_FUZZ_TESTCASE_LEN
static unsigned char fuzz_plain_buf[1 << 16];
static ssize_t fuzz_plain_len;
static int fuzz_plain_done;
#define __AFL_FUZZ_INIT() static void fuzz_plain_init(void) {}
#define __AFL_INIT() fuzz_plain_init()
#define __AFL_FUZZ_TESTCASE_BUF fuzz_plain_buf
#define __AFL_FUZZ_TESTCASE_LEN fuzz_plain_len
#define __AFL_LOOP(n) (!fuzz_plain_done++ && (fuzz_plain_len = read(0, fuzz_plain_buf, \
                                                   sizeof fuzz_plain_buf)) >= 0)
#endif

#endif
