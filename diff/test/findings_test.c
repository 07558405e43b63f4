/* Finding directories (diff/findings.h): the same signature lands in the
 * same directory with its hits counted; another signature whose CRC-32 is
 * the same (here: a directory already holding another signature) gets
 * ID-2 and leaves the first untouched; a root that cannot be written is
 * an error, never a lost finding reported as saved. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include "diff/findings.h"
#include "spec/test/check.h"

static int file_has(const char *dir, const char *file, const char *want)
{
    char path[600], text[2000];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = 0;
    return strstr(text, want) != 0;
}

int main(void)
{
    char root[] = "/tmp/findings_test.XXXXXX", dir[512], first[512], taken[600];
    CHECK(mkdtemp(root) != 0);
    const char *sig = "diverge dup2 result-same file p";

    CHECK(fk_finding_record(root, sig, "gate", dir, sizeof dir) == 1);
    snprintf(first, sizeof first, "%s", dir);
    CHECK(fk_finding_record(root, sig, "campaign", dir, sizeof dir) == 0);
    CHECK(!strcmp(dir, first));
    CHECK(file_has(dir, "finding.txt", "hits: 2\n"));
    CHECK(file_has(dir, "finding.txt", "found by: gate\n"));

    /* a directory of the same ID that holds another signature */
    unsigned long id = crc32(0, (const Bytef *)"leak", 4);
    snprintf(taken, sizeof taken, "%s/%08lx", root, id);
    CHECK(mkdir(taken, 0777) == 0);
    CHECK(fk_write_file(taken, "finding.txt", "signature: not leak\nhits: 5\n", 28, 0644) == 0);
    CHECK(fk_finding_record(root, "leak", "gate", dir, sizeof dir) == 1);
    CHECK(strlen(dir) == strlen(taken) + 2 && !strcmp(dir + strlen(taken), "-2"));
    CHECK(file_has(dir, "finding.txt", "signature: leak\n"));
    CHECK(file_has(taken, "finding.txt", "signature: not leak\nhits: 5\n"));
    CHECK(fk_finding_record(root, "leak", "gate", dir, sizeof dir) == 0);
    CHECK(file_has(dir, "finding.txt", "hits: 2\n"));

    /* a root that is a file, and a path too long for dir */
    snprintf(taken, sizeof taken, "%s/plain", root);
    CHECK(fk_write_file(root, "plain", "x", 1, 0644) == 0);
    CHECK(fk_finding_record(taken, sig, "gate", dir, sizeof dir) == -1);
    CHECK(fk_finding_record(root, sig, "gate", dir, 20) == -1);

    snprintf(taken, sizeof taken, "rm -rf %s", root);
    CHECK(system(taken) == 0);
    return CHECK_DONE();
}
