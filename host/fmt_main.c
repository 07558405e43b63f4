/* forkspec fmt: parse programs and print them canonically, or convert
 * between the text and binary forms (spec/program.md). Exit 0 on success,
 * 2 on a malformed program, a bad option or an I/O error. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "host/progfile.h"

static const char usage[] =
    "usage: forkspec fmt [--binary | --from-binary] [-o OUT] PROG...\n"
    "  PROG...          text programs ('-' is standard input); each is checked\n"
    "                   and printed in canonical form\n"
    "  --binary         convert one text PROG to the binary form\n"
    "  --from-binary    read binary PROGs and print them as text\n"
    "  -o OUT           write to OUT instead of standard output\n";


static int write_text(const struct fk_prog *prog, FILE *out)
{
    static char text[FK_MAX_STEPS * 80];
    struct fk_out o = fk_out_make(text, sizeof text);
    fk_prog_print(prog, &o);
    return fwrite(text, 1, o.len, out) == o.len ? 0 : 2;
}

static int write_binary(const struct fk_prog *prog, FILE *out)
{
    static uint8_t bin[FK_MAX_STEPS * 32];
    size_t n = fk_prog_encode(prog, bin, sizeof bin);
    return fwrite(bin, 1, n, out) == n ? 0 : 2;
}

int main(int argc, char **argv)
{
    int to_binary = 0, from_binary = 0, nin = 0, status = 0;
    const char *out_path = NULL, *inputs[256];
    FILE *out = stdout;
    static struct fk_prog progs[256];
    static const struct option options[] = {
        { "binary", no_argument, 0, 'b' }, { "from-binary", no_argument, 0, 'f' },
        { "help", no_argument, 0, 'h' },   { 0, 0, 0, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "ho:", options, 0)) != -1) {
        switch (c) {
        case 'b': to_binary = 1; break;
        case 'f': from_binary = 1; break;
        case 'o': out_path = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    for (int i = optind; i < argc; i++) {
        if (nin == 256) {
            fprintf(stderr, "forkspec fmt: more than 256 programs\n");
            return 2;
        }
        inputs[nin++] = argv[i];
    }
    if (nin == 0 || (to_binary && from_binary) || (to_binary && nin != 1)) {
        fprintf(stderr, "forkspec fmt: %s\n%s", nin == 0 ? "no program given"
                : to_binary && from_binary ? "--binary and --from-binary "
                "exclude each other" : "--binary takes exactly one program",
                usage);
        return 2;
    }
    if (to_binary && !out_path && isatty(1)) {
        fprintf(stderr, "forkspec fmt: refusing to write binary to a "
                "terminal; use -o FILE or a redirection\n");
        return 2;
    }
    /* every input is read before the output is opened: a bad program
     * leaves an existing OUT untouched */
    for (int i = 0; i < nin && status == 0; i++)
        status = fk_load_program("forkspec fmt", inputs[i], from_binary, &progs[i]);
    if (status)
        return status;
    if (out_path && !(out = fopen(out_path, "wb"))) {
        fprintf(stderr, "forkspec fmt: %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    for (int i = 0; i < nin && status == 0; i++) {
        if (nin > 1)
            fprintf(out, "# %s\n", fk_display_name(inputs[i]));
        status = to_binary ? write_binary(&progs[i], out)
                           : write_text(&progs[i], out);
    }
    if (fclose(out) || status) {
        fprintf(stderr, "forkspec fmt: %s: write failed\n",
                out_path ? out_path : "<stdout>");
        return 2;
    }
    return 0;
}
