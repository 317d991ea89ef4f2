/*
 * parley/scoring.h — how a plan scores for each party (`parley score`) and
 * what changed between two versions and whom it moved (`parley diff`).
 *
 * Definitions (README "score"):
 *   utility    U_j(plan), open issues at their expected value over options;
 *   on_board   (U_j - w_j) / (max_j - w_j): the share of the gain party j can
 *              attain over walking away (w_j its walk-away, max_j its best
 *              outcome); negative below the walk-away; NAN when max_j <= w_j;
 *   point effect  U_j(plan) - U_j(plan without the point, its issues open
 *              unless another point of the plan sets them).
 * Reads the model only; never prints. Results are plain structs, read-only
 * to the caller; the borrowed strings live as long as the scenario.
 */
#ifndef PARLEY_SCORING_H
#define PARLEY_SCORING_H

#include "parley/scenario.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_party_score {
    double utility;
    bool exact;      /* false when an expectation over open issues was approximated */
    double min, max; /* the party's utility range over all outcomes */
    bool above;      /* utility >= walk_away */
    double on_board;
} parley_party_score;

typedef struct parley_score {
    size_t plan;
    size_t n_parties, n_points, n_open;
    parley_party_score *party; /* [n_parties] */
    size_t *open;              /* [n_open] issue indices the plan leaves open */
    double *effect;            /* [n_points * n_parties]: effect[p * n_parties + j] */
} parley_score;

/* Scores plan `plan`. Caller frees out with parley_score_free. */
PARLEY_API parley_status parley_plan_score(const parley_scenario *sc, size_t plan,
                                           parley_score *out, parley_error *err);
PARLEY_API void parley_score_free(parley_score *s);

/* ---- sensitivity (src/scoring/sensitivity.c) -------------------------------
 * For every party and every number of its own that decides whether it is
 * above its walk-away under a plan (the weight of each issue as written in
 * the file, and the walk-away itself), the exact range of that one number,
 * the others fixed, over which the party is at or above its walk-away, and
 * the smallest change of it that flips the party in or out.
 *
 * A weight is the raw weight as written (what --weight PARTY.ISSUE=W sets):
 * changing it changes the normalised weights, so U is linear-fractional in
 * it, (a + t x) / (B + t) (rules and the clamp to [0, 1] included, open
 * issues at their expectation: see sensitivity.c); solved exactly, never
 * sampled. Domains: weights [0, inf), walk-away [0, 1].
 *
 *   lower, upper  the interval [lower, upper] of the number over which the
 *                 party is at or above its walk-away: the one containing the
 *                 current value when the party is above, else the one nearest
 *                 to it; upper is INFINITY when no weight is too large; both
 *                 NAN when no value of the number puts the party above;
 *   flip          the nearest value at which the status flips: a party above
 *                 falls below just past it (lower or upper, whichever is
 *                 nearer, not counting the ends of the domain), a party below
 *                 reaches its walk-away at it; NAN when no value flips it;
 *   change        flip - value (signed): the smallest single change.
 */
typedef enum parley_sens_param { PARLEY_SENS_WEIGHT, PARLEY_SENS_WALK_AWAY } parley_sens_param;

typedef struct parley_sens_row {
    size_t party;
    parley_sens_param param;
    size_t issue;   /* PARLEY_SENS_WEIGHT: whose weight; else 0 */
    double value;   /* the number now */
    double utility; /* the party's utility under the plan now */
    bool above;     /* utility >= walk-away now */
    double lower, upper, flip, change;
} parley_sens_row;

typedef struct parley_sensitivity {
    size_t plan;
    size_t n_rows;
    parley_sens_row *rows; /* party by party: every issue's weight (file order), then the
                              walk-away; rows[j * (n_issues + 1) + k] */
} parley_sensitivity;

/* Fails with PARLEY_ERR_LIMIT when a party with rules (or normalise: false)
 * would need more than 10^6 combinations of the plan's open issues. Caller
 * frees out with parley_sensitivity_free. */
PARLEY_API parley_status parley_plan_sensitivity(const parley_scenario *sc, size_t plan,
                                                 parley_sensitivity *out, parley_error *err);
PARLEY_API void parley_sensitivity_free(parley_sensitivity *s);

