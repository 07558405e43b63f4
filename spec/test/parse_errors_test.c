/* Every error path of the text parser, with its position and message. */
#include <stdlib.h>
#include <string.h>
#include "spec/program.h"
#include "spec/test/check.h"

struct case_ {
    const char *src;
    unsigned line, col;
    const char *msg;
};

static const struct case_ cases[] = {
    { "x fork", 1, 1, "expected a process pN, got 'x'" },
    { "p fork", 1, 1, "expected a process pN, got 'p'" },
    { "p-1 fork", 1, 1, "expected a process pN, got 'p-1'" },
    { "p513 fork", 1, 1, "process number out of range (p0..p512): 'p513'" },
    { "p0", 1, 4, "missing operation after 'p0'" },
    { "p0 forx", 1, 4, "unknown operation 'forx'" },
    { "p0 Fork", 1, 4, "unknown operation 'Fork'" },
    { "p0 fork 1", 1, 9, "too many arguments: unexpected '1'" },
    { "p0 store 1 2 3 4 5 6", 1, 14, "too many arguments: unexpected '3'" },
    { "p0 fork\x01 x", 1, 8, "control character in program text" },
    { "p0 store 1 2 3", 1, 14, "too many arguments: unexpected '3'" },
    { "p0 exit", 1, 9, "exit: missing STATUS (a number)" },
    { "p0 dup2 1", 1, 11, "dup2: missing NEWFD (a number)" },
    { "p0 open", 1, 9, "open: missing PATH (a path of . .. d f0 f1 f2 f3 f4)" },
    { "p0 open /f0 # rdonly", 1, 13,
      "open: missing FLAGS (rdonly|wronly|rdwr[,creat][,trunc][,append])" },
    { "p0 mmap 0x40000000 1 rw", 1, 25, "mmap: missing SHARING (private|shared)" },
    { "p0 exit abc", 1, 9, "expected a number, got 'abc'" },
    { "p0 exit 0x", 1, 9, "expected a number, got '0x'" },
    { "p0 exit -", 1, 9, "expected a number, got '-'" },
    { "p0 sbrk --1", 1, 9, "expected a number, got '--1'" },
    { "p0 exit 0xfg", 1, 9, "expected a number, got '0xfg'" },
    { "p0 exit 2147483648", 1, 9, "number out of the 32-bit range: '2147483648'" },
    { "p0 exit -2147483649", 1, 9, "number out of the 32-bit range: '-2147483649'" },
    { "p0 load 4294967296", 1, 9, "number out of the 32-bit range: '4294967296'" },
    { "p0 load 0x100000000", 1, 9, "number out of the 32-bit range: '0x100000000'" },
    { "p0 load -0x80000001", 1, 9, "number out of the 32-bit range: '-0x80000001'" },
    { "p0 write 3 1 256", 1, 14, "BYTE must be 0..255, got '256'" },
    { "p0 write 3 1 -1", 1, 14, "BYTE must be 0..255, got '-1'" },
    { "p0 wait -2", 1, 9, "expected pM or -1, got '-2'" },
    { "p0 wait 1", 1, 9, "expected pM or -1, got '1'" },
    { "p0 wait p600", 1, 9, "process number out of range (p0..p512): 'p600'" },
    { "p0 wait px", 1, 9, "expected a process pN, got 'px'" },
    { "p0 open /f9 rdonly", 1, 10,
      "unknown name 'f9' in path (names: . .. d f0 f1 f2 f3 f4)" },
    { "p0 chdir d/x", 1, 12,
      "unknown name 'x' in path (names: . .. d f0 f1 f2 f3 f4)" },
    { "p0 open /d//f2 rdonly", 1, 12, "empty name in path '/d//f2'" },
    { "p0 chdir /d/", 1, 13, "empty name in path '/d/'" },
    { "p0 chdir //", 1, 11, "empty name in path '//'" },
    { "p0 open /d/./d/./f0 rdonly", 1, 9, "path has more than 4 names: '/d/./d/./f0'" },
    { "p0 open /f0 readonly", 1, 13, "expected rdonly, wronly or rdwr, got 'readonly'" },
    { "p0 open /f0 creat,rdwr", 1, 13, "expected rdonly, wronly or rdwr, got 'creat'" },
    { "p0 open /f0 rdonly,creat,excl", 1, 26,
      "unknown open flag 'excl' (options: creat, trunc, append)" },
    { "p0 open /f0 rdonly,", 1, 20,
      "unknown open flag '' (options: creat, trunc, append)" },
    { "p0 open /f0 rdwr,creat,creat", 1, 24, "open flag given twice: 'creat'" },
    { "p0 lseek 3 0 start", 1, 14, "expected set|cur|end, got 'start'" },
    { "p0 mmap 0x40000000 1 rwx private", 1, 22, "expected r|rw|none, got 'rwx'" },
    { "p0 mprotect 0x40000000 1 w", 1, 26, "expected r|rw|none, got 'w'" },
    { "p0 mmap 0x40000000 1 rw priv", 1, 25, "expected private|shared, got 'priv'" },
    { "p0 fork\x01", 1, 8, "control character in program text" },
    { "p0 fork\nwait", 2, 1, "expected a process pN, got 'wait'" },
    { "p0 fork\n\n# c\n  p1 bad", 4, 6, "unknown operation 'bad'" },
};

static void test_cases(void)
{
    static struct fk_prog prog;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fk_parse_error err;
        const struct case_ *c = &cases[i];
        int r = fk_prog_parse(c->src, strlen(c->src), &prog, &err);
        CHECK(r == -1);
        if (r != -1)
            continue;
        if (err.line != c->line || err.col != c->col || strcmp(err.msg, c->msg))
            fprintf(stderr, "case %zu '%s':\n  got  %u:%u: %s\n  want %u:%u: %s\n",
                    i, c->src, err.line, err.col, err.msg, c->line, c->col,
                    c->msg);
        CHECK(err.line == c->line && err.col == c->col);
        CHECK(strcmp(err.msg, c->msg) == 0);
    }
}

static void test_nul_and_length(void)
{
    static struct fk_prog prog;
    static char big[FK_MAX_STEPS * 9 + 16];
    struct fk_parse_error err;
    size_t n = 0;
    CHECK(fk_prog_parse("p0 fork\0", 8, &prog, &err) == -1);
    CHECK(err.line == 1 && err.col == 8
          && strcmp(err.msg, "NUL byte in program text") == 0);
    for (int i = 0; i < FK_MAX_STEPS; i++)
        n += (size_t)sprintf(big + n, "p0 fork\n");
    CHECK(fk_prog_parse(big, n, &prog, &err) == 0 && prog.nsteps == FK_MAX_STEPS);
    n += (size_t)sprintf(big + n, "p0 fork\n");
    CHECK(fk_prog_parse(big, n, &prog, &err) == -1);
    CHECK(err.line == FK_MAX_STEPS + 1 && err.col == 1);
    CHECK(strcmp(err.msg, "program has more than 512 steps") == 0);
}

static void test_long_token_is_cut(void)
{
    static struct fk_prog prog;
    struct fk_parse_error err;
    const char *src = "p0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    CHECK(fk_prog_parse(src, strlen(src), &prog, &err) == -1);
    CHECK(strcmp(err.msg, "unknown operation "
                 "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'") == 0);
}

int main(void)
{
    test_cases();
    test_nul_and_length();
    test_long_token_is_cut();
    return CHECK_DONE();
}
