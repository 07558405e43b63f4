#include "kernel/mm.h"
#include <string.h>
#include "kernel/kalloc.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "spec/errno.h"
#include "spec/obs.h"
#include "spec/precheck.h"
#include "spec/program.h"

uint16_t frame_refs[FK_NFRAME];
struct object objects[FK_NOBJ];
static uint8_t *frame_page[FK_NFRAME];
static uint8_t *zero_page;

void mm_init(void)
{
    for (int f = 0; f < FK_NFRAME; f++)
        if (!(frame_page[f] = kalloc()))
            panic("no kernel pages for the frame pool");
    if (!(zero_page = kalloc()))
        panic("no kernel page for the zero page");
}

void mm_reset(void)
{
    memset(frame_refs, 0, sizeof frame_refs);
    memset(objects, 0, sizeof objects);
}

void space_clear(struct space *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < FK_MMAP_PAGES; i++)
        s->frame[i] = -1;
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
        s->heap_frame[j] = -1;
}

int mm_free_frames(void)
{
    int n = 0;
    for (int f = 0; f < FK_NFRAME; f++)
        n += frame_refs[f] == 0;
    return n;
}

int mm_free_objects(void)
{
    int n = 0;
    for (int o = 0; o < FK_NOBJ; o++)
        n += objects[o].refs == 0;
    return n;
}

const uint32_t *frame_words(int f)
{
    return (const uint32_t *)frame_page[f];
}

static int frame_alloc(void)
{
    for (int f = 0; f < FK_NFRAME; f++)
        if (!frame_refs[f]) {
            frame_refs[f] = 1;
            memset(frame_page[f], 0, PAGE_SIZE);
            return f;
        }
    return -1;
}

static void frame_put(int f)
{
    if (f < 0)
        return;
    if (!frame_refs[f])
        panic("frame refcount below zero");
    frame_refs[f]--;
}

static void obj_put(int o)
{
    if (!objects[o].refs)
        panic("object refcount below zero");
    if (--objects[o].refs)
        return;
    for (int k = 0; k < FK_MMAP_PAGES; k++)
        frame_put(objects[o].frame[k]);
    memset(&objects[o], 0, sizeof objects[o]);
}

/* Drops every window and heap mapping of pd: faults rebuild them. */
static void flush(uint32_t *pd)
{
    vm_unmap_user(pd, FK_MMAP_BASE, FK_MMAP_END);
    vm_unmap_user(pd, FK_HEAP_BASE, FK_HEAP_END);
}

void mm_flush(uint32_t *pd)
{
    flush(pd);
}

static int region_end(const struct region *r)
{
    return r->start + r->npages;
}

/* Inserts r at index at, keeping the list sorted. */
static void region_insert(struct space *s, int at, struct region r)
{
    memmove(&s->region[at + 1], &s->region[at], (s->nregions - at) * sizeof r);
    s->region[at] = r;
    s->nregions++;
}

static void region_remove(struct space *s, int at)
{
    s->nregions--;
    memmove(&s->region[at], &s->region[at + 1], (s->nregions - at) * sizeof s->region[0]);
}

/* Splits the region containing page i (not at its start) in two. */
static void split_at(struct space *s, int i)
{
    for (int at = 0; at < s->nregions; at++) {
        struct region *r = &s->region[at];
        if (r->start < i && i < region_end(r)) {
            struct region tail = *r;
            tail.start = (uint8_t)i;
            tail.npages = (uint8_t)(region_end(r) - i);
            tail.objoff = (uint8_t)(r->objoff + (i - r->start));
            r->npages = (uint8_t)(i - r->start);
            if (r->obj >= 0)
                objects[r->obj].refs++;
            region_insert(s, at + 1, tail);
            return;
        }
    }
}

/* Window pages [a, b) unmapped: regions cut, frames and objects released. */
static void unmap_range(struct space *s, int a, int b)
{
    split_at(s, a);
    split_at(s, b);
    for (int at = 0; at < s->nregions;) {
        struct region *r = &s->region[at];
        if (r->start >= a && region_end(r) <= b) {
            if (r->obj >= 0)
                obj_put(r->obj);
            region_remove(s, at);
        } else {
            at++;
        }
    }
    for (int i = a; i < b; i++) {
        frame_put(s->frame[i]);
        s->frame[i] = -1;
    }
}

static int window_page(uint32_t addr)
{
    return (int)((addr - FK_MMAP_BASE) / FK_PAGE_SIZE);
}

static const struct region *region_of(const struct space *s, int i)
{
    for (int at = 0; at < s->nregions; at++)
        if (s->region[at].start <= i && i < region_end(&s->region[at]))
            return &s->region[at];
    return 0;
}

int32_t mm_mmap(struct space *s, uint32_t *pd, uint32_t addr, int32_t npages,
                int32_t prot, int32_t shared)
{
    int a = window_page(addr), o = -1, at = 0;
    if (shared) {
        for (o = 0; o < FK_NOBJ && objects[o].refs; o++)
            ;
        if (o == FK_NOBJ)
            return -FK_ENOMEM;
    }
    unmap_range(s, a, a + npages);
    if (o >= 0) {
        objects[o].refs = 1;
        objects[o].npages = (uint8_t)npages;
        for (int k = 0; k < FK_MMAP_PAGES; k++)
            objects[o].frame[k] = -1;
    }
    while (at < s->nregions && s->region[at].start < a)
        at++;
    region_insert(s, at, (struct region){ (uint8_t)a, (uint8_t)npages, (uint8_t)prot,
                                          (int8_t)o, 0 });
    flush(pd);
    return (int32_t)addr;
}

