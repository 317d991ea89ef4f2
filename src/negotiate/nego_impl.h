/*
 * negotiate/nego_impl.h — the negotiation module's internal structures:
 * the shared, read-only negotiation domain (domain.c) and the agents'
 * interface to the protocol (agents.c, protocol.c). Not a public header.
 */
#ifndef PARLEY_NEGOTIATE_IMPL_H
#define PARLEY_NEGOTIATE_IMPL_H

#include "parley/negotiate.h"

#include <gsl/gsl_rng.h>

struct parley_nego_domain {
    const parley_space *sp;
    parley_analysis *an;     /* frontier, best/worst, disagreement, Nash */
    size_t n_parties, n_issues, n_points;
    double *walk_away;       /* [n_parties] reservation or 0 */
    double *pmax, *pmin;     /* [n_parties] */
    /* Per party p: frontier indices by U_p descending (order[p*n_points+k])
     * and, for each prefix k, the best index for the others in
     * order[p][0..k] (pick[p*n_points+k]). */
    size_t *order, *pick;
};

/* What an agent sees when it acts: the standing offer (if any) and each
 * party's latest offer (its utilities to every party). */
typedef struct nego_view {
    const parley_nego_domain *dom;
    double t;
    bool has_offer;
    size_t proposer;
    const double *offer_u;        /* [n_parties] standing offer's utilities */
    const double *last_u;         /* [n_parties * n_parties], row = proposer  */
    const bool *has_offered;      /* [n_parties]                               */
} nego_view;

/* One agent during one negotiation. */
typedef struct nego_agent {
    parley_agent_spec spec;
    size_t party;
    gsl_rng *rng; /* random agent only */
} nego_agent;

/* Prepares agent `party` (allocates the random agent's generator seeded
 * from seed). Returns false when out of memory. */
bool nego_agent_init(nego_agent *ag, const parley_agent_spec *spec, size_t party, uint64_t seed);
void nego_agent_free(nego_agent *ag);

/* The agent's proposal now: writes the outcome into out[n_issues] and its
 * utilities into u[n_parties]. Returns false when it has nothing to offer
 * at or above its walk-away (it then ends the negotiation). */
bool nego_agent_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u);

/* Whether the agent accepts the standing offer, given its proposal's
 * utility to itself. */
bool nego_agent_accepts(const nego_agent *ag, const nego_view *v, double own_next);

/* splitmix64 finaliser, used to derive seeds. */
uint64_t nego_mix(uint64_t x);

#endif
