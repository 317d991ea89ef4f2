/*
 * analysis/frontier_nd.c — sets of (utility vector, outcome) points and the
 * non-dominated filter every frontier algorithm ends with: sort
 * lexicographically (descending), then a sweep that keeps a point when no
 * earlier kept point is at least as good for every party. 2 parties: one
 * running maximum; 3 parties: a 2-D staircase with binary search; more:
 * a dominance index over the kept points (k-d trees, frontier_dom.c).
 * Comparisons are exact (no
 * tolerance), as in GENIUS and NegMAS.
 */
#include "analysis/analysis_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pa_points_init(pa_points *ps, size_t dim, size_t n_issues)
{
    memset(ps, 0, sizeof *ps);
    ps->dim = dim;
    ps->n_issues = n_issues;
}

void pa_points_free(pa_points *ps)
{
    free(ps->u);
    free(ps->o);
    ps->u = NULL;
    ps->o = NULL;
    ps->n = ps->cap = 0;
}

bool pa_points_push(pa_points *ps, const double *u, const uint32_t *o)
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

typedef struct rec {
    const double *u;
    const uint32_t *o;
    uint32_t dim, n_issues;
} rec;

static int cmp_rec(const void *pa, const void *pb)
{
    const rec *a = pa, *b = pb;
    for (uint32_t k = 0; k < a->dim; k++) {
        if (a->u[k] > b->u[k])
            return -1;
        if (a->u[k] < b->u[k])
            return 1;
    }
    for (uint32_t k = 0; k < a->n_issues; k++) {
        if (a->o[k] < b->o[k])
            return -1;
        if (a->o[k] > b->o[k])
            return 1;
    }
    return 0;
}

/* 2-D staircase of (x, y): x strictly descending, y strictly ascending. */
typedef struct stair {
    size_t n, cap;
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
        memmove(s->x + first + 1, s->x + last, (s->n - last) * sizeof *s->x);
        memmove(s->y + first + 1, s->y + last, (s->n - last) * sizeof *s->y);
    }
    s->x[first] = qx;
    s->y[first] = qy;
    s->n = s->n - removed + 1;
    return true;
}

bool pa_points_filter(pa_points *ps)
{
    if (ps->n == 0)
        return true;
    size_t n = ps->n, dim = ps->dim, ni = ps->n_issues;
    rec *r = malloc(n * sizeof *r);
    if (!r)
        return false;
    for (size_t i = 0; i < n; i++)
        r[i] = (rec){ps->u + i * dim, ps->o + i * ni, (uint32_t)dim, (uint32_t)ni};
    qsort(r, n, sizeof *r, cmp_rec);
    char *keep = calloc(n, 1);
    stair st = {0, 0, NULL, NULL};
    bool ok = keep != NULL;
    if (ok && dim == 1) {
        keep[0] = 1;
    } else if (ok && dim == 2) {
        double best = -HUGE_VAL;
        for (size_t i = 0; i < n; i++)
            if (r[i].u[1] > best) {
                keep[i] = 1;
                best = r[i].u[1];
            }
    } else if (ok && dim == 3) {
        for (size_t i = 0; i < n && ok; i++) {
            if (stair_dominated(&st, r[i].u[1], r[i].u[2]))
                continue;
            keep[i] = 1;
            ok = stair_insert(&st, r[i].u[1], r[i].u[2]);
        }
    } else if (ok) {
        /* x >= u + 0.0 is x >= u: the same test as a pairwise scan */
        pa_dom kept;
        pa_dom_init(&kept, dim);
        for (size_t i = 0; i < n && ok; i++) {
            if (pa_dom_cover(&kept, r[i].u, 0.0, false))
                continue;
            keep[i] = 1;
            ok = pa_dom_add(&kept, r[i].u);
        }
        pa_dom_free(&kept);
    }
    double *nu = NULL;
    uint32_t *no = NULL;
    size_t m = 0;
    if (ok) {
        for (size_t i = 0; i < n; i++)
            m += keep[i];
        nu = malloc((m ? m : 1) * dim * sizeof *nu);
        no = malloc((m ? m : 1) * (ni ? ni : 1) * sizeof *no);
        ok = nu && no;
    }
    if (ok) {
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            if (!keep[i])
                continue;
            memcpy(nu + j * dim, r[i].u, dim * sizeof *nu);
            memcpy(no + j * ni, r[i].o, ni * sizeof *no);
            j++;
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
    free(st.x);
    free(st.y);
    free(keep);
    free(r);
    return ok;
}

void pa_scale_points(const parley_space *sp, pa_points *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        for (size_t p = 0; p < ps->dim; p++)
            ps->u[i * ps->dim + p] = ps_scale(&sp->party[p], ps->u[i * ps->dim + p]);
}

void pa_cut_rational(const parley_space *sp, pa_points *ps)
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
