/*
 * analysis/frontier_search.c — spaces with rules (hyper-rectangles,
 * non-additive terms): a depth-first search over the outcomes with
 * incremental utilities and pruning by utility bounds.
 *
 * 1. Values of an issue that no party and no rule condition can tell apart
 *    are one class (counted with its multiplicity): the ANAC 2014
 *    10^10-outcome domains shrink by orders of magnitude.
 * 2. Issues are visited most-constrained first; a rule is evaluated at the
 *    depth where its last issue is set, so the partial utility is exact for
 *    the issues set so far, and [partial + min, partial + max] of the rest
 *    (terms and undecided rules) bounds every completion.
 * 3. Searches: the frontier (prune a node whose upper-bound vector is weakly
 *    dominated by a point found, or below a reservation), one party's min or
 *    max, and the zone-of-agreement count (a node whose lower bounds all
 *    clear the reservations counts all its outcomes at once).
 * 4. search_run.c shares subtrees of the first two issues among threads
 *    in waves, each task starting from the points of the earlier waves, so
 *    results do not depend on the schedule. Leaves are compared on their
 *    exact (GENIUS summation order) utilities: a leaf is skipped on its
 *    search-order sum only when some point beats it by more than 1e-12.
 * The node budget is opt->max_outcomes; exceeding it is PARLEY_ERR_LIMIT.
 */
#include "analysis/frontier_search.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static double scale_p(const plan *pl, size_t p, double raw)
{
    return ps_scale(&pl->sp->party[p], raw);
}

/* The candidate archive (w->cand) is kept sorted by the sum of its utility
 * vector, descending (w->sum). A point that covers u (x >= u everywhere)
 * has sum(x) >= sum(u), so a query scans only the prefix with large sums;
 * the last dominator found is tried first. Floating-point sums are monotone,
 * so the cut-off is exact. */
static double vsum(const double *x, size_t dim, double tol)
{
    double s = 0;
    for (size_t p = 0; p < dim; p++)
        s += x[p] + tol;
    return s;
}

static bool covers(const double *x, const double *u, size_t dim, double tol, bool strict)
{
    bool gt = !strict;
    for (size_t p = 0; p < dim; p++) {
        if (!(x[p] >= u[p] + tol))
            return false;
        gt = gt || x[p] > u[p];
    }
    return gt;
}

/* Is there a kept x with x >= u + tol everywhere (and, if strict, x != u)? */
static bool archive_cover(worker *w, const double *u, double tol, bool strict)
{
    const pa_points *a = &w->cand;
    size_t dim = a->dim;
    if (w->has_last && covers(w->last, u, dim, tol, strict))
        return true;
    double su = vsum(u, dim, tol);
    for (size_t i = 0; i < a->n && w->sum[i] >= su; i++) {
        const double *x = a->u + i * dim;
        if (covers(x, u, dim, tol, strict)) {
            memcpy(w->last, x, dim * sizeof *x);
            w->has_last = true;
            return true;
        }
    }
    return false;
}

/* Offers the exact vector u of outcome o to the archive: dropped when a kept
 * point is at least as good for everyone (an equal vector keeps the outcome
 * found first); otherwise kept in sum order, and the points it dominates
 * leave. */
static void archive_offer(worker *w, const double *u, const uint32_t *o)
{
    pa_points *a = &w->cand;
    size_t dim = a->dim, ni = a->n_issues;
    if (archive_cover(w, u, 0.0, false))
        return;
    double s = vsum(u, dim, 0.0);
    size_t lo = 0, hi = a->n; /* first index with sum <= s */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w->sum[mid] > s)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t j = lo;
    for (size_t i = lo; i < a->n; i++) { /* drop points the new one dominates */
        const double *x = a->u + i * dim;
        if (covers(u, x, dim, 0.0, false))
            continue;
        if (j != i) {
            memmove(a->u + j * dim, x, dim * sizeof *x);
            memmove(a->o + j * ni, a->o + i * ni, ni * sizeof *a->o);
            w->sum[j] = w->sum[i];
        }
        j++;
    }
    a->n = j;
    if (!pa_points_push(a, u, o)) { /* grows the arrays; then move into place */
        w->oom = true;
        return;
    }
    if (a->cap > w->sum_cap) {
        double *ns = realloc(w->sum, a->cap * sizeof *ns);
        if (!ns) {
            w->oom = true;
            return;
        }
        w->sum = ns;
        w->sum_cap = a->cap;
    }
    size_t n = a->n - 1; /* the new point is at n; its place is lo */
    memmove(a->u + (lo + 1) * dim, a->u + lo * dim, (n - lo) * dim * sizeof *a->u);
    memmove(a->o + (lo + 1) * ni, a->o + lo * ni, (n - lo) * ni * sizeof *a->o);
    memmove(w->sum + lo + 1, w->sum + lo, (n - lo) * sizeof *w->sum);
    memcpy(a->u + lo * dim, u, dim * sizeof *u);
    memcpy(a->o + lo * ni, o, ni * sizeof *o);
    w->sum[lo] = s;
}

