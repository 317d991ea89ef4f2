/*
 * tests/stability/test_stability_cases.c — every reference case in
 * data/gmcr/cases/ (gmcr-case/1 JSON, GMCR+ results):
 * feasible states (ordered/decimal/yn), rankings derived from preference
 * statements, the ranking used, the per-DM stable sets and equilibria of
 * every concept in test_oracle (Nash, GMR, SMR, SEQ, SIM, SEQ+SIM), with the
 * textbook solver and with --gmcrplus semantics, plus coalition analysis and
 * status quo analysis where a case has them.
 */
#include "parley/stability.h"

#include <dirent.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_data.h"

#define CASES_DIR PARLEY_DATA_DIR "/gmcr/cases"

static int concept_of(const char *name)
{
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        if (strcmp(name, parley_gmcr_concept_name((parley_gmcr_concept)k)) == 0)
            return k;
    return -1;
}

/* Expected group per state (0 = best) from a ranking with nested ties. */
static void groups_of(json_t *ranking, size_t n, long *group)
{
    for (size_t s = 0; s < n; s++)
        group[s] = -1;
    size_t g;
    json_t *e;
    json_array_foreach(ranking, g, e)
    {
        size_t nin = json_is_array(e) ? json_array_size(e) : 1;
        for (size_t k = 0; k < nin; k++) {
            json_int_t x = json_integer_value(json_is_array(e) ? json_array_get(e, k) : e);
            assert_true(x >= 1 && (size_t)x <= n);
            group[x - 1] = (long)g;
        }
    }
    for (size_t s = 0; s < n; s++)
        assert_true(group[s] >= 0);
}

/* Same order: group a < group b  <=>  level a > level b, for all pairs. */
static void check_ranking(const char *what, json_t *ranking, const uint32_t *lv, size_t n)
{
    long *g = malloc(n * sizeof *g);
    assert_non_null(g);
    groups_of(ranking, n, g);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            int eg = (g[a] < g[b]) - (g[a] > g[b]);
            int el = (lv[a] > lv[b]) - (lv[a] < lv[b]);
            if (eg != el)
                fail_msg("%s: states %zu and %zu ordered differently", what, a + 1, b + 1);
        }
    free(g);
}

/* Compares a list of 1-based state ids with a predicate over states. */
typedef bool (*state_pred)(const void *ctx, size_t s);
static void check_set(const char *what, json_t *expected, size_t n, state_pred pred,
                      const void *ctx)
{
    char *want = calloc(n, 1);
    assert_non_null(want);
    size_t i;
    json_t *v;
    json_array_foreach(expected, i, v)
    {
        json_int_t x = json_integer_value(v);
        assert_true(x >= 1 && (size_t)x <= n);
        want[x - 1] = 1;
    }
    for (size_t s = 0; s < n; s++)
        if ((bool)want[s] != pred(ctx, s))
            fail_msg("%s: state %zu expected %s", what, s + 1, want[s] ? "stable" : "unstable");
    free(want);
}

typedef struct pred_ctx {
    const parley_stability *r;
    int k;
    size_t agent;
} pred_ctx;
static bool pred_stable(const void *ctx, size_t s)
{
    const pred_ctx *p = ctx;
    return parley_stability_is_stable(p->r, (parley_gmcr_concept)p->k, p->agent, s);
}
static bool pred_eq(const void *ctx, size_t s)
{
    const pred_ctx *p = ctx;
    return parley_stability_is_equilibrium(p->r, (parley_gmcr_concept)p->k, s);
}

static size_t agent_named(const parley_stability *r, const char *name)
{
    for (size_t a = 0; a < parley_stability_agent_count(r); a++)
        if (strcmp(parley_stability_agent_name(r, a), name) == 0)
            return a;
    fail_msg("no agent named '%s'", name);
    return 0;
}

/* concepts: {"Nash": {"stable_per_dm": {...}, "equilibria": [...]}, ...} */
static void check_concepts(const char *id, const char *mode, json_t *concepts,
                           const parley_stability *r, size_t n)
{
    const char *cname;
    json_t *cv;
    int checked = 0;
    json_object_foreach(concepts, cname, cv)
    {
        int k = concept_of(cname);
        if (k < 0 || !json_is_object(cv))
            continue;
        char what[256];
        json_t *per = json_object_get(cv, "stable_per_dm");
        const char *dm;
        json_t *list;
        json_object_foreach(per, dm, list)
        {
            pred_ctx p = {r, k, agent_named(r, dm)};
            snprintf(what, sizeof what, "%s [%s] %s stable for %s", id, mode, cname, dm);
            check_set(what, list, n, pred_stable, &p);
            checked++;
        }
        json_t *eq = json_object_get(cv, "equilibria");
        if (eq) {
            pred_ctx p = {r, k, 0};
            snprintf(what, sizeof what, "%s [%s] %s equilibria", id, mode, cname);
            check_set(what, eq, n, pred_eq, &p);
            checked++;
        }
    }
    assert_true(checked >= 6); /* at least the equilibria of all six concepts */
}

