/*
 * model/utility.c — exact utility of complete and partial outcomes, and a
 * party's utility range (see utility.h).
 *
 * The additive part of U lies in [0,1] when weights sum to 1 (values are in
 * [0,1]), so without rules the clamp never binds and expectations are
 * linear. With rules, or weights as written summing past 1 (normalise:
 * false), the clamp can bind; the code then enumerates the open issues.
 */

#include "core/error.h"

#include <math.h>
#include <stdlib.h>

/* Most joint combinations of open issues enumerated for an exact expectation. */
#define PM_EXPECT_MAX_COMBOS 1000000u

static bool conds_hold(const parley_rule_condition *c, size_t n, const size_t *outcome)
{
    for (size_t k = 0; k < n; k++)
        if (!c[k].allowed[outcome[c[k].issue]])
            return false;
    return true;
}

bool parley_rule_holds(const parley_rule *r, const size_t *outcome)
{
    if (!conds_hold(r->when, r->n_when, outcome))
        return false;
    return r->n_unless == 0 || !conds_hold(r->unless, r->n_unless, outcome);
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static double rules_sum(const parley_prefs *pr, const size_t *outcome)
{
    double s = 0;
    for (size_t r = 0; r < pr->n_rules; r++)
        if (parley_rule_holds(&pr->rules[r], outcome))
            s += pr->rules[r].delta;
    return s;
}

double parley_utility(const parley_scenario *sc, size_t party, const size_t *outcome)
{
    const parley_prefs *pr = &sc->prefs[party];
    double u = 0;
    for (size_t i = 0; i < sc->n_issues; i++)
        u += pr->weight[i] * pr->value[i][outcome[i]];
    return clamp01(u + rules_sum(pr, outcome));
}

static double mean_value(const parley_scenario *sc, const parley_prefs *pr, size_t i)
{
    double s = 0;
    for (size_t o = 0; o < sc->issues[i].n_options; o++)
        s += pr->value[i][o];
    return s / (double)sc->issues[i].n_options;
}

/* Marks issues touched by any rule of pr. */
static void rule_issues(const parley_scenario *sc, const parley_prefs *pr, bool *touched)
{
    for (size_t i = 0; i < sc->n_issues; i++)
        touched[i] = false;
    for (size_t r = 0; r < pr->n_rules; r++) {
        for (size_t k = 0; k < pr->rules[r].n_when; k++)
            touched[pr->rules[r].when[k].issue] = true;
        for (size_t k = 0; k < pr->rules[r].n_unless; k++)
            touched[pr->rules[r].unless[k].issue] = true;
    }
}

/* Advances a mixed-radix counter over the issues in idx[0..n). Returns false
 * when it wraps around. */
static bool next_combo(const parley_scenario *sc, const size_t *idx, size_t n, size_t *outcome)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        if (++outcome[i] < sc->issues[i].n_options)
            return true;
        outcome[i] = 0;
    }
    return false;
}

/* Average of parley_utility over every combination of the issues in idx, the
 * others fixed in outcome. */
static double enumerate_mean(const parley_scenario *sc, size_t party, const size_t *idx, size_t n,
                             size_t *outcome)
{
    double sum = 0, count = 0;
    for (size_t k = 0; k < n; k++)
        outcome[idx[k]] = 0;
    do {
        sum += parley_utility(sc, party, outcome);
        count += 1;
    } while (next_combo(sc, idx, n, outcome));
    return sum / count;
}