static const double *g_sums; /* for qsort in archive_prepare (per call, under a lock) */
static pthread_mutex_t g_prepare_lock = PTHREAD_MUTEX_INITIALIZER;

static int cmp_sum_desc(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    if (g_sums[i] != g_sums[j])
        return g_sums[i] > g_sums[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

bool archive_prepare(worker *w)
{
    pa_points *a = &w->cand;
    size_t n = a->n, dim = a->dim, ni = a->n_issues;
    w->has_last = false;
    if (!w->last && !(w->last = malloc(dim * sizeof *w->last)))
        return false;
    if (a->cap > w->sum_cap || !w->sum) {
        size_t cap = a->cap ? a->cap : 1;
        double *ns = realloc(w->sum, cap * sizeof *ns);
        if (!ns)
            return false;
        w->sum = ns;
        w->sum_cap = cap;
    }
    if (n < 2) {
        for (size_t i = 0; i < n; i++)
            w->sum[i] = vsum(a->u + i * dim, dim, 0.0);
        return true;
    }
    size_t *idx = malloc(n * sizeof *idx);
    double *sums = malloc(n * sizeof *sums), *nu = malloc(n * dim * sizeof *nu);
    uint32_t *no = malloc(n * ni * sizeof *no);
    bool ok = idx && sums && nu && no;
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            idx[i] = i;
            sums[i] = vsum(a->u + i * dim, dim, 0.0);
        }
        pthread_mutex_lock(&g_prepare_lock);
        g_sums = sums;
        qsort(idx, n, sizeof *idx, cmp_sum_desc);
        pthread_mutex_unlock(&g_prepare_lock);
        for (size_t k = 0; k < n; k++) {
            memcpy(nu + k * dim, a->u + idx[k] * dim, dim * sizeof *nu);
            memcpy(no + k * ni, a->o + idx[k] * ni, ni * sizeof *no);
            w->sum[k] = sums[idx[k]];
        }
        memcpy(a->u, nu, n * dim * sizeof *nu);
        memcpy(a->o, no, n * ni * sizeof *no);
    }
    free(idx);
    free(sums);
    free(nu);
    free(no);
    return ok;
}

static bool rule_fires_now(const rule_ref *r, const uint32_t *o)
{
    return ps_rule_fires(r->rule, o);
}

/* Below depth k_suffix the space is additive: offer raw + each point of the
 * tail's frontier instead of searching the tail. */
static void offer_suffix(worker *w, const double *raw)
{
    plan *pl = w->pl;
    const pa_points *f = &pl->suffix;
    size_t d = pl->d, m = f->n_issues;
    for (size_t j = 0; j < f->n && !w->oom; j++) {
        const double *fu = f->u + j * d;
        bool ok = true;
        for (size_t p = 0; p < d && ok; p++) {
            w->u[p] = scale_p(pl, p, raw[p] + fu[p]);
            ok = w->u[p] >= pl->need[p] - 1e-9;
        }
        if (!ok || archive_cover(w, w->u, 1e-12, true))
            continue;
        const uint32_t *fo = f->o + j * m;
        for (size_t k = 0; k < m; k++)
            w->o[pl->order[pl->k_suffix + k]] = fo[k];
        parley_space_utilities(pl->sp, w->o, w->u);
        for (size_t p = 0; p < d && ok; p++)
            ok = w->u[p] >= pl->need[p];
        if (ok)
            archive_offer(w, w->u, w->o);
    }
}

