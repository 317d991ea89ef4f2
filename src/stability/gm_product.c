/*
 * stability/gm_product.c — Nash, GMR, SMR and SEQ when the fast solver's
 * box transforms do not apply: graph form, --gmcrplus semantics,
 * misperceptions, coalitions. Linear in states x tags x moves instead of the
 * general solver's search per (state, improvement), so these run at the
 * fast solver's scale. With --gmcrplus in option form the minima below come
 * from gm_plus.c instead of the graph; a coalition's SMR is settled by
 * per-member bounds and, for the moves they leave open, single explicit
 * searches (solve_agent).
 *
 * For focal DM i the opponents' sanctioning sequences are paths in a
 * product graph whose nodes are (state, tag): tag = the last mover
 * (textbook: nobody moves twice in a row) or the set of movers so far
 * (GMCR+: each opponent at most once). From (s1, start) — start = i, or {i}
 * — the states of the nodes reached are exactly the states the general
 * solver's breadth-first search tests as sanctions. So, as in gm_fast.c,
 *   A(s1) = min p_i, B(s1) = min e_i (i's best escape), C(s1) = min p_i
 *   over the improving sequences,
 * taken over everything reachable from (s1, start), are minima over a
 * directed graph: the shared reachability-minimum kernel (gm_scc.h, Tarjan's
 * strongly connected components, iterative) with the product graph's
 * successors generated on the fly here (next_succ). (s1 itself counts too,
 * harmlessly: it is an improvement for i, so never a sanction.) Then a move
 * s -> t of i is deterred under GMR iff A(t) <= p_i(s), SMR iff
 * B(t) <= p_i(s), SEQ iff C(t) <= p_i(s); Nash iff i has no improvement.
 */
#include "stability/gm_scc.h"
#include "core/error.h"
#include "core/parallel.h"
#include "stability/gm_box.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pgraph {
    const parley_conflict *c;
    const gm_agents *ag;
    size_t i, nd; /* focal agent, number of agents */
    bool plus, imp;
    bool tagless; /* option form, textbook: any sequence will do (below) */
    size_t T;     /* tags per state */
} pgraph;

/* Tag encoding: textbook, the last mover (0..nd-1); GMCR+, the set of
 * movers without bit i (every set holds i), compressed. */
static uint32_t tag_enc(const pgraph *g, uint32_t set)
{
    if (g->tagless)
        return 0;
    if (!g->plus)
        return set;
    uint32_t lo = set & (((uint32_t)1 << g->i) - 1), hi = set >> (g->i + 1);
    return lo | (hi << g->i);
}
static uint32_t tag_dec(const pgraph *g, uint32_t tag)
{
    if (g->tagless)
        return UINT32_MAX; /* no last mover */
    if (!g->plus)
        return tag;
    uint32_t lo = tag & (((uint32_t)1 << g->i) - 1), hi = tag >> g->i;
    return lo | ((uint32_t)1 << g->i) | (hi << (g->i + 1));
}
static uint32_t start_tag(const pgraph *g)
{
    return g->plus || g->tagless ? 0 : (uint32_t)g->i;
}

/* Tags per state: 1 in option form with textbook sanctions (no tag is
 * needed, see solve_agent), the set of movers but the focal agent with
 * --gmcrplus, else the last mover. */
static size_t product_tags(const parley_conflict *c, size_t na, bool plus)
{
    return plus ? (size_t)1 << (na - 1) : c->graph_form ? na : 1;
}

/* Whether agent b may move from a node with decoded tag `tag`. */
static bool may_move(const pgraph *g, uint32_t tag, size_t b)
{
    if (b == g->i)
        return false;
    return g->plus ? !((tag >> b) & 1u) : b != tag;
}

/* Next successor node of f, or -1. The cursor: f->agent is the agent being
 * enumerated, f->flip UINT32_MAX until its moves are set up (then, option
 * form: its flippable options), f->it the next CSR index (graph form) or
 * the next subset to flip (option form; 0 = done). */
