/* The program's memory (spec/state.md, "address space"; spec/syscalls.md,
 * "Memory operations"): FK_NFRAME frames with refcounts, memory objects,
 * and per process a sorted list of regions in the window plus the heap.
 * Page tables follow lazily: whenever a process's memory changes its
 * window and heap mappings are dropped, and page faults map pages again
 * from these tables (the zero page for untouched ones, read-only while a
 * frame is shared copy-on-write). */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stdint.h>
#include "spec/limits.h"

struct region {
    uint8_t start, npages;          /* window pages */
    uint8_t prot;                   /* FK_PROT_* */
    int8_t obj;                     /* shared: its object; private: -1 */
    uint8_t objoff;                 /* object page of the first page */
};

struct space {
    uint8_t nregions;
    struct region region[FK_MMAP_PAGES];    /* sorted, disjoint */
    int16_t frame[FK_MMAP_PAGES];           /* private window pages */
    uint8_t heap_pages;
    int16_t heap_frame[FK_HEAP_MAX_PAGES];
};

struct object {
    uint16_t refs;                  /* regions mapping it; 0: free */
    uint8_t npages;
    int16_t frame[FK_MMAP_PAGES];
};

extern uint16_t frame_refs[FK_NFRAME];
extern struct object objects[FK_NOBJ];

void mm_init(void);                 /* boot: the frame pool and zero page */
void mm_reset(void);                /* every frame and object free */
void space_clear(struct space *s);
int mm_free_frames(void);
int mm_free_objects(void);
const uint32_t *frame_words(int f);

/* The system calls; results >= 0 or -errno. pd is the process's page
 * directory, whose window and heap mappings they drop. */
int32_t mm_mmap(struct space *s, uint32_t *pd, uint32_t addr, int32_t npages,
                int32_t prot, int32_t shared);
int32_t mm_munmap(struct space *s, uint32_t *pd, uint32_t addr, int32_t npages);
int32_t mm_mprotect(struct space *s, uint32_t *pd, uint32_t addr, int32_t npages,
                    int32_t prot);
int32_t mm_sbrk(struct space *s, uint32_t *pd, int32_t delta);
/* fork: child gets a copy of parent (frames shared copy-on-write). */
void mm_fork(struct space *child, struct space *parent, uint32_t *parent_pd);
/* exit: everything released. */
void mm_release(struct space *s, uint32_t *pd);

/* A user page fault at addr: 0 when the page is now mapped, else the
 * signal that kills the process (11 bad access, 9 no frame). *new_shared
 * is set when a store gave a shared object's page its first frame: other
 * processes may still map the zero page there (they loaded it before), so
 * every process's mappings must be dropped (mm_flush). */
int mm_fault(struct space *s, uint32_t *pd, uint32_t addr, int write, int *new_shared);
/* Drops every window and heap mapping of pd: faults rebuild them. */
void mm_flush(uint32_t *pd);

/* The page at window page i or heap page j (k = FK_MMAP_PAGES + j): its
 * attributes, and the frame holding it or -1; for the observation. */
uint8_t mm_page_attr(const struct space *s, int k);
int mm_page_frame(const struct space *s, int k, int *obj, int *objpage, int *private_frame);

#endif