static void check_status_quo(const char *id, json_t *sqa, const parley_conflict *c,
                             const parley_stability_options *opt, const char *key)
{
    json_t *blk = json_object_get(json_array_get(sqa, 0), key);
    if (!blk)
        return;
    parley_stability *r = parley_stability_solve(c, opt, NULL);
    assert_non_null(r);
    const char *st;
    json_t *per;
    json_object_foreach(blk, st, per)
    {
        size_t s = (size_t)atoi(st) - 1;
        const char *an;
        json_t *mv;
        json_object_foreach(per, an, mv)
        {
            size_t a = agent_named(r, an);
            /* moves and improvements from s: a path of one step from s */
            for (int imp = 0; imp < 2; imp++) {
                json_t *want = json_object_get(mv, imp ? "UIs" : "moves");
                parley_status_quo *q = parley_status_quo_solve(c, opt, s, imp, NULL);
                assert_non_null(q);
                size_t nwant = json_array_size(want), got = 0;
                for (size_t t = 0; t < parley_conflict_state_count(c); t++) {
                    parley_gmcr_step step;
                    if (parley_status_quo_distance(q, t) != 1)
                        continue;
                    assert_int_equal(parley_status_quo_path(q, t, &step, 1), 1);
                    /* reached in one step by agent a? (another agent may too) */
                    bool listed = false;
                    for (size_t i = 0; i < nwant; i++)
                        listed |= (size_t)json_integer_value(json_array_get(want, i)) == t + 1;
                    if (step.agent == a && !listed)
                        fail_msg("%s %s: state %zu: %s should not reach %zu", id, key, s + 1, an,
                                 t + 1);
                    got += listed;
                }
                if (got != nwant)
                    fail_msg("%s %s: state %zu: %s %s count %zu != %zu", id, key, s + 1, an,
                             imp ? "UIs" : "moves", got, nwant);
                parley_status_quo_free(q);
            }
        }
    }
    parley_stability_free(r);
}

