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
    const bool *keep;  /* [n_parties]: parties to keep at or above walk-away */
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
    double objective;   /* points changed, total loss, or Nash product; when
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
bool pb_point_changed(const pm_plan *pl, size_t p, const size_t *outcome);

#endif
