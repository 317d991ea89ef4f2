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
    parley_analysis *an; /* frontier, best/worst, disagreement, Nash */
    size_t n_parties, n_issues, n_points;
    double *walk_away;   /* [n_parties] reservation or 0 */
    double *pmax, *pmin; /* [n_parties] */
    /* Per party p: frontier indices by U_p descending (order[p*n_points+k])
     * and, for each prefix k, the best index for the others in
     * order[p][0..k] (pick[p*n_points+k]). */
    size_t *order, *pick;
    /* Private information (genius_space.c): each party's own outcome space
     * sorted as GENIUS sorts it; NULL until parley_nego_domain_prepare_private. */
    struct nego_sorted *sorted; /* [n_parties] */
    size_t *radix;              /* [n_issues] value counts (outcome codes)  */
    double *own_max, *own_min;  /* [n_parties] GENIUS Pmax, Pmin            */
};

/* One party's GENIUS SortedOutcomeSpace: every outcome, by own utility
 * descending, ties by Java's BidDetails.hashCode ascending, then by GENIUS's
 * BidIterator order (issue 0 changes fastest). An outcome code is the
 * mixed-radix number of its value indices with issue 0 least significant
 * (= its position in BidIterator order). */
typedef struct nego_sorted {
    size_t n;
    double *u;      /* [n] own utility, non-increasing */
    uint32_t *code; /* [n] outcome codes               */
} nego_sorted;

/* Builds dom->sorted (every party). PARLEY_ERR_LIMIT over max_outcomes. */
parley_status nego_sorted_build(parley_nego_domain *dom, double max_outcomes, parley_error *err);
void nego_sorted_free(parley_nego_domain *dom);
/* GENIUS SortedOutcomeSpace.getIndexOfBidNearUtility, quirk included. */
size_t nego_sorted_near(const nego_sorted *s, double target);
/* First index with u < lo... : the number of bids with u >= lo. */
size_t nego_sorted_count_at_least(const nego_sorted *s, double lo);
void nego_decode(const parley_nego_domain *dom, uint32_t code, uint32_t *out);
uint32_t nego_encode(const parley_nego_domain *dom, const uint32_t *o);
/* Java's String.hashCode of a UTF-8 string (over its UTF-16 code units). */
int32_t nego_java_string_hash(const char *s);
/* Java's BidDetails.hashCode of a bid with utility u (time -1, as GENIUS's
 * OutcomeSpace creates them). */
int32_t nego_java_bid_hash(const parley_nego_domain *dom, const uint32_t *o, double u);

/* What an agent sees when it acts: the standing offer (if any) and each
 * party's latest offer (its utilities to every party). */
typedef struct nego_view {
    const parley_nego_domain *dom;
    double t;
    bool has_offer;
    size_t proposer;
    const double *offer_u;   /* [n_parties] standing offer's utilities */
    const double *last_u;    /* [n_parties * n_parties], row = proposer  */
    const bool *has_offered; /* [n_parties]                               */
    const uint32_t *offer;   /* [n_issues] the standing offer             */
} nego_view;

/* The HardHeaded / BOA frequency opponent model (opponent_model.c). */
typedef struct nego_freq_model {
    size_t n_issues, n_bids;
    size_t *offset;    /* [n_issues + 1] into count             */
    double *weight;    /* [n_issues] estimated issue weights    */
    double *count;     /* [values] value frequencies (from 1)   */
    double *max_count; /* [n_issues]                            */
    uint32_t *prev;    /* [n_issues] the opponent's last offer  */
} nego_freq_model;

bool nego_freq_init(nego_freq_model *m, const parley_nego_domain *dom);
void nego_freq_free(nego_freq_model *m);
void nego_freq_update(nego_freq_model *m, const uint32_t *bid);
double nego_freq_utility(const nego_freq_model *m, const uint32_t *bid);

/* One agent during one negotiation. */
typedef struct nego_agent {
    parley_agent_spec spec;
    size_t party, n_parties;
    bool private_info;
    gsl_rng *rng;            /* random agent only                              */
    nego_freq_model *models; /* [n_parties] (own slot unused): model agents    */
    uint32_t *scratch;       /* [n_issues]                                     */
    /* Nice tit-for-tat: own utility of the opponents' first and latest offer. */
    double first_u, best_u, sum_u;
    size_t n_seen;
    bool seen;
} nego_agent;

/* Prepares agent `party` (allocates the random agent's generator seeded
 * from seed). Returns false when out of memory. */
bool nego_agent_init(nego_agent *ag, const parley_nego_domain *dom, const parley_agent_spec *spec,
                     size_t party, uint64_t seed, bool private_info);
void nego_agent_free(nego_agent *ag);

/* The agent's proposal now: writes the outcome into out[n_issues] and its
 * utilities into u[n_parties]. Returns false when it has nothing to offer
 * at or above its walk-away (it then ends the negotiation). */
bool nego_agent_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u);

/* Whether the agent accepts the standing offer, given its proposal's
 * utility to itself. */
bool nego_agent_accepts(const nego_agent *ag, const nego_view *v, double own_next);

/* Private-information agents (agents_private.c): what agent ag would offer
 * (false: nothing worth its walk-away), and what it learns from party
 * `from` offering `bid`. */
bool nego_private_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u);
void nego_private_observe(nego_agent *ag, const parley_nego_domain *dom, size_t from,
                          const uint32_t *bid, double own_u);
bool nego_private_init(nego_agent *ag, const parley_nego_domain *dom);
void nego_private_free(nego_agent *ag);
/* Nice tit-for-tat's end game: from t >= 0.98 it also accepts an offer worth
 * at least max(walk-away, the mean own utility of the opponents' offers). */
bool nego_private_end_game_accepts(const nego_agent *ag, const nego_view *v);

/* splitmix64 finaliser, used to derive seeds. */
uint64_t nego_mix(uint64_t x);

#endif
