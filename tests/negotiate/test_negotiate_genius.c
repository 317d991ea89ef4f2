/*
 * tests/negotiate/test_negotiate_genius.c — negotiations and tournaments on
 * the GENIUS reference domains (data/genius/domains):
 * Hardliner vs Hardliner never agrees before the deadline; Conceder vs
 * Conceder agrees early, before Linear vs Linear, before Boulware vs
 * Boulware; agreements of concession agents are frontier points whose
 * utilities re-evaluate exactly; results are the same run after run and
 * whatever the number of threads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "nego_fixture.h"
#include "parley/genius.h"
#include "parley/negotiate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static parley_negotiation_result *run_all_same(const nt_loaded *l, const char *strategy,
                                               size_t steps)
{
    size_t d = parley_space_party_count(l->sp);
    parley_agent_spec ag[16];
    assert_true(d <= 16);
    for (size_t p = 0; p < d; p++)
        ag[p] = nt_spec(strategy);
    parley_negotiate_options o;
    parley_negotiate_options_init(&o);
    o.steps = steps;
    parley_error err;
    parley_negotiation_result *r = parley_negotiate_run(l->dom, ag, &o, &err);
    assert_non_null(r);
    return r;
}

/* Domains with conflicting best outcomes (2 and 3 parties). */
static const char *const CONFLICT[] = {
    "Laptop",        "CarB",    "AmsterdamA", "ItexvsCypressC", "EnglandvsZimbabweA",
    "group2-dinner", "AgentHp2"};
#define N_CONFLICT (sizeof CONFLICT / sizeof CONFLICT[0])

static void check_agreement(const nt_loaded *l, const parley_negotiation_result *r)
{
    size_t d = r->n_parties;
    double u[16];
    parley_space_utilities(l->sp, r->agreement, u);
    for (size_t p = 0; p < d; p++) {
        assert_near(u[p], r->utility[p], 0);
        assert_true(r->utility[p] >= parley_nego_domain_walk_away(l->dom, p));
        double disc = parley_space_discount(l->sp, p);
        assert_near(r->payoff[p], r->utility[p] * pow(disc, r->time), 1e-15);
    }
    assert_near(r->dist_frontier, 0, 0);
}

static void test_hardliners_and_conceders(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_CONFLICT; k++) {
        nt_loaded l = nt_load(CONFLICT[k], false);
        parley_negotiation_result *h = run_all_same(&l, "hardliner", 300);
        if (h->agreed)
            fail_msg("%s: hardliners agreed at step %zu", CONFLICT[k], h->steps - 1);
        assert_int_equal(h->n_trace, 300);
        assert_near(h->time, 1.0, 0);
        parley_negotiation_result *c = run_all_same(&l, "conceder", 300);
        parley_negotiation_result *li = run_all_same(&l, "linear", 300);
        parley_negotiation_result *b = run_all_same(&l, "boulware", 300);
        if (!c->agreed || !li->agreed || !b->agreed)
            fail_msg("%s: concession agents did not agree", CONFLICT[k]);
        if (!(c->time < 0.5 && c->time <= li->time && li->time <= b->time))
            fail_msg("%s: agreement times conceder %g, linear %g, boulware %g", CONFLICT[k],
                     c->time, li->time, b->time);
        check_agreement(&l, c);
        check_agreement(&l, li);
        check_agreement(&l, b);
        parley_negotiation_result_free(h);
        parley_negotiation_result_free(c);
        parley_negotiation_result_free(li);
        parley_negotiation_result_free(b);
        nt_unload(&l);
    }
}

/* Laptop by hand (frontier from docs/space.md: (1, .815105), (.874024,
 * .874024), (.851648, .941133), (.725620, 1); worst .350429 / .352664; no
 * discount in the files? the payoff check uses the file's factor). Boulware
 * buyer vs Conceder seller, 20 steps: s0 buyer offers its best (1, .8151);
 * s1 seller (t=.05, p = .3527 + .6473(1 - sqrt .05) = .855) offers
 * (.874, .874); s2 buyer (p = 1 - .6496 * .1^5 > .99) offers (1, .8151)
 * again; s3 seller (p = .3527 + .6473(1 - sqrt .15) = .749) would offer
 * (1, .8151) itself, so it accepts the buyer's. */
