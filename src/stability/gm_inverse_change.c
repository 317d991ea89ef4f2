/*
 * stability/gm_inverse_change.c — inverse GMCR part (c): the smallest change
 * to the rankings (fewest swaps of adjacent tie groups, summed over DMs,
 * i.e. the Kendall distance between group orders) that makes the state an
 * equilibrium.
 *
 * Nash, GMR, SMR: each DM on its own (its stability depends on its own
 * ranking, and only on which groups are above the state's group). Moving
 * groups from above the state to below never hurts and moving any up never
 * helps, so a change is a set D of groups now above s that end below it;
 * the best ranking with a given D keeps every other relative order, i.e.
 * (above s, not in D) s (D) (below s), which costs
 * |D| + #{x in D, y above s not in D, x before y}. The relevant groups of
 * D (those holding a state of the condition) are searched by increasing
 * size, and for each the irrelevant ones are chosen by a dynamic programme
 * over positions; since a change costs at least |D|, the search stops once
 * the size reaches the best cost found.
 * SEQ couples the DMs; since Nash => SEQ => GMR, the GMR total is a lower
 * bound and the Nash change an upper bound. When they differ, a breadth-
 * first search over single adjacent swaps (all DMs) from the given rankings
 * finds the nearest profile that makes the state a SEQ equilibrium, within
 * the work limit (else the Nash change is reported, flagged inexact).
 */
#include "stability/gm_inverse.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

/* Best cost with relevant groups fixed (in D or not) and the others free,
 * over the groups 0..gs-1 above s (in order); writes the choice to inD. */
static long dp_cost(size_t gs, const signed char *fixed, unsigned char *inD, long *f, long *g,
                    unsigned char *choice)
{
    const long INF = (long)1 << 40;
    /* f[d] = best cost so far with d groups in D */
    for (size_t d = 0; d <= gs; d++)
        f[d] = INF;
    f[0] = 0;
    for (size_t p = 0; p < gs; p++) {
        for (size_t d = 0; d <= gs; d++)
            g[d] = INF;
        for (size_t d = 0; d <= p; d++) {
            if (f[d] >= INF)
                continue;
            if (fixed[p] != 1 && f[d] + (long)d < g[d]) { /* stays above: crossed by d */
                g[d] = f[d] + (long)d;
                choice[p * (gs + 1) + d] = 0;
            }
            if (fixed[p] != 0 && f[d] + 1 < g[d + 1]) { /* goes below s */
                g[d + 1] = f[d] + 1;
                choice[p * (gs + 1) + d + 1] = 1;
            }
        }
        memcpy(f, g, (gs + 1) * sizeof *f);
    }
    size_t bd = 0;
    for (size_t d = 1; d <= gs; d++)
        if (f[d] < f[bd])
            bd = d;
    long best = f[bd];
    for (size_t p = gs; p-- > 0;) {
        unsigned char c = choice[p * (gs + 1) + bd];
        inD[p] = c;
        bd -= c;
    }
    return best;
}

/* One DM, own-only concept: fills order (new group order) and returns the
 * cost, or -1 when over the work budget (order then holds the Nash-like
 * upper bound: every relevant group below s). */
