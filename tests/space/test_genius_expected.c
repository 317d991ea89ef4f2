/*
 * tests/space/test_genius_expected.c — every case of
 * data/genius/expected.json: the GENIUS files are imported,
 * the analysis run, and the frontier, Nash, Kalai, Kalai–Smorodinsky and
 * max-welfare points and outcomes compared with the reference to 1e-9.
 */
#include "parley/frontier.h"
#include "parley/genius.h"
#include "parley/space.h"

#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define REF PARLEY_DATA_DIR "/genius/"
#define TOL 1e-9

static json_t *g_expected;

static int load_expected(void **state)
{
    (void)state;
    json_error_t je;
    g_expected = json_load_file(REF "expected.json", 0, &je);
    if (!g_expected)
        fprintf(stderr, "missing or bad test data: %s: %s (line %d)\n", REF "expected.json",
                je.text, je.line);
    return g_expected ? 0 : -1;
}

static int free_expected(void **state)
{
    (void)state;
    json_decref(g_expected);
    return 0;
}

static bool same_vec(const double *a, json_t *b, size_t d)
{
    if (json_array_size(b) != d)
        return false;
    for (size_t p = 0; p < d; p++)
        if (fabs(a[p] - json_number_value(json_array_get(b, p))) > TOL)
            return false;
    return true;
}

/* Index of the point of `idx` (or of all points when idx is NULL) equal to v. */
static long find_point(const parley_frontier *fr, const size_t *idx, size_t n, json_t *v)
{
    size_t m = idx ? n : fr->n_points;
    for (size_t k = 0; k < m; k++) {
        size_t i = idx ? idx[k] : k;
        if (same_vec(fr->utility + i * fr->n_parties, v, fr->n_parties))
            return (long)i;
    }
    return -1;
}

/* Outcome from a JSON list of issue values (strings or numbers). */
static bool json_outcome(const parley_space *sp, json_t *vals, uint32_t *o)
{
    size_t n = parley_space_issue_count(sp);
    if (json_array_size(vals) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(vals, i);
        char buf[64];
        const char *label = buf;
        if (json_is_string(x))
            label = json_string_value(x);
        else if (json_is_integer(x))
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(x));
        else
            snprintf(buf, sizeof buf, "%.15g", json_number_value(x));
        long v = parley_space_value_find(sp, i, label);
        if (v < 0)
            return false;
        o[i] = (uint32_t)v;
    }
    return true;
}

static void check_concept(const char *name, const char *key, const parley_space *sp,
                          const parley_analysis *an, const size_t *idx, size_t n, json_t *exp)
{
    const parley_frontier *fr = &an->frontier;
    size_t d = fr->n_parties;
    json_t *pts = json_object_get(exp, key);
    char okey[64];
    snprintf(okey, sizeof okey, "%s_outcomes", key);
    json_t *outs = json_object_get(exp, okey);
    if (json_array_size(pts) != n)
        fail_msg("%s %s: %zu points, reference %zu", name, key, n, json_array_size(pts));
    size_t k;
    json_t *v;
    json_array_foreach(pts, k, v)
    {
        if (find_point(fr, idx, n, v) < 0)
            fail_msg("%s %s: reference point %zu not found", name, key, k);
    }
    /* every reference outcome evaluates to one of our points of this concept */
    uint32_t *o = malloc(parley_space_issue_count(sp) * sizeof *o);
    double *u = malloc(d * sizeof *u);
    assert_non_null(o);
    assert_non_null(u);
    json_array_foreach(outs, k, v)
    {
        if (!json_outcome(sp, v, o))
            fail_msg("%s %s: reference outcome %zu has unknown values", name, key, k);
        parley_space_utilities(sp, o, u);
        bool found = false;
        for (size_t j = 0; j < n && !found; j++) {
            found = true;
            for (size_t p = 0; p < d; p++)
                found = found && fabs(u[p] - fr->utility[idx[j] * d + p]) <= TOL;
        }
        if (!found)
            fail_msg("%s %s: reference outcome %zu is not one of our packages", name, key, k);
    }
    /* and our own outcomes evaluate to our points */
    for (size_t j = 0; j < n; j++) {
        parley_space_utilities(sp, fr->outcome + idx[j] * fr->n_issues, u);
        for (size_t p = 0; p < d; p++)
            assert_true(fabs(u[p] - fr->utility[idx[j] * d + p]) <= 1e-12);
    }
    free(o);
    free(u);
}

