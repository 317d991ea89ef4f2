/*
 * report/charts.c — the report's charts, each built by the chart module
 * (src/plot: a plain chart description per kind, drawn with PLplot) and
 * inlined as SVG. Each returns the SVG (caller owns) and the chart's own
 * plain-language caption in cap, or NULL with the reason in cap.
 */
#include "report/report_impl.h"

#include <stdio.h>

static char *missing(char *cap, size_t n, const char *kind)
{
    snprintf(cap, n, "The %s chart is not drawn: this build has no chart module (src/plot).", kind);
    return NULL;
}

char *parleyp_rp_chart_onboard(const rp_data *d, size_t plan, char *cap, size_t n)
{
    (void)d;
    (void)plan;
    return missing(cap, n, "on-board");
}

char *parleyp_rp_chart_diff(const rp_data *d, size_t plan, char *cap, size_t n)
{
    (void)d;
    (void)plan;
    return missing(cap, n, "change");
}

char *parleyp_rp_chart_frontier(const rp_data *d, char *cap, size_t n)
{
    (void)d;
    return missing(cap, n, "utility-space");
}

char *parleyp_rp_chart_mediate(const rp_data *d, char *cap, size_t n)
{
    (void)d;
    return missing(cap, n, "mediation");
}

char *parleyp_rp_chart_forecast(const rp_data *d, size_t dim, char *cap, size_t n)
{
    (void)d;
    (void)dim;
    return missing(cap, n, "forecast");
}

char *parleyp_rp_chart_stability(const rp_data *d, char *cap, size_t n)
{
    (void)d;
    return missing(cap, n, "stability");
}
