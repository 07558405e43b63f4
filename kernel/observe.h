/* The observation (spec/observation.md) projected from the kernel's own
 * structures: process table, nodes; never from a copy of the model. */
#ifndef KERNEL_OBSERVE_H
#define KERNEL_OBSERVE_H

#include "spec/obs.h"

void kernel_observe(struct fk_obs *raw);

#endif
