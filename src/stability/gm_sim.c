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
 * States are processed in parallel (core/parallel.c); each thread has its own
 * lists.
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include "stability/gm_box.h"
#include "core/parallel.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>

typedef struct sim_lists {
    gm_idvec ui[GM_MAX_DMS];   /* improvements (state ids) of each agent at s */
    gm_idvec code[GM_MAX_DMS]; /* the same as decimal codes */
    uint32_t mask[GM_MAX_DMS]; /* each agent's options */
} sim_lists;

static void lists_free(sim_lists *L)
{
    for (size_t b = 0; b < GM_MAX_DMS; b++) {
        parleyp_gm_idvec_free(&L->ui[b]);
        parleyp_gm_idvec_free(&L->code[b]);
    }
}

/* The same search for a single-DM focal agent, with its payoffs in a dense
 * array over codes (UINT32_MAX = infeasible): a sanction is pd[y] <= T.
 * opp[k] is the k-th opponent; bound[k][x] is the least payoff over the box
 * of the options of opponents k.. at x, so a branch whose bound is above T
 * holds no sanction and is cut. */
typedef struct focal {
    size_t a, nopp;
    size_t opp[GM_MAX_DMS];
    uint32_t *pd;
    uint32_t *bound[GM_MAX_DMS];
    uint64_t *cand; /* states where no improvement has bound[0] > T (else not SIM) */
} focal;

static int lists_fill(const parley_conflict *c, const gm_agents *ag, uint32_t s, sim_lists *L)
{
    uint32_t code = c->code[s];
    for (size_t b = 0; b < ag->n; b++) {
        L->mask[b] = ag->optmask[b];
        gm_idvec *u = &L->ui[b], *uc = &L->code[b];
        uint32_t f = gm_flippable(c, ag->optmask[b], code);
        u->n = uc->n = 0;
        for (uint32_t sub = f; sub; sub = (sub - 1) & f) {
            long t = gm_state_id(c, code ^ sub);
            if (t >= 0 && gm_better(c, ag->dmset[b], (uint32_t)t, s) &&
                (parleyp_gm_idvec_push(u, (uint32_t)t) < 0 ||
                 parleyp_gm_idvec_push(uc, code ^ sub) < 0))
                return -1;
        }
    }
    return 0;
}

/* With dense payoffs of every agent (single DMs): only the codes are kept. */
static int lists_fill_dense(const parley_conflict *c, const gm_agents *ag, uint32_t s,
                            const focal *all, sim_lists *L)
{
    uint32_t code = c->code[s];
    for (size_t b = 0; b < ag->n; b++) {
        gm_idvec *uc = &L->code[b];
        const uint32_t *pd = all[b].pd;
        uint32_t f = gm_flippable(c, ag->optmask[b], code), here = pd[code];
        L->mask[b] = ag->optmask[b];
        L->ui[b].n = uc->n = 0;
        for (uint32_t sub = f; sub; sub = (sub - 1) & f) {
            uint32_t v = pd[code ^ sub];
            if (v > here && v != UINT32_MAX && parleyp_gm_idvec_push(uc, code ^ sub) < 0)
                return -1;
        }
    }
    return 0;
}

/* Search order: each opponent's improvement that is worst for the focal
 * agent's first member goes first (the likeliest sanction). Only the order
 * changes, never the answer. */
static void worst_first(const parley_conflict *c, const gm_agents *ag, size_t a, sim_lists *L,
                        const uint32_t *pd)
{
    const uint32_t *p = c->pay[__builtin_ctz(ag->dmset[a])];
    for (size_t b = 0; b < ag->n; b++) {
        gm_idvec *u = &L->ui[b], *uc = &L->code[b];
        size_t len = pd ? uc->n : u->n;
        if (b == a || len < 2)
            continue;
        size_t best = 0;
        for (size_t q = 1; q < len; q++)
            if (pd ? pd[uc->v[q]] < pd[uc->v[best]] : p[u->v[q]] < p[u->v[best]])
                best = q;
        uint32_t x = uc->v[0];
        uc->v[0] = uc->v[best];
        uc->v[best] = x;
        if (!pd) {
            x = u->v[0];
            u->v[0] = u->v[best];
            u->v[best] = x;
        }
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
                        parleyp_gm_idvec_push(pa, (uint32_t)ag->n),
                            parleyp_gm_idvec_push(ps, (uint32_t)id);
                    parleyp_gm_idvec_push(pa, (uint32_t)b);
                    parleyp_gm_idvec_push(ps, t);
                }
                return true;
            }
        }
    }
    return false;
}

