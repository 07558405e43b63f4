/* Node ids of the fixed namespace (spec/state.md). Every node that can ever
 * exist has a fixed id: the two directories, and in each of them one file
 * per file name. Initially / holds d, f0 and f1, and /d holds f2. */
#ifndef FK_NAMESPACE_H
#define FK_NAMESPACE_H

#include "spec/limits.h"
#include "spec/program.h"

enum fk_node {
    FK_NODE_ROOT = 0,   /* /        directory */
    FK_NODE_D = 1,      /* /d       directory */
    FK_NODE_F0 = 2,     /* /f0 .. /f4 are 2 .. 6 */
    FK_NODE_DD = 7,     /* /d/d     a file (the name d is free in /d) */
    FK_NODE_D_F0 = 8    /* /d/f0 .. /d/f4 are 8 .. 12 */
};

#define FK_NODE_F1   (FK_NODE_F0 + 1)
#define FK_NODE_D_F2 (FK_NODE_D_F0 + 2)

/*@ logic integer node_child(integer dir, integer name) =
      (dir == FK_NODE_ROOT ? 0 : 6) + name - 1;
    predicate node_is_dir(integer node) = node == FK_NODE_ROOT || node == FK_NODE_D;
    logic integer node_parent(integer node) =
      node <= FK_NODE_F0 + 4 ? FK_NODE_ROOT : FK_NODE_D;
*/

/* The node named name (FK_NAME_D .. FK_NAME_F4) in directory dir. */
/*@ requires name >= FK_NAME_D && name <= FK_NAME_F4;
    requires dir == FK_NODE_ROOT || dir == FK_NODE_D;
    assigns \nothing;
    ensures \result == node_child(dir, name);
    ensures 0 < \result < FK_NNODE;
*/
static inline int fk_node_child(int dir, int name)
{
    return (dir == FK_NODE_ROOT ? 0 : 6) + name - 1;
}

/*@ assigns \nothing;
    ensures \result != 0 <==> node_is_dir(node);
*/
static inline int fk_node_is_dir(int node)
{
    return node == FK_NODE_ROOT || node == FK_NODE_D;
}

/* The directory holding node (/ for / itself, as ".." does). */
/*@ assigns \nothing;
    ensures \result == node_parent(node);
    ensures \result == FK_NODE_ROOT || \result == FK_NODE_D;
*/
static inline int fk_node_parent(int node)
{
    return node <= FK_NODE_F0 + 4 ? FK_NODE_ROOT : FK_NODE_D;
}

/* "/", "/d", "/f0", ... "/d/f4", by node id. */
extern const char *const fk_node_paths[FK_NNODE];

#endif
