/* The structural difference of two canonical observations: which entities
 * (spec/obs_print.h: a process's line or its pages, a file, pipe, node,
 * frame, object, the free counts) differ, matched by key (processes by
 * pid, nodes by id, the rest by canonical index), comparing exactly the
 * fields the level's serialization holds. The report, its JSON and the
 * divergence signature are all made from it. Host C. */
#ifndef DIFF_OBSDIFF_H
#define DIFF_OBSDIFF_H

#include "spec/obs.h"
#include "spec/obs_print.h"

struct fk_obs_change {
    int entity;             /* enum fk_entity */
    int model, other;       /* its index on each side, -1 where it is absent */
};

/* Up to cap changes between model and other at level (FK_L1 or FK_L2), in
 * fk_obs_print's order; returns how many there are (may exceed cap). */
int fk_obs_diff(const struct fk_obs *model, const struct fk_obs *other, int level,
                struct fk_obs_change *out, int cap);

#endif