int32_t mm_munmap(struct space *s, uint32_t *pd, uint32_t addr, int32_t npages)
{
    int a = window_page(addr);
    unmap_range(s, a, a + npages);
    flush(pd);
    return 0;
}

int32_t mm_mprotect(struct space *s, uint32_t *pd, uint32_t addr, int32_t npages,
                    int32_t prot)
{
    int a = window_page(addr), b = a + npages;
    const struct region *r;
    for (int i = a; i < b; i++)
        if (!region_of(s, i))
            return -FK_ENOMEM;
    if ((r = region_of(s, a)) && r->prot != prot)
        split_at(s, a);
    if (b < FK_MMAP_PAGES && (r = region_of(s, b)) && r->prot != prot)
        split_at(s, b);
    for (int at = 0; at < s->nregions; at++)
        if (s->region[at].start >= a && s->region[at].start < b)
            s->region[at].prot = (uint8_t)prot;
    flush(pd);
    return 0;
}

int32_t mm_sbrk(struct space *s, uint32_t *pd, int32_t delta)
{
    int32_t old = s->heap_pages;
    int64_t pages = (int64_t)old + delta;
    if (pages < 0 || pages > FK_HEAP_MAX_PAGES)
        return -FK_ENOMEM;
    for (int j = (int)pages; j < old; j++) {
        frame_put(s->heap_frame[j]);
        s->heap_frame[j] = -1;
    }
    s->heap_pages = (uint8_t)pages;
    flush(pd);
    return (int32_t)(FK_HEAP_BASE + (uint32_t)old * FK_PAGE_SIZE);
}

void mm_fork(struct space *child, struct space *parent, uint32_t *parent_pd)
{
    *child = *parent;
    for (int at = 0; at < child->nregions; at++)
        if (child->region[at].obj >= 0)
            objects[child->region[at].obj].refs++;
    for (int i = 0; i < FK_MMAP_PAGES; i++)
        if (child->frame[i] >= 0)
            frame_refs[child->frame[i]]++;
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++)
        if (child->heap_frame[j] >= 0)
            frame_refs[child->heap_frame[j]]++;
    flush(parent_pd);           /* its writable mappings are copy-on-write now */
}

void mm_release(struct space *s, uint32_t *pd)
{
    unmap_range(s, 0, FK_MMAP_PAGES);
    mm_sbrk(s, pd, -(int32_t)s->heap_pages);
    flush(pd);
}

/* Where the page's frame reference lives: a private page's or heap page's
 * entry, or the object's slot; with its prot. 0 if unmapped. */
static int16_t *frame_slot(struct space *s, uint32_t addr, int *prot)
{
    if (fk_in_heap_area(addr)) {
        int j = (int)((addr - FK_HEAP_BASE) / FK_PAGE_SIZE);
        *prot = FK_PROT_RW;
        return j < s->heap_pages ? &s->heap_frame[j] : 0;
    }
    if (!fk_in_window(addr))
        return 0;
    int i = window_page(addr);
    const struct region *r = region_of(s, i);
    if (!r)
        return 0;
    *prot = r->prot;
    return r->obj >= 0 ? &objects[r->obj].frame[r->objoff + (i - r->start)] : &s->frame[i];
}

int mm_fault(struct space *s, uint32_t *pd, uint32_t addr, int write, int *new_shared)
{
    int prot = 0, shared = fk_in_window(addr) && region_of(s, window_page(addr))
                           && region_of(s, window_page(addr))->obj >= 0;
    int16_t *slot = frame_slot(s, addr, &prot);
    uint32_t page = addr & ~(PAGE_SIZE - 1);
    if (!slot || prot == FK_PROT_NONE || (write && prot != FK_PROT_RW))
        return 11;
    if (!write) {               /* read-only until a store needs it */
        uint8_t *pa = *slot < 0 ? zero_page : frame_page[*slot];
        return vm_map(pd, page, (uint32_t)pa, PTE_U) ? 9 : 0;
    }
    if (*slot < 0 || (!shared && frame_refs[*slot] > 1)) {
        int f = frame_alloc();
        if (f < 0)
            return 9;
        if (*slot >= 0) {       /* copy-on-write */
            memcpy(frame_page[f], frame_page[*slot], PAGE_SIZE);
            frame_put(*slot);
        }
        *new_shared = shared;
        *slot = (int16_t)f;
        flush(pd);              /* an older read-only mapping may remain */
    }
    return vm_map(pd, page, (uint32_t)frame_page[*slot], PTE_U | PTE_W) ? 9 : 0;
}

uint8_t mm_page_attr(const struct space *s, int k)
{
    if (k >= FK_MMAP_PAGES)
        return k - FK_MMAP_PAGES < s->heap_pages ? FK_PG_MAPPED | FK_PROT_RW : 0;
    const struct region *r = region_of(s, k);
    if (!r)
        return 0;
    return (uint8_t)(FK_PG_MAPPED | r->prot | (r->obj >= 0 ? FK_PG_SHARED : 0));
}

int mm_page_frame(const struct space *s, int k, int *obj, int *objpage, int *private_frame)
{
    *obj = *objpage = *private_frame = -1;
    if (k >= FK_MMAP_PAGES) {
        *private_frame = s->heap_frame[k - FK_MMAP_PAGES];
        return *private_frame;
    }
    const struct region *r = region_of(s, k);
    if (r && r->obj >= 0) {
        *obj = r->obj;
        *objpage = r->objoff + (k - r->start);
        return objects[r->obj].frame[*objpage];
    }
    *private_frame = s->frame[k];
    return *private_frame;
}
