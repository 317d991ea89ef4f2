/*
 * parley/space.h — compiled outcome spaces and what is computed on them:
 * the Pareto frontier, the Nash / Kalai / Kalai–Smorodinsky / max-welfare
 * packages, the zone of agreement, and distances of a package to them.
 *
 * An outcome space has n issues, issue i with n_values[i] values (an outcome
 * is an array of value indices, one per issue), and n parties. Party p's
 * utility of outcome o is
 *
 *     raw(o) = sum_i term[p][i][o_i]  +  sum of the deltas of p's rules that fire
 *     U_p(o) = min(ceil, max(floor, raw(o) / divisor))
 *
 * term[p][i][v] is w_i * e_i(v) (a linear-additive profile). A rule fires
 * when every `when` condition holds and not every `unless` condition holds
 * (an empty `unless` never blocks); a condition holds when the outcome's
 * value on its issue is one of the allowed values. This covers
 *   - GENIUS 10.4 linear-additive profiles: floor -inf, ceil 1, divisor 1;
 *   - GENIUS hyper-rectangles: INCLUDES = when, EXCLUDES = unless, delta =
 *     utility*weight, divisor = maxutility;
 *   - parley scenarios: floor 0, ceil 1, divisor 1, rules as written.
 * Each party may have a reservation value (NAN: none) and a discount factor
 * (1: none). Summation is left to right over issues, so an additive
 * utility is bit-identical to GENIUS's and NegMAS's.
 *
 * Ownership: functions returning a pointer say who frees it; the library
 * never prints or exits. Thread safety: a built space is read-only and may
 * be shared between threads.
 */
#ifndef PARLEY_SPACE_H
#define PARLEY_SPACE_H

#include "parley/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_space parley_space;

/* ---- building ---------------------------------------------------------- */

/* A new space with every term 0, no rules, divisor 1, floor -inf, ceil 1,
 * no reservation, discount 1. n_values[i] >= 1. Caller owns, free with
 * parley_space_free. NULL + err on bad sizes or out of memory. */
PARLEY_API parley_space *parley_space_new(size_t n_parties, size_t n_issues, const size_t *n_values,
                                          parley_error *err);
PARLEY_API void parley_space_free(parley_space *sp);

/* Names are copied. Issue and value labels default to "i<k>" / "<k>";
 * a value may carry a number (integer/real issues) used in outputs. */
PARLEY_API parley_status parley_space_set_issue_name(parley_space *sp, size_t issue,
                                                     const char *name);
PARLEY_API parley_status parley_space_set_value_label(parley_space *sp, size_t issue, size_t value,
                                                      const char *label);
PARLEY_API parley_status parley_space_set_party_name(parley_space *sp, size_t party,
                                                     const char *name);
PARLEY_API void parley_space_set_term(parley_space *sp, size_t party, size_t issue, size_t value,
                                      double term);
/* reservation: NAN for none; discount: 1 for none. */
PARLEY_API void parley_space_set_party_limits(parley_space *sp, size_t party, double reservation,
                                              double discount);
/* U = min(ceil, max(floor, raw / divisor)); divisor > 0. */
PARLEY_API void parley_space_set_party_scale(parley_space *sp, size_t party, double divisor,
                                             double floor, double ceil);

typedef struct parley_condition {
    size_t issue;
    const bool *allowed; /* n_values[issue] flags, copied */
} parley_condition;

/* Adds a non-additive term for `party`. Copies the conditions. */
PARLEY_API parley_status parley_space_add_rule(parley_space *sp, size_t party, double delta,
                                               size_t n_when, const parley_condition *when,
                                               size_t n_unless, const parley_condition *unless,
                                               parley_error *err);

/* ---- reading ------------------------------------------------------------ */

