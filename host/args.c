/* Checked command-line numbers (host/args.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "host/args.h"

long long fk_arg_int(const char *cmd, const char *option, const char *s,
                     long long min, long long max)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 0);
    if (errno || end == s || *end || v < min || v > max) {
        fprintf(stderr, "%s: %s: '%s' is not a whole number from %lld to %lld\n",
                cmd, option, s, min, max);
        exit(2);
    }
    return v;
}

double fk_arg_real(const char *cmd, const char *option, const char *s,
                   double min, double max)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= min && v <= max)) {
        fprintf(stderr, "%s: %s: '%s' is not a number from %g to %g\n",
                cmd, option, s, min, max);
        exit(2);
    }
    return v;
}

void fk_arg_usage_exit(const char *usage)
{
    fputs(usage, stderr);
    exit(2);
}
