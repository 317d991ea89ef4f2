/*
 * stability/gm_inverse_seq.c — counting the profiles that make a state a
 * SEQ equilibrium without enumerating every permutation of the windows.
 *
 * Under SEQ, DM i's stability at s depends on its own ranking only through
 * which of a few states it prefers to s (its moves from s, and what the
 * others can reach from them), and on another DM j's ranking only through
 * whether j prefers u to v for j's moves v -> u inside those regions. So
 * for each varied DM j, only the relative order of the window's *relevant*
 * groups (holding such states) matters: the k! orders of those groups,
 * each standing for w!/k! permutations of the window, are reduced to their
 * distinct signatures (the bits above), and the count is a sum over the
 * combinations of signatures of the DMs, each judged once with the local
 * test. Used when every varied DM has at most GM_INV_SEQ_MAX_REL relevant
 * groups and the combinations fit the work limit; otherwise the caller
 * enumerates profiles one by one.
 */
#include "stability/gm_inverse.h"

#include <stdlib.h>
#include <string.h>

#define GM_INV_SEQ_MAX_REL 9

__extension__ typedef unsigned __int128 u128;

int parleyp_gm_inv_seq_mode = 0; /* tests: 1 = always keyed, -1 = never */

typedef struct sig_set {
    size_t len;       /* bytes per signature */
    unsigned char *v; /* signatures */
    u128 *weight;
    uint32_t **rep; /* representative group order */
    size_t n, cap;
    uint32_t *table; /* index + 1 */
    size_t tcap;
} sig_set;

