/*
 * tests/forecast/test_bargain.c — the state utility of a bargain
 * (src/forecast/smp_turn.c, fc_smp_bargain_sums) against KTAB's
 * SMPState::updateBestBrgnPositions, written out here independently in
 * KTAB's order of operations:
 *   status quo: uAvrg = 0, then += aUtil[a](a, n) for n = 0 .. N-1;
 *   bargain:    uAvrg = 0, += posUtil(b^I), += posUtil(b^R), then
 *               += aUtil[a](a, n) for every n other than I and R;
 * aUtil[a](a, n) = bsUtil(d_an, estNRA(R_a, R_a)) (a's own estimate of its
 * own risk attitude), posUtil(z) = bsUtil(bvDiff(y_a - z, s_a), R_a).
 * Every sum must be equal bit for bit, on random scenarios with actors that
 * share a position, every BigRAdjust, both bargain models that put one or
 * two bargains per initiator, an accommodation matrix, and actor counts
 * that are not multiples of the tile width. The test also checks that the
 * comparison is not vacuous: the other two summation orders parley has used
 * (bargain terms in place; the status quo's sum with the two terms swapped)
 * give different bits on these scenarios.
 *
 * Then the order on a whole run: on a four-actor scenario with two pairs of
 * identical positions, the bargains tie the status quo up to rounding, and
 * the first maximum wins. With KTAB's order nobody moves; with the in-place
 * order A0 moves to 24.71, with the swapped status-quo sum A1 and A2 move
 * to 64.20.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fc_fixture.h"
#include "forecast/smp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* KTAB SMPModel::bsUtil. */
static double bs_util(double sd, double r)
{
    return sd <= 1.0 ? (1.0 - sd) * (1.0 + sd * r) : (1.0 - sd) * (1.0 + r);
}

/* KTAB SMPModel::bvDiff(y - z, s). */
static double bv_diff(const double *y, const double *z, const double *s, size_t D)
{
    double ds_sqr = 0.0, ss_sqr = 0.0;
    for (size_t d = 0; d < D; d++) {
        const double ds = (y[d] - z[d]) * s[d];
        ds_sqr = ds_sqr + ds * ds;
        ss_sqr = ss_sqr + s[d] * s[d];
    }
    return sqrt(ds_sqr / ss_sqr);
}

/* KTAB Model::estNRA(rh, ri, ra). */
static double est_nra(parley_bigr_adjust ra, double rh, double ri)
{
    switch (ra) {
    case PARLEY_BIGR_FULL:
        return ri;
    case PARLEY_BIGR_TWOTHIRDS:
        return (rh + (2.0 * ri)) / 3.0;
    case PARLEY_BIGR_HALF:
        return (rh + ri) / 2;
    case PARLEY_BIGR_ONETHIRD:
        return ((2.0 * rh) + ri) / 3.0;
    case PARLEY_BIGR_NONE:
        return rh;
    }
    return ri;
}

/* The random scenarios: every 5th actor a copy of its predecessor, the
 * accommodation 0.7 on the diagonal and up to 0.2 at (a + 3) % n. */
static const fct_shape SHAPE = {5, 0.7, 0.2, 3};

typedef struct order_counts {
    size_t sums, est_differs, inplace_differs, swapped_differs;
} order_counts;

/* The sums of the turn just made (from the state before it: ideals y0,
 * distances dist0, risk attitudes R0), checked against KTAB's order. */
static void check_sums(const fc_smp *m, const double *y0, const double *dist0, const double *R0,
                       order_counts *c)
{
    const size_t n = m->n, D = m->D;
    const parley_bigr_adjust ra = m->p.big_r_adjust;
    double *sq = malloc(n * sizeof *sq);
    assert_non_null(sq);
    for (size_t a = 0; a < n; a++) {
        const double r = est_nra(ra, R0[a], R0[a]);
        c->est_differs += r != R0[a];
        double u = 0.0;
        for (size_t t = 0; t < n; t++)
            u = u + bs_util(dist0[a * n + t], r);
        sq[a] = u;
        if (memcmp(&u, &m->ubar_sq[a], sizeof u) != 0)
            fail_msg("status quo, actor %zu: %.17g, KTAB's order %.17g", a, m->ubar_sq[a], u);
    }
    for (size_t b = 0; b < m->n_brg; b++) {
        const fc_bargain *g = &m->brg[b];
        for (size_t a = 0; a < n; a++) {
            const double *ya = y0 + a * D, *sa = m->s + a * D;
            const double r = est_nra(ra, R0[a], R0[a]);
            const double ui = bs_util(bv_diff(ya, g->b_init, sa, D), R0[a]);
            const double ur = bs_util(bv_diff(ya, g->b_rcvr, sa, D), R0[a]);
            if (ui != g->u_init[a] || ur != g->u_rcvr[a])
                fail_msg("bargain %zu, actor %zu: posUtil %.17g %.17g, KTAB %.17g %.17g", b, a,
                         g->u_init[a], g->u_rcvr[a], ui, ur);
            double u = 0.0;
            u = u + ui;
            u = u + ur;
            for (size_t t = 0; t < n; t++)
                if (t != g->init && t != g->rcvr)
                    u = u + bs_util(dist0[a * n + t], r);
            if (memcmp(&u, &g->ubar[a], sizeof u) != 0)
                fail_msg("bargain %zu (%zu -> %zu), actor %zu: %.17g, KTAB's order %.17g", b,
                         g->init, g->rcvr, a, g->ubar[a], u);
            /* the other orders */
            double inplace = 0.0;
            for (size_t t = 0; t < n; t++)
                inplace += t == g->init ? ui : t == g->rcvr ? ur : bs_util(dist0[a * n + t], r);
            const double swapped = ((sq[a] - bs_util(dist0[a * n + g->init], r)) -
                                    bs_util(dist0[a * n + g->rcvr], r)) +
                                   ui + ur;
            c->sums++;
            c->inplace_differs += inplace != u;
            c->swapped_differs += swapped != u;
        }
    }
    free(sq);
}