static bool dfs_dense(const focal *F, const sim_lists *L, size_t k, uint32_t x, uint32_t T)
{
    for (; k < F->nopp; k++) {
        if (F->bound[k][x] > T)
            return false;
        size_t b = F->opp[k];
        uint32_t m = L->mask[b];
        const gm_idvec *uc = &L->code[b];
        for (size_t q = 0; q < uc->n; q++) {
            uint32_t y = (x & ~m) | (uc->v[q] & m);
            if (F->pd[y] <= T || (k + 1 < F->nopp && dfs_dense(F, L, k + 1, y, T)))
                return true;
        }
    }
    return false;
}

bool parleyp_gm_find_sim_sanction(const parley_conflict *c, const gm_agents *ag, size_t a,
                                  uint32_t s, uint32_t s1, gm_idvec *path_agents,
                                  gm_idvec *path_states)
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
    sim_lists *lists;   /* one per thread */
    const focal *focal; /* single-DM agents: one per agent (nfocal = agents)
                           or the one agent solved in this pass; or NULL */
    size_t nfocal;
    int failed[64];
    double work_per_state; /* progress units (see gm_sim_work) per state of a pass */
} sim_ctx;

double parleyp_gm_sim_work(const parley_conflict *c, const gm_agents *ag)
{
    double w = 0.0; /* per state: each agent's improvements, at most 2^options */
    for (size_t a = 0; a < ag->n; a++)
        w += (double)((uint64_t)1 << __builtin_popcount(ag->optmask[a]));
    return w * (double)c->nstates;
}

/* One state with every agent a single DM and dense payoffs (all): only the
 * agents the prefilter leaves are searched; the opponents' improvement lists
 * are made once, when a focal agent first needs them, and the focal agent's
 * improvements are taken one by one until one has no simultaneous sanction.
 * Returns false when memory is short. */
static bool state_dense(const parley_conflict *c, const gm_agents *ag, const focal *all, uint32_t v,
                        sim_lists *L, parley_stability *r)
{
    uint32_t code = c->code[v];
    uint64_t filled = 0;
    for (size_t a = 0; a < ag->n; a++) {
        const focal *F = &all[a];
        if (!gm_bit_get(F->cand, v))
            continue;
        for (size_t k = 0; k < F->nopp; k++) { /* the opponents' improvements */
            size_t b = F->opp[k];
            if (filled >> b & 1u)
                continue;
            filled |= (uint64_t)1 << b;
            gm_idvec *uc = &L->code[b];
            const uint32_t *pd = all[b].pd;
            uint32_t f = gm_flippable(c, ag->optmask[b], code), here = pd[code];
            size_t need = (size_t)1 << __builtin_popcount(f), n = 0;
            L->mask[b] = ag->optmask[b];
            L->ui[b].n = uc->n = 0;
            if (uc->cap < need) { /* room for every move: the loop has no branch */
                uint32_t *nv = realloc(uc->v, need * sizeof *nv);
                if (!nv)
                    return false;
                uc->v = nv;
                uc->cap = need;
            }
            uint32_t *out = uc->v;
            for (uint32_t sub = f; sub; sub = (sub - 1) & f) {
                uint32_t w = pd[code ^ sub];
                out[n] = code ^ sub; /* kept when an improvement (infeasible: MAX) */
                n += (w > here) & (w != UINT32_MAX);
            }
            uc->n = n;
        }
        worst_first(c, ag, a, L, F->pd);
        const uint32_t *pd = F->pd;
        uint32_t T = pd[code], f = gm_flippable(c, ag->optmask[a], code);
        bool ok = true;
        for (uint32_t sub = f; sub && ok; sub = (sub - 1) & f) {
            uint32_t y = code ^ sub, w = pd[y];
            if (w > T && w != UINT32_MAX) /* an improvement: is it sanctioned? */
                ok = dfs_dense(F, L, 0, y, T);
        }
        if (ok)
            gm_bit_set(r->bits[PARLEY_GMCR_SIM][a], v);
    }
    return true;
}

