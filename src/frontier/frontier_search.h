/*
 * frontier/frontier_search.h — internals of the bounded depth-first search
 * for spaces with rules (see frontier_search.c for the method): the search
 * plan (search_plan.c), one worker's state and the node visitor
 * (frontier_search.c); search_run.c runs workers over threads.
 */
#ifndef PARLEY_ANALYSIS_FRONTIER_SEARCH_H
#define PARLEY_ANALYSIS_FRONTIER_SEARCH_H

#include "parley/frontier.h"
#include "frontier/analysis_impl.h"

#include <stdatomic.h>

/* The default node budget of one search: about two seconds of CPU at the
 * 4-5 * 10^7 nodes a second measured on the 10^40-outcome ANAC domains, and
 * 20 times what the largest reference case needs (10issueswithRV: 4.4 * 10^6). */
#define PA_SEARCH_NODES 1e8

typedef enum { S_FRONTIER, S_MIN, S_MAX, S_COUNT } search_mode;

typedef struct rule_ref {
    uint32_t party;
    const ps_rule *rule;
} rule_ref;

typedef struct plan {
    const parley_space *sp;
    size_t d, n;
    size_t *order;     /* depth -> issue                               */
    size_t *n_class;   /* [depth] classes                              */
    uint32_t **rep;    /* [depth][class] representative value          */
    double **mult;     /* [depth][class] multiplicity                  */
    double *base;      /* [d] raw utility of rules with no conditions  */
    size_t *n_at;      /* [depth] rules decided at this depth          */
    rule_ref **at;     /* [depth][k]                                   */
    double *rest_max;  /* [(n+1) * d] max raw still to come from depth */
    double *rest_min;  /* [(n+1) * d]                                  */
    double *rest_mult; /* [n+1] outcomes below a node at this depth    */
    double *need;      /* [d] reservation, -inf when none / ignored    */
    /* From depth k_suffix on no rule is left: the rest is additive, and its
     * frontier (raw sums over issues order[k_suffix..n)) replaces the search
     * below that depth for the frontier. has_suffix false: not used. */
    bool has_suffix;
    size_t k_suffix;
    pa_points suffix;
    search_mode mode;
    size_t party;       /* for S_MIN / S_MAX */
    double budget;      /* nodes (opt->max_outcomes, default PA_SEARCH_NODES) */
    double worst_nodes; /* nodes of the search without any pruning */
    atomic_long nodes;
    atomic_int over;
} plan;

typedef struct worker {
    plan *pl;
    uint32_t *o; /* current outcome (original issue order) */
    double *raw; /* [(n+1) * d] partial raw per depth       */
    double *u, *ub, *lb;
    const pa_dom *seed; /* the points of the earlier waves (shared) */
    pa_points cand;     /* points this task kept (some may be dominated
                           by later ones: filtered when the wave ends) */
    pa_dom dom;         /* the vectors of cand, for dominance queries */
    double *last;       /* [d] the last dominator found             */
    bool has_last;
    double best; /* S_MIN / S_MAX                           */
    uint32_t *best_o;
    double count;
    long local_nodes;
    bool oom;
} worker;

bool parleyp_plan_build(plan *pl, const parley_space *sp, const parley_analysis_options *opt);
void parleyp_plan_free(plan *pl);
/* Visits the node at `depth` (w->o and w->raw set above it). */
void parleyp_visit(worker *w, size_t depth, double mult);

#endif
