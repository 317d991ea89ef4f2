/*
 * frontier/frontier_additive.c — the exact Pareto frontier of an additive
 * space without enumerating it.
 *
 * The utility vector of an outcome is the sum over issues of the vectors
 * t_i(v) = (term[p][i][v])_p. If an outcome is non-dominated, so is every
 * partial sum of its first k issues among all partial sums over those issues
 * (otherwise swapping in the dominating prefix would dominate the outcome).
 * So: S_0 = {0}; S_k = ND(S_{k-1} + ND(T_k)); the frontier is ND(S_n).
 * Floating-point addition is monotone, so pruning dominated partial sums
 * can never lose a non-dominated final sum: sums are formed left to right,
 * bit-identical to GENIUS's and NegMAS's utility. Scaling and the min(1, .)
 * cap are monotone too, so the capped frontier is ND(cap(ND(S_n))), and the
 * reservation cut commutes with taking the frontier.
 *
 * With the reservation cut, partial sums that cannot reach some party's
 * reservation even with the best remaining values are dropped early.
 * Each stage keeps (parent, value) links, 5 bytes a point for issues of up
 * to 256 values; outcomes are rebuilt at the end into arrays of the exact
 * size. Memory: the sum of the stage sizes, not the outcome count.
 */
#include "parley/frontier.h"
#include "frontier/analysis_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Limits that keep a run within a few GB: points kept after an issue, and
 * candidate sums formed before filtering. */
#define PA_MAX_STAGE_POINTS ((size_t)1 << 24)
#define PA_MAX_CANDIDATES ((size_t)1 << 26)
/* The default work budget (opt->max_steps, --max-steps): one step per candidate swept,
 * plus the nodes and points of the dominance index it looks at (4+
 * parties) or the staircase entries it shifts / 8 (3 parties). 2.4-8 * 10^7
 * steps a second, so 5 * 10^8 is 6-20 s of CPU; the benchmark's largest
 * cases take 2.7 * 10^8 (6 parties, 10^10 outcomes, 212 450 points),
 * 2.9 * 10^7 (4 x 16 x 6) and 2.0 * 10^7 (3 x 40 x 10). */
#define PA_MERGE_STEPS 5e8

typedef struct stage {
    size_t n;
    uint32_t *parent;
    void *value; /* uint8_t, uint16_t or uint32_t by the issue's value count */
    size_t width;
} stage;

typedef struct vec_ctx {
    const double *tmp;
    size_t d;
} vec_ctx;

/* Vectors descending lexicographically, equal vectors by value index. */
static int cmp_value(const void *ctx, uint32_t a, uint32_t b)
{
    const vec_ctx *c = ctx;
    for (size_t p = 0; p < c->d; p++) {
        double x = c->tmp[a * c->d + p], y = c->tmp[b * c->d + p];
        if (x != y)
            return x > y ? -1 : 1;
    }
    return a < b ? -1 : a > b;
}

static int cmp_index(const void *ctx, uint32_t a, uint32_t b)
{
    (void)ctx;
    return a < b ? -1 : a > b;
}

/* The non-dominated distinct value vectors of issue i (indices into vals,
 * ascending; of equal vectors the first value): sorted and swept, so an
 * integer issue of 10^6 values costs O(n log n), not O(n^2). idx holds
 * 2 * n_values[i] entries. -1 when out of memory. */
static long issue_candidates(const parley_space *sp, size_t i, uint32_t *vals, double *tmp,
                             uint32_t *idx)
{
    size_t d = sp->n_parties, nv = sp->n_values[i], m = 0;
    for (size_t v = 0; v < nv; v++) {
        for (size_t p = 0; p < d; p++)
            tmp[v * d + p] = sp->party[p].term[sp->offset[i] + v];
        idx[v] = (uint32_t)v;
    }
    vec_ctx c = {tmp, d};
    parleyp_pa_sort_idx(idx, idx + nv, nv, cmp_value, &c);
    pa_sweep sw;
    parleyp_pa_sweep_init(&sw, d);
    for (size_t k = 0; k < nv; k++) {
        int r = parleyp_pa_sweep_offer(&sw, tmp + idx[k] * d);
        if (r < 0) {
            parleyp_pa_sweep_free(&sw);
            return -1;
        }
        if (r > 0)
            vals[m++] = idx[k];
    }
    parleyp_pa_sweep_free(&sw);
    parleyp_pa_sort_idx(vals, idx, m, cmp_index, NULL);
    return (long)m;
}

