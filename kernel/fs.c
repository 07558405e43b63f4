#include "kernel/fs.h"
#include <string.h>
#include "kernel/trap.h"
#include "spec/namespace.h"

struct node nodes[FK_NNODE];

/* / holds d, f0 (bytes 0 .. 63) and f1 (empty); /d holds f2 (16 x 'A'). */
void fs_reset(void)
{
    memset(nodes, 0, sizeof nodes);
    nodes[FK_NODE_ROOT].exists = nodes[FK_NODE_D].exists = 1;
    nodes[FK_NODE_F0].exists = nodes[FK_NODE_F1].exists = 1;
    nodes[FK_NODE_D_F2].exists = 1;
    nodes[FK_NODE_F0].size = 64;
    for (int i = 0; i < 64; i++)
        nodes[FK_NODE_F0].data[i] = (uint8_t)i;
    nodes[FK_NODE_D_F2].size = 16;
    memset(nodes[FK_NODE_D_F2].data, 0x41, 16);
}

void node_get(int n)
{
    nodes[n].refs++;
}

void node_put(int n)
{
    if (!nodes[n].refs)
        panic("node refcount below zero");
    nodes[n].refs--;
}
