/* forkspec limits: the bounds of the abstract state (spec/state.md).
 * These values are part of the contract: model, kernel, executor, diff and
 * fuzz all include this header and nothing else defines them. */
#ifndef FK_LIMITS_H
#define FK_LIMITS_H

#define FK_NPROC            16          /* process slots, live and zombie */
#define FK_NOFILE           16          /* fds per process */
#define FK_NFILE            64          /* open files system-wide */
#define FK_NFRAME           128         /* user data frames */
#define FK_NOBJ             32          /* shared memory objects */
#define FK_NPIPE            FK_NFILE    /* a pipe in use holds an open file */

#define FK_PAGE_SIZE        4096
#define FK_PAGE_WORDS       (FK_PAGE_SIZE / 4)
#define FK_MMAP_BASE        0x40000000u /* mmap window */
#define FK_MMAP_PAGES       64
#define FK_HEAP_BASE        0x50000000u /* initial break */
#define FK_HEAP_MAX_PAGES   32
#define FK_NPAGES           (FK_MMAP_PAGES + FK_HEAP_MAX_PAGES) /* observed pages */

#define FK_MAX_FILE_SIZE    4096
#define FK_MAX_IO           4096        /* COUNT of one read or write */
#define FK_PIPE_CAPACITY    4096

/* The fixed namespace (spec/state.md, node ids in spec/namespace.h). */
#define FK_NNODE            13
#define FK_F0_SIZE          64          /* byte i has value i */
#define FK_F2_SIZE          16          /* bytes 0x41 */

#define FK_MAX_STEPS        512         /* steps in one program */
#define FK_MAX_PID          FK_MAX_STEPS /* canonical pids are 0 .. FK_MAX_PID */

#endif
