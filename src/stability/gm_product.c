/*
 * stability/gm_product.c — Nash, GMR, SMR and SEQ for individual DMs when
 * the fast solver's box transforms do not apply: graph form, --gmcrplus
 * semantics, misperceptions. Linear in states x tags x moves instead of the
 * general solver's search per (state, improvement), so these run at the
 * fast solver's scale.
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
 * directed graph: Tarjan's strongly connected components, iterative, with
 * successors generated on the fly. (s1 itself counts too, harmlessly: it is
 * an improvement for i, so never a sanction.) Then a move s -> t of i is
 * deterred under GMR iff A(t) <= p_i(s), SMR iff B(t) <= p_i(s), SEQ iff
 * C(t) <= p_i(s); Nash iff i has no improvement.
 */
#include "stability/gm_solve.h"
#include "core/error.h"
#include "core/parallel.h"

#include <stdlib.h>
#include <string.h>

typedef struct pframe {
    uint32_t node;
    uint32_t b;    /* next agent to try; UINT32_MAX: none active */
    uint32_t it;   /* graph form: next CSR index; option form: next subset */
    uint32_t flip; /* option form: the active mover's flippable options */
} pframe;

typedef struct pgraph {
    const parley_conflict *c;
    size_t i, nd;
    bool plus, imp;
    size_t T; /* tags per state */
} pgraph;

/* Tag encoding: textbook, the last mover (0..nd-1); GMCR+, the set of
 * movers without bit i (every set holds i), compressed. */
static uint32_t tag_enc(const pgraph *g, uint32_t set)
{
    if (!g->plus)
        return set;
    uint32_t lo = set & (((uint32_t)1 << g->i) - 1), hi = set >> (g->i + 1);
    return lo | (hi << g->i);
}
static uint32_t tag_dec(const pgraph *g, uint32_t tag)
{
    if (!g->plus)
        return tag;
    uint32_t lo = tag & (((uint32_t)1 << g->i) - 1), hi = tag >> g->i;
    return lo | ((uint32_t)1 << g->i) | (hi << (g->i + 1));
}
static uint32_t start_tag(const pgraph *g)
{
    return g->plus ? 0 : (uint32_t)g->i;
}

/* Whether agent b may move from a node with decoded tag `tag`. */
static bool may_move(const pgraph *g, uint32_t tag, size_t b)
{
    if (b == g->i)
        return false;
    return g->plus ? !((tag >> b) & 1u) : b != tag;
}

/* Next successor node of f, or -1. f->b is the agent being enumerated,
 * f->flip UINT32_MAX until its moves are set up. */
static long next_succ(const pgraph *g, pframe *f)
{
    const parley_conflict *c = g->c;
    uint32_t v = (uint32_t)(f->node / g->T), tag = tag_dec(g, (uint32_t)(f->node % g->T));
    for (;;) {
        if (f->b >= g->nd)
            return -1;
        size_t b = f->b;
        if (f->flip == UINT32_MAX) { /* set up agent b's moves from v */
            if (!may_move(g, tag, b) || (c->misperceptions && !gm_perceives(c, 1u << b, v))) {
                f->b++;
                continue;
            }
            if (c->graph_form) {
                f->it = c->dms[b].move_off[v];
                f->flip = 0;
            } else {
                f->flip = gm_flippable(c, c->dms[b].option_mask, c->code[v]);
                f->it = f->flip; /* next subset to flip; 0 = done */
            }
        }
        long u;
        if (c->graph_form) {
            if (f->it >= c->dms[b].move_off[v + 1]) {
                f->b++;
                f->flip = UINT32_MAX;
                continue;
            }
            u = c->dms[b].move_to[f->it++];
        } else {
            if (f->it == 0) {
                f->b++;
                f->flip = UINT32_MAX;
                continue;
            }
            uint32_t sub = f->it;
            f->it = (sub - 1) & f->flip;
            u = gm_state_id(c, c->code[v] ^ sub);
            if (u < 0)
                continue;
        }
        if (c->misperceptions && !gm_perceives(c, 1u << b, (uint32_t)u))
            continue;
        if (g->imp && c->pay[b][u] <= c->pay[b][v])
            continue;
        uint32_t ntag = g->plus ? (tag | (1u << b)) : (uint32_t)b;
        return (long)((size_t)u * g->T + tag_enc(g, ntag));
    }
}

