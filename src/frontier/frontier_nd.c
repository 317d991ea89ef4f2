/*
 * frontier/frontier_nd.c — sets of (utility vector, outcome) points and the
 * non-dominated filter every frontier algorithm ends with: sort
 * lexicographically (descending), then a sweep that keeps a point when no
 * earlier kept point is at least as good for every party. 2 parties: one
 * running maximum; 3 parties: a 2-D staircase with binary search; more:
 * a dominance index over the kept points (k-d trees, frontier_dom.c).
 * Comparisons are exact (no
 * tolerance), as in GENIUS and NegMAS.
 */
#include "frontier/analysis_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void parleyp_pa_points_init(pa_points *ps, size_t dim, size_t n_issues)
{
    memset(ps, 0, sizeof *ps);
    ps->dim = dim;
    ps->n_issues = n_issues;
}

void parleyp_pa_points_free(pa_points *ps)
{
    free(ps->u);
    free(ps->o);
    ps->u = NULL;
    ps->o = NULL;
    ps->n = ps->cap = 0;
}

bool parleyp_pa_points_reserve(pa_points *ps, size_t cap)
{
    if (cap <= ps->cap)
        return true;
    double *nu = realloc(ps->u, cap * ps->dim * sizeof *nu);
    if (!nu)
        return false;
    ps->u = nu;
    uint32_t *no = realloc(ps->o, cap * (ps->n_issues ? ps->n_issues : 1) * sizeof *no);
    if (!no)
        return false;
    ps->o = no;
    ps->cap = cap;
    return true;
}

static void pa_points_shrink(pa_points *ps)
{
    if (ps->n == ps->cap || ps->n == 0)
        return;
    double *nu = realloc(ps->u, ps->n * ps->dim * sizeof *nu);
    if (nu)
        ps->u = nu;
    uint32_t *no = realloc(ps->o, ps->n * (ps->n_issues ? ps->n_issues : 1) * sizeof *no);
    if (no)
        ps->o = no;
    /* Either array now holds exactly n (its realloc succeeded) or at least n
     * (a failed realloc keeps the old block): n is the capacity of both. */
    ps->cap = ps->n;
}

bool parleyp_pa_points_push(pa_points *ps, const double *u, const uint32_t *o)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 64;
        double *nu = realloc(ps->u, cap * ps->dim * sizeof *nu);
        if (!nu)
            return false;
        ps->u = nu;
        uint32_t *no = realloc(ps->o, cap * ps->n_issues * sizeof *no);
        if (!no)
            return false;
        ps->o = no;
        ps->cap = cap;
    }
    memcpy(ps->u + ps->n * ps->dim, u, ps->dim * sizeof *u);
    memcpy(ps->o + ps->n * ps->n_issues, o, ps->n_issues * sizeof *o);
    ps->n++;
    return true;
}

/* 2-D staircase of (x, y): x strictly descending, y strictly ascending. */
typedef struct stair {
    size_t n, cap, moved; /* moved: entries shifted by insertions */
    double *x, *y;
} stair;

