/*
 * frontier/frontier_dom.c — a growing set of utility vectors that answers
 * dominance queries: "is some member x at least u + tol for every party
 * (and, if strict, above u for some party)?". This is what the frontier
 * filter (frontier_nd.c, 4+ parties) and the bounded search's archive
 * (frontier_search.c, 2+ parties) ask for every candidate; a linear scan
 * over the kept points made both quadratic.
 *
 * Method: the logarithmic method over static k-d trees. New members go to a
 * small buffer (scanned linearly); a full buffer becomes a tree, and trees of
 * equal size are merged into one of twice the size, so there are at most
 * log2(n / PD_BUF) trees and every member is rebuilt O(log n) times. A tree
 * splits on the coordinate of largest spread at the median, down to leaves
 * of at most PD_LEAF members, and every node keeps the componentwise
 * maximum of its members: a query skips a node when that maximum falls below
 * u + tol in some coordinate (no member below can cover u), and visits the
 * upper half of a split first. The box test uses the very comparison the
 * member test uses (x[p] >= u[p] + tol, evaluated in double), so the answer
 * is exactly that of a scan over all members: results do not depend on the
 * structure, only on the set.
 *
 * Members are never removed: a member dominated by a later one answers no
 * query the later one does not (x <= y and x covers u imply y covers u), so
 * callers may keep dominated points here and filter them once at the end.
 */
#include "frontier/analysis_impl.h"

#include <stdlib.h>
#include <string.h>

#define PD_BUF 32
#define PD_LEAF 8

void parleyp_pa_dom_init(pa_dom *s, size_t dim)
{
    memset(s, 0, sizeof *s);
    s->dim = dim;
    s->buf = NULL;
}

static void tree_free(pa_dom_tree *t)
{
    free(t->x);
    free(t->node);
    free(t->box);
    memset(t, 0, sizeof *t);
}

void parleyp_pa_dom_clear(pa_dom *s)
{
    for (size_t k = 0; k < s->n_trees; k++)
        tree_free(&s->tree[k]);
    s->n_trees = 0;
    s->n_buf = 0;
    s->n = 0;
}

void parleyp_pa_dom_free(pa_dom *s)
{
    parleyp_pa_dom_clear(s);
    free(s->buf);
    s->buf = NULL;
}

static bool covers(const double *x, const double *u, size_t dim, double tol, bool strict)
{
    bool gt = !strict;
    for (size_t p = 0; p < dim; p++) {
        if (!(x[p] >= u[p] + tol))
            return false;
        gt = gt || x[p] > u[p];
    }
    return gt;
}

static void swap_rows(double *x, size_t dim, size_t a, size_t b)
{
    for (size_t p = 0; p < dim; p++) {
        double t = x[a * dim + p];
        x[a * dim + p] = x[b * dim + p];
        x[b * dim + p] = t;
    }
}

/* Rearranges rows [lo, hi) so that row k holds the k-th smallest value of
 * coordinate c, smaller-or-equal values before it, larger-or-equal after. */
static void select_rows(double *x, size_t dim, size_t lo, size_t hi, size_t k, size_t c)
{
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        /* median of three as pivot, moved to hi - 1 */
        double a = x[lo * dim + c], b = x[mid * dim + c], z = x[(hi - 1) * dim + c];
        size_t piv = (a < b) ? ((b < z)   ? mid
                                : (a < z) ? hi - 1
                                          : lo)
                             : ((a < z)   ? lo
                                : (b < z) ? hi - 1
                                          : mid);
        swap_rows(x, dim, piv, hi - 1);
        double pv = x[(hi - 1) * dim + c];
        size_t store = lo;
        for (size_t i = lo; i + 1 < hi; i++)
            if (x[i * dim + c] < pv)
                swap_rows(x, dim, i, store++);
        /* equal values: spread them so runs of ties do not degrade */
        size_t eq = store;
        for (size_t i = store; i + 1 < hi; i++)
            if (x[i * dim + c] == pv)
                swap_rows(x, dim, i, eq++);
        swap_rows(x, dim, eq, hi - 1);
        /* now [lo,store) < pv, [store,eq] == pv, (eq,hi) > pv */
        if (k < store)
            hi = store;
        else if (k <= eq)
            return;
        else
            lo = eq + 1;
    }
}

/* Builds the subtree over rows [lo, hi) of t->x; returns its node index. */
static uint32_t build(pa_dom_tree *t, size_t dim, size_t lo, size_t hi)
{
    uint32_t id = (uint32_t)t->n_node++;
    pa_dom_node *nd = &t->node[id];
    double *box = t->box + (size_t)id * dim;
    nd->lo = (uint32_t)lo;
    nd->hi = (uint32_t)hi;
    size_t c = 0;
    double spread = -1;
    for (size_t p = 0; p < dim; p++) {
        double mx = t->x[lo * dim + p], mn = mx;
        for (size_t i = lo + 1; i < hi; i++) {
            double v = t->x[i * dim + p];
            mx = v > mx ? v : mx;
            mn = v < mn ? v : mn;
        }
        box[p] = mx;
        if (mx - mn > spread) {
            spread = mx - mn;
            c = p;
        }
    }
    if (hi - lo <= PD_LEAF || !(spread > 0)) {
        nd->left = nd->right = UINT32_MAX;
        return id;
    }
    size_t mid = lo + (hi - lo) / 2;
    select_rows(t->x, dim, lo, hi, mid, c);
    uint32_t l = build(t, dim, lo, mid);
    uint32_t r = build(t, dim, mid, hi);
    t->node[id].left = l;  /* lower values of coordinate c */
    t->node[id].right = r; /* higher values: visited first */
    return id;
}

