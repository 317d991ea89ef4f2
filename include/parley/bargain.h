/*
 * parley/bargain.h — "what would it take": the cheapest changes to a plan
 * that bring a party to its walk-away (concede), the single-negotiating-text
 * procedure (mediate), and fitting a party's weights to its reported stances
 * (fit). Reads the scenario model; never prints. Results are plain structs,
 * read-only to the caller, freed with their parley_*_free function.
 */
#ifndef PARLEY_BARGAIN_H
#define PARLEY_BARGAIN_H

#include "parley/scenario.h"
#include "parley/frontier.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcomes count as at or above a walk-away within this tolerance. */
#define PARLEY_TOLERANCE 1e-9

/* Whether utility u is at or above `party`'s walk-away (within
 * PARLEY_TOLERANCE): the one test every "above walk-away" answer uses. */
static inline bool parley_walk_away_met(const parley_scenario *sc, size_t party, double u)
{
    return u >= sc->parties[party].walk_away - PARLEY_TOLERANCE;
}

typedef enum parley_concede_objective {
    PARLEY_CONCEDE_POINTS, /* fewest points changed (ties: least loss)       */
    PARLEY_CONCEDE_LOSS,   /* least total utility lost by the kept parties   */
    PARLEY_CONCEDE_NASH    /* greatest Nash product over target and kept, d = walk-away */
} parley_concede_objective;

typedef struct parley_concede_request {
    size_t plan;
    size_t target;
    const bool *keep; /* [n_parties]: parties to keep at or above walk-away */
    parley_concede_objective objective;
    /* The work the integer program may take (points and loss objectives):
     * branch-and-bound nodes over every solve; more is PARLEY_ERR_LIMIT,
     * the same on every machine. 0: PARLEY_CONCEDE_DEFAULT_MAX_NODES. */
    double max_nodes;
    /* Called as the search goes with the share of max_nodes used (never
     * decreasing); may be NULL. */
    void (*progress)(void *ctx, double done);
    void *progress_ctx;
} parley_concede_request;
#define PARLEY_CONCEDE_DEFAULT_MAX_NODES 1e5

typedef struct parley_concede_result {
    bool feasible;      /* false: no package does it; `outcome` is the closest */
    bool optimal;       /* the solver proved optimality                        */
    const char *method; /* how it was solved (static string)                   */
    size_t *outcome;    /* [n_issues] the package                              */
    double *before;     /* [n_parties] utility of the plan (open issues: expected) */
    double *after;      /* [n_parties] utility of the package                  */
    size_t n_changed_points;
    double objective; /* points changed, total loss, or Nash product; when
                       * infeasible, the best worst shortfall (<= 0)          */
} parley_concede_result;

/* Solves a concede request exactly. Caller frees with parley_concede_result_free.
 * Returns PARLEY_OK whether or not a package exists (see result->feasible);
 * errors for bad requests or resource limits. */
PARLEY_API parley_status parley_concede_run(const parley_scenario *sc,
                                            const parley_concede_request *req,
                                            parley_concede_result *out, parley_error *err);
PARLEY_API void parley_concede_result_free(parley_concede_result *r);

/* Whether point p of plan would change under outcome (some issue it sets
 * takes another option). */
PARLEY_API bool parley_point_changed(const parley_plan *pl, size_t p, const size_t *outcome);

/* ---- mediation: single negotiating text ------------------------------- */

typedef enum parley_mediate_concept {
    PARLEY_MEDIATE_NASH,
    PARLEY_MEDIATE_KALAI,
    PARLEY_MEDIATE_KS,
    PARLEY_MEDIATE_WELFARE
} parley_mediate_concept;

typedef struct parley_mediation_round {
    size_t issue;
    long from, to; /* option indices; from -1 when the issue was open */
    bool pareto;   /* a Pareto improvement; else a step toward the target package */
    double *u;     /* [n_parties] utilities after the round */
} parley_mediation_round;

