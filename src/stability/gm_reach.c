/*
 * stability/gm_reach.c — for every state, the minimum of some values over
 * the states that a group of movers can reach from it (a sanction exists iff
 * that minimum is low enough). This is what makes GMR, SMR and SEQ linear in
 * the number of states times moves instead of quadratic.
 *
 * Why plain reachability suffices: in option form two consecutive moves by
 * the same DM compose into one legal move of that DM (options changed twice
 * cancel; the rest change in a permitted direction), or into no move at all;
 * two consecutive improvements compose into an improvement. So the states
 * reachable by legal sequences (nobody moves twice in a row) are exactly
 * those reachable by any sequence, apart from the start state itself, which
 * can never be a sanction (it is better than the start for the focal DM).
 *
 * Algorithm: Tarjan's strongly connected components, iterative, with moves
 * generated on the fly (subset enumeration of each mover's flippable
 * options). Components finish in reverse topological order, so the minimum of
 * a component is its members' own values and the finished minima of the
 * components they reach. Memory: a few 32-bit words per state.
 */
#include "stability/gm_solve.h"

#include <stdlib.h>
#include <string.h>

typedef struct frame {
    uint32_t v;
    uint32_t mover; /* index into movers of the next successor */
    uint32_t sub;   /* next subset to try for that mover (0: advance mover) */
    uint32_t flip;  /* flippable options of that mover at v */
} frame;

typedef struct reach {
    const parley_conflict *c;
    const uint32_t *movers;
    size_t nmovers;
    const uint32_t *const *pays;
} reach;

/* Next successor of the frame's state, or -1 when exhausted. */
static long next_succ(const reach *r, frame *f)
{
    const parley_conflict *c = r->c;
    uint32_t s = c->code[f->v];
    for (;;) {
        while (f->sub == 0) {
            if (f->mover >= r->nmovers)
                return -1;
            f->flip = gm_flippable(c, r->movers[f->mover], s);
            f->sub = f->flip;
            f->mover++;
        }
        uint32_t sub = f->sub;
        f->sub = (sub - 1) & f->flip;
        long t = gm_state_id(c, s ^ sub);
        if (t < 0)
            continue;
        if (r->pays) {
            const uint32_t *p = r->pays[f->mover - 1];
            if (p[t] <= p[f->v])
                continue;
        }
        return t;
    }
}

parley_status parleyp_gm_reach_min(const parley_conflict *c, const uint32_t *movers, size_t nmovers,
                                   const uint32_t *const *pays, const uint32_t *const *vals,
                                   size_t nvals, uint32_t **out, gm_progress *progress)
{
    size_t n = c->nstates;
    const double per_state = parleyp_gm_reach_work(c, movers, nmovers) / (double)(n ? n : 1);
    size_t unreported = 0;
    uint32_t *index = calloc(n, sizeof *index);
    uint32_t *low = malloc(n * sizeof *low);
    uint32_t *stack = malloc(n * sizeof *stack);
    frame *frames = malloc(n * sizeof *frames);
    uint64_t *onstack = calloc((n + 63) / 64, sizeof *onstack);
    if (!index || !low || !stack || !frames || !onstack) {
        free(index);
        free(low);
        free(stack);
        free(frames);
        free(onstack);
        return PARLEY_ERR_LIMIT;
    }
    reach r = {c, movers, nmovers, pays};
    uint32_t counter = 0;
    size_t sp = 0, fp = 0;
    for (size_t root = 0; root < n; root++) {
        if (index[root])
            continue;
        if (++unreported == 65536) { /* roughly: every state is a root or visited */
            parleyp_gm_progress_add(progress, 65536.0 * per_state);
            unreported = 0;
        }
        /* visit root */
        frames[fp++] = (frame){(uint32_t)root, 0, 0, 0};
        index[root] = low[root] = ++counter;
        stack[sp++] = (uint32_t)root;
        gm_bit_set(onstack, root);
        for (size_t q = 0; q < nvals; q++)
            out[q][root] = vals[q][root];
        while (fp > 0) {
            frame *f = &frames[fp - 1];
            uint32_t v = f->v;
            long w = next_succ(&r, f);
            if (w >= 0) {
                if (!index[w]) {
                    if (++unreported == 65536) {
                        parleyp_gm_progress_add(progress, 65536.0 * per_state);
                        unreported = 0;
                    }
                    index[w] = low[w] = ++counter;
                    stack[sp++] = (uint32_t)w;
                    gm_bit_set(onstack, (size_t)w);
                    for (size_t q = 0; q < nvals; q++)
                        out[q][w] = vals[q][w];
                    frames[fp++] = (frame){(uint32_t)w, 0, 0, 0};
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
            /* v is finished */
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
                uint32_t u = frames[fp - 1].v;
                if (low[v] < low[u])
                    low[u] = low[v];
                if (!gm_bit_get(onstack, v))
                    for (size_t q = 0; q < nvals; q++)
                        if (out[q][v] < out[q][u])
                            out[q][u] = out[q][v];
            }
        }
    }
    parleyp_gm_progress_add(progress, (double)unreported * per_state);
    free(index);
    free(low);
    free(stack);
    free(frames);
    free(onstack);
    return PARLEY_OK;
}

double parleyp_gm_reach_work(const parley_conflict *c, const uint32_t *movers, size_t nmovers)
{
    double moves = 0.0; /* per state: every subset of each mover's options */
    for (size_t j = 0; j < nmovers; j++)
        moves += (double)((uint64_t)1 << __builtin_popcount(movers[j]));
    return (double)c->nstates * moves;
}

void parleyp_gm_progress_add(gm_progress *p, double work)
{
    if (!p)
        return;
    unsigned long long d =
        atomic_fetch_add(&p->done, (unsigned long long)work) + (unsigned long long)work;
    if (p->fn && !atomic_flag_test_and_set(&p->busy)) {
        double share = p->total > 0 ? (double)d / p->total : 0.0;
        p->fn(p->ctx, share < 1.0 ? share : 1.0);
        atomic_flag_clear(&p->busy);
    }
}
