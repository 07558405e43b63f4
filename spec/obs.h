/* Observations: what a backend reports after every step
 * (spec/observation.md). Backends fill a struct fk_obs with their own
 * internal numbering; fk_obs_canon renumbers it canonically; the serializer
 * and hash work on canonical observations only. Freestanding C. */
#ifndef FK_OBS_H
#define FK_OBS_H

#include <stddef.h>
#include <stdint.h>
#include "spec/limits.h"

/* ---- L0: the result of one step ---- */

enum fk_result_kind {
    FK_R_OK = 1,     /* val = return value, aux = see spec */
    FK_R_ERR = 2,    /* val = errno (spec/errno.h) */
    FK_R_SKIP = 3,   /* the named process does not exist or is not alive */
    FK_R_KILLED = 4  /* the step killed its process: val = signal */
};

struct fk_result {
    uint8_t kind;
    int32_t val;
    int32_t aux;     /* pipe: write fd; wait: status; read: data checksum */
};

/* Wait statuses, encoded as Linux encodes them. */
/* wait statuses as Linux encodes them: (code & 0xff) << 8 and sig & 0x7f,
 * written with % so that the provers need no bit arithmetic */
/*@ assigns \nothing;
    ensures \result == (code % 256 + 256) % 256 * 256;
*/
static inline int32_t fk_status_exited(int32_t code)
{
    return (code % 256 + 256) % 256 * 256;
}
/*@ assigns \nothing;
    ensures \result == (sig % 128 + 128) % 128;
*/
static inline int32_t fk_status_signaled(int32_t sig)
{
    return (sig % 128 + 128) % 128;
}

/* The same 32 bits read the other way (two's complement): a program's
 * int32_t argument used as an address or a word, a word or checksum
 * returned in an int32_t result. Written with no cast of an out-of-range
 * value, so that the proofs' RTE can flag every other downcast, and stated
 * in logic by value (WP leaves a cast of an out-of-range value
 * unspecified). */
/*@ logic integer u32_of(integer v) = v < 0 ? v + 0x100000000 : v;
    logic integer i32_of(integer u) = u > 0x7fffffff ? u - 0x100000000 : u;
*/
/*@ assigns \nothing;
    ensures \result == u32_of(v);
*/
static inline uint32_t fk_u32_of(int32_t v)
{
    return v < 0 ? (uint32_t)((int64_t)v + 0x100000000) : (uint32_t)v;
}
/*@ assigns \nothing;
    ensures \result == i32_of(u);
*/
static inline int32_t fk_i32_of(uint32_t u)
{
    return u > 0x7fffffff ? (int32_t)((int64_t)u - 0x100000000) : (int32_t)u;
}

#define FK_RESULT_BYTES 9

/* ---- L1 and L2 ---- */

#define FK_NIL   (-1)   /* no reference */
#define FK_BAD   (-2)   /* a reference out of range (a backend bug) */

enum fk_proc_state { FK_P_ALIVE = 1, FK_P_ZOMBIE = 2 };
enum fk_file_kind { FK_F_FILE = 1, FK_F_DIR = 2, FK_F_PIPE_R = 3, FK_F_PIPE_W = 4 };

/* Page attributes: 0 unmapped, else FK_PG_MAPPED | prot | shared bit. */
#define FK_PG_MAPPED   4
#define FK_PG_PROT     3       /* FK_PROT_NONE, _R, _RW */
#define FK_PG_SHARED   8

struct fk_obs_proc {
    int32_t pid;                    /* L1: canonical pid */
    int32_t ppid;                   /* L1: canonical pid of parent, -1 for p0 */
    uint8_t state;                  /* L1: enum fk_proc_state */
    int32_t status;                 /* L1: wait status of a zombie, else 0 */
    uint8_t cwd;                    /* L1: node id */
    uint8_t heap_pages;             /* L1: break - FK_HEAP_BASE, in pages */
    int16_t fd[FK_NOFILE];          /* L1: file index or FK_NIL */
    uint8_t page[FK_NPAGES];        /* L1: attributes (window, then heap) */
    uint32_t sum[FK_NPAGES];        /* L1: content checksum of mapped pages */
    int16_t frame[FK_NPAGES];       /* L2: private page's frame, or FK_NIL */
    int16_t obj[FK_NPAGES];         /* L2: shared page's object, or FK_NIL */
    int16_t objpage[FK_NPAGES];     /* L2: page index in that object */
};

struct fk_obs_file {
    uint8_t kind;                   /* L1: enum fk_file_kind */
    uint8_t mode;                   /* L1: FK_O_RDONLY/WRONLY/RDWR */
    uint8_t append;                 /* L1: 0 or 1 */
    uint8_t node;                   /* L1: node id of file or dir, else 0 */
    int16_t pipe;                   /* L1: pipe index of pipe ends, else FK_NIL */
    int32_t offset;                 /* L1: offset of files and dirs, else 0 */
    uint16_t refs;                  /* L2: fd entries referencing it */
};

