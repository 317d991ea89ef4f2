/*
 * stability/gm_sim.c — simultaneous sanctioning (SIM), option form only.
 *
 * Focal agent a at state s with improvement s1: every opponent b at the same
 * time either stays or takes one of its own improvements t_b from s; the
 * result is s1 with each moving opponent's block of options replaced by t_b's
 * (options of different agents are disjoint). The improvement is sanctioned
 * when some combination gives a feasible state that a does not prefer to s.
 * a is SIM-stable at s when every improvement is sanctioned (GMCR+ semantics
 * with its iterator bug fixed, as the reference cases' test_oracle uses).
 *
 * The search is a depth-first walk over opponents that checks each
 * combination as soon as it is formed and stops at the first sanction.
 * States are processed in parallel (gm_parallel.c); each thread has its own
 * lists.
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include "stability/gm_box.h"
#include "stability/gm_parallel.h"

#include <stdlib.h>

typedef struct sim_lists {
    gm_idvec ui[GM_MAX_DMS];   /* improvements (state ids) of each agent at s */
    gm_idvec code[GM_MAX_DMS]; /* the same as decimal codes */
} sim_lists;

static void lists_free(sim_lists *L)
{
    for (size_t b = 0; b < GM_MAX_DMS; b++) {
        gm_idvec_free(&L->ui[b]);
        gm_idvec_free(&L->code[b]);
    }
}

static int lists_fill(const parley_conflict *c, const gm_agents *ag, uint32_t s, sim_lists *L)
{
    uint32_t code = c->code[s];
    for (size_t b = 0; b < ag->n; b++) {
        gm_idvec *u = &L->ui[b], *uc = &L->code[b];
        uint32_t f = gm_flippable(c, ag->optmask[b], code);
        u->n = uc->n = 0;
        for (uint32_t sub = f; sub; sub = (sub - 1) & f) {
            long t = gm_state_id(c, code ^ sub);
            if (t >= 0 && gm_better(c, ag->dmset[b], (uint32_t)t, s) &&
                (gm_idvec_push(u, (uint32_t)t) < 0 || gm_idvec_push(uc, code ^ sub) < 0))
                return -1;
        }
    }
    return 0;
}

/* Search order: each opponent's improvement that is worst for the focal
 * agent's first member goes first (the likeliest sanction). Only the order
 * changes, never the answer. */
static void worst_first(const parley_conflict *c, const gm_agents *ag, size_t a, sim_lists *L)
{
    const uint32_t *p = c->pay[__builtin_ctz(ag->dmset[a])];
    for (size_t b = 0; b < ag->n; b++) {
        gm_idvec *u = &L->ui[b];
        if (b == a || u->n < 2)
            continue;
        size_t best = 0;
        for (size_t q = 1; q < u->n; q++)
            if (p[u->v[q]] < p[u->v[best]])
                best = q;
        uint32_t x = u->v[0];
        u->v[0] = u->v[best];
        u->v[best] = x;
        x = L->code[b].v[0];
        L->code[b].v[0] = L->code[b].v[best];
        L->code[b].v[best] = x;
    }
}

/* Opponents from `from` on may still move; x is the combined code so far.
 * On success, pushes (agent, target) of the movers in reverse order. */
static bool dfs(const parley_conflict *c, const gm_agents *ag, const sim_lists *L, size_t a,
                uint32_t s, size_t from, uint32_t x, gm_idvec *pa, gm_idvec *ps)
{
    for (size_t b = from; b < ag->n; b++) {
        if (b == a)
            continue;
        uint32_t m = ag->optmask[b];
        for (size_t q = 0; q < L->ui[b].n; q++) {
            uint32_t t = L->ui[b].v[q];
            uint32_t y = (x & ~m) | (c->code[t] & m);
            long id = gm_state_id(c, y);
            bool hit = id >= 0 && !gm_better(c, ag->dmset[a], (uint32_t)id, s);
            if (hit || dfs(c, ag, L, a, s, b + 1, y, pa, ps)) {
                if (pa && ps) {
                    if (hit) /* the combined result first, marked by agent n */
                        gm_idvec_push(pa, (uint32_t)ag->n), gm_idvec_push(ps, (uint32_t)id);
                    gm_idvec_push(pa, (uint32_t)b);
                    gm_idvec_push(ps, t);
                }
                return true;
            }
        }
    }
    return false;
}

/* The same search for a single-DM focal agent, with its payoffs in a dense
 * array over codes (UINT32_MAX = infeasible): a sanction is pd[y] <= T. */
static bool dfs_dense(const gm_agents *ag, const sim_lists *L, size_t a, size_t from, uint32_t x,
                      const uint32_t *pd, uint32_t T)
{
    for (size_t b = from; b < ag->n; b++) {
        if (b == a)
            continue;
        uint32_t m = ag->optmask[b];
        const gm_idvec *uc = &L->code[b];
        for (size_t q = 0; q < uc->n; q++) {
            uint32_t y = (x & ~m) | (uc->v[q] & m);
            if (pd[y] <= T || dfs_dense(ag, L, a, b + 1, y, pd, T))
                return true;
        }
    }
    return false;
}

