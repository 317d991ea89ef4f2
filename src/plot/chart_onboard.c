/*
 * plot/chart_onboard.c — the charts of `parley score` and `parley diff`:
 * who is on board with each plan version (utility against walk-away, and
 * the on-board share beside the reported stances) and what changed between
 * two versions (each changed point's effect on each party). Also the party
 * colours and markers every builder shares.
 */
#include "plot/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int parleyp_chart_party_colour(size_t j)
{
    return (int)(j % PARLEYP_YELLOW);
}

parleyp_marker parleyp_chart_party_marker(size_t j)
{
    static const parleyp_marker m[] = {PARLEYP_MARK_CIRCLE, PARLEYP_MARK_SQUARE,
                                       PARLEYP_MARK_TRIANGLE, PARLEYP_MARK_DIAMOND};
    return m[j % 4];
}

static const char **party_ids(const parley_scenario *sc)
{
    const char **ids = calloc(sc->n_parties ? sc->n_parties : 1, sizeof *ids);
    for (size_t j = 0; ids && j < sc->n_parties; j++)
        ids[j] = sc->parties[j].id;
    return ids;
}

/* Reported stances on plan k (index kk among n plans shown) as markers. */
static void stances(parleyp_chart *c, parleyp_chart_panel *p, const parley_scenario *sc,
                    const parley_score *scores, size_t n, double slot)
{
    static const char *names[] = {"reported: accepts", "reported: rejects", "reported: partial"};
    static const parleyp_marker marks[] = {PARLEYP_MARK_TRIANGLE, PARLEYP_MARK_CROSS,
                                           PARLEYP_MARK_OPEN_CIRCLE};
    for (int kind = 0; kind < 3; kind++) {
        double *x = malloc((sc->n_stances + 1) * sizeof *x);
        double *y = malloc((sc->n_stances + 1) * sizeof *y);
        size_t m = 0;
        for (size_t s = 0; x && y && s < sc->n_stances; s++) {
            const parley_stance *st = &sc->stances[s];
            if ((int)st->kind != kind || st->plan < 0)
                continue;
            for (size_t k = 0; k < n; k++)
                if (scores[k].plan == (size_t)st->plan) {
                    x[m] = (double)st->party - 0.4 + slot * ((double)k + 0.5);
                    y[m++] = isfinite(st->share) ? 100 * st->share
                             : kind == 0         ? 100
                             : kind == 1         ? 0
                                                 : 50;
                }
        }
        if (!x || !y)
            c->oom = true;
        else if (m) {
            parleyp_chart_series *se =
                parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, names[kind], m, x, y);
            if (se)
                se->marker = marks[kind], se->colour = PARLEYP_BLACK;
        }
        free(x);
        free(y);
    }
}

parleyp_chart *parleyp_chart_onboard(const parley_scenario *sc, const parley_score *scores,
                                     size_t n, parley_error *err)
{
    parleyp_chart *c = parleyp_chart_new("Who is on board");
    const char **ids = party_ids(sc);
    if (!c || !ids) {
        free(ids);
        return parleyp_chart_ok(c ? (c->oom = true, c) : NULL, err);
    }
    c->columns = 2;
    c->width = 10.5;
    parleyp_chart_panel *pu =
        parleyp_chart_panel_add(c, "Utility against walk-away", "party", "utility (0-1 scale)");
    parleyp_chart_axis_categories(c, &pu->xaxis, ids, sc->n_parties);
    parleyp_chart_panel *po = parleyp_chart_panel_add(c, "Share of attainable gain", "party",
                                                      "on board (% of attainable gain)");
    pu = &c->panels[0];
    parleyp_chart_axis_categories(c, &po->xaxis, ids, sc->n_parties);
    size_t np = sc->n_parties;
    double slot = 0.8 / (double)(n ? n : 1);
    double *x = calloc(np ? 3 * np : 1, sizeof *x), *y = calloc(np ? 3 * np : 1, sizeof *y);
    if (!x || !y)
        c->oom = true;
    for (size_t k = 0; x && y && k < n; k++) {
        const parley_plan *pl = &sc->plans[scores[k].plan];
        char label[256];
        snprintf(label, sizeof label, "%s%s%s%s", pl->id, pl->date ? " (" : "",
                 pl->date ? pl->date : "", pl->date ? ")" : "");
        for (size_t j = 0; j < np; j++) {
            x[j] = (double)j - 0.4 + slot * ((double)k + 0.5);
            y[j] = scores[k].party[j].utility;
        }
        parleyp_chart_series *s =
            parleyp_chart_series_add(c, pu, PARLEYP_SERIES_BARS, label, np, x, y);
        if (s)
            s->width = slot * 0.9, s->colour = (int)(k % PARLEYP_YELLOW);
        for (size_t j = 0; j < np; j++)
            y[j] = 100 * scores[k].party[j].on_board;
        s = parleyp_chart_series_add(c, po, PARLEYP_SERIES_BARS, label, np, x, y);
        if (s)
            s->width = slot * 0.9, s->colour = (int)(k % PARLEYP_YELLOW);
    }
    /* walk-aways: a black segment across each party's group of bars */
    for (size_t j = 0; x && y && j < np; j++) {
        x[3 * j] = (double)j - 0.45, x[3 * j + 1] = (double)j + 0.45, x[3 * j + 2] = NAN;
        y[3 * j] = y[3 * j + 1] = sc->parties[j].walk_away, y[3 * j + 2] = NAN;
    }
    parleyp_chart_series *w =
        x && y ? parleyp_chart_series_add(c, pu, PARLEYP_SERIES_LINE, "walk-away", 3 * np, x, y)
               : NULL;
    if (w)
        w->colour = PARLEYP_BLACK, w->width = 1.2;
    free(x);
    free(y);
    parleyp_chart_ref_add(c, po, false, 0.0, NULL, PARLEYP_GREY, PARLEYP_LINE_DASHED);
    stances(c, po, sc, scores, n, slot);
    parleyp_chart_caption(c,
                          "Each party's modelled utility under %zu plan version%s against its "
                          "walk-away (left), and the share of what it could gain over walking away "
                          "that each version gives it, beside the stances it reported (right).",
                          n, n == 1 ? "" : "s");
    free(ids);
    return parleyp_chart_ok(c, err);
}

