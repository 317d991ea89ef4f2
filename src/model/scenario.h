/*
 * model/scenario.h — what the library's own modules add to the public
 * scenario model (parley/scenario.h, which states its invariants): the
 * warning list builder used by the readers.
 */
#ifndef PARLEY_MODEL_SCENARIO_H
#define PARLEY_MODEL_SCENARIO_H

#include "parley.h"

/* Appends a formatted warning (copied). Returns PARLEY_OK or an error. */
parley_status parleyp_pm_scenario_warn(parley_scenario *sc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
