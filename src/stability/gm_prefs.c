/*
 * stability/gm_prefs.c — payoff levels from preferences.
 *
 * Option prioritisation (GMCR II / GMCR+): statement j of q gets weight
 * 2^(q-1-j); a state's score is the sum of the weights of the statements it
 * satisfies, so a more important statement outweighs all less important ones
 * together. Scores are compressed to dense levels (0 = least preferred; equal
 * scores tie). An explicit ranking (groups, most preferred first) gives level
 * ngroups-1-group. The solvers only compare levels of the same DM.
 */
#include "stability/gm_model.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

uint32_t *parleyp_gm_prefs_from_statements(const parley_conflict *c, const gm_pref *p)
{
    size_t n = c->nstates, q = p->nstatements;
    uint64_t *score = malloc(n * sizeof *score);
    uint64_t *sorted = malloc(n * sizeof *sorted);
    uint32_t *level = malloc(n * sizeof *level);
    if (!score || !sorted || !level) {
        free(score);
        free(sorted);
        free(level);
        return NULL;
    }
    for (size_t s = 0; s < n; s++) {
        uint64_t sc = 0;
        for (size_t j = 0; j < q; j++)
            if (parleyp_gm_expr_eval(p->statements[j], c->code[s]))
                sc |= (uint64_t)1 << (q - 1 - j);
        score[s] = sorted[s] = sc;
    }
    qsort(sorted, n, sizeof *sorted, cmp_u64);
    size_t u = 0;
    for (size_t s = 0; s < n; s++)
        if (u == 0 || sorted[u - 1] != sorted[s])
            sorted[u++] = sorted[s];
    for (size_t s = 0; s < n; s++) {
        size_t lo = 0, hi = u; /* find score[s] in sorted[0..u) */
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (sorted[mid] <= score[s])
                lo = mid;
            else
                hi = mid;
        }
        level[s] = (uint32_t)lo;
    }
    free(score);
    free(sorted);
    return level;
}

static uint64_t expr_size(const gm_expr *e)
{
    uint64_t n = 1;
    for (size_t i = 0; i < e->nkids; i++)
        n += expr_size(e->kids[i]);
    return n;
}

parley_status parleyp_gm_prefs_build(parley_conflict *c, parley_error *err)
{
    if (!c->pay) {
        c->pay = calloc(c->ndms, sizeof *c->pay);
        if (!c->pay)
            return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict", "out of memory");
    }
    for (size_t d = 0; d < c->ndms; d++) {
        gm_pref *p = &c->dms[d].pref;
        free(c->pay[d]);
        c->pay[d] = NULL;
        if (p->has_ranking) {
            c->pay[d] = malloc(c->nstates * sizeof *c->pay[d]);
            if (!c->pay[d])
                return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                        "out of memory");
            for (size_t s = 0; s < c->nstates; s++)
                c->pay[d][s] = p->ngroups - 1 - p->group[s];
        } else if (p->nstatements > 0 && !c->graph_form) {
            uint64_t size = 0;
            for (size_t j = 0; j < p->nstatements; j++)
                size += expr_size(p->statements[j]);
            if (size * c->nstates > GM_MAX_WORK)
                return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict.preferences",
                                        "statements of '%s' over %zu states: too much work",
                                        c->dms[d].name, c->nstates);
            c->pay[d] = parleyp_gm_prefs_from_statements(c, p);
            if (!c->pay[d])
                return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                        "out of memory");
        } else {
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "conflict.preferences",
                                    "decision maker '%s' has no preferences (give statements "
                                    "or a ranking)",
                                    c->dms[d].name);
        }
    }
    return PARLEY_OK;
}

parley_status parleyp_gm_ranking_begin(gm_pref *p, size_t nstates)
{
    free(p->group);
    p->group = malloc((nstates ? nstates : 1) * sizeof *p->group);
    if (!p->group)
        return PARLEY_ERR_LIMIT;
    for (size_t s = 0; s < nstates; s++)
        p->group[s] = UINT32_MAX;
    p->has_ranking = true;
    p->ngroups = 0;
    return PARLEY_OK;
}

bool parleyp_gm_ranking_put(gm_pref *p, size_t state, uint32_t group)
{
    if (p->group[state] != UINT32_MAX)
        return false;
    p->group[state] = group;
    if (group + 1 > p->ngroups)
        p->ngroups = group + 1;
    return true;
}

long parleyp_gm_ranking_finish(gm_pref *p, size_t nstates)
{
    for (size_t s = 0; s < nstates; s++)
        if (p->group[s] == UINT32_MAX)
            return (long)s;
    /* compress group numbers so that empty groups leave no gaps */
    uint32_t *used = calloc(p->ngroups + 1, sizeof *used);
    if (!used)
        return -1;
    for (size_t s = 0; s < nstates; s++)
        used[p->group[s]] = 1;
    uint32_t k = 0;
    for (uint32_t g = 0; g < p->ngroups; g++)
        used[g] = used[g] ? k++ : 0;
    for (size_t s = 0; s < nstates; s++)
        p->group[s] = used[p->group[s]];
    p->ngroups = k;
    free(used);
    return -1;
}