/* out[q][node] = min of vals[q][state] over the nodes reachable from node
 * (itself included). */
static parley_status product_min(const pgraph *g, const uint32_t *const *vals, size_t nvals,
                                 uint32_t **out)
{
    size_t nn = g->c->nstates * g->T;
    uint32_t *index = calloc(nn + 1, sizeof *index), *low = malloc((nn + 1) * sizeof *low);
    uint32_t *stack = malloc((nn + 1) * sizeof *stack);
    pframe *frames = malloc((nn + 1) * sizeof *frames);
    uint64_t *onstack = calloc(nn / 64 + 1, sizeof *onstack);
    parley_status st = PARLEY_ERR_LIMIT;
    if (!index || !low || !stack || !frames || !onstack)
        goto done;
    uint32_t counter = 0;
    size_t sp = 0, fp = 0;
    for (size_t root = 0; root < nn; root++) {
        if (index[root])
            continue;
        frames[fp++] = (pframe){(uint32_t)root, 0, 0, UINT32_MAX};
        index[root] = low[root] = ++counter;
        stack[sp++] = (uint32_t)root;
        gm_bit_set(onstack, root);
        for (size_t q = 0; q < nvals; q++)
            out[q][root] = vals[q][root / g->T];
        while (fp > 0) {
            pframe *f = &frames[fp - 1];
            uint32_t v = f->node;
            long w = next_succ(g, f);
            if (w >= 0) {
                if (!index[w]) {
                    index[w] = low[w] = ++counter;
                    stack[sp++] = (uint32_t)w;
                    gm_bit_set(onstack, (size_t)w);
                    for (size_t q = 0; q < nvals; q++)
                        out[q][w] = vals[q][(size_t)w / g->T];
                    frames[fp++] = (pframe){(uint32_t)w, 0, 0, UINT32_MAX};
                } else if (gm_bit_get(onstack, (size_t)w)) {
                    if (index[w] < low[v])
                        low[v] = index[w];
                } else {
                    for (size_t q = 0; q < nvals; q++)
                        if (out[q][w] < out[q][v])
                            out[q][v] = out[q][w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                size_t base = sp;
                do
                    base--;
                while (stack[base] != v);
                for (size_t q = 0; q < nvals; q++) {
                    uint32_t m = UINT32_MAX;
                    for (size_t k = base; k < sp; k++)
                        if (out[q][stack[k]] < m)
                            m = out[q][stack[k]];
                    for (size_t k = base; k < sp; k++)
                        out[q][stack[k]] = m;
                }
                for (size_t k = base; k < sp; k++)
                    onstack[stack[k] >> 6] &= ~((uint64_t)1 << (stack[k] & 63));
                sp = base;
            }
            fp--;
            if (fp > 0) {
                uint32_t u = frames[fp - 1].node;
                if (low[v] < low[u])
                    low[u] = low[v];
                if (!gm_bit_get(onstack, v))
                    for (size_t q = 0; q < nvals; q++)
                        if (out[q][v] < out[q][u])
                            out[q][u] = out[q][v];
            }
        }
    }
    st = PARLEY_OK;
done:
    free(index);
    free(low);
    free(stack);
    free(frames);
    free(onstack);
    return st;
}

static parley_status solve_dm(const parley_conflict *c, parley_stability *r, size_t i, bool plus)
{
    size_t n = c->nstates;
    pgraph g = {c, i, c->ndms, plus, false, plus ? (size_t)1 << (c->ndms - 1) : c->ndms};
    size_t nn = n * g.T;
    const uint32_t *p = c->pay[i];
    uint32_t *e = malloc((n + 1) * sizeof *e);
    uint32_t *A = malloc((nn + 1) * sizeof *A), *B = malloc((nn + 1) * sizeof *B);
    uint32_t *C = malloc((nn + 1) * sizeof *C);
    gm_idvec mv = {0};
    parley_status st = PARLEY_ERR_LIMIT;
    if (!e || !A || !B || !C)
        goto done;
    for (uint32_t v = 0; v < n; v++) { /* i's best escape */
        mv.n = 0;
        if (parleyp_gm_moves(c, (uint32_t)1 << i, v, &mv) < 0)
            goto done;
        e[v] = p[v];
        for (size_t q = 0; q < mv.n; q++)
            if (p[mv.v[q]] > e[v])
                e[v] = p[mv.v[q]];
    }
    {
        const uint32_t *vals[2] = {p, e};
        uint32_t *outs[2] = {A, B};
        if ((st = product_min(&g, vals, 2, outs)) != PARLEY_OK)
            goto done;
        parleyp_gm_progress_add(r->progress, (double)nn);
        g.imp = true;
        const uint32_t *vc[1] = {p};
        uint32_t *oc[1] = {C};
        if ((st = product_min(&g, vc, 1, oc)) != PARLEY_OK)
            goto done;
        parleyp_gm_progress_add(r->progress, (double)nn);
    }
    uint32_t t0 = start_tag(&g);
    for (uint32_t s = 0; s < n; s++) {
        mv.n = 0;
        if (parleyp_gm_moves(c, (uint32_t)1 << i, s, &mv) < 0) {
            st = PARLEY_ERR_LIMIT;
            goto done;
        }
        bool ok[4] = {true, true, true, true};
        for (size_t q = 0; q < mv.n; q++) {
            uint32_t t = mv.v[q];
            if (p[t] <= p[s])
                continue;
            size_t node = (size_t)t * g.T + t0;
            ok[PARLEY_GMCR_NASH] = false;
            ok[PARLEY_GMCR_GMR] = ok[PARLEY_GMCR_GMR] && A[node] <= p[s];
            ok[PARLEY_GMCR_SMR] = ok[PARLEY_GMCR_SMR] && B[node] <= p[s];
            ok[PARLEY_GMCR_SEQ] = ok[PARLEY_GMCR_SEQ] && C[node] <= p[s];
        }
        for (int k = 0; k < 4; k++)
            if (ok[k])
                gm_bit_set(r->bits[k][i], s);
    }
    st = PARLEY_OK;
done:
    parleyp_gm_idvec_free(&mv);
    free(e);
    free(A);
    free(B);
    free(C);
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
        f->st[i] = solve_dm(f->c, f->r, i, f->plus);
}

parley_status parleyp_gm_solve_product(const parley_conflict *c, parley_stability *r, bool gmcrplus,
                                       int threads, parley_error *err)
{
    size_t T = gmcrplus ? (size_t)1 << (c->ndms - 1) : c->ndms;
    if ((double)c->nstates * (double)T >= 4.0e9)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                "%zu states x %zu sanction tags: too many", c->nstates, T);
    prod_ctx f = {c, r, gmcrplus, {PARLEY_OK}};
    parleyp_pc_parallel_for(c->ndms, 1, parleyp_pc_thread_count(threads, SIZE_MAX), prod_run, &f);
    for (size_t i = 0; i < c->ndms; i++)
        if (f.st[i] != PARLEY_OK)
            return parley_error_set(err, f.st[i], NULL, 0, 0, "conflict",
                                    "out of memory solving %zu states", c->nstates);
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        r->has[k] = true;
    return PARLEY_OK;
}

double parleyp_gm_product_bytes(const parley_conflict *c, bool gmcrplus)
{
    double T = gmcrplus ? (double)((uint64_t)1 << (c->ndms - 1)) : (double)c->ndms;
    /* index, low, stack, frame (16), three minima, onstack */
    return (double)c->nstates * T * (4.0 + 4.0 + 4.0 + 16.0 + 12.0 + 0.125) +
           (double)c->nstates * 4.0;
}

double parleyp_gm_product_work(const parley_conflict *c, bool gmcrplus)
{
    double T = gmcrplus ? (double)((uint64_t)1 << (c->ndms - 1)) : (double)c->ndms;
    double moves = 0.0;
    for (size_t d = 0; d < c->ndms; d++) {
        if (c->graph_form)
            moves += c->nstates && c->dms[d].move_off
                         ? (double)c->dms[d].move_off[c->nstates] / (double)c->nstates
                         : 0.0;
        else
            moves += (double)((uint64_t)1 << __builtin_popcount(c->dms[d].option_mask));
    }
    /* two passes per focal DM over every node's moves */
    return 2.0 * (double)c->ndms * (double)c->nstates * T * (moves + 1.0);
}
