/*
 * tests/stability/test_stability_props.c — property tests on random
 * option-form conflicts (random DMs, options, reversibility, infeasible
 * patterns, rankings with ties or prioritised statements):
 *   - containments Nash => SMR => GMR and Nash => SEQ => GMR, per DM/state;
 *   - the fast solver (reachability minima) equals the general solver
 *     (explicit legal-sequence search) for Nash, GMR, SMR, SEQ;
 *   - with two DMs, --gmcrplus semantics equal the textbook ones;
 *   - SEQ+SIM = SEQ or SIM; equilibria = stable for every DM;
 *   - a singleton partition given as coalitions changes nothing, in any
 *     numbering of the agents;
 *   - the product-graph solver equals the general search with --gmcrplus,
 *     misperceptions, graph form and random coalitions (SMR of a coalition
 *     included: its per-member bounds plus the explicit search for the
 *     moves they leave open).
 */
#include "parley/stability.h"
#include "stability/gm_solve.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* A random GMCR+ .gmcr JSON text. With probe, rankings are left out (to
 * learn the number of feasible states n first); otherwise random rankings
 * with ties of n states are written when the file uses manual rankings. */
static char *random_gmcr(bool probe, size_t n)
{
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    assert_non_null(b);
#define OUT(...) (len += (size_t)snprintf(b + len, cap - len, __VA_ARGS__))
    int ndms = 2 + (int)rnd(3), nopt = 0, own[8][4], nown[8];
    for (int d = 0; d < ndms; d++) {
        nown[d] = 1 + (int)rnd(ndms == 2 ? 3 : 2);
        for (int k = 0; k < nown[d]; k++)
            own[d][k] = nopt++;
    }
    bool manual = rnd(2) && !probe;
    OUT("{\"useManualPreferenceRanking\": %s, \"options\": [", manual ? "true" : "false");
    static const char *const dirs[] = {"both", "both", "fwd", "back"};
    for (int k = 0; k < nopt; k++)
        OUT("%s{\"name\": \"o%d\", \"permittedDirection\": \"%s\"}", k ? "," : "", k, dirs[rnd(4)]);
    OUT("], \"infeasibles\": [");
    int ninf = (int)rnd(3);
    for (int i = 0; i < ninf; i++) {
        int a = (int)rnd((uint32_t)nopt), c = (int)rnd((uint32_t)nopt);
        OUT("%s[[%d, \"%s\"], [%d, \"%s\"]]", i ? "," : "", a, rnd(2) ? "Y" : "N", c,
            rnd(2) ? "Y" : "N");
    }
    OUT("], \"decisionMakers\": [");
    for (int d = 0; d < ndms; d++) {
        OUT("%s{\"name\": \"D%d\", \"options\": [", d ? "," : "", d);
        for (int k = 0; k < nown[d]; k++)
            OUT("%s%d", k ? "," : "", own[d][k]);
        OUT("], \"preferences\": [");
        int nst = 1 + (int)rnd(4);
        for (int j = 0; j < nst; j++) {
            OUT("%s", j ? "," : "");
            if (rnd(3) == 0)
                OUT("{\"compound\": true, \"members\": [[[%d, \"Y\"]], [[%d, \"N\"]]]}",
                    (int)rnd((uint32_t)nopt), (int)rnd((uint32_t)nopt));
            else
                OUT("[[%d, \"%s\"]]", (int)rnd((uint32_t)nopt), rnd(2) ? "Y" : "N");
        }
        OUT("], \"preferenceRanking\": [");
        if (manual) {
            size_t perm[256];
            assert_true(n <= 256);
            for (size_t i = 0; i < n; i++)
                perm[i] = i + 1;
            for (size_t i = n; i > 1; i--) {
                size_t j = rnd((uint32_t)i), t = perm[i - 1];
                perm[i - 1] = perm[j];
                perm[j] = t;
            }
            for (size_t i = 0; i < n;) {
                size_t g = 1 + (rnd(3) == 0 ? rnd(3) : 0);
                if (i + g > n)
                    g = n - i;
                OUT("%s[", i ? "," : "");
                for (size_t k = 0; k < g; k++)
                    OUT("%s%zu", k ? "," : "", perm[i + k]);
                OUT("]");
                i += g;
            }
        }
        OUT("]}");
    }
    OUT("]}");
    assert_true(len < cap - 1);
    return b;
#undef OUT
}

