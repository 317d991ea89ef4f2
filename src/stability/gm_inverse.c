/*
 * stability/gm_inverse.c — inverse GMCR: parley_inverse_solve, its
 * accessors, the local stability test it is built on, and part (a), the
 * conditions on the DMs' preferences under which a state is stable.
 *
 * For DM i at state s and each move s -> t of i, the move is no threat iff
 * one alternative holds (docs/stability.md, "Inverse GMCR"):
 *   all concepts: i likes s at least as much as t (t is no improvement);
 *   GMR: i likes s at least as much as some u the others can reach from t
 *        by a legal sequence of moves;
 *   SMR: the same, and at least as much as every state i can move to from u;
 *   SEQ: some legal sequence of the others' improvements t -> u1 -> ... -> u
 *        (each "mover prefers u_k to u_k-1") with i liking s at least as much
 *        as u.
 * Nash, GMR and SMR involve only i's own preferences, compared with s; SEQ
 * also the others' (which is why it is the expensive one to invert). The
 * local test parleyp_gm_inv_stable decides the same thing for given payoffs
 * with the search of gm_general.c, and is what counting and the smallest
 * change use, so those never depend on how the conditions are written.
 * Also the walk over a vary window's permutations (parleyp_gm_inv_next_perm)
 * that the enumeration of profiles and SEQ's signatures share.
 */
#include "stability/gm_inverse.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parleyp_gm_inv_ws_init(gm_inv_ws *w, const parley_conflict *c)
{
    memset(w, 0, sizeof *w);
    w->n = c->nstates;
    w->nd = c->ndms;
    w->stamp = calloc(w->n * w->nd + 1, sizeof *w->stamp);
    w->sstamp = calloc(w->n + 1, sizeof *w->sstamp);
    w->queue = malloc((w->n * w->nd + 1) * sizeof *w->queue);
    return w->stamp && w->sstamp && w->queue ? 0 : -1;
}

void parleyp_gm_inv_ws_free(gm_inv_ws *w)
{
    free(w->stamp);
    free(w->sstamp);
    free(w->queue);
    parleyp_gm_idvec_free(&w->moves);
    parleyp_gm_idvec_free(&w->esc);
    memset(w, 0, sizeof *w);
}

static void next_gen(gm_inv_ws *w)
{
    if (++w->gen == 0) {
        memset(w->stamp, 0, w->n * w->nd * sizeof *w->stamp);
        memset(w->sstamp, 0, w->n * sizeof *w->sstamp);
        w->gen = 1;
    }
}

static bool is_sanction(const parley_conflict *c, uint32_t *const *pay, uint32_t s, size_t i,
                        uint32_t u, parley_gmcr_concept k, gm_inv_ws *w)
{
    if (pay[i][u] > pay[i][s])
        return false;
    if (k != PARLEY_GMCR_SMR)
        return true;
    w->esc.n = 0;
    parleyp_gm_moves(c, (uint32_t)1 << i, u, &w->esc);
    for (size_t q = 0; q < w->esc.n; q++)
        if (pay[i][w->esc.v[q]] > pay[i][s])
            return false;
    return true;
}

/* Breadth-first search over (state, last mover) from t by the DMs other
 * than i: a sanction against i's move s -> t under k. */