static void run_case(const char *path)
{
    json_t *root = td_json_load(path);
    const char *id = json_string_value(json_object_get(root, "id"));
    parley_error err;
    parley_conflict *c = parley_conflict_load_json(path, &err);
    if (!c)
        fail_msg("%s: %s", path, err.message);
    /* feasible states */
    json_t *fs = json_object_get(root, "feasible_states");
    size_t n = parley_conflict_state_count(c);
    assert_int_equal(n, json_array_size(fs));
    char yn[64];
    for (size_t s = 0; s < n; s++) {
        json_t *e = json_array_get(fs, s);
        assert_int_equal(json_integer_value(json_object_get(e, "ordered")), s + 1);
        assert_int_equal(json_integer_value(json_object_get(e, "decimal")),
                         parley_conflict_state_decimal(c, s));
        assert_string_equal(json_string_value(json_object_get(e, "yn")),
                            parley_conflict_state_label(c, s, yn, sizeof yn));
    }
    /* rankings: derived from statements, and the one in use */
    json_t *dms = json_object_get(root, "decision_makers");
    assert_int_equal(parley_conflict_dm_count(c), json_array_size(dms));
    uint32_t *lv = malloc(n * sizeof *lv);
    assert_non_null(lv);
    for (size_t d = 0; d < json_array_size(dms); d++) {
        json_t *dm = json_array_get(dms, d);
        char what[256];
        json_t *fromst = json_object_get(dm, "ranking_from_statements_ordered");
        if (fromst) {
            assert_true(parley_conflict_statement_payoffs(c, d, lv));
            snprintf(what, sizeof what, "%s: %s ranking from statements", id,
                     parley_conflict_dm_name(c, d));
            check_ranking(what, fromst, lv, n);
        }
        for (size_t s = 0; s < n; s++)
            lv[s] = parley_conflict_payoff(c, d, s);
        snprintf(what, sizeof what, "%s: %s ranking", id, parley_conflict_dm_name(c, d));
        check_ranking(what, json_object_get(dm, "ranking_ordered"), lv, n);
    }
    free(lv);
    /* every concept of the oracle, textbook and GMCR+ semantics */
    json_t *concepts = json_object_get(json_object_get(root, "test_oracle"), "concepts");
    assert_non_null(concepts);
    for (int plus = 0; plus < 2; plus++) {
        parley_stability_options opt = {NULL, plus != 0, 2};
        parley_stability *r = parley_stability_solve(c, &opt, &err);
        if (!r)
            fail_msg("%s: %s", id, err.message);
        check_concepts(id, plus ? "gmcrplus" : "textbook", concepts, r, n);
        parley_stability_free(r);
    }
    /* coalition analysis */
    json_t *ca = json_object_get(root, "coalition_analysis");
    int *part = NULL;
    if (ca) {
        json_t *blk = json_array_get(ca, 0);
        json_t *co = json_object_get(blk, "coalitions");
        part = malloc(parley_conflict_dm_count(c) * sizeof *part);
        assert_non_null(part);
        for (size_t g = 0; g < json_array_size(co); g++)
            for (size_t k = 0; k < json_array_size(json_array_get(co, g)); k++) {
                const char *nm = json_string_value(json_array_get(json_array_get(co, g), k));
                for (size_t d = 0; d < parley_conflict_dm_count(c); d++)
                    if (strcmp(parley_conflict_dm_name(c, d), nm) == 0)
                        part[d] = (int)g;
            }
        for (int plus = 0; plus < 2; plus++) {
            parley_stability_options opt = {part, plus != 0, 1};
            parley_stability *r = parley_stability_solve(c, &opt, &err);
            if (!r)
                fail_msg("%s: %s", id, err.message);
            check_concepts(id, plus ? "coalition gmcrplus" : "coalition",
                           json_object_get(blk, "concepts"), r, n);
            parley_stability_free(r);
        }
    }
    /* status quo analysis: one-step moves/UIs per agent, and the UI path */
    json_t *sqa = json_object_get(root, "status_quo_analysis");
    if (sqa) {
        assert_non_null(part);
        if (!part)
            return;
        check_status_quo(id, sqa, c, NULL, "no_coalition");
        parley_stability_options opt = {part, false, 1};
        if (part)
            check_status_quo(id, sqa, c, &opt, "coalition_MoE_Uniroyal");
        json_t *blk = json_array_get(sqa, 0);
        size_t from = (size_t)json_integer_value(json_object_get(blk, "from_state")) - 1;
        /* the handout's path: 1 -(Local Government)-> 7 -(MoE+Uniroyal)-> 10 */
        parley_status_quo *q = parley_status_quo_solve(c, &opt, from, true, &err);
        assert_non_null(q);
        parley_gmcr_step steps[4];
        assert_int_equal(parley_status_quo_path(q, 9, steps, 4), 2);
        assert_int_equal(steps[0].to, 6);
        assert_int_equal(steps[1].to, 9);
        assert_int_equal(steps[1].agent, part[0]);
        parley_status_quo_free(q);
        /* without the coalition nobody reaches 10 by improvements */
        q = parley_status_quo_solve(c, NULL, from, true, &err);
        assert_non_null(q);
        assert_int_equal(parley_status_quo_distance(q, 9), -1);
        assert_int_equal(parley_status_quo_distance(q, 6), 1);
        parley_status_quo_free(q);
    }
    free(part);
    parley_conflict_free(c);
    json_decref(root);
}

static void test_all_cases(void **state)
{
    (void)state;
    DIR *dir = opendir(CASES_DIR);
    assert_non_null(dir);
    struct dirent *de;
    int ncases = 0;
    while ((de = readdir(dir))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", CASES_DIR, de->d_name);
        run_case(path);
        ncases++;
    }
    closedir(dir);
    assert_true(ncases >= 7);
}

/* Chicken worked example (README 3.8) through --explain. */
static void test_explain_chicken(void **state)
{
    (void)state;
    parley_error err;
    parley_conflict *c = parley_conflict_load_json(CASES_DIR "/chicken.json", &err);
    assert_non_null(c);
    parley_gmcr_explanation e;
    /* state 1, DM1: UI 1->2 answered by DM2's 2->4 (crash): GMR-sanctioned */
    assert_int_equal(parley_stability_explain(c, NULL, 0, 0, PARLEY_GMCR_GMR, &e, &err), PARLEY_OK);
    assert_true(e.stable);
    assert_int_equal(e.nmoves, 1);
    assert_int_equal(e.moves[0].improvement, 1);
    assert_int_equal(e.moves[0].nsteps, 1);
    assert_int_equal(e.moves[0].steps[0].agent, 1);
    assert_int_equal(e.moves[0].steps[0].to, 3);
    parley_gmcr_explanation_clear(&e);
    /* not SEQ: 2->4 is not an improvement for DM2 */
    assert_int_equal(parley_stability_explain(c, NULL, 0, 0, PARLEY_GMCR_SEQ, &e, &err), PARLEY_OK);
    assert_false(e.stable);
    assert_false(e.moves[0].sanctioned);
    parley_gmcr_explanation_clear(&e);
    parley_conflict_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_cases),
        cmocka_unit_test(test_explain_chicken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