static parley_conflict *random_conflict(void)
{
    for (;;) {
        uint64_t snap = rng_state;
        char *text = random_gmcr(true, 0);
        parley_conflict *c0 = parley_conflict_parse_json(text, strlen(text), "probe", NULL);
        free(text);
        if (!c0) /* e.g. every state infeasible */
            continue;
        size_t n = parley_conflict_state_count(c0);
        parley_conflict_free(c0);
        rng_state = snap;
        text = random_gmcr(false, n);
        parley_error err;
        parley_conflict *c = parley_conflict_parse_json(text, strlen(text), "random", &err);
        if (!c)
            fail_msg("random conflict rejected: %s\n%s", err.message, text);
        free(text);
        return c;
    }
}

/* An empty result of c for the explicit solvers: agents by part (NULL:
 * one per DM), every concept's bits zeroed. */
static parley_stability *empty_result(const parley_conflict *c, const int *part)
{
    parley_stability *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->nstates = c->nstates;
    assert_int_equal(parleyp_gm_agents_build(c, part, &r->agents, NULL), PARLEY_OK);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        for (size_t a = 0; a < r->agents.n; a++)
            r->bits[k][a] = calloc((c->nstates + 63) / 64 + 1, sizeof(uint64_t));
    return r;
}

static parley_stability *solve_general_part(const parley_conflict *c, bool plus, const int *part)
{
    parley_stability *r = empty_result(c, part);
    assert_int_equal(parleyp_gm_solve_general(c, r, plus, NULL), PARLEY_OK);
    return r;
}

static parley_stability *solve_general(const parley_conflict *c, bool plus)
{
    return solve_general_part(c, plus, NULL);
}

static void test_random_conflicts(void **state)
{
    (void)state;
    for (int iter = 0; iter < 300; iter++) {
        parley_conflict *c = random_conflict();
        size_t n = parley_conflict_state_count(c), nd = parley_conflict_dm_count(c);
        parley_stability_options opt = {NULL, false, 1 + iter % 2};
        parley_stability *fast = parley_stability_solve(c, &opt, NULL);
        assert_non_null(fast);
        parley_stability *gen = solve_general(c, false);
        parley_stability *plus = nd == 2 ? solve_general(c, true) : NULL;
        int part[GM_MAX_DMS];
        for (size_t d = 0; d < nd; d++)
            part[d] = (int)d;
        parley_stability_options copt = {part, false, 1};
        parley_stability *single = parley_stability_solve(c, &copt, NULL);
        assert_non_null(single);
        /* singletons numbered in reverse: the same answers under agent nd-1-d */
        int rev[GM_MAX_DMS];
        for (size_t d = 0; d < nd; d++)
            rev[d] = (int)(nd - 1 - d);
        parley_stability_options ropt = {rev, false, 1};
        parley_stability *rsingle = parley_stability_solve(c, &ropt, NULL);
        assert_non_null(rsingle);
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            for (size_t d = 0; d < nd; d++)
                for (size_t s = 0; s < n; s++)
                    assert_int_equal(
                        parley_stability_is_stable(single, (parley_gmcr_concept)k, d, s),
                        parley_stability_is_stable(rsingle, (parley_gmcr_concept)k, nd - 1 - d, s));
        parley_stability_free(rsingle);
        for (size_t d = 0; d < nd; d++)
            for (size_t s = 0; s < n; s++) {
                bool v[PARLEY_GMCR_CONCEPTS];
                for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
                    v[k] = parley_stability_is_stable(fast, (parley_gmcr_concept)k, d, s);
                    assert_int_equal(
                        v[k], parley_stability_is_stable(single, (parley_gmcr_concept)k, d, s));
                    if (k <= PARLEY_GMCR_SEQ) {
                        if (v[k] != parley_stability_is_stable(gen, (parley_gmcr_concept)k, d, s))
                            fail_msg("iter %d: %s differs (fast %d) DM %zu state %zu", iter,
                                     parley_gmcr_concept_name((parley_gmcr_concept)k), v[k], d,
                                     s + 1);
                        if (plus)
                            assert_int_equal(v[k], parley_stability_is_stable(
                                                       plus, (parley_gmcr_concept)k, d, s));
                    }
                }
                if (v[PARLEY_GMCR_NASH])
                    assert_true(v[PARLEY_GMCR_SMR] && v[PARLEY_GMCR_SEQ]);
                if (v[PARLEY_GMCR_SMR] || v[PARLEY_GMCR_SEQ])
                    assert_true(v[PARLEY_GMCR_GMR]);
                if (v[PARLEY_GMCR_NASH])
                    assert_true(v[PARLEY_GMCR_SIM]);
                assert_int_equal(v[PARLEY_GMCR_SEQSIM], v[PARLEY_GMCR_SEQ] || v[PARLEY_GMCR_SIM]);
                /* SIM against its definition by the explicit search (no
                 * prefilter, no dense payoffs): stable iff every improvement
                 * has a simultaneous sanction */
                bool sim = true;
                gm_idvec mv = {0};
                assert_int_equal(parleyp_gm_agent_moves(c, &fast->agents, d, (uint32_t)s, &mv), 0);
                for (size_t q = 0; q < mv.n && sim; q++)
                    if (gm_better(c, fast->agents.dmset[d], mv.v[q], (uint32_t)s))
                        sim = parleyp_gm_find_sim_sanction(c, &fast->agents, d, (uint32_t)s,
                                                           mv.v[q], NULL, NULL);
                parleyp_gm_idvec_free(&mv);
                if (v[PARLEY_GMCR_SIM] != sim)
                    fail_msg("iter %d: SIM differs (fast %d) DM %zu state %zu", iter,
                             v[PARLEY_GMCR_SIM], d, s + 1);
            }
        for (size_t s = 0; s < n; s++)
            for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
                bool all = true;
                for (size_t d = 0; d < nd; d++)
                    all = all && parley_stability_is_stable(fast, (parley_gmcr_concept)k, d, s);
                assert_int_equal(all,
                                 parley_stability_is_equilibrium(fast, (parley_gmcr_concept)k, s));
            }
        parley_stability_free(fast);
        parley_stability_free(gen);
        parley_stability_free(plus);
        parley_stability_free(single);
        parley_conflict_free(c);
    }
}