static long own_change(const parley_inverse *r, parley_gmcr_concept k, size_t j, uint32_t *order,
                       double *work, double max_work, bool *exact)
{
    const parley_gmcr_condition *cd = parleyp_gm_inv_cond(r, k, j);
    uint32_t ng = r->ngroups[j], gs = r->grp[j][r->state];
    for (uint32_t g = 0; g < ng; g++)
        order[g] = g;
    if (cd->holds || gs == 0)
        return 0;
    int *rel_of = malloc(gs * sizeof *rel_of);
    size_t nalt = 0;
    for (size_t m = 0; m < cd->nmoves; m++)
        nalt += cd->moves[m].nalternatives;
    uint64_t *mask = malloc((nalt + 1) * sizeof *mask);
    uint32_t *relg = malloc((gs + 1) * sizeof *relg);
    signed char *fixed = malloc(gs + 1);
    unsigned char *inD = malloc(gs + 1), *bestD = malloc(gs + 1);
    unsigned char *choice = malloc((size_t)gs * (gs + 1) + 1);
    long *f = malloc((gs + 2) * sizeof *f), *g = malloc((gs + 2) * sizeof *g);
    long best = -1;
    if (!rel_of || !mask || !relg || !fixed || !inD || !bestD || !choice || !f || !g)
        goto done;
    for (uint32_t p = 0; p < gs; p++)
        rel_of[p] = -1;
    size_t nrel = 0;
    for (size_t m = 0; m < cd->nmoves; m++)
        for (size_t x = 0; x < cd->moves[m].nalternatives; x++) {
            const parley_gmcr_alternative *al = &cd->moves[m].alternatives[x];
            for (size_t t = 0; t < al->natoms; t++) {
                uint32_t gx = r->grp[j][al->atoms[t].b];
                if (gx < gs && rel_of[gx] < 0) {
                    rel_of[gx] = (int)nrel;
                    relg[nrel++] = gx;
                }
            }
        }
    if (nrel > 63) { /* too many to search: every group above s goes below (Nash) */
        *exact = false;
        goto finish;
    }
    size_t q = 0;
    for (size_t m = 0; m < cd->nmoves; m++)
        for (size_t x = 0; x < cd->moves[m].nalternatives; x++, q++) {
            const parley_gmcr_alternative *al = &cd->moves[m].alternatives[x];
            mask[q] = 0;
            for (size_t t = 0; t < al->natoms; t++) {
                uint32_t gx = r->grp[j][al->atoms[t].b];
                if (gx < gs && rel_of[gx] >= 0 && rel_of[gx] < 63)
                    mask[q] |= (uint64_t)1 << rel_of[gx];
            }
        }
    /* by increasing |D_rel|; a change costs at least |D_rel| */
    for (size_t size = 0; size <= nrel; size++) {
        if (best >= 0 && (long)size >= best)
            break;
        uint64_t D = size == 0 ? 0 : ((uint64_t)1 << size) - 1;
        for (;;) {
            *work += (double)(nalt + gs * gs + 1);
            if (*work > max_work) {
                *exact = false;
                goto finish;
            }
            bool ok = true;
            size_t base = 0;
            for (size_t m = 0; m < cd->nmoves && ok; m++) {
                bool any = false;
                for (size_t x = 0; x < cd->moves[m].nalternatives && !any; x++)
                    any = (mask[base + x] & ~D) == 0;
                base += cd->moves[m].nalternatives;
                ok = any;
            }
            if (ok) {
                for (uint32_t p = 0; p < gs; p++)
                    fixed[p] = rel_of[p] < 0 ? -1 : (signed char)((D >> rel_of[p]) & 1u);
                long cost = dp_cost(gs, fixed, inD, f, g, choice);
                if (best < 0 || cost < best) {
                    best = cost;
                    memcpy(bestD, inD, gs);
                }
            }
            if (size == 0 || size == nrel)
                break;
            /* next subset of the same size (Gosper) */
            uint64_t c0 = D & -D, rr = D + c0;
            D = (((rr ^ D) >> 2) / c0) | rr;
            if (D >> nrel)
                break;
        }
    }
finish:
    if (best < 0) { /* budget ran out first: every group above s goes below */
        best = gs;
        memset(bestD, 1, gs);
    }
    {
        size_t k2 = 0;
        for (uint32_t p = 0; p < gs; p++)
            if (!bestD[p])
                order[k2++] = p;
        order[k2++] = gs;
        for (uint32_t p = 0; p < gs; p++)
            if (bestD[p])
                order[k2++] = p;
    }
done:
    free(rel_of);
    free(mask);
    free(relg);
    free(fixed);
    free(inD);
    free(bestD);
    free(choice);
    free(f);
    free(g);
    return best;
}

static void store_change(parley_inverse *r, int k, size_t d, const uint32_t *order)
{
    uint32_t ng = r->ngroups[d];
    uint32_t *lv = r->change[k] + d * r->n;
    uint32_t *pos = malloc((ng + 1) * sizeof *pos);
    if (!pos)
        return;
    for (uint32_t p = 0; p < ng; p++)
        pos[order[p]] = p;
    for (size_t s = 0; s < r->n; s++)
        lv[s] = pos[r->grp[d][s]];
    free(pos);
}

/* ---- SEQ: breadth-first search over adjacent swaps ---- */

typedef struct prof_set {
    size_t width; /* uint32 per profile */
    uint32_t *pool;
    size_t n, cap;
    uint32_t *table; /* open addressing: index + 1, 0 = empty */
    size_t tcap;
} prof_set;

static uint64_t prof_hash(const uint32_t *v, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ v[i]) * 1099511628211ull;
    return h;
}

