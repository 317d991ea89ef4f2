/* test_forecast_units.c — forecasts in the issue's own terms, on
 * examples/textbook.yaml with the compromise model (the capability x
 * salience weighted mean of the ideal positions, checkable by hand):
 * border (options at 0, 60, 100; A's ideal 0, salience 50, power 60; B's
 * 100, 60, 40) lands at 240000 / 5400 = 44.44, nearest option current-line;
 * troops (a range 0..20000; A's ideal 100, salience 20; B's 0, 10) at
 * 120000 / 1600 = 75, i.e. 15000. A KTAB-style scenario without a scale
 * gives NAN and NULLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"

#include <math.h>
#include <string.h>

static void compromise_in_the_issues_terms(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *ps = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    assert_non_null(ps);
    parley_fc_scenario *sc = parley_fc_from_scenario(ps, &err);
    assert_non_null(sc);
    assert_int_equal(sc->n_dims, 2);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.model = PARLEY_FC_COMPROMISE;
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    assert_true(fabs(r->expected[0] - 240000.0 / 5400.0) < 1e-9);
    assert_true(isnan(r->value[0]));
    assert_string_equal(r->nearest_option[0], "current-line");
    assert_null(r->unit[0]);
    assert_true(fabs(r->expected[1] - 75) < 1e-9);
    assert_true(fabs(r->value[1] - 15000) < 1e-6);
    assert_null(r->nearest_option[1]);
    /* the helpers, at the ends and between options */
    assert_true(parley_fc_value(sc, 1, 0) == 0 && parley_fc_value(sc, 1, 100) == 20000);
    assert_string_equal(parley_fc_nearest_option(sc, 0, 29.9), "line-1991");
    assert_string_equal(parley_fc_nearest_option(sc, 0, 80.1), "full-claim");
    /* a copy (Monte Carlo runs) keeps the scale */
    parley_fc_scenario *c = parley_fc_scenario_copy(sc);
    assert_non_null(c);
    assert_string_equal(parley_fc_nearest_option(c, 0, 61), "current-line");
    assert_true(parley_fc_value(c, 1, 50) == 10000);
    parley_fc_scenario_free(c);
    parley_fc_result_free(r);
    /* without a scale (KTAB data): nothing in the issue's terms */
    parley_fc_scenario *bare = parley_fc_scenario_new(2, 1);
    assert_non_null(bare);
    assert_true(isnan(parley_fc_value(bare, 0, 50)));
    assert_null(parley_fc_nearest_option(bare, 0, 50));
    parley_fc_scenario_free(bare);
    parley_fc_scenario_free(sc);
    parley_scenario_free(ps);
}

static void unit_is_read(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *ps =
        parley_scenario_load(PARLEY_SOURCE_DIR "/examples/ukraine-2025.yaml", &err);
    assert_non_null(ps);
    long k = parley_issue_find(ps, "army_cap");
    assert_true(k >= 0);
    assert_string_equal(ps->issues[k].unit, "troops");
    parley_fc_scenario *sc = parley_fc_from_scenario(ps, &err);
    assert_non_null(sc);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.model = PARLEY_FC_MEDIAN;
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    for (size_t d = 0; d < r->n_dims; d++)
        if (strcmp(sc->dim[d], "army_cap") == 0) {
            assert_string_equal(r->unit[d], "troops");
            assert_true(fabs(r->value[d] - (500000 + r->expected[d] / 100 * 400000)) < 1e-6);
        }
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
    parley_scenario_free(ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compromise_in_the_issues_terms),
        cmocka_unit_test(unit_is_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
