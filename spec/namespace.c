#include "spec/namespace.h"

const char *const fk_names[FK_NNAMES] = {
    ".", "..", "d", "f0", "f1", "f2", "f3", "f4"
};

const char *const fk_node_paths[FK_NNODE] = {
    "/", "/d", "/f0", "/f1", "/f2", "/f3", "/f4",
    "/d/d", "/d/f0", "/d/f1", "/d/f2", "/d/f3", "/d/f4"
};
