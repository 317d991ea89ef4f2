/*
 * test_library_steps.c — what the commands now take from the library, so a
 * library user gets the same answer: forecast's parameter merge and
 * Monte Carlo ranges (parley_fc_options_merge, parley_fc_scenario_set_ranges)
 * and the distance to a solution (parley_frontier_distance_to).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"

#include <math.h>
#include <string.h>

static void distance_to_solutions(void **state)
{
    (void)state;
    double u[6] = {1.0, 0.0, 0.6, 0.6, 0.0, 1.0};
    uint32_t o[3] = {0, 1, 2};
    parley_frontier fr = {2, 1, 3, u, o};
    const double at[2] = {0.5, 0.5};
    const size_t all[3] = {0, 1, 2}, ends[2] = {0, 2};
    assert_true(fabs(parley_frontier_distance_to(&fr, all, 3, at) - sqrt(0.02)) < 1e-15);
    assert_true(fabs(parley_frontier_distance_to(&fr, ends, 2, at) - sqrt(0.5)) < 1e-15);
    assert_true(isnan(parley_frontier_distance_to(&fr, all, 0, at)));
}

static void monte_carlo_ranges(void **state)
{
    (void)state;
    parley_fc_scenario *sc = parley_fc_scenario_new(1, 1);
    assert_non_null(sc);
    parley_fc_scenario_set_ranges(sc, NULL, NAN, NAN, NAN);
    assert_true(sc->vary_position == 5.0 && sc->vary_salience == 0.1 && sc->vary_capability == 0.1);
    struct parley_scenario from;
    memset(&from, 0, sizeof from);
    from.unc_position = 2;
    from.unc_salience = NAN;
    from.unc_power = 0.3;
    parley_fc_scenario_set_ranges(sc, &from, NAN, NAN, NAN);
    assert_true(sc->vary_position == 2.0 && sc->vary_salience == 0.1 && sc->vary_capability == 0.3);
    parley_fc_scenario_set_ranges(sc, &from, 7, 0.2, NAN);
    assert_true(sc->vary_position == 7.0 && sc->vary_salience == 0.2 && sc->vary_capability == 0.3);
    parley_fc_scenario_free(sc);
}

static void file_parameters_merged(void **state)
{
    (void)state;
    parley_fc_scenario *sc = parley_fc_scenario_new(1, 1);
    assert_non_null(sc);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.smp.max_turns = 7;
    parley_error err;
    /* no parameters, no seed in the file: nothing changes */
    parley_fc_options before = o;
    assert_int_equal(parley_fc_options_merge(&o, sc, NULL, 0, false, &err), PARLEY_OK);
    assert_memory_equal(&o, &before, sizeof o);
    sc->has_params = true;
    parley_smp_params_default(&sc->params);
    assert_int_equal(parley_smp_param_set(&sc->params, "VotingRule", "Binary", &err), PARLEY_OK);
    sc->params.max_turns = 99;
    sc->has_seed = true;
    sc->seed = 42;
    const char *bad[1] = {"VictoryProbModel"};
    assert_int_equal(parley_fc_options_merge(&o, sc, bad, 1, false, &err), PARLEY_ERR_INPUT);
    assert_memory_equal(&o, &before, sizeof o);
    const char *params[1] = {"VictoryProbModel=Quartic"};
    assert_int_equal(parley_fc_options_merge(&o, sc, params, 1, false, &err), PARLEY_OK);
    assert_int_equal(o.smp.max_turns, 7); /* kept from the caller */
    assert_int_equal(o.smp.voting_rule, sc->params.voting_rule);
    assert_true(o.smp.victory_prob_model != sc->params.victory_prob_model);
    assert_true(o.seed == 42);
    parley_fc_options o2 = before;
    assert_int_equal(parley_fc_options_merge(&o2, sc, NULL, 0, true, &err), PARLEY_OK);
    assert_true(o2.seed == before.seed); /* --seed given wins */
    parley_fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distance_to_solutions),
        cmocka_unit_test(monte_carlo_ranges),
        cmocka_unit_test(file_parameters_merged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