__attribute__((always_inline)) static inline long next_succ(const void *ctx, gm_scc_frame *f)
{
    const pgraph *g = ctx;
    const parley_conflict *c = g->c;
    uint32_t v = (uint32_t)(f->node / g->T), tag = tag_dec(g, (uint32_t)(f->node % g->T));
    for (;;) {
        if (f->agent >= g->nd)
            return -1;
        size_t b = f->agent;
        if (f->flip == UINT32_MAX) { /* set up agent b's moves from v */
            if (!may_move(g, tag, b) ||
                (c->misperceptions && !gm_perceives(c, g->ag->dmset[b], v))) {
                f->agent++;
                continue;
            }
            if (c->graph_form) {
                f->it = c->dms[b].move_off[v];
                f->flip = 0;
            } else {
                f->flip = gm_flippable(c, g->ag->optmask[b], c->code[v]);
                f->it = f->flip; /* next subset to flip; 0 = done */
            }
        }
        long u;
        if (c->graph_form) {
            if (f->it >= c->dms[b].move_off[v + 1]) {
                f->agent++;
                f->flip = UINT32_MAX;
                continue;
            }
            u = c->dms[b].move_to[f->it++];
        } else {
            if (f->it == 0) {
                f->agent++;
                f->flip = UINT32_MAX;
                continue;
            }
            uint32_t sub = f->it;
            f->it = (sub - 1) & f->flip;
            u = gm_state_id(c, c->code[v] ^ sub);
            if (u < 0)
                continue;
        }
        if (c->misperceptions && !gm_perceives(c, g->ag->dmset[b], (uint32_t)u))
            continue;
        if (g->imp && !gm_better(c, g->ag->dmset[b], (uint32_t)u, v))
            continue;
        uint32_t ntag = g->plus ? (tag | (1u << b)) : (uint32_t)b;
        return (long)((size_t)u * g->T + tag_enc(g, ntag));
    }
}

/* out[q][node] = min of vals[q][state] over the nodes reachable from node
 * (itself included): the shared kernel (gm_scc.h) over the product graph. */
static parley_status product_min(const pgraph *g, const uint32_t *const *vals, size_t nvals,
                                 uint32_t **out)
{
    return gm_scc_min(g->c->nstates * g->T, g->T, next_succ, g, vals, nvals, out, NULL, 0.0);
}

/* E[k][v] = member k's best payoff among v and agent i's moves from v (the
 * escapes SMR tests): a box transform in option form without
 * misperceptions, else the moves listed. */
static int escapes(const parley_conflict *c, const gm_agents *ag, size_t i, const uint32_t *members,
                   uint32_t nm, uint32_t **E)
{
    if (!c->graph_form && !c->misperceptions) {
        uint32_t *dense = parleyp_gm_dense_new(c);
        if (!dense)
            return -1;
        for (uint32_t k = 0; k < nm; k++) /* the box holds v itself */
            parleyp_gm_box_states(c, ag->optmask[i], true, c->pay[members[k]], dense, E[k]);
        free(dense);
        return 0;
    }
    gm_idvec mv = {0};
    for (uint32_t v = 0; v < c->nstates; v++) {
        mv.n = 0;
        if (parleyp_gm_agent_moves(c, ag, i, v, &mv) < 0) {
            parleyp_gm_idvec_free(&mv);
            return -1;
        }
        for (uint32_t k = 0; k < nm; k++) {
            const uint32_t *p = c->pay[members[k]];
            uint32_t e = p[v];
            for (size_t q = 0; q < mv.n; q++)
                if (p[mv.v[q]] > e)
                    e = p[mv.v[q]];
            E[k][v] = e;
        }
    }
    parleyp_gm_idvec_free(&mv);
    return 0;
}

/* Focal agent i: a DM alone or a coalition. A state is a sanction against a
 * coalition when some member does not prefer it, so per member k the
 * minimum of p_k decides GMR and SEQ: the move is deterred iff A_k(t) <=
 * p_k(s) for some member k. SMR also needs that no escape of the coalition
 * from the sanction is better for every member; per member, B_k(t) <= p_k(s)
 * (a sanction from which no escape is better for member k) settles it, and
 * for a DM alone that is exact. For a coalition the moves it leaves open
 * (GMR-deterred, no member's B low enough) go to the explicit search. */
