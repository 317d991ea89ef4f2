/*
 * stability/gm_fast.c — Nash, GMR, SMR and SEQ for every DM and state of an
 * option-form conflict with individual DMs (textbook semantics), in time
 * linear in states x moves and memory linear in states.
 *
 * For focal DM i with payoff p and opponents H = N \ {i}:
 *   e(v)  = max(p(v), max p over i's moves from v)   (i's best escape at v)
 *   A(v)  = min p over states H can reach from v     (GMR sanction depth)
 *   B(v)  = min e over states H can reach from v     (SMR: sanction i cannot
 *                                                      escape from)
 *   C(v)  = min p over states H reaches from v by improvements only (SEQ)
 * Then for every improvement s -> s1 of i: GMR holds for it iff A(s1) <= p(s),
 * SMR iff B(s1) <= p(s), SEQ iff C(s1) <= p(s); Nash iff i has none.
 * (A state is a sanction iff p(s2) <= p(s); for SMR also every state i can
 * move to from s2 has p <= p(s), i.e. e(s2) <= p(s).) Every "best over i's
 * moves" step is a box transform (gm_box.c); A, B, C are box transforms too
 * when a single opponent moves (its moves compose into one move), else they
 * come from gm_reach_min. Focal DMs run in parallel (threads), each with its
 * own arrays; results do not depend on the thread count.
 */
#include "stability/gm_solve.h"
#include "core/error.h"
#include "stability/gm_box.h"
#include "core/parallel.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>

/* SEQ sanctions by a single opponent j: C(v) = min p_i over v and the states
 * j reaches from v by one improving move (gm_box.c). */
static parley_status single_mover_seq(const parley_conflict *c, size_t j, const uint32_t *p,
                                      uint32_t *C)
{
    uint32_t *pi = parleyp_gm_dense_new(c), *pj = parleyp_gm_dense_new(c);
    uint32_t *res = parleyp_gm_dense_new(c);
    parley_status st = PARLEY_ERR_LIMIT;
    if (pi && pj && res) {
        parleyp_gm_dense_scatter(c, p, UINT32_MAX, pi);
        parleyp_gm_dense_scatter(c, c->pay[j], UINT32_MAX, pj);
        if (parleyp_gm_box_improve_min(c, c->dms[j].option_mask, pj, pi, res)) {
            parleyp_gm_dense_gather(c, res, C);
            st = PARLEY_OK;
        }
    }
    free(pi);
    free(pj);
    free(res);
    return st;
}

/* Minimum of vals over everything several movers can reach (any sequence,
 * see gm_reach.c for why that is the legal-sequence set), as a fixpoint of
 * box transforms: each pass lets one more move happen. Infeasible codes are
 * reset after each mover's pass so that no path runs through them. Returns
 * false if it has not converged after max_rounds (the caller then uses
 * gm_reach_min). */
bool parleyp_gm_box_reach_min(const parley_conflict *c, const uint32_t *movers, size_t nm,
                              const uint32_t *vals, uint32_t *D, uint32_t *prev, uint32_t *out)
{
    size_t N = (size_t)1 << c->noptions;
    parleyp_gm_dense_scatter(c, vals, UINT32_MAX, D);
    for (int round = 0; round < 64; round++) {
        memcpy(prev, D, N * sizeof *D);
        for (size_t j = 0; j < nm; j++) {
            parleyp_gm_box(c, movers[j], false, D);
            parleyp_gm_dense_reset_infeasible(c, D);
        }
        if (memcmp(prev, D, N * sizeof *D) == 0) {
            parleyp_gm_dense_gather(c, D, out);
            return true;
        }
    }
    return false;
}

