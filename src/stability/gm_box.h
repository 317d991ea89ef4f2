/*
 * stability/gm_box.h — min/max of a value over each state's one-move box
 * (gm_box.c). Dense arrays have one entry per decimal code (2^m).
 */
#ifndef PARLEY_STABILITY_GM_BOX_H
#define PARLEY_STABILITY_GM_BOX_H

#include "stability/gm_model.h"

/* A dense array of 2^m entries (caller frees), or NULL. */
uint32_t *parleyp_gm_dense_new(const parley_conflict *c);
/* dense[code of v] = vals[v]; every other code = fill. */
void parleyp_gm_dense_scatter(const parley_conflict *c, const uint32_t *vals, uint32_t fill,
                              uint32_t *dense);
void parleyp_gm_dense_gather(const parley_conflict *c, const uint32_t *dense, uint32_t *vals);
/* Infeasible codes of D back to UINT32_MAX (nothing moves through them). */
void parleyp_gm_dense_reset_infeasible(const parley_conflict *c, uint32_t *D);
/* In place: D[x] = min (or max) of D over the box of the mover owning
 * `mask` at x (x included). */
void parleyp_gm_box(const parley_conflict *c, uint32_t mask, bool take_max, uint32_t *D);
/* out[v] = min/max of vals over v's box; infeasible codes count as UINT32_MAX
 * for min and 0 for max (so they never look better than a real state when
 * compared with "<= payoff"). dense is scratch of 2^m entries. */
void parleyp_gm_box_states(const parley_conflict *c, uint32_t mask, bool take_max,
                           const uint32_t *vals, uint32_t *dense, uint32_t *out);

/* res[x] = min of V over code x and the codes the mover owning `mask`
 * reaches from x by one move that improves its payoff pj (dense, UINT32_MAX
 * at infeasible codes, where res is UINT32_MAX too): the SEQ step. False
 * when out of memory. */
bool parleyp_gm_box_improve_min(const parley_conflict *c, uint32_t mask, const uint32_t *pj,
                                const uint32_t *V, uint32_t *res);

#endif
