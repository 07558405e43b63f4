/* Error numbers of results (L0). The values are Linux's (asm-generic), so
 * the Linux backend compares them as they are. */
#ifndef FK_ERRNO_H
#define FK_ERRNO_H

#define FK_EPERM    1
#define FK_ENOENT   2
#define FK_EBADF    9
#define FK_ECHILD   10
#define FK_EAGAIN   11
#define FK_ENOMEM   12
#define FK_ENOTDIR  20
#define FK_EISDIR   21
#define FK_EINVAL   22
#define FK_ENFILE   23
#define FK_EMFILE   24
#define FK_EFBIG    27
#define FK_ESPIPE   29
#define FK_EPIPE    32
#define FK_EOVERFLOW 75

/* Name of an error number ("EBADF"), or 0 when it is none of the above. */
const char *fk_errno_name(int err);

#endif
