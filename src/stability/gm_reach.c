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
 * Algorithm: the shared reachability-minimum kernel (gm_scc.h, Tarjan's
 * strongly connected components, iterative), over states, with the moves
 * generated on the fly here (subset enumeration of each mover's flippable
 * options, optionally improving moves only). Memory: about 28 bytes per
 * state.
 */
#include "stability/gm_scc.h"

typedef struct reach {
    const parley_conflict *c;
    const uint32_t *movers;
    size_t nmovers;
    const uint32_t *const *pays;
} reach;

/* Next successor of the frame's state, or -1 when exhausted; improving:
 * only moves that improve the mover's payoff (r->pays). The cursor:
 * f->agent is the index into movers of the next successor, f->it the next
 * subset to try for that mover (0: advance mover), f->flip the mover's
 * flippable options at the state. */
__attribute__((always_inline)) static inline long next_move(const reach *r, gm_scc_frame *f,
                                                            bool improving)
{
    const parley_conflict *c = r->c;
    uint32_t s = c->code[f->node];
    for (;;) {
        while (f->it == 0) {
            if (f->agent >= r->nmovers)
                return -1;
            f->flip = gm_flippable(c, r->movers[f->agent], s);
            f->it = f->flip;
            f->agent++;
        }
        uint32_t sub = f->it;
        f->it = (sub - 1) & f->flip;
        long t = gm_state_id(c, s ^ sub);
        if (t < 0)
            continue;
        if (improving) {
            const uint32_t *p = r->pays[f->agent - 1];
            if (p[t] <= p[f->node])
                continue;
        }
        return t;
    }
}
/* The two generators (the test of pays out of the hot loop). */
__attribute__((always_inline)) static inline long next_any(const void *ctx, gm_scc_frame *f)
{
    return next_move(ctx, f, false);
}
__attribute__((always_inline)) static inline long next_improving(const void *ctx, gm_scc_frame *f)
{
    return next_move(ctx, f, true);
}

parley_status parleyp_gm_reach_min(const parley_conflict *c, const uint32_t *movers, size_t nmovers,
                                   const uint32_t *const *pays, const uint32_t *const *vals,
                                   size_t nvals, uint32_t **out, gm_progress *progress)
{
    size_t n = c->nstates;
    reach r = {c, movers, nmovers, pays};
    double per_state = parleyp_gm_reach_work(c, movers, nmovers) / (double)(n ? n : 1);
    if (pays) /* two copies of the kernel, each with its generator inlined */
        return gm_scc_min(n, 1, next_improving, &r, vals, nvals, out, progress, per_state);
    return gm_scc_min(n, 1, next_any, &r, vals, nvals, out, progress, per_state);
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
