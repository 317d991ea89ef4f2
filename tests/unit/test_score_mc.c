/* test_score_mc.c — parley score --runs in the library: runs computed in
 * pieces ([0, 300) and [300, 1000), in any order, any thread count) and
 * merged give exactly the runs of one call; with zero ranges every run is the
 * point score; bad options are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static parley_scenario *load(const char *name)
{
    parley_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/examples/%s", PARLEY_SOURCE_DIR, name);
    parley_scenario *sc = parley_scenario_load(path, &err);
    assert_non_null(sc);
    return sc;
}

static void pieces_merge_to_the_whole(void **state)
{
    (void)state;
    parley_scenario *sc = load("ukraine-2025.yaml");
    size_t plan = (size_t)parley_plan_find(sc, "framework20"), np = sc->n_parties;
    parley_score_mc_options o;
    parley_score_mc_options_init(&o);
    o.runs = 1000;
    o.seed = 42;
    o.threads = 2;
    parley_score_mc whole;
    parley_error err;
    assert_int_equal(parley_score_monte_carlo(sc, plan, &o, &whole, &err), PARLEY_OK);
    double *u = malloc(o.runs * np * sizeof *u), *b = malloc(o.runs * np * sizeof *b);
    /* the later piece first, on one thread; the earlier on three */
    o.threads = 1;
    assert_int_equal(parley_score_mc_runs(sc, plan, &o, 300, 700, u + 300 * np, b + 300 * np, &err),
                     PARLEY_OK);
    o.threads = 3;
    assert_int_equal(parley_score_mc_runs(sc, plan, &o, 0, 300, u, b, &err), PARLEY_OK);
    assert_memory_equal(u, whole.utility, o.runs * np * sizeof *u);
    for (size_t k = 0; k < o.runs * np; k++)
        assert_true(b[k] == whole.on_board[k] || (isnan(b[k]) && isnan(whole.on_board[k])));
    parley_score_mc merged;
    assert_int_equal(parley_score_mc_summarise(sc, plan, &o, u, b, &merged, &err), PARLEY_OK);
    for (size_t j = 0; j < np; j++) {
        assert_true(merged.party[j].p_above == whole.party[j].p_above);
        assert_memory_equal(merged.party[j].on_board, whole.party[j].on_board, 3 * sizeof(double));
        assert_memory_equal(merged.party[j].utility, whole.party[j].utility, 3 * sizeof(double));
    }
    /* Ukraine's uncertainty: position 10, salience 0.2 */
    assert_true(whole.vary_position == 10 && whole.vary_salience == 0.2);
    /* the runs vary: not all one value */
    assert_true(whole.party[0].utility[0] < whole.party[0].utility[2]);
    /* out of range */
    assert_int_equal(parley_score_mc_runs(sc, plan, &o, 900, 200, u, b, &err), PARLEY_ERR_INPUT);
    parley_score_mc_free(&merged);
    parley_score_mc_free(&whole);
    parley_scenario_free(sc);
}

static void zero_ranges_give_the_score(void **state)
{
    (void)state;
    parley_scenario *sc = load("textbook.yaml");
    parley_score_mc_options o;
    parley_score_mc_options_init(&o);
    o.runs = 50;
    o.vary_position = 0;
    o.vary_salience = 0;
    parley_score_mc mc;
    parley_error err;
    assert_int_equal(parley_score_monte_carlo(sc, 1, &o, &mc, &err), PARLEY_OK);
    parley_score s;
    assert_int_equal(parley_plan_score(sc, 1, &s, &err), PARLEY_OK);
    for (size_t j = 0; j < 2; j++) {
        assert_true(mc.party[j].p_above == (s.party[j].above ? 1.0 : 0.0));
        for (int q = 0; q < 3; q++) {
            assert_true(fabs(mc.party[j].utility[q] - s.party[j].utility) < 1e-15);
            assert_true(fabs(mc.party[j].on_board[q] - s.party[j].on_board) < 1e-15);
        }
    }
    parley_score_free(&s);
    parley_score_mc_free(&mc);
    o.runs = 0;
    assert_int_equal(parley_score_monte_carlo(sc, 1, &o, &mc, &err), PARLEY_ERR_INPUT);
    o.runs = 10;
    o.vary_salience = 1.5;
    assert_int_equal(parley_score_monte_carlo(sc, 1, &o, &mc, &err), PARLEY_ERR_INPUT);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pieces_merge_to_the_whole),
        cmocka_unit_test(zero_ranges_give_the_score),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
