/* The monotonic clock in seconds, for progress lines, deadlines and
 * benchmarks (never for what a test checks). Host C. */
#ifndef HOST_CLOCK_H
#define HOST_CLOCK_H

double fk_now(void);

#endif
