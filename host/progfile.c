/* Loading program files on the host. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host/progfile.h"

#define MAX_INPUT (4u << 20)

/* Reads a whole file into a malloc'd buffer; NULL with a message on error. */
static char *read_all(const char *tool, const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char *buf;
    size_t n;
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", tool, path, strerror(errno));
        return NULL;
    }
    buf = malloc(MAX_INPUT + 1);
    n = buf ? fread(buf, 1, MAX_INPUT + 1, f) : 0;
    if (!buf || ferror(f) || n > MAX_INPUT) {
        fprintf(stderr, "%s: %s: %s\n", tool, path,
                !buf ? "out of memory" : n > MAX_INPUT
                ? "larger than 4 MiB, not a program" : strerror(errno));
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

const char *fk_display_name(const char *path)
{
    return strcmp(path, "-") ? path : "<stdin>";
}

int fk_load_program(const char *tool, const char *path, int from_binary,
                    struct fk_prog *prog)
{
    struct fk_parse_error err;
    size_t len;
    char *buf = read_all(tool, path, &len);
    int version;
    if (!buf)
        return 2;
    if (from_binary) {
        version = fk_prog_decode((const uint8_t *)buf, len, prog);
        if (version != FK_PROG_VERSION)
            fprintf(stderr, "%s: %s: warning: %s; decoded as version %d\n",
                    tool, fk_display_name(path), version < 0
                    ? "empty file" : "unknown version byte", FK_PROG_VERSION);
    } else if (fk_prog_parse(buf, len, prog, &err)) {
        fprintf(stderr, "%s:%u:%u: %s\n", fk_display_name(path), err.line,
                err.col, err.msg);
        free(buf);
        return 2;
    }
    free(buf);
    return 0;
}

