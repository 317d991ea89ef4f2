/*
 * plot/chart_frontier.c — the space of deals (`parley frontier`): the
 * Pareto frontier in utility space with the solution packages, walk-aways
 * and plan versions, one plot for two parties and a matrix of pairwise
 * projections for more; and a negotiation (`parley negotiate`): the offers
 * of each agent in utility space and over time.
 */
#include "plot/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_PARTIES 6 /* pairwise projections of at most the first 6 parties: 15 panels */

static void axis_label(char *buf, size_t n, const char *party)
{
    snprintf(buf, n, "utility of %s (0-1 scale)", party);
}

/* The frontier projected on parties (i, j), as dots. */
static void frontier_series(parleyp_chart *c, parleyp_chart_panel *p, const parley_frontier *fr,
                            size_t i, size_t j, parleyp_marker mark)
{
    size_t n = fr->n_points;
    double *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
    if (!x || !y) {
        c->oom = true;
    } else {
        for (size_t k = 0; k < n; k++) {
            x[k] = fr->utility[k * fr->n_parties + i];
            y[k] = fr->utility[k * fr->n_parties + j];
        }
        char label[64];
        snprintf(label, sizeof label, "Pareto frontier (%zu point%s)", n, n == 1 ? "" : "s");
        parleyp_chart_series *s = parleyp_chart_series_add(
            c, p, mark == PARLEYP_MARK_DOT ? PARLEYP_SERIES_POINTS : PARLEYP_SERIES_LINE, label, n,
            x, y);
        if (s)
            s->colour = PARLEYP_SKY, s->marker = mark;
    }
    free(x);
    free(y);
}

static void solution(parleyp_chart *c, parleyp_chart_panel *p, const parley_frontier *fr,
                     const size_t *idx, size_t n, size_t i, size_t j, const char *name, int col,
                     parleyp_marker m)
{
    if (!n)
        return;
    double x = fr->utility[idx[0] * fr->n_parties + i], y = fr->utility[idx[0] * fr->n_parties + j];
    parleyp_chart_series *s =
        parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, name, 1, &x, &y);
    if (s)
        s->colour = col, s->marker = m;
}

static void plans(parleyp_chart *c, parleyp_chart_panel *p, const parley_scenario *sc, size_t i,
                  size_t j)
{
    if (!sc || !sc->n_plans)
        return;
    double *x = malloc(sc->n_plans * sizeof *x), *y = malloc(sc->n_plans * sizeof *y);
    if (!x || !y) {
        c->oom = true;
    } else {
        for (size_t k = 0; k < sc->n_plans; k++) {
            bool exact;
            x[k] = parley_utility_expected(sc, i, sc->plans[k].sets, &exact);
            y[k] = parley_utility_expected(sc, j, sc->plans[k].sets, &exact);
        }
        parleyp_chart_series *s = parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS,
                                                           "plan versions", sc->n_plans, x, y);
        if (s)
            s->colour = PARLEYP_BLACK, s->marker = PARLEYP_MARK_OPEN_SQUARE;
        for (size_t k = 0; k < sc->n_plans; k++)
            parleyp_chart_series_tag(c, s, k, sc->plans[k].id);
    }
    free(x);
    free(y);
}

/* The walk-aways (the disagreement point where a party has none), dashed;
 * named in the legend (labels on the lines would crowd a matrix). */
static void walk_aways(parleyp_chart *c, parleyp_chart_panel *p, const parley_space *sp,
                       const parley_analysis *an, size_t i, size_t j)
{
    double wi = parley_space_reservation(sp, i), wj = parley_space_reservation(sp, j);
    parleyp_chart_ref_add(c, p, true, isfinite(wi) ? wi : an->disagreement[i], NULL, PARLEYP_GREY,
                          PARLEYP_LINE_DASHED);
    parleyp_chart_ref_add(c, p, false, isfinite(wj) ? wj : an->disagreement[j], NULL, PARLEYP_GREY,
                          PARLEYP_LINE_DASHED);
    parleyp_chart_series *s =
        parleyp_chart_series_add(c, p, PARLEYP_SERIES_LINE, "walk-aways", 0, NULL, NULL);
    if (s)
        s->colour = PARLEYP_GREY, s->line = PARLEYP_LINE_DASHED;
}