static bool sanctioned(const parley_conflict *c, uint32_t *const *pay, uint32_t s, size_t i,
                       uint32_t t, parley_gmcr_concept k, gm_inv_ws *w)
{
    size_t W = w->nd;
    next_gen(w);
    size_t head = 0, tail = 0;
    uint32_t start = (uint32_t)(t * W + i);
    w->stamp[start] = w->gen;
    w->queue[tail++] = start;
    while (head < tail) {
        uint32_t node = w->queue[head++];
        uint32_t v = (uint32_t)(node / W), last = (uint32_t)(node % W);
        for (size_t b = 0; b < W; b++) {
            if (b == i || b == last)
                continue;
            w->moves.n = 0;
            parleyp_gm_moves(c, (uint32_t)1 << b, v, &w->moves);
            for (size_t q = 0; q < w->moves.n; q++) {
                uint32_t u = w->moves.v[q];
                if (k == PARLEY_GMCR_SEQ && pay[b][u] <= pay[b][v])
                    continue;
                uint32_t nn = (uint32_t)(u * W + b);
                if (w->stamp[nn] == w->gen)
                    continue;
                w->stamp[nn] = w->gen;
                /* the moves vector is reused by is_sanction only via esc */
                if (is_sanction(c, pay, s, i, u, k, w))
                    return true;
                w->queue[tail++] = nn;
            }
        }
    }
    return false;
}

bool parleyp_gm_inv_stable(const parley_conflict *c, uint32_t *const *pay, uint32_t s, size_t i,
                           parley_gmcr_concept k, uint32_t t, gm_inv_ws *w)
{
    if (t != UINT32_MAX) {
        if (pay[i][t] <= pay[i][s])
            return true;
        return k != PARLEY_GMCR_NASH && sanctioned(c, pay, s, i, t, k, w);
    }
    gm_idvec mv = {0};
    parleyp_gm_moves(c, (uint32_t)1 << i, s, &mv);
    bool ok = true;
    for (size_t q = 0; q < mv.n && ok; q++) {
        uint32_t u = mv.v[q];
        if (pay[i][u] > pay[i][s])
            ok = k != PARLEY_GMCR_NASH && sanctioned(c, pay, s, i, u, k, w);
    }
    parleyp_gm_idvec_free(&mv);
    return ok;
}

int parleyp_gm_inv_reach(const parley_conflict *c, uint32_t t, size_t i, gm_inv_ws *w,
                         gm_idvec *out)
{
    size_t W = w->nd;
    next_gen(w);
    size_t head = 0, tail = 0;
    uint32_t start = (uint32_t)(t * W + i);
    w->stamp[start] = w->gen;
    w->queue[tail++] = start;
    gm_idvec mv = {0};
    int rc = 0;
    while (head < tail && rc == 0) {
        uint32_t node = w->queue[head++];
        uint32_t v = (uint32_t)(node / W), last = (uint32_t)(node % W);
        for (size_t b = 0; b < W && rc == 0; b++) {
            if (b == i || b == last)
                continue;
            mv.n = 0;
            if (parleyp_gm_moves(c, (uint32_t)1 << b, v, &mv) < 0)
                rc = -1;
            for (size_t q = 0; q < mv.n && rc == 0; q++) {
                uint32_t u = mv.v[q];
                uint32_t nn = (uint32_t)(u * W + b);
                if (w->stamp[nn] == w->gen)
                    continue;
                w->stamp[nn] = w->gen;
                w->queue[tail++] = nn;
                if (w->sstamp[u] != w->gen) {
                    w->sstamp[u] = w->gen;
                    if (parleyp_gm_idvec_push(out, u) < 0)
                        rc = -1;
                }
            }
        }
    }
    parleyp_gm_idvec_free(&mv);
    return rc;
}

/* ---- (a) conditions ---- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

typedef struct alt_builder {
    parley_gmcr_move_condition *m;
    size_t cap;
    bool oom;
} alt_builder;

static void add_alt(alt_builder *b, const parley_gmcr_atom *atoms, size_t n, uint32_t *const *pay)
{
    if (b->oom)
        return;
    parley_gmcr_move_condition *m = b->m;
    if (m->nalternatives == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 8;
        parley_gmcr_alternative *a = realloc(m->alternatives, cap * sizeof *a);
        if (!a) {
            b->oom = true;
            return;
        }
        m->alternatives = a;
        b->cap = cap;
    }
    parley_gmcr_alternative *a = &m->alternatives[m->nalternatives];
    a->atoms = malloc((n ? n : 1) * sizeof *a->atoms);
    if (!a->atoms) {
        b->oom = true;
        return;
    }
    a->natoms = 0;
    for (size_t q = 0; q < n; q++)
        if (atoms[q].a != atoms[q].b) /* "s at least as much as s" always holds */
            a->atoms[a->natoms++] = atoms[q];
    a->holds = true;
    for (size_t q = 0; q < a->natoms; q++) {
        const parley_gmcr_atom *x = &a->atoms[q];
        bool h =
            x->strict ? pay[x->dm][x->a] > pay[x->dm][x->b] : pay[x->dm][x->a] >= pay[x->dm][x->b];
        a->holds = a->holds && h;
    }
    m->nalternatives++;
}

