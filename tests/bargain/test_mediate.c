/* test_mediate.c — the single-negotiating-text procedure: the textbook case
 * by hand, and its invariants on the Ukraine example. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"
#include "parley/space.h"

#include <math.h>

static void textbook_by_hand(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    assert_non_null(sc);
    parley_mediation m;
    assert_int_equal(parley_mediation_run(sc, 0, PARLEY_MEDIATE_NASH, 50, NULL, &m, &err),
                     PARLEY_OK);
    /* draft1: A 0 (below .4), B .82. Raising troops to 20000 lifts the rule and
     * gives A .2 + 0 + .2 = .4, B .42 + .3 + 0 = .72: shortfall 0 in one round. */
    assert_int_equal(m.n_rounds, 1);
    assert_int_equal(m.rounds[0].issue, 2);
    assert_int_equal(m.rounds[0].from, 0);
    assert_int_equal(m.rounds[0].to, 2);
    assert_true(fabs(m.rounds[0].u[0] - 0.4) < 1e-12 && fabs(m.rounds[0].u[1] - 0.72) < 1e-12);
    assert_true(m.all_above && m.has_target);
    parley_mediation_free(&m);
    parley_scenario_free(sc);
}

static void invariants_on_ukraine(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc =
        parley_scenario_load(PARLEY_SOURCE_DIR "/examples/ukraine-2025.yaml", &err);
    assert_non_null(sc);
    parley_analysis *an = parley_mediation_analysis(sc, 0, &err);
    assert_non_null(an);
    for (size_t plan = 0; plan < sc->n_plans; plan++)
        for (int cc = 0; cc < 4; cc++) {
            parley_mediation m;
            assert_int_equal(
                parley_mediation_run(sc, plan, (parley_mediate_concept)cc, 50, an, &m, &err),
                PARLEY_OK);
            const double *prev = m.u0;
            for (size_t r = 0; r < m.n_rounds; r++) {
                const parley_mediation_round *rd = &m.rounds[r];
                bool pareto = true, gain = false;
                for (size_t j = 0; j < sc->n_parties; j++) {
                    double w = sc->parties[j].walk_away;
                    if (prev[j] >= w - PARLEY_TOLERANCE)
                        assert_true(rd->u[j] >= w - PARLEY_TOLERANCE);
                    else
                        assert_true(rd->u[j] >= prev[j] - PARLEY_TOLERANCE);
                    pareto &= rd->u[j] >= prev[j] - PARLEY_TOLERANCE;
                    gain |= rd->u[j] > prev[j] + PARLEY_TOLERANCE;
                }
                assert_int_equal(rd->pareto, pareto && gain);
                if (!rd->pareto)
                    assert_int_equal(rd->to, (long)m.target[rd->issue]);
                prev = rd->u;
            }
            /* Every plan of the example can be brought above all walk-aways. */
            assert_true(m.all_above);
            parley_mediation_free(&m);
        }
    parley_analysis_free(an);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(textbook_by_hand),
        cmocka_unit_test(invariants_on_ukraine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