/* A tree over the `m` rows at x (not yet built). false when out of memory.
 * Splits are at the median and a node of more than PD_LEAF rows splits, so
 * leaves hold at least PD_LEAF / 2 rows (or the whole tree): fewer than
 * m / (PD_LEAF / 2) + 1 leaves, twice that in nodes. */
static bool tree_make(pa_dom_tree *t, size_t dim, double *x, size_t m)
{
    memset(t, 0, sizeof *t);
    t->x = x;
    t->n = m;
    size_t cap = 2 * (m / (PD_LEAF / 2) + 1);
    t->node = malloc(cap * sizeof *t->node);
    t->box = malloc(cap * dim * sizeof *t->box);
    if (!t->node || !t->box) {
        free(t->node);
        free(t->box);
        return false;
    }
    return true;
}

bool parleyp_pa_dom_add(pa_dom *s, const double *u)
{
    size_t dim = s->dim;
    if (!s->buf && !(s->buf = malloc(PD_BUF * dim * sizeof *s->buf)))
        return false;
    memcpy(s->buf + s->n_buf * dim, u, dim * sizeof *u);
    s->n_buf++;
    s->n++;
    if (s->n_buf < PD_BUF)
        return true;
    /* the buffer becomes a tree, merged with the trees of equal or smaller
     * size at the end of the list (they are the most recent) */
    size_t m = s->n_buf, k = s->n_trees;
    while (k > 0 && s->tree[k - 1].n <= m)
        m += s->tree[--k].n;
    double *x = malloc(m * dim * sizeof *x);
    pa_dom_tree nt;
    if (!x || !tree_make(&nt, dim, x, m)) {
        free(x);
        s->n_buf--;
        s->n--;
        return false;
    }
    size_t at = 0;
    for (size_t j = k; j < s->n_trees; j++) {
        memcpy(x + at * dim, s->tree[j].x, s->tree[j].n * dim * sizeof *x);
        at += s->tree[j].n;
    }
    memcpy(x + at * dim, s->buf, s->n_buf * dim * sizeof *x);
    build(&nt, dim, 0, m);
    for (size_t j = k; j < s->n_trees; j++)
        tree_free(&s->tree[j]);
    s->tree[k] = nt;
    s->n_trees = k + 1;
    s->n_buf = 0;
    return true;
}

bool parleyp_pa_dom_set(pa_dom *s, const double *u, size_t n)
{
    size_t dim = s->dim;
    parleyp_pa_dom_clear(s);
    if (n < PD_BUF) {
        for (size_t i = 0; i < n; i++)
            if (!parleyp_pa_dom_add(s, u + i * dim))
                return false;
        return true;
    }
    double *x = malloc(n * dim * sizeof *x);
    if (!x || !tree_make(&s->tree[0], dim, x, n)) {
        free(x);
        return false;
    }
    memcpy(x, u, n * dim * sizeof *x);
    build(&s->tree[0], dim, 0, n);
    s->n_trees = 1;
    s->n = n;
    return true;
}

static const double *tree_cover(const pa_dom_tree *t, size_t dim, const double *u, double tol,
                                bool strict, size_t *work)
{
    uint32_t stack[128];
    size_t sp = 0, visited = 0;
    if (t->n)
        stack[sp++] = 0;
    while (sp) {
        uint32_t id = stack[--sp];
        visited++;
        const pa_dom_node *nd = &t->node[id];
        const double *box = t->box + (size_t)id * dim;
        bool may = true;
        for (size_t p = 0; p < dim && may; p++)
            may = box[p] >= u[p] + tol;
        if (!may)
            continue;
        if (nd->left == UINT32_MAX) {
            visited += nd->hi - nd->lo;
            for (uint32_t i = nd->lo; i < nd->hi; i++)
                if (covers(t->x + (size_t)i * dim, u, dim, tol, strict)) {
                    *work += visited;
                    return t->x + (size_t)i * dim;
                }
            continue;
        }
        stack[sp++] = nd->left;
        stack[sp++] = nd->right; /* popped first */
    }
    *work += visited;
    return NULL;
}

const double *parleyp_pa_dom_cover(const pa_dom *s, const double *u, double tol, bool strict,
                                   size_t *work)
{
    size_t dim = s->dim, dummy = 0;
    if (!work)
        work = &dummy;
    *work += s->n_buf;
    for (size_t i = s->n_buf; i-- > 0;)
        if (covers(s->buf + i * dim, u, dim, tol, strict))
            return s->buf + i * dim;
    for (size_t k = s->n_trees; k-- > 0;) {
        const double *x = tree_cover(&s->tree[k], dim, u, tol, strict, work);
        if (x)
            return x;
    }
    return NULL;
}
