#include "spec/errno.h"

const char *fk_errno_name(int err)
{
    switch (err) {
    case FK_EPERM: return "EPERM";
    case FK_ENOENT: return "ENOENT";
    case FK_EBADF: return "EBADF";
    case FK_ECHILD: return "ECHILD";
    case FK_EAGAIN: return "EAGAIN";
    case FK_ENOMEM: return "ENOMEM";
    case FK_ENOTDIR: return "ENOTDIR";
    case FK_EISDIR: return "EISDIR";
    case FK_EINVAL: return "EINVAL";
    case FK_ENFILE: return "ENFILE";
    case FK_EMFILE: return "EMFILE";
    case FK_EFBIG: return "EFBIG";
    case FK_ESPIPE: return "ESPIPE";
    case FK_EPIPE: return "EPIPE";
    case FK_EOVERFLOW: return "EOVERFLOW";
    default: return 0;
    }
}