static const char *diff_kind(parley_diff_kind k)
{
    return k == PARLEY_DIFF_ADDED ? "added" : k == PARLEY_DIFF_DROPPED ? "dropped" : "changed";
}

parleyp_chart *parleyp_chart_diff(const parley_scenario *sc, const parley_diff *d,
                                  parley_error *err)
{
    char title[512];
    snprintf(title, sizeof title, "What changed from %s to %s", sc->plans[d->a].id,
             sc->plans[d->b].id);
    parleyp_chart *c = parleyp_chart_new(title);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    size_t n = d->n, np = d->n_parties;
    c->height = fmin(20.0, fmax(4.5, 1.4 + 0.06 * (double)(n * (np + 1))));
    parleyp_chart_panel *p =
        parleyp_chart_panel_add(c, NULL, "change in utility (0-1 scale)", "point (who changed it)");
    char **names = calloc(n ? n : 1, sizeof *names);
    double *x = calloc(n ? n : 1, sizeof *x), *y = calloc(n ? n : 1, sizeof *y);
    if (!names || !x || !y)
        c->oom = true;
    for (size_t i = 0; names && i < n; i++) {
        const parley_diff_entry *e = &d->e[i];
        char buf[256];
        snprintf(buf, sizeof buf, "%s %s%s%s%s", diff_kind(e->kind), e->point_id,
                 e->by >= 0 ? " (" : "", e->by >= 0 ? sc->parties[e->by].id : "",
                 e->by >= 0 ? ")" : "");
        names[n - 1 - i] = malloc(256); /* first entry on top */
        if (names[n - 1 - i])
            snprintf(names[n - 1 - i], 256, "%s", buf);
        else
            c->oom = true;
    }
    if (names && !c->oom)
        parleyp_chart_axis_categories(c, &p->yaxis, (const char *const *)names, n);
    double slot = 0.8 / (double)(np ? np : 1);
    for (size_t j = 0; x && y && j < np; j++) {
        for (size_t i = 0; i < n; i++) {
            y[i] = (double)(n - 1 - i) + 0.4 - slot * ((double)j + 0.5);
            x[i] = d->e[i].delta[j];
        }
        parleyp_chart_series *s =
            parleyp_chart_series_add(c, p, PARLEYP_SERIES_HBARS, sc->parties[j].id, n, x, y);
        if (s)
            s->width = slot * 0.9, s->colour = parleyp_chart_party_colour(j);
    }
    parleyp_chart_ref_add(c, p, true, 0.0, NULL, PARLEYP_BLACK, PARLEYP_LINE_SOLID);
    if (!n)
        parleyp_chart_note_add(c, p, 0.05, 0.5, "the two versions set every issue alike");
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    free(x);
    free(y);
    parleyp_chart_caption(c,
                          "How much each of the %zu changes from %s to %s moves each party's "
                          "utility, with the party that made the change.",
                          n, sc->plans[d->a].id, sc->plans[d->b].id);
    return parleyp_chart_ok(c, err);
}
