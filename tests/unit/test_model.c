/* test_model.c — the scenario model on examples/textbook.yaml: values read,
 * plan versions resolved, utilities computed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"

#include <math.h>
#include <string.h>

static int load(void **state)
{
    parley_error err;
    parley_scenario *sc = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    if (!sc) {
        char buf[1024];
        fail_msg("%s", parley_error_format(&err, buf, sizeof buf));
    }
    *state = sc;
    return 0;
}

static int unload(void **state)
{
    parley_scenario_free(*state);
    return 0;
}

static void reads_parties_and_issues(void **state)
{
    const parley_scenario *sc = *state;
    assert_int_equal(sc->n_parties, 2);
    assert_string_equal(sc->parties[1].id, "B");
    assert_true(sc->parties[0].walk_away == 0.4 && sc->parties[0].discount == 0.95);
    assert_true(sc->parties[1].discount == 1.0 && sc->parties[1].power == 40);
    assert_int_equal(sc->n_issues, 3);
    const parley_issue *troops = &sc->issues[2];
    assert_int_equal(troops->kind, PARLEY_ISSUE_INTEGER);
    assert_int_equal(troops->n_options, 3);
    assert_string_equal(troops->options[1].id, "10000");
    assert_true(troops->options[2].value == 20000 && troops->options[1].position == 50);
    assert_true(sc->issues[0].options[1].position == 60);
    /* shape: increasing over 3 options */
    assert_true(sc->prefs[0].value[2][1] == 0.5 && sc->prefs[1].value[2][0] == 1.0);
    assert_int_equal(sc->prefs[0].n_rules, 1);
}

static void resolves_plan_versions(void **state)
{
    const parley_scenario *sc = *state;
    const parley_plan *d2 = &sc->plans[1], *fw = &sc->plans[2];
    assert_int_equal(d2->based_on, 0);
    assert_int_equal(d2->n_points, 4);
    assert_int_equal(d2->points[0].origin, PARLEY_POINT_ORIGINAL);
    assert_int_equal(d2->points[0].proposed_by, 1); /* B wrote point 1 in draft1 */
    assert_int_equal(d2->points[1].origin, PARLEY_POINT_CHANGED);
    assert_int_equal(d2->points[1].proposed_by, 0);
    assert_string_equal(d2->points[1].text, "Sanctions eased in stages");
    assert_int_equal(d2->points[3].origin, PARLEY_POINT_ADDED);
    assert_int_equal(d2->sets[1], 1); /* sanctions = staged */
    assert_int_equal(d2->sets[2], 1); /* troops = 10000 */
    assert_int_equal(fw->n_points, 2);
    assert_int_equal(fw->n_drops, 2);
    assert_string_equal(fw->drops[0].point_id, "2");
    assert_int_equal(fw->drops[0].by, 1);
    assert_int_equal(fw->sets[1], -1);
    assert_int_equal(fw->sets[2], -1);
}

static void computes_utilities_by_hand(void **state)
{
    const parley_scenario *sc = *state;
    size_t o[3] = {1, 2, 0};                                   /* current-line, lift, 0 troops */
    assert_true(fabs(parley_utility(sc, 0, o) - 0.0) < 1e-12); /* .2 + 0 + 0 - .2 */
    assert_true(fabs(parley_utility(sc, 1, o) - 0.82) < 1e-12);
    o[2] = 1; /* the rule no longer holds */
    assert_true(fabs(parley_utility(sc, 0, o) - 0.3) < 1e-12);
    bool exact;
    double u = parley_utility_expected(sc, 0, sc->plans[2].sets, &exact);
    assert_true(exact);
    assert_true(fabs(u - (0.45 - 0.2 / 9)) < 1e-12);
    double lo, hi;
    parley_error err;
    assert_int_equal(parley_utility_range(sc, 0, &lo, &hi, &err), PARLEY_OK);
    assert_true(lo == 0.0 && fabs(hi - 1.0) < 1e-12);
}

static void scores_and_diffs(void **state)
{
    const parley_scenario *sc = *state;
    parley_score s;
    parley_error err;
    assert_int_equal(parley_plan_score(sc, 1, &s, &err), PARLEY_OK);
    assert_true(fabs(s.party[0].utility - 0.45) < 1e-12);
    assert_true(fabs(s.party[0].on_board - 0.05 / 0.6) < 1e-12);
    assert_true(s.party[0].above && s.party[1].above);
    /* point 2 (sanctions staged) against sanctions open: B .65 vs .63 */
    assert_true(fabs(s.effect[1 * 2 + 1] - 0.02) < 1e-12);
    parley_score_free(&s);
    parley_diff d;
    assert_int_equal(parley_plans_diff(sc, 0, 1, &d, &err), PARLEY_OK);
    assert_int_equal(d.n, 3);
    assert_int_equal(d.e[0].kind, PARLEY_DIFF_CHANGED);
    assert_true(fabs(d.e[0].delta[0] - 0.35) < 1e-12);
    assert_true(fabs(d.e[1].delta[0] - 0.30) < 1e-12); /* troops 0 -> 10000: .2 + 0 + .1 */
    parley_diff_free(&d);
}

static void normalises_weights_with_warning(void **state)
{
    (void)state;
    const char *y = "parties: [{id: A}, {id: B}]\n"
                    "issues: [{id: x, options: [a, b]}, {id: y, options: [c, d]}]\n"
                    "preferences:\n"
                    "  A: {weights: {x: 2, y: 2}, values: {x: {a: 1, b: 0}, y: {c: 0, d: 1}}}\n"
                    "  B: {weights: {x: 1}, values: {x: {a: 0, b: 1}}}\n";
    parley_error err;
    parley_scenario *sc = parley_scenario_parse(y, strlen(y), "w.yaml", &err);
    assert_non_null(sc);
    assert_true(sc->prefs[0].weight[0] == 0.5 && sc->prefs[0].weight[1] == 0.5);
    assert_int_equal(parley_scenario_warning_count(sc), 1);
    assert_string_equal(parley_scenario_warning(sc, 0),
                        "w.yaml:4:17: preferences.A.weights: weights of party 'A' sum to 4; "
                        "normalised to 1");
    parley_scenario_free(sc);
    /* A weight left out weighs 0: the warning names the issue. */
    const char *y2 =
        "parties: [{id: A}, {id: B}]\n"
        "issues: [{id: x, options: [a, b]}, {id: y, options: [c, d]}, {id: z, options: [e]}]\n"
        "preferences:\n"
        "  A: {weights: {x: 0.9}, values: {x: {a: 1, b: 0}}}\n"
        "  B: {weights: {x: 1}, values: {x: {a: 0, b: 1}}}\n";
    sc = parley_scenario_parse(y2, strlen(y2), "w.yaml", &err);
    assert_non_null(sc);
    assert_int_equal(parley_scenario_warning_count(sc), 1);
    assert_string_equal(parley_scenario_warning(sc, 0),
                        "w.yaml:4:17: preferences.A.weights: weights of party 'A' sum to 0.9; "
                        "normalised to 1; no weight for 'y', 'z', which weigh 0");
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_parties_and_issues),        cmocka_unit_test(resolves_plan_versions),
        cmocka_unit_test(computes_utilities_by_hand),      cmocka_unit_test(scores_and_diffs),
        cmocka_unit_test(normalises_weights_with_warning),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
