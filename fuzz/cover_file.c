#include "fuzz/cover_file.h"
#include <stdio.h>

int fk_cover_file_merge(const char *path, uint8_t bits[FK_COVER_BYTES])
{
    uint8_t got[FK_COVER_BYTES];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(got, 1, sizeof got, f);
    fclose(f);
    if (n != sizeof got)
        return -1;
    for (int i = 0; i < FK_COVER_BYTES; i++)
        bits[i] |= got[i];
    return 0;
}

int fk_cover_file_save(const char *path, const uint8_t bits[FK_COVER_BYTES])
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
        return -1;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -1;
    int bad = fwrite(bits, 1, FK_COVER_BYTES, f) != FK_COVER_BYTES;
    bad |= fclose(f) != 0;
    return bad || rename(tmp, path) ? -1 : 0;
}
