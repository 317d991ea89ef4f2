/*
 * tests/negotiate/test_negotiate_private.c — private information: Java's
 * hashes as GENIUS uses them, GENIUS's utilities bit for bit, the frequency
 * opponent model converging toward the true opponent utility (Spearman rank
 * correlation over every bid, printed), a model-using BOA agent ending
 * closer to the Pareto frontier than its model-free twin, thread-independent
 * tournaments, and the strategy / information checks. The GENIUS traces
 * themselves are compared by test_genius_traces.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "nego_fixture.h"
#include "parley/genius.h"
#include "negotiate/nego_impl.h"
#include "parley/negotiate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_java_hashes(void **state)
{
    (void)state;
    assert_int_equal(parleyp_nego_java_string_hash(""), 0);
    assert_int_equal(parleyp_nego_java_string_hash("HP"), 72 * 31 + 80);
    assert_int_equal(parleyp_nego_java_string_hash("hello"), 99162322); /* "hello".hashCode() */
    assert_int_equal(parleyp_nego_java_string_hash("polygenelubricants"), INT32_MIN); /* overflow */
    assert_int_equal(parleyp_nego_java_string_hash("\xc3\xa9"), 233);                 /* U+00E9 */
    /* U+1D11E is the UTF-16 pair D834 DD1E: 0xD834 * 31 + 0xDD1E */
    assert_int_equal(parleyp_nego_java_string_hash("\xf0\x9d\x84\x9e"), 0xD834 * 31 + 0xDD1E);
}

/* Laptop, seller's utility of the buyer's opening bid in GENIUS's trace:
 * 0.8151053951696905, bit for bit; and the sorted space starts with the
 * buyer's best bid (utility 1). */
static void test_genius_utilities(void **state)
{
    (void)state;
    nt_loaded l = nt_load("Laptop", true);
    uint32_t o[3];
    const char *vals[3] = {"HP", "60 Gb", "19'' LCD"};
    for (size_t i = 0; i < 3; i++) {
        long v = parley_space_value_find(l.sp, i, vals[i]);
        assert_true(v >= 0);
        o[i] = (uint32_t)v;
    }
    size_t seller = strcmp(parley_space_party_name(l.sp, 0), "laptop_seller_utility") == 0 ? 0 : 1;
    assert_true(parley_space_utility(l.sp, seller, o) == 0.8151053951696905);
    nego_sorted *s = &l.dom->sorted[1 - seller];
    assert_int_equal(s->n, 27);
    assert_true(parleyp_nego_sorted_at(s, 0)->u == 1.0);
    for (size_t k = 1; k < s->n; k++) {
        nego_bid x = *parleyp_nego_sorted_at(s, k - 1), y = *parleyp_nego_sorted_at(s, k);
        assert_true(y.u <= x.u);
        if (y.u == x.u) { /* ties: Java hash ascending */
            uint32_t a[3], b[3];
            parleyp_nego_decode(l.dom, x.code, a);
            parleyp_nego_decode(l.dom, y.code, b);
            assert_true(parleyp_nego_java_bid_hash(l.dom, a, y.u) <=
                        parleyp_nego_java_bid_hash(l.dom, b, y.u));
        }
    }
    nt_unload(&l);
}

/* Spearman rank correlation of x and y (average ranks for ties). */
static void ranks(const double *x, size_t n, double *r)
{
    for (size_t i = 0; i < n; i++) {
        size_t less = 0, equal = 0;
        for (size_t j = 0; j < n; j++) {
            less += x[j] < x[i];
            equal += x[j] == x[i];
        }
        r[i] = (double)less + ((double)equal - 1) / 2.0;
    }
}