void parleyp_pa_additive_range(const parley_space *sp, size_t p, double *worst, double *best)
{
    const ps_party *pp = &sp->party[p];
    double lo = 0.0, hi = 0.0;
    for (size_t i = 0; i < sp->n_issues; i++) {
        double a = HUGE_VAL, b = -HUGE_VAL;
        for (size_t v = 0; v < sp->n_values[i]; v++) {
            double t = pp->term[sp->offset[i] + v];
            a = t < a ? t : a;
            b = t > b ? t : b;
        }
        lo += a;
        hi += b;
    }
    *worst = ps_scale(pp, lo);
    *best = ps_scale(pp, hi);
}

/* One stage: the candidates prev[s] + t(vals[j]) in the order of the
 * non-dominated filter (utility vector descending lexicographically, ties by
 * (s, vals[j]), i.e. by the id s * m + j), without forming them all. For a
 * fixed j the candidates come in order of s with u[0] non-increasing (adding
 * a constant is monotone), so an m-way merge yields every candidate in
 * non-increasing u[0]; lists can be out of order only where rounding makes
 * sums of different vectors tie, which needs u[0] to tie, so each run of
 * equal u[0] is sorted in full before it is swept. The result is the same
 * sequence as sorting all candidates, in memory for the heap and one run. */
typedef struct merge_ctx {
    const double *prev, *tv; /* [prev_n * d], [nv * d] value vectors */
    const uint32_t *vals;    /* [m] candidate values, ascending      */
    const double *rem, *need;
    size_t d, m;
} merge_ctx;

static void cand_u(const merge_ctx *c, uint32_t id, double *u)
{
    const double *a = c->prev + (size_t)(id / c->m) * c->d, *t = c->tv + c->vals[id % c->m] * c->d;
    for (size_t p = 0; p < c->d; p++)
        u[p] = a[p] + t[p];
}

static int cmp_cand(const void *ctx, uint32_t x, uint32_t y)
{
    const merge_ctx *c = ctx;
    const double *a = c->prev + (size_t)(x / c->m) * c->d, *ta = c->tv + c->vals[x % c->m] * c->d;
    const double *b = c->prev + (size_t)(y / c->m) * c->d, *tb = c->tv + c->vals[y % c->m] * c->d;
    for (size_t p = 0; p < c->d; p++) {
        double ua = a[p] + ta[p], ub = b[p] + tb[p];
        if (ua > ub)
            return -1;
        if (ua < ub)
            return 1;
    }
    return x < y ? -1 : x > y;
}

/* Can candidate id still reach every party's reservation? */
static bool viable(const merge_ctx *c, uint32_t id, double *u)
{
    cand_u(c, id, u);
    for (size_t p = 0; p < c->d; p++)
        if (u[p] + c->rem[p] < c->need[p])
            return false;
    return true;
}

static void heap_down(const merge_ctx *c, uint32_t *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, b = i;
        if (l < n && cmp_cand(c, h[l], h[b]) < 0)
            b = l;
        if (l + 1 < n && cmp_cand(c, h[l + 1], h[b]) < 0)
            b = l + 1;
        if (b == i)
            return;
        uint32_t t = h[i];
        h[i] = h[b];
        h[b] = t;
        i = b;
    }
}

/* Sweeps the run (sorted first when longer than one) into out. */
static bool flush_run(const merge_ctx *c, uint32_t *run, uint32_t *tmp, size_t n, pa_sweep *sw,
                      pa_points *out, double *u)
{
    if (n > 1)
        parleyp_pa_sort_idx(run, tmp, n, cmp_cand, c);
    for (size_t i = 0; i < n; i++) {
        cand_u(c, run[i], u);
        int r = parleyp_pa_sweep_offer(sw, u);
        if (r < 0)
            return false;
        uint32_t link[2] = {run[i] / (uint32_t)c->m, c->vals[run[i] % c->m]};
        if (r > 0 && !parleyp_pa_points_push(out, u, link))
            return false;
    }
    return true;
}

