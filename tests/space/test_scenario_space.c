/*
 * tests/space/test_scenario_space.c — a parley scenario compiled into an
 * outcome space (space/from_scenario.c) evaluates every outcome exactly as
 * the model's reference evaluator parley_utility (model/utility.c) does, and its
 * frontier equals a brute-force frontier built on parley_utility.
 * examples/textbook.yaml: all 27 outcomes; examples/ukraine-2025.yaml
 * (1.9e7 outcomes, rules): 200 000 sampled outcomes.
 */
#include "parley/frontier.h"
#include "model/scenario.h"
#include "parley/space.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static parley_scenario *load(const char *name, parley_space **sp)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/%s", PARLEY_SOURCE_DIR, name);
    parley_error err;
    parley_scenario *sc = parley_scenario_load(path, &err);
    if (!sc)
        fail_msg("%s: %s", path, err.message);
    *sp = parley_space_from_scenario(sc, &err);
    if (!*sp)
        fail_msg("%s: %s", path, err.message);
    assert_int_equal(parley_space_party_count(*sp), sc->n_parties);
    assert_int_equal(parley_space_issue_count(*sp), sc->n_issues);
    for (size_t p = 0; p < sc->n_parties; p++) {
        assert_string_equal(parley_space_party_name(*sp, p), sc->parties[p].id);
        assert_true(parley_space_reservation(*sp, p) == sc->parties[p].walk_away);
    }
    return sc;
}

static void same_utilities(const parley_scenario *sc, const parley_space *sp, const size_t *o)
{
    uint32_t o32[64];
    assert_true(sc->n_issues <= 64);
    for (size_t i = 0; i < sc->n_issues; i++)
        o32[i] = (uint32_t)o[i];
    for (size_t p = 0; p < sc->n_parties; p++) {
        double a = parley_space_utility(sp, p, o32), b = parley_utility(sc, p, o);
        if (a != b)
            fail_msg("party %zu: space %.17g, model %.17g", p, a, b);
    }
}

static void test_textbook_all_outcomes(void **state)
{
    (void)state;
    parley_space *sp;
    parley_scenario *sc = load("textbook.yaml", &sp);
    size_t n = sc->n_issues, d = sc->n_parties;
    size_t total = (size_t)parley_space_outcome_count(sp);
    size_t o[64] = {0};
    double *u = malloc(total * d * sizeof *u);
    size_t(*outs)[64] = malloc(total * sizeof *outs);
    assert_non_null(u);
    assert_non_null(outs);
    for (size_t k = 0; k < total; k++) {
        same_utilities(sc, sp, o);
        memcpy(outs[k], o, sizeof o);
        for (size_t p = 0; p < d; p++)
            u[k * d + p] = parley_utility(sc, p, o);
        for (size_t i = n; i-- > 0;) {
            if (++o[i] < sc->issues[i].n_options)
                break;
            o[i] = 0;
        }
    }
    /* brute-force frontier over outcomes at or above every walk-away */
    size_t nf = 0;
    for (size_t a = 0; a < total; a++) {
        bool ok = true;
        for (size_t p = 0; p < d; p++)
            ok = ok && u[a * d + p] >= sc->parties[p].walk_away;
        for (size_t b = 0; b < total && ok; b++) {
            bool geq = true, gt = false;
            for (size_t p = 0; p < d; p++) {
                geq = geq && u[b * d + p] >= u[a * d + p];
                gt = gt || u[b * d + p] > u[a * d + p];
            }
            ok = !(geq && (gt || b < a));
        }
        nf += ok;
    }
    parley_analysis *an = parley_analysis_run(sp, NULL, NULL);
    assert_non_null(an);
    assert_int_equal(an->frontier.n_points, nf);
    double zone = 0;
    for (size_t a = 0; a < total; a++) {
        bool ok = true;
        for (size_t p = 0; p < d; p++)
            ok = ok && u[a * d + p] >= sc->parties[p].walk_away;
        zone += ok;
    }
    assert_true(an->zone_exact && an->zone_count == zone);
    parley_analysis_free(an);
    free(u);
    free(outs);
    parley_space_free(sp);
    parley_scenario_free(sc);
}

static void test_ukraine_sampled(void **state)
{
    (void)state;
    parley_space *sp;
    parley_scenario *sc = load("ukraine-2025.yaml", &sp);
    assert_false(parley_space_is_additive(sp)); /* it has rules */
    uint64_t s = 99;
    size_t o[64];
    for (int k = 0; k < 200000; k++) {
        for (size_t i = 0; i < sc->n_issues; i++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            o[i] = (size_t)((s >> 33) % sc->issues[i].n_options);
        }
        same_utilities(sc, sp, o);
    }
    parley_space_free(sp);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_textbook_all_outcomes),
        cmocka_unit_test(test_ukraine_sampled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
