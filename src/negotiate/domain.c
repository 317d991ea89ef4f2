/*
 * negotiate/domain.c — the negotiation domain: everything the agents need
 * that is computed once per run and then shared read-only between threads.
 *
 * It runs the outcome-space analysis (parley_analysis_run: exact frontier,
 * utility ranges, disagreement point, Nash package), and for each party p
 * sorts the frontier by U_p descending and records, for every prefix of that
 * order, the point best for the others (highest least normalised gain
 * (u_q - d_q)/(best_q - d_q) over q != p; ties go to the later point, the one
 * worth less to p). "The offer worth at least tau to p that is best for the
 * others" is then a binary search for the prefix of points with U_p >= tau
 * and one lookup: no enumeration of the outcome space, whatever its size.
 */
#include "parley/frontier.h"
#include "negotiate/nego_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* qsort has no context argument: the sort keys go through this struct. */
typedef struct sort_key {
    double u;
    size_t idx;
} sort_key;

static int by_utility_desc(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->u != y->u)
        return x->u > y->u ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* The others' least normalised gain at frontier point i (for party p). */
static double others_gain(const parley_nego_domain *dom, size_t p, size_t i)
{
    const double *u = dom->an->frontier.utility + i * dom->n_parties;
    double g = HUGE_VAL;
    for (size_t q = 0; q < dom->n_parties; q++) {
        if (q == p)
            continue;
        double d = dom->an->disagreement[q], span = dom->an->best[q] - d;
        double x = span > 0 ? (u[q] - d) / span : 1.0;
        if (x < g)
            g = x;
    }
    return g;
}

static bool build_orders(parley_nego_domain *dom)
{
    size_t n = dom->n_points, d = dom->n_parties;
    if (n == 0)
        return true;
    dom->order = malloc(n * d * sizeof *dom->order);
    dom->pick = malloc(n * d * sizeof *dom->pick);
    sort_key *keys = malloc(n * sizeof *keys);
    if (!dom->order || !dom->pick || !keys) {
        free(keys);
        return false;
    }
    for (size_t p = 0; p < d; p++) {
        for (size_t i = 0; i < n; i++) {
            keys[i].u = dom->an->frontier.utility[i * d + p];
            keys[i].idx = i;
        }
        qsort(keys, n, sizeof *keys, by_utility_desc);
        size_t *order = dom->order + p * n, *pick = dom->pick + p * n;
        double best_gain = -HUGE_VAL;
        size_t best = keys[0].idx;
        for (size_t k = 0; k < n; k++) {
            order[k] = keys[k].idx;
            double g = others_gain(dom, p, keys[k].idx);
            if (g >= best_gain) {
                best_gain = g;
                best = keys[k].idx;
            }
            pick[k] = best;
        }
        dom->pmax[p] = keys[0].u;
    }
    free(keys);
    return true;
}

parley_nego_domain *parley_nego_domain_new(const parley_space *sp,
                                           const parley_analysis_options *opt, parley_error *err)
{
    if (!sp) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL, "no outcome space");
        return NULL;
    }
    size_t d = parley_space_party_count(sp);
    if (d < 2) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "parties",
                         "a negotiation needs at least 2 parties, not %zu", d);
        return NULL;
    }
    parley_analysis_options o;
    if (opt)
        o = *opt;
    else
        parley_analysis_options_init(&o);
    o.skip_zone = true;
    parley_nego_domain *dom = calloc(1, sizeof *dom);
    if (!dom) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    dom->sp = sp;
    dom->n_parties = d;
    dom->n_issues = parley_space_issue_count(sp);
    dom->an = parley_analysis_run(sp, &o, err);
    if (!dom->an) {
        free(dom);
        return NULL;
    }
    dom->n_points = dom->an->frontier.n_points;
    dom->walk_away = calloc(d, sizeof *dom->walk_away);
    dom->pmax = calloc(d, sizeof *dom->pmax);
    dom->pmin = calloc(d, sizeof *dom->pmin);
    if (!dom->walk_away || !dom->pmax || !dom->pmin || !build_orders(dom)) {
        parley_nego_domain_free(dom);
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    for (size_t p = 0; p < d; p++) {
        double r = parley_space_reservation(sp, p);
        dom->walk_away[p] = isnan(r) ? 0.0 : r;
        dom->pmin[p] = fmax(dom->an->worst[p], dom->walk_away[p]);
        if (dom->n_points == 0)
            dom->pmax[p] = dom->pmin[p];
    }
    return dom;
}

void parley_nego_domain_free(parley_nego_domain *dom)
{
    if (!dom)
        return;
    parley_analysis_free(dom->an);
    free(dom->walk_away);
    free(dom->pmax);
    free(dom->pmin);
    free(dom->order);
    free(dom->pick);
    parleyp_nego_sorted_free(dom);
    free(dom);
}

const parley_space *parley_nego_domain_space(const parley_nego_domain *dom)
{
    return dom->sp;
}

const parley_analysis *parley_nego_domain_analysis(const parley_nego_domain *dom)
{
    return dom->an;
}

double parley_nego_domain_walk_away(const parley_nego_domain *dom, size_t party)
{
    return dom->walk_away[party];
}

double parley_nego_domain_pmax(const parley_nego_domain *dom, size_t party)
{
    return dom->pmax[party];
}

double parley_nego_domain_pmin(const parley_nego_domain *dom, size_t party)
{
    return dom->pmin[party];
}

long parley_nego_domain_offer(const parley_nego_domain *dom, size_t party, double target)
{
    size_t n = dom->n_points;
    if (n == 0)
        return -1;
    const size_t *order = dom->order + party * n;
    const double *u = dom->an->frontier.utility;
    size_t d = dom->n_parties;
    /* k = number of points with U_party >= target (a prefix of order). */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[order[mid] * d + party] >= target)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return (long)order[0];
    return (long)dom->pick[party * n + lo - 1];
}

double parley_nego_domain_distance_frontier(const parley_nego_domain *dom, const double *u)
{
    double dist = NAN;
    if (parley_frontier_nearest(&dom->an->frontier, u, &dist) < 0)
        return NAN;
    return dist;
}

double parley_nego_domain_distance_nash(const parley_nego_domain *dom, const double *u)
{
    return parley_frontier_distance_to(&dom->an->frontier, dom->an->nash, dom->an->n_nash, u);
}

double parley_nego_domain_distance_kalai(const parley_nego_domain *dom, const double *u)
{
    return parley_frontier_distance_to(&dom->an->frontier, dom->an->kalai, dom->an->n_kalai, u);
}

parley_status parley_nego_domain_prepare_private(parley_nego_domain *dom, double max_outcomes,
                                                 parley_error *err)
{
    return parleyp_nego_sorted_build(dom, max_outcomes, err);
}