static uint64_t sig_hash(const unsigned char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

static int sig_add(sig_set *ss, const unsigned char *sig, u128 w, const uint32_t *order, size_t ng)
{
    if (2 * (ss->n + 1) > ss->tcap) {
        size_t tcap = ss->tcap ? 2 * ss->tcap : 256;
        uint32_t *t = calloc(tcap, sizeof *t);
        if (!t)
            return -1;
        for (size_t q = 0; q < ss->n; q++) {
            size_t h = (size_t)sig_hash(ss->v + q * ss->len, ss->len) & (tcap - 1);
            while (t[h])
                h = (h + 1) & (tcap - 1);
            t[h] = (uint32_t)q + 1;
        }
        free(ss->table);
        ss->table = t;
        ss->tcap = tcap;
    }
    size_t h = (size_t)sig_hash(sig, ss->len) & (ss->tcap - 1);
    while (ss->table[h]) {
        size_t q = ss->table[h] - 1;
        if (!memcmp(ss->v + q * ss->len, sig, ss->len)) {
            ss->weight[q] += w;
            return 0;
        }
        h = (h + 1) & (ss->tcap - 1);
    }
    if (ss->n == ss->cap) {
        size_t cap = ss->cap ? 2 * ss->cap : 64;
        unsigned char *v = realloc(ss->v, cap * (ss->len ? ss->len : 1));
        if (v)
            ss->v = v;
        u128 *wt = v ? realloc(ss->weight, cap * sizeof *wt) : NULL;
        if (wt)
            ss->weight = wt;
        uint32_t **rp = wt ? realloc(ss->rep, cap * sizeof *rp) : NULL;
        if (!rp)
            return -1;
        ss->rep = rp;
        ss->cap = cap;
    }
    memcpy(ss->v + ss->n * ss->len, sig, ss->len);
    ss->weight[ss->n] = w;
    if (!(ss->rep[ss->n] = malloc((ng + 1) * sizeof(uint32_t))))
        return -1;
    memcpy(ss->rep[ss->n], order, ng * sizeof(uint32_t));
    ss->table[h] = (uint32_t)ss->n + 1;
    ss->n++;
    return 0;
}

static void sig_free(sig_set *ss)
{
    for (size_t q = 0; q < ss->n; q++)
        free(ss->rep[q]);
    free(ss->rep);
    free(ss->v);
    free(ss->weight);
    free(ss->table);
    memset(ss, 0, sizeof *ss);
}

/* The signatures of DM j's window permutations. -1: too many relevant
 * groups (or out of memory), 0: done. */
static int dm_signatures(const parley_inverse *r, const parley_conflict *c, size_t j,
                         const parley_inverse_window *win, gm_inv_ws *ws, sig_set *ss, double *work,
                         double max_work)
{
    size_t n = r->n, nd = r->nd, s = r->state;
    uint32_t ng = r->ngroups[j];
    unsigned char *own = calloc(n + 1, 1);
    gm_idvec pv = {0}, pu = {0}, reach = {0}, mv = {0}, mj = {0};
    uint32_t *order = malloc((ng + 1) * sizeof *order), *pay = malloc((n + 1) * sizeof *pay);
    unsigned char *sig = NULL;
    int rc = -1;
    if (!own || !order || !pay)
        goto done;
    /* j's own comparisons with s: its moves from s and what the others
     * reach from them (where a SEQ sanction against j can end) */
    own[s] = 1;
    if (parleyp_gm_moves(c, (uint32_t)1 << j, (uint32_t)s, &mv) < 0)
        goto done;
    for (size_t q = 0; q < mv.n; q++) {
        own[mv.v[q]] = 1;
        reach.n = 0;
        if (parleyp_gm_inv_reach(c, mv.v[q], j, ws, &reach) < 0)
            goto done;
        for (size_t x = 0; x < reach.n; x++)
            own[reach.v[x]] = 1;
    }
    /* j's improvements the others' SEQ sanctions may use: its moves inside
     * the region the others' sanction searches explore */
    for (size_t i = 0; i < nd; i++) {
        if (i == j)
            continue;
        mv.n = 0;
        if (parleyp_gm_moves(c, (uint32_t)1 << i, (uint32_t)s, &mv) < 0)
            goto done;
        for (size_t q = 0; q < mv.n; q++) {
            reach.n = 0;
            if (parleyp_gm_idvec_push(&reach, mv.v[q]) < 0 ||
                parleyp_gm_inv_reach(c, mv.v[q], i, ws, &reach) < 0)
                goto done;
            for (size_t x = 0; x < reach.n; x++) {
                uint32_t v = reach.v[x];
                mj.n = 0;
                if (parleyp_gm_moves(c, (uint32_t)1 << j, v, &mj) < 0)
                    goto done;
                for (size_t y = 0; y < mj.n; y++) {
                    uint32_t u = mj.v[y], gv = r->grp[j][v], gu = r->grp[j][u];
                    bool in = (gv >= win->first && gv <= win->last) ||
                              (gu >= win->first && gu <= win->last);
                    if (in &&
                        (parleyp_gm_idvec_push(&pv, v) < 0 || parleyp_gm_idvec_push(&pu, u) < 0))
                        goto done;
                }
            }
        }
    }
    /* relevant groups in the window */
    size_t w = win->last - win->first + 1;
    unsigned char *relg = calloc(w, 1);
    if (!relg)
        goto done;
    size_t nownl = 0;
    for (size_t x = 0; x < n; x++) {
        uint32_t g = r->grp[j][x];
        if (own[x] && g >= win->first && g <= win->last) {
            relg[g - win->first] = 1;
            nownl++;
        }
    }
    for (size_t q = 0; q < pv.n; q++) {
        uint32_t g1 = r->grp[j][pv.v[q]], g2 = r->grp[j][pu.v[q]];
        if (g1 >= win->first && g1 <= win->last)
            relg[g1 - win->first] = 1;
        if (g2 >= win->first && g2 <= win->last)
            relg[g2 - win->first] = 1;
    }
    uint32_t slots[GM_INV_SEQ_MAX_REL], groups[GM_INV_SEQ_MAX_REL];
    size_t k = 0;
    for (size_t q = 0; q < w; q++)
        if (relg[q]) {
            if (k == GM_INV_SEQ_MAX_REL) {
                free(relg);
                goto done;
            }
            slots[k] = (uint32_t)(win->first + q);
            groups[k++] = (uint32_t)(win->first + q);
        }
    free(relg);
    double perms = 1.0;
    for (size_t q = 2; q <= k; q++)
        perms *= (double)q;
    *work += perms * (double)(n + pv.n);
    if (*work > max_work)
        goto done;
    u128 weight = 1; /* w! / k! */
    for (size_t q = k + 1; q <= w; q++)
        weight *= (u128)q;
    /* own states compared with s (all of them: constant ones cost nothing) */
    size_t nown = 0;
    for (size_t x = 0; x < n; x++)
        nown += own[x];
    (void)nownl;
    ss->len = nown + pv.n;
    if (!(sig = malloc(ss->len + 1)))
        goto done;
    for (uint32_t g = 0; g < ng; g++)
        order[g] = g;
    do {
        for (size_t q = 0; q < k; q++)
            order[slots[q]] = groups[q];
        parleyp_gm_inv_pay(r, j, order, pay);
        size_t b = 0;
        for (size_t x = 0; x < n; x++)
            if (own[x])
                sig[b++] = pay[x] > pay[s];
        for (size_t q = 0; q < pv.n; q++)
            sig[b++] = pay[pu.v[q]] > pay[pv.v[q]];
        if (sig_add(ss, sig, weight, order, ng) < 0)
            goto done;
    } while (parleyp_gm_inv_next_perm(groups, k));
    rc = 0;
done:
    free(own);
    free(order);
    free(pay);
    free(sig);
    parleyp_gm_idvec_free(&pv);
    parleyp_gm_idvec_free(&pu);
    parleyp_gm_idvec_free(&reach);
    parleyp_gm_idvec_free(&mv);
    parleyp_gm_idvec_free(&mj);
    return rc;
}

bool parleyp_gm_inv_seq_count(const parley_inverse *r, const parley_conflict *c,
                              const parley_inverse_window *const *win, double brute_profiles,
                              double max_work, double *work, void *count_out)
{
    if (parleyp_gm_inv_seq_mode < 0)
        return false;
    size_t nd = r->nd, n = r->n;
    sig_set ss[GM_MAX_DMS];
    memset(ss, 0, sizeof ss);
    gm_inv_ws ws;
    uint32_t *pay[GM_MAX_DMS] = {NULL};
    bool ok = false;
    if (parleyp_gm_inv_ws_init(&ws, c) < 0)
        goto done;
    double combos = 1.0, keyed_work = 0.0;
    for (size_t d = 0; d < nd; d++) {
        if (!win[d])
            continue;
        if (dm_signatures(r, c, d, win[d], &ws, &ss[d], &keyed_work, max_work) < 0)
            goto done;
        combos *= (double)ss[d].n;
    }
    double per_profile = (double)nd * (double)n * (double)nd * 4.0 + 1.0;
    keyed_work += combos * per_profile;
    /* worth it only when cheaper than judging every profile (tests force it) */
    if (parleyp_gm_inv_seq_mode == 0 && keyed_work >= brute_profiles * per_profile)
        goto done;
    if (*work + keyed_work > max_work)
        goto done;
    for (size_t d = 0; d < nd; d++) {
        pay[d] = malloc((n + 1) * sizeof(uint32_t));
        if (!pay[d])
            goto done;
        memcpy(pay[d], c->pay[d], n * sizeof(uint32_t));
    }
    size_t idx[GM_MAX_DMS] = {0};
    u128 total = 0;
    for (;;) {
        u128 wt = 1;
        for (size_t d = 0; d < nd; d++)
            if (win[d]) {
                parleyp_gm_inv_pay(r, d, ss[d].rep[idx[d]], pay[d]);
                wt *= ss[d].weight[idx[d]];
            }
        bool eq = true;
        for (size_t i = 0; i < nd && eq; i++)
            eq = parleyp_gm_inv_stable(c, pay, (uint32_t)r->state, i, PARLEY_GMCR_SEQ, UINT32_MAX,
                                       &ws);
        if (eq)
            total += wt;
        size_t d = nd;
        while (d-- > 0) {
            if (!win[d])
                continue;
            if (++idx[d] < ss[d].n)
                break;
            idx[d] = 0;
        }
        if (d == (size_t)-1)
            break;
    }
    *work += keyed_work;
    memcpy(count_out, &total, sizeof total);
    ok = true;
done:
    for (size_t d = 0; d < nd; d++) {
        sig_free(&ss[d]);
        free(pay[d]);
    }
    parleyp_gm_inv_ws_free(&ws);
    return ok;
}