static void check_run(size_t n, size_t d, bool accommodate, parley_bigr_adjust ra, parley_brgn bm,
                      int threads, order_counts *c)
{
    parley_fc_scenario *sc = fct_random_scenario(n, d, 7919 * n + d, accommodate, &SHAPE);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.smp.big_r_adjust = ra;
    o.smp.bargn_model = bm;
    o.threads = threads;
    fc_smp m;
    double *y0 = malloc(n * d * sizeof *y0), *dist0 = malloc(n * n * sizeof *dist0),
           *R0 = malloc(n * sizeof *R0);
    assert_non_null(y0);
    assert_non_null(dist0);
    assert_non_null(R0);
    assert_int_equal(parleyp_fc_smp_init(&m, sc, &o), 0);
    assert_int_equal(parleyp_fc_smp_state_update(&m), 0);
    for (int turn = 0; turn < 3; turn++) {
        memcpy(y0, m.y, n * d * sizeof *y0);
        memcpy(dist0, m.dist, n * n * sizeof *dist0);
        memcpy(R0, m.R, n * sizeof *R0);
        assert_int_equal(parleyp_fc_smp_turn(&m), 0);
        assert_true(m.n_brg > 0);
        check_sums(&m, y0, dist0, R0, c);
        assert_int_equal(parleyp_fc_smp_state_update(&m), 0);
    }
    parleyp_fc_smp_free(&m);
    free(y0);
    free(dist0);
    free(R0);
    parley_fc_scenario_free(sc);
}

static void test_sums_ktab_order(void **state)
{
    (void)state;
    order_counts c = {0}, one_third = {0};
    check_run(37, 1, false, PARLEY_BIGR_ONETHIRD, PARLEY_BRGN_INITONLY, 2, &one_third);
    check_run(100, 3, true, PARLEY_BIGR_ONETHIRD, PARLEY_BRGN_INITONLY, 1, &one_third);
    check_run(16, 2, false, PARLEY_BIGR_TWOTHIRDS, PARLEY_BRGN_INITRCVR, 2, &c);
    check_run(53, 2, true, PARLEY_BIGR_HALF, PARLEY_BRGN_PWCOMP, 2, &c);
    check_run(5, 1, false, PARLEY_BIGR_NONE, PARLEY_BRGN_INITRCVR, 1, &c);
    check_run(70, 1, false, PARLEY_BIGR_FULL, PARLEY_BRGN_INITONLY, 2, &c);
    print_message(
        "%zu sums with the default BigRAdjust: %zu risk attitudes where est(R, R) != R; "
        "bargain terms in place differ in %zu, swapped into the status quo's sum in %zu\n",
        one_third.sums, one_third.est_differs, one_third.inplace_differs,
        one_third.swapped_differs);
    /* not vacuous: with the default (OneThird) a's own estimate of its risk
     * attitude differs from R_a in the last bit for some actors, and the
     * other two orders give other bits for many sums */
    assert_true(one_third.est_differs > 0);
    assert_true(one_third.inplace_differs > one_third.sums / 20);
    assert_true(one_third.swapped_differs > one_third.sums / 20);
    assert_true(c.inplace_differs > 0 && c.swapped_differs > 0);
}

/* Four actors on one dimension, equal capabilities: A0 at 100 (salience
 * 50), A1 at 100 (100), A2 and A3 at 20 (100). */
static void test_ties_whole_run(void **state)
{
    (void)state;
    static const double pos[4] = {100, 100, 20, 20}, sal[4] = {50, 100, 100, 100};
    parley_fc_scenario *sc = parley_fc_scenario_new(4, 1);
    assert_non_null(sc);
    for (size_t a = 0; a < 4; a++) {
        sc->capability[a] = 1.0;
        sc->position[a] = pos[a];
        sc->salience[a] = sal[a];
    }
    parley_fc_options o;
    parley_fc_options_default(&o);
    for (int threads = 1; threads <= 2; threads++) {
        o.threads = threads;
        parley_error err;
        parley_fc_result *r = parley_forecast_run(sc, &o, &err);
        assert_non_null(r);
        /* turn 1 changes nothing (ratio 0), so the run stops at turn 2 */
        assert_int_equal(r->n_turns, 3);
        for (size_t t = 1; t < r->n_turns; t++)
            for (size_t a = 0; a < 4; a++)
                if (r->turns[t].position[a] != pos[a])
                    fail_msg("turn %zu: A%zu moved from %g to %.4f", t, a, pos[a],
                             r->turns[t].position[a]);
        assert_true(r->turns[1].ratio == 0.0);
        if (fabs(r->expected[0] - 60.0) > 1e-9)
            fail_msg("expected outcome %.6f, not 60", r->expected[0]);
        parley_fc_result_free(r);
    }
    parley_fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sums_ktab_order),
        cmocka_unit_test(test_ties_whole_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