static void panel_for(parleyp_chart *c, const parley_space *sp, const parley_analysis *an,
                      const parley_scenario *sc, size_t i, size_t j, bool matrix)
{
    char xl[160], yl[160], title[160];
    const char *pi = parley_space_party_name(sp, i), *pj = parley_space_party_name(sp, j);
    axis_label(xl, sizeof xl, pi);
    axis_label(yl, sizeof yl, pj);
    snprintf(title, sizeof title, "%s and %s", pi, pj);
    parleyp_chart_panel *p = parleyp_chart_panel_add(c, matrix ? title : NULL, xl, yl);
    const parley_frontier *fr = &an->frontier;
    walk_aways(c, p, sp, an, i, j);
    frontier_series(c, p, fr, i, j,
                    matrix || fr->n_points > 400 ? PARLEYP_MARK_DOT : PARLEYP_MARK_CIRCLE);
    solution(c, p, fr, an->nash, an->n_nash, i, j, "Nash", PARLEYP_VERMILLION,
             PARLEYP_MARK_DIAMOND);
    solution(c, p, fr, an->kalai, an->n_kalai, i, j, "Kalai (egalitarian)", PARLEYP_GREEN,
             PARLEYP_MARK_TRIANGLE);
    solution(c, p, fr, an->ks, an->n_ks, i, j, "Kalai-Smorodinsky", PARLEYP_ORANGE,
             PARLEYP_MARK_SQUARE);
    solution(c, p, fr, an->welfare, an->n_welfare, i, j, "max welfare", PARLEYP_PURPLE,
             PARLEYP_MARK_CIRCLE);
    plans(c, p, sc, i, j);
}

parleyp_chart *parleyp_chart_frontier(const parley_space *sp, const parley_analysis *an,
                                      const parley_scenario *sc, parley_error *err)
{
    parleyp_chart *c = parleyp_chart_new("The space of deals");
    if (!c)
        return parleyp_chart_ok(NULL, err);
    size_t np = parley_space_party_count(sp), shown = np < MAX_PARTIES ? np : MAX_PARTIES;
    if (np <= 2) {
        panel_for(c, sp, an, sc, 0, np > 1 ? 1 : 0, false);
    } else {
        size_t pairs = shown * (shown - 1) / 2;
        c->columns = pairs <= 3 ? pairs : pairs <= 6 ? 3 : pairs <= 10 ? 4 : 5;
        size_t rows = (pairs + c->columns - 1) / c->columns;
        c->width = 3.0 * (double)c->columns + 2.0;
        c->height = 2.7 * (double)rows + 0.6;
        for (size_t i = 0; i < shown; i++)
            for (size_t j = i + 1; j < shown; j++)
                panel_for(c, sp, an, sc, i, j, true);
    }
    parleyp_chart_caption(c,
                          "Every package no party can improve on without another losing (the "
                          "Pareto frontier, %zu points above every walk-away) in utility space%s, "
                          "with the bargaining solutions%s.",
                          an->frontier.n_points, np > 2 ? ", two parties at a time" : "",
                          sc && sc->n_plans ? " and the plan versions" : "");
    return parleyp_chart_ok(c, err);
}

/* ---- a negotiation -------------------------------------------------------- */

/* Agents' colours leave vermillion to the Nash package and sky blue to the frontier. */
static int agent_colour(size_t p)
{
    static const int col[] = {PARLEYP_BLUE, PARLEYP_ORANGE, PARLEYP_GREEN, PARLEYP_PURPLE,
                              PARLEYP_BLACK};
    return col[p % 5];
}