/* Adds v; returns its index, or -1 if present, -2 when out of memory. */
static long prof_add(prof_set *ps, const uint32_t *v)
{
    if (2 * (ps->n + 1) > ps->tcap) {
        size_t tcap = ps->tcap ? 2 * ps->tcap : 1024;
        uint32_t *t = calloc(tcap, sizeof *t);
        if (!t)
            return -2;
        for (size_t q = 0; q < ps->n; q++) {
            size_t h = (size_t)prof_hash(ps->pool + q * ps->width, ps->width) & (tcap - 1);
            while (t[h])
                h = (h + 1) & (tcap - 1);
            t[h] = (uint32_t)q + 1;
        }
        free(ps->table);
        ps->table = t;
        ps->tcap = tcap;
    }
    size_t h = (size_t)prof_hash(v, ps->width) & (ps->tcap - 1);
    while (ps->table[h]) {
        if (!memcmp(ps->pool + (ps->table[h] - 1) * ps->width, v, ps->width * sizeof *v))
            return -1;
        h = (h + 1) & (ps->tcap - 1);
    }
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 256;
        uint32_t *p = realloc(ps->pool, cap * ps->width * sizeof *p);
        if (!p)
            return -2;
        ps->pool = p;
        ps->cap = cap;
    }
    memcpy(ps->pool + ps->n * ps->width, v, ps->width * sizeof *v);
    ps->table[h] = (uint32_t)ps->n + 1;
    return (long)ps->n++;
}

static bool seq_goal(const parley_inverse *r, const parley_conflict *c, const uint32_t *prof,
                     const size_t *off, uint32_t **pay, gm_inv_ws *ws)
{
    for (size_t d = 0; d < r->nd; d++)
        parleyp_gm_inv_pay(r, d, prof + off[d], pay[d]);
    for (size_t i = 0; i < r->nd; i++)
        if (!parleyp_gm_inv_stable(c, pay, (uint32_t)r->state, i, PARLEY_GMCR_SEQ, UINT32_MAX, ws))
            return false;
    return true;
}

/* Returns the depth of the nearest SEQ equilibrium profile (below `upper`)
 * with the profile in found, `upper` when none is nearer, -1 when out of
 * budget, -2 when out of memory. */
static long seq_search(const parley_inverse *r, const parley_conflict *c, long upper,
                       double max_work, double *work, uint32_t *found, const size_t *off,
                       size_t width)
{
    prof_set ps = {width, NULL, 0, 0, NULL, 0};
    uint32_t *pay[GM_MAX_DMS] = {NULL};
    uint32_t *cur = malloc(width * sizeof *cur);
    gm_inv_ws ws;
    long result = -2;
    if (parleyp_gm_inv_ws_init(&ws, c) < 0 || !cur)
        goto done;
    for (size_t d = 0; d < r->nd; d++)
        if (!(pay[d] = malloc((r->n + 1) * sizeof *pay[d])))
            goto done;
    for (size_t d = 0; d < r->nd; d++)
        for (uint32_t g = 0; g < r->ngroups[d]; g++)
            cur[off[d] + g] = g;
    if (prof_add(&ps, cur) < 0)
        goto done;
    double per = (double)r->nd * (double)r->n * (double)r->nd * 4.0 + 1.0;
    size_t layer_lo = 0, layer_hi = 1;
    for (long depth = 1; depth < upper; depth++) {
        for (size_t q = layer_lo; q < layer_hi; q++) {
            for (size_t d = 0; d < r->nd; d++)
                for (uint32_t p = 0; p + 1 < r->ngroups[d]; p++) {
                    memcpy(cur, ps.pool + q * width, width * sizeof *cur);
                    uint32_t x = cur[off[d] + p];
                    cur[off[d] + p] = cur[off[d] + p + 1];
                    cur[off[d] + p + 1] = x;
                    long id = prof_add(&ps, cur);
                    if (id == -1)
                        continue;
                    if (id == -2)
                        goto done;
                    *work += per;
                    if (*work > max_work) {
                        result = -1;
                        goto done;
                    }
                    if (seq_goal(r, c, cur, off, pay, &ws)) {
                        memcpy(found, cur, width * sizeof *cur);
                        result = depth;
                        goto done;
                    }
                }
        }
        layer_lo = layer_hi;
        layer_hi = ps.n;
        if (layer_lo == layer_hi)
            break;
    }
    result = upper;
done:
    for (size_t d = 0; d < r->nd; d++)
        free(pay[d]);
    free(cur);
    free(ps.pool);
    free(ps.table);
    parleyp_gm_inv_ws_free(&ws);
    return result;
}

