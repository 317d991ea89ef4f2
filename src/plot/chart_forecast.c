/*
 * plot/chart_forecast.c — where bargaining lands (`parley forecast`): each
 * actor's position over the turns on each dimension (a panel per
 * dimension, at most 12), the forecast, other models' forecasts beside it,
 * and the Monte Carlo bands. With more than 10 actors the actors' lines are
 * grey and unlabelled, so the legend stays readable.
 */
#include "plot/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DIMS 12
#define MAX_NAMED 10

static void band(parleyp_chart *c, parleyp_chart_panel *p, double x1, double lo, double hi,
                 const char *label)
{
    double x[2] = {0, x1}, y[2] = {hi, hi}, y0[2] = {lo, lo};
    parleyp_chart_series *s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_BAND, label, 2, x, y);
    parleyp_chart_series_y0(c, s, y0);
    if (s)
        s->colour = PARLEYP_GREY;
}

static void dimension(parleyp_chart *c, const parley_fc_scenario *fs, const parley_fc_result *r,
                      const parley_fc_result *const *others, size_t n_others,
                      const parley_fc_mc *mc, size_t d)
{
    parleyp_chart_panel *p = parleyp_chart_panel_add(c, fs->dim[d], "turn", "position (0-100)");
    size_t nt = r->n_turns, na = r->n_actors;
    double last = nt > 1 ? (double)(nt - 1) : 1.0;
    parleyp_chart_axis_range(&p->yaxis, -2.0, 102.0);
    if (mc) {
        band(c, p, last, mc->quantile[d * 5 + 0], mc->quantile[d * 5 + 4],
             "Monte Carlo 5-95% of forecasts");
        band(c, p, last, mc->quantile[d * 5 + 1], mc->quantile[d * 5 + 3],
             "Monte Carlo 25-75% of forecasts");
    }
    double *y = malloc((nt ? nt : 1) * sizeof *y);
    for (size_t a = 0; y && a < na; a++) {
        for (size_t t = 0; t < nt; t++)
            y[t] = r->turns[t].position[a * fs->n_dims + d];
        bool named = na <= MAX_NAMED;
        char label[64];
        snprintf(label, sizeof label, "actors (%zu)", na);
        parleyp_chart_series *s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_LINE,
                                                           named ? fs->actor[a]
                                                           : a   ? NULL
                                                                 : label,
                                                           nt, NULL, y);
        if (s) {
            s->colour = named ? parleyp_chart_party_colour(a) : PARLEYP_GREY;
            s->marker = named && nt <= 30 ? parleyp_chart_party_marker(a) : PARLEYP_MARK_NONE;
            s->line = named && a >= PARLEYP_YELLOW ? PARLEYP_LINE_DASHED : PARLEYP_LINE_SOLID;
            s->width = named ? 1.0 : 0.5;
        }
    }
    if (!y)
        c->oom = true;
    free(y);
    /* the forecast, dashed across the panel; the other models' as markers
     * just right of the last turn (named in the legend, not on the lines,
     * which would overlap) */
    char label[96];
    snprintf(label, sizeof label, "%s forecast", parley_fc_model_name(r->model));
    parleyp_chart_ref_add(c, p, false, r->expected[d], NULL, PARLEYP_BLACK, PARLEYP_LINE_DASHED);
    parleyp_chart_series *s =
        parleyp_chart_series_add(c, p, PARLEYP_SERIES_LINE, label, 0, NULL, NULL);
    if (s)
        s->colour = PARLEYP_BLACK, s->line = PARLEYP_LINE_DASHED;
    /* one marker per model, whichever is drawn: SMP, EUM, compromise, median */
    static const parleyp_marker marks[] = {PARLEYP_MARK_DIAMOND, PARLEYP_MARK_OPEN_CIRCLE,
                                           PARLEYP_MARK_OPEN_SQUARE, PARLEYP_MARK_CROSS};
    for (size_t k = 0; k < n_others; k++) {
        double mx = last + 0.04 * (last + 1) * (double)(k + 1), my = others[k]->expected[d];
        snprintf(label, sizeof label, "%s forecast", parley_fc_model_name(others[k]->model));
        s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, label, 1, &mx, &my);
        if (s)
            s->colour = PARLEYP_BLACK, s->marker = marks[(size_t)others[k]->model % 4];
    }
}

parleyp_chart *parleyp_chart_forecast(const parley_fc_scenario *fs, const parley_fc_result *r,
                                      const parley_fc_result *const *others, size_t n_others,
                                      const parley_fc_mc *mc, parley_error *err)
{
    char title[256];
    snprintf(title, sizeof title, "Where bargaining lands: %s", fs->name ? fs->name : "forecast");
    parleyp_chart *c = parleyp_chart_new(title);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    size_t nd = r->n_dims < MAX_DIMS ? r->n_dims : MAX_DIMS;
    c->columns = nd <= 1 ? 1 : nd <= 4 ? 2 : nd <= 9 ? 3 : 4;
    size_t rows = (nd + c->columns - 1) / c->columns;
    c->width = nd <= 1 ? 7.0 : 3.2 * (double)c->columns + 2.2;
    c->height = nd <= 1 ? 4.5 : fmax(4.0, 2.6 * (double)rows + 0.6);
    for (size_t d = 0; d < nd; d++)
        dimension(c, fs, r, others, n_others, mc, d);
    parleyp_chart_caption(c,
                          "Each actor's position on each issue, turn by turn, as the %s model "
                          "moves them (%zu turns%s), with the forecast%s%s.",
                          parley_fc_model_name(r->model), r->n_turns,
                          r->converged ? "" : ", not converged",
                          n_others ? ", the other models' forecasts" : "",
                          mc ? " and the spread of forecasts over Monte Carlo runs" : "");
    if (r->n_dims > MAX_DIMS)
        parleyp_chart_caption(c,
                              "The first %d of %zu issues: each actor's position turn by turn "
                              "as the %s model moves them, with the forecast.",
                              MAX_DIMS, r->n_dims, parley_fc_model_name(r->model));
    return parleyp_chart_ok(c, err);
}