struct fk_obs_pipe {
    uint16_t fill;                  /* L1: bytes buffered */
    uint16_t readers, writers;      /* L2: open files on each end */
};

struct fk_obs_node {
    uint8_t exists;                 /* L1 */
    uint16_t size;                  /* L1: file size (0 for directories) */
    uint32_t sum;                   /* L1: content checksum */
    uint16_t refs;                  /* L2: cwd references + open files */
};

struct fk_obs_object {
    uint16_t refs;                  /* L2: regions mapping it */
    int16_t frame[FK_MMAP_PAGES];   /* L2: frame of each page, or FK_NIL */
};

struct fk_obs {
    uint8_t nproc;
    struct fk_obs_proc proc[FK_NPROC];
    uint8_t nfile;
    struct fk_obs_file file[FK_NFILE];
    uint8_t npipe;
    struct fk_obs_pipe pipe[FK_NPIPE];
    struct fk_obs_node node[FK_NNODE];      /* indexed by node id */
    uint8_t nframe;
    uint16_t frame_refs[FK_NFRAME];         /* L2 */
    uint8_t nobj;
    struct fk_obs_object obj[FK_NOBJ];
    uint16_t free_frames, free_procs, free_files, free_objs, free_pipes;   /* L2 */
};

/* Clears o to an observation with nothing in it. */
void fk_obs_clear(struct fk_obs *o);

/* Renumbers raw into canonical order (processes by pid; files, pipes,
 * objects and frames by first appearance) and drops entries no process
 * reaches. Out-of-range references become FK_BAD. raw and out differ. */
void fk_obs_canon(const struct fk_obs *raw, struct fk_obs *out);

enum { FK_L1 = 1, FK_L2 = 2 };

/* Serializes level FK_L1 or FK_L2 of a canonical observation. Returns the
 * size needed; writes at most cap bytes. */
size_t fk_obs_serialize(const struct fk_obs *o, int level, uint8_t *buf,
                        size_t cap);
#define FK_OBS_MAX_BYTES 32768     /* bound on either level's size */

/* Rebuilds an observation from its serialized levels (l2 may be absent:
 * n2 == 0 leaves the L2 fields zero). Returns 0, or -1 on malformed input. */
int fk_obs_deserialize(const uint8_t *l1, size_t n1, const uint8_t *l2,
                       size_t n2, struct fk_obs *o);

/* 64-bit FNV-1a; fk_hash64_more goes on from the hash h of earlier bytes
 * (fk_hash64 starts from FK_HASH64_BASIS). */
#define FK_HASH64_BASIS 0xcbf29ce484222325ull
uint64_t fk_hash64(const void *data, size_t len);
uint64_t fk_hash64_more(uint64_t h, const void *data, size_t len);

/* Hash of one level of a canonical observation; scratch holds
 * FK_OBS_MAX_BYTES. */
uint64_t fk_obs_hash(const struct fk_obs *o, int level, uint8_t *scratch);

void fk_result_put(const struct fk_result *r, uint8_t out[FK_RESULT_BYTES]);
void fk_result_get(const uint8_t in[FK_RESULT_BYTES], struct fk_result *r);

/* Content checksums (spec/observation.md): the wrapping sum over units of
 * term(index, value), where a zero unit adds 0, so checksums of zero-filled
 * pages and files are 0 and a store updates a checksum in O(1). */
/*@ // The term in logic, step for step as spec/sum.c computes it (murmur3's
    // finalizer of the value mixed with the index).
    logic integer fmix32_of(integer h) =
      \let h1 = (uint32_t)(h ^ (h >> 16));
      \let h2 = (uint32_t)(h1 * 0x85ebca6b);
      \let h3 = (uint32_t)(h2 ^ (h2 >> 13));
      \let h4 = (uint32_t)(h3 * 0xc2b2ae35);
      (uint32_t)(h4 ^ (h4 >> 16));
    logic integer sum_term(integer index, integer value) =
      value == 0 ? 0 : fmix32_of((uint32_t)(value ^ (uint32_t)(index * 0x9e3779b9)));
*/

/*@ assigns \nothing;
    ensures value == 0 ==> \result == 0;
    ensures \result == sum_term(index, value);
*/
uint32_t fk_sum_term(uint32_t index, uint32_t value);

/*@ requires \valid_read(w + (0 .. nwords - 1));
    requires nwords <= 0xffffffff;   // each word's index is its uint32_t position
    assigns \nothing;
*/
uint32_t fk_sum_words(const uint32_t *w, size_t nwords);

/*@ // The checksum of the n bytes from b, as fk_sum_bytes computes it.
    logic integer bytes_sum{L}(uint8_t *b, integer n) =
      n <= 0 ? 0 : (uint32_t)(bytes_sum{L}(b, n - 1) + sum_term(n - 1, b[n - 1]));
*/

/*@ requires \valid_read(b + (0 .. n - 1));
    requires n <= 0xffffffff;   // each byte's index is its uint32_t position
    assigns \nothing;
    ensures \result == bytes_sum(b, n);
*/
uint32_t fk_sum_bytes(const uint8_t *b, size_t n);

#endif