static parley_status solve_agent(const parley_conflict *c, parley_stability *r, size_t i, bool plus)
{
    const gm_agents *ag = &r->agents;
    size_t n = c->nstates, na = ag->n;
    /* In option form, two consecutive moves of one agent compose into one
     * move of it (or none), two improvements into an improvement, and a
     * composed move between perceived states is a move even when the state
     * between was unperceived: with the textbook semantics, the states legal
     * sequences reach are those any sequence reaches (see gm_reach.c), so
     * the tag can go. */
    bool tagless = !plus && !c->graph_form;
    pgraph g = {c, ag, i, na, plus, false, tagless, product_tags(c, na, plus)};
    size_t nn = n * g.T;
    /* --gmcrplus in option form: minima over the set of movers so far by box
     * transforms (gm_plus.c), one entry per state (the start tag's) instead
     * of one per node; SEQ's too unless an opponent is a coalition */
    bool dp = plus && parleyp_gm_plus_fits(c, ag), dp_seq = dp && !gm_coalition_opponent(ag, i);
    size_t sab = dp ? 1 : g.T, sc = dp_seq ? 1 : g.T; /* entries per state */
    uint32_t members[GM_MAX_DMS] = {0}, nm = 0, dms = ag->dmset[i];
    for (size_t d = 0; d < c->ndms; d++)
        if (dms >> d & 1u)
            members[nm++] = (uint32_t)d;
    uint32_t *A[GM_MAX_DMS] = {NULL}, *C[GM_MAX_DMS] = {NULL};
    uint32_t *E[GM_MAX_DMS] = {NULL}, *B[GM_MAX_DMS] = {NULL};
    const uint32_t *vals[2 * GM_MAX_DMS];
    const uint32_t *esc_of_dm[GM_MAX_DMS] = {NULL};
    gm_idvec mv = {0}, open = {0};
    gm_search *w = NULL;
    parley_status st = PARLEY_ERR_LIMIT;
    bool ok_alloc = true;
    for (uint32_t k = 0; k < nm; k++) {
        A[k] = malloc((n * sab + 1) * sizeof *A[k]);
        C[k] = malloc((n * sc + 1) * sizeof *C[k]);
        B[k] = malloc((n * sab + 1) * sizeof *B[k]);
        E[k] = malloc((n + 1) * sizeof *E[k]);
        ok_alloc = ok_alloc && A[k] && C[k] && B[k] && E[k];
        esc_of_dm[members[k]] = E[k];
    }
    if (!ok_alloc || (nm > 1 && !(w = parleyp_gm_search_new(c, ag, plus))))
        goto done;
    if (nm > 1)
        parleyp_gm_search_escapes(w, esc_of_dm);
    if (escapes(c, ag, i, members, nm, E) < 0)
        goto done;
    {
        uint32_t *outs[2 * GM_MAX_DMS];
        for (uint32_t k = 0; k < nm; k++) {
            vals[k] = c->pay[members[k]];
            outs[k] = A[k];
            vals[nm + k] = E[k];
            outs[nm + k] = B[k];
        }
        /* all moves, option form without tags: the box-transform fixpoint
         * (linear in options, not in moves), else the graph search */
        bool boxed = false;
        if (tagless && !c->misperceptions) {
            uint32_t movers[GM_MAX_DMS];
            size_t nmov = 0;
            for (size_t b = 0; b < na; b++)
                if (b != i)
                    movers[nmov++] = ag->optmask[b];
            uint32_t *D = parleyp_gm_dense_new(c), *prev = parleyp_gm_dense_new(c);
            boxed = D && prev;
            for (uint32_t k = 0; k < 2 * nm && boxed; k++)
                boxed = parleyp_gm_box_reach_min(c, movers, nmov, vals[k], D, prev, outs[k]);
            free(D);
            free(prev);
        }
        if (dp && !parleyp_gm_plus_reach_min(c, ag, i, false, vals, 2 * nm, outs))
            goto done; /* out of memory */
        if (!boxed && !dp && (st = product_min(&g, vals, 2 * nm, outs)) != PARLEY_OK)
            goto done;
        parleyp_gm_progress_add(r->progress, (double)nn);
        g.imp = true;
        for (uint32_t k = 0; k < nm; k++)
            outs[k] = C[k];
        if (dp_seq && !parleyp_gm_plus_reach_min(c, ag, i, true, vals, nm, outs))
            goto done; /* out of memory */
        if (!dp_seq && (st = product_min(&g, vals, nm, outs)) != PARLEY_OK)
            goto done;
        parleyp_gm_progress_add(r->progress, (double)nn);
    }
    uint32_t t0 = start_tag(&g);
    for (uint32_t s = 0; s < n; s++) {
        if (parleyp_gm_agent_moves(c, ag, i, s, &mv) < 0) {
            st = PARLEY_ERR_LIMIT;
            goto done;
        }
        bool ok[4] = {true, true, true, true};
        open.n = 0;
        for (size_t q = 0; q < mv.n; q++) {
            uint32_t t = mv.v[q];
            if (!gm_better(c, dms, t, s))
                continue;
            size_t ab = (size_t)t * sab + t0,
                   cc = (size_t)t * sc + t0; /* t0 = 0 if sab or sc is 1 */
            bool gmr = false, seq = false, smr = false;
            for (uint32_t k = 0; k < nm; k++) {
                uint32_t ps = c->pay[members[k]][s];
                gmr = gmr || A[k][ab] <= ps;
                seq = seq || C[k][cc] <= ps;
                smr = smr || B[k][ab] <= ps;
            }
            ok[PARLEY_GMCR_NASH] = false;
            ok[PARLEY_GMCR_GMR] = ok[PARLEY_GMCR_GMR] && gmr;
            ok[PARLEY_GMCR_SEQ] = ok[PARLEY_GMCR_SEQ] && seq;
            if (!smr && gmr && nm > 1 && ok[PARLEY_GMCR_SMR]) {
                if (parleyp_gm_idvec_push(&open, t) < 0) {
                    st = PARLEY_ERR_LIMIT;
                    goto done;
                }
                smr = true; /* decided below */
            }
            ok[PARLEY_GMCR_SMR] = ok[PARLEY_GMCR_SMR] && smr;
        }
        for (size_t q = 0; q < open.n && ok[PARLEY_GMCR_SMR]; q++)
            ok[PARLEY_GMCR_SMR] =
                parleyp_gm_search_deters(c, ag, i, s, open.v[q], PARLEY_GMCR_SMR, plus, w);
        for (int k = 0; k < 4; k++)
            if (ok[k])
                gm_bit_set(r->bits[k][i], s);
    }
    st = PARLEY_OK;
done:
    parleyp_gm_idvec_free(&mv);
    parleyp_gm_idvec_free(&open);
    parleyp_gm_search_free(w);
    for (uint32_t k = 0; k < nm; k++) {
        free(A[k]);
        free(C[k]);
        free(B[k]);
        free(E[k]);
    }
    return st;
}

