/*
 * frontier/frontier_search.c — spaces with rules (hyper-rectangles,
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
 *    dominated by a point found, or below a reservation; the points found
 *    are indexed for dominance queries by k-d trees, frontier_dom.c), one
 *    party's min or
 *    max, and the zone-of-agreement count (a node whose lower bounds all
 *    clear the reservations counts all its outcomes at once).
 * 4. search_run.c shares subtrees of the first two issues among threads
 *    in waves, each task starting from the points of the earlier waves, so
 *    results do not depend on the schedule. Leaves are compared on their
 *    exact (GENIUS summation order) utilities: a leaf is skipped on its
 *    search-order sum only when some point beats it by more than 1e-12.
 * The node budget is opt->max_outcomes; exceeding it is PARLEY_ERR_LIMIT.
 */
#include "frontier/frontier_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double scale_p(const plan *pl, size_t p, double raw)
{
    return ps_scale(&pl->sp->party[p], raw);
}

/* The archive of a task: the points of the earlier waves (w->seed, shared,
 * read-only) and the points the task kept (w->cand, indexed by w->dom).
 * A kept point is never removed when a later one dominates it: it cannot
 * change any answer (frontier_dom.c), and the wave's filter drops it. The
 * last dominator found is tried first. */
static bool archive_cover(worker *w, const double *u, double tol, bool strict)
{
    size_t dim = w->pl->d;
    if (w->has_last) {
        bool gt = !strict, ok = true;
        for (size_t p = 0; p < dim && ok; p++) {
            ok = w->last[p] >= u[p] + tol;
            gt = gt || w->last[p] > u[p];
        }
        if (ok && gt)
            return true;
    }
    const double *x = parleyp_pa_dom_cover(w->seed, u, tol, strict, NULL);
    if (!x)
        x = parleyp_pa_dom_cover(&w->dom, u, tol, strict, NULL);
    if (!x)
        return false;
    memcpy(w->last, x, dim * sizeof *x);
    w->has_last = true;
    return true;
}

/* Offers the exact vector u of outcome o to the archive: dropped when a kept
 * point is at least as good for everyone (an equal vector keeps the outcome
 * found first), else kept. */
static void archive_offer(worker *w, const double *u, const uint32_t *o)
{
    if (archive_cover(w, u, 0.0, false))
        return;
    if (!parleyp_pa_points_push(&w->cand, u, o) || !parleyp_pa_dom_add(&w->dom, u))
        w->oom = true;
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

void parleyp_visit(worker *w, size_t depth, double mult)
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
        parleyp_visit(w, depth + 1, mult * pl->mult[depth][c]);
    }
}
