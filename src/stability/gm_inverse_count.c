/*
 * stability/gm_inverse_count.c — inverse GMCR part (b): over vary windows
 * (a DM's ranking positions first..last, tie groups as units, permuted in
 * every way), how many preference profiles make the state an equilibrium,
 * and the first few of them.
 *
 * Nash, GMR and SMR: DM j's stability depends on its own ranking only, and
 * only on which states are above the state (every atom of its condition is
 * "j likes s at least as much as x"). So the count is the product over DMs
 * of the number of j's window permutations under which j is stable, and
 * that number is a sum over the subsets S of the window's relevant groups
 * (those holding a state of j's condition) placed above s, each weighted by
 * the permutations that put exactly S and some of the irrelevant groups
 * above s: sum_b C(r, b) (|S| + b)! (w - 1 - |S| - b)!. 2^relevant instead of
 * w! per DM, and a sum over DMs instead of a product.
 * SEQ couples the DMs (a sanction must be the sanctioners' improvement):
 * counted by signatures of the windows' relevant groups when that is cheaper
 * (gm_inverse_seq.c), else every profile is enumerated (odometer over the
 * windows' permutations) and judged with the local test, within the work
 * limit. Listing uses the same
 * enumeration for every concept, in lexicographic order.
 */
#include "stability/gm_inverse.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;
#define U128_MAX (~(u128)0)

static u128 mul_sat(u128 a, u128 b, bool *ovf)
{
    if (a != 0 && b > U128_MAX / a) {
        *ovf = true;
        return U128_MAX;
    }
    return a * b;
}

static u128 fact(size_t n, bool *ovf)
{
    u128 f = 1;
    for (size_t k = 2; k <= n; k++)
        f = mul_sat(f, (u128)k, ovf);
    return f;
}