typedef struct prod_ctx {
    const parley_conflict *c;
    parley_stability *r;
    bool plus;
    parley_status st[GM_MAX_DMS];
} prod_ctx;

static void prod_run(void *ctx, int tid, size_t lo, size_t hi)
{
    prod_ctx *f = ctx;
    (void)tid;
    for (size_t i = lo; i < hi; i++)
        f->st[i] = solve_agent(f->c, f->r, i, f->plus);
}

parley_status parleyp_gm_solve_product(const parley_conflict *c, parley_stability *r, bool gmcrplus,
                                       int threads, parley_error *err)
{
    size_t na = r->agents.n, T = product_tags(c, na, gmcrplus);
    if ((double)c->nstates * (double)T >= 4.0e9)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                "%zu states x %zu sanction tags: too many", c->nstates, T);
    prod_ctx f = {c, r, gmcrplus, {PARLEY_OK}};
    parleyp_pc_parallel_for(na, 1, parleyp_pc_thread_count(threads, SIZE_MAX), prod_run, &f);
    for (size_t i = 0; i < na; i++)
        if (f.st[i] != PARLEY_OK)
            return parley_error_set(err, f.st[i], NULL, 0, 0, "conflict",
                                    "out of memory solving %zu states", c->nstates);
    r->has[PARLEY_GMCR_NASH] = r->has[PARLEY_GMCR_GMR] = r->has[PARLEY_GMCR_SEQ] =
        r->has[PARLEY_GMCR_SMR] = true;
    return PARLEY_OK;
}

