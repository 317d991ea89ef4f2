/*
 * bargain/mip.h — a small builder for mixed-integer programs solved by GLPK
 * (branch and cut, exact up to GLPK's integrality tolerance). Columns and
 * rows are added one at a time with sparse coefficients; the builder owns
 * the GLPK problem. Used by concede.c; GLPK never prints (terminal off).
 */
#ifndef PARLEY_BARGAIN_MIP_H
#define PARLEY_BARGAIN_MIP_H

#include "parley.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mip mip;

/* Caller owns; free with mip_free. NULL when out of memory. */
mip *parleyp_mip_new(void);
void parleyp_mip_free(mip *m);

/* Adds a column with bounds [lo, hi] (±HUGE_VAL for none), integer or not,
 * and objective coefficient obj. Returns its index (0-based) or -1. */
long parleyp_mip_col(mip *m, double lo, double hi, bool integer, double obj);
/* Adds a row lo <= sum <= hi (±HUGE_VAL for none). Returns its index or -1. */
long parleyp_mip_row(mip *m, double lo, double hi);
/* Sets coefficient (row, col) = v (add each pair once). Returns 0 or -1. */
int parleyp_mip_coef(mip *m, long row, long col, double v);
/* Changes a column's objective coefficient. */
void parleyp_mip_set_obj(mip *m, long col, double obj);

/* MIP_LIMIT: the branch-and-bound node limit was passed (no answer). */
typedef enum mip_result { MIP_OPTIMAL, MIP_INFEASIBLE, MIP_FAILED, MIP_LIMIT } mip_result;

/* Bounds the work of every later solve of m together: more than max_nodes
 * branch-and-bound nodes in all (0: no limit) makes a solve stop with
 * MIP_LIMIT. progress (may be NULL) is called as nodes are made with the
 * share of the limit used so far (never decreasing, at most 1). */
void parleyp_mip_set_limit(mip *m, double max_nodes, void (*progress)(void *ctx, double done),
                           void *ctx);
/* Branch-and-bound nodes made so far over every solve. */
double parleyp_mip_nodes(const mip *m);

/* Solves (maximize or minimize). On MIP_OPTIMAL fills x[ncols] and *obj.
 * Solving again after adding rows or changing objectives is allowed. */
mip_result parleyp_mip_solve(mip *m, bool maximize, double *x, double *obj);

size_t parleyp_mip_col_count(const mip *m);
/* Whether a column or coefficient could not be added for want of memory
 * (the problem is then incomplete and parleyp_mip_solve fails). */
bool parleyp_mip_out_of_memory(const mip *m);

#endif
