/*
 * stability/gm_states.c — the feasible states of an option-form conflict.
 *
 * A bitset over all 2^m decimal codes marks the feasible ones: it starts full
 * and every infeasible pattern clears the codes it matches (by enumerating
 * only the pattern's don't-care bits); infeasibility conditions written as
 * expressions are then tested on the remaining codes. A per-word prefix count then turns a
 * decimal code into its state id in O(1) (gm_state_id), so the solvers can
 * generate moves on the fly without any |S|-by-|S| structure.
 */
#include "stability/gm_model.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes a conflict with n states over 2^noptions codes takes once loaded
 * (states, payoffs, and the preference derivation's peak). */
static size_t gm_load_bytes(const parley_conflict *c, size_t n);
/* "1.5 GB"-style size into buf; returns buf. */
parley_status parleyp_gm_states_build(parley_conflict *c, parley_error *err)
{
    if (c->graph_form)
        return PARLEY_OK;
    size_t m = c->noptions;
    if (m > GM_MAX_OPTIONS)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.options",
                                "%zu options: at most %d are supported", m, GM_MAX_OPTIONS);
    uint64_t ncodes = (uint64_t)1 << m, work = 0;
    for (size_t p = 0; p < c->npatterns; p++)
        work += (uint64_t)1 << (m - (size_t)__builtin_popcount(c->patterns[p].mask &
                                                               (uint32_t)(ncodes - 1)));
    work += ncodes * c->ninfeasible_exprs;
    if (work > GM_MAX_WORK)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.infeasible",
                                "%zu infeasibility conditions over 2^%zu states: too much work",
                                c->npatterns + c->ninfeasible_exprs, m);
    size_t nwords = (size_t)((ncodes + 63) / 64);
    free(c->feas_bits);
    free(c->feas_rank);
    free(c->code);
    c->feas_bits = malloc(nwords * sizeof *c->feas_bits);
    c->feas_rank = malloc(nwords * sizeof *c->feas_rank);
    if (!c->feas_bits || !c->feas_rank)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.options",
                                "out of memory for 2^%zu states", m);
    for (size_t w = 0; w < nwords; w++)
        c->feas_bits[w] = ~(uint64_t)0;
    if (ncodes < 64)
        c->feas_bits[0] = ((uint64_t)1 << ncodes) - 1;
    uint32_t all = (uint32_t)(ncodes - 1);
    for (size_t p = 0; p < c->npatterns; p++) {
        uint32_t mask = c->patterns[p].mask, value = c->patterns[p].value;
        if ((mask & ~all) != 0 || (value & ~mask) != 0)
            continue; /* contradictory or beyond the options: matches nothing */
        uint32_t free_bits = all & ~mask;
        uint32_t sub = 0;
        do { /* every assignment of the don't-care bits */
            uint32_t s = value | sub;
            c->feas_bits[s >> 6] &= ~((uint64_t)1 << (s & 63));
            sub = (sub - free_bits) & free_bits;
        } while (sub != 0);
    }
    for (size_t w = 0; w < nwords && c->ninfeasible_exprs > 0; w++) {
        for (uint64_t bits = c->feas_bits[w]; bits; bits &= bits - 1) {
            uint32_t s = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
            for (size_t i = 0; i < c->ninfeasible_exprs; i++)
                if (parleyp_gm_expr_eval(c->infeasible_exprs[i], s)) {
                    c->feas_bits[w] &= ~((uint64_t)1 << (s & 63));
                    break;
                }
        }
    }
    size_t n = 0;
    for (size_t w = 0; w < nwords; w++) {
        c->feas_rank[w] = (uint32_t)n;
        n += (size_t)__builtin_popcountll(c->feas_bits[w]);
    }
    if (n == 0)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "conflict.infeasible",
                                "every state is infeasible");
    size_t need = gm_load_bytes(c, n), limit = c->limits ? c->limits->max_memory : 0;
    if (limit && need > limit) {
        char a[32], b[32];
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.options",
                                "%zu feasible states (%zu options) need about %s of memory to "
                                "load, over the memory limit of %s",
                                n, m, parleyp_gm_bytes_text((double)need, a, sizeof a),
                                parleyp_gm_bytes_text((double)limit, b, sizeof b));
    }
    c->code = malloc(n * sizeof *c->code);
    if (!c->code)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.options",
                                "out of memory for %zu states", n);
    size_t k = 0;
    for (size_t w = 0; w < nwords; w++) {
        uint64_t bits = c->feas_bits[w];
        while (bits) {
            int b = __builtin_ctzll(bits);
            c->code[k++] = (uint32_t)(w * 64 + (size_t)b);
            bits &= bits - 1;
        }
    }
    c->nstates = n;
    if (parleyp_gm_misperceptions_build(c) != PARLEY_OK)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.misperceptions",
                                "out of memory");
    if (c->limits && c->limits->on_states)
        return c->limits->on_states(c->limits->ctx, c, err);
    return PARLEY_OK;
}

