/*
 * tests/forecast/test_challenge.c — the branch-and-bound best-challenge
 * search (src/forecast/smp_challenge.c) against a plain evaluation of
 * KTAB's probEduChlg for every candidate, written out here independently
 * in KTAB's order of operations. The pruned search must pick the same
 * target with the same probability, bit for bit, on every initiator of
 * several turns of random scenarios: 1 and 3 dimensions, identical actor
 * pairs (exact ties, where the first index must win), an accommodation
 * matrix (ideals off positions, so gains with u_ii < u_ij occur), and
 * non-default voting rules (the generic kernel).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fc_fixture.h"
#include "forecast/smp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double pos_part(double z)
{
    return z > 0.0 ? z : 0.0;
}

/* KTAB SMPActor::bestChallenge, every candidate evaluated. */
static long exhaustive(const fc_smp *m, size_t i, double *p_best, size_t *n_gain, bool *tie)
{
    const size_t n = m->n;
    const parley_vr vr = m->p.voting_rule;
    const parley_tpc tpc = m->p.third_party_commit;
    double *rr = malloc(n * sizeof *rr), *uni = malloc(n * sizeof *uni),
           *unn = malloc(n * sizeof *unn);
    assert_non_null(rr);
    assert_non_null(uni);
    assert_non_null(unn);
    for (size_t t = 0; t < n; t++) {
        rr[t] = parleyp_fc_smp_est_risk(m, m->R[i], m->R[t]);
        uni[t] = fc_bs_util(m->dist[t * n + i], rr[t]);
        unn[t] = fc_bs_util(m->dist[t * n + t], rr[t]);
    }
    double best = 1e-5;
    long bj = -1;
    *p_best = NAN;
    *n_gain = 0;
    *tie = false;
    for (size_t j = 0; j < n; j++) {
        if (j == i)
            continue;
        const double u_ii = uni[i], u_ij = fc_bs_util(m->dist[i * n + j], rr[i]);
        const double a_i = fc_vote(vr, m->omega[i], u_ii, u_ij);
        const double a_j = fc_vote(vr, m->omega[j], uni[j], unn[j]);
        const double sp0 = 1e-10 + pos_part(a_i) + pos_part(a_j);
        const double sm0 = 1e-10 + pos_part(-a_i) + pos_part(-a_j);
        double sp = sp0, sm = sm0;
        for (size_t t = 0; t < n; t++) {
            if (t == i || t == j)
                continue;
            const double u_ni = uni[t], u_nn = unn[t];
            const double u_nj = fc_bs_util(m->dist[t * n + j], rr[t]);
            const double v0 = fc_vote(vr, m->omega[t], u_ni, u_nj);
            const double pin = (sp0 + pos_part(v0)) / (sp0 + pos_part(v0) + sm0 + pos_part(-v0));
            double eu_i, eu_j;
            if (tpc == PARLEY_TPC_FULLCOMMIT) {
                eu_i = pin * (3.0 * u_ni) + (1.0 - pin) * (3.0 * u_nj);
                eu_j = eu_i;
            } else if (tpc == PARLEY_TPC_NOCOMMIT) {
                eu_i = pin * (2.0 * u_ni + u_nn) + (1.0 - pin) * (2.0 * u_nj + u_nn);
                eu_j = eu_i;
            } else {
                eu_i = pin * (2.0 * u_ni + u_nn) + (1.0 - pin) * (3.0 * u_nj);
                eu_j = pin * (3.0 * u_ni) + (1.0 - pin) * (2.0 * u_nj + u_nn);
            }
            const double v = fc_vote(vr, m->omega[t], eu_i, eu_j);
            sp += pos_part(v);
            sm += pos_part(-v);
        }
        const double p = sp / (sp + sm);
        const double sq = u_ii + u_ij, vict = 2.0 * u_ii, loss = 2.0 * u_ij;
        const double contest = p * vict + (1.0 - p) * loss;
        const double chlg = (1.0 - m->sigma[j]) * vict + m->sigma[j] * contest;
        const double delta = chlg - sq;
        if (delta > 1e-5)
            (*n_gain)++;
        if (bj >= 0 && delta == best)
            *tie = true;
        if (delta > best) {
            *tie = false;
            best = delta;
            bj = (long)j;
            *p_best = p;
        }
    }
    /* the search itself, with the same views */
    double p_fast;
    const long fj = parleyp_fc_smp_best_challenge(m, i, rr, uni, unn, &p_fast);
    free(rr);
    free(uni);
    free(unn);
    if (fj != bj || (bj >= 0 && memcmp(&p_fast, p_best, sizeof p_fast) != 0))
        fail_msg("initiator %zu: search gives %ld (p %.17g), every candidate %ld (p %.17g)", i, fj,
                 p_fast, bj, *p_best);
    return bj;
}

/* The random scenarios: every 7th actor a copy of its predecessor, the
 * accommodation 0.6 on the diagonal and up to 0.3 at (a + 1) % n. */
static const fct_shape SHAPE = {7, 0.6, 0.3, 1};

static void check_turns(size_t n, size_t d, bool accommodate, parley_vr vr, parley_tpc tpc,
                        parley_bigr_adjust adj)
{
    parley_fc_scenario *sc = fct_random_scenario(n, d, 1000 * n + d, accommodate, &SHAPE);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.smp.voting_rule = vr;
    o.smp.third_party_commit = tpc;
    o.smp.big_r_adjust = adj;
    o.threads = 2;
    fc_smp m;
    assert_int_equal(parleyp_fc_smp_init(&m, sc, &o), 0);
    assert_int_equal(parleyp_fc_smp_state_update(&m), 0);
    size_t challenges = 0, gains = 0, ties = 0;
    for (int turn = 0; turn < 4; turn++) {
        for (size_t i = 0; i < n; i++) {
            double p;
            size_t n_gain;
            bool tie;
            if (exhaustive(&m, i, &p, &n_gain, &tie) >= 0)
                challenges++;
            gains += n_gain;
            ties += tie;
        }
        assert_int_equal(parleyp_fc_smp_turn(&m), 0);
        assert_int_equal(parleyp_fc_smp_state_update(&m), 0);
    }
    /* the comparison is not vacuous: most initiators challenge someone,
     * many candidates would gain (so pruning had work to do), and without
     * accommodation copies of the best receiver tie with it exactly */
    assert_true(challenges > 2 * n);
    assert_true(gains > 4 * n);
    if (!accommodate)
        assert_true(ties > 0);
    parleyp_fc_smp_free(&m);
    parley_fc_scenario_free(sc);
}

static void test_default_rules_1d(void **state)
{
    (void)state;
    check_turns(230, 1, false, PARLEY_VR_PROP, PARLEY_TPC_SEMICOMMIT, PARLEY_BIGR_ONETHIRD);
}

static void test_default_rules_3d_accommodation(void **state)
{
    (void)state;
    check_turns(150, 3, true, PARLEY_VR_PROP, PARLEY_TPC_SEMICOMMIT, PARLEY_BIGR_ONETHIRD);
}

static void test_generic_rules(void **state)
{
    (void)state;
    check_turns(120, 2, false, PARLEY_VR_PROPCBC, PARLEY_TPC_NOCOMMIT, PARLEY_BIGR_FULL);
    check_turns(100, 1, true, PARLEY_VR_BINARY, PARLEY_TPC_FULLCOMMIT, PARLEY_BIGR_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_rules_1d),
        cmocka_unit_test(test_default_rules_3d_accommodation),
        cmocka_unit_test(test_generic_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
