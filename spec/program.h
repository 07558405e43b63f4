/* Programs: the step list every backend runs (spec/program.md).
 * One text parser, one printer, one binary codec; freestanding C. */
#ifndef FK_PROGRAM_H
#define FK_PROGRAM_H

#include <stddef.h>
#include <stdint.h>
#include "spec/limits.h"
#include "spec/out.h"

enum fk_op {
    FK_OP_FORK, FK_OP_EXIT, FK_OP_WAIT, FK_OP_GETPID, FK_OP_GETPPID,
    FK_OP_OPEN, FK_OP_CLOSE, FK_OP_DUP, FK_OP_DUP2, FK_OP_PIPE,
    FK_OP_READ, FK_OP_WRITE, FK_OP_LSEEK, FK_OP_CHDIR, FK_OP_MMAP,
    FK_OP_MUNMAP, FK_OP_MPROTECT, FK_OP_SBRK, FK_OP_STORE, FK_OP_LOAD,
    FK_NOPS
};

/* What an argument slot holds; decides how it is parsed, printed, encoded. */
enum fk_arg_kind {
    FK_ARG_INT,     /* any 32-bit integer, printed in decimal */
    FK_ARG_ADDR,    /* any 32-bit integer, printed in hex (addresses, words) */
    FK_ARG_BYTE,    /* 0 .. 255 */
    FK_ARG_PROC,    /* canonical pid 0 .. FK_MAX_PID, or -1 (wait) */
    FK_ARG_PATH,    /* an encoded path, see fk_path_* */
    FK_ARG_OFLAGS,  /* FK_O_* */
    FK_ARG_WHENCE,  /* FK_SEEK_* */
    FK_ARG_PROT,    /* FK_PROT_* */
    FK_ARG_SHARE    /* FK_MAP_* */
};

#define FK_MAX_ARGS 4

struct fk_op_info {
    const char *name;
    uint8_t nargs;
    uint8_t kind[FK_MAX_ARGS];
    const char *argname[FK_MAX_ARGS];
};

extern const struct fk_op_info fk_ops[FK_NOPS];

/* open flags: the access mode in the low two bits, then options */
#define FK_O_RDONLY   0
#define FK_O_WRONLY   1
#define FK_O_RDWR     2
#define FK_O_ACCMODE  3
#define FK_O_CREAT    4
#define FK_O_TRUNC    8
#define FK_O_APPEND   16

enum { FK_SEEK_SET, FK_SEEK_CUR, FK_SEEK_END };
enum { FK_PROT_NONE, FK_PROT_R, FK_PROT_RW };
enum { FK_MAP_PRIVATE, FK_MAP_SHARED };

/* Paths are sequences of at most FK_PATH_MAXCOMP names from a fixed set,
 * absolute or relative, packed into 16 bits: bit 15 absolute, bits 12..14
 * the number of names, three bits per name from bit 0. "/" is the absolute
 * path with no names; a relative path has at least one. */
#define FK_PATH_MAXCOMP  4
#define FK_NNAMES        8
enum { FK_NAME_DOT, FK_NAME_DOTDOT, FK_NAME_D, FK_NAME_F0, FK_NAME_F1,
       FK_NAME_F2, FK_NAME_F3, FK_NAME_F4 };
extern const char *const fk_names[FK_NNAMES];
#define FK_PATH_MAX      0xffff   /* the largest path value: 16 bits */

/*@ logic integer path_absolute(integer p) = (p >> 15) & 1;
    logic integer path_count(integer p) = (p >> 12) & 7;
    logic integer path_name(integer p, integer i) = (p >> (3 * i)) & 7;
*/

/*@ assigns \nothing;
    ensures \result == path_absolute(p);
    ensures 0 <= \result <= 1;
*/
static inline int fk_path_absolute(int32_t p) { return (p >> 15) & 1; }

/*@ requires 0 <= p <= FK_PATH_MAX;
    assigns \nothing;
    ensures \result == path_count(p);
    ensures 0 <= \result <= 7;
*/
static inline int fk_path_count(int32_t p) { return (p >> 12) & 7; }

/*@ requires 0 <= p <= FK_PATH_MAX && 0 <= i <= 4;
    assigns \nothing;
    ensures \result == path_name(p, i);
    ensures 0 <= \result <= 7;
*/
static inline int fk_path_name(int32_t p, int i) { return (p >> (3 * i)) & 7; }
/* The canonical form of any 16-bit value (what the binary decoder yields). */
int32_t fk_path_normalize(uint32_t raw);

struct fk_step {
    uint16_t proc;              /* canonical pid of the process that runs it */
    uint8_t op;                 /* enum fk_op */
    int32_t arg[FK_MAX_ARGS];   /* unused slots are 0 */
};

struct fk_prog {
    uint32_t nsteps;
    struct fk_step step[FK_MAX_STEPS];
};

/* Where and why a text program was rejected. line and col count from 1. */
struct fk_parse_error {
    uint32_t line, col;
    char msg[160];
};

/* Parse a text program. Returns 0, or -1 with *err filled. Strict: every
 * malformed line is an error; nothing is guessed. */
int fk_prog_parse(const char *text, size_t len, struct fk_prog *prog,
                  struct fk_parse_error *err);

/* Print one step or a whole program in the canonical text form. */
void fk_step_print(const struct fk_step *s, struct fk_out *o);
void fk_prog_print(const struct fk_prog *p, struct fk_out *o);

/* 1 when every field is in range and in canonical form. */
int fk_step_valid(const struct fk_step *s);
int fk_prog_valid(const struct fk_prog *p);

#define FK_PROG_VERSION 1

/* Binary form: the version byte, then the steps. Returns the number of
 * bytes the encoding needs; writes at most cap of them. */
size_t fk_prog_encode(const struct fk_prog *p, uint8_t *buf, size_t cap);

/* Total decoder: every byte string yields a valid program. Returns the
 * version byte found (FK_PROG_VERSION for canonical input; other values are
 * decoded as version 1), or -1 for the empty string (the empty program). */
int fk_prog_decode(const uint8_t *buf, size_t len, struct fk_prog *p);

#endif
