/*
 * frontier/analysis_impl.h — internals shared by the analysis files:
 * a growable set of (utility vector, outcome) points with a
 * non-dominated filter and its sweep (frontier_nd.c), the dominance index
 * over utility vectors (k-d trees, frontier_dom.c), the additive merge
 * (frontier_additive.c), the bounded depth-first search over value classes
 * for spaces with rules (frontier_search.c) and the zone counter (zone.c).
 */
#ifndef PARLEY_ANALYSIS_IMPL_H
#define PARLEY_ANALYSIS_IMPL_H

#include "parley/frontier.h"
#include "parley/space.h"
#include "space/space_impl.h"

#include <stdint.h>

typedef struct pa_points {
    size_t n, cap;
    size_t dim, n_issues;
    double *u;   /* [cap * dim]      */
    uint32_t *o; /* [cap * n_issues] */
} pa_points;

void parleyp_pa_points_init(pa_points *ps, size_t dim, size_t n_issues);
void parleyp_pa_points_free(pa_points *ps);
/* Room for cap points (false when out of memory). */
bool parleyp_pa_points_reserve(pa_points *ps, size_t cap);
/* Appends a copy; false when out of memory. */
bool parleyp_pa_points_push(pa_points *ps, const double *u, const uint32_t *o);
/* Keeps only non-dominated points, one per distinct vector (the
 * lexicographically smallest outcome), sorted by u[0] desc, u[1] desc, ...
 * false when out of memory. */
bool parleyp_pa_points_filter(pa_points *ps);

/* A growing set of vectors answering dominance queries (frontier_dom.c). */
typedef struct pa_dom_node {
    uint32_t lo, hi, left, right; /* rows [lo, hi); left == UINT32_MAX: leaf */
} pa_dom_node;

typedef struct pa_dom_tree {
    size_t n, n_node;
    double *x;         /* [n * dim] rows in tree order        */
    pa_dom_node *node; /* node 0 is the root                  */
    double *box;       /* [n_node * dim] componentwise maxima */
} pa_dom_tree;

typedef struct pa_dom {
    size_t dim, n;
    double *buf; /* the newest members, not yet in a tree */
    size_t n_buf;
    pa_dom_tree tree[64]; /* sizes strictly decreasing */
    size_t n_trees;
} pa_dom;

void parleyp_pa_dom_init(pa_dom *s, size_t dim);
void parleyp_pa_dom_free(pa_dom *s);
/* Empties the set, keeping its buffer. */
void parleyp_pa_dom_clear(pa_dom *s);
/* Adds a member; false (and the set unchanged) when out of memory. */
bool parleyp_pa_dom_add(pa_dom *s, const double *u);
/* Replaces the members by the n vectors at u ([n * dim]), in one tree;
 * false (and the set empty) when out of memory. */
bool parleyp_pa_dom_set(pa_dom *s, const double *u, size_t n);
/* A member x with x[p] >= u[p] + tol for every p (and, if strict, x[p] > u[p]
 * for some p), or NULL. Exact: the same answer as a scan over all members.
 * Adds the nodes and members it looked at to *work (work may be NULL). */
const double *parleyp_pa_dom_cover(const pa_dom *s, const double *u, double tol, bool strict,
                                   size_t *work);

/* The sweep of the non-dominated filter: vectors offered in
 * lexicographically non-increasing order; pa_sweep_offer returns 1 and
 * keeps u when no earlier kept vector is >= u everywhere, 0 when one is,
 * -1 when out of memory. 2 parties: a running maximum; 3: a staircase;
 * more: a pa_dom. */
typedef struct pa_sweep {
    size_t dim, n_kept;
    size_t work;     /* steps taken: one per offer plus index work */
    double best;     /* 2 parties */
    size_t sn, scap; /* 3 parties: the staircase */
    double *sx, *sy;
    pa_dom dom; /* 4+ parties */
} pa_sweep;

void parleyp_pa_sweep_init(pa_sweep *sw, size_t dim);
void parleyp_pa_sweep_free(pa_sweep *sw);
int parleyp_pa_sweep_offer(pa_sweep *sw, const double *u);

/* Stable merge sort of idx[0..n) by cmp (negative: a before b); tmp has
 * room for n entries. */
void parleyp_pa_sort_idx(uint32_t *idx, uint32_t *tmp, size_t n,
                         int (*cmp)(const void *ctx, uint32_t a, uint32_t b), const void *ctx);

/* Applies every party's scale and clamp to raw sums in place. */
void parleyp_pa_scale_points(const parley_space *sp, pa_points *ps);
/* Drops points below some reservation (NAN: none). */
void parleyp_pa_cut_rational(const parley_space *sp, pa_points *ps);

/* The raw (unscaled) frontier of an additive space by merging per-issue
 * frontiers. Fills ps with raw sums. */
parley_status parleyp_pa_frontier_additive(const parley_space *sp,
                                           const parley_analysis_options *opt, pa_points *ps,
                                           parley_error *err);

/* Spaces with rules: depth-first search over value classes with utility
 * bounds. Fills ps with scaled candidate points (to be filtered), and
 * worst/best when not NULL. */
parley_status parleyp_pa_frontier_search(const parley_space *sp, const parley_analysis_options *opt,
                                         pa_points *ps, double *worst, double *best,
                                         parley_error *err);

/* Number of outcomes at or above every reservation value; *exact false when
 * it is an estimate; -1 when it could not be computed within the budget. */
double parleyp_pa_zone_count(const parley_space *sp, const parley_analysis_options *opt,
                             bool *exact);

/* Estimate of the zone count from `samples` uniform outcomes (zone.c);
 * *stderr_frac gets the standard error of the fraction. -1 on failure. */
double parleyp_pa_zone_estimate(const parley_space *sp, size_t samples, uint64_t seed,
                                double *stderr_frac);

/* Exact per-party min / max utility of an additive space. */
void parleyp_pa_additive_range(const parley_space *sp, size_t p, double *worst, double *best);

#endif