static void run_case(json_t *c)
{
    const char *name = json_string_value(json_object_get(c, "name"));
    char domain[1024];
    snprintf(domain, sizeof domain, REF "%s", json_string_value(json_object_get(c, "domain_file")));
    json_t *pf = json_object_get(c, "profile_files");
    size_t np = json_array_size(pf);
    char paths[16][1024];
    const char *pp[16];
    assert_true(np >= 1 && np <= 16);
    for (size_t p = 0; p < np; p++) {
        snprintf(paths[p], sizeof paths[p], REF "%s", json_string_value(json_array_get(pf, p)));
        pp[p] = paths[p];
    }
    parley_error err;
    memset(&err, 0, sizeof err);
    parley_space *sp = parley_genius_load(domain, pp, np, &err);
    if (!sp)
        fail_msg("%s: %s: %s", name, err.file, err.message);
    assert_int_equal(parley_space_party_count(sp), np);
    assert_true(parley_space_outcome_count(sp) ==
                json_number_value(json_object_get(c, "n_outcomes")));
    json_t *rv = json_object_get(c, "file_reserved_values");
    for (size_t p = 0; p < np; p++) {
        json_t *r = json_array_get(rv, p);
        double mine = parley_space_reservation(sp, p);
        if (json_is_null(r))
            assert_true(isnan(mine));
        else
            assert_true(mine == json_number_value(r));
    }
    parley_analysis_options opt;
    parley_analysis_options_init(&opt);
    opt.skip_zone = true;
    parley_analysis *an = parley_analysis_run(sp, &opt, &err);
    if (!an)
        fail_msg("%s: analysis failed: %s", name, err.message);
    json_t *exp = json_object_get(c, "expected");
    json_t *ranges = json_object_get(exp, "utility_ranges");
    for (size_t p = 0; p < np; p++) {
        json_t *r = json_array_get(ranges, p);
        if (fabs(an->worst[p] - json_number_value(json_array_get(r, 0))) > TOL ||
            fabs(an->best[p] - json_number_value(json_array_get(r, 1))) > TOL)
            fail_msg("%s: party %zu range [%.17g, %.17g], reference [%.17g, %.17g]", name, p,
                     an->worst[p], an->best[p], json_number_value(json_array_get(r, 0)),
                     json_number_value(json_array_get(r, 1)));
    }
    json_t *pareto = json_object_get(exp, "pareto");
    if (an->frontier.n_points != json_array_size(pareto))
        fail_msg("%s: frontier has %zu points, reference %zu", name, an->frontier.n_points,
                 json_array_size(pareto));
    size_t k;
    json_t *v;
    json_array_foreach(pareto, k, v)
    {
        if (find_point(&an->frontier, NULL, 0, v) < 0)
            fail_msg("%s: reference frontier point %zu not found", name, k);
    }
    check_concept(name, "nash", sp, an, an->nash, an->n_nash, exp);
    check_concept(name, "kalai", sp, an, an->kalai, an->n_kalai, exp);
    check_concept(name, "ks", sp, an, an->ks, an->n_ks, exp);
    check_concept(name, "max_welfare", sp, an, an->welfare, an->n_welfare, exp);
    parley_analysis_free(an);
    parley_space_free(sp);
}

static void test_every_case(void **state)
{
    (void)state;
    json_t *cases = json_object_get(g_expected, "cases");
    assert_true(json_array_size(cases) >= 19);
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c)
    {
        run_case(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_case),
    };
    return cmocka_run_group_tests(tests, load_expected, free_expected);
}