static double spearman(const double *x, const double *y, size_t n)
{
    double *rx = calloc(n, sizeof *rx), *ry = calloc(n, sizeof *ry);
    assert_true(rx && ry);
    ranks(x, n, rx);
    ranks(y, n, ry);
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += rx[i] / (double)n;
        my += ry[i] / (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    free(rx);
    free(ry);
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0.0;
}

/* The model of party `who` fed with its first `k` offers of r: rank
 * correlation of estimated and true utility over every bid. */
static double model_rho(const nt_loaded *l, const parley_negotiation_result *r, size_t who,
                        size_t k)
{
    nego_freq_model m;
    assert_true(parleyp_nego_freq_init(&m, l->dom));
    size_t fed = 0;
    for (size_t j = 0; j < r->n_offers && fed < k; j++)
        if ((size_t)r->offer_party[j] == who) {
            parleyp_nego_freq_update(&m, r->offer_outcome + j * r->n_issues);
            fed++;
        }
    size_t n = l->dom->sorted[0].n;
    double *est = calloc(n, sizeof *est), *tru = calloc(n, sizeof *tru);
    assert_true(est && tru && n > 0);
    uint32_t o[64];
    for (size_t c = 0; c < n; c++) {
        parleyp_nego_decode(l->dom, (uint32_t)c, o);
        est[c] = parleyp_nego_freq_utility(&m, o);
        tru[c] = parley_space_utility(l->sp, who, o);
    }
    double rho = spearman(est, tru, n);
    free(est);
    free(tru);
    parleyp_nego_freq_free(&m);
    return rho;
}

/* Boulware and linear self-play (100 rounds) on both reference domains: each
 * party's offers feed a model; its rank correlation with the true utility
 * after 2 offers (the first one only sets the reference), 5, and all. */
static void test_model_convergence(void **state)
{
    (void)state;
    const char *domains[] = {"Laptop", "CarB"}, *agents[] = {"boulware", "linear"};
    double sum_early = 0, sum_late = 0;
    size_t n = 0;
    for (size_t i = 0; i < 2; i++) {
        nt_loaded l = nt_load(domains[i], true);
        for (size_t a = 0; a < 2; a++) {
            parley_agent_spec ag[2] = {nt_spec(agents[a]), nt_spec(agents[a])};
            parley_negotiate_options o;
            parley_negotiate_options_init(&o);
            o.information = PARLEY_INFO_PRIVATE;
            o.rounds = 100;
            parley_error err;
            parley_negotiation_result *r = parley_negotiate_run(l.dom, ag, &o, &err);
            assert_non_null(r);
            for (size_t who = 0; who < 2; who++) {
                double early = model_rho(&l, r, who, 2), mid = model_rho(&l, r, who, 5),
                       late = model_rho(&l, r, who, (size_t)-1);
                print_message("%-6s %-8s self-play, model of party %zu over %zu bids: rank "
                              "correlation %.3f after 2 offers, %.3f after 5, %.3f after all\n",
                              domains[i], agents[a], who, l.dom->sorted[0].n, early, mid, late);
                assert_true(late > 0.3); /* an unlearned (uniform) model: 0 */
                sum_early += early;
                sum_late += late;
                n++;
            }
            parley_negotiation_result_free(r);
        }
        nt_unload(&l);
    }
    print_message("mean rank correlation: %.3f after 2 offers, %.3f after all\n",
                  sum_early / (double)n, sum_late / (double)n);
    assert_true(sum_late > sum_early);
}

static double mean_frontier_distance(const nt_loaded *l, const char *a, const char *b)
{
    parley_agent_spec st[5] = {nt_spec(a), nt_spec(b), nt_spec("boulware"), nt_spec("linear"),
                               nt_spec("conceder")};
    parley_tournament_options o;
    parley_tournament_options_init(&o);
    o.information = PARLEY_INFO_PRIVATE;
    o.rounds = 100;
    o.threads = 2;
    parley_error err;
    parley_tournament_result *r = parley_tournament_run_all(l->dom, st, 5, &o, &err);
    assert_non_null(r);
    double x = r->scores[0].mean_dist_frontier - r->scores[1].mean_dist_frontier;
    parley_tournament_result_free(r);
    return x;
}

/* boa:E against its twin timedep:E, each in a tournament with boulware,
 * linear and conceder: mean distance of the outcomes to the frontier. */
static void test_boa_closer_to_frontier(void **state)
{
    (void)state;
    const char *domains[] = {"Laptop",         "CarB",    "AmsterdamA",
                             "ItexvsCypressC", "CameraC", "TravelB"};
    const char *e[] = {"0.2", "1", "2"};
    double diff = 0, diff_ref = 0;
    size_t n = 0;
    for (size_t i = 0; i < 6; i++) {
        nt_loaded l = nt_load(domains[i], true);
        for (size_t k = 0; k < 3; k++) {
            char a[32], b[32];
            snprintf(a, sizeof a, "boa:%s", e[k]);
            snprintf(b, sizeof b, "timedep:%s", e[k]);
            double x = mean_frontier_distance(&l, a, b);
            print_message("%-15s e=%-3s distance to the frontier: boa - twin = %+.4f\n", domains[i],
                          e[k], x);
            diff += x;
            if (i < 2) /* the reference (traced) domains */
                diff_ref += x;
            n++;
        }
        nt_unload(&l);
    }
    print_message("mean over %zu (domain, e): boa - twin = %+.4f; over Laptop and CarB: %+.4f\n", n,
                  diff / (double)n, diff_ref / 6.0);
    assert_true(diff / (double)n < -0.01);
    assert_true(diff_ref < 0);
}

static void test_threads_and_checks(void **state)
{
    (void)state;
    nt_loaded l = nt_load("CarB", true);
    parley_agent_spec st[4] = {nt_spec("boa"), nt_spec("nicetft"), nt_spec("random"),
                               nt_spec("conceder")};
    parley_tournament_options o;
    parley_tournament_options_init(&o);
    o.information = PARLEY_INFO_PRIVATE;
    o.steps = 150;
    o.reps = 2;
    parley_error err;
    o.threads = 1;
    parley_tournament_result *a = parley_tournament_run_all(l.dom, st, 4, &o, &err);
    o.threads = 2;
    parley_tournament_result *b = parley_tournament_run_all(l.dom, st, 4, &o, &err);
    assert_non_null(a);
    assert_non_null(b);
    assert_memory_equal(a->payoff, b->payoff, a->n_runs * a->n_parties * sizeof *a->payoff);
    assert_memory_equal(a->scores, b->scores, a->n_strategies * sizeof *a->scores);
    parley_tournament_result_free(a);
    parley_tournament_result_free(b);

    parley_negotiate_options no;
    parley_negotiate_options_init(&no);
    no.information = PARLEY_INFO_PRIVATE;
    parley_agent_spec bad[2] = {nt_spec("nash"), nt_spec("linear")};
    assert_null(parley_negotiate_run(l.dom, bad, &no, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    no.information = PARLEY_INFO_FULL;
    parley_agent_spec bad2[2] = {nt_spec("boa"), nt_spec("linear")};
    assert_null(parley_negotiate_run(l.dom, bad2, &no, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    nt_unload(&l);

    /* an unprepared domain */
    parley_space *sp = parley_genius_load_folder(DOMAINS "Laptop", &err);
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_agent_spec ok[2] = {nt_spec("linear"), nt_spec("linear")};
    no.information = PARLEY_INFO_PRIVATE;
    assert_null(parley_negotiate_run(dom, ok, &no, &err));
    /* the enumeration limit */
    assert_int_equal(parley_nego_domain_prepare_private(dom, 10, &err), PARLEY_ERR_LIMIT);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_java_hashes),        cmocka_unit_test(test_genius_utilities),
        cmocka_unit_test(test_model_convergence),  cmocka_unit_test(test_boa_closer_to_frontier),
        cmocka_unit_test(test_threads_and_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