/* SEQ: the simple legal paths of the others' improvements from t, each
 * ending a term, shortest first (iterative deepening: depth L emits the
 * paths of L moves), up to GM_INV_MAX_ALTS terms. */
typedef struct seq_dfs {
    const parley_conflict *c;
    uint32_t *const *pay;
    uint32_t s;
    size_t i;
    alt_builder *b;
    parley_gmcr_atom *atoms; /* path atoms, then room for the end atom */
    uint32_t *onpath;        /* per state */
    size_t budget, limit;
    bool deeper; /* some path reached the depth limit */
} seq_dfs;

static void seq_paths(seq_dfs *d, uint32_t v, size_t last, size_t depth)
{
    const parley_conflict *c = d->c;
    for (size_t b = 0; b < c->ndms; b++) {
        if (b == d->i || b == last)
            continue;
        gm_idvec mv = {0};
        parleyp_gm_moves(c, (uint32_t)1 << b, v, &mv);
        for (size_t q = 0; q < mv.n; q++) {
            uint32_t u = mv.v[q];
            if (d->onpath[u])
                continue;
            if (d->b->m->nalternatives >= GM_INV_MAX_ALTS || d->budget == 0) {
                d->b->m->truncated = true;
                break;
            }
            d->budget--;
            d->atoms[depth] = (parley_gmcr_atom){b, u, v, true};
            if (depth + 1 == d->limit) {
                d->atoms[depth + 1] = (parley_gmcr_atom){d->i, d->s, u, false};
                add_alt(d->b, d->atoms, depth + 2, d->pay);
                d->deeper = true;
                continue;
            }
            d->onpath[u] = 1;
            seq_paths(d, u, b, depth + 1);
            d->onpath[u] = 0;
        }
        parleyp_gm_idvec_free(&mv);
    }
}

static parley_status build_move(parley_inverse *r, const parley_conflict *c, parley_gmcr_concept k,
                                size_t i, uint32_t t, parley_gmcr_move_condition *m, gm_inv_ws *w)
{
    uint32_t *const *pay = c->pay;
    uint32_t s = (uint32_t)r->state;
    alt_builder b = {m, 0, false};
    m->move = t;
    m->holds = parleyp_gm_inv_stable(c, pay, s, i, k, t, w);
    parley_gmcr_atom own = {i, s, t, false};
    add_alt(&b, &own, 1, pay);
    if (k == PARLEY_GMCR_GMR || k == PARLEY_GMCR_SMR) {
        gm_idvec reach = {0}, esc = {0};
        if (parleyp_gm_inv_reach(c, t, i, w, &reach) < 0)
            b.oom = true;
        parley_gmcr_atom *atoms = malloc((c->nstates + 1) * sizeof *atoms);
        if (!atoms)
            b.oom = true;
        for (size_t q = 0; q < reach.n && !b.oom; q++) {
            uint32_t u = reach.v[q];
            if (u == t)
                continue;
            size_t na = 0;
            if (u != s)
                atoms[na++] = (parley_gmcr_atom){i, s, u, false};
            if (k == PARLEY_GMCR_SMR) {
                esc.n = 0;
                parleyp_gm_moves(c, (uint32_t)1 << i, u, &esc);
                for (size_t e = 0; e < esc.n; e++)
                    if (esc.v[e] != s)
                        atoms[na++] = (parley_gmcr_atom){i, s, esc.v[e], false};
            }
            add_alt(&b, atoms, na, pay);
        }
        free(atoms);
        parleyp_gm_idvec_free(&reach);
        parleyp_gm_idvec_free(&esc);
    } else if (k == PARLEY_GMCR_SEQ) {
        seq_dfs d = {c, pay, s, i, &b, NULL, NULL, 200000, 0, false};
        d.atoms = malloc((c->nstates + 2) * sizeof *d.atoms);
        d.onpath = calloc(c->nstates, sizeof *d.onpath);
        if (!d.atoms || !d.onpath)
            b.oom = true;
        else {
            d.onpath[t] = 1;
            for (d.limit = 1; d.limit < c->nstates && !m->truncated && !b.oom; d.limit++) {
                d.deeper = false;
                seq_paths(&d, t, i, 0);
                if (!d.deeper)
                    break;
            }
        }
        free(d.atoms);
        free(d.onpath);
    }
    return b.oom ? PARLEY_ERR_LIMIT : PARLEY_OK;
}

