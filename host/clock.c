#define _POSIX_C_SOURCE 200809L
#include <time.h>
#include "host/clock.h"

double fk_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}
