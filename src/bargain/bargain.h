/*
 * bargain/bargain.h — "what would it take": the cheapest changes to a plan
 * that bring a party to its walk-away (concede), the single-negotiating-text
 * procedure (mediate), and fitting a party's weights to its reported stances
 * (fit). Reads the scenario model; never prints.
 */
#ifndef PARLEY_BARGAIN_H
#define PARLEY_BARGAIN_H

#include "model/scenario.h"

/* Outcomes count as at or above a walk-away within this tolerance. */
#define PB_TOLERANCE 1e-9

typedef enum pb_objective {
    PB_OBJECTIVE_POINTS, /* fewest points changed (ties: least loss)       */
    PB_OBJECTIVE_LOSS,   /* least total utility lost by the kept parties   */
    PB_OBJECTIVE_NASH    /* greatest Nash product over target and kept, d = walk-away */
} pb_objective;

typedef struct pb_concede_request {
    size_t plan;
    size_t target;
    const bool *keep; /* [n_parties]: parties to keep at or above walk-away */
    pb_objective objective;
} pb_concede_request;

typedef struct pb_concede_result {
    bool feasible;      /* false: no package does it; `outcome` is the closest */
    bool optimal;       /* the solver proved optimality                        */
    const char *method; /* how it was solved (static string)                   */
    size_t *outcome;    /* [n_issues] the package                              */
    double *before;     /* [n_parties] utility of the plan (open issues: expected) */
    double *after;      /* [n_parties] utility of the package                  */
    size_t n_changed_points;
    double objective; /* points changed, total loss, or Nash product; when
                       * infeasible, the best worst shortfall (<= 0)          */
} pb_concede_result;

/* Solves a concede request exactly. Caller frees with pb_concede_result_free.
 * Returns PARLEY_OK whether or not a package exists (see result->feasible);
 * errors for bad requests or resource limits. */
parley_status pb_concede(const parley_scenario *sc, const pb_concede_request *req,
                         pb_concede_result *out, parley_error *err);
void pb_concede_result_free(pb_concede_result *r);

/* Whether point p of plan would change under outcome (some issue it sets
 * takes another option). */
bool pb_point_changed(const parley_plan *pl, size_t p, const size_t *outcome);

/* ---- mediation: single negotiating text ------------------------------- */

typedef enum pb_concept {
    PB_CONCEPT_NASH,
    PB_CONCEPT_KALAI,
    PB_CONCEPT_KS,
    PB_CONCEPT_WELFARE
} pb_concept;

typedef struct pb_round {
    size_t issue;
    long from, to; /* option indices; from -1 when the issue was open */
    bool pareto;   /* a Pareto improvement; else a step toward the target package */
    double *u;     /* [n_parties] utilities after the round */
} pb_round;

typedef struct pb_mediation {
    size_t n_rounds;
    pb_round *rounds;
    double *u0;          /* [n_parties] utilities of the starting plan */
    long *sets;          /* [n_issues] the final text (-1: still open) */
    bool has_target;     /* a target package exists (some outcome is above every walk-away) */
    size_t *target;      /* [n_issues] the target package (first of ties) */
    double *target_u;    /* [n_parties] its utilities */
    bool all_above;      /* every party is at or above its walk-away at the end */
    const char *stopped; /* why it stopped (static string) */
} pb_mediation;

/* Runs the single-negotiating-text procedure from `plan`: each round changes
 * one issue of the text: a Pareto improvement or a step toward the `concept`
 * package, whichever most reduces the parties' total shortfall below their
 * walk-aways (ties: Pareto first, then total utility); no party at
 * or above its walk-away may fall below it and no party below may lose.
 * Stops when every party is at or above its walk-away and no Pareto
 * improvement remains, when no admissible step remains, or after max_rounds.
 * `an` is the scenario's analysis (pb_mediation_analysis), or NULL to compute
 * it here. Caller frees out with pb_mediation_free. */
struct parley_analysis;
parley_status pb_mediate(const parley_scenario *sc, size_t plan, pb_concept concept,
                         size_t max_rounds, const struct parley_analysis *an, pb_mediation *out,
                         parley_error *err);
/* The frontier and solution packages of the whole scenario, over `threads`
 * threads (0: all cores). Caller frees with parley_analysis_free. */
struct parley_analysis *pb_mediation_analysis(const parley_scenario *sc, int threads,
                                              parley_error *err);
void pb_mediation_free(pb_mediation *m);

/* ---- reported vs modelled stances -------------------------------------- */

typedef enum pb_verdict {
    PB_AGREES,        /* the model is consistent with the report            */
    PB_CONTRADICTS,   /* accepts but modelled below walk-away, or rejects but above */
    PB_SHARE_DIFFERS, /* reported share and modelled on-board differ by > 0.25 */
    PB_NO_PLAN        /* the stance names no plan: nothing to compare        */
} pb_verdict;

typedef struct pb_stance_check {
    size_t stance;   /* index in sc->stances */
    double utility;  /* modelled utility of the plan (NAN without a plan) */
    double on_board; /* modelled share of attainable gain (NAN if undefined) */
    bool above;      /* utility >= walk-away */
    pb_verdict verdict;
    bool disputed; /* someone denied the report */
} pb_stance_check;

/* Compares every stance with the model. out[n_stances], caller-allocated. */
parley_status pb_check_stances(const parley_scenario *sc, pb_stance_check *out, parley_error *err);

/* ---- fitting weights to reported stances -------------------------------- */

typedef struct pb_fit {
    size_t party;
    double *before, *after; /* [n_issues] weights */
    size_t n_residuals;
    size_t *stance; /* [n_residuals] stance index of each residual */
    double *resid_before, *resid_after;
    double sse_before, sse_after;
    size_t iterations;
} pb_fit;

/* Least squares: adjusts `party`'s weights, each within [w(1 - bound),
 * w(1 + bound)] (and [0,1]) and summing to 1, so that modelled acceptance
 * matches its reported stances: a share s gives residual on_board - s;
 * "accepts" without a share gives max(0, walk_away - U); "rejects" gives
 * max(0, U - walk_away). Projected gradient descent, deterministic. The
 * scenario's weights are left as they were. PARLEY_ERR_NO_ANSWER when the
 * party has no stance to fit. Caller frees out with pb_fit_free. */
parley_status pb_fit_weights(parley_scenario *sc, size_t party, double bound, pb_fit *out,
                             parley_error *err);
void pb_fit_free(pb_fit *f);

#endif