/* Items are 64-state words, so threads never write the same bitset word. */
static void sim_run(void *ctx, int tid, size_t first, size_t end)
{
    const long lo = (long)first, hi = (long)end;
    sim_ctx *x = ctx;
    const parley_conflict *c = x->c;
    const gm_agents *ag = &x->r->agents;
    sim_lists *L = &x->lists[tid];
    long n = (long)c->nstates;
    if (x->nfocal > 1) { /* every agent a single DM with dense payoffs */
        for (long v = lo * 64; v < n && v < hi * 64; v++)
            if (!state_dense(c, ag, x->focal, (uint32_t)v, L, x->r)) {
                x->failed[tid] = 1;
                break;
            }
        parleyp_gm_progress_add(x->r->progress, x->work_per_state * (double)((hi - lo) * 64));
        return;
    }
    for (long v = lo * 64; v < n && v < hi * 64; v++) {
        if ((x->nfocal > 1 ? lists_fill_dense(c, ag, (uint32_t)v, x->focal, L)
                           : lists_fill(c, ag, (uint32_t)v, L)) < 0) {
            x->failed[tid] = 1;
            continue;
        }
        if (x->focal) { /* the lists only where some focal agent may be stable */
            bool any = false;
            for (size_t f = 0; f < x->nfocal && !any; f++)
                any = gm_bit_get(x->focal[f].cand, (size_t)v);
            if (!any)
                continue;
        }
        for (size_t a = 0; a < ag->n; a++) {
            const focal *F = x->focal;
            if (x->nfocal > 1)
                F = &x->focal[a];
            else if (F && F->a != a)
                continue;
            if (F && !gm_bit_get(F->cand, (size_t)v))
                continue;
            bool ok = true;
            worst_first(c, ag, a, L, F ? F->pd : NULL);
            size_t nui = F ? L->code[a].n : L->ui[a].n;
            for (size_t q = 0; q < nui && ok; q++) {
                if (F) {
                    uint32_t T = c->pay[__builtin_ctz(ag->dmset[a])][v];
                    ok = F->pd[L->code[a].v[q]] <= T || dfs_dense(F, L, 0, L->code[a].v[q], T);
                } else
                    ok = dfs(c, ag, L, a, (uint32_t)v, 0, c->code[L->ui[a].v[q]], NULL, NULL);
            }
            if (ok)
                gm_bit_set(x->r->bits[PARLEY_GMCR_SIM][a], (size_t)v);
        }
    }
    parleyp_gm_progress_add(x->r->progress, x->work_per_state * (double)((hi - lo) * 64));
}

static void focal_free(focal *F)
{
    for (size_t k = 0; k < F->nopp; k++)
        free(F->bound[k]);
    free(F->pd);
    free(F->cand);
    memset(F, 0, sizeof *F);
}

/* Dense payoffs of agent a (a single DM) and the suffix bounds, each a box
 * transform of the one after it. Returns false when memory is short. */
