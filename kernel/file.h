/* Open files, fd tables and pipes (spec/syscalls.md, "File descriptor
 * operations"). fd entries are open-file indices or -1. */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdint.h>
#include "spec/limits.h"

struct file {
    uint16_t refs;                  /* fd entries referencing it; 0: free */
    uint8_t kind;                   /* enum fk_file_kind */
    uint8_t mode, append;
    int node, pipe;                 /* -1 when none */
    int32_t off;
};

struct pipe {
    uint8_t used;
    uint16_t readers, writers, fill, head;
    uint8_t buf[FK_PIPE_CAPACITY];
};

extern struct file files[FK_NFILE];
extern struct pipe pipes[FK_NPIPE];

void file_reset(void);
int file_free_count(void);
int pipe_free_count(void);
void file_dup(int f);               /* one more fd references f */
void file_close(int f);             /* one fd fewer; frees at 0 */

/* The system calls, for fd table fdt of a process whose cwd is *cwd.
 * Results are >= 0 or -errno. Buffers are kernel addresses. */
int32_t file_open(int8_t *fdt, int cwd, int32_t path, int32_t flags);
int32_t file_close_fd(int8_t *fdt, int32_t fd);
int32_t file_dup_fd(int8_t *fdt, int32_t fd);
int32_t file_dup2(int8_t *fdt, int32_t oldfd, int32_t newfd);
int32_t file_pipe(int8_t *fdt, int32_t *read_fd, int32_t *write_fd);
int32_t file_read(int8_t *fdt, int32_t fd, uint8_t *buf, int32_t count);
int32_t file_write(int8_t *fdt, int32_t fd, const uint8_t *buf, int32_t count);
int32_t file_lseek(int8_t *fdt, int32_t fd, int32_t off, int32_t whence);
int32_t file_chdir(int *cwd, int32_t path);

#endif
