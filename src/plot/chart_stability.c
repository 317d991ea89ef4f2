/*
 * plot/chart_stability.c — stable end states (`parley stability`): a map of
 * states (x) by solution concept (y), a marker for every decision maker (or
 * coalition) for whom the state is stable, an open square where it is
 * stable for all (an equilibrium), and the status quo marked.
 */
#include "plot/chart.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_STATES 64

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
    c->width = shown > 16 ? 10.0 : 7.0;
    parleyp_chart_panel *p =
        parleyp_chart_panel_add(c, NULL, "state (number and options taken)", "solution concept");
    const char *concepts[PARLEY_GMCR_CONCEPTS];
    size_t nk = 0, krow[PARLEY_GMCR_CONCEPTS];
    for (int k = PARLEY_GMCR_CONCEPTS - 1; k >= 0; k--)
        if (parley_stability_has_concept(s, (parley_gmcr_concept)k)) {
            krow[k] = nk;
            concepts[nk++] = parley_gmcr_concept_name((parley_gmcr_concept)k);
        }
    char(*labels)[96] = calloc(shown ? shown : 1, sizeof *labels);
    const char **names = calloc(shown ? shown : 1, sizeof *names);
    size_t cap = shown * nk + 1;
    double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
    if (!labels || !names || !x || !y || !p) {
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
    parleyp_chart_axis_categories(c, &p->yaxis, concepts, nk);
    double slot = na ? 0.7 / (double)na : 0.7;
    for (size_t a = 0; a < na; a++) {
        size_t m = 0;
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            for (size_t st = 0; st < shown; st++)
                if (parley_stability_has_concept(s, (parley_gmcr_concept)k) &&
                    parley_stability_is_stable(s, (parley_gmcr_concept)k, a, st)) {
                    x[m] = (double)st - 0.35 + slot * ((double)a + 0.5);
                    y[m++] = (double)krow[k];
                }
        char label[160];
        snprintf(label, sizeof label, "stable for %s", parley_stability_agent_name(s, a));
        parleyp_chart_series *se =
            parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, label, m, x, y);
        if (se)
            se->colour = parleyp_chart_party_colour(a), se->marker = parleyp_chart_party_marker(a);
    }
    size_t m = 0;
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        for (size_t st = 0; st < shown; st++)
            if (parley_stability_has_concept(s, (parley_gmcr_concept)k) &&
                parley_stability_is_equilibrium(s, (parley_gmcr_concept)k, st))
                x[m] = (double)st, y[m++] = (double)krow[k];
    parleyp_chart_series *eq = parleyp_chart_series_add(c, p, PARLEYP_SERIES_BARS,
                                                        "equilibrium (stable for all)", m, x, y);
    if (eq) {
        double *y0 = malloc((m ? m : 1) * sizeof *y0);
        for (size_t i = 0; y0 && i < m; i++)
            eq->y[i] = y[i] + 0.4, y0[i] = y[i] - 0.4;
        parleyp_chart_series_y0(c, eq, y0);
        free(y0);
        eq->width = 0.9, eq->colour = PARLEYP_YELLOW;
    }
    /* the equilibria behind the markers */
    if (p->n_series > 1) {
        parleyp_chart_series tmp = p->series[p->n_series - 1];
        for (size_t i = p->n_series - 1; i > 0; i--)
            p->series[i] = p->series[i - 1];
        p->series[0] = tmp;
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
    parleyp_chart_caption(c,
                          "Which of the %zu states%s are stable under each solution concept for "
                          "each decision maker; a shaded cell is an equilibrium, stable for all.",
                          ns, ns > shown ? " (the first 64 shown)" : "");
    return parleyp_chart_ok(c, err);
}