PARLEY_API size_t parley_space_party_count(const parley_space *sp);
PARLEY_API size_t parley_space_issue_count(const parley_space *sp);
PARLEY_API size_t parley_space_value_count(const parley_space *sp, size_t issue);
/* Number of outcomes as a double (exact up to 2^53; 1e40 for 10^40). */
PARLEY_API double parley_space_outcome_count(const parley_space *sp);
/* Borrowed strings, valid while sp lives. */
PARLEY_API const char *parley_space_party_name(const parley_space *sp, size_t party);
PARLEY_API const char *parley_space_issue_name(const parley_space *sp, size_t issue);
PARLEY_API const char *parley_space_value_label(const parley_space *sp, size_t issue, size_t value);
PARLEY_API double parley_space_reservation(const parley_space *sp, size_t party); /* NAN: none */
PARLEY_API double parley_space_discount(const parley_space *sp, size_t party);    /* 1: none  */
/* True when no party has rules (the fast, exact, non-enumerating path). */
PARLEY_API bool parley_space_is_additive(const parley_space *sp);
/* Index of the value labelled `label` on `issue`, or -1. */
PARLEY_API long parley_space_value_find(const parley_space *sp, size_t issue, const char *label);

/* The definition read back (space_read.c), e.g. to write the space in
 * another format. term: w_i * e_i(value) as set; scale: U = min(ceil,
 * max(floor, raw / divisor)). Rules: borrowed views valid while sp lives;
 * conditions [0, n_when) are `when`, [n_when, n_when + n_unless) `unless`. */
PARLEY_API double parley_space_term(const parley_space *sp, size_t party, size_t issue,
                                    size_t value);
PARLEY_API void parley_space_scale(const parley_space *sp, size_t party, double *divisor,
                                   double *floor, double *ceil);
PARLEY_API size_t parley_space_rule_count(const parley_space *sp, size_t party);
typedef struct parley_rule_view {
    double delta;
    size_t n_when, n_unless;
    size_t n_conds;
} parley_rule_view;
PARLEY_API parley_rule_view parley_space_rule(const parley_space *sp, size_t party, size_t rule);
/* Condition k of a rule: its issue, and whether value v is allowed. */
PARLEY_API size_t parley_space_rule_cond_issue(const parley_space *sp, size_t party, size_t rule,
                                               size_t k);
PARLEY_API bool parley_space_rule_cond_allows(const parley_space *sp, size_t party, size_t rule,
                                              size_t k, size_t value);

/* ---- evaluating --------------------------------------------------------- */

/* U_p(outcome); outcome holds n_issues value indices (checked by assert only). */
PARLEY_API double parley_space_utility(const parley_space *sp, size_t party,
                                       const uint32_t *outcome);
/* Every party's utility into u[n_parties]. */
PARLEY_API void parley_space_utilities(const parley_space *sp, const uint32_t *outcome, double *u);
/* U_p(o) * discount^t, t in [0,1] the normalised time (GENIUS semantics). */
PARLEY_API double parley_space_discounted(const parley_space *sp, size_t party,
                                          const uint32_t *outcome, double t);

/* ---- analysis ----------------------------------------------------------- */

typedef struct parley_analysis_options {
    bool keep_irrational; /* false (default): only outcomes >= every reservation */
    double max_outcomes;  /* nodes of one search (0: 1e8); over it => PARLEY_ERR_LIMIT */
    double max_steps;     /* steps of the additive merge (0: 5e8); over it => LIMIT */
    int threads;          /* 0: as many as cores */
    bool skip_zone;       /* do not count the zone of agreement */
    unsigned long seed;   /* for the sampled zone estimate (0: 1) */
    /* Called now and then from the calling thread with done in [0,1]. */
    void (*progress)(void *ctx, double done);
    void *progress_ctx;
} parley_analysis_options;

/* The Pareto frontier: identical utility vectors merged, one outcome each,
 * sorted by the first party's utility descending, then the next, ... */
typedef struct parley_frontier {
    size_t n_parties, n_issues, n_points;
    double *utility;   /* [n_points * n_parties] */
    uint32_t *outcome; /* [n_points * n_issues]  */
} parley_frontier;

typedef struct parley_analysis {
    parley_frontier frontier;
    double *worst, *best; /* [n_parties] each party's min / max over all outcomes */
    double *disagreement; /* [n_parties] d_i (see reference README)              */
    double outcomes_total;
    double zone_count;  /* outcomes >= every reservation; -1 when not computed  */
    bool zone_exact;    /* zone_count is exact (else estimated from 10^6 samples
                           when the exact count exceeds max_outcomes nodes)     */
    double zone_stderr; /* estimate: standard error of the fraction; exact: 0   */
    /* Indices into frontier.points of every package within 1e-12 of the optimum. */
    size_t n_nash, n_kalai, n_ks, n_welfare;
    size_t *nash, *kalai, *ks, *welfare;
    const char *method; /* "additive-merge" or "enumeration" (static string) */
} parley_analysis;

