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
    int32_t *value_hash;        /* Java hash of value v of issue i at       */
    size_t *value_off;          /* value_hash[value_off[i] + v]             */
};

/* One bid of a sorted space: own utility, Java hash, outcome code. */
typedef struct nego_bid {
    double u;
    int32_t hash;
    uint32_t code;
} nego_bid;

/* A run of equal utilities in a bucket: positions [previous end, end). */
typedef struct nego_class {
    double u;
    uint32_t end;
} nego_class;

/* One party's GENIUS SortedOutcomeSpace: every outcome, by own utility
 * descending, ties by Java's BidDetails.hashCode ascending, then by GENIUS's
 * BidIterator order (issue 0 changes fastest). An outcome code is the
 * mixed-radix number of its value indices with issue 0 least significant
 * (= its position in BidIterator order).
 *
 * Lazy (genius_space.c): one pass counts the outcomes of each utility
 * bucket (buckets are monotone in utility, so each is a contiguous run of
 * the sorted order); a bucket is enumerated and sorted only when a query
 * reaches it (genius_band.c), then kept. Thread-safe (tournaments share it). */
typedef struct nego_sorted {
    size_t n, party, n_buckets;
    const parley_nego_domain *dom;
    double top, scale; /* bucket(u) = floor((top - u) * scale), clamped   */
    double max_u, min_u;
    uint32_t *start;      /* [n_buckets + 1] first sorted index of bucket b  */
    nego_bid **bucket;    /* [n_buckets] sorted bids, NULL until asked       */
    nego_class **classes; /* [n_buckets] its utilities, NULL until asked */
    /* Meet in the middle (genius_band.c; n_low = 0: not used): the low
     * issues' combinations (term and rule sums, code shares), the high
     * issues' sorted by term sum. */
    size_t n_low, n_high;
    double *low_sum;     /* [n_low]                      */
    uint32_t *low_code;  /* [n_low]                      */
    double *high_sum;    /* [n_high] ascending           */
    uint32_t *high_code; /* [n_high] code of the others  */
    double slack;        /* on a raw sum                 */
    bool failed;         /* a bucket could not be sorted (out of memory) */
    void *lock;          /* pthread_mutex_t              */
} nego_sorted;

static inline size_t nego_bucket_of(const nego_sorted *s, double u)
{
    double d = (s->top - u) * s->scale;
    if (!(d > 0))
        return 0;
    if (d >= (double)(s->n_buckets - 1))
        return s->n_buckets - 1;
    return (size_t)d;
}

/* Builds dom->sorted (every party). PARLEY_ERR_LIMIT over max_outcomes. */
parley_status parleyp_nego_sorted_build(parley_nego_domain *dom, double max_outcomes,
                                        parley_error *err);
/* One party's, with n_buckets buckets (0: by size). False: out of memory. */
bool parleyp_nego_sorted_init(nego_sorted *s, const parley_nego_domain *dom, size_t party,
                              size_t n_buckets);
void parleyp_nego_sorted_clear(nego_sorted *s);
void parleyp_nego_sorted_free(parley_nego_domain *dom);
/* Bid k of the sorted space (k < n); NULL when out of memory. */
const nego_bid *parleyp_nego_sorted_at(nego_sorted *s, size_t k);
/* The utility of bid k (k < n), sorting only utilities. */
double parleyp_nego_sorted_u(nego_sorted *s, size_t k);
/* GENIUS SortedOutcomeSpace.getIndexOfBidNearUtility, quirk included. */
size_t parleyp_nego_sorted_near(nego_sorted *s, double target);
/* The number of bids with u >= lo, and with u > x. */
size_t parleyp_nego_sorted_count_at_least(nego_sorted *s, double lo);
size_t parleyp_nego_sorted_count_above(nego_sorted *s, double x);
/* genius_band.c: bucket b's bids, sorted (count start[b+1] - start[b]);
 * NULL when out of memory. Called with the lock held. */
nego_bid *parleyp_nego_band_sorted(const nego_sorted *s, size_t b);
/* genius_band.c: bucket b's utility classes (ends at its count). */
nego_class *parleyp_nego_band_classes(const nego_sorted *s, size_t b);
/* genius_band.c: the meet-in-the-middle tables; false: out of memory. */
bool parleyp_nego_band_init(nego_sorted *s);
void parleyp_nego_decode(const parley_nego_domain *dom, uint32_t code, uint32_t *out);
/* Java's String.hashCode of a UTF-8 string (over its UTF-16 code units). */
int32_t parleyp_nego_java_string_hash(const char *s);
/* Java's BidDetails.hashCode of a bid with utility u (time -1, as GENIUS's
 * OutcomeSpace creates them). */
int32_t parleyp_nego_java_bid_hash(const parley_nego_domain *dom, const uint32_t *o, double u);
/* Per-value Java hashes (0 for integer issues) at off[issue] + value. */
int32_t *parleyp_nego_value_hashes(const parley_nego_domain *dom, size_t **offset_out);
int32_t parleyp_nego_bid_hash(const int32_t *vh, const size_t *off, size_t m, const uint32_t *o,
                              double u);

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

bool parleyp_nego_freq_init(nego_freq_model *m, const parley_nego_domain *dom);
void parleyp_nego_freq_free(nego_freq_model *m);
void parleyp_nego_freq_update(nego_freq_model *m, const uint32_t *bid);
double parleyp_nego_freq_utility(const nego_freq_model *m, const uint32_t *bid);

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
bool parleyp_nego_agent_init(nego_agent *ag, const parley_nego_domain *dom,
                             const parley_agent_spec *spec, size_t party, uint64_t seed,
                             bool private_info);
void parleyp_nego_agent_free(nego_agent *ag);

/* The agent's proposal now: writes the outcome into out[n_issues] and its
 * utilities into u[n_parties]. Returns false when it has nothing to offer
 * at or above its walk-away (it then ends the negotiation). */
bool parleyp_nego_agent_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u);

/* Whether the agent accepts the standing offer, given its proposal's
 * utility to itself. */
bool parleyp_nego_agent_accepts(const nego_agent *ag, const nego_view *v, double own_next);

/* Private-information agents (agents_private.c): what agent ag would offer
 * (false: nothing worth its walk-away), and what it learns from party
 * `from` offering `bid`. */
bool parleyp_nego_private_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u);
void parleyp_nego_private_observe(nego_agent *ag, const parley_nego_domain *dom, size_t from,
                                  const uint32_t *bid, double own_u);
bool parleyp_nego_private_init(nego_agent *ag, const parley_nego_domain *dom);
void parleyp_nego_private_free(nego_agent *ag);
/* Nice tit-for-tat's end game: from t >= 0.98 it also accepts an offer worth
 * at least max(walk-away, the mean own utility of the opponents' offers). */
bool parleyp_nego_private_end_game_accepts(const nego_agent *ag, const nego_view *v);

/* splitmix64 finaliser, used to derive seeds. */
uint64_t parleyp_nego_mix(uint64_t x);

#endif
