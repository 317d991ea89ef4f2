/*
 * stability/gm_box.c — "best value within one move" for every state at once.
 *
 * The states a DM can reach in one move from s, together with s itself, form
 * a box in the option cube: the DM's options that may go both ways are free,
 * an only-taken option may stay or go N->Y, an only-withdrawn one may stay or
 * go Y->N, every other option is fixed (infeasible codes carry a neutral
 * value). The minimum or maximum of a value over every such box is computed
 * like a subset-sum transform, one pass over the 2^m codes per option of the
 * DM, instead of enumerating 2^k moves per state. gm_fast.c uses it for Nash
 * (best move), for the final GMR/SMR/SEQ test of every improvement, and for
 * sanctions when a single opponent moves.
 */
#define _DEFAULT_SOURCE 1 /* madvise(MADV_HUGEPAGE) on Linux */
#include "stability/gm_box.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

uint32_t *parleyp_gm_dense_new(const parley_conflict *c)
{
    size_t bytes = ((size_t)1 << c->noptions) * sizeof(uint32_t);
    void *p = NULL;
    if (bytes < ((size_t)4 << 20))
        return malloc(bytes);
    /* Large arrays are read at scattered codes: huge pages spare the TLB. */
    if (posix_memalign(&p, (size_t)2 << 20, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

void parleyp_gm_dense_scatter(const parley_conflict *c, const uint32_t *vals, uint32_t fill,
                              uint32_t *dense)
{
    size_t N = (size_t)1 << c->noptions;
    for (size_t x = 0; x < N; x++)
        dense[x] = fill;
    for (size_t v = 0; v < c->nstates; v++)
        dense[c->code[v]] = vals[v];
}

void parleyp_gm_dense_gather(const parley_conflict *c, const uint32_t *dense, uint32_t *vals)
{
    for (size_t v = 0; v < c->nstates; v++)
        vals[v] = dense[c->code[v]];
}

void parleyp_gm_box(const parley_conflict *c, uint32_t mask, bool take_max, uint32_t *D)
{
    size_t N = (size_t)1 << c->noptions;
    for (size_t k = 0; k < c->noptions; k++) {
        size_t bit = (size_t)1 << k;
        if (!(mask & bit))
            continue;
        bool both = c->both_mask & bit, fwd = c->fwd_mask & bit;
        for (size_t hi = 0; hi < N; hi += 2 * bit) {
            uint32_t *lo = D + hi, *up = D + hi + bit;
            if (take_max) {
                if (both)
                    for (size_t i = 0; i < bit; i++)
                        lo[i] = up[i] = lo[i] > up[i] ? lo[i] : up[i];
                else if (fwd) /* from N (lo) the DM may take it (up) */
                    for (size_t i = 0; i < bit; i++)
                        lo[i] = lo[i] > up[i] ? lo[i] : up[i];
                else
                    for (size_t i = 0; i < bit; i++)
                        up[i] = lo[i] > up[i] ? lo[i] : up[i];
            } else {
                if (both)
                    for (size_t i = 0; i < bit; i++)
                        lo[i] = up[i] = lo[i] < up[i] ? lo[i] : up[i];
                else if (fwd)
                    for (size_t i = 0; i < bit; i++)
                        lo[i] = lo[i] < up[i] ? lo[i] : up[i];
                else
                    for (size_t i = 0; i < bit; i++)
                        up[i] = lo[i] < up[i] ? lo[i] : up[i];
            }
        }
    }
}

void parleyp_gm_box_states(const parley_conflict *c, uint32_t mask, bool take_max,
                           const uint32_t *vals, uint32_t *dense, uint32_t *out)
{
    parleyp_gm_dense_scatter(c, vals, take_max ? 0 : UINT32_MAX, dense);
    parleyp_gm_box(c, mask, take_max, dense);
    parleyp_gm_dense_gather(c, dense, out);
}
