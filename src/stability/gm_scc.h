/*
 * stability/gm_scc.h — the reachability-minimum kernel shared by the
 * stability solvers: for every node of a directed graph whose successors are
 * generated on the fly, the minimum of some values over every node it
 * reaches (itself included). gm_reach.c runs it over states (option-form
 * moves of a group of movers); gm_product.c over the product graph of
 * (state, sanction tag) nodes. Each caller supplies only the successor
 * generator; the kernel (gm_scc.c) owns the traversal.
 */
#ifndef PARLEY_STABILITY_GM_SCC_H
#define PARLEY_STABILITY_GM_SCC_H

#include "stability/gm_solve.h"

/* The kernel's depth-first stack entry for node `node`: the other three
 * words are the successor generator's cursor, which it may use as it likes.
 * A node is pushed as {node, 0, 0, UINT32_MAX}. */
typedef struct gm_scc_frame {
    uint32_t node;
    uint32_t agent; /* e.g. the mover being enumerated */
    uint32_t it;    /* e.g. the next subset or CSR index */
    uint32_t flip;  /* e.g. that mover's flippable options */
} gm_scc_frame;

/* Successor generator: the next successor of f->node (advancing f's
 * cursor), or -1 when there are no more. Successors are < nnodes. */
typedef long (*gm_scc_next)(const void *ctx, gm_scc_frame *f);

/* out[q][v] = min of vals[q][u / stride] over the nodes u reachable from v
 * (v included), for every node v < nnodes (nnodes < 2^32) and q < nvals;
 * out[q] holds nnodes entries. Node u stands for state u / stride, so
 * vals[q] holds nnodes / stride entries. Progress: `per_node` units of work
 * for each node visited (progress may be NULL). PARLEY_ERR_LIMIT when out of
 * memory (about 28 bytes per node). */
parley_status parleyp_gm_scc_min(size_t nnodes, size_t stride, gm_scc_next next, const void *ctx,
                                 const uint32_t *const *vals, size_t nvals, uint32_t **out,
                                 gm_progress *progress, double per_node);

#endif