static long kendall(const uint32_t *order, uint32_t ng)
{
    long inv = 0;
    for (uint32_t a = 0; a < ng; a++)
        for (uint32_t b = a + 1; b < ng; b++)
            inv += order[a] > order[b];
    return inv;
}

parley_status parleyp_gm_inv_change(parley_inverse *r, const parley_conflict *c, double max_work,
                                    parley_error *err)
{
    size_t nd = r->nd;
    size_t off[GM_MAX_DMS + 1], width = 0;
    for (size_t d = 0; d < nd; d++) {
        off[d] = width;
        width += r->ngroups[d];
    }
    uint32_t *orders[GM_INV_CONCEPTS];
    for (int k = 0; k < GM_INV_CONCEPTS; k++) {
        orders[k] = malloc((width + 1) * sizeof(uint32_t));
        r->change[k] = malloc((nd * r->n + 1) * sizeof(uint32_t));
        if (!orders[k] || !r->change[k]) {
            for (int q = 0; q <= k; q++)
                free(orders[q]);
            return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        }
    }
    double work = 0.0;
    /* own-only concepts (GMR and Nash always: they bound SEQ) */
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SMR; k++) {
        if (!r->has[k] && !(r->has[PARLEY_GMCR_SEQ] && k != PARLEY_GMCR_SMR))
            continue;
        bool exact = true;
        long total = 0;
        for (size_t d = 0; d < nd; d++) {
            long cost = own_change(r, (parley_gmcr_concept)k, d, orders[k] + off[d], &work,
                                   max_work, &exact);
            if (cost < 0) {
                for (int q = 0; q < GM_INV_CONCEPTS; q++)
                    free(orders[q]);
                return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
            }
            /* Nash => GMR, SMR: when the search stopped short, Nash's change
             * (computed first) may be the better bound */
            if (!exact && k != PARLEY_GMCR_NASH && r->swaps_dm[PARLEY_GMCR_NASH][d] >= 0 &&
                r->swaps_dm[PARLEY_GMCR_NASH][d] < cost && r->swaps[PARLEY_GMCR_NASH] >= 0) {
                cost = r->swaps_dm[PARLEY_GMCR_NASH][d];
                memcpy(orders[k] + off[d], orders[PARLEY_GMCR_NASH] + off[d],
                       r->ngroups[d] * sizeof(uint32_t));
            }
            r->swaps_dm[k][d] = cost;
            total += cost;
            store_change(r, k, d, orders[k] + off[d]);
        }
        r->swaps[k] = total;
        r->swaps_exact[k] = exact;
    }
    if (r->has[PARLEY_GMCR_SEQ]) {
        const int S = PARLEY_GMCR_SEQ;
        long lower = r->swaps[PARLEY_GMCR_GMR], upper = r->swaps[PARLEY_GMCR_NASH];
        bool exact = r->swaps_exact[PARLEY_GMCR_GMR] && r->swaps_exact[PARLEY_GMCR_NASH];
        memcpy(orders[S], orders[PARLEY_GMCR_NASH], width * sizeof(uint32_t));
        long depth = upper;
        bool now = true;
        for (size_t d = 0; d < nd; d++)
            now = now && parleyp_gm_inv_cond(r, PARLEY_GMCR_SEQ, d)->holds;
        if (now) {
            depth = 0;
            for (size_t d = 0; d < nd; d++)
                for (uint32_t g = 0; g < r->ngroups[d]; g++)
                    orders[S][off[d] + g] = g;
        } else if (lower < upper) {
            depth = seq_search(r, c, upper, max_work, &work, orders[S], off, width);
            if (depth == -2) {
                for (int q = 0; q < GM_INV_CONCEPTS; q++)
                    free(orders[q]);
                return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
            }
            if (depth == -1) {
                depth = upper;
                exact = false;
                memcpy(orders[S], orders[PARLEY_GMCR_NASH], width * sizeof(uint32_t));
            }
        }
        r->swaps[S] = depth;
        r->swaps_exact[S] = exact;
        for (size_t d = 0; d < nd; d++) {
            r->swaps_dm[S][d] = kendall(orders[S] + off[d], r->ngroups[d]);
            store_change(r, S, d, orders[S] + off[d]);
        }
    }
    for (int k = 0; k < GM_INV_CONCEPTS; k++)
        free(orders[k]);
    return PARLEY_OK;
}
