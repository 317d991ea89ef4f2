/*
 * analysis/frontier_additive.c — the exact Pareto frontier of an additive
 * space without enumerating it.
 *
 * The utility vector of an outcome is the sum over issues of the vectors
 * t_i(v) = (term[p][i][v])_p. If an outcome is non-dominated, so is every
 * partial sum of its first k issues among all partial sums over those issues
 * (otherwise swapping in the dominating prefix would dominate the outcome).
 * So: S_0 = {0}; S_k = ND(S_{k-1} + ND(T_k)); the frontier is ND(S_n).
 * Floating-point addition is monotone, so pruning dominated partial sums
 * can never lose a non-dominated final sum: sums are formed left to right,
 * bit-identical to GENIUS's and NegMAS's utility. Scaling and the min(1, .)
 * cap are monotone too, so the capped frontier is ND(cap(ND(S_n))), and the
 * reservation cut commutes with taking the frontier.
 *
 * With the reservation cut, partial sums that cannot reach some party's
 * reservation even with the best remaining values are dropped early.
 * Each stage keeps (parent, value) links; outcomes are rebuilt at the end.
 * Memory: the sum of the stage sizes, not the outcome count.
 */
#include "analysis/analysis_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Limits that keep a run within a few GB: points kept after an issue, and
 * candidate sums formed before filtering. */
#define PA_MAX_STAGE_POINTS ((size_t)1 << 24)
#define PA_MAX_CANDIDATES ((size_t)1 << 26)

typedef struct stage {
    size_t n;
    uint32_t *parent, *value;
} stage;

/* The non-dominated distinct value vectors of issue i (indices into vals). */
static size_t issue_candidates(const parley_space *sp, size_t i, uint32_t *vals, double *tmp)
{
    size_t d = sp->n_parties, nv = sp->n_values[i], m = 0;
    for (size_t v = 0; v < nv; v++)
        for (size_t p = 0; p < d; p++)
            tmp[v * d + p] = sp->party[p].term[sp->offset[i] + v];
    for (size_t v = 0; v < nv; v++) {
        bool drop = false;
        for (size_t w = 0; w < nv && !drop; w++) {
            if (w == v)
                continue;
            bool geq = true, gt = false;
            for (size_t p = 0; p < d && geq; p++) {
                geq = tmp[w * d + p] >= tmp[v * d + p];
                gt = gt || tmp[w * d + p] > tmp[v * d + p];
            }
            drop = geq && (gt || w < v); /* dominated, or a duplicate of an earlier value */
        }
        if (!drop)
            vals[m++] = (uint32_t)v;
    }
    return m;
}

void pa_additive_range(const parley_space *sp, size_t p, double *worst, double *best)
{
    const ps_party *pp = &sp->party[p];
    double lo = 0.0, hi = 0.0;
    for (size_t i = 0; i < sp->n_issues; i++) {
        double a = HUGE_VAL, b = -HUGE_VAL;
        for (size_t v = 0; v < sp->n_values[i]; v++) {
            double t = pp->term[sp->offset[i] + v];
            a = t < a ? t : a;
            b = t > b ? t : b;
        }
        lo += a;
        hi += b;
    }
    *worst = ps_scale(pp, lo);
    *best = ps_scale(pp, hi);
}

