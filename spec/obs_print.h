/* Readable text for results and observations: what `forkspec run` prints
 * and what divergence reports are made of. One entity per line, so two
 * observations can be compared line by line. Freestanding C. */
#ifndef FK_OBS_PRINT_H
#define FK_OBS_PRINT_H

#include "spec/obs.h"
#include "spec/out.h"
#include "spec/program.h"

/* "0", "p2", "EBADF", "SKIP", "KILLED 11", "p1 exited(3)", "3 4", ... */
void fk_result_print(const struct fk_step *s, const struct fk_result *r,
                     struct fk_out *o);

/* A canonical observation; level FK_L1 or FK_L2 (L2 adds L1's lines plus
 * the internal fields). Each line starts with indent. */
void fk_obs_print(const struct fk_obs *obs, int level, const char *indent,
                  struct fk_out *o);

/* The entities fk_obs_print prints, in its order; their names (as in the
 * divergence signature): "p", "pages", "file", "pipe", "node", "frame",
 * "object", "free". */
enum fk_entity {
    FK_E_PROC,      /* a process's line (index: position in obs->proc) */
    FK_E_PAGES,     /* that process's page runs */
    FK_E_FILE, FK_E_PIPE,
    FK_E_NODE,      /* index: node id */
    FK_E_FRAME, FK_E_OBJECT,    /* L2 */
    FK_E_FREE,      /* L2: the free counts (index 0) */
    FK_NENTITY
};
extern const char *const fk_entity_names[FK_NENTITY];

/* The lines of one entity of obs, exactly as fk_obs_print prints them
 * (nothing for an index out of range or a node not shown). */
void fk_obs_print_entity(const struct fk_obs *obs, int entity, int index, int level,
                         const char *indent, struct fk_out *o);

#endif
