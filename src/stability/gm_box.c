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
 * sanctions when a single opponent moves; gm_plus.c for GMCR+ sanctions.
 * The improving variant (the minimum over the moves that improve the
 * mover's payoff: SEQ's step) sorts each sub-cube of the mover's options.
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

void parleyp_gm_dense_reset_infeasible(const parley_conflict *c, uint32_t *D)
{
    size_t N = (size_t)1 << c->noptions, nwords = (N + 63) / 64;
    for (size_t w = 0; w < nwords; w++) {
        uint64_t inf = ~c->feas_bits[w];
        if (N < 64)
            inf &= ((uint64_t)1 << N) - 1;
        for (; inf; inf &= inf - 1)
            D[w * 64 + (size_t)__builtin_ctzll(inf)] = UINT32_MAX;
    }
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

static int cmp_desc_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The mover's moves keep every other option, so the codes split into
 * sub-cubes over its options (one per setting of the others). In each, the
 * codes are taken by decreasing pj; a code's targets are the codes seen
 * before it (strictly better for the mover) that its legal flips reach: any
 * setting of the two-way options, and of the irreversible ones those allowed
 * from it (an only-taken option taken stays taken, an only-withdrawn one not
 * taken stays so). So the minimum of V seen so far is kept per pattern of
 * the r irreversible options, and a code asks the patterns it may reach:
 * 2^k (log 2^k + 2^r) per sub-cube instead of 4^k pairs (k = its options). */
bool parleyp_gm_box_improve_min(const parley_conflict *c, uint32_t mask, const uint32_t *pj,
                                const uint32_t *V, uint32_t *res)
{
    size_t N = (size_t)1 << c->noptions;
    uint32_t rmask = mask & ~c->both_mask;
    int k = __builtin_popcount(mask), r = __builtin_popcount(rmask);
    size_t K = (size_t)1 << k, R = (size_t)1 << r;
    uint32_t rbit[32];
    for (int q = 0, t = 0; q < 32; q++)
        if (rmask & (1u << q))
            rbit[t++] = 1u << q;
    uint64_t *ord = malloc(K * sizeof *ord);
    uint32_t *code = malloc(K * sizeof *code), *grp = malloc(R * sizeof *grp);
    bool ok = ord && code && grp;
    uint32_t notmask = (uint32_t)(N - 1) & ~mask;
    for (uint32_t ctx = 0; ok;) {
        size_t m = 0, t = 0;
        for (uint32_t sub = 0;; t++) {
            uint32_t x = ctx | sub;
            code[t] = x;
            if (pj[x] != UINT32_MAX)
                ord[m++] = ((uint64_t)pj[x] << 32) | t;
            else
                res[x] = UINT32_MAX;
            if (sub == mask)
                break;
            sub = (sub - mask) & mask;
        }
        qsort(ord, m, sizeof *ord, cmp_desc_u64);
        for (size_t g = 0; g < R; g++)
            grp[g] = UINT32_MAX;
        for (size_t a = 0; a < m;) {
            size_t b = a;
            uint32_t level = (uint32_t)(ord[a] >> 32);
            for (; b < m && (uint32_t)(ord[b] >> 32) == level; b++) {
                uint32_t x = code[(uint32_t)ord[b]], sel = 0, fr = 0;
                for (int q = 0; q < r; q++) {
                    bool on = x & rbit[q];
                    if (c->fwd_mask & rbit[q] ? !on : on)
                        fr |= 1u << q; /* may flip: either setting reachable */
                    else if (on)
                        sel |= 1u << q; /* stays as it is */
                }
                uint32_t best = V[x];
                for (uint32_t f = fr;; f = (f - 1) & fr) {
                    uint32_t v = grp[sel | f];
                    best = v < best ? v : best;
                    if (!f)
                        break;
                }
                res[x] = best;
            }
            for (size_t q = a; q < b; q++) { /* then the level joins the seen codes */
                uint32_t x = code[(uint32_t)ord[q]], g = 0;
                for (int z = 0; z < r; z++)
                    if (x & rbit[z])
                        g |= 1u << z;
                if (V[x] < grp[g])
                    grp[g] = V[x];
            }
            a = b;
        }
        if (ctx == notmask)
            break;
        ctx = (ctx - notmask) & notmask;
    }
    free(ord);
    free(code);
    free(grp);
    return ok;
}
