/*
 * tests/negotiate/test_negotiate.c — the negotiation protocol and agents on
 * small hand-built domains, where every outcome can be worked out by hand.
 *
 * "Split": one issue with 5 values v = 0..4, U_A = v/4, U_B = 1 - v/4 (no
 * walk-aways, so Pmin = 0, Pmax = 1; the frontier is all 5 points and the
 * Nash package is v = 2, (0.5, 0.5)). Party A opens; step s is at t = s/N.
 * The expected traces are derived in the comments from p(t) = Pmin + (Pmax -
 * Pmin)(1 - t^(1/e)) and "offer the point worth >= p(t) best for the other".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "nego_fixture.h"
#include "parley/negotiate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static parley_space *split_space(double disc_a, double res_a, double res_b)
{
    size_t nv = 5;
    parley_space *sp = parley_space_new(2, 1, &nv, NULL);
    assert_non_null(sp);
    parley_space_set_party_name(sp, 0, "A");
    parley_space_set_party_name(sp, 1, "B");
    parley_space_set_issue_name(sp, 0, "share");
    for (size_t v = 0; v < 5; v++) {
        parley_space_set_term(sp, 0, 0, v, (double)v / 4.0);
        parley_space_set_term(sp, 1, 0, v, 1.0 - (double)v / 4.0);
    }
    parley_space_set_party_limits(sp, 0, res_a, disc_a);
    parley_space_set_party_limits(sp, 1, res_b, 1.0);
    return sp;
}

static parley_negotiation_result *run2(const parley_nego_domain *dom, const char *a, const char *b,
                                       size_t steps, uint64_t seed)
{
    parley_agent_spec ag[2] = {nt_spec(a), nt_spec(b)};
    parley_negotiate_options o;
    parley_negotiate_options_init(&o);
    o.steps = steps;
    o.seed = seed;
    parley_error err;
    parley_negotiation_result *r = parley_negotiate_run(dom, ag, &o, &err);
    assert_non_null(r);
    return r;
}

static uint32_t offer_value(const parley_negotiation_result *r, size_t k)
{
    assert_true(r->trace[k].offer >= 0);
    return r->offer_outcome[(size_t)r->trace[k].offer * r->n_issues];
}

static void test_offer_lookup(void **state)
{
    (void)state;
    parley_space *sp = split_space(1, NAN, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    assert_non_null(dom);
    const parley_frontier *fr = &parley_nego_domain_analysis(dom)->frontier;
    assert_int_equal(fr->n_points, 5);
    /* A wants >= 0.6: v = 3 (0.75) and v = 4 qualify; v = 3 is better for B. */
    long k = parley_nego_domain_offer(dom, 0, 0.6);
    assert_true(k >= 0);
    assert_int_equal(fr->outcome[k], 3);
    k = parley_nego_domain_offer(dom, 0, 1.5); /* unreachable: A's best */
    assert_int_equal(fr->outcome[k], 4);
    k = parley_nego_domain_offer(dom, 1, 0.0); /* anything: best for A */
    assert_int_equal(fr->outcome[k], 4);
    k = parley_nego_domain_offer(dom, 1, 0.5);
    assert_int_equal(fr->outcome[k], 2);
    assert_near(parley_nego_domain_pmax(dom, 0), 1.0, 0);
    assert_near(parley_nego_domain_pmin(dom, 0), 0.0, 0);
    double u[2] = {0.5, 0.5};
    assert_near(parley_nego_domain_distance_nash(dom, u), 0.0, 1e-15);
    double v[2] = {0.0, 0.0};
    /* nearest frontier point of (0,0): (.5,.5) */
    assert_near(parley_nego_domain_distance_frontier(dom, v), sqrt(0.5), 1e-15);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* Linear vs linear, 10 steps, A discounted by 0.9:
 *  s0 A t=0   p=1    offers v=4          s1 B t=.1 p=.9  offers v=0
 *  s2 A t=.2  p=.8   offers v=4          s3 B t=.3 p=.7  offers v=1 (u_B .75)
 *  s4 A t=.4  p=.6   offers v=3          s5 B t=.5 p=.5  offers v=2
 *  s6 A t=.6  p=.4   next offer v=2 (.5), standing gives .5 >= .5: accepts. */
