/*
 * model/utility.h — the reference utility evaluator's internal limit
 * (model/utility.c implements the parley_utility_* functions of
 * parley/scenario.h).
 */
#ifndef PARLEY_MODEL_UTILITY_H
#define PARLEY_MODEL_UTILITY_H

#include "model/scenario.h"

/* Most joint combinations of open issues enumerated for an exact expectation. */
#define PM_EXPECT_MAX_COMBOS 1000000u

/* parley_rule_holds, parley_utility, parley_utility_expected and
 * parley_utility_range are declared in parley/scenario.h. */

#endif
