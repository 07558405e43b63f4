/* Command-line numbers, checked: the whole argument must be a number in
 * range, or the caller's command says which option is wrong and exits 2.
 * Host C, for the mains' getopt_long loops. */
#ifndef HOST_ARGS_H
#define HOST_ARGS_H

/* The integer in s (decimal, or 0x hex), between min and max; on anything
 * else prints "CMD: OPTION: 'S' is not a whole number from MIN to MAX" and
 * exits 2. */
long long fk_arg_int(const char *cmd, const char *option, const char *s,
                     long long min, long long max);

/* The same for a decimal number (seconds) between min and max. */
double fk_arg_real(const char *cmd, const char *option, const char *s,
                   double min, double max);

/* The usual ending of a getopt_long loop on an unknown option or a missing
 * value (getopt has printed why): the usage on stderr, exit 2. */
void fk_arg_usage_exit(const char *usage);

#endif
