/*
 * model/utility.h — a party's utility for a complete or partial outcome, read
 * straight from the scenario model. This is the reference evaluator: simple
 * and exact. Engines that evaluate millions of outcomes compile the scenario
 * into the faster representation of src/space/ instead.
 *
 * U(o) = clamp(sum_i w_i * v_i(o_i) + sum of deltas of rules that hold, 0, 1).
 */
#ifndef PARLEY_MODEL_UTILITY_H
#define PARLEY_MODEL_UTILITY_H

#include "model/scenario.h"

/* Most joint combinations of open issues enumerated for an exact expectation. */
#define PM_EXPECT_MAX_COMBOS 1000000u

/* Whether rule r holds for the outcome (options per issue). */
bool parley_rule_holds(const parley_rule *r, const size_t *outcome);

/* Utility of a complete outcome (one option index per issue). */
double parley_utility(const parley_scenario *sc, size_t party, const size_t *outcome);

/* Utility of a partial outcome: sets[i] is an option or -1 (open). Open issues
 * are scored at their expected value with every option equally likely. The
 * result is exact when *exact is set true; otherwise (rules over more than
 * PM_EXPECT_MAX_COMBOS open combinations) it is the clamp of the expectation. */
double parley_utility_expected(const parley_scenario *sc, size_t party, const long *sets, bool *exact);

/* The least and greatest utility over every outcome, exactly. Fails with
 * PARLEY_ERR_LIMIT when the issues that rules touch have more than 10^7
 * joint combinations. */
parley_status parley_utility_range(const parley_scenario *sc, size_t party, double *min, double *max,
                               parley_error *err);

#endif
