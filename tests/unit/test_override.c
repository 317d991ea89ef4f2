/* test_override.c — parley_scenario_override on examples/textbook.yaml:
 * each kind changes exactly what it says (weights renormalised from the
 * weights as written), a rejected override leaves the scenario as it was and
 * records nothing, an accepted one is recorded as given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"

#include <math.h>
#include <string.h>

static parley_scenario *load(void)
{
    parley_error err;
    parley_scenario *sc = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    assert_non_null(sc);
    return sc;
}

static void weight_is_renormalised(void **state)
{
    (void)state;
    parley_scenario *sc = load();
    parley_error err;
    assert_int_equal(parley_scenario_override(sc, "--weight", "A.border=1", &err), PARLEY_OK);
    /* raw (1, .3, .2), sum 1.5 */
    assert_true(sc->prefs[0].raw_weight[0] == 1 && sc->prefs[0].raw_weight[1] == 0.3);
    assert_true(fabs(sc->prefs[0].weight[0] - 1 / 1.5) < 1e-15);
    assert_true(fabs(sc->prefs[0].weight[2] - 0.2 / 1.5) < 1e-15);
    assert_true(sc->prefs[0].weight_sum == 1);
    /* again on the same issue: from the weights as written, not compounded */
    assert_int_equal(parley_scenario_override(sc, "weight", "A.border=0.5", &err), PARLEY_OK);
    assert_true(fabs(sc->prefs[0].weight[0] - 0.5) < 1e-15);
    assert_int_equal(sc->n_overrides, 2);
    assert_string_equal(sc->overrides[1].option, "--weight");
    assert_string_equal(sc->overrides[1].argument, "A.border=0.5");
    parley_scenario_free(sc);
}

static void set_changes_every_plan(void **state)
{
    (void)state;
    parley_scenario *sc = load();
    parley_error err;
    size_t n_fw = sc->plans[2].n_points;
    assert_int_equal(parley_scenario_override(sc, "set", "troops=20000", &err), PARLEY_OK);
    for (size_t k = 0; k < sc->n_plans; k++)
        assert_int_equal(sc->plans[k].sets[2], 2);
    /* draft1's point 3 now sets 20000; framework gained "(set troops)" */
    assert_int_equal(sc->plans[0].points[2].set_option[0], 2);
    assert_int_equal(sc->plans[2].n_points, n_fw + 1);
    assert_string_equal(sc->plans[2].points[n_fw].id, "(set troops)");
    bool exact;
    /* draft1 with troops 20000: A = .5*.4 + .3*0 + .2*1 = .4 (no rule: troops >= 10000) */
    assert_true(fabs(parley_utility_expected(sc, 0, sc->plans[0].sets, &exact) - 0.4) < 1e-12);
    parley_scenario_free(sc);
}

static void rejected_leaves_scenario_unchanged(void **state)
{
    (void)state;
    parley_scenario *sc = load();
    parley_error err;
    static const char *const bad[][2] = {
        {"weight", "A.border=-1"},  {"weight", "A.nope=1"},  {"weight", "Q.border=1"},
        {"weight", "A.border=nan"}, {"set", "troops=5000"},  {"set", "border"},
        {"walk-away", "A=1.01"},    {"walk-away", "A=-0.1"}, {"power", "B=-1"},
        {"power", "B=1e400"},       {"discount", "A=0.5"},   {"walk-away", "=0.5"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        assert_int_equal(parley_scenario_override(sc, bad[k][0], bad[k][1], &err),
                         PARLEY_ERR_INPUT);
        assert_true(strstr(err.field, bad[k][1]) || strstr(err.field, bad[k][0]));
    }
    assert_int_equal(sc->n_overrides, 0);
    assert_true(sc->prefs[0].weight[0] == 0.5 && sc->parties[0].walk_away == 0.4);
    assert_true(sc->parties[1].power == 40 && sc->plans[2].sets[2] == -1);
    parley_scenario_free(sc);
}

static void walk_away_and_power(void **state)
{
    (void)state;
    parley_scenario *sc = load();
    parley_error err;
    assert_int_equal(parley_scenario_override(sc, "--walk-away", "B=0.7", &err), PARLEY_OK);
    assert_int_equal(parley_scenario_override(sc, "--power", "A=0", &err), PARLEY_OK);
    assert_true(sc->parties[1].walk_away == 0.7 && sc->parties[0].power == 0);
    parley_score s;
    assert_int_equal(parley_plan_score(sc, 1, &s, &err), PARLEY_OK);
    assert_false(s.party[1].above); /* .65 < .7 */
    parley_score_free(&s);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weight_is_renormalised),
        cmocka_unit_test(set_changes_every_plan),
        cmocka_unit_test(rejected_leaves_scenario_unchanged),
        cmocka_unit_test(walk_away_and_power),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