/* ---- uncertainty on the score (src/scoring/score_mc.c) ---------------------
 * `parley score --runs N`: N runs, each scoring the plan with every party's
 * weights and positions drawn uniformly within ranges: weights times
 * 1 + U(-vary_salience, vary_salience), then rescaled to their sum; each
 * party's value curve on an issue with 0-100 option positions shifted by
 * U(-vary_position, vary_position) points (values interpolated between the
 * options' positions). A range left NAN is the scenario's `uncertainty:`
 * (position, salience), else forecast's default (PARLEY_FC_VARY_POSITION,
 * PARLEY_FC_VARY_SALIENCE). Power does not enter a score. Run r draws from
 * its own GSL mt19937 stream seeded from (seed, r): the same seed gives the
 * same runs whatever the thread count, and any range of runs can be
 * computed on its own (parley_score_mc_runs) and merged in run order. */
typedef struct parley_score_mc_options {
    size_t runs;          /* 1 .. 10^7 */
    uint64_t seed;        /* default 1 */
    int threads;          /* 0: one per core */
    double vary_position; /* points 0..100, or NAN */
    double vary_salience; /* fraction 0..1, or NAN */
} parley_score_mc_options;

/* runs 1000, seed 1, threads 0, ranges NAN. */
PARLEY_API void parley_score_mc_options_init(parley_score_mc_options *o);

typedef struct parley_score_mc_party {
    double p_above;     /* share of runs with utility >= walk-away */
    double on_board[3]; /* 5 %, 50 %, 95 % quantiles of the on-board share (runs where it is
                           defined) */
    double utility[3];  /* 5 %, 50 %, 95 % quantiles of the utility */
} parley_score_mc_party;

typedef struct parley_score_mc {
    size_t plan, n_runs, n_parties;
    uint64_t seed;
    double vary_position, vary_salience; /* the ranges drawn from */
    parley_score_mc_party *party;        /* [n_parties] */
    double *utility;                     /* [n_runs * n_parties], run-major */
    double *on_board;                    /* [n_runs * n_parties], NAN when undefined */
} parley_score_mc;

/* All o->runs runs and the summary. Caller frees out with parley_score_mc_free. */
PARLEY_API parley_status parley_score_monte_carlo(const parley_scenario *sc, size_t plan,
                                                  const parley_score_mc_options *o,
                                                  parley_score_mc *out, parley_error *err);
/* Runs [first, first + count) of o->runs: each party's utility and on-board
 * share into utility[k * n_parties + j] and on_board[...] for run first + k
 * (arrays of count * n_parties, caller's). */
PARLEY_API parley_status parley_score_mc_runs(const parley_scenario *sc, size_t plan,
                                              const parley_score_mc_options *o, size_t first,
                                              size_t count, double *utility, double *on_board,
                                              parley_error *err);
/* The summary of all o->runs runs, merged in run order (utility and
 * on_board as parley_score_mc_runs fills them, malloc'd: out takes them,
 * also on failure, when they are freed). */
PARLEY_API parley_status parley_score_mc_summarise(const parley_scenario *sc, size_t plan,
                                                   const parley_score_mc_options *o,
                                                   double *utility, double *on_board,
                                                   parley_score_mc *out, parley_error *err);
PARLEY_API void parley_score_mc_free(parley_score_mc *mc);

typedef enum parley_diff_kind {
    PARLEY_DIFF_ADDED,
    PARLEY_DIFF_DROPPED,
    PARLEY_DIFF_CHANGED
} parley_diff_kind;

typedef struct parley_diff_entry {
    parley_diff_kind kind;
    const char *point_id;  /* borrowed from the scenario */
    long a_point, b_point; /* index in plan A / B, or -1 */
    long by;               /* party who made the change, or -1 if not recorded */
    const char *date;      /* borrowed, may be NULL */
    double *delta;         /* [n_parties]: U_j(A with this change) - U_j(A) */
} parley_diff_entry;

/* One issue the two versions settle differently, whatever their point
 * numbering: the per-issue view of a diff. */
typedef struct parley_diff_issue {
    size_t issue;
    long from, to; /* option index in A / in B, or -1 when that plan leaves it open */
    double *delta; /* [n_parties]: U_j(A with this issue as B has it) - U_j(A) */
} parley_diff_issue;

typedef struct parley_diff {
    size_t a, b, n_parties, n;
    parley_diff_entry *e;
    double *ua, *ub; /* [n_parties] utilities of A and B */
    size_t n_issues; /* issues settled differently, in the scenario's issue order */
    parley_diff_issue *issues;
} parley_diff;

/* Compares plan a with plan b: point by point (e) and issue by issue
 * (issues). Caller frees out with parley_diff_free. */
PARLEY_API parley_status parley_plans_diff(const parley_scenario *sc, size_t a, size_t b,
                                           parley_diff *out, parley_error *err);
PARLEY_API void parley_diff_free(parley_diff *d);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_SCORING_H */
