/* cover_count FILE...: the kernel edges the fuzz_diff processes of a
 * campaign have seen together (the OR of their cover files,
 * fuzz/cover_file.h), as "EDGES SLOTS". Files not there yet count as
 * empty; exit 2 on bad usage. */
#include <stdio.h>
#include "fuzz/cover_file.h"

int main(int argc, char **argv)
{
    uint8_t bits[FK_COVER_BYTES] = { 0 };
    int edges = 0;
    if (argc < 2)
        return fputs("usage: cover_count COVER_FILE...\n", stderr), 2;
    for (int i = 1; i < argc; i++)
        fk_cover_file_merge(argv[i], bits);
    for (int i = 0; i < FK_COVER_BYTES; i++)
        edges += __builtin_popcount(bits[i]);
    printf("%d %d\n", edges, FK_COVER_BYTES * 8);
    return 0;
}