static void offers_by(parleyp_chart *c, parleyp_chart_panel *space, parleyp_chart_panel *time,
                      const parley_negotiation_result *r, size_t party, const char *label)
{
    size_t n = 0, np = r->n_parties;
    double *x = malloc((r->n_trace + 1) * sizeof *x), *y = malloc((r->n_trace + 1) * sizeof *y);
    double *t = malloc((r->n_trace + 1) * sizeof *t), *own = malloc((r->n_trace + 1) * sizeof *own);
    if (!x || !y || !t || !own) {
        c->oom = true;
    } else {
        for (size_t k = 0; k < r->n_trace; k++) {
            const parley_trace_entry *e = &r->trace[k];
            if (e->party != party || e->action != PARLEY_ACTION_OFFER || e->offer < 0)
                continue;
            const double *u = &r->offer_utility[(size_t)e->offer * np];
            x[n] = u[0], y[n] = u[np > 1 ? 1 : 0], t[n] = e->time, own[n++] = u[party];
        }
        parleyp_chart_series *s =
            parleyp_chart_series_add(c, space, PARLEYP_SERIES_POINTS, label, n, x, y);
        if (s)
            s->colour = agent_colour(party), s->marker = parleyp_chart_party_marker(party);
        s = parleyp_chart_series_add(c, time, PARLEYP_SERIES_STEP, label, n, t, own);
        if (s)
            s->colour = agent_colour(party);
    }
    free(x);
    free(y);
    free(t);
    free(own);
}

parleyp_chart *parleyp_chart_trace(const parley_nego_domain *dom,
                                   const parley_negotiation_result *r, const char *const *agents,
                                   parley_error *err)
{
    const parley_space *sp = parley_nego_domain_space(dom);
    const parley_analysis *an = parley_nego_domain_analysis(dom);
    size_t np = r->n_parties;
    parleyp_chart *c = parleyp_chart_new("A negotiation, offer by offer");
    if (!c)
        return parleyp_chart_ok(NULL, err);
    c->columns = 2;
    c->width = 10.0;
    char xl[160], yl[160];
    axis_label(xl, sizeof xl, parley_space_party_name(sp, 0));
    axis_label(yl, sizeof yl, parley_space_party_name(sp, np > 1 ? 1 : 0));
    parleyp_chart_panel *space = parleyp_chart_panel_add(c, "Offers in utility space", xl, yl);
    parleyp_chart_panel *time =
        parleyp_chart_panel_add(c, "Own utility of each offer", "time (share of the deadline)",
                                "utility to the proposer (0-1 scale)");
    space = &c->panels[0];
    if (c->oom)
        return parleyp_chart_ok(c, err);
    parleyp_chart_axis_range(&time->xaxis, 0.0, 1.0);
    frontier_series(c, space, &an->frontier, 0, np > 1 ? 1 : 0,
                    an->frontier.n_points > 400 ? PARLEYP_MARK_DOT : PARLEYP_MARK_NONE);
    for (size_t p = 0; p < np; p++) {
        char label[160];
        snprintf(label, sizeof label, "offers by %s%s%s%s", parley_space_party_name(sp, p),
                 agents && agents[p] ? " (" : "", agents && agents[p] ? agents[p] : "",
                 agents && agents[p] ? ")" : "");
        offers_by(c, space, time, r, p, label);
        parleyp_chart_ref_add(c, time, false, parley_nego_domain_walk_away(dom, p), NULL,
                              agent_colour(p), PARLEYP_LINE_DASHED);
    }
    solution(c, space, &an->frontier, an->nash, an->n_nash, 0, np > 1 ? 1 : 0, "Nash",
             PARLEYP_VERMILLION, PARLEYP_MARK_DIAMOND);
    if (r->agreed) {
        double x = r->utility[0], y = r->utility[np > 1 ? 1 : 0];
        parleyp_chart_series *s =
            parleyp_chart_series_add(c, space, PARLEYP_SERIES_POINTS, "agreement", 1, &x, &y);
        if (s)
            s->colour = PARLEYP_BLACK, s->marker = PARLEYP_MARK_OPEN_CIRCLE;
        double t = r->time;
        parleyp_chart_ref_add(c, time, true, t, "agreement", PARLEYP_BLACK, PARLEYP_LINE_DASHED);
    }
    parleyp_chart_caption(c,
                          "Each agent's offers in utility space with the Pareto frontier (left) "
                          "and what each offer is worth to the agent making it as the deadline "
                          "nears, walk-aways dashed (right); %s after %zu steps.",
                          r->agreed ? "agreement" : "no agreement", r->steps);
    return parleyp_chart_ok(c, err);
}