static bool focal_build(const parley_conflict *c, const gm_agents *ag, size_t a, focal *F)
{
    memset(F, 0, sizeof *F);
    F->a = a;
    for (size_t b = 0; b < ag->n; b++)
        if (b != a)
            F->opp[F->nopp++] = b;
    uint32_t *pd = F->pd = parleyp_gm_dense_new(c);
    if (!pd)
        return false;
    parleyp_gm_dense_scatter(c, c->pay[__builtin_ctz(ag->dmset[a])], UINT32_MAX, pd);
    size_t bytes = ((size_t)1 << c->noptions) * sizeof(uint32_t);
    for (size_t k = F->nopp; k-- > 0;) {
        if (!(F->bound[k] = parleyp_gm_dense_new(c)))
            return false; /* focal_free frees what was made */
        memcpy(F->bound[k], k + 1 < F->nopp ? F->bound[k + 1] : pd, bytes);
        parleyp_gm_box(c, ag->optmask[F->opp[k]], false, F->bound[k]);
    }
    /* Prefilter (a box transform, like the GMR test): the search of dfs_dense
     * fails at once for an improvement y with bound[0][y] > T, and the
     * improvements are the codes of a's box with pd > T. So a can be stable at
     * s only if the largest W = min(pd, bound[0]) over a's box (W = 0 at
     * infeasible codes) is <= T; other states are never searched. */
    size_t N = (size_t)1 << c->noptions, n = c->nstates;
    uint32_t *W = parleyp_gm_dense_new(c);
    F->cand = calloc((n + 63) / 64 + 1, sizeof *F->cand);
    if (!W || !F->cand) {
        free(W);
        return false;
    }
    const uint32_t *b0 = F->nopp ? F->bound[0] : pd;
    for (size_t y = 0; y < N; y++)
        W[y] = pd[y] == UINT32_MAX ? 0 : (b0[y] < pd[y] ? b0[y] : pd[y]);
    parleyp_gm_box(c, ag->optmask[a], true, W);
    const uint32_t *pa = c->pay[__builtin_ctz(ag->dmset[a])];
    for (size_t v = 0; v < n; v++)
        if (W[c->code[v]] <= pa[v])
            gm_bit_set(F->cand, v);
    free(W);
    return true;
}

/* Two single DMs: focal a, opponent b. The states are taken by sub-cube of
 * b's options (every other option fixed), where b's improvements from x are
 * the codes of the sub-cube with a higher p_b that x's legal flips reach:
 * with the sub-cube sorted by decreasing p_b once, they are the codes of a
 * better level (filtered by the irreversible options' directions), so b's
 * payoffs are read once per sub-cube instead of once per move per state.
 * The search itself is dfs_dense's, with the same lists (in code order,
 * the worst for a first). */
typedef struct pair_ctx {
    const parley_conflict *c;
    const gm_agents *ag;
    const focal *all;
    size_t a, b;
    parley_stability *r;
    struct pair_scratch {
        uint64_t *ord;
        uint32_t *code, *pa, *rank;
        sim_lists L;
    } * scr;
} pair_ctx;

static int cmp_desc_u64(const void *x, const void *y)
{
    uint64_t p = *(const uint64_t *)x, q = *(const uint64_t *)y;
    return p < q ? 1 : p > q ? -1 : 0;
}