/* Last index with x >= qx, or -1. */
static long stair_prefix(const stair *s, double qx)
{
    long lo = 0, hi = (long)s->n - 1, ans = -1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        if (s->x[mid] >= qx) {
            ans = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return ans;
}

static bool stair_dominated(const stair *s, double qx, double qy)
{
    long k = stair_prefix(s, qx);
    return k >= 0 && s->y[k] >= qy;
}

static bool stair_insert(stair *s, double qx, double qy)
{
    /* entries with x <= qx and y <= qy are dominated: they are contiguous,
     * starting after the prefix with x > qx */
    long k = stair_prefix(s, qx);
    size_t first = (size_t)(k + 1);
    while (k >= 0 && s->x[k] == qx) /* equal x: dominated when y <= qy */
        first = (size_t)k--;
    size_t last = first;
    while (last < s->n && s->y[last] <= qy)
        last++;
    size_t removed = last - first;
    if (removed == 0 && s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        double *nx = realloc(s->x, cap * sizeof *nx);
        if (!nx)
            return false;
        s->x = nx;
        double *ny = realloc(s->y, cap * sizeof *ny);
        if (!ny)
            return false;
        s->y = ny;
        s->cap = cap;
    }
    if (removed != 1) {
        s->moved += s->n - last;
        memmove(s->x + first + 1, s->x + last, (s->n - last) * sizeof *s->x);
        memmove(s->y + first + 1, s->y + last, (s->n - last) * sizeof *s->y);
    }
    s->x[first] = qx;
    s->y[first] = qy;
    s->n = s->n - removed + 1;
    return true;
}

void parleyp_pa_sweep_init(pa_sweep *sw, size_t dim)
{
    memset(sw, 0, sizeof *sw);
    sw->dim = dim;
    sw->best = -HUGE_VAL;
    parleyp_pa_dom_init(&sw->dom, dim);
}

void parleyp_pa_sweep_free(pa_sweep *sw)
{
    free(sw->sx);
    free(sw->sy);
    parleyp_pa_dom_free(&sw->dom);
    sw->sx = sw->sy = NULL;
}

int parleyp_pa_sweep_offer(pa_sweep *sw, const double *u)
{
    sw->work++;
    switch (sw->dim) {
    case 1:
        if (sw->n_kept)
            return 0;
        break;
    case 2:
        if (!(u[1] > sw->best))
            return 0;
        sw->best = u[1];
        break;
    case 3: {
        stair st = {sw->sn, sw->scap, 0, sw->sx, sw->sy};
        if (stair_dominated(&st, u[1], u[2]))
            return 0;
        bool ok = stair_insert(&st, u[1], u[2]);
        sw->work += st.moved / 8; /* a step: about 8 entries shifted */
        sw->sn = st.n;
        sw->scap = st.cap;
        sw->sx = st.x;
        sw->sy = st.y;
        if (!ok)
            return -1;
        break;
    }
    default:
        /* x >= u + 0.0 is x >= u: the same test as a pairwise scan */
        if (parleyp_pa_dom_cover(&sw->dom, u, 0.0, false, &sw->work))
            return 0;
        if (!parleyp_pa_dom_add(&sw->dom, u))
            return -1;
    }
    sw->n_kept++;
    return 1;
}

/* Stable merge sort of idx[0..n) by cmp(ctx, a, b) (negative: a first);
 * tmp has room for n entries. */
void parleyp_pa_sort_idx(uint32_t *idx, uint32_t *tmp, size_t n,
                         int (*cmp)(const void *ctx, uint32_t a, uint32_t b), const void *ctx)
{
    const size_t run = 16;
    for (size_t lo = 0; lo < n; lo += run) { /* insertion sort of short runs */
        size_t hi = lo + run < n ? lo + run : n;
        for (size_t i = lo + 1; i < hi; i++) {
            uint32_t x = idx[i];
            size_t k = i;
            while (k > lo && cmp(ctx, x, idx[k - 1]) < 0) {
                idx[k] = idx[k - 1];
                k--;
            }
            idx[k] = x;
        }
    }
    uint32_t *a = idx, *b = tmp;
    for (size_t w = run; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = cmp(ctx, a[j], a[i]) < 0 ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        uint32_t *t = a;
        a = b;
        b = t;
    }
    if (a != idx)
        memcpy(idx, a, n * sizeof *idx);
}

static int cmp_point(const void *ctx, uint32_t i, uint32_t j)
{
    const pa_points *ps = ctx;
    const double *a = ps->u + (size_t)i * ps->dim, *b = ps->u + (size_t)j * ps->dim;
    for (size_t k = 0; k < ps->dim; k++) {
        if (a[k] > b[k])
            return -1;
        if (a[k] < b[k])
            return 1;
    }
    const uint32_t *x = ps->o + (size_t)i * ps->n_issues, *y = ps->o + (size_t)j * ps->n_issues;
    for (size_t k = 0; k < ps->n_issues; k++) {
        if (x[k] < y[k])
            return -1;
        if (x[k] > y[k])
            return 1;
    }
    return 0;
}

bool parleyp_pa_points_filter(pa_points *ps)
{
    if (ps->n == 0)
        return true;
    size_t n = ps->n, dim = ps->dim, ni = ps->n_issues;
    if (n > UINT32_MAX)
        return false;
    uint32_t *idx = malloc(n * sizeof *idx), *tmp = malloc(n * sizeof *tmp);
    bool ok = idx && tmp;
    size_t m = 0;
    if (ok) {
        for (size_t i = 0; i < n; i++)
            idx[i] = (uint32_t)i;
        parleyp_pa_sort_idx(idx, tmp, n, cmp_point, ps);
        pa_sweep sw;
        parleyp_pa_sweep_init(&sw, dim);
        for (size_t i = 0; i < n && ok; i++) {
            int r = parleyp_pa_sweep_offer(&sw, ps->u + (size_t)idx[i] * dim);
            ok = r >= 0;
            if (r > 0)
                idx[m++] = idx[i];
        }
        parleyp_pa_sweep_free(&sw);
    }
    /* kept points in their original order (the common case: the input was
     * already sorted): compact in place, else gather into new arrays */
    bool in_order = true;
    for (size_t j = 1; j < m && in_order; j++)
        in_order = idx[j] > idx[j - 1];
    double *nu = NULL;
    uint32_t *no = NULL;
    if (ok && in_order) {
        for (size_t j = 0; j < m; j++) {
            if (idx[j] == j)
                continue;
            memmove(ps->u + j * dim, ps->u + (size_t)idx[j] * dim, dim * sizeof *nu);
            memmove(ps->o + j * ni, ps->o + (size_t)idx[j] * ni, ni * sizeof *no);
        }
        ps->n = m;
        pa_points_shrink(ps);
    } else if (ok) {
        nu = malloc((m ? m : 1) * dim * sizeof *nu);
        no = malloc((m ? m : 1) * (ni ? ni : 1) * sizeof *no);
        ok = nu && no;
        if (ok) {
            for (size_t j = 0; j < m; j++) {
                memcpy(nu + j * dim, ps->u + (size_t)idx[j] * dim, dim * sizeof *nu);
                memcpy(no + j * ni, ps->o + (size_t)idx[j] * ni, ni * sizeof *no);
            }
            free(ps->u);
            free(ps->o);
            ps->u = nu;
            ps->o = no;
            ps->n = ps->cap = m;
        } else {
            free(nu);
            free(no);
        }
    }
    free(idx);
    free(tmp);
    return ok;
}

void parleyp_pa_scale_points(const parley_space *sp, pa_points *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        for (size_t p = 0; p < ps->dim; p++)
            ps->u[i * ps->dim + p] = ps_scale(&sp->party[p], ps->u[i * ps->dim + p]);
}

void parleyp_pa_cut_rational(const parley_space *sp, pa_points *ps)
{
    size_t j = 0;
    for (size_t i = 0; i < ps->n; i++) {
        bool ok = true;
        for (size_t p = 0; p < ps->dim && ok; p++) {
            double r = sp->party[p].reservation;
            ok = isnan(r) || ps->u[i * ps->dim + p] >= r;
        }
        if (!ok)
            continue;
        if (j != i) {
            memmove(ps->u + j * ps->dim, ps->u + i * ps->dim, ps->dim * sizeof *ps->u);
            memmove(ps->o + j * ps->n_issues, ps->o + i * ps->n_issues,
                    ps->n_issues * sizeof *ps->o);
        }
        j++;
    }
    ps->n = j;
}