static parley_status build_conditions(parley_inverse *r, const parley_conflict *c, gm_inv_ws *w)
{
    /* all four concepts: the smallest change under SEQ is bounded by GMR's
     * and Nash's; the accessors show the requested ones */
    r->cond = calloc(GM_INV_CONCEPTS * r->nd + 1, sizeof *r->cond);
    if (!r->cond)
        return PARLEY_ERR_LIMIT;
    gm_idvec mv = {0};
    parley_status st = PARLEY_OK;
    for (int k = 0; k < GM_INV_CONCEPTS && st == PARLEY_OK; k++) {
        if (k == PARLEY_GMCR_SEQ && !r->has[k])
            continue; /* its paths can be many; only when asked */
        for (size_t i = 0; i < r->nd && st == PARLEY_OK; i++) {
            parley_gmcr_condition *cd = &r->cond[r->ncond++];
            cd->concept = (parley_gmcr_concept)k;
            cd->dm = i;
            cd->holds = true;
            mv.n = 0;
            if (parleyp_gm_moves(c, (uint32_t)1 << i, (uint32_t)r->state, &mv) < 0 ||
                !(cd->moves = calloc(mv.n + 1, sizeof *cd->moves))) {
                st = PARLEY_ERR_LIMIT;
                break;
            }
            if (mv.n > 1)
                qsort(mv.v, mv.n, sizeof *mv.v, cmp_u32); /* moves by state id */
            for (size_t q = 0; q < mv.n && st == PARLEY_OK; q++) {
                st = build_move(r, c, (parley_gmcr_concept)k, i, mv.v[q], &cd->moves[q], w);
                cd->nmoves++;
                cd->holds = cd->holds && cd->moves[q].holds;
            }
        }
    }
    parleyp_gm_idvec_free(&mv);
    return st;
}

const parley_gmcr_condition *parleyp_gm_inv_cond(const parley_inverse *r, parley_gmcr_concept k,
                                                 size_t dm)
{
    for (size_t q = 0; q < r->ncond; q++)
        if (r->cond[q].concept == k && r->cond[q].dm == dm)
            return &r->cond[q];
    return NULL;
}

/* ---- groups ---- */

static int cmp_desc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x < y) - (x > y);
}

