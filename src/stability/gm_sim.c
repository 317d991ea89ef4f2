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

#include "stability/gm_parallel.h"

#include <stdlib.h>

typedef struct sim_lists {
    gm_idvec ui[GM_MAX_DMS]; /* improvements (state ids) of each agent at s */
    gm_idvec tmp;
} sim_lists;

static void lists_free(sim_lists *L)
{
    for (size_t b = 0; b < GM_MAX_DMS; b++)
        gm_idvec_free(&L->ui[b]);
    gm_idvec_free(&L->tmp);
}

static int lists_fill(const parley_conflict *c, const gm_agents *ag, uint32_t s, sim_lists *L)
{
    for (size_t b = 0; b < ag->n; b++) {
        if (gm_agent_moves(c, ag, b, s, &L->tmp) < 0)
            return -1;
        L->ui[b].n = 0;
        for (size_t q = 0; q < L->tmp.n; q++)
            if (gm_better(c, ag->dmset[b], L->tmp.v[q], s) && gm_idvec_push(&L->ui[b], L->tmp.v[q]) < 0)
                return -1;
    }
    return 0;
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
            for (size_t q = 0; q < L->ui[a].n && ok; q++)
                ok = dfs(c, ag, L, a, (uint32_t)v, 0, c->code[L->ui[a].v[q]], NULL, NULL);
            if (ok)
                gm_bit_set(x->r->bits[PARLEY_GMCR_SIM][a], (size_t)v);
        }
    }
}

parley_status gm_solve_sim(const parley_conflict *c, parley_stability *r, int threads,
                           parley_error *err)
{
    if (c->graph_form)
        return PARLEY_OK;
    int nt = gm_thread_count(threads);
    sim_ctx x = {c, r, calloc((size_t)nt, sizeof(sim_lists)), {0}};
    if (!x.lists)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict", "out of memory");
    long nwords = (long)((c->nstates + 63) / 64);
    gm_parallel_for(nwords, 16, nt, sim_run, &x);
    int failed = 0;
    for (int t = 0; t < nt; t++) {
        lists_free(&x.lists[t]);
        failed |= x.failed[t];
    }
    free(x.lists);
    if (failed)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                "out of memory in the SIM search");
    r->has[PARLEY_GMCR_SIM] = true;
    return PARLEY_OK;
}
