/* test_concede.c — `concede` is exact: on the textbook example (checked by
 * hand) and on random small scenarios, where every objective is compared
 * with brute-force enumeration of all outcomes. And its integer-program
 * builder: a coefficient set twice in a row adds up, and a row over many
 * columns is built in linear time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"
#include "bargain/mip.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng_state;
static double rnd(void) /* deterministic, in [0,1) */
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}
static size_t rndi(size_t n)
{
    return (size_t)(rnd() * (double)n);
}

static void textbook_by_hand(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    assert_non_null(sc);
    bool keep[2] = {false, true};
    parley_concede_request rq = {
        .plan = 0, .target = 0, .keep = keep, .objective = PARLEY_CONCEDE_POINTS};
    parley_concede_result r;
    assert_int_equal(parley_concede_run(sc, &rq, &r, &err), PARLEY_OK);
    /* draft1 gives A 0: changing point 3 alone (troops 0 -> 20000) gives
     * A .2 + 0 + .2 = .4 (rule off) and B .42 + .3 + 0 = .72: one point. */
    assert_true(r.feasible && r.optimal);
    assert_int_equal(r.n_changed_points, 1);
    assert_int_equal(r.outcome[0], 1);
    assert_int_equal(r.outcome[1], 2);
    assert_int_equal(r.outcome[2], 2);
    assert_true(fabs(r.after[0] - 0.4) < 1e-12 && fabs(r.after[1] - 0.72) < 1e-12);
    parley_concede_result_free(&r);
    parley_scenario_free(sc);
}

/* A random scenario: 3 parties, 3-4 issues of 2-3 options, random values,
 * walk-aways, and sometimes rules; a plan that sets all but maybe one issue. */
static char *random_yaml(void)
{
    static char buf[8192];
    size_t n = 0, ni = 3 + rndi(2), no[4];
#define OUT(...) n += (size_t)snprintf(buf + n, sizeof buf - n, __VA_ARGS__)
    OUT("parties:\n");
    for (int p = 0; p < 3; p++)
        OUT("  - {id: P%d, walk_away: %.3f}\n", p, 0.2 + 0.5 * rnd());
    OUT("issues:\n");
    for (size_t i = 0; i < ni; i++) {
        no[i] = 2 + rndi(2);
        OUT("  - {id: i%zu, ordered: true, options: [", i);
        for (size_t o = 0; o < no[i]; o++)
            OUT("%so%zu", o ? ", " : "", o);
        OUT("]}\n");
    }
    OUT("preferences:\n");
    for (int p = 0; p < 3; p++) {
        OUT("  P%d:\n    weights: {", p);
        for (size_t i = 0; i < ni; i++)
            OUT("%si%zu: %.3f", i ? ", " : "", i, 0.05 + rnd());
        OUT("}\n    values:\n");
        for (size_t i = 0; i < ni; i++) {
            OUT("      i%zu: {", i);
            for (size_t o = 0; o < no[i]; o++)
                OUT("%so%zu: %.3f", o ? ", " : "", o, rnd());
            OUT("}\n");
        }
        if (rnd() < 0.5)
            OUT("    rules:\n      - {delta: %.3f, when: {i0: \">= o1\"}, unless: {i1: o0}}\n",
                rnd() - 0.5);
    }
    OUT("plans:\n  - id: plan\n    points:\n");
    size_t open = rnd() < 0.3 ? rndi(ni) : ni;
    for (size_t i = 0; i < ni; i++)
        if (i != open)
            OUT("      - {id: \"%zu\", sets: {i%zu: o%zu}}\n", i + 1, i, rndi(no[i]));
#undef OUT
    return buf;
}

typedef struct brute {
    bool feasible;
    double points, loss, nash, margin;
} brute;

static brute brute_force(const parley_scenario *sc, const parley_concede_request *rq,
                         const double *before)
{
    brute b = {false, INFINITY, INFINITY, -INFINITY, -INFINITY};
    size_t ni = sc->n_issues, o[8] = {0};
    const parley_plan *pl = &sc->plans[rq->plan];
    for (;;) {
        bool ok = true;
        double margin = INFINITY, loss = 0, nash = 1, pts = 0;
        for (size_t j = 0; j < sc->n_parties; j++) {
            double u = parley_utility(sc, j, o), w = sc->parties[j].walk_away;
            if (j == rq->target || rq->keep[j]) {
                ok &= u >= w - PARLEY_TOLERANCE;
                margin = fmin(margin, u - w);
                nash *= fmax(0, u - w);
            }
            if (j != rq->target)
                loss += fmax(0, before[j] - u);
        }
        for (size_t p = 0; p < pl->n_points; p++)
            pts += parley_point_changed(pl, p, o);
        b.margin = fmax(b.margin, margin);
        if (ok) {
            b.feasible = true;
            b.points = fmin(b.points, pts);
            b.loss = fmin(b.loss, loss);
            b.nash = fmax(b.nash, nash);
        }
        size_t i = 0;
        while (i < ni && ++o[i] == sc->issues[i].n_options)
            o[i++] = 0;
        if (i == ni)
            break;
    }
    return b;
}

