/*
 * space/from_scenario.h — a scenario compiled into an outcome space for some
 * of its parties (from_scenario.c; parley_space_from_scenario is all of them).
 */
#ifndef PARLEY_SPACE_FROM_SCENARIO_H
#define PARLEY_SPACE_FROM_SCENARIO_H

#include "parley.h"
#include "parley/space.h"

#include <stddef.h>

/* As parley_space_from_scenario, with party k of the space being scenario
 * party who[k] (k < n_who; who NULL: party k). Caller owns the space. */
parley_space *parleyp_ps_space_from_scenario_parties(const parley_scenario *sc, const size_t *who,
                                                     size_t n_who, parley_error *err);

#endif