static parley_stability *solve_product(const parley_conflict *c, bool plus)
{
    parley_stability *r = empty_result(c, NULL);
    assert_int_equal(parleyp_gm_solve_product(c, r, plus, 1, NULL), PARLEY_OK);
    return r;
}

static void same_results(const parley_conflict *c, const parley_stability *a,
                         const parley_stability *b, const char *what, int iter)
{
    assert_int_equal(parley_stability_agent_count(a), parley_stability_agent_count(b));
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        for (size_t d = 0; d < parley_stability_agent_count(a); d++)
            for (size_t s = 0; s < c->nstates; s++)
                if (parley_stability_is_stable(a, (parley_gmcr_concept)k, d, s) !=
                    parley_stability_is_stable(b, (parley_gmcr_concept)k, d, s))
                    fail_msg("iter %d %s: %s differs for DM %zu at state %zu", iter, what,
                             parley_gmcr_concept_name((parley_gmcr_concept)k), d, s + 1);
}

/* The conflict as a graph-form YAML text: states named by their Y/N
 * letters, each DM's moves listed, rankings from the payoffs. */
static char *graph_yaml(const parley_conflict *c)
{
    size_t cap = 1 << 20, len = 0, n = c->nstates;
    char *b = malloc(cap), lab[64];
    assert_non_null(b);
#define OUT(...) (len += (size_t)snprintf(b + len, cap - len, __VA_ARGS__))
    OUT("conflict:\n  decision_makers:\n");
    for (size_t d = 0; d < c->ndms; d++)
        OUT("    - {id: %s}\n", c->dms[d].name);
    OUT("  states: [");
    for (size_t s = 0; s < n; s++)
        OUT("%s\"s%s\"", s ? ", " : "", parley_conflict_state_label(c, s, lab, sizeof lab));
    OUT("]\n  moves:\n");
    gm_idvec mv = {0};
    for (size_t d = 0; d < c->ndms; d++) {
        OUT("    %s: [", c->dms[d].name);
        bool first = true;
        for (uint32_t s = 0; s < n; s++) {
            mv.n = 0;
            parleyp_gm_moves(c, (uint32_t)1 << d, s, &mv);
            for (size_t q = 0; q < mv.n; q++) {
                char l2[64];
                OUT("%s[\"s%s\", \"s%s\"]", first ? "" : ", ",
                    parley_conflict_state_label(c, s, lab, sizeof lab),
                    parley_conflict_state_label(c, mv.v[q], l2, sizeof l2));
                first = false;
            }
        }
        OUT("]\n");
    }
    parleyp_gm_idvec_free(&mv);
    OUT("  preferences:\n");
    for (size_t d = 0; d < c->ndms; d++) {
        OUT("    %s: {ranking: [", c->dms[d].name);
        uint32_t top = 0;
        for (size_t s = 0; s < n; s++)
            if (c->pay[d][s] > top)
                top = c->pay[d][s];
        bool firstg = true;
        for (long lv = top; lv >= 0; lv--) {
            bool any = false;
            for (size_t s = 0; s < n; s++)
                if (c->pay[d][s] == (uint32_t)lv) {
                    OUT("%s\"s%s\"",
                        any      ? ", "
                        : firstg ? "["
                                 : ", [",
                        parley_conflict_state_label(c, s, lab, sizeof lab));
                    any = true;
                    firstg = false;
                }
            if (any)
                OUT("]");
        }
        OUT("]}\n");
    }
#undef OUT
    assert_true(len < cap - 1);
    return b;
}

