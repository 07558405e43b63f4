/* The in-memory file system: the fixed namespace of spec/state.md, every
 * node by its id (spec/namespace.h), reset before every program. */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <stdint.h>
#include "spec/limits.h"

struct node {
    uint8_t exists;
    uint16_t size;
    uint16_t refs;                  /* cwds + open files */
    uint8_t data[FK_MAX_FILE_SIZE];
};

extern struct node nodes[FK_NNODE];

void fs_reset(void);
void node_get(int n);
void node_put(int n);

#endif