static void test_linear_by_hand(void **state)
{
    (void)state;
    parley_space *sp = split_space(0.9, NAN, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_negotiation_result *r = run2(dom, "linear", "linear", 10, 1);
    const uint32_t expect[6] = {4, 0, 4, 1, 3, 2};
    assert_true(r->agreed);
    assert_int_equal(r->n_trace, 7);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(r->trace[k].action, PARLEY_ACTION_OFFER);
        assert_int_equal(r->trace[k].party, k % 2);
        assert_int_equal(offer_value(r, k), expect[k]);
    }
    assert_int_equal(r->trace[6].action, PARLEY_ACTION_ACCEPT);
    assert_int_equal(r->steps, 7);
    assert_near(r->time, 0.6, 1e-15);
    assert_int_equal(r->agreement[0], 2);
    assert_near(r->utility[0], 0.5, 0);
    assert_near(r->utility[1], 0.5, 0);
    assert_near(r->payoff[0], 0.5 * pow(0.9, 0.6), 1e-15);
    assert_near(r->payoff[1], 0.5, 0);
    assert_near(r->dist_frontier, 0, 0);
    assert_near(r->dist_nash, 0, 0);
    parley_negotiation_result_free(r);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* Conceder (e=2) vs conceder, 100 steps: B first offers v=2 at s=25
 * (p = 1 - sqrt(.25) = .5); A accepts at s=26 (its own p = .49 gives v=2).
 * Linear: A offers v=2 at s=50, B accepts at s=51. Boulware later still. */
static void test_concession_speed(void **state)
{
    (void)state;
    parley_space *sp = split_space(1, NAN, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_negotiation_result *c = run2(dom, "conceder", "conceder", 100, 1);
    assert_true(c->agreed);
    assert_int_equal(c->steps - 1, 26);
    assert_int_equal(c->trace[c->n_trace - 1].party, 0);
    assert_int_equal(c->agreement[0], 2);
    parley_negotiation_result *l = run2(dom, "linear", "linear", 100, 1);
    assert_true(l->agreed);
    assert_int_equal(l->steps - 1, 51);
    assert_int_equal(l->agreement[0], 2);
    parley_negotiation_result *b = run2(dom, "boulware", "boulware", 100, 1);
    assert_true(b->agreed);
    assert_true(b->time > l->time);
    /* Boulware (e=.2): p(t) = 1 - t^5 reaches .5 at t = .5^(1/5) = .8706:
     * B offers v=1 at s=87 (p .5016), A offers v=2 at s=88 (p .4723), B
     * accepts at s=89. */
    assert_int_equal(b->steps - 1, 89);
    assert_int_equal(b->agreement[0], 2);
    parley_negotiation_result_free(c);
    parley_negotiation_result_free(l);
    parley_negotiation_result_free(b);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

static void test_hardliners_never_agree(void **state)
{
    (void)state;
    parley_space *sp = split_space(0.5, 0.1, 0.2);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_negotiation_result *r = run2(dom, "hardliner", "hardliner", 200, 1);
    assert_false(r->agreed);
    assert_int_equal(r->ended_by, -1);
    assert_int_equal(r->n_trace, 200);
    for (size_t k = 0; k < r->n_trace; k++) {
        assert_int_equal(r->trace[k].action, PARLEY_ACTION_OFFER);
        /* Best rational points: A's v=3 (B's walk-away .2 rules out v=4),
         * B's v=1 (A's walk-away .1 rules out v=0). */
        assert_int_equal(offer_value(r, k), k % 2 ? 1 : 3);
    }
    assert_near(r->time, 1.0, 0);
    assert_near(r->utility[0], 0.1, 0);
    assert_near(r->payoff[0], 0.1 * 0.5, 1e-15); /* walk-away discounted at t = 1 */
    assert_near(r->payoff[1], 0.2, 0);
    parley_negotiation_result_free(r);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* AC_const(.25) on a hardliner vs linear B: B offers v=1 (u_A .25) first at
 * s=25 (p = .75); A accepts at s=26. AC_time(.9): A accepts B's v=0 at s=90. */
static void test_acceptance_rules(void **state)
{
    (void)state;
    parley_space *sp = split_space(1, NAN, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_negotiation_result *r = run2(dom, "hardliner/const:0.25", "linear", 100, 1);
    assert_true(r->agreed);
    assert_int_equal(r->steps - 1, 26);
    assert_int_equal(r->agreement[0], 1);
    parley_negotiation_result_free(r);
    r = run2(dom, "hardliner/time:0.9", "hardliner", 100, 1);
    assert_true(r->agreed);
    assert_int_equal(r->steps - 1, 90);
    assert_int_equal(r->agreement[0], 0);
    parley_negotiation_result_free(r);
    r = run2(dom, "hardliner/next+time:0.9", "hardliner", 100, 1);
    assert_int_equal(r->steps - 1, 90);
    parley_negotiation_result_free(r);

    parley_acceptance a;
    assert_int_equal(parley_acceptance_parse("next+const:0.7+time:0.95", "x", &a, &err), PARLEY_OK);
    assert_true(a.next);
    assert_near(a.constant, 0.7, 0);
    assert_near(a.time, 0.95, 0);
    assert_int_equal(parley_acceptance_parse("time:2", "--accept", &a, &err), PARLEY_ERR_INPUT);
    assert_string_equal(err.field, "--accept");
    assert_int_equal(parley_acceptance_parse("soon", "--accept", &a, &err), PARLEY_ERR_INPUT);
    parley_agent_spec s;
    assert_int_equal(parley_agent_spec_parse("stubborn", "--agent", &s, &err), PARLEY_ERR_INPUT);
    assert_string_equal(err.field, "--agent");
    assert_int_equal(parley_agent_spec_parse("timedep:-1", "--agent", &s, &err), PARLEY_ERR_INPUT);
    assert_int_equal(parley_agent_spec_parse("timedep:0.5", "--agent", &s, &err), PARLEY_OK);
    assert_near(s.e, 0.5, 0);
    assert_int_equal(parley_agent_spec_parse("boulware", "--agent", &s, &err), PARLEY_OK);
    assert_near(s.e, 0.2, 0);
    assert_true(s.accept.next);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* Tit-for-tat never goes below its Nash utility and barely moves against a
 * hardliner; two of them, or one against a conceder, agree. */
static void test_tit_for_tat(void **state)
{
    (void)state;
    parley_space *sp = split_space(1, NAN, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_negotiation_result *r = run2(dom, "titfortat", "hardliner", 50, 1);
    assert_false(r->agreed);
    /* Kindness .1 + .9 t^5: until t^5 < (.5 - .1)/.9 the target stays above
     * .75 and A offers v=4 (step 40, t=.8: ratio .395, target .80); it
     * never offers below its Nash utility (v=2). */
    for (size_t k = 0; k < r->n_trace; k += 2) {
        if (r->trace[k].time <= 0.8)
            assert_int_equal(offer_value(r, k), 4);
        assert_true(offer_value(r, k) >= 2);
    }
    parley_negotiation_result_free(r);
    /* Two tit-for-tat agents reach the Nash package before the deadline. */
    r = run2(dom, "titfortat", "titfortat", 100, 1);
    assert_true(r->agreed);
    assert_int_equal(r->agreement[0], 2);
    parley_negotiation_result_free(r);
    r = run2(dom, "titfortat", "conceder", 100, 1);
    assert_true(r->agreed);
    for (size_t k = 0; k < r->n_trace; k++)
        if (r->trace[k].party == 0 && r->trace[k].action == PARLEY_ACTION_OFFER)
            assert_true(offer_value(r, k) >= 2);
    assert_true(r->utility[0] >= 0.5);
    parley_negotiation_result_free(r);
    /* Nash agents agree at once on v = 2. */
    r = run2(dom, "nash", "nash", 100, 1);
    assert_true(r->agreed);
    assert_int_equal(r->steps, 2);
    assert_int_equal(r->agreement[0], 2);
    parley_negotiation_result_free(r);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* Three parties, one issue of three values; U_A = (1, .5, 0), U_B = (0, .5,
 * 1), U_C = (.5, 1, .5). Nash (d = worst = 0, 0, .5) is v=1. With three Nash
 * agents A offers v=1, B and C accept: agreed at step 2. When C is a
 * hardliner (best v=1 too) the same. When B is a hardliner it counters
 * with v=2 at step 1, so A's offer is not agreed by C's acceptance alone. */
static void test_three_parties(void **state)
{
    (void)state;
    size_t nv = 3;
    parley_space *sp = parley_space_new(3, 1, &nv, NULL);
    const double t[3][3] = {{1, .5, 0}, {0, .5, 1}, {.5, 1, .5}};
    for (size_t p = 0; p < 3; p++)
        for (size_t v = 0; v < 3; v++)
            parley_space_set_term(sp, p, 0, v, t[p][v]);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    assert_non_null(dom);
    parley_negotiate_options o;
    parley_negotiate_options_init(&o);
    o.steps = 30;
    parley_agent_spec ag[3] = {nt_spec("nash"), nt_spec("nash"), nt_spec("hardliner")};
    parley_negotiation_result *r = parley_negotiate_run(dom, ag, &o, &err);
    assert_true(r->agreed);
    assert_int_equal(r->steps, 3);
    assert_int_equal(r->agreement[0], 1);
    assert_int_equal(r->trace[1].action, PARLEY_ACTION_ACCEPT);
    assert_int_equal(r->trace[2].action, PARLEY_ACTION_ACCEPT);
    parley_negotiation_result_free(r);
    ag[1] = nt_spec("hardliner");
    ag[2] = nt_spec("nash");
    r = parley_negotiate_run(dom, ag, &o, &err);
    assert_false(r->agreed);
    assert_int_equal(r->trace[1].action, PARLEY_ACTION_OFFER);
    assert_int_equal(offer_value(r, 1), 2);
    /* B counters every offer but its own, so an acceptance is always
     * followed by a counter-offer: no offer collects both acceptances. */
    for (size_t k = 0; k + 1 < r->n_trace; k++)
        if (r->trace[k].action == PARLEY_ACTION_ACCEPT)
            assert_int_not_equal(r->trace[k + 1].action, PARLEY_ACTION_ACCEPT);
    parley_negotiation_result_free(r);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* A walk-away above everything empties the frontier: the first mover ends. */
static void test_walk_away(void **state)
{
    (void)state;
    parley_space *sp = split_space(0.8, 0.9, 0.9);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    assert_int_equal(parley_nego_domain_analysis(dom)->frontier.n_points, 0);
    parley_negotiation_result *r = run2(dom, "conceder", "conceder", 100, 1);
    assert_false(r->agreed);
    assert_int_equal(r->ended_by, 0);
    assert_int_equal(r->n_trace, 1);
    assert_int_equal(r->trace[0].action, PARLEY_ACTION_END);
    assert_near(r->payoff[0], 0.9, 0); /* ended at t = 0 */
    assert_near(r->advantage[1], 0.0, 0);
    assert_true(isnan(r->dist_nash));
    parley_negotiation_result_free(r);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

static void test_random_and_tournament_determinism(void **state)
{
    (void)state;
    parley_space *sp = split_space(0.7, 0.1, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_negotiation_result *a = run2(dom, "random", "random/const:0.9", 100, 42);
    parley_negotiation_result *b = run2(dom, "random", "random/const:0.9", 100, 42);
    assert_int_equal(a->n_trace, b->n_trace);
    assert_int_equal(a->n_offers, b->n_offers);
    assert_memory_equal(a->offer_outcome, b->offer_outcome, a->n_offers * sizeof(uint32_t));
    for (size_t k = 0; k < a->n_offers; k++) /* random offers stay above A's walk-away */
        if (a->offer_party[k] == 0)
            assert_true(a->offer_utility[k * 2] >= 0.1);
    parley_negotiation_result_free(a);
    parley_negotiation_result_free(b);

    parley_agent_spec st[6] = {nt_spec("boulware"),  nt_spec("conceder"),  nt_spec("linear"),
                               nt_spec("hardliner"), nt_spec("titfortat"), nt_spec("random")};
    parley_tournament_options o;
    parley_tournament_options_init(&o);
    o.reps = 7;
    o.seed = 12345;
    o.threads = 1;
    parley_tournament_result *r1 = parley_tournament_run_all(dom, st, 6, &o, &err);
    o.threads = 2;
    parley_tournament_result *r2 = parley_tournament_run_all(dom, st, 6, &o, &err);
    o.threads = 5;
    parley_tournament_result *r5 = parley_tournament_run_all(dom, st, 6, &o, &err);
    assert_non_null(r1);
    assert_int_equal(r1->n_runs, 36 * 7);
    assert_memory_equal(r1->payoff, r2->payoff, r1->n_runs * 2 * sizeof(double));
    assert_memory_equal(r1->payoff, r5->payoff, r1->n_runs * 2 * sizeof(double));
    assert_memory_equal(r1->scores, r2->scores, 6 * sizeof *r1->scores);
    assert_memory_equal(r1->scores, r5->scores, 6 * sizeof *r1->scores);
    /* Each strategy plays 2 * 6 * 7 slots (each role, against all six). */
    for (size_t s = 0; s < 6; s++)
        assert_int_equal(r1->scores[s].plays, 84);
    /* The hardliner-vs-hardliner assignment (3 + 3*6 = 21) never agrees. */
    for (size_t j = 21 * 7; j < 22 * 7; j++)
        assert_false(r1->runs[j].agreed);
    /* Conceder-vs-conceder (1 + 1*6 = 7) agrees at step 62 every time: A's
     * walk-away .1 leaves v = 1..4 on the frontier, so B's Pmax is .75 and it
     * offers v=2 from t = 1/9 on; A (Pmin .1) first targets <= .5 when
     * .1 + .9(1 - sqrt t) <= .5, t >= .3086: step 62 of 200 (t = .31). */
    for (size_t j = 7 * 7; j < 8 * 7; j++) {
        assert_true(r1->runs[j].agreed);
        assert_int_equal(r1->runs[j].steps - 1, 62);
        assert_near(r1->runs[j].time, 0.31, 1e-15);
    }
    /* Parts (as processes under mpirun compute them) put together are the
     * whole tournament, byte for byte. */
    size_t total = 0;
    assert_int_equal(parley_tournament_size(dom, 6, &o, &total, &err), PARLEY_OK);
    assert_int_equal(total, 36 * 7);
    parley_tournament_result *q[3] = {parley_tournament_run_part(dom, st, 6, &o, 0, 100, &err),
                                      parley_tournament_run_part(dom, st, 6, &o, 100, 0, &err),
                                      parley_tournament_run_part(dom, st, 6, &o, 100, 152, &err)};
    for (int k = 0; k < 3; k++)
        assert_non_null(q[k]);
    assert_int_equal(q[2]->first, 100);
    assert_memory_equal(q[2]->payoff, r1->payoff + 200, 152 * 2 * sizeof(double));
    const parley_tournament_result *const qs[3] = {q[0], q[1], q[2]};
    parley_tournament_result *rm = parley_tournament_merge(dom, qs, 3, &err);
    assert_non_null(rm);
    assert_int_equal(rm->n_runs, r1->n_runs);
    assert_memory_equal(rm->payoff, r1->payoff, r1->n_runs * 2 * sizeof(double));
    assert_memory_equal(rm->scores, r1->scores, 6 * sizeof *r1->scores);
    assert_memory_equal(&rm->agreement_rate, &r1->agreement_rate, sizeof(double));
    for (size_t j = 0; j < r1->n_runs; j++) {
        assert_int_equal(rm->runs[j].assignment, r1->runs[j].assignment);
        assert_int_equal(rm->runs[j].steps, r1->runs[j].steps);
        assert_memory_equal(&rm->runs[j].dist_nash, &r1->runs[j].dist_nash, sizeof(double));
    }
    parley_tournament_result_free(rm);
    /* parts that miss negotiations, or past the end, are refused */
    const parley_tournament_result *const short_parts[2] = {q[0], q[1]};
    assert_null(parley_tournament_merge(dom, short_parts, 2, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    assert_null(parley_tournament_run_part(dom, st, 6, &o, 200, 53, &err));
    for (int k = 0; k < 3; k++)
        parley_tournament_result_free(q[k]);
    /* Another seed changes the random agents' games only. */
    o.seed = 999;
    parley_tournament_result *r3 = parley_tournament_run_all(dom, st, 6, &o, &err);
    assert_memory_equal(r1->payoff + 7 * 7 * 2, r3->payoff + 7 * 7 * 2, 7 * 2 * sizeof(double));
    assert_memory_not_equal(r1->payoff, r3->payoff, r1->n_runs * 2 * sizeof(double));
    parley_tournament_result_free(r1);
    parley_tournament_result_free(r2);
    parley_tournament_result_free(r3);
    parley_tournament_result_free(r5);

    o.max_negotiations = 10;
    assert_null(parley_tournament_run_all(dom, st, 6, &o, &err));
    assert_int_equal(err.code, PARLEY_ERR_LIMIT);
    parley_negotiate_options no;
    parley_negotiate_options_init(&no);
    no.steps = 0;
    assert_null(parley_negotiate_run(dom, st, &no, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* A 10^10-outcome additive domain (10 issues of 10 values, 2 parties,
 * opposed random-ish terms): the frontier is merged, not enumerated, and
 * offers are looked up on it, so a negotiation takes milliseconds. */
static void test_huge_domain(void **state)
{
    (void)state;
    size_t nv[10];
    for (size_t i = 0; i < 10; i++)
        nv[i] = 10;
    parley_space *sp = parley_space_new(2, 10, nv, NULL);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < 10; i++)
        for (size_t v = 0; v < 10; v++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            double w = (double)(x % 1000) / 1000.0 / 10.0;
            parley_space_set_term(sp, 0, i, v, w * (double)v / 9.0);
            parley_space_set_term(sp, 1, i, v, (0.1 - w) * (double)(9 - v) / 9.0);
        }
    assert_true(parley_space_outcome_count(sp) >= 1e10);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    assert_non_null(dom);
    assert_true(parley_nego_domain_analysis(dom)->frontier.n_points > 100);
    parley_negotiation_result *r = run2(dom, "linear", "conceder", 500, 1);
    assert_true(r->agreed);
    double u[2];
    parley_space_utilities(sp, r->agreement, u);
    assert_near(u[0], r->utility[0], 0);
    assert_near(u[1], r->utility[1], 0);
    assert_near(r->dist_frontier, 0, 0);
    parley_negotiation_result_free(r);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

/* A wall-clock deadline: hardliners exchange offers until 20 ms have
 * passed; a conceder meets a Nash agent at t ~ .25 of a 0.5 s deadline
 * (generous, so a loaded machine does not make the test flaky). */
static void test_time_deadline(void **state)
{
    (void)state;
    parley_space *sp = split_space(1, NAN, NAN);
    parley_error err;
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    parley_agent_spec ag[2] = {nt_spec("hardliner"), nt_spec("hardliner")};
    parley_negotiate_options o;
    parley_negotiate_options_init(&o);
    o.deadline_seconds = 0.02;
    o.steps = 10000000;
    o.keep_trace = false;
    parley_negotiation_result *r = parley_negotiate_run(dom, ag, &o, &err);
    assert_non_null(r);
    assert_false(r->agreed);
    assert_near(r->time, 1.0, 0);
    assert_true(r->steps > 2 && r->steps < 10000000);
    parley_negotiation_result_free(r);
    ag[0] = nt_spec("conceder");
    ag[1] = nt_spec("nash");
    o.deadline_seconds = 0.5;
    r = parley_negotiate_run(dom, ag, &o, &err);
    assert_true(r->agreed);
    assert_true(r->time < 1.0);
    assert_int_equal(r->agreement[0], 2);
    parley_negotiation_result_free(r);
    o.deadline_seconds = NAN;
    assert_null(parley_negotiate_run(dom, ag, &o, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offer_lookup),
        cmocka_unit_test(test_linear_by_hand),
        cmocka_unit_test(test_concession_speed),
        cmocka_unit_test(test_hardliners_never_agree),
        cmocka_unit_test(test_acceptance_rules),
        cmocka_unit_test(test_tit_for_tat),
        cmocka_unit_test(test_three_parties),
        cmocka_unit_test(test_walk_away),
        cmocka_unit_test(test_random_and_tournament_determinism),
        cmocka_unit_test(test_huge_domain),
        cmocka_unit_test(test_time_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