bool gm_find_sim_sanction(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                          uint32_t s1, gm_idvec *path_agents, gm_idvec *path_states)
{
    sim_lists L = {0};
    bool found = lists_fill(c, ag, s, &L) == 0 &&
                 dfs(c, ag, &L, a, s, 0, c->code[s1], path_agents, path_states);
    lists_free(&L);
    return found;
}

typedef struct sim_ctx {
    const parley_conflict *c;
    parley_stability *r;
    sim_lists *lists; /* one per thread */
    uint32_t **dense; /* single-DM agents: payoff per code, or NULL */
    uint32_t **lower; /* with dense: per state, the least payoff any opponents'
                         moves could lead to (no sanction can go lower) */
    int failed[64];
} sim_ctx;

/* Items are 64-state words, so threads never write the same bitset word. */
static void sim_run(void *ctx, int tid, long lo, long hi)
{
    sim_ctx *x = ctx;
    const parley_conflict *c = x->c;
    const gm_agents *ag = &x->r->agents;
    sim_lists *L = &x->lists[tid];
    long n = (long)c->nstates;
    for (long v = lo * 64; v < n && v < hi * 64; v++) {
        if (lists_fill(c, ag, (uint32_t)v, L) < 0) {
            x->failed[tid] = 1;
            continue;
        }
        for (size_t a = 0; a < ag->n; a++) {
            bool ok = true;
            worst_first(c, ag, a, L);
            size_t dm = (size_t)__builtin_ctz(ag->dmset[a]); /* singletons here */
            const uint32_t *pd = x->dense ? x->dense[dm] : NULL;
            const uint32_t *lb = x->lower ? x->lower[dm] : NULL;
            for (size_t q = 0; q < L->ui[a].n && ok; q++)
                ok = pd ? (lb[L->ui[a].v[q]] <= c->pay[dm][v] &&
                           dfs_dense(ag, L, a, 0, L->code[a].v[q], pd, c->pay[dm][v]))
                        : dfs(c, ag, L, a, (uint32_t)v, 0, c->code[L->ui[a].v[q]], NULL, NULL);
            if (ok)
                gm_bit_set(x->r->bits[PARLEY_GMCR_SIM][a], (size_t)v);
        }
    }
}

static void dense_free(const parley_conflict *c, sim_ctx *x)
{
    for (size_t d = 0; d < c->ndms; d++) {
        if (x->dense)
            free(x->dense[d]);
        if (x->lower)
            free(x->lower[d]);
    }
    free(x->dense);
    free(x->lower);
    x->dense = x->lower = NULL;
}

/* Dense payoffs and lower bounds: the lower bound at s1 is the least payoff
 * over the box of every opponent option at s1 (a box transform), which holds
 * every simultaneous answer; when it is above the focal DM's payoff at s,
 * the improvement s -> s1 cannot be sanctioned and no search is needed. */
static bool dense_build(const parley_conflict *c, sim_ctx *x)
{
    uint32_t *scratch = gm_dense_new(c);
    x->dense = calloc(c->ndms, sizeof *x->dense);
    x->lower = calloc(c->ndms, sizeof *x->lower);
    bool ok = scratch && x->dense && x->lower;
    for (size_t d = 0; ok && d < c->ndms; d++) {
        x->dense[d] = gm_dense_new(c);
        x->lower[d] = malloc(c->nstates * sizeof *x->lower[d]);
        ok = x->dense[d] && x->lower[d];
        if (ok) {
            gm_dense_scatter(c, c->pay[d], UINT32_MAX, x->dense[d]);
            uint32_t others = ((uint32_t)(((uint64_t)1 << c->noptions) - 1)) & ~c->dms[d].option_mask;
            gm_box_states(c, others, false, c->pay[d], scratch, x->lower[d]);
        }
    }
    free(scratch);
    return ok;
}

parley_status gm_solve_sim(const parley_conflict *c, parley_stability *r, int threads,
                           parley_error *err)
{
    if (c->graph_form)
        return PARLEY_OK;
    int nt = gm_thread_count(threads);
    sim_ctx x = {c, r, calloc((size_t)nt, sizeof(sim_lists)), NULL, NULL, {0}};
    if (!x.lists)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict", "out of memory");
    if (r->agents.n == c->ndms && !dense_build(c, &x))
        dense_free(c, &x); /* not enough memory: the slower search */
    long nwords = (long)((c->nstates + 63) / 64);
    gm_parallel_for(nwords, 16, nt, sim_run, &x);
    int failed = 0;
    for (int t = 0; t < nt; t++) {
        lists_free(&x.lists[t]);
        failed |= x.failed[t];
    }
    free(x.lists);
    dense_free(c, &x);
    if (failed)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                "out of memory in the SIM search");
    r->has[PARLEY_GMCR_SIM] = true;
    return PARLEY_OK;
}
