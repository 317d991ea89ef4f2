/*
 * report/charts.c — the report's charts: built by the chart module's
 * builders (src/plot/chart_<kind>.c, the same charts as `parley plot KIND`)
 * from the results computed once in data.c, drawn by PLplot as SVG and
 * inlined. Each returns the SVG (caller owns) with the chart's own caption
 * (what it shows) in cap, or NULL with the reason in cap.
 */
#include "report/report_impl.h"
#include "plot/chart.h"
#include "core/error.h"

#include <stdio.h>

/* Renders and frees c; NULL with the reason when it could not be built or drawn. */
static char *svg_of(parleyp_chart *c, const char *kind, parley_error *err, char *cap, size_t n)
{
    char *svg = NULL;
    size_t len = 0;
    if (c && (svg = parleyp_chart_svg(c, &len, err)))
        snprintf(cap, n, "%s", c->caption ? c->caption : "");
    if (!svg) {
        char buf[768];
        snprintf(cap, n, "The %s chart is not drawn: %s", kind,
                 parley_error_format(err, buf, sizeof buf));
    }
    parleyp_chart_free(c);
    return svg;
}

char *parleyp_rp_chart_onboard(const rp_data *d, char *cap, size_t n)
{
    parley_error err;
    parley_error_clear(&err);
    return svg_of(parleyp_chart_onboard(d->sc, d->score, d->sc->n_plans, &err), "on-board", &err,
                  cap, n);
}

char *parleyp_rp_chart_diff(const rp_data *d, size_t plan, char *cap, size_t n)
{
    parley_error err;
    parley_error_clear(&err);
    return svg_of(parleyp_chart_diff(d->sc, &d->diff[plan], &err), "change", &err, cap, n);
}

char *parleyp_rp_chart_frontier(const rp_data *d, char *cap, size_t n)
{
    parley_error err;
    parley_error_clear(&err);
    return svg_of(parleyp_chart_frontier(d->sp, d->an, d->sc, &err), "utility-space", &err, cap, n);
}

char *parleyp_rp_chart_mediate(const rp_data *d, char *cap, size_t n)
{
    parley_error err;
    parley_error_clear(&err);
    return svg_of(parleyp_chart_mediate(d->sc, d->focus, PARLEY_MEDIATE_NASH, &d->med, &err),
                  "mediation", &err, cap, n);
}

char *parleyp_rp_chart_forecast(const rp_data *d, char *cap, size_t n)
{
    parley_error err;
    parley_error_clear(&err);
    const parley_fc_result *others[3];
    size_t n_others = 0;
    static const parley_fc_model order[3] = {PARLEY_FC_COMPROMISE, PARLEY_FC_MEDIAN, PARLEY_FC_EUM};
    for (int m = 0; m < 3; m++)
        if (d->fc[order[m]])
            others[n_others++] = d->fc[order[m]];
    return svg_of(
        parleyp_chart_forecast(d->fsc, d->fc[PARLEY_FC_SMP], others, n_others, d->mc, &err),
        "forecast", &err, cap, n);
}

char *parleyp_rp_chart_stability(const rp_data *d, char *cap, size_t n)
{
    parley_error err;
    parley_error_clear(&err);
    return svg_of(parleyp_chart_stability(d->conflict, d->st, &err), "stability", &err, cap, n);
}
