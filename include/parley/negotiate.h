/*
 * parley/negotiate.h — negotiation simulation: the stacked alternating
 * offers protocol between strategy agents, deadlines, the cost of delay,
 * and tournaments of every strategy assignment.
 *
 * A negotiation domain (parley_nego_domain) is built once from a compiled
 * outcome space (parley/space.h): its exact Pareto frontier, the Nash
 * package, each party's utility range and walk-away. It is read-only after
 * construction and may be shared between threads; a tournament runs many
 * negotiations on one domain.
 *
 * Protocol (stacked alternating offers, n >= 2 parties). Parties act in
 * turn, party 0 first, one action per step: ACCEPT the standing offer,
 * OFFER a new outcome (which becomes the standing offer) or END (walk away).
 * An offer is agreed when every other party has accepted it in turn. Step
 * s happens at normalised time t = s / steps (or elapsed / deadline seconds);
 * the negotiation fails at t = 1. Each party then receives U_p(agreement) ·
 * d_p^t, or its walk-away value (reservation, 0 when none) · d_p^t when there
 * is no agreement (GENIUS 10.4 semantics).
 *
 * Information (parley_information): with PARLEY_INFO_FULL (the options'
 * default) agents know every party's utility and concession strategies offer
 * Pareto-optimal outcomes: the frontier point worth at least the target to
 * the offering party that is best for the others (a binary search over a
 * precomputed per-party order of the frontier, so 10^10-outcome domains work
 * when their frontier can be computed). With PARLEY_INFO_PRIVATE (the CLI's
 * default) an agent knows its own utility and walk-away and sees the offers,
 * as in GENIUS: it bids from its own GENIUS-sorted outcome space
 * (parley_nego_domain_prepare_private enumerates it) and learns the others
 * with a frequency model; the time-dependent agents then reproduce GENIUS
 * 10.4 exactly (with `rounds`, GENIUS's clock). docs/negotiate.md.
 *
 * Ownership: functions returning a pointer say who frees it. The library
 * never prints or exits.
 */
#ifndef PARLEY_NEGOTIATE_H
#define PARLEY_NEGOTIATE_H

#include "parley/frontier.h" /* and parley/space.h, parley/core.h */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the domain ---------------------------------------------------------- */

typedef struct parley_nego_domain parley_nego_domain;

/* Computes the frontier (opt as for parley_analysis_run; NULL: defaults, i.e.
 * outcomes at or above every walk-away; the zone count is never computed)
 * and the per-party offer orders. `sp` is borrowed and must outlive the
 * domain. Caller owns, free with parley_nego_domain_free. NULL + err on
 * failure (PARLEY_ERR_LIMIT when the frontier cannot be computed). An empty
 * frontier is not an error: every agent then walks away. */
PARLEY_API parley_nego_domain *parley_nego_domain_new(const parley_space *sp,
                                                      const parley_analysis_options *opt,
                                                      parley_error *err);
PARLEY_API void parley_nego_domain_free(parley_nego_domain *dom);

/* Borrowed views, valid while dom lives. */
PARLEY_API const parley_space *parley_nego_domain_space(const parley_nego_domain *dom);
PARLEY_API const parley_analysis *parley_nego_domain_analysis(const parley_nego_domain *dom);
/* The value of ending for party p: its reservation, 0 when it has none. */
PARLEY_API double parley_nego_domain_walk_away(const parley_nego_domain *dom, size_t party);
/* The highest / lowest utility p aims at: Pmax = p's best frontier point,
 * Pmin = max(p's worst utility over all outcomes, walk-away). */
PARLEY_API double parley_nego_domain_pmax(const parley_nego_domain *dom, size_t party);
PARLEY_API double parley_nego_domain_pmin(const parley_nego_domain *dom, size_t party);

/* The offer nearest a target utility for one party: the frontier point with
 * U_party >= target that maximises the others' least normalised gain
 * (u_q - d_q) / (best_q - d_q) (ties: the lower U_party); when no point
 * reaches the target, party's best point. Returns the frontier index, or -1
 * when the frontier is empty. O(log frontier size). */
PARLEY_API long parley_nego_domain_offer(const parley_nego_domain *dom, size_t party,
                                         double target);