/* 0, -1 out of memory, 1 when *work would pass budget. */
static int merge_stage(const merge_ctx *c, size_t prev_n, pa_points *out, size_t *work,
                       double budget)
{
    bool over = false;
    size_t m = c->m, d = c->d, hn = 0, rn = 0, rcap = 64;
    uint32_t *heap = malloc(m * sizeof *heap), *run = malloc(rcap * sizeof *run);
    uint32_t *tmp = malloc(rcap * sizeof *tmp);
    double *u = malloc(3 * d * sizeof *u), *u0 = u + d, *scratch = u + 2 * d;
    pa_sweep sw;
    parleyp_pa_sweep_init(&sw, d);
    bool ok = heap && run && tmp && u;
    /* each list's first viable candidate */
    for (size_t j = 0; ok && j < m; j++)
        for (size_t s = 0; s < prev_n; s++) {
            uint32_t id = (uint32_t)(s * m + j);
            if (viable(c, id, u)) {
                heap[hn++] = id;
                break;
            }
        }
    for (size_t i = hn / 2; ok && i-- > 0;)
        heap_down(c, heap, hn, i);
    while (ok && hn) {
        uint32_t id = heap[0];
        cand_u(c, id, u);
        if (rn && u[0] != u0[0]) { /* a new value of u[0]: sweep the run */
            ok = flush_run(c, run, tmp, rn, &sw, out, scratch);
            rn = 0;
            if ((double)(*work + sw.work) > budget) {
                over = true;
                break;
            }
        }
        if (!ok)
            break;
        if (rn == rcap) {
            rcap *= 2;
            uint32_t *nr = realloc(run, rcap * sizeof *nr),
                     *nt = nr ? realloc(tmp, rcap * sizeof *nt) : NULL;
            if (nr)
                run = nr;
            if (nt)
                tmp = nt;
            ok = nr && nt;
            if (!ok)
                break;
        }
        if (rn == 0)
            u0[0] = u[0];
        run[rn++] = id;
        /* the list's next viable candidate */
        size_t j = id % m, s = id / m + 1;
        bool more = false;
        for (; s < prev_n; s++)
            if (viable(c, (uint32_t)(s * m + j), u)) {
                heap[0] = (uint32_t)(s * m + j);
                more = true;
                break;
            }
        if (!more)
            heap[0] = heap[--hn];
        heap_down(c, heap, hn, 0);
    }
    if (ok && !over && rn)
        ok = flush_run(c, run, tmp, rn, &sw, out, scratch);
    *work += sw.work;
    parleyp_pa_sweep_free(&sw);
    free(heap);
    free(run);
    free(tmp);
    free(u);
    return !ok ? -1 : over || (double)*work > budget ? 1 : 0;
}