parley_status pa_frontier_additive(const parley_space *sp, const parley_analysis_options *opt,
                                   pa_points *out, parley_error *err)
{
    size_t d = sp->n_parties, n = sp->n_issues;
    size_t max_nv = 1;
    for (size_t i = 0; i < n; i++)
        max_nv = sp->n_values[i] > max_nv ? sp->n_values[i] : max_nv;
    stage *stages = calloc(n, sizeof *stages);
    uint32_t *vals = malloc(max_nv * sizeof *vals);
    double *tmp = malloc(max_nv * d * sizeof *tmp);
    double *rem = calloc((n + 1) * d, sizeof *rem); /* best raw sum of issues k.. */
    double *need = malloc(d * sizeof *need);
    double *cur = malloc(d * sizeof *cur);
    double *u = malloc(d * sizeof *u);
    pa_points ps;
    pa_points_init(&ps, d, 2);
    parley_status st = PARLEY_OK;
    if (!stages || !vals || !tmp || !rem || !need || !cur || !u)
        goto oom;
    for (size_t k = n; k-- > 0;)
        for (size_t p = 0; p < d; p++) {
            double b = -HUGE_VAL;
            for (size_t v = 0; v < sp->n_values[k]; v++)
                b = fmax(b, sp->party[p].term[sp->offset[k] + v]);
            rem[k * d + p] = rem[(k + 1) * d + p] + b;
        }
    for (size_t p = 0; p < d; p++) {
        double r = sp->party[p].reservation;
        const ps_party *pp = &sp->party[p];
        need[p] = -HUGE_VAL;
        if (!opt->keep_irrational && !isnan(r) && r > pp->floor && r <= pp->ceil)
            need[p] = r * pp->divisor - 1e-9 * (1.0 + fabs(r * pp->divisor));
    }
    /* S_0 = {0}: one point with utility 0 and no parent */
    double *prev_u = calloc(d, sizeof *prev_u);
    size_t prev_n = 1;
    if (!prev_u)
        goto oom;
    for (size_t k = 0; k < n; k++) {
        size_t m = issue_candidates(sp, k, vals, tmp);
        if (prev_n > PA_MAX_CANDIDATES / m) {
            free(prev_u);
            st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                                  "the frontier merge would form %zu x %zu partial sums at issue "
                                  "%zu (limit %zu)",
                                  prev_n, m, k + 1, PA_MAX_CANDIDATES);
            goto done;
        }
        ps.n = 0;
        for (size_t s = 0; s < prev_n; s++) {
            for (size_t j = 0; j < m; j++) {
                bool viable = true;
                for (size_t p = 0; p < d; p++) {
                    u[p] = prev_u[s * d + p] + tmp[vals[j] * d + p];
                    if (u[p] + rem[(k + 1) * d + p] < need[p])
                        viable = false;
                }
                if (!viable)
                    continue;
                uint32_t link[2] = {(uint32_t)s, vals[j]};
                if (!pa_points_push(&ps, u, link)) {
                    free(prev_u);
                    goto oom;
                }
            }
        }
        if (!pa_points_filter(&ps)) {
            free(prev_u);
            goto oom;
        }
        if (ps.n > PA_MAX_STAGE_POINTS) {
            free(prev_u);
            st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                                  "the partial frontier after issue %zu has %zu points (limit %zu)",
                                  k + 1, ps.n, PA_MAX_STAGE_POINTS);
            goto done;
        }
        stages[k].n = ps.n;
        stages[k].parent = malloc((ps.n ? ps.n : 1) * sizeof *stages[k].parent);
        stages[k].value = malloc((ps.n ? ps.n : 1) * sizeof *stages[k].value);
        if (!stages[k].parent || !stages[k].value) {
            free(prev_u);
            goto oom;
        }
        for (size_t j = 0; j < ps.n; j++) {
            stages[k].parent[j] = ps.o[2 * j];
            stages[k].value[j] = ps.o[2 * j + 1];
        }
        free(prev_u);
        prev_u = ps.u; /* take the utilities; ps gets fresh buffers */
        prev_n = ps.n;
        ps.u = NULL;
        free(ps.o);
        ps.o = NULL;
        ps.cap = 0;
        if (opt->progress)
            opt->progress(opt->progress_ctx, (double)(k + 1) / (double)n);
    }
    /* rebuild outcomes */
    pa_points_init(out, d, n);
    uint32_t *o = malloc(n * sizeof *o);
    if (!o) {
        free(prev_u);
        goto oom;
    }
    for (size_t j = 0; j < prev_n; j++) {
        size_t at = j;
        for (size_t k = n; k-- > 0;) {
            o[k] = stages[k].value[at];
            at = stages[k].parent[at];
        }
        if (!pa_points_push(out, prev_u + j * d, o)) {
            free(o);
            free(prev_u);
            goto oom;
        }
    }
    free(o);
    free(prev_u);
    goto done;
oom:
    st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                          "out of memory computing the additive frontier");
done:
    if (stages)
        for (size_t k = 0; k < n; k++) {
            free(stages[k].parent);
            free(stages[k].value);
        }
    free(stages);
    pa_points_free(&ps);
    free(vals);
    free(tmp);
    free(rem);
    free(need);
    free(cur);
    free(u);
    return st;
}