static parley_status build_groups(parley_inverse *r, const parley_conflict *c)
{
    uint32_t *sorted = malloc((r->n + 1) * sizeof *sorted);
    if (!sorted)
        return PARLEY_ERR_LIMIT;
    for (size_t d = 0; d < r->nd; d++) {
        r->grp[d] = malloc((r->n + 1) * sizeof *r->grp[d]);
        if (!r->grp[d]) {
            free(sorted);
            return PARLEY_ERR_LIMIT;
        }
        memcpy(sorted, c->pay[d], r->n * sizeof *sorted);
        qsort(sorted, r->n, sizeof *sorted, cmp_desc);
        size_t u = 0;
        for (size_t s = 0; s < r->n; s++)
            if (u == 0 || sorted[u - 1] != sorted[s])
                sorted[u++] = sorted[s];
        for (size_t s = 0; s < r->n; s++) {
            size_t lo = 0, hi = u; /* descending: find pay in sorted[0..u) */
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                if (sorted[mid] >= c->pay[d][s])
                    lo = mid;
                else
                    hi = mid;
            }
            r->grp[d][s] = (uint32_t)lo;
        }
        r->ngroups[d] = (uint32_t)u;
    }
    free(sorted);
    return PARLEY_OK;
}

void parleyp_gm_inv_pay(const parley_inverse *r, size_t d, const uint32_t *order, uint32_t *pay)
{
    uint32_t ng = r->ngroups[d];
    uint32_t posbuf[256], *pos = ng <= 256 ? posbuf : malloc(ng * sizeof *pos);
    if (!pos)
        return;
    for (uint32_t p = 0; p < ng; p++)
        pos[order[p]] = p;
    for (size_t s = 0; s < r->n; s++)
        pay[s] = ng - 1 - pos[r->grp[d][s]];
    if (pos != posbuf)
        free(pos);
}

bool parleyp_gm_inv_next_perm(uint32_t *v, size_t n)
{
    if (n < 2)
        return false;
    size_t i = n - 1;
    while (i > 0 && v[i - 1] >= v[i])
        i--;
    if (i == 0) { /* the last (descending): back to the first (ascending) */
        for (size_t a = 0, b = n - 1; a < b; a++, b--) {
            uint32_t x = v[a];
            v[a] = v[b];
            v[b] = x;
        }
        return false;
    }
    size_t j = n - 1;
    while (v[j] <= v[i - 1])
        j--;
    uint32_t x = v[i - 1];
    v[i - 1] = v[j];
    v[j] = x;
    for (size_t a = i, b = n - 1; a < b; a++, b--) {
        x = v[a];
        v[a] = v[b];
        v[b] = x;
    }
    return true;
}

/* ---- the public entry point and accessors ---- */

void parley_inverse_free(parley_inverse *r)
{
    if (!r)
        return;
    for (size_t q = 0; q < r->ncond; q++) {
        parley_gmcr_condition *cd = &r->cond[q];
        for (size_t m = 0; m < cd->nmoves; m++) {
            for (size_t a = 0; a < cd->moves[m].nalternatives; a++)
                free(cd->moves[m].alternatives[a].atoms);
            free(cd->moves[m].alternatives);
        }
        free(cd->moves);
    }
    free(r->cond);
    for (size_t d = 0; d < GM_MAX_DMS; d++)
        free(r->grp[d]);
    free(r->win);
    for (int k = 0; k < GM_INV_CONCEPTS; k++) {
        free(r->listed[k]);
        free(r->change[k]);
    }
    free(r);
}

parley_inverse *parley_inverse_solve(const parley_conflict *c, size_t state,
                                     const parley_inverse_options *opt, parley_error *err)
{
    parley_inverse_options def = {0, NULL, 0, 0, 0};
    if (!opt)
        opt = &def;
    if (state >= c->nstates) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "inverse", "no such state");
        return NULL;
    }
    unsigned mask = opt->concepts ? opt->concepts : 0xfu;
    if (mask & ~0xfu) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "concept",
                         "inverse GMCR covers Nash, GMR, SMR and SEQ only");
        return NULL;
    }
    parley_inverse *r = calloc(1, sizeof *r);
    if (!r) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    r->c = c;
    r->state = state;
    r->nd = c->ndms;
    r->n = c->nstates;
    for (int k = 0; k < GM_INV_CONCEPTS; k++) {
        r->has[k] = (mask >> k) & 1u;
        r->swaps[k] = -1;
    }
    double max_work = opt->max_work > 0 ? opt->max_work : GM_INV_DEFAULT_WORK;
    gm_inv_ws w;
    parley_status st = PARLEY_ERR_LIMIT;
    if (parleyp_gm_inv_ws_init(&w, c) == 0 && build_groups(r, c) == PARLEY_OK)
        st = build_conditions(r, c, &w);
    parleyp_gm_inv_ws_free(&w);
    if (st != PARLEY_OK) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        parley_inverse_free(r);
        return NULL;
    }
    if (opt->nvary > 0 || opt->max_list > 0)
        st = parleyp_gm_inv_count(r, c, opt, max_work, err);
    if (st == PARLEY_OK)
        st = parleyp_gm_inv_change(r, c, max_work, err);
    if (st != PARLEY_OK) {
        parley_inverse_free(r);
        return NULL;
    }
    return r;
}