double parleyp_gm_product_bytes(const parley_conflict *c, const gm_agents *ag, bool gmcrplus)
{
    double T = (double)product_tags(c, ag->n, gmcrplus);
    size_t members = 1;
    for (size_t a = 0; a < ag->n; a++)
        if ((size_t)__builtin_popcount(ag->dmset[a]) > members)
            members = (size_t)__builtin_popcount(ag->dmset[a]);
    /* index, low, stack, frame (16), onstack; minima A, B and C per member
     * and node, escapes E per member and state; a coalition's explicit
     * searches (12 bytes per state and search tag: the last mover, or the
     * set of movers with --gmcrplus) */
    double tarjan = 4.0 + 4.0 + 4.0 + 16.0 + 0.125, m = (double)members;
    double search = members > 1 ? 12.0 * (gmcrplus ? ldexp(1.0, (int)ag->n) : (double)ag->n) : 0.0;
    if (!(gmcrplus && parleyp_gm_plus_fits(c, ag)))
        return (double)c->nstates * (T * (tarjan + 12.0 * m) + 4.0 * m + search);
    /* by box transforms (gm_plus.c): A, B per state; C too, unless a
     * coalition opponent leaves SEQ to the product graph */
    double seq = members > 1 ? T * (tarjan + 4.0 * m) : 4.0 * m;
    return (double)c->nstates * (8.0 * m + 4.0 * m + search + seq) + parleyp_gm_plus_bytes(c, ag);
}

double parleyp_gm_product_work(const parley_conflict *c, const gm_agents *ag, bool gmcrplus)
{
    double T = (double)product_tags(c, ag->n, gmcrplus);
    double moves[GM_MAX_DMS] = {0}, all = 0.0;
    for (size_t a = 0; a < ag->n; a++) {
        if (c->graph_form)
            moves[a] = c->nstates && c->dms[a].move_off
                           ? (double)c->dms[a].move_off[c->nstates] / (double)c->nstates
                           : 0.0;
        else
            moves[a] = (double)((uint64_t)1 << __builtin_popcount(ag->optmask[a]));
        all += moves[a];
    }
    /* a pass over every node's moves, per focal agent */
    double pass = (double)c->nstates * T * (all + 1.0);
    if (!(gmcrplus && parleyp_gm_plus_fits(c, ag)))
        return 2.0 * (double)ag->n * pass;
    /* --gmcrplus by box transforms (gm_plus.c): per focal agent and value,
     * (opponents) x 2^(opponents - 1) transforms of 2^m codes, one pass per
     * option of the mover; improving ones also sort each sub-cube. A
     * coalition opponent leaves the improving pass to the product graph,
     * over the opponents' moves. */
    double codes = ldexp(1.0, (int)c->noptions), no = (double)ag->n - 1.0;
    double dp =
        no * ldexp(1.0, (int)ag->n - 2) * codes * ((double)c->noptions / (double)ag->n + 2.0);
    double work = 0.0;
    for (size_t i = 0; i < ag->n; i++)
        work += 2.0 * dp + (gm_coalition_opponent(ag, i)
                                ? (double)c->nstates * T * (all - moves[i] + 1.0)
                                : 2.0 * dp);
    return work;
}
