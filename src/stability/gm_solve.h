/*
 * stability/gm_solve.h — internals shared by the stability solvers:
 * agents (a DM alone or a coalition of DMs), the result bitsets, and the
 * entry points of the fast solver (gm_fast.c), the general solver
 * (gm_general.c), simultaneous sanctioning (gm_sim.c) and the
 * reachability minima over option-form moves (gm_reach.c). The graph
 * kernel under gm_reach.c and gm_product.c is in gm_scc.h.
 *
 * Which solver runs: individual DMs of an option-form conflict with the
 * textbook semantics and no misperceptions go to the fast solver (linear in
 * states x moves, no per-state searches); other individual DMs (graph form,
 * --gmcrplus, misperceptions) and coalitions to the product-graph solver
 * (gm_product.c, linear in states x tags x moves), which asks the general
 * solver's explicit search (gm_general.c) only about the coalition SMR
 * moves its bounds leave open. The general solver as a whole searches
 * sanction sequences per (state, improvement): the tests' reference.
 */
#ifndef PARLEY_STABILITY_GM_SOLVE_H
#define PARLEY_STABILITY_GM_SOLVE_H

#include "stability/gm_model.h"

#include <stdatomic.h>

#define GM_GENERAL_MAX_STATES 200000u
/* SIM: dense payoffs and bounds for all focal agents at once (the fastest
 * path) when they fit in this much (2 DMs on 2^24 codes: 384 MiB). */
#define GM_SIM_MEMORY ((size_t)1 << 30)

typedef struct gm_agents {
    size_t n;
    uint32_t dmset[GM_MAX_DMS];   /* bit k = DM k */
    uint32_t optmask[GM_MAX_DMS]; /* option form: options of the agent */
    char name[GM_MAX_DMS][256];
} gm_agents;

/* Builds agents from a partition (agent_of_dm may be NULL). */
parley_status parleyp_gm_agents_build(const parley_conflict *c, const int *agent_of_dm,
                                      gm_agents *a, parley_error *err);

/* Agent with DM set `dms` prefers t to s: every member strictly prefers. */
static inline bool gm_better(const parley_conflict *c, uint32_t dms, uint32_t t, uint32_t s)
{
    for (size_t k = 0; dms; k++, dms >>= 1)
        if ((dms & 1u) && c->pay[k][t] <= c->pay[k][s])
            return false;
    return true;
}

/* Whether some opponent of agent i is a coalition (two or more DMs). */
static inline bool gm_coalition_opponent(const gm_agents *ag, size_t i)
{
    for (size_t b = 0; b < ag->n; b++)
        if (b != i && (ag->dmset[b] & (ag->dmset[b] - 1)))
            return true;
    return false;
}

/* Moves of an agent from state id s into out (cleared first). */
int parleyp_gm_agent_moves(const parley_conflict *c, const gm_agents *a, size_t agent, uint32_t s,
                           gm_idvec *out);

/* Progress of a solve: work is counted in the units of
 * parley_stability_estimate (state x move visits) by whichever thread does
 * it; the callback runs in one thread at a time (others skip it). */
typedef struct gm_progress {
    void (*fn)(void *ctx, double done);
    void *ctx;
    double total;
    _Atomic unsigned long long done;
    atomic_flag busy;
} gm_progress;
/* Adds work done and reports (p may be NULL). */
void parleyp_gm_progress_add(gm_progress *p, double work);
/* Work of one reachability pass (gm_reach_min) over all states by the
 * movers with these option masks, and of the SIM pass. */
double parleyp_gm_reach_work(const parley_conflict *c, const uint32_t *movers, size_t nmovers);
double parleyp_gm_sim_work(const parley_conflict *c, const gm_agents *ag);
/* Work of the general solver (gm_general.c) for all agents. */
double parleyp_gm_general_work(const parley_conflict *c, const gm_agents *ag);

struct parley_stability {
    gm_progress *progress; /* NULL: nobody watches */
    size_t nstates;
    gm_agents agents;
    bool has[PARLEY_GMCR_CONCEPTS];
    uint64_t *bits[PARLEY_GMCR_CONCEPTS][GM_MAX_DMS]; /* stable[k][agent] */
};

static inline void gm_bit_set(uint64_t *b, size_t i)
{
    b[i >> 6] |= (uint64_t)1 << (i & 63);
}
static inline bool gm_bit_get(const uint64_t *b, size_t i)
{
    return (b[i >> 6] >> (i & 63)) & 1u;
}

/* Nash, GMR, SMR, SEQ for individual DMs in option form (textbook). */
parley_status parleyp_gm_solve_fast(const parley_conflict *c, parley_stability *r, int threads,
                                    parley_error *err);