static void u128_text(u128 v, char *buf, size_t n)
{
    char tmp[48];
    size_t k = 0;
    do {
        tmp[k++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v && k < sizeof tmp);
    size_t i = 0;
    while (k > 0 && i + 1 < n)
        buf[i++] = tmp[--k];
    buf[i] = '\0';
}

/* Number of j's window permutations under which j is stable (own-only
 * concepts), by subsets of the relevant groups. */
static parley_status own_count(const parley_inverse *r, parley_gmcr_concept k, size_t j,
                               const parley_inverse_window *win, double *work, double max_work,
                               u128 *out, bool *ovf, parley_error *err)
{
    const parley_gmcr_condition *cd = parleyp_gm_inv_cond(r, k, j);
    if (!win) {
        *out = cd->holds ? 1 : 0;
        return PARLEY_OK;
    }
    size_t a = win->first, b = win->last, w = b - a + 1;
    uint32_t gs = r->grp[j][r->state];
    if (gs < a || gs > b) {
        *out = cd->holds ? fact(w, ovf) : 0;
        return PARLEY_OK;
    }
    /* relevant groups: in the window, not s's, holding a state of the condition */
    int rel_of[512];
    if (w > 512)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "vary",
                                "a window of %zu positions is too wide", w);
    for (size_t q = 0; q < w; q++)
        rel_of[q] = -1;
    size_t nrel = 0;
    for (size_t m = 0; m < cd->nmoves; m++)
        for (size_t x = 0; x < cd->moves[m].nalternatives; x++) {
            const parley_gmcr_alternative *al = &cd->moves[m].alternatives[x];
            for (size_t t = 0; t < al->natoms; t++) {
                uint32_t g = r->grp[j][al->atoms[t].b];
                if (g >= a && g <= b && g != gs && rel_of[g - a] < 0)
                    rel_of[g - a] = (int)nrel++;
            }
        }
    if (nrel > 40 || (double)((uint64_t)1 << nrel) * (double)cd->nmoves + *work > max_work)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "vary",
                                "%s: %zu states of %s's window bear on its stability: too many "
                                "subsets to count (raise --max-work)",
                                parley_gmcr_concept_name(k), nrel, r->c->dms[j].name);
    /* per alternative: dead (a state always above s) or the mask of
     * relevant groups that must stay below */
    size_t nalt = 0;
    for (size_t m = 0; m < cd->nmoves; m++)
        nalt += cd->moves[m].nalternatives;
    uint64_t *mask = malloc((nalt + 1) * sizeof *mask);
    bool *dead = malloc((nalt + 1) * sizeof *dead);
    if (!mask || !dead) {
        free(mask);
        free(dead);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    size_t q = 0;
    for (size_t m = 0; m < cd->nmoves; m++)
        for (size_t x = 0; x < cd->moves[m].nalternatives; x++, q++) {
            const parley_gmcr_alternative *al = &cd->moves[m].alternatives[x];
            mask[q] = 0;
            dead[q] = false;
            for (size_t t = 0; t < al->natoms; t++) {
                uint32_t g = r->grp[j][al->atoms[t].b];
                if (g < a)
                    dead[q] = true;
                else if (g <= b && g != gs)
                    mask[q] |= (uint64_t)1 << rel_of[g - a];
            }
        }
    size_t irr = w - 1 - nrel;
    u128 *weight = calloc(nrel + 1, sizeof *weight);
    if (!weight) {
        free(mask);
        free(dead);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    for (size_t m = 0; m <= nrel; m++) {
        u128 binom = 1; /* C(irr, bb) */
        for (size_t bb = 0; bb <= irr; bb++) {
            weight[m] +=
                mul_sat(binom, mul_sat(fact(m + bb, ovf), fact(w - 1 - m - bb, ovf), ovf), ovf);
            binom = binom * (irr - bb) / (bb + 1);
        }
    }
    u128 total = 0;
    for (uint64_t S = 0;; S++) {
        bool ok = true;
        size_t base = 0;
        for (size_t m = 0; m < cd->nmoves && ok; m++) {
            bool any = false;
            for (size_t x = 0; x < cd->moves[m].nalternatives && !any; x++)
                any = !dead[base + x] && (mask[base + x] & S) == 0;
            base += cd->moves[m].nalternatives;
            ok = any;
        }
        if (ok)
            total += weight[__builtin_popcountll(S)];
        if (nrel == 0 || S == ((uint64_t)1 << nrel) - 1 || nrel >= 64)
            break;
    }
    *work += (double)((uint64_t)1 << nrel) * (double)(cd->nmoves + 1);
    free(mask);
    free(dead);
    free(weight);
    *out = total;
    return PARLEY_OK;
}

typedef struct odo {
    size_t nd;
    const parley_inverse_window *win[GM_MAX_DMS];
    uint32_t *order[GM_MAX_DMS];
} odo;

/* Advances the last varied DM's window, carrying (a window that wraps is
 * back at its first permutation); false when every window wrapped. */
static bool odo_next(odo *o, size_t *changed_from)
{
    for (size_t d = o->nd; d-- > 0;) {
        const parley_inverse_window *w = o->win[d];
        if (!w)
            continue;
        *changed_from = d;
        if (parleyp_gm_inv_next_perm(o->order[d] + w->first, w->last - w->first + 1))
            return true;
    }
    return false;
}

parley_status parleyp_gm_inv_count(parley_inverse *r, const parley_conflict *c,
                                   const parley_inverse_options *opt, double max_work,
                                   parley_error *err)
{
    size_t nd = r->nd, n = r->n;
    r->nwin = opt->nvary;
    r->win = malloc((opt->nvary + 1) * sizeof *r->win);
    if (!r->win)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    odo o;
    memset(&o, 0, sizeof o);
    o.nd = nd;
    for (size_t v = 0; v < opt->nvary; v++) {
        parley_inverse_window w = opt->vary[v];
        r->win[v] = w;
        if (w.dm >= nd)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "vary",
                                    "no decision maker %zu", w.dm + 1);
        if (w.first > w.last || w.last >= r->ngroups[w.dm])
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "vary",
                                    "%s: positions %zu..%zu are not within its ranking of %u "
                                    "positions",
                                    c->dms[w.dm].name, w.first + 1, w.last + 1, r->ngroups[w.dm]);
        if (o.win[w.dm])
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "vary",
                                    "%s has two windows; give one", c->dms[w.dm].name);
        o.win[w.dm] = &r->win[v];
    }
    bool ovf = false;
    u128 profiles = 1;
    for (size_t d = 0; d < nd; d++)
        if (o.win[d])
            profiles = mul_sat(profiles, fact(o.win[d]->last - o.win[d]->first + 1, &ovf), &ovf);
    if (ovf)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "vary",
                                "the windows span more than 2^128 profiles");
    r->profiles = (double)profiles;
    u128_text(profiles, r->profiles_text, sizeof r->profiles_text);
    double work = 0.0;
    u128 count[GM_INV_CONCEPTS] = {0};
    bool counted[GM_INV_CONCEPTS] = {false};
    for (int k = 0; k < GM_INV_CONCEPTS; k++) {
        if (!r->has[k] || k == PARLEY_GMCR_SEQ)
            continue;
        u128 prod = 1, f = 0;
        for (size_t d = 0; d < nd && prod; d++) {

            parley_status st =
                own_count(r, (parley_gmcr_concept)k, d, o.win[d], &work, max_work, &f, &ovf, err);
            if (st != PARLEY_OK)
                return st;
            prod = mul_sat(prod, f, &ovf);
        }
        count[k] = prod;
        counted[k] = true;
    }
    /* the enumeration: SEQ's count and every concept's list */
    bool need_seq = r->has[PARLEY_GMCR_SEQ]; /* SEQ still to count one by one */
    size_t max_list = opt->max_list;
    for (int k = 0; k < GM_INV_CONCEPTS; k++)
        if (r->has[k] && max_list > 0 &&
            !(r->listed[k] = malloc(max_list * nd * n * sizeof(uint32_t))))
            return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    double per_profile = (double)nd * (double)n * (double)nd * 4.0 + 1.0;
    if (need_seq) {
        u128 cnt = 0;
        if (parleyp_gm_inv_seq_count(r, c, o.win, r->profiles, max_work, &work, &cnt)) {
            count[PARLEY_GMCR_SEQ] = cnt;
            counted[PARLEY_GMCR_SEQ] = true;
            need_seq = false; /* the enumeration only lists */
        }
    }
    if (need_seq && r->profiles * per_profile > max_work)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "vary",
                                "SEQ: %s profiles to judge one by one, about %.1e steps, over "
                                "the limit of %.1e (raise --max-work or narrow the windows)",
                                r->profiles_text, r->profiles * per_profile, max_work);
    uint32_t *pay[GM_MAX_DMS] = {NULL};
    parley_status st = PARLEY_OK;
    gm_inv_ws ws;
    if (parleyp_gm_inv_ws_init(&ws, c) < 0)
        st = PARLEY_ERR_LIMIT;
    for (size_t d = 0; d < nd && st == PARLEY_OK; d++) {
        o.order[d] = malloc((r->ngroups[d] + 1) * sizeof(uint32_t));
        pay[d] = malloc((n + 1) * sizeof(uint32_t));
        if (!o.order[d] || !pay[d]) {
            st = PARLEY_ERR_LIMIT;
            break;
        }
        for (uint32_t g = 0; g < r->ngroups[d]; g++)
            o.order[d][g] = g;
        memcpy(pay[d], c->pay[d], n * sizeof(uint32_t));
    }
    bool complete = true, over = false;
    if (st == PARLEY_OK && (need_seq || max_list > 0)) {
        size_t changed = 0;
        bool first = true;
        for (;;) {
            if (!first)
                for (size_t d = changed; d < nd; d++)
                    if (o.win[d])
                        parleyp_gm_inv_pay(r, d, o.order[d], pay[d]);
            first = false;
            bool want = false;
            for (int k = 0; k < GM_INV_CONCEPTS; k++) {
                if (!r->has[k])
                    continue;
                bool count_it = k == PARLEY_GMCR_SEQ && need_seq;
                bool list_it = r->nlisted[k] < max_list;
                if (!count_it && !list_it)
                    continue;
                want = true;
                bool eq = true;
                for (size_t i = 0; i < nd && eq; i++)
                    eq = parleyp_gm_inv_stable(c, pay, (uint32_t)r->state, i,
                                               (parley_gmcr_concept)k, UINT32_MAX, &ws);
                work += per_profile;
                if (!eq)
                    continue;
                if (count_it)
                    count[k]++;
                if (list_it) {
                    for (size_t d = 0; d < nd; d++) {
                        uint32_t *lv = r->listed[k] + (r->nlisted[k] * nd + d) * n;
                        for (size_t s = 0; s < n; s++)
                            lv[s] = r->ngroups[d] - 1 - pay[d][s];
                    }
                    r->nlisted[k]++;
                }
            }
            if (!want)
                break; /* lists full, nothing left to count */
            if (work > max_work) {
                complete = false;
                break;
            }
            if (!odo_next(&o, &changed))
                break;
        }
        over = !complete && need_seq;
        if (need_seq)
            counted[PARLEY_GMCR_SEQ] = true;
    }
    for (size_t d = 0; d < nd; d++) {
        free(o.order[d]);
        free(pay[d]);
    }
    parleyp_gm_inv_ws_free(&ws);
    if (over)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "vary",
                                "SEQ: the profiles take more than --max-work %.1e steps", max_work);
    if (st != PARLEY_OK)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    for (int k = 0; k < GM_INV_CONCEPTS; k++) {
        r->count[k] = (double)count[k];
        u128_text(count[k], r->count_text[k], sizeof r->count_text[k]);
        /* the list is all of them when it holds as many as the count */
        r->list_complete[k] = counted[k] && (u128)r->nlisted[k] == count[k];
    }
    return PARLEY_OK;
}
