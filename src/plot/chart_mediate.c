/*
 * plot/chart_mediate.c — the mediation path (`parley mediate`): each
 * party's utility round by round from the starting plan, its walk-away
 * (dashed, in its colour), and the target package's utilities.
 */
#include "plot/chart.h"

#include <stdio.h>
#include <stdlib.h>

static const char *CONCEPT[] = {"Nash", "Kalai", "Kalai-Smorodinsky", "max welfare"};

parleyp_chart *parleyp_chart_mediate(const parley_scenario *sc, size_t plan,
                                     parley_mediate_concept concept, const parley_mediation *m,
                                     parley_error *err)
{
    char title[256];
    snprintf(title, sizeof title, "Mediation from %s", sc->plans[plan].id);
    parleyp_chart *c = parleyp_chart_new(title);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    size_t n = m->n_rounds + 1, np = sc->n_parties;
    c->width = n > 12 ? 9.0 : 7.0;
    parleyp_chart_panel *p =
        parleyp_chart_panel_add(c, NULL, "round (the issue it changed)", "utility (0-1 scale)");
    char **names = calloc(n, sizeof *names);
    double *y = malloc(n * sizeof *y);
    if (!names || !y || !p) {
        c->oom = true;
    } else {
        names[0] = "start";
        char(*buf)[96] = calloc(n, sizeof *buf);
        for (size_t r = 1; buf && r < n; r++) {
            snprintf(buf[r], sizeof buf[r], "%zu %s", r, sc->issues[m->rounds[r - 1].issue].id);
            names[r] = buf[r];
        }
        if (buf)
            parleyp_chart_axis_categories(c, &p->xaxis, (const char *const *)names, n);
        else
            c->oom = true;
        free(buf);
        for (size_t j = 0; j < np; j++) {
            y[0] = m->u0[j];
            for (size_t r = 1; r < n; r++)
                y[r] = m->rounds[r - 1].u[j];
            parleyp_chart_series *s =
                parleyp_chart_series_add(c, p, PARLEYP_SERIES_LINE, sc->parties[j].id, n, NULL, y);
            if (s)
                s->colour = parleyp_chart_party_colour(j),
                s->marker = parleyp_chart_party_marker(j);
            parleyp_chart_ref_add(c, p, false, sc->parties[j].walk_away, NULL,
                                  parleyp_chart_party_colour(j), PARLEYP_LINE_DASHED);
        }
        /* a legend entry for the dashed walk-aways */
        parleyp_chart_series *w =
            parleyp_chart_series_add(c, p, PARLEYP_SERIES_LINE, "walk-aways", 0, NULL, NULL);
        if (w)
            w->colour = PARLEYP_BLACK, w->line = PARLEYP_LINE_DASHED;
        if (m->has_target) {
            char label[96];
            snprintf(label, sizeof label, "target package (%s)", CONCEPT[concept % 4]);
            double *x = malloc(np * sizeof *x);
            for (size_t j = 0; x && j < np; j++)
                x[j] = (double)(n - 1) + 0.25;
            parleyp_chart_series *s =
                x ? parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, label, np, x, m->target_u)
                  : NULL;
            if (s)
                s->colour = PARLEYP_BLACK, s->marker = PARLEYP_MARK_OPEN_CIRCLE;
            for (size_t j = 0; s && j < np; j++)
                parleyp_chart_series_tag(c, s, j, sc->parties[j].id);
            free(x);
        }
    }
    free(names);
    free(y);
    parleyp_chart_caption(c,
                          "Each party's utility as the mediator changes one issue of %s per round "
                          "(%zu round%s; %s), with each party's walk-away dashed in its colour.",
                          sc->plans[plan].id, m->n_rounds, m->n_rounds == 1 ? "" : "s",
                          m->all_above ? "every party ends at or above its walk-away"
                                       : "some party ends below its walk-away");
    return parleyp_chart_ok(c, err);
}
