/*
 * frontier/search_plan.c — prepares the bounded search of frontier_search.c:
 * value classes (values no term or condition can tell apart, with their
 * multiplicity), the issue order (most-referenced by rule conditions first),
 * the depth at which each rule is decided, and per depth the best and worst
 * raw utility still to come (terms and undecided rules) for the bounds.
 */
#include "parley/frontier.h"
#include "frontier/frontier_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void parleyp_plan_free(plan *pl)
{
    parleyp_pa_points_free(&pl->suffix);
    if (pl->rep)
        for (size_t k = 0; k < pl->n; k++)
            free(pl->rep[k]);
    if (pl->mult)
        for (size_t k = 0; k < pl->n; k++)
            free(pl->mult[k]);
    if (pl->at)
        for (size_t k = 0; k < pl->n; k++)
            free(pl->at[k]);
    free(pl->order);
    free(pl->n_class);
    free(pl->rep);
    free(pl->mult);
    free(pl->base);
    free(pl->n_at);
    free(pl->at);
    free(pl->rest_max);
    free(pl->rest_min);
    free(pl->rest_mult);
    free(pl->need);
}

/* Issues by how many rule conditions reference them, most first, then by
 * index (a total order: any sort gives the same result). */
static int cmp_issue(const void *ctx, uint32_t x, uint32_t y)
{
    const size_t *refs = ctx;
    if (refs[x] != refs[y])
        return refs[x] > refs[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Two values of an issue are alike when every term and every condition on
 * the issue agrees: values are sorted by that signature and equal runs are
 * one class, so an issue of 10^6 values costs O(n log n). */
typedef struct sig_ctx {
    const parley_space *sp;
    size_t issue;
    const uint8_t **flags; /* [n_flags] allowed[] of each condition on the issue */
    size_t n_flags;
} sig_ctx;

/* Signatures only (0: the values are alike). */
static int sig_order(const sig_ctx *c, uint32_t a, uint32_t b)
{
    const parley_space *sp = c->sp;
    for (size_t p = 0; p < sp->n_parties; p++) {
        double x = sp->party[p].term[sp->offset[c->issue] + a];
        double y = sp->party[p].term[sp->offset[c->issue] + b];
        if (x != y)
            return x < y ? -1 : 1;
    }
    for (size_t k = 0; k < c->n_flags; k++)
        if (c->flags[k][a] != c->flags[k][b])
            return c->flags[k][a] ? 1 : -1;
    return 0;
}

static int cmp_sig(const void *ctx, uint32_t a, uint32_t b)
{
    int r = sig_order(ctx, a, b);
    return r ? r : a < b ? -1 : a > b;
}

static int cmp_first(const void *ctx, uint32_t a, uint32_t b)
{
    const uint32_t *first = ctx;
    return first[a] < first[b] ? -1 : first[a] > first[b];
}

/* The classes of `issue` into rep/mult, ordered by their smallest member
 * (the representative), as the scan that opened a class at each value
 * unlike every earlier one produced them. */
static bool issue_classes(const parley_space *sp, size_t issue, uint32_t *rep, double *mult,
                          size_t *n_class)
{
    size_t nv = sp->n_values[issue], nf = 0;
    for (size_t p = 0; p < sp->n_parties; p++)
        for (size_t r = 0; r < sp->party[p].n_rules; r++) {
            const ps_rule *ru = &sp->party[p].rules[r];
            for (uint32_t k = 0; k < ru->n_when + ru->n_unless; k++)
                nf += ru->cond[k].issue == issue;
        }
    const uint8_t **flags = malloc((nf ? nf : 1) * sizeof *flags);
    uint32_t *idx = malloc(2 * nv * sizeof *idx), *first = malloc(nv * sizeof *first);
    uint32_t *count = malloc(nv * sizeof *count);
    bool ok = flags && idx && first && count;
    if (ok) {
        nf = 0;
        for (size_t p = 0; p < sp->n_parties; p++)
            for (size_t r = 0; r < sp->party[p].n_rules; r++) {
                const ps_rule *ru = &sp->party[p].rules[r];
                for (uint32_t k = 0; k < ru->n_when + ru->n_unless; k++)
                    if (ru->cond[k].issue == issue)
                        flags[nf++] = ru->cond[k].allowed;
            }
        for (size_t v = 0; v < nv; v++)
            idx[v] = (uint32_t)v;
        sig_ctx c = {sp, issue, flags, nf};
        parleyp_pa_sort_idx(idx, idx + nv, nv, cmp_sig, &c);
        /* runs of alike values, each ascending: its first is its smallest */
        size_t nc = 0;
        for (size_t k = 0; k < nv; k++) {
            if (k == 0 || sig_order(&c, idx[k - 1], idx[k]) != 0) {
                first[nc] = idx[k];
                count[nc++] = 0;
            }
            count[nc - 1]++;
        }
        for (size_t k = 0; k < nc; k++)
            idx[k] = (uint32_t)k;
        parleyp_pa_sort_idx(idx, idx + nc, nc, cmp_first, first);
        for (size_t k = 0; k < nc; k++) {
            rep[k] = first[idx[k]];
            mult[k] = (double)count[idx[k]];
        }
        *n_class = nc;
    }
    free(flags);
    free(idx);
    free(first);
    free(count);
    return ok;
}

/* The additive tail: the frontier of the raw sums over the issues after the
 * last one that decides a rule (when at least two such issues remain). */
static bool suffix_build(plan *pl, const parley_analysis_options *opt)
{
    const parley_space *sp = pl->sp;
    size_t k = 0;
    for (size_t j = 0; j < pl->n; j++)
        if (pl->n_at[j])
            k = j + 1;
    parleyp_pa_points_init(&pl->suffix, pl->d, pl->n > k ? pl->n - k : 1);
    if (pl->n < k + 2)
        return true;
    size_t m = pl->n - k;
    size_t *nv = malloc(m * sizeof *nv);
    if (!nv)
        return false;
    for (size_t j = 0; j < m; j++)
        nv[j] = sp->n_values[pl->order[k + j]];
    parley_space *tail = parley_space_new(pl->d, m, nv, NULL);
    free(nv);
    if (!tail)
        return false;
    for (size_t p = 0; p < pl->d; p++) {
        parley_space_set_party_scale(tail, p, 1.0, -HUGE_VAL, HUGE_VAL);
        for (size_t j = 0; j < m; j++) {
            size_t issue = pl->order[k + j];
            for (size_t v = 0; v < sp->n_values[issue]; v++)
                parley_space_set_term(tail, p, j, v, sp->party[p].term[sp->offset[issue] + v]);
        }
    }
    parley_analysis_options o = *opt;
    o.keep_irrational = true;
    o.progress = NULL;
    parley_status st = parleyp_pa_frontier_additive(tail, &o, &pl->suffix, NULL);
    parley_space_free(tail);
    if (st == PARLEY_ERR_LIMIT) { /* too big a tail: search it instead */
        parleyp_pa_points_free(&pl->suffix);
        return true;
    }
    if (st)
        return false;
    pl->has_suffix = true;
    pl->k_suffix = k;
    return true;
}

bool parleyp_plan_build(plan *pl, const parley_space *sp, const parley_analysis_options *opt)
{
    memset(pl, 0, sizeof *pl);
    size_t d = sp->n_parties, n = sp->n_issues;
    pl->sp = sp;
    pl->d = d;
    pl->n = n;
    size_t *refs = calloc(n, sizeof *refs), *pos = calloc(n, sizeof *pos);
    pl->order = malloc(n * sizeof *pl->order);
    pl->n_class = calloc(n, sizeof *pl->n_class);
    pl->rep = calloc(n, sizeof *pl->rep);
    pl->mult = calloc(n, sizeof *pl->mult);
    pl->base = calloc(d, sizeof *pl->base);
    pl->n_at = calloc(n, sizeof *pl->n_at);
    pl->at = calloc(n, sizeof *pl->at);
    pl->rest_max = calloc((n + 1) * d, sizeof *pl->rest_max);
    pl->rest_min = calloc((n + 1) * d, sizeof *pl->rest_min);
    pl->rest_mult = calloc(n + 1, sizeof *pl->rest_mult);
    pl->need = malloc(d * sizeof *pl->need);
    bool ok = refs && pos && pl->order && pl->n_class && pl->rep && pl->mult && pl->base &&
              pl->n_at && pl->at && pl->rest_max && pl->rest_min && pl->rest_mult && pl->need;
    for (size_t p = 0; ok && p < d; p++)
        for (size_t r = 0; r < sp->party[p].n_rules; r++) {
            const ps_rule *ru = &sp->party[p].rules[r];
            for (uint32_t k = 0; k < ru->n_when + ru->n_unless; k++)
                refs[ru->cond[k].issue]++;
        }
    uint32_t *ord = ok ? malloc(2 * n * sizeof *ord) : NULL;
    ok = ok && ord;
    if (ok) {
        for (size_t i = 0; i < n; i++)
            ord[i] = (uint32_t)i;
        parleyp_pa_sort_idx(ord, ord + n, n, cmp_issue, refs);
        for (size_t k = 0; k < n; k++) {
            pl->order[k] = ord[k];
            pos[ord[k]] = k;
        }
    }
    free(ord);
    /* value classes */
    for (size_t k = 0; ok && k < n; k++) {
        size_t issue = pl->order[k], nv = sp->n_values[issue];
        pl->rep[k] = malloc(nv * sizeof **pl->rep);
        pl->mult[k] = malloc(nv * sizeof **pl->mult);
        if (!pl->rep[k] || !pl->mult[k]) {
            ok = false;
            break;
        }
        if (!issue_classes(sp, issue, pl->rep[k], pl->mult[k], &pl->n_class[k])) {
            ok = false;
            break;
        }
    }
    /* rules: the depth that decides them */
    for (int pass = 0; ok && pass < 2; pass++) {
        for (size_t p = 0; p < d; p++)
            for (size_t r = 0; r < sp->party[p].n_rules; r++) {
                const ps_rule *ru = &sp->party[p].rules[r];
                uint32_t nc = ru->n_when + ru->n_unless;
                if (nc == 0) {
                    if (pass == 0)
                        pl->base[p] += ru->delta;
                    continue;
                }
                size_t deep = 0;
                for (uint32_t k = 0; k < nc; k++)
                    deep = pos[ru->cond[k].issue] > deep ? pos[ru->cond[k].issue] : deep;
                if (pass == 0)
                    pl->n_at[deep]++;
                else
                    pl->at[deep][pl->n_at[deep]++] = (rule_ref){(uint32_t)p, ru};
            }
        if (pass == 0) {
            for (size_t k = 0; k < n && ok; k++) {
                pl->at[k] = malloc((pl->n_at[k] ? pl->n_at[k] : 1) * sizeof **pl->at);
                ok = pl->at[k] != NULL;
                pl->n_at[k] = 0;
            }
        }
    }
    /* bounds of what is still to come below each depth */
    if (ok) {
        pl->rest_mult[n] = 1;
        for (size_t k = n; k-- > 0;) {
            size_t issue = pl->order[k];
            pl->rest_mult[k] = pl->rest_mult[k + 1] * (double)sp->n_values[issue];
            for (size_t p = 0; p < d; p++) {
                double hi = -HUGE_VAL, lo = HUGE_VAL;
                for (size_t c = 0; c < pl->n_class[k]; c++) {
                    double t = sp->party[p].term[sp->offset[issue] + pl->rep[k][c]];
                    hi = fmax(hi, t);
                    lo = fmin(lo, t);
                }
                double rhi = 0, rlo = 0;
                for (size_t j = 0; j < pl->n_at[k]; j++)
                    if (pl->at[k][j].party == p) {
                        rhi += fmax(0, pl->at[k][j].rule->delta);
                        rlo += fmin(0, pl->at[k][j].rule->delta);
                    }
                pl->rest_max[k * d + p] = pl->rest_max[(k + 1) * d + p] + hi + rhi;
                pl->rest_min[k * d + p] = pl->rest_min[(k + 1) * d + p] + lo + rlo;
            }
        }
        for (size_t p = 0; p < d; p++) {
            double r = sp->party[p].reservation;
            pl->need[p] = (opt->keep_irrational || isnan(r)) ? -HUGE_VAL : r;
        }
        pl->budget = opt->max_outcomes > 0 ? opt->max_outcomes : PA_SEARCH_NODES;
        ok = suffix_build(pl, opt);
    }
    if (ok) { /* nodes with no pruning: every class combination to the tail */
        size_t deep = pl->has_suffix ? pl->k_suffix : n;
        double level = 1, sum = 1;
        for (size_t k = 0; k < deep; k++) {
            level *= (double)pl->n_class[k];
            sum += level;
        }
        pl->worst_nodes = sum;
    }
    free(refs);
    free(pos);
    if (!ok)
        parleyp_plan_free(pl);
    return ok;
}
