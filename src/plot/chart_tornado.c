/*
 * plot/chart_tornado.c — a tornado chart: one row per quantity, a bar from
 * how far it may fall to how far it may rise (relative to its value now,
 * at 0) before something flips, rows in the caller's order (most sensitive
 * first, on top). Unbounded sides (±INFINITY) run to the edge of the panel
 * and say so. A row whose range lies wholly on one side of 0 (the quantity
 * must move that far before the outcome holds) is drawn apart; a row with
 * no range (NAN) says "never". For `parley sensitivity`: the range of each
 * weight and walk-away over which a party stays above its walk-away, one
 * panel per party (parleyp_chart_sensitivity).
 */
#include "plot/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void parleyp_chart_tornado_panel(parleyp_chart *c, parleyp_chart_panel *p,
                                 const char *const *labels, const double *low, const double *high,
                                 size_t n, const char *never)
{
    if (!c || !p) {
        if (c)
            c->oom = true;
        return;
    }
    double reach = 0; /* the largest finite extent: unbounded bars go 20 % past it */
    for (size_t i = 0; i < n; i++) {
        if (isfinite(low[i]))
            reach = fmax(reach, fabs(low[i]));
        if (isfinite(high[i]))
            reach = fmax(reach, fabs(high[i]));
    }
    reach = reach > 0 ? 1.2 * reach : 1.0;
    size_t m = n ? n : 1;
    const char **rows = calloc(m, sizeof *rows);
    double *y = malloc(m * sizeof *y), *lo = malloc(m * sizeof *lo), *hi = malloc(m * sizeof *hi);
    double *zero = calloc(m, sizeof *zero);
    double *bx0 = malloc(m * sizeof *bx0), *bx = malloc(m * sizeof *bx);
    double *nx = malloc(m * sizeof *nx);
    bool apart = false, nothing = false;
    if (!rows || !y || !lo || !hi || !zero || !bx0 || !bx || !nx) {
        c->oom = true;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        rows[n - 1 - i] = labels[i]; /* the first row on top */
        y[i] = (double)(n - 1 - i);
        double l = isinf(low[i]) ? -reach : low[i], h = isinf(high[i]) ? reach : high[i];
        bool none = isnan(low[i]) || isnan(high[i]);
        bool straddles = !none && l <= 0 && h >= 0;
        lo[i] = straddles ? l : (double)NAN;
        hi[i] = straddles ? h : (double)NAN;
        bx0[i] = !none && !straddles ? l : (double)NAN;
        bx[i] = !none && !straddles ? h : (double)NAN;
        nx[i] = none ? 0.0 : (double)NAN;
        apart |= !none && !straddles;
        nothing |= none;
    }
    parleyp_chart_axis_categories(c, &p->yaxis, rows, n);
    parleyp_chart_series *s =
        parleyp_chart_series_add(c, p, PARLEYP_SERIES_HBARS, "may fall by", n, lo, y);
    parleyp_chart_series_x0(c, s, zero);
    if (s)
        s->colour = PARLEYP_VERMILLION;
    for (size_t i = 0; s && i < n; i++)
        if (isinf(low[i]) && isfinite(lo[i]))
            parleyp_chart_series_tag(c, s, i, "no limit");
    s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_HBARS, "may rise by", n, hi, y);
    parleyp_chart_series_x0(c, s, zero);
    if (s)
        s->colour = PARLEYP_BLUE;
    for (size_t i = 0; s && i < n; i++)
        if (isinf(high[i]) && isfinite(hi[i]))
            parleyp_chart_series_tag(c, s, i, "no limit");
    if (apart) {
        s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_HBARS, "must move into", n, bx, y);
        parleyp_chart_series_x0(c, s, bx0);
        if (s)
            s->colour = PARLEYP_GREEN;
        for (size_t i = 0; s && i < n; i++)
            if (isfinite(bx[i]) && isinf(high[i]))
                parleyp_chart_series_tag(c, s, i, "no limit");
    }
    if (nothing) {
        s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, NULL, n, nx, y);
        if (s)
            s->marker = PARLEYP_MARK_CROSS, s->colour = PARLEYP_BLACK;
        for (size_t i = 0; s && i < n; i++)
            if (isfinite(nx[i]))
                parleyp_chart_series_tag(c, s, i, never ? never : "never");
    }
done:
    parleyp_chart_ref_add(c, p, true, 0.0, "now", PARLEYP_BLACK, PARLEYP_LINE_SOLID);
    free(rows);
    free(y);
    free(lo);
    free(hi);
    free(zero);
    free(bx0);
    free(bx);
    free(nx);
}

parleyp_chart *parleyp_chart_tornado(const char *title, const char *xlabel,
                                     const char *const *labels, const double *low,
                                     const double *high, size_t n, parley_error *err)
{
    parleyp_chart *c = parleyp_chart_new(title);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    c->height = fmin(20.0, fmax(4.5, 1.4 + 0.3 * (double)n));
    parleyp_chart_panel *p = parleyp_chart_panel_add(c, NULL, xlabel, NULL);
    parleyp_chart_tornado_panel(c, p, labels, low, high, n, NULL);
    parleyp_chart_caption(c,
                          "How far each of %zu numbers may move, the others fixed, before the "
                          "outcome flips; the shortest bars are the most sensitive.",
                          n);
    return parleyp_chart_ok(c, err);
}