/* Enumerates and sorts every party's own outcome space as GENIUS does (see
 * PARLEY_INFO_PRIVATE); needed before private-information negotiations, and
 * done once (later calls return at once). Not thread-safe: call it before
 * sharing dom. PARLEY_ERR_LIMIT when the space has more than max_outcomes
 * outcomes (0: 2.5e7). Memory: 12 bytes per outcome and party, and 16 bytes
 * per outcome while sorting. */
PARLEY_API parley_status parley_nego_domain_prepare_private(parley_nego_domain *dom,
                                                            double max_outcomes, parley_error *err);

/* Distance (Euclidean, utility space) of u[n_parties] to the nearest
 * frontier point and to the nearest Nash / Kalai package; NAN when empty. */
PARLEY_API double parley_nego_domain_distance_kalai(const parley_nego_domain *dom, const double *u);
PARLEY_API double parley_nego_domain_distance_frontier(const parley_nego_domain *dom,
                                                       const double *u);
PARLEY_API double parley_nego_domain_distance_nash(const parley_nego_domain *dom, const double *u);

/* ---- agents ------------------------------------------------------------ */

typedef enum parley_agent_kind {
    PARLEY_AGENT_TIME_DEPENDENT, /* p(t) = Pmin + (Pmax - Pmin)(1 - t^(1/e))   */
    PARLEY_AGENT_TIT_FOR_TAT,    /* relative tit-for-tat toward the Nash point   */
    PARLEY_AGENT_NASH,           /* offers the Nash package                      */
    PARLEY_AGENT_RANDOM,         /* offers uniformly random outcomes >= walk-away */
    PARLEY_AGENT_BOA,            /* private information: time-dependent target,
                                    frequency model picks the bid, AC_next       */
    PARLEY_AGENT_NICE_TFT        /* private information: nice tit-for-tat        */
} parley_agent_kind;

/* What the agents know.
 *   FULL     every party's utility (the scenario states them): agents offer
 *            Pareto-optimal outcomes (the frontier), opponent models are exact.
 *   PRIVATE  as in GENIUS / NegMAS / ANAC: an agent knows its own utility and
 *            walk-away and sees the offers; it bids from its own sorted outcome
 *            space (GENIUS's SortedOutcomeSpace, exactly) and learns the others
 *            from their offers (frequency model). Needs
 *            parley_nego_domain_prepare_private. Strategies: boulware, linear,
 *            conceder, hardliner, timedep:E, boa, boa:E, nicetft, random. */
typedef enum parley_information {
    PARLEY_INFO_FULL = 0,
    PARLEY_INFO_PRIVATE = 1
} parley_information;

/* Acceptance: the offer is accepted when any enabled rule holds.
 *   AC_next     U(offer) >= U(the offer the agent would make now)
 *   AC_const(a) U(offer) >= a
 *   AC_time(T)  t >= T and U(offer) >= walk-away */
typedef struct parley_acceptance {
    bool next;
    double constant; /* NAN: off */
    double time;     /* NAN: off */
} parley_acceptance;

typedef struct parley_agent_spec {
    parley_agent_kind kind;
    double e; /* time-dependent: concession exponent (0: hardliner);
                 tit-for-tat: kindness (default 0.1)              */
    parley_acceptance accept;
    char name[48]; /* canonical name, e.g. "boulware", "timedep:0.5" */
} parley_agent_spec;

/* Parses "boulware" (e = 0.2), "linear" (1), "conceder" (2), "hardliner"
 * (0), "timedep:E", "titfortat" (kindness 0.1), "titfortat:K", "nash",
 * "random", optionally followed by
 * "/RULES" with RULES as parley_acceptance_parse reads them, e.g.
 * "boulware/next+time:0.95". The default acceptance is AC_next. `field`
 * names the option in error messages. */
PARLEY_API parley_status parley_agent_spec_parse(const char *text, const char *field,
                                                 parley_agent_spec *out, parley_error *err);
/* Parses "next", "const:A", "time:T" joined by '+' (e.g. "next+time:0.9"). */
PARLEY_API parley_status parley_acceptance_parse(const char *text, const char *field,
                                                 parley_acceptance *out, parley_error *err);

/* ---- one negotiation ------------------------------------------------------- */

typedef enum parley_action {
    PARLEY_ACTION_OFFER,
    PARLEY_ACTION_ACCEPT,
    PARLEY_ACTION_END
} parley_action;

