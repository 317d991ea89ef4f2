/*
 * plot/chart_tornado.c — a tornado chart: one row per quantity, a bar from
 * how far it may fall to how far it may rise (relative to its value now,
 * at 0) before something flips, rows in the caller's order (most sensitive
 * first, on top). Unbounded sides (±INFINITY) run to the edge of the panel
 * and say so. For `parley sensitivity` (the range of each weight and
 * walk-away over which a party stays above its walk-away).
 */
#include "plot/chart.h"

#include <math.h>
#include <stdlib.h>

parleyp_chart *parleyp_chart_tornado(const char *title, const char *xlabel,
                                     const char *const *labels, const double *low,
                                     const double *high, size_t n, parley_error *err)
{
    parleyp_chart *c = parleyp_chart_new(title);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    c->height = fmin(20.0, fmax(4.5, 1.4 + 0.3 * (double)n));
    parleyp_chart_panel *p = parleyp_chart_panel_add(c, NULL, xlabel, NULL);
    double reach = 0; /* the largest finite extent: unbounded bars go 20 % past it */
    for (size_t i = 0; i < n; i++) {
        if (isfinite(low[i]))
            reach = fmax(reach, fabs(low[i]));
        if (isfinite(high[i]))
            reach = fmax(reach, fabs(high[i]));
    }
    reach = reach > 0 ? 1.2 * reach : 1.0;
    const char **rows = malloc((n ? n : 1) * sizeof *rows);
    double *y = malloc((n ? n : 1) * sizeof *y), *lo = malloc((n ? n : 1) * sizeof *lo);
    double *hi = malloc((n ? n : 1) * sizeof *hi), *zero = calloc(n ? n : 1, sizeof *zero);
    if (!rows || !y || !lo || !hi || !zero || !p) {
        c->oom = true;
    } else {
        for (size_t i = 0; i < n; i++) {
            rows[n - 1 - i] = labels[i]; /* the first row on top */
            y[i] = (double)(n - 1 - i);
            lo[i] = isinf(low[i]) ? -reach : fmin(low[i], 0.0);
            hi[i] = isinf(high[i]) ? reach : fmax(high[i], 0.0);
        }
        parleyp_chart_axis_categories(c, &p->yaxis, rows, n);
        parleyp_chart_series *s =
            parleyp_chart_series_add(c, p, PARLEYP_SERIES_HBARS, "may fall by", n, lo, y);
        parleyp_chart_series_x0(c, s, zero);
        if (s)
            s->colour = PARLEYP_VERMILLION;
        for (size_t i = 0; s && i < n; i++)
            if (isinf(low[i]))
                parleyp_chart_series_tag(c, s, i, "no limit");
        s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_HBARS, "may rise by", n, hi, y);
        parleyp_chart_series_x0(c, s, zero);
        if (s)
            s->colour = PARLEYP_BLUE;
        for (size_t i = 0; s && i < n; i++)
            if (isinf(high[i]))
                parleyp_chart_series_tag(c, s, i, "no limit");
    }
    parleyp_chart_ref_add(c, p, true, 0.0, "now", PARLEYP_BLACK, PARLEYP_LINE_SOLID);
    free(rows);
    free(y);
    free(lo);
    free(hi);
    free(zero);
    parleyp_chart_caption(c,
                          "How far each of %zu numbers may move, the others fixed, before the "
                          "outcome flips; the shortest bars are the most sensitive.",
                          n);
    return parleyp_chart_ok(c, err);
}