parley_status parleyp_pa_frontier_additive(const parley_space *sp,
                                           const parley_analysis_options *opt, pa_points *out,
                                           parley_error *err)
{
    size_t d = sp->n_parties, n = sp->n_issues;
    size_t max_nv = 1;
    for (size_t i = 0; i < n; i++)
        max_nv = sp->n_values[i] > max_nv ? sp->n_values[i] : max_nv;
    stage *stages = calloc(n, sizeof *stages);
    uint32_t *vals = malloc(max_nv * sizeof *vals);
    double *tmp = malloc(max_nv * d * sizeof *tmp);
    uint32_t *idx = malloc(2 * max_nv * sizeof *idx);
    double *rem = calloc((n + 1) * d, sizeof *rem); /* best raw sum of issues k.. */
    double *need = malloc(d * sizeof *need);
    double *cur = malloc(d * sizeof *cur);
    double *u = malloc(d * sizeof *u);
    pa_points ps;
    parleyp_pa_points_init(&ps, d, 2);
    parley_status st = PARLEY_OK;
    size_t work = 0; /* steps of every stage, against the budget */
    double budget = opt->max_steps > 0 ? opt->max_steps : PA_MERGE_STEPS;
    if (!stages || !vals || !tmp || !idx || !rem || !need || !cur || !u)
        goto oom;
    for (size_t k = n; k-- > 0;)
        for (size_t p = 0; p < d; p++) {
            double b = -HUGE_VAL;
            for (size_t v = 0; v < sp->n_values[k]; v++)
                b = fmax(b, sp->party[p].term[sp->offset[k] + v]);
            rem[k * d + p] = rem[(k + 1) * d + p] + b;
        }
    for (size_t p = 0; p < d; p++) {
        double r = sp->party[p].reservation;
        const ps_party *pp = &sp->party[p];
        need[p] = -HUGE_VAL;
        if (!opt->keep_irrational && !isnan(r) && r > pp->floor && r <= pp->ceil)
            need[p] = r * pp->divisor - 1e-9 * (1.0 + fabs(r * pp->divisor));
    }
    /* S_0 = {0}: one point with utility 0 and no parent */
    double *prev_u = calloc(d, sizeof *prev_u);
    size_t prev_n = 1;
    if (!prev_u)
        goto oom;
    for (size_t k = 0; k < n; k++) {
        long mcount = issue_candidates(sp, k, vals, tmp, idx);
        if (mcount < 0) {
            free(prev_u);
            goto oom;
        }
        size_t m = (size_t)mcount;
        if (prev_n > PA_MAX_CANDIDATES / m) {
            free(prev_u);
            st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                                  "the frontier merge would form %zu x %zu partial sums at issue "
                                  "%zu (limit %zu)",
                                  prev_n, m, k + 1, PA_MAX_CANDIDATES);
            goto done;
        }
        ps.n = 0;
        merge_ctx mc = {prev_u, tmp, vals, rem + (k + 1) * d, need, d, m};
        int ms = merge_stage(&mc, prev_n, &ps, &work, budget);
        if (ms < 0) {
            free(prev_u);
            goto oom;
        }
        if (ms > 0) {
            free(prev_u);
            st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "--max-steps",
                                  "the frontier merge stopped at its limit of %.3g steps "
                                  "(--max-steps, default %.0e: 6-20 s of CPU) at issue "
                                  "%zu of %zu, with %zu points so far: the frontier of %zu "
                                  "parties grows too large; raise --max-steps to go on",
                                  budget, PA_MERGE_STEPS, k + 1, n, prev_n, d);
            goto done;
        }
        if (ps.n > PA_MAX_STAGE_POINTS) {
            free(prev_u);
            st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                                  "the partial frontier after issue %zu has %zu points (limit %zu)",
                                  k + 1, ps.n, PA_MAX_STAGE_POINTS);
            goto done;
        }
        stages[k].n = ps.n;
        stages[k].parent = malloc((ps.n ? ps.n : 1) * sizeof *stages[k].parent);
        size_t nvk = sp->n_values[k];
        stages[k].width = nvk <= 256 ? 1 : nvk <= 65536 ? 2 : 4;
        stages[k].value = malloc((ps.n ? ps.n : 1) * stages[k].width);
        if (!stages[k].parent || !stages[k].value) {
            free(prev_u);
            goto oom;
        }
        for (size_t j = 0; j < ps.n; j++) {
            stages[k].parent[j] = ps.o[2 * j];
            uint32_t v = ps.o[2 * j + 1];
            if (stages[k].width == 1)
                ((uint8_t *)stages[k].value)[j] = (uint8_t)v;
            else if (stages[k].width == 2)
                ((uint16_t *)stages[k].value)[j] = (uint16_t)v;
            else
                ((uint32_t *)stages[k].value)[j] = v;
        }
        free(prev_u);
        prev_u = ps.u; /* take the utilities; ps gets fresh buffers */
        prev_n = ps.n;
        ps.u = NULL;
        free(ps.o);
        ps.o = NULL;
        ps.cap = 0;
        if (opt->progress)
            opt->progress(opt->progress_ctx, (double)(k + 1) / (double)n);
    }
    /* rebuild outcomes */
    parleyp_pa_points_init(out, d, n);
    uint32_t *o = malloc(n * sizeof *o);
    if (!o || !parleyp_pa_points_reserve(out, prev_n ? prev_n : 1)) {
        free(o);
        free(prev_u);
        goto oom;
    }
    for (size_t j = 0; j < prev_n; j++) {
        size_t at = j;
        for (size_t k = n; k-- > 0;) {
            const stage *sk = &stages[k];
            o[k] = sk->width == 1   ? ((const uint8_t *)sk->value)[at]
                   : sk->width == 2 ? ((const uint16_t *)sk->value)[at]
                                    : ((const uint32_t *)sk->value)[at];
            at = stages[k].parent[at];
        }
        if (!parleyp_pa_points_push(out, prev_u + j * d, o)) {
            free(o);
            free(prev_u);
            goto oom;
        }
    }
    free(o);
    free(prev_u);
    goto done;
oom:
    st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                          "out of memory computing the additive frontier");
done:
    if (stages)
        for (size_t k = 0; k < n; k++) {
            free(stages[k].parent);
            free(stages[k].value);
        }
    free(stages);
    parleyp_pa_points_free(&ps);
    free(vals);
    free(tmp);
    free(idx);
    free(rem);
    free(need);
    free(cur);
    free(u);
    return st;
}