PARLEY_API const char *parley_action_name(parley_action a); /* "offer", "accept", "end" */

typedef struct parley_negotiate_options {
    size_t steps;                   /* deadline in steps (default 200); with deadline_seconds,
                                       a cap on the number of steps (default 10^6)     */
    double deadline_seconds;        /* 0 (default): the deadline is `steps`;
                                       > 0: t = elapsed / deadline (not reproducible)  */
    uint64_t seed;                  /* random agents' generators derive from it        */
    bool keep_trace;                /* record every action (default true)              */
    parley_information information; /* default PARLEY_INFO_FULL                  */
    size_t rounds;                  /* > 0: a GENIUS round deadline (DiscreteTimeline):
                                       every party acts once per round r = 1..rounds at
                                       t = r / (rounds + 1); replaces steps             */
    /* For the document only (parley_negotiation_result_dumpf): the YAML
     * scenario the domain was built from, whose what-if overrides it echoes;
     * NULL (default) for GENIUS domains. The negotiation never reads it. */
    const parley_scenario *scenario;
} parley_negotiate_options;

PARLEY_API void parley_negotiate_options_init(parley_negotiate_options *opt);

typedef struct parley_trace_entry {
    size_t step, party;
    double time;
    parley_action action;
    long offer; /* index into the result's offer list, -1 for END */
} parley_trace_entry;

typedef struct parley_negotiation_result {
    size_t n_parties, n_issues;
    bool agreed;
    long ended_by;        /* party that walked away, -1 if none        */
    size_t steps;         /* steps taken (agreement at steps - 1)      */
    double time;          /* normalised time of the last step          */
    uint32_t *agreement;  /* [n_issues], NULL when not agreed          */
    double *utility;      /* [n_parties] U_p(agreement) or walk-away   */
    double *payoff;       /* [n_parties] utility · d_p^time            */
    double *advantage;    /* [n_parties] payoff - walk-away            */
    double welfare;       /* sum of payoffs                            */
    double dist_frontier; /* of `utility` to the frontier (NAN: empty) */
    double dist_nash;     /* of `utility` to the Nash package          */
    double dist_kalai;    /* of `utility` to the Kalai package         */
    /* Trace (when kept): entries, and the offers they refer to. */
    size_t n_trace, n_offers;
    parley_trace_entry *trace;
    uint32_t *offer_outcome; /* [n_offers * n_issues]  */
    double *offer_utility;   /* [n_offers * n_parties] */
    long *offer_party;       /* [n_offers] proposer    */
} parley_negotiation_result;

/* Runs one negotiation between agents[n_parties] (agent p plays party p).
 * opt may be NULL (defaults). Caller owns the result, free with
 * parley_negotiation_result_free. NULL + err on bad options or memory. */
PARLEY_API parley_negotiation_result *parley_negotiate_run(const parley_nego_domain *dom,
                                                           const parley_agent_spec *agents,
                                                           const parley_negotiate_options *opt,
                                                           parley_error *err);
PARLEY_API void parley_negotiation_result_free(parley_negotiation_result *res);

/* ---- tournaments ------------------------------------------------------------ */

typedef struct parley_tournament_options {
    size_t reps;  /* repetitions of each assignment (default 1) */
    size_t steps; /* deadline in steps (default 200)            */
    int threads;  /* 0: as many as cores                        */
    uint64_t seed;
    double max_negotiations;         /* guard (default 1e7): over it, PARLEY_ERR_LIMIT */
    parley_information information;  /* default PARLEY_INFO_FULL */
    size_t rounds;                   /* > 0: GENIUS round deadline instead of steps */
    const parley_scenario *scenario; /* documents only: overrides echoed (see above) */
} parley_tournament_options;

PARLEY_API void parley_tournament_options_init(parley_tournament_options *opt);

typedef struct parley_strategy_score {
    size_t plays;              /* (negotiation, party) slots it played       */
    double mean_utility;       /* mean payoff                                */
    double mean_advantage;     /* mean payoff - walk-away                    */
    double agreement_rate;     /* share of its negotiations that agreed      */
    double mean_welfare;       /* mean sum of payoffs of its negotiations    */
    double mean_dist_nash;     /* mean distance of the outcome to Nash       */
    double mean_dist_frontier; /* ... to the Pareto frontier            */
    double mean_dist_kalai;    /* ... to the Kalai package              */
    double mean_time;          /* mean normalised time at the end            */
} parley_strategy_score;