static void pair_run(void *ctx, int tid, size_t first, size_t end)
{
    pair_ctx *P = ctx;
    const parley_conflict *c = P->c;
    const focal *F = &P->all[P->a];
    const uint32_t *pa = F->pd, *pb = P->all[P->b].pd;
    uint32_t mb = P->ag->optmask[P->b], ma = P->ag->optmask[P->a];
    uint32_t rest = (uint32_t)(((size_t)1 << c->noptions) - 1) & ~mb;
    uint32_t fwd = mb & c->fwd_mask, back = mb & c->back_mask;
    struct pair_scratch *S = &P->scr[tid];
    gm_idvec *uc = &S->L.code[P->b];
    S->L.mask[P->b] = mb;
    for (size_t i = first; i < end; i++) {
        uint32_t ctxc = 0; /* the i-th setting of the other options */
        size_t rem = i;
        for (uint32_t bits = rest; bits && rem; bits &= bits - 1, rem >>= 1)
            if (rem & 1u)
                ctxc |= bits & -bits;
        size_t m = 0, K = 0;
        for (uint32_t sub = 0;; K++) { /* local index K: codes in increasing order */
            uint32_t x = ctxc | sub;
            S->code[K] = x;
            S->pa[K] = pa[x];
            S->rank[K] = UINT32_MAX;
            if (pb[x] != UINT32_MAX)
                S->ord[m++] = ((uint64_t)pb[x] << 32) | K;
            if (sub == mb) {
                K++;
                break;
            }
            sub = (sub - mb) & mb;
        }
        qsort(S->ord, m, sizeof *S->ord, cmp_desc_u64);
        for (size_t q = 0, g0 = 0; q < m; q++) { /* rank: the first of its level */
            if (q && (S->ord[q] >> 32) != (S->ord[q - 1] >> 32))
                g0 = q;
            S->rank[(uint32_t)S->ord[q]] = (uint32_t)g0;
        }
        for (size_t q = 0; q < m; q++) {
            uint32_t tx = (uint32_t)S->ord[q], x = S->code[tx], g0 = S->rank[tx];
            long v = gm_state_id(c, x);
            if (v < 0 || !gm_bit_get(F->cand, (size_t)v))
                continue;
            /* b's improvements from x: the codes of a better level (rank <
             * g0) that x reaches (an only-taken option taken at x stays
             * taken, an only-withdrawn one not taken stays so), in code
             * order (the search reads a's payoffs at them: strided, not
             * random); the worst for a first */
            uint32_t fixed1 = fwd & x, fixed0 = back & ~x;
            size_t n = 0, worst = 0;
            uint32_t wv = UINT32_MAX;
            for (size_t z = 0; z < K; z++) {
                uint32_t y = S->code[z];
                bool keep = S->rank[z] < g0 && (y & fixed1) == fixed1 && (y & fixed0) == 0;
                uc->v[n] = y;
                if (keep && S->pa[z] < wv) {
                    wv = S->pa[z];
                    worst = n;
                }
                n += keep;
            }
            uc->n = n;
            if (n > 1) {
                uint32_t w = uc->v[worst];
                uc->v[worst] = uc->v[0];
                uc->v[0] = w;
            }
            uint32_t T = pa[x], f = gm_flippable(c, ma, x);
            const uint32_t *bound = F->bound[0];
            uint32_t *lv = uc->v;
            bool ok = true;
            for (uint32_t sub = f; sub && ok; sub = (sub - 1) & f) {
                uint32_t y = x ^ sub, w = pa[y];
                if (w <= T || w == UINT32_MAX)
                    continue;
                /* an improvement: is it sanctioned? (dfs_dense with one
                 * opponent; a sanction found moves to the front, as it is
                 * likely to answer the next improvements too) */
                ok = false;
                if (bound[y] > T)
                    break;
                uint32_t keep = y & ~mb;
                for (size_t z = 0; z < n; z++)
                    if (pa[keep | (lv[z] & mb)] <= T) {
                        uint32_t hit = lv[z];
                        lv[z] = lv[0];
                        lv[0] = hit;
                        ok = true;
                        break;
                    }
            }
            if (ok) /* other threads' sub-cubes share the bitset's words */
                __atomic_fetch_or(&P->r->bits[PARLEY_GMCR_SIM][P->a][(size_t)v >> 6],
                                  (uint64_t)1 << ((size_t)v & 63), __ATOMIC_RELAXED);
        }
    }
    parleyp_gm_progress_add(P->r->progress, (double)(end - first) *
                                                (double)((uint64_t)1 << __builtin_popcount(mb)));
}

/* SIM for two single DMs with dense payoffs (all): each focal DM by sub-cubes
 * of its opponent's options. Returns false when memory is short. */