static parley_status solve_dm(const parley_conflict *c, parley_stability *r, size_t i)
{
    size_t n = c->nstates;
    const uint32_t *p = c->pay[i];
    uint32_t movers[GM_MAX_DMS];
    const uint32_t *pays[GM_MAX_DMS];
    size_t nm = 0, lone = 0;
    for (size_t j = 0; j < c->ndms; j++)
        if (j != i) {
            movers[nm] = c->dms[j].option_mask;
            pays[nm++] = c->pay[j];
            lone = j;
        }
    uint32_t *e = malloc(n * sizeof *e), *A = malloc(n * sizeof *A);
    uint32_t *B = malloc(n * sizeof *B), *C = malloc(n * sizeof *C);
    uint32_t *D = parleyp_gm_dense_new(c), *best = malloc(n * sizeof *best);
    parley_status st = PARLEY_ERR_LIMIT;
    if (!e || !A || !B || !C || !D || !best)
        goto done;
    uint32_t mask = c->dms[i].option_mask;
    parleyp_gm_box_states(c, mask, true, p, D, e); /* i's best state within one move */
    if (nm == 1) {
        /* one opponent: its moves compose into single moves, so what it can
         * reach is its box */
        parleyp_gm_box_states(c, movers[0], false, p, D, A);
        parleyp_gm_box_states(c, movers[0], false, e, D, B);
        if ((st = single_mover_seq(c, lone, p, C)) != PARLEY_OK)
            goto done;
    } else {
        uint32_t *prev = parleyp_gm_dense_new(c);
        bool fix = prev && parleyp_gm_box_reach_min(c, movers, nm, p, D, prev, A) &&
                   parleyp_gm_box_reach_min(c, movers, nm, e, D, prev, B);
        free(prev);
        const uint32_t *vals_ab[2] = {p, e};
        uint32_t *out_ab[2] = {A, B};
        if (fix) /* the pass parley_stability_estimate counted was not needed */
            parleyp_gm_progress_add(r->progress, parleyp_gm_reach_work(c, movers, nm));
        else if ((st = parleyp_gm_reach_min(c, movers, nm, NULL, vals_ab, 2, out_ab,
                                            r->progress)) != PARLEY_OK)
            goto done;
        const uint32_t *vals_c[1] = {p};
        uint32_t *out_c[1] = {C};
        if ((st = parleyp_gm_reach_min(c, movers, nm, pays, vals_c, 1, out_c, r->progress)) !=
            PARLEY_OK)
            goto done;
    }
    for (size_t v = 0; v < n; v++)
        if (e[v] <= p[v])
            gm_bit_set(r->bits[PARLEY_GMCR_NASH][i], v);
    /* concept k holds at s iff no move s -> t has p(t) > p(s) and X(t) > p(s),
     * i.e. max over the box of min(p, X) <= p(s) (t = s never violates it). */
    uint32_t *X[3] = {A, B, C};
    static const int concept[3] = {PARLEY_GMCR_GMR, PARLEY_GMCR_SMR, PARLEY_GMCR_SEQ};
    for (int q = 0; q < 3; q++) {
        for (size_t v = 0; v < n; v++)
            X[q][v] = X[q][v] < p[v] ? X[q][v] : p[v];
        parleyp_gm_box_states(c, mask, true, X[q], D, best);
        for (size_t v = 0; v < n; v++)
            if (best[v] <= p[v])
                gm_bit_set(r->bits[concept[q]][i], v);
    }
    st = PARLEY_OK;
done:
    free(e);
    free(A);
    free(B);
    free(C);
    free(D);
    free(best);
    return st;
}

typedef struct fast_ctx {
    const parley_conflict *c;
    parley_stability *r;
    parley_status st[GM_MAX_DMS];
} fast_ctx;

static void fast_run(void *ctx, int tid, size_t lo, size_t hi)
{
    fast_ctx *f = ctx;
    (void)tid;
    for (size_t i = lo; i < hi; i++)
        f->st[i] = solve_dm(f->c, f->r, i);
}

parley_status parleyp_gm_solve_fast(const parley_conflict *c, parley_stability *r, int threads,
                                    parley_error *err)
{
    fast_ctx f = {c, r, {PARLEY_OK}};
    parleyp_pc_parallel_for(c->ndms, 1, parleyp_pc_thread_count(threads, SIZE_MAX), fast_run, &f);
    for (size_t i = 0; i < c->ndms; i++)
        if (f.st[i] != PARLEY_OK)
            return parley_error_set(err, f.st[i], NULL, 0, 0, "conflict",
                                    "out of memory solving %zu states", c->nstates);
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        r->has[k] = true;
    return PARLEY_OK;
}
