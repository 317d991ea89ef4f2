/*
 * stability/gm_plus.c — GMCR+ sanction minima in option form by dynamic
 * programming over the set of opponents who have moved, for the
 * product-graph solver (gm_product.c) when no DM misperceives.
 *
 * Under --gmcrplus each opponent of the focal agent moves at most once, in
 * any order. In option form an agent's move flips a subset of its own
 * options, and which it may flip depends only on those options, which no
 * other agent changes. So what the opponents still to move can reach from
 * code x depends on x and on the set S of those who have moved, not on the
 * path. With M_S(x) the minimum of a value v over x and what is reachable
 * from x once the agents in S have moved:
 *     M_S(x) = min(v(x), min over opponents b not in S of
 *                        min of M_{S+b} over b's one-move box at x),
 * UINT32_MAX at infeasible codes (a move lands on a feasible state; the
 * box's own passes through infeasible codes are arithmetic, not moves).
 * S only grows, so the sets are taken from the full set down; M_{} at the
 * code of s1 is the minimum over everything reachable from s1, which the
 * product-graph search finds at node (s1, {i}). Each step is a box
 * transform (gm_box.c), one pass over the codes per option of b, instead
 * of 2^k moves listed per (state, movers so far). For SEQ the step takes
 * only moves that improve b's payoff (parleyp_gm_box_improve_min), which
 * needs b to be a DM alone (a coalition's improvement is not one payoff's).
 *
 * Memory: 2^(opponents) + 1 dense arrays of 2^m entries, held at once.
 */
#include "stability/gm_box.h"
#include "stability/gm_solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double parleyp_gm_plus_bytes(const parley_conflict *c, const gm_agents *ag)
{
    if (c->graph_form || ag->n < 2)
        return 0.0;
    /* M for every set of opponents, a scratch array, each opponent's payoff */
    return (ldexp(1.0, (int)ag->n - 1) + 1.0 + (double)(ag->n - 1)) * ldexp(4.0, (int)c->noptions);
}

bool parleyp_gm_plus_fits(const parley_conflict *c, const gm_agents *ag)
{
    return !c->graph_form && !c->misperceptions && ag->n >= 2 &&
           parleyp_gm_plus_bytes(c, ag) <= (double)GM_SIM_MEMORY;
}

bool parleyp_gm_plus_reach_min(const parley_conflict *c, const gm_agents *ag, size_t i,
                               bool improving, const uint32_t *const *vals, size_t nvals,
                               uint32_t **out)
{
    if (improving && gm_coalition_opponent(ag, i))
        return false; /* a coalition's improvements are not one payoff's */
    size_t opp[GM_MAX_DMS], no = 0;
    for (size_t b = 0; b < ag->n; b++)
        if (b != i)
            opp[no++] = b;
    size_t nsets = (size_t)1 << no, N = (size_t)1 << c->noptions;
    uint32_t **M = calloc(nsets, sizeof *M);
    uint32_t *tmp = parleyp_gm_dense_new(c), *pay[GM_MAX_DMS] = {NULL};
    bool ok = M && tmp;
    for (size_t S = 0; S < nsets && ok; S++)
        ok = (M[S] = parleyp_gm_dense_new(c)) != NULL;
    for (size_t q = 0; q < no && ok && improving; q++) {
        size_t d = (size_t)__builtin_ctz(ag->dmset[opp[q]]);
        if ((pay[q] = parleyp_gm_dense_new(c)))
            parleyp_gm_dense_scatter(c, c->pay[d], UINT32_MAX, pay[q]);
        ok = pay[q] != NULL;
    }
    for (size_t v = 0; v < nvals && ok; v++) {
        for (size_t S = nsets; S-- > 0 && ok;) {
            uint32_t *D = M[S];
            parleyp_gm_dense_scatter(c, vals[v], UINT32_MAX, D);
            for (size_t q = 0; q < no && ok; q++) {
                size_t b = opp[q];
                if (S >> q & 1u)
                    continue;
                const uint32_t *next = M[S | (size_t)1 << q];
                if (improving) {
                    ok = parleyp_gm_box_improve_min(c, ag->optmask[b], pay[q], next, tmp);
                } else {
                    memcpy(tmp, next, N * sizeof *tmp);
                    parleyp_gm_box(c, ag->optmask[b], false, tmp);
                }
                for (size_t x = 0; x < N; x++)
                    D[x] = tmp[x] < D[x] ? tmp[x] : D[x];
            }
            parleyp_gm_dense_reset_infeasible(c, D);
        }
        if (ok)
            parleyp_gm_dense_gather(c, M[0], out[v]);
    }
    for (size_t S = 0; M && S < nsets; S++)
        free(M[S]);
    for (size_t q = 0; q < no; q++)
        free(pay[q]);
    free(M);
    free(tmp);
    return ok;
}