typedef struct parley_mediation {
    size_t n_rounds;
    parley_mediation_round *rounds;
    double *u0;          /* [n_parties] utilities of the starting plan */
    long *sets;          /* [n_issues] the final text (-1: still open) */
    bool has_target;     /* a target package exists (some outcome is above every walk-away) */
    size_t *target;      /* [n_issues] the target package (first of ties) */
    double *target_u;    /* [n_parties] its utilities */
    bool all_above;      /* every party is at or above its walk-away at the end */
    const char *stopped; /* why it stopped (static string) */
} parley_mediation;

/* Runs the single-negotiating-text procedure from `plan`: each round changes
 * one issue of the text: a Pareto improvement or a step toward the `concept`
 * package, whichever most reduces the parties' total shortfall below their
 * walk-aways (ties: Pareto first, then total utility); no party at
 * or above its walk-away may fall below it and no party below may lose.
 * Stops when every party is at or above its walk-away and no Pareto
 * improvement remains, when no admissible step remains, or after max_rounds.
 * `an` is the scenario's analysis (parley_mediation_analysis), or NULL to compute
 * it here. Caller frees out with parley_mediation_free. */
PARLEY_API parley_status parley_mediation_run(const parley_scenario *sc, size_t plan,
                                              parley_mediate_concept concept, size_t max_rounds,
                                              const parley_analysis *an, parley_mediation *out,
                                              parley_error *err);
/* The frontier and solution packages of the whole scenario, over `threads`
 * threads (0: all cores). Caller frees with parley_analysis_free. */
PARLEY_API parley_analysis *parley_mediation_analysis(const parley_scenario *sc, int threads,
                                                      parley_error *err);
PARLEY_API void parley_mediation_free(parley_mediation *m);

/* ---- reported vs modelled stances -------------------------------------- */

typedef enum parley_stance_verdict {
    PARLEY_STANCE_AGREES,        /* the model is consistent with the report            */
    PARLEY_STANCE_CONTRADICTS,   /* accepts but modelled below walk-away, or rejects but above */
    PARLEY_STANCE_SHARE_DIFFERS, /* reported share and modelled on-board differ by > 0.25 */
    PARLEY_STANCE_NO_PLAN        /* the stance names no plan: nothing to compare        */
} parley_stance_verdict;

typedef struct parley_stance_check {
    size_t stance;   /* index in sc->stances */
    double utility;  /* modelled utility of the plan (NAN without a plan) */
    double on_board; /* modelled share of attainable gain (NAN if undefined) */
    bool above;      /* utility >= walk-away */
    parley_stance_verdict verdict;
    bool disputed; /* someone denied the report */
} parley_stance_check;

/* Compares every stance with the model. out[n_stances], caller-allocated. */
PARLEY_API parley_status parley_stances_check(const parley_scenario *sc, parley_stance_check *out,
                                              parley_error *err);

/* ---- fitting weights to reported stances -------------------------------- */

typedef struct parley_fit {
    size_t party;
    double *before, *after; /* [n_issues] weights */
    size_t n_residuals;
    size_t *stance; /* [n_residuals] stance index of each residual */
    double *resid_before, *resid_after;
    double sse_before, sse_after;
    size_t iterations;
} parley_fit;

/* Least squares: adjusts `party`'s weights, each within [w(1 - bound),
 * w(1 + bound)] (and [0,1]) and summing to 1, so that modelled acceptance
 * matches its reported stances: a share s gives residual on_board - s;
 * "accepts" without a share gives max(0, walk_away - U); "rejects" gives
 * max(0, U - walk_away). Projected gradient descent, deterministic. The
 * scenario is only read (trial weights live in the fit's own memory), so
 * fits may run concurrently on one scenario. PARLEY_ERR_NO_ANSWER when the
 * party has no stance to fit; PARLEY_ERR_LIMIT when memory runs out. Caller
 * frees out with parley_fit_free (also safe after a failure). */
PARLEY_API parley_status parley_weights_fit(const parley_scenario *sc, size_t party, double bound,
                                            parley_fit *out, parley_error *err);
PARLEY_API void parley_fit_free(parley_fit *f);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_BARGAIN_H */