/* Two random DMs (or, with two, both) act as one coalition: the solver
 * (SMR included) equals the general search, in both semantics. */
static void same_with_coalition(const parley_conflict *c, int iter, const char *what)
{
    int part[GM_MAX_DMS], next = 1;
    size_t nd = c->ndms, x = rnd((uint32_t)nd), y = (x + 1 + rnd((uint32_t)nd - 1)) % nd;
    for (size_t d = 0; d < nd; d++)
        part[d] = d == x || d == y ? 0 : next++;
    for (int plus = 0; plus < 2; plus++) {
        char label[64];
        snprintf(label, sizeof label, "%s%s", what, plus ? " gmcrplus" : "");
        parley_stability *gen = solve_general_part(c, plus, part);
        parley_stability_options copt = {part, plus, 1 + iter % 2};
        parley_stability *prod = parley_stability_solve(c, &copt, NULL);
        assert_non_null(prod);
        assert_true(parley_stability_has_concept(prod, PARLEY_GMCR_SMR));
        same_results(c, gen, prod, label, iter);
        parley_stability_free(prod);
        parley_stability_free(gen);
    }
}

/* The product-graph solver (graph form, --gmcrplus, misperceptions) equals
 * the general explicit search: on random conflicts with both semantics,
 * with random misperceptions, and on each conflict rewritten in graph
 * form (moves listed explicitly). */
static void test_product_solver(void **state)
{
    (void)state;
    for (int iter = 0; iter < 300; iter++) {
        parley_conflict *c = random_conflict();
        for (int plus = 0; plus < 2; plus++) {
            parley_stability *gen = solve_general(c, plus);
            parley_stability *prod = solve_product(c, plus);
            same_results(c, gen, prod, plus ? "gmcrplus" : "textbook", iter);
            parley_stability_free(prod);
            parley_stability_options opt = {NULL, plus, 1 + iter % 2};
            prod = parley_stability_solve(c, &opt, NULL);
            same_results(c, gen, prod, plus ? "solve gmcrplus" : "solve", iter);
            parley_stability_free(prod);
            parley_stability_free(gen);
        }
        /* coalitions: two DMs (or, with two, both) act as one */
        same_with_coalition(c, iter, "coalition");
        /* graph form: the same moves and rankings give the same answers */
        char *y = graph_yaml(c);
        parley_error err;
        parley_conflict *g = parley_conflict_parse_yaml(y, strlen(y), "graph.yaml", &err);
        if (!g)
            fail_msg("%s\n%s", err.message, y);
        free(y);
        parley_stability_options opt = {NULL, false, 1};
        parley_stability *a = parley_stability_solve(c, &opt, NULL);
        parley_stability *b = parley_stability_solve(g, &opt, NULL);
        assert_non_null(b);
        same_results(c, a, b, "graph form", iter);
        parley_stability_free(b);
        parley_stability *gg = solve_general(g, false);
        same_results(c, a, gg, "graph form, general", iter);
        parley_stability_free(gg);
        parley_stability_free(a);
        parley_conflict_free(g);
        /* misperceptions: each DM blind to a random pattern of one or two options */
        for (size_t d = 0; d < c->ndms; d++) {
            if (rnd(3) == 0)
                continue;
            gm_dm *dm = &c->dms[d];
            dm->misp_pat = malloc(sizeof *dm->misp_pat);
            uint32_t k1 = rnd((uint32_t)c->noptions), k2 = rnd((uint32_t)c->noptions);
            uint32_t mask = (1u << k1) | (1u << k2);
            dm->misp_pat[0] = (gm_pattern){mask, mask & rnd(1u << c->noptions)};
            dm->nmisp_pat = 1;
        }
        assert_int_equal(parleyp_gm_misperceptions_build(c), PARLEY_OK);
        for (int plus = 0; plus < 2; plus++) {
            parley_stability *gen = solve_general(c, plus);
            parley_stability_options mopt = {NULL, plus, 1};
            parley_stability *prod = parley_stability_solve(c, &mopt, NULL);
            assert_non_null(prod);
            same_results(c, gen, prod, plus ? "misperceptions gmcrplus" : "misperceptions", iter);
            if (c->misperceptions)
                assert_false(parley_stability_has_concept(prod, PARLEY_GMCR_SIM));
            parley_stability_free(prod);
            parley_stability_free(gen);
        }
        /* and a coalition with them: it perceives what any member does */
        same_with_coalition(c, iter, "coalition misperceptions");
        parley_conflict_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_product_solver),
        cmocka_unit_test(test_random_conflicts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