typedef struct parley_tournament_run {
    size_t assignment, rep;
    bool agreed;
    size_t steps;
    double time, welfare, dist_nash, dist_frontier, dist_kalai;
} parley_tournament_run;

typedef struct parley_tournament_result {
    size_t n_strategies, n_parties, n_assignments, reps, n_runs;
    parley_strategy_score *scores; /* [n_strategies]                   */
    parley_tournament_run *runs;   /* [n_runs], assignment-major         */
    double *payoff;                /* [n_runs * n_parties]               */
    double agreement_rate;         /* over every negotiation             */
    size_t first;                  /* negotiation number of runs[0]: 0, or where a part starts */
} parley_tournament_result;

/* Strategy of party p in assignment a: digit p of a in base n_strategies. */
PARLEY_API size_t parley_tournament_strategy(const parley_tournament_result *res, size_t assignment,
                                             size_t party);

/* Every assignment of strategies[n_strategies] to the domain's parties
 * (n_strategies^n_parties), each repeated opt->reps times, in parallel.
 * Negotiation (a, r) is seeded from (seed, a, r), so the result does not
 * depend on the number of threads. Caller owns, free with
 * parley_tournament_result_free. */
PARLEY_API parley_tournament_result *parley_tournament_run_all(const parley_nego_domain *dom,
                                                               const parley_agent_spec *strategies,
                                                               size_t n_strategies,
                                                               const parley_tournament_options *opt,
                                                               parley_error *err);
PARLEY_API void parley_tournament_result_free(parley_tournament_result *res);

/* Two parties: the mean payoff of strategy i against strategy j, in either
 * role, into m[i * n_strategies + j] (caller-allocated, n_strategies^2; NAN
 * when they never met). PARLEY_ERR_INPUT for another number of parties,
 * PARLEY_ERR_LIMIT without memory. */
PARLEY_API parley_status parley_tournament_versus(const parley_tournament_result *res, double *m,
                                                  parley_error *err);
/* Tournaments in parts, for work spread over processes (the parley command
 * under mpirun). Negotiation j = assignment * reps + rep of the whole
 * tournament is seeded from (seed, assignment, rep) alone, so a part
 * computes exactly what parley_tournament_run_all computes for it.
 *
 * parley_tournament_size: the number of negotiations (n_strategies ^
 * parties x reps), with parley_tournament_run_all's checks (PARLEY_ERR_INPUT,
 * PARLEY_ERR_LIMIT over opt->max_negotiations). */
PARLEY_API parley_status parley_tournament_size(const parley_nego_domain *dom, size_t n_strategies,
                                                const parley_tournament_options *opt,
                                                size_t *n_negotiations, parley_error *err);
/* Negotiations [first, first + count) of the tournament: a part, whose runs
 * and payoff hold them (n_runs = count, runs[k] is negotiation first + k)
 * and whose scores are zero (a part is not scored). count may be 0. Caller
 * owns, free with parley_tournament_result_free. */
PARLEY_API parley_tournament_result *
parley_tournament_run_part(const parley_nego_domain *dom, const parley_agent_spec *strategies,
                           size_t n_strategies, const parley_tournament_options *opt, size_t first,
                           size_t count, parley_error *err);
/* An empty part (zeroed runs and payoffs) to receive negotiations
 * [first, first + count) into. Caller owns. */
PARLEY_API parley_tournament_result *
parley_tournament_part_new(const parley_nego_domain *dom, size_t n_strategies,
                           const parley_tournament_options *opt, size_t first, size_t count,
                           parley_error *err);
/* Joins parts that follow each other from negotiation 0 and together hold
 * the whole tournament into its result, scored in negotiation order: the
 * same, byte for byte, as parley_tournament_run_all's. The parts are only
 * read. PARLEY_ERR_INPUT when they do not fit together. Caller owns. */
PARLEY_API parley_tournament_result *
parley_tournament_merge(const parley_nego_domain *dom, const parley_tournament_result *const *parts,
                        size_t n_parts, parley_error *err);

/* The seed of negotiation (assignment, rep) of a tournament seeded `seed`. */
PARLEY_API uint64_t parley_tournament_seed(uint64_t seed, size_t assignment, size_t rep);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_NEGOTIATE_H */