static size_t gm_load_bytes(const parley_conflict *c, size_t n)
{
    /* feasibility bitset and ranks, state codes; per DM a payoff array and
     * (rankings) a group array; deriving payoffs from statements holds two
     * 64-bit score arrays besides. */
    double codes = c->graph_form ? 0.0 : (double)((uint64_t)1 << c->noptions);
    double bytes = codes / 8.0 * 1.5 + (double)n * (4.0 + 8.0 * (double)c->ndms + 16.0);
    return bytes >= (double)SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}

const char *parleyp_gm_bytes_text(double bytes, char *buf, size_t n)
{
    static const char *const unit[] = {"bytes", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1024.0 && u < 4) {
        bytes /= 1024.0;
        u++;
    }
    snprintf(buf, n, u ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
    return buf;
}

parley_status parleyp_gm_misperceptions_build(parley_conflict *c)
{
    c->misperceptions = false;
    size_t nwords = (c->nstates + 63) / 64 + 1;
    for (size_t d = 0; d < c->ndms; d++) {
        gm_dm *dm = &c->dms[d];
        free(dm->unseen);
        dm->unseen = NULL;
        if (dm->nmisp_pat == 0 && dm->nmisp_expr == 0)
            continue;
        if (!(dm->unseen = calloc(nwords, sizeof *dm->unseen)))
            return PARLEY_ERR_LIMIT;
        for (size_t s = 0; s < c->nstates; s++) {
            uint32_t code = c->code[s];
            bool hit = false;
            for (size_t p = 0; p < dm->nmisp_pat && !hit; p++)
                hit = (code & dm->misp_pat[p].mask) == dm->misp_pat[p].value;
            for (size_t p = 0; p < dm->nmisp_expr && !hit; p++)
                hit = parleyp_gm_expr_eval(dm->misp_expr[p], code);
            if (hit) {
                dm->unseen[s >> 6] |= (uint64_t)1 << (s & 63);
                c->misperceptions = true;
            }
        }
    }
    return PARLEY_OK;
}

uint32_t parleyp_gm_dmset_options(const parley_conflict *c, uint32_t dm_set)
{
    uint32_t mask = 0;
    for (size_t d = 0; d < c->ndms; d++)
        if (dm_set >> d & 1u)
            mask |= c->dms[d].option_mask;
    return mask;
}

int parleyp_gm_idvec_push(gm_idvec *vec, uint32_t x)
{
    if (vec->n == vec->cap) {
        size_t cap = vec->cap ? vec->cap * 2 : 16;
        uint32_t *v = realloc(vec->v, cap * sizeof *v);
        if (!v)
            return -1;
        vec->v = v;
        vec->cap = cap;
    }
    vec->v[vec->n++] = x;
    return 0;
}

void parleyp_gm_idvec_free(gm_idvec *vec)
{
    free(vec->v);
    memset(vec, 0, sizeof *vec);
}

int parleyp_gm_moves(const parley_conflict *c, uint32_t dm_set, uint32_t from, gm_idvec *out)
{
    if (c->misperceptions && !gm_perceives(c, dm_set, from))
        return 0; /* it cannot move from a state it does not perceive */
    if (c->graph_form) {
        for (size_t d = 0; d < c->ndms; d++) {
            if (!(dm_set >> d & 1u))
                continue;
            const gm_dm *dm = &c->dms[d];
            for (uint32_t k = dm->move_off[from]; k < dm->move_off[from + 1]; k++) {
                uint32_t t = dm->move_to[k];
                bool dup = false;
                for (size_t q = 0; q < out->n && !dup; q++)
                    dup = out->v[q] == t;
                if (!dup && parleyp_gm_idvec_push(out, t) < 0)
                    return -1;
            }
        }
        return 0;
    }
    uint32_t s = c->code[from];
    uint32_t f = gm_flippable(c, parleyp_gm_dmset_options(c, dm_set), s);
    for (uint32_t sub = f; sub; sub = (sub - 1) & f) {
        long t = gm_state_id(c, s ^ sub);
        if (t >= 0 && c->misperceptions && !gm_perceives(c, dm_set, (uint32_t)t))
            continue; /* nor to one */
        if (t >= 0 && parleyp_gm_idvec_push(out, (uint32_t)t) < 0)
            return -1;
    }
    return 0;
}