void visit(worker *w, size_t depth, double mult)
{
    plan *pl = w->pl;
    size_t d = pl->d;
    if (++w->local_nodes >= 4096) {
        long total = atomic_fetch_add(&pl->nodes, w->local_nodes) + w->local_nodes;
        w->local_nodes = 0;
        if ((double)total > pl->budget)
            atomic_store(&pl->over, 1);
    }
    if (atomic_load_explicit(&pl->over, memory_order_relaxed) || w->oom)
        return;
    const double *raw = w->raw + depth * d;
    if (depth == pl->n) { /* a leaf: the class representatives */
        for (size_t p = 0; p < d; p++)
            w->u[p] = scale_p(pl, p, raw[p]);
        switch (pl->mode) {
        case S_FRONTIER:
            for (size_t p = 0; p < d; p++)
                if (w->u[p] < pl->need[p] - 1e-9)
                    return;
            /* w->u is summed in search order: skip only points certainly
             * dominated, decide the rest on the exact (GENIUS-order) value */
            if (archive_cover(w, w->u, 1e-12, true))
                return;
            parley_space_utilities(pl->sp, w->o, w->u);
            for (size_t p = 0; p < d; p++)
                if (w->u[p] < pl->need[p])
                    return;
            archive_offer(w, w->u, w->o);
            return;
        case S_MIN:
        case S_MAX: {
            double x = parley_space_utility(pl->sp, pl->party, w->o);
            if (pl->mode == S_MIN ? x < w->best : x > w->best) {
                w->best = x;
                memcpy(w->best_o, w->o, pl->n * sizeof *w->o);
            }
            return;
        }
        case S_COUNT: {
            bool in = true, sure = true;
            for (size_t p = 0; p < d && in; p++) {
                in = w->u[p] >= pl->need[p] - 1e-9;
                sure = sure && (w->u[p] >= pl->need[p] + 1e-9 || isinf(pl->need[p]));
            }
            if (in && !sure) { /* near a boundary: evaluate exactly */
                parley_space_utilities(pl->sp, w->o, w->u);
                for (size_t p = 0; p < d && in; p++)
                    in = w->u[p] >= pl->need[p];
            }
            if (in)
                w->count += mult;
            return;
        }
        }
        return;
    }
    /* bounds over every completion of this node */
    const double *rmax = pl->rest_max + depth * d, *rmin = pl->rest_min + depth * d;
    for (size_t p = 0; p < d; p++) {
        w->ub[p] = scale_p(pl, p, raw[p] + rmax[p] + 1e-12);
        w->lb[p] = scale_p(pl, p, raw[p] + rmin[p] - 1e-12);
    }
    switch (pl->mode) {
    case S_FRONTIER:
        for (size_t p = 0; p < d; p++)
            if (w->ub[p] < pl->need[p] - 1e-9)
                return;
        if (depth > 0 && archive_cover(w, w->ub, 0.0, false))
            return;
        break;
    case S_MIN:
        if (w->lb[pl->party] >= w->best)
            return;
        break;
    case S_MAX:
        if (w->ub[pl->party] <= w->best)
            return;
        break;
    case S_COUNT: {
        bool all = true;
        for (size_t p = 0; p < d; p++) {
            if (w->ub[p] < pl->need[p] - 1e-9)
                return;
            all = all && (isinf(pl->need[p]) || w->lb[p] >= pl->need[p] + 1e-9);
        }
        if (all) {
            w->count += mult * pl->rest_mult[depth];
            return;
        }
        break;
    }
    }
    if (pl->mode == S_FRONTIER && pl->has_suffix && depth == pl->k_suffix) {
        offer_suffix(w, raw);
        return;
    }
    size_t issue = pl->order[depth];
    double *next = w->raw + (depth + 1) * d;
    const ps_party *party = pl->sp->party;
    for (size_t c = 0; c < pl->n_class[depth]; c++) {
        uint32_t v = pl->rep[depth][c];
        w->o[issue] = v;
        for (size_t p = 0; p < d; p++)
            next[p] = raw[p] + party[p].term[pl->sp->offset[issue] + v];
        for (size_t k = 0; k < pl->n_at[depth]; k++) {
            const rule_ref *r = &pl->at[depth][k];
            if (rule_fires_now(r, w->o))
                next[r->party] += r->rule->delta;
        }
        visit(w, depth + 1, mult * pl->mult[depth][c]);
    }
}