static void random_scenarios_match_brute_force(void **state)
{
    (void)state;
    rng_state = 20251124;
    int feasible = 0, infeasible = 0;
    for (int trial = 0; trial < 150; trial++) {
        const char *y = random_yaml();
        parley_error err;
        parley_scenario *sc = parley_scenario_parse(y, strlen(y), "random.yaml", &err);
        if (!sc) {
            char m[1024];
            fail_msg("trial %d: %s\n%s", trial, parley_error_format(&err, m, sizeof m), y);
        }
        bool keep[3] = {false, false, false};
        size_t target = rndi(3);
        for (size_t j = 0; j < 3; j++)
            keep[j] = j != target && rnd() < 0.6;
        for (int obj = 0; obj < 3; obj++) {
            parley_concede_request rq = {.plan = 0,
                                         .target = target,
                                         .keep = keep,
                                         .objective = (parley_concede_objective)obj};
            parley_concede_result r;
            assert_int_equal(parley_concede_run(sc, &rq, &r, &err), PARLEY_OK);
            brute b = brute_force(sc, &rq, r.before);
            if (r.feasible != b.feasible)
                fail_msg("trial %d objective %d: feasible %d vs brute force %d\n%s", trial, obj,
                         r.feasible, b.feasible, y);
            if (!b.feasible) {
                assert_true(fabs(r.objective - b.margin) < 1e-9);
                infeasible++;
            } else if (obj == PARLEY_CONCEDE_POINTS) {
                assert_true(r.objective == b.points);
                assert_true((double)r.n_changed_points == b.points);
                feasible++;
            } else if (obj == PARLEY_CONCEDE_LOSS) {
                if (fabs(r.objective - b.loss) > 1e-9)
                    fail_msg("trial %d: loss %.12f vs brute force %.12f\n%s", trial, r.objective,
                             b.loss, y);
            } else if (fabs(r.objective - b.nash) > 1e-9) {
                fail_msg("trial %d: nash %.12f vs brute force %.12f\n%s", trial, r.objective,
                         b.nash, y);
            }
            parley_concede_result_free(&r);
        }
        parley_scenario_free(sc);
    }
    /* The generator must exercise both outcomes. */
    assert_true(feasible > 10 && infeasible > 10);
}

/* max t, t <= 3a + b (a's coefficient given as -1 and -2 in one row), a + b
 * <= 1: t = 3 at a = 1 (2 or 1 if the repeated column were not added up).
 * Then a utility row over 200 000 columns (one per option) built at once:
 * the merge of repeated columns used to scan the row back for every
 * coefficient, 2e10 steps here. */
static void mip_builder(void **state)
{
    (void)state;
    mip *m = parleyp_mip_new();
    assert_non_null(m);
    long a = parleyp_mip_col(m, 0, 1, true, 0), b = parleyp_mip_col(m, 0, 1, true, 0);
    long t = parleyp_mip_col(m, -HUGE_VAL, HUGE_VAL, false, 1);
    long obj = parleyp_mip_row(m, -HUGE_VAL, 0); /* t - 3a - b <= 0 */
    assert_int_equal(parleyp_mip_coef(m, obj, t, 1), 0);
    assert_int_equal(parleyp_mip_coef(m, obj, a, -1), 0);
    assert_int_equal(parleyp_mip_coef(m, obj, a, -2), 0); /* merged: -3 */
    assert_int_equal(parleyp_mip_coef(m, obj, b, -1), 0);
    long one = parleyp_mip_row(m, -HUGE_VAL, 1);
    assert_int_equal(parleyp_mip_coef(m, one, a, 1), 0);
    assert_int_equal(parleyp_mip_coef(m, one, b, 1), 0);
    double x[3], v;
    assert_int_equal(parleyp_mip_solve(m, true, x, &v), MIP_OPTIMAL);
    assert_true(fabs(v - 3) < 1e-9 && fabs(x[0] - 1) < 1e-9 && fabs(x[1]) < 1e-9);
    assert_int_equal(parleyp_mip_coef(m, obj, 99, 1), -1); /* no such column */
    assert_false(parleyp_mip_out_of_memory(m));
    parleyp_mip_free(m);

    m = parleyp_mip_new();
    assert_non_null(m);
    enum { N = 200000 };
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long row = parleyp_mip_row(m, 1, 1);
    for (long c = 0; c < N; c++)
        assert_int_equal(parleyp_mip_col(m, 0, 1, true, 0), c);
    for (long c = 0; c < N; c++)
        parleyp_mip_coef(m, row, c, 1);
    long row2 = parleyp_mip_row(m, -HUGE_VAL, 1);
    for (long c = 0; c < N; c++)
        parleyp_mip_coef(m, row2, c, 0.5);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    assert_int_equal(parleyp_mip_col_count(m), N);
    if (secs > 5)
        fail_msg("building 2 rows over %d columns took %.1f s", (int)N, secs);
    parleyp_mip_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(textbook_by_hand),
        cmocka_unit_test(random_scenarios_match_brute_force),
        cmocka_unit_test(mip_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
