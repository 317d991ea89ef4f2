/*
 * frontier/solutions.c — bargaining solutions on a computed frontier, as
 * data/genius/README.md defines them (the same as NegMAS):
 *   Nash    argmax prod_i (u_i - d_i)      over points with every u_i >= d_i
 *   Kalai   argmax min_i  (u_i - d_i)      (egalitarian)
 *   KS      argmin max_i a_i - min_i a_i,  a_i = (u_i - d_i) / (best_i - d_i)
 *   welfare argmax sum_i u_i
 * Every point within 1e-12 of the optimum is reported (ties). Also the
 * nearest frontier point to a utility vector, and the point where a party
 * conceding along the frontier to a target utility stands.
 */
#include "parley/frontier.h"
#include "frontier/analysis_impl.h"

#include <math.h>
typedef double (*score_fn)(const double *u, size_t dim, const double *d, const double *best);

/* Every index whose score is within PARLEY_TIE of the best, in two passes over
 * the frontier (scores are cheap to recompute): no memory is allocated, so
 * the solvers cannot fail. */
static size_t solve(const parley_frontier *fr, const double *d, const double *best, score_fn f,
                    size_t *idx)
{
    double top = -HUGE_VAL;
    for (size_t i = 0; i < fr->n_points; i++) {
        double s = f(fr->utility + i * fr->n_parties, fr->n_parties, d, best);
        if (s > top)
            top = s;
    }
    if (top == -HUGE_VAL)
        return 0;
    size_t m = 0;
    for (size_t i = 0; i < fr->n_points; i++)
        if (f(fr->utility + i * fr->n_parties, fr->n_parties, d, best) >= top - PARLEY_TIE)
            idx[m++] = i;
    return m;
}

static double nash_score(const double *u, size_t dim, const double *d, const double *best)
{
    (void)best;
    double prod = 1;
    for (size_t p = 0; p < dim; p++) {
        if (u[p] < d[p])
            return -HUGE_VAL;
        prod *= u[p] - d[p];
    }
    return prod;
}

static double kalai_score(const double *u, size_t dim, const double *d, const double *best)
{
    (void)best;
    double m = HUGE_VAL;
    for (size_t p = 0; p < dim; p++)
        m = fmin(m, u[p] - d[p]);
    return m;
}

static double ks_score(const double *u, size_t dim, const double *d, const double *best)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t p = 0; p < dim; p++) {
        double range = best[p] - d[p];
        double a = range > 0 ? (u[p] - d[p]) / range : 1.0;
        lo = fmin(lo, a);
        hi = fmax(hi, a);
    }
    return -(hi - lo);
}

static double welfare_score(const double *u, size_t dim, const double *d, const double *best)
{
    (void)d;
    (void)best;
    double s = 0;
    for (size_t p = 0; p < dim; p++)
        s += u[p];
    return s;
}

size_t parley_solve_nash(const parley_frontier *fr, const double *d, size_t *idx)
{
    return solve(fr, d, NULL, nash_score, idx);
}

size_t parley_solve_kalai(const parley_frontier *fr, const double *d, size_t *idx)
{
    return solve(fr, d, NULL, kalai_score, idx);
}

size_t parley_solve_ks(const parley_frontier *fr, const double *d, const double *best, size_t *idx)
{
    return solve(fr, d, best, ks_score, idx);
}

size_t parley_solve_welfare(const parley_frontier *fr, size_t *idx)
{
    return solve(fr, NULL, NULL, welfare_score, idx);
}

long parley_frontier_nearest(const parley_frontier *fr, const double *u, double *dist)
{
    long best = -1;
    double bd = HUGE_VAL;
    for (size_t i = 0; i < fr->n_points; i++) {
        double s = 0;
        for (size_t p = 0; p < fr->n_parties; p++) {
            double x = fr->utility[i * fr->n_parties + p] - u[p];
            s += x * x;
        }
        if (s < bd) {
            bd = s;
            best = (long)i;
        }
    }
    if (dist)
        *dist = best < 0 ? (double)NAN : sqrt(bd);
    return best;
}

double parley_frontier_distance_to(const parley_frontier *fr, const size_t *idx, size_t n,
                                   const double *u)
{
    double best = NAN;
    for (size_t j = 0; j < n; j++) {
        double s = 0;
        for (size_t p = 0; p < fr->n_parties; p++) {
            double x = fr->utility[idx[j] * fr->n_parties + p] - u[p];
            s += x * x;
        }
        if (isnan(best) || sqrt(s) < best)
            best = sqrt(s);
    }
    return best;
}

long parley_frontier_at_least(const parley_frontier *fr, size_t party, double target)
{
    long best = -1;
    double bu = HUGE_VAL, bo = -HUGE_VAL;
    size_t d = fr->n_parties;
    for (size_t i = 0; i < fr->n_points; i++) {
        const double *u = fr->utility + i * d;
        if (u[party] < target)
            continue;
        double others = 0;
        for (size_t p = 0; p < d; p++)
            others += p == party ? 0.0 : u[p];
        if (u[party] < bu || (u[party] == bu && others > bo)) {
            best = (long)i;
            bu = u[party];
            bo = others;
        }
    }
    return best;
}
