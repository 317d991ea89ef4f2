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
 * move to from s2 has p <= p(s), i.e. e(s2) <= p(s).) A, B, C come from
 * gm_reach_min. Focal DMs run in parallel (threads), each with its own arrays;
 * results do not depend on the thread count.
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include "stability/gm_parallel.h"

#include <stdlib.h>

static parley_status solve_dm(const parley_conflict *c, parley_stability *r, size_t i)
{
    size_t n = c->nstates;
    const uint32_t *p = c->pay[i];
    uint32_t movers[GM_MAX_DMS];
    const uint32_t *pays[GM_MAX_DMS];
    size_t nm = 0;
    for (size_t j = 0; j < c->ndms; j++)
        if (j != i) {
            movers[nm] = c->dms[j].option_mask;
            pays[nm++] = c->pay[j];
        }
    uint32_t *e = malloc(n * sizeof *e), *A = malloc(n * sizeof *A);
    uint32_t *B = malloc(n * sizeof *B), *C = malloc(n * sizeof *C);
    parley_status st = PARLEY_ERR_LIMIT;
    if (!e || !A || !B || !C)
        goto done;
    uint32_t mask = c->dms[i].option_mask;
    for (size_t v = 0; v < n; v++) {
        uint32_t s = c->code[v], f = gm_flippable(c, mask, s), best = p[v];
        for (uint32_t sub = f; sub; sub = (sub - 1) & f) {
            long t = gm_state_id(c, s ^ sub);
            if (t >= 0 && p[t] > best)
                best = p[t];
        }
        e[v] = best;
    }
    const uint32_t *vals_ab[2] = {p, e};
    uint32_t *out_ab[2] = {A, B};
    if ((st = gm_reach_min(c, movers, nm, NULL, vals_ab, 2, out_ab)) != PARLEY_OK)
        goto done;
    const uint32_t *vals_c[1] = {p};
    uint32_t *out_c[1] = {C};
    if ((st = gm_reach_min(c, movers, nm, pays, vals_c, 1, out_c)) != PARLEY_OK)
        goto done;
    for (size_t v = 0; v < n; v++) {
        uint32_t s = c->code[v], f = gm_flippable(c, mask, s), pv = p[v];
        bool nash = true, gmr = true, smr = true, seq = true;
        if (e[v] > pv) { /* some improvement exists */
            nash = false;
            for (uint32_t sub = f; sub && (gmr || smr || seq); sub = (sub - 1) & f) {
                long t = gm_state_id(c, s ^ sub);
                if (t < 0 || p[t] <= pv)
                    continue;
                gmr = gmr && A[t] <= pv;
                smr = smr && B[t] <= pv;
                seq = seq && C[t] <= pv;
            }
        }
        if (nash)
            gm_bit_set(r->bits[PARLEY_GMCR_NASH][i], v);
        if (gmr)
            gm_bit_set(r->bits[PARLEY_GMCR_GMR][i], v);
        if (smr)
            gm_bit_set(r->bits[PARLEY_GMCR_SMR][i], v);
        if (seq)
            gm_bit_set(r->bits[PARLEY_GMCR_SEQ][i], v);
    }
    st = PARLEY_OK;
done:
    free(e);
    free(A);
    free(B);
    free(C);
    return st;
}

typedef struct fast_ctx {
    const parley_conflict *c;
    parley_stability *r;
    parley_status st[GM_MAX_DMS];
} fast_ctx;

static void fast_run(void *ctx, int tid, long lo, long hi)
{
    fast_ctx *f = ctx;
    (void)tid;
    for (long i = lo; i < hi; i++)
        f->st[i] = solve_dm(f->c, f->r, (size_t)i);
}

parley_status gm_solve_fast(const parley_conflict *c, parley_stability *r, int threads,
                            parley_error *err)
{
    fast_ctx f = {c, r, {PARLEY_OK}};
    gm_parallel_for((long)c->ndms, 1, gm_thread_count(threads), fast_run, &f);
    for (size_t i = 0; i < c->ndms; i++)
        if (f.st[i] != PARLEY_OK)
            return parley_error_set(err, f.st[i], NULL, 0, 0, "conflict",
                                    "out of memory solving %zu states", c->nstates);
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        r->has[k] = true;
    return PARLEY_OK;
}