/* Nash, GMR, SMR, SEQ by explicit sanction search. */
parley_status parleyp_gm_solve_general(const parley_conflict *c, parley_stability *r, bool gmcrplus,
                                       parley_error *err);
/* Nash, GMR, SMR, SEQ for individual DMs by reachability minima over
 * (state, last mover | movers so far): graph form, --gmcrplus,
 * misperceptions (gm_product.c); its memory and work estimates. */
parley_status parleyp_gm_solve_product(const parley_conflict *c, parley_stability *r, bool gmcrplus,
                                       int threads, parley_error *err);
double parleyp_gm_product_bytes(const parley_conflict *c, const gm_agents *ag, bool gmcrplus);
double parleyp_gm_product_work(const parley_conflict *c, const gm_agents *ag, bool gmcrplus);
/* Option form: out[v] = min of vals over every state the movers (option
 * masks) can reach from v by any sequence of moves, as a fixpoint of box
 * transforms (gm_fast.c); D and prev are scratch of 2^m entries. False when
 * it has not converged within its rounds (then use a graph search). */
bool parleyp_gm_box_reach_min(const parley_conflict *c, const uint32_t *movers, size_t nm,
                              const uint32_t *vals, uint32_t *D, uint32_t *prev, uint32_t *out);
/* --gmcrplus in option form without misperceptions (gm_plus.c): for focal
 * agent i, out[q][s] = min of vals[q] over s and every state the
 * opponents reach from s, each moving at most once (improving: by moves
 * that improve the mover's payoff: only when no opponent is a coalition,
 * gm_coalition_opponent). False when memory runs out (or, improving, an
 * opponent is a coalition). _fits: whether it applies within
 * GM_SIM_MEMORY; _bytes: what it holds. */
bool parleyp_gm_plus_fits(const parley_conflict *c, const gm_agents *ag);
double parleyp_gm_plus_bytes(const parley_conflict *c, const gm_agents *ag);
bool parleyp_gm_plus_reach_min(const parley_conflict *c, const gm_agents *ag, size_t i,
                               bool improving, const uint32_t *const *vals, size_t nvals,
                               uint32_t **out);
/* A workspace for explicit sanction searches (gm_general.c), one per
 * thread: about 12 bytes per state and sanction tag. NULL when out of
 * memory; free with parleyp_gm_search_free (NULL is fine). */
typedef struct gm_search gm_search;
gm_search *parleyp_gm_search_new(const parley_conflict *c, const gm_agents *ag, bool gmcrplus);
void parleyp_gm_search_free(gm_search *w);
/* Optional: escape_of_dm[d] (NULL or n entries, borrowed) is DM d's best
 * payoff among each state and the focal agent's moves from it, so an SMR
 * sanction is accepted without listing those moves. */
void parleyp_gm_search_escapes(gm_search *w, const uint32_t *const *escape_of_dm);
/* Whether some sanction under k (GMR, SMR, SEQ) deters focal agent a's move
 * s -> s1: the general solver's breadth-first search. */
bool parleyp_gm_search_deters(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                              uint32_t s1, parley_gmcr_concept k, bool gmcrplus, gm_search *w);
/* SIM (option form), for every agent and state. */
parley_status parleyp_gm_solve_sim(const parley_conflict *c, parley_stability *r, int threads,
                                   parley_error *err);

/* One explicit sanction search from s1 for focal agent `a` at state s under
 * concept k (GMR, SMR or SEQ). On success returns true; when path is not
 * NULL it receives the opponents' moves (agent, state) from s1 to the
 * sanction. */
bool parleyp_gm_find_sanction(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                              uint32_t s1, parley_gmcr_concept k, bool gmcrplus,
                              gm_idvec *path_agents, gm_idvec *path_states);
/* SIM: whether the opponents can answer a's move s -> s1 simultaneously;
 * on success the answering opponents' moves are appended to the vectors. */
bool parleyp_gm_find_sim_sanction(const parley_conflict *c, const gm_agents *ag, size_t a,
                                  uint32_t s, uint32_t s1, gm_idvec *path_agents,
                                  gm_idvec *path_states);

/* For each state v: the minimum of vals[q][u] over u reachable from v (v
 * included) by moves of the DMs in `movers` (option masks); with `pays`
 * non-NULL only moves that improve the mover's payoff (pays[j]) count.
 * out[q] must hold n entries each. Option form only. */
parley_status parleyp_gm_reach_min(const parley_conflict *c, const uint32_t *movers, size_t nmovers,
                                   const uint32_t *const *pays, const uint32_t *const *vals,
                                   size_t nvals, uint32_t **out, gm_progress *progress);

#endif