double parley_utility_expected(const parley_scenario *sc, size_t party, const long *sets,
                               bool *exact)
{
    const parley_prefs *pr = &sc->prefs[party];
    size_t ni = sc->n_issues;
    *exact = true;
    double lin = 0;
    bool any_open = false;
    for (size_t i = 0; i < ni; i++) {
        if (sets[i] >= 0)
            lin += pr->weight[i] * pr->value[i][sets[i]];
        else {
            lin += pr->weight[i] * mean_value(sc, pr, i);
            any_open = true;
        }
    }
    if (pr->n_rules == 0 && pr->weight_sum <= 1 + 1e-12)
        return lin; /* in [0,1]: no clamp */
    size_t *outcome = calloc(ni, sizeof *outcome), *idx = calloc(ni, sizeof *idx);
    if (!outcome || !idx) {
        free(outcome);
        free(idx);
        *exact = false;
        return clamp01(lin);
    }
    size_t n = 0;
    double combos = 1;
    for (size_t i = 0; i < ni; i++) {
        if (sets[i] >= 0)
            outcome[i] = (size_t)sets[i];
        else {
            idx[n++] = i;
            combos *= (double)sc->issues[i].n_options;
        }
    }
    double u;
    if (!any_open)
        u = parley_utility(sc, party, outcome);
    else if (combos <= PM_EXPECT_MAX_COMBOS)
        u = enumerate_mean(sc, party, idx, n, outcome);
    else {
        /* Too many to enumerate: expected rule deltas over the open issues
         * that rules touch, when those alone are few enough; else mid. */
        bool *touched = calloc(ni, sizeof *touched);
        double rcombos = 1;
        size_t m = 0;
        if (touched) {
            rule_issues(sc, pr, touched);
            for (size_t k = 0; k < n; k++)
                if (touched[idx[k]]) {
                    idx[m++] = idx[k];
                    rcombos *= (double)sc->issues[idx[k]].n_options;
                }
        }
        double rsum = 0, cnt = 0;
        if (touched && rcombos <= PM_EXPECT_MAX_COMBOS) {
            for (size_t k = 0; k < m; k++)
                outcome[idx[k]] = 0;
            do {
                rsum += rules_sum(pr, outcome);
                cnt += 1;
            } while (next_combo(sc, idx, m, outcome));
        }
        free(touched);
        u = clamp01(lin + (cnt > 0 ? rsum / cnt : 0));
        *exact = false;
    }
    free(outcome);
    free(idx);
    return u;
}

parley_status parley_utility_range(const parley_scenario *sc, size_t party, double *min,
                                   double *max, parley_error *err)
{
    const parley_prefs *pr = &sc->prefs[party];
    size_t ni = sc->n_issues;
    bool *touched = calloc(ni ? ni : 1, sizeof *touched);
    size_t *outcome = calloc(ni ? ni : 1, sizeof *outcome), *idx = calloc(ni ? ni : 1, sizeof *idx);
    if (!touched || !outcome || !idx) {
        free(touched);
        free(outcome);
        free(idx);
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    }
    rule_issues(sc, pr, touched);
    double base_lo = 0, base_hi = 0, combos = 1;
    size_t n = 0;
    for (size_t i = 0; i < ni; i++) {
        if (touched[i]) {
            idx[n++] = i;
            combos *= (double)sc->issues[i].n_options;
            continue;
        }
        double lo = INFINITY, hi = -INFINITY;
        for (size_t o = 0; o < sc->issues[i].n_options; o++) {
            lo = fmin(lo, pr->value[i][o]);
            hi = fmax(hi, pr->value[i][o]);
        }
        base_lo += pr->weight[i] * lo;
        base_hi += pr->weight[i] * hi;
    }
    parley_status st = PARLEY_OK;
    if (combos > 1e7) {
        st = parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, pr->where.line, pr->where.column,
                              sc->parties[party].id,
                              "rules of party '%s' touch issues with %.3g joint combinations; at "
                              "most 10^7 can be enumerated",
                              sc->parties[party].id, combos);
    } else {
        double lo = INFINITY, hi = -INFINITY;
        do {
            double part = rules_sum(pr, outcome);
            for (size_t k = 0; k < n; k++)
                part += pr->weight[idx[k]] * pr->value[idx[k]][outcome[idx[k]]];
            lo = fmin(lo, clamp01(base_lo + part));
            hi = fmax(hi, clamp01(base_hi + part));
        } while (next_combo(sc, idx, n, outcome));
        *min = lo;
        *max = hi;
    }
    free(touched);
    free(outcome);
    free(idx);
    return st;
}