static void test_laptop_by_hand(void **state)
{
    (void)state;
    nt_loaded l = nt_load("Laptop", false);
    parley_agent_spec ag[2] = {nt_spec("boulware"), nt_spec("conceder")};
    parley_negotiate_options o;
    parley_negotiate_options_init(&o);
    o.steps = 20;
    parley_error err;
    parley_negotiation_result *r = parley_negotiate_run(l.dom, ag, &o, &err);
    assert_true(r->agreed);
    assert_int_equal(r->n_trace, 4);
    assert_int_equal(r->trace[3].action, PARLEY_ACTION_ACCEPT);
    assert_near(r->offer_utility[1 * 2 + 0], 0.874024, 1e-6);
    assert_near(r->utility[0], 1.0, 0);
    assert_near(r->utility[1], 0.815105, 1e-6);
    assert_near(r->time, 0.15, 1e-15);
    check_agreement(&l, r);
    parley_negotiation_result_free(r);
    nt_unload(&l);
}

static void test_determinism(void **state)
{
    (void)state;
    const char *const names[] = {"Laptop", "CarB", "group2-dinner"};
    parley_agent_spec st[7] = {nt_spec("boulware"),
                               nt_spec("conceder"),
                               nt_spec("linear"),
                               nt_spec("hardliner"),
                               nt_spec("titfortat"),
                               nt_spec("nash"),
                               nt_spec("random/next+time:0.8")};
    for (size_t k = 0; k < 3; k++) {
        nt_loaded l = nt_load(names[k], false);
        size_t d = parley_space_party_count(l.sp);
        parley_tournament_options o;
        parley_tournament_options_init(&o);
        o.reps = 3;
        o.steps = 120;
        o.seed = 7;
        parley_error err;
        o.threads = 1;
        parley_tournament_result *a = parley_tournament_run_all(l.dom, st, 7, &o, &err);
        o.threads = 2;
        parley_tournament_result *b = parley_tournament_run_all(l.dom, st, 7, &o, &err);
        parley_tournament_result *c = parley_tournament_run_all(l.dom, st, 7, &o, &err);
        assert_non_null(a);
        assert_non_null(b);
        assert_int_equal(a->n_runs, (size_t)pow(7, (double)d) * 3);
        assert_memory_equal(a->payoff, b->payoff, a->n_runs * d * sizeof(double));
        assert_memory_equal(b->payoff, c->payoff, a->n_runs * d * sizeof(double));
        assert_memory_equal(a->scores, b->scores, 7 * sizeof *a->scores);
        for (size_t j = 0; j < a->n_runs; j++) {
            assert_int_equal(a->runs[j].agreed, b->runs[j].agreed);
            assert_int_equal(a->runs[j].steps, b->runs[j].steps);
        }
        /* A single negotiation with random agents repeats exactly. */
        parley_agent_spec ag[3] = {st[6], st[6], st[6]};
        parley_negotiate_options no;
        parley_negotiate_options_init(&no);
        no.seed = 2024;
        parley_negotiation_result *x = parley_negotiate_run(l.dom, ag, &no, &err);
        parley_negotiation_result *y = parley_negotiate_run(l.dom, ag, &no, &err);
        assert_int_equal(x->n_offers, y->n_offers);
        assert_memory_equal(x->offer_outcome, y->offer_outcome,
                            x->n_offers * x->n_issues * sizeof(uint32_t));
        parley_negotiation_result_free(x);
        parley_negotiation_result_free(y);
        parley_tournament_result_free(a);
        parley_tournament_result_free(b);
        parley_tournament_result_free(c);
        nt_unload(&l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hardliners_and_conceders),
        cmocka_unit_test(test_laptop_by_hand),
        cmocka_unit_test(test_determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