/* Fills *opt with the defaults. */
PARLEY_API void parley_analysis_options_init(parley_analysis_options *opt);

/* Frontier, ranges, disagreement point, solutions and zone of agreement.
 * opt may be NULL. Caller owns, free with parley_analysis_free. NULL + err on
 * failure (PARLEY_ERR_LIMIT when enumeration would exceed max_outcomes or
 * memory). An empty frontier (no outcome above every reservation) is not an
 * error: n_points is 0 and the solution lists are empty. */
PARLEY_API parley_analysis *
parley_analysis_run(const parley_space *sp, const parley_analysis_options *opt, parley_error *err);
PARLEY_API void parley_analysis_free(parley_analysis *an);

/* The frontier alone (as in parley_analysis_run). Caller owns, free with
 * parley_frontier_free. */
PARLEY_API parley_frontier *parley_frontier_compute(const parley_space *sp,
                                                    const parley_analysis_options *opt,
                                                    parley_error *err);
PARLEY_API void parley_frontier_free(parley_frontier *fr);

/* Index of the frontier point nearest (Euclidean, in utility space) to the
 * target utility vector u[n_parties]; -1 when the frontier is empty.
 * *dist receives the distance (may be NULL). */
PARLEY_API long parley_frontier_nearest(const parley_frontier *fr, const double *u, double *dist);

/* The smallest Euclidean distance (utility space) from u[n_parties] to the
 * frontier points idx[0..n) (e.g. an analysis' nash or kalai list); NAN when
 * n is 0. Used for "distance to the Nash package" by `frontier --plan` and
 * by negotiate. Allocates nothing. */
PARLEY_API double parley_frontier_distance_to(const parley_frontier *fr, const size_t *idx,
                                              size_t n, const double *u);

/* The frontier point that gives `party` at least `target` and as little more
 * as possible (ties: the greatest utility sum of the others): where a party
 * conceding along the frontier to `target` stands. -1 when no point reaches
 * target. */
PARLEY_API long parley_frontier_at_least(const parley_frontier *fr, size_t party, double target);

/* Scores within PARLEY_TIE of the optimum are ties (every solver below, and
 * concede's Nash package). */
#define PARLEY_TIE 1e-12

/* Given the disagreement point d, best utilities and a frontier, the
 * solution concepts (reference README): fills idx (caller-allocated,
 * n_points entries) with every optimal index within PARLEY_TIE and returns how many. They
 * allocate nothing and cannot fail: 0 means no point qualifies (an empty
 * frontier, or for Nash no point at or above d in every utility). */
PARLEY_API size_t parley_solve_nash(const parley_frontier *fr, const double *d, size_t *idx);
PARLEY_API size_t parley_solve_kalai(const parley_frontier *fr, const double *d, size_t *idx);
PARLEY_API size_t parley_solve_ks(const parley_frontier *fr, const double *d, const double *best,
                                  size_t *idx);
PARLEY_API size_t parley_solve_welfare(const parley_frontier *fr, size_t *idx);

/* ---- GENIUS import (io/genius_*.c) --------------------------------------- */

/* Reads a GENIUS 10.4 domain file and one profile file per party (network
 * access and entity expansion disabled). Caller owns the space. */
PARLEY_API parley_space *parley_genius_load(const char *domain_path,
                                            const char *const *profile_paths, size_t n_profiles,
                                            parley_error *err);
/* Reads a GENIUS domain folder: the domain is the file whose root is
 * <negotiation_template> (or whose name contains "domain"), profiles are
 * the other <utility_space> files in name order (pareto.xml ignored). */
PARLEY_API parley_space *parley_genius_load_folder(const char *dir, parley_error *err);

/* ---- parley scenarios (space/from_scenario.c) ---------------------------- */

/* Compiles a loaded scenario's parties, issues and preferences. Caller owns. */
PARLEY_API parley_space *parley_space_from_scenario(const parley_scenario *sc, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_SPACE_H */