size_t parley_inverse_state(const parley_inverse *r)
{
    return r->state;
}
bool parley_inverse_has_concept(const parley_inverse *r, parley_gmcr_concept k)
{
    return (unsigned)k < GM_INV_CONCEPTS && r->has[k];
}
size_t parley_inverse_condition_count(const parley_inverse *r)
{
    size_t n = 0;
    for (size_t q = 0; q < r->ncond; q++)
        n += r->has[r->cond[q].concept];
    return n;
}
const parley_gmcr_condition *parley_inverse_condition(const parley_inverse *r, size_t i)
{
    for (size_t q = 0; q < r->ncond; q++)
        if (r->has[r->cond[q].concept] && i-- == 0)
            return &r->cond[q];
    return NULL;
}
size_t parley_inverse_ranking(const parley_inverse *r, size_t dm, uint32_t *level)
{
    memcpy(level, r->grp[dm], r->n * sizeof *level);
    return r->ngroups[dm];
}
size_t parley_inverse_window_count(const parley_inverse *r)
{
    return r->nwin;
}
parley_inverse_window parley_inverse_window_at(const parley_inverse *r, size_t i)
{
    return r->win[i];
}
double parley_inverse_profiles(const parley_inverse *r, const char **text)
{
    if (text)
        *text = r->profiles_text;
    return r->profiles;
}
double parley_inverse_count(const parley_inverse *r, parley_gmcr_concept k, const char **text)
{
    if ((unsigned)k >= GM_INV_CONCEPTS || !r->has[k]) {
        if (text)
            *text = "0";
        return 0.0;
    }
    if (text)
        *text = r->count_text[k];
    return r->count[k];
}
size_t parley_inverse_listed(const parley_inverse *r, parley_gmcr_concept k, bool *complete)
{
    bool ok = (unsigned)k < GM_INV_CONCEPTS && r->has[k];
    if (complete)
        *complete = ok && r->list_complete[k];
    return ok ? r->nlisted[k] : 0;
}
void parley_inverse_listed_ranking(const parley_inverse *r, parley_gmcr_concept k, size_t idx,
                                   size_t dm, uint32_t *level)
{
    memcpy(level, r->listed[k] + (idx * r->nd + dm) * r->n, r->n * sizeof *level);
}
long parley_inverse_min_swaps(const parley_inverse *r, parley_gmcr_concept k, bool *exact)
{
    bool ok = (unsigned)k < GM_INV_CONCEPTS && r->has[k];
    if (exact)
        *exact = ok && r->swaps_exact[k];
    return ok ? r->swaps[k] : -1;
}
long parley_inverse_min_swaps_dm(const parley_inverse *r, parley_gmcr_concept k, size_t dm)
{
    return (unsigned)k < GM_INV_CONCEPTS && r->has[k] ? r->swaps_dm[k][dm] : -1;
}
void parley_inverse_min_ranking(const parley_inverse *r, parley_gmcr_concept k, size_t dm,
                                uint32_t *level)
{
    memcpy(level, r->change[k] + dm * r->n, r->n * sizeof *level);
}
