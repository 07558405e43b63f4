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

/* An operation's shape (fk_ops), which the program check reads, and its
 * names (fk_op_names), which the text format and reports print. Apart
 * because the proofs read fk_ops: WP makes each string literal of a table
 * it reads a memory base of its own, and their axioms ran Z3 past its time
 * backstop (proofs/README.md). */
struct fk_op_info {
    uint8_t nargs;
    uint8_t kind[FK_MAX_ARGS];
};

struct fk_op_names {
    const char *name;
    const char *argname[FK_MAX_ARGS];
};

extern const struct fk_op_info fk_ops[FK_NOPS];
extern const struct fk_op_names fk_op_names[FK_NOPS];

/* open flags: the access mode in the low two bits, then options */
#define FK_O_RDONLY   0
#define FK_O_WRONLY   1
#define FK_O_RDWR     2
#define FK_O_ACCMODE  3
#define FK_O_CREAT    4
#define FK_O_TRUNC    8
#define FK_O_APPEND   16

/*@ logic integer access_mode(integer flags) = flags % (FK_O_ACCMODE + 1); */

/* flags & FK_O_ACCMODE, as arithmetic the provers reason about. */
/*@ requires 0 <= flags;
    assigns \nothing;
    ensures \result == access_mode(flags);
*/
static inline int fk_access_mode(int32_t flags) { return flags % (FK_O_ACCMODE + 1); }

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

/*@ // The count and the names as arithmetic (for 0 <= p the same as the
    // shifts and masks; the provers reason about / and %, not about land;
    // the absolute bit's range they do prove).
    logic integer name_span(integer i) =
      i <= 0 ? 1 : i == 1 ? 8 : i == 2 ? 64 : i == 3 ? 512 : 4096;
    logic integer path_absolute(integer p) = (p >> 15) & 1;
    logic integer path_count(integer p) = p / 4096 % 8;
    logic integer path_name(integer p, integer i) = p / name_span(i) % 8;
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
static inline int fk_path_count(int32_t p) { return p / 4096 % 8; }

/* 8 to the power i: name i starts at that place value. */
/*@ requires 0 <= i <= FK_PATH_MAXCOMP;
    assigns \nothing;
    ensures \result == name_span(i);
*/
static inline int32_t fk_name_span(int i)
{
    const int32_t span[FK_PATH_MAXCOMP + 1] = { 1, 8, 64, 512, 4096 };
    return span[i];
}

/*@ requires 0 <= p <= FK_PATH_MAX && 0 <= i <= FK_PATH_MAXCOMP;
    assigns \nothing;
    ensures \result == path_name(p, i);
    ensures 0 <= \result <= 7;
*/
static inline int fk_path_name(int32_t p, int i) { return p / fk_name_span(i) % 8; }
/* The canonical form of any 16-bit value (what the binary decoder yields). */
/*@ assigns \nothing;
    ensures 0 <= \result <= FK_PATH_MAX;
    ensures path_count(\result) <= FK_PATH_MAXCOMP;
*/
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

/*@ // The argument ranges of the program format: what fk_step_valid
    // accepts (proved) and the model's step relies on.
    predicate arg_ok(integer kind, integer v) =
      (kind == FK_ARG_BYTE ==> 0 <= v <= 255)
      && (kind == FK_ARG_PROC ==> -1 <= v <= FK_MAX_PID)
      && (kind == FK_ARG_PATH ==> 0 <= v <= FK_PATH_MAX && path_count(v) <= FK_PATH_MAXCOMP)
      && (kind == FK_ARG_OFLAGS ==> 0 <= v < 32 && access_mode(v) <= FK_O_RDWR)
      && (kind == FK_ARG_WHENCE ==> 0 <= v <= FK_SEEK_END)
      && (kind == FK_ARG_PROT ==> 0 <= v <= FK_PROT_RW)
      && (kind == FK_ARG_SHARE ==> v == FK_MAP_PRIVATE || v == FK_MAP_SHARED);
    // the arguments the model's operations need in range
    predicate step_args_ok(struct fk_step s) =
      0 <= s.op < FK_NOPS
      && (s.op == FK_OP_WAIT ==> arg_ok(FK_ARG_PROC, s.arg[0]))
      && (s.op == FK_OP_OPEN ==> arg_ok(FK_ARG_PATH, s.arg[0]) && arg_ok(FK_ARG_OFLAGS, s.arg[1]))
      && (s.op == FK_OP_CHDIR ==> arg_ok(FK_ARG_PATH, s.arg[0]))
      && (s.op == FK_OP_WRITE ==> arg_ok(FK_ARG_BYTE, s.arg[2]))
      && (s.op == FK_OP_LSEEK ==> arg_ok(FK_ARG_WHENCE, s.arg[2]))
      && (s.op == FK_OP_MMAP ==> arg_ok(FK_ARG_PROT, s.arg[2]) && arg_ok(FK_ARG_SHARE, s.arg[3]))
      && (s.op == FK_OP_MPROTECT ==> arg_ok(FK_ARG_PROT, s.arg[2]));
    predicate prog_args_ok(struct fk_prog p) =
      p.nsteps <= FK_MAX_STEPS
      && \forall integer i; 0 <= i < p.nsteps ==> step_args_ok(p.step[i]);
*/

/* Print one step or a whole program in the canonical text form. */
void fk_step_print(const struct fk_step *s, struct fk_out *o);
void fk_prog_print(const struct fk_prog *p, struct fk_out *o);

/* 1 when every field is in range and in canonical form. */
/*@ requires \valid_read(s);
    assigns \nothing;
    ensures \result != 0 ==> step_args_ok(*s);
*/
int fk_step_valid(const struct fk_step *s);
/*@ requires \valid_read(p);
    assigns \nothing;
    ensures \result != 0 ==> prog_args_ok(*p);
*/
int fk_prog_valid(const struct fk_prog *p);

#define FK_PROG_VERSION 1

/* Binary form: the version byte, then the steps. Returns the number of
 * bytes the encoding needs; writes at most cap of them. */
size_t fk_prog_encode(const struct fk_prog *p, uint8_t *buf, size_t cap);

/* Total decoder: every byte string yields a valid program. Returns the
 * version byte found (FK_PROG_VERSION for canonical input; other values are
 * decoded as version 1), or -1 for the empty string (the empty program). */
/*@ requires \valid(p) && \valid_read(buf + (0 .. len - 1));
    requires \separated(p, buf + (0 .. len - 1));
    assigns *p;
    ensures decoded: prog_args_ok(*p);
    ensures version: len == 0 ? \result == -1 : 0 <= \result <= 255;
*/
int fk_prog_decode(const uint8_t *buf, size_t len, struct fk_prog *p);

#endif
