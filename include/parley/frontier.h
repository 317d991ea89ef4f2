/*
 * parley/frontier.h — what is computed on an outcome space (src/frontier):
 * the Pareto frontier, the Nash / Kalai / Kalai–Smorodinsky / max-welfare
 * packages, the zone of agreement, and distances of a package to them.
 *
 * Ownership: functions returning a pointer say who frees it; the library
 * never prints or exits.
 */
#ifndef PARLEY_FRONTIER_H
#define PARLEY_FRONTIER_H

#include "parley/space.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- frontier, solutions, zone ----------------------------------------------------------- */

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

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_FRONTIER_H */
