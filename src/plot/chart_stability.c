/*
 * plot/chart_stability.c — stable end states (`parley stability`): a map of
 * states (x) by solution concept and decision maker (y: one row per
 * decision maker or coalition within each concept's band of rows), a marker
 * where the state is stable for that decision maker, the band shaded where
 * it is stable for all (an equilibrium), and the status quo marked.
 */
#include "plot/chart.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_STATES 64

/* Row of (concept band b, agent a); bands from the top: Nash first. */
static double row(size_t b, size_t a, size_t nk, size_t na)
{
    return (double)((nk - 1 - b) * (na + 1) + (na - 1 - a));
}

static void rows(parleyp_chart *c, parleyp_chart_panel *p, const parley_stability *s,
                 const int *concept, size_t nk)
{
    size_t na = parley_stability_agent_count(s), n = nk * (na + 1);
    char(*buf)[160] = calloc(n ? n : 1, sizeof *buf);
    const char **names = calloc(n ? n : 1, sizeof *names);
    for (size_t b = 0; buf && names && b < nk; b++) {
        for (size_t a = 0; a < na; a++) {
            size_t r = (size_t)row(b, a, nk, na);
            snprintf(buf[r], sizeof buf[r], "%s %s",
                     a ? "" : parley_gmcr_concept_name((parley_gmcr_concept) concept[b]),
                     parley_stability_agent_name(s, a));
        }
        if (b + 1 < nk) /* a thin line between two concepts' bands */
            parleyp_chart_ref_add(c, p, false, row(b, na - 1, nk, na) - 1.0, NULL, PARLEYP_GREY,
                                  PARLEYP_LINE_SOLID);
    }
    for (size_t r = 0; buf && names && r < n; r++)
        names[r] = buf[r];
    if (buf && names)
        parleyp_chart_axis_categories(c, &p->yaxis, names, n);
    else
        c->oom = true;
    free(buf);
    free(names);
}

parleyp_chart *parleyp_chart_stability(const parley_conflict *cf, const parley_stability *s,
                                       parley_error *err)
{
    char title[256];
    snprintf(title, sizeof title, "Stable end states%s%s", parley_conflict_name(cf) ? ": " : "",
             parley_conflict_name(cf) ? parley_conflict_name(cf) : "");
    parleyp_chart *c = parleyp_chart_new(title);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    size_t ns = parley_conflict_state_count(cf), na = parley_stability_agent_count(s);
    size_t shown = ns < MAX_STATES ? ns : MAX_STATES;
    int concept[PARLEY_GMCR_CONCEPTS];
    size_t nk = 0;
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        if (parley_stability_has_concept(s, (parley_gmcr_concept)k))
    concept[nk++] = k;
    c->width = shown > 16 ? 10.0 : 7.0;
    c->height = 1.8 + 0.2 * (double)(nk * (na + 1));
    parleyp_chart_panel *p =
        parleyp_chart_panel_add(c, NULL, "state (number and options taken)", NULL);
    char(*labels)[96] = calloc(shown ? shown : 1, sizeof *labels);
    const char **names = calloc(shown ? shown : 1, sizeof *names);
    double *x = malloc((shown * nk + 1) * sizeof *x), *y = malloc((shown * nk + 1) * sizeof *y);
    double *y0 = malloc((shown * nk + 1) * sizeof *y0);
    if (!labels || !names || !x || !y || !y0 || !p) {
        c->oom = true;
        goto done;
    }
    for (size_t st = 0; st < shown; st++) {
        char buf[64];
        snprintf(labels[st], sizeof labels[st], "%zu %s", st + 1,
                 parley_conflict_state_label(cf, st, buf, sizeof buf));
        names[st] = labels[st];
    }
    parleyp_chart_axis_categories(c, &p->xaxis, names, shown);
    rows(c, p, s, concept, nk);
    /* equilibria first, so the markers stand on the shading */
    size_t m = 0;
    for (size_t b = 0; b < nk; b++)
        for (size_t st = 0; st < shown; st++)
            if (parley_stability_is_equilibrium(s, (parley_gmcr_concept) concept[b], st)) {
                x[m] = (double)st;
                y[m] = row(b, 0, nk, na) + 0.45, y0[m++] = row(b, na - 1, nk, na) - 0.45;
            }
    parleyp_chart_series *eq = parleyp_chart_series_add(c, p, PARLEYP_SERIES_BARS,
                                                        "equilibrium (stable for all)", m, x, y);
    parleyp_chart_series_y0(c, eq, y0);
    if (eq)
        eq->width = 0.9, eq->colour = PARLEYP_YELLOW;
    for (size_t a = 0; a < na; a++) {
        m = 0;
        for (size_t b = 0; b < nk; b++)
            for (size_t st = 0; st < shown; st++)
                if (parley_stability_is_stable(s, (parley_gmcr_concept) concept[b], a, st))
                    x[m] = (double)st, y[m++] = row(b, a, nk, na);
        char label[160];
        snprintf(label, sizeof label, "stable for %s", parley_stability_agent_name(s, a));
        parleyp_chart_series *se =
            parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, label, m, x, y);
        if (se)
            se->colour = parleyp_chart_party_colour(a), se->marker = parleyp_chart_party_marker(a);
    }
    long sq = parley_conflict_status_quo(cf);
    if (sq >= 0 && (size_t)sq < shown)
        parleyp_chart_ref_add(c, p, true, (double)sq, "status quo", PARLEYP_BLACK,
                              PARLEYP_LINE_DASHED);
done:
    free(labels);
    free(names);
    free(x);
    free(y);
    free(y0);
    parleyp_chart_caption(c,
                          "Which of the %zu states%s are stable under each solution concept (Nash, "
                          "GMR, SMR, SEQ, SIM, SEQ+SIM) for each decision maker; a shaded cell is "
                          "an equilibrium, stable for all.",
                          ns, ns > shown ? " (the first 64 shown)" : "");
    return parleyp_chart_ok(c, err);
}