static bool solve_pair(const parley_conflict *c, parley_stability *r, const focal *all, int nt)
{
    const gm_agents *ag = &r->agents;
    pair_ctx P = {c, ag, all, 0, 0, r, calloc((size_t)nt, sizeof(struct pair_scratch))};
    bool ok = P.scr != NULL;
    for (size_t a = 0; a < 2 && ok; a++) {
        P.a = a;
        P.b = 1 - a;
        uint32_t mb = ag->optmask[P.b];
        size_t K = (size_t)1 << __builtin_popcount(mb);
        for (int t = 0; t < nt && ok; t++) {
            struct pair_scratch *S = &P.scr[t];
            gm_idvec *uc = &S->L.code[P.b];
            free(S->ord);
            free(S->code);
            free(S->pa);
            free(S->rank);
            free(uc->v);
            S->ord = malloc(K * sizeof *S->ord);
            S->code = malloc(K * sizeof *S->code);
            S->pa = malloc(K * sizeof *S->pa);
            S->rank = malloc(K * sizeof *S->rank);
            uc->v = malloc(K * sizeof *uc->v);
            uc->cap = K;
            uc->n = 0;
            ok = S->ord && S->code && S->pa && S->rank && uc->v;
        }
        if (ok)
            parleyp_pc_parallel_for(((size_t)1 << c->noptions) / K, 64, nt, pair_run, &P);
    }
    for (int t = 0; P.scr && t < nt; t++) {
        free(P.scr[t].ord);
        free(P.scr[t].code);
        free(P.scr[t].pa);
        free(P.scr[t].rank);
        lists_free(&P.scr[t].L);
    }
    free(P.scr);
    return ok;
}

parley_status parleyp_gm_solve_sim(const parley_conflict *c, parley_stability *r, int threads,
                                   parley_error *err)
{
    if (c->graph_form)
        return PARLEY_OK;
    int nt = parleyp_pc_thread_count(threads, SIZE_MAX);
    sim_ctx x = {c, r, calloc((size_t)nt, sizeof(sim_lists)), NULL, 0, {0}, 0.0};
    const double all_work =
        parleyp_gm_sim_work(c, &r->agents) / (double)(c->nstates ? c->nstates : 1);
    x.work_per_state = all_work;
    if (!x.lists)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict", "out of memory");
    long nwords = (long)((c->nstates + 63) / 64);
    bool dense_done = false;
    if (r->agents.n == c->ndms) { /* single DMs */
        size_t na = r->agents.n, per = (na + 1) * ((size_t)1 << c->noptions) * sizeof(uint32_t);
        focal *all = calloc(na, sizeof *all);
        dense_done = all != NULL;
        if (all && per * na <= GM_SIM_MEMORY) { /* every focal agent in one pass */
            for (size_t a = 0; a < na && dense_done; a++)
                dense_done = focal_build(c, &r->agents, a, &all[a]);
            if (dense_done && na == 2) /* one opponent: by its sub-cubes */
                dense_done = solve_pair(c, r, all, nt);
            else if (dense_done) {
                x.focal = all;
                x.nfocal = na;
                parleyp_pc_parallel_for((size_t)nwords, 16, nt, sim_run, &x);
            }
        } else /* one focal agent per pass: less memory, lists made again */
            for (size_t a = 0; a < na && dense_done; a++) {
                dense_done = focal_build(c, &r->agents, a, &all[a]);
                if (dense_done) {
                    x.focal = &all[a];
                    x.nfocal = 1;
                    x.work_per_state =
                        (double)((uint64_t)1 << __builtin_popcount(r->agents.optmask[a]));
                    parleyp_pc_parallel_for((size_t)nwords, 16, nt, sim_run, &x);
                }
                focal_free(&all[a]);
            }
        for (size_t a = 0; all && a < na; a++)
            focal_free(&all[a]);
        free(all);
        x.focal = NULL;
        x.nfocal = 0;
    }
    if (!dense_done) { /* coalitions, or not enough memory: the general search */
        x.work_per_state = all_work;
        parleyp_pc_parallel_for((size_t)nwords, 16, nt, sim_run, &x);
    }
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
