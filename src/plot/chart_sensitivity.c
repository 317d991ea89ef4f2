/*
 * plot/chart_sensitivity.c — the chart of `parley sensitivity`: one tornado
 * panel per party (parleyp_chart_tornado_panel), a row for each issue
 * weight (as written in the file) and for the walk-away, the bar the range
 * [lower, upper] of that one number, the others fixed, over which the party
 * stays at or above its walk-away, drawn relative to the value now (the
 * line at 0; the value itself and its unit in the row's label). Rows are
 * sorted by the width of the range, the narrowest (most sensitive) on top;
 * for a party below its walk-away now the bar is where the number would
 * have to move to bring it in, and "never above" when no value does.
 */
#include "plot/chart.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sort order of a row: finite ranges by width, then unbounded ones, then
 * rows with no range; ties keep the file order. */
static bool narrower(const parley_sens_row *a, const parley_sens_row *b)
{
    int ra = isnan(a->lower) || isnan(a->upper) ? 2 : isinf(a->upper - a->lower) ? 1 : 0;
    int rb = isnan(b->lower) || isnan(b->upper) ? 2 : isinf(b->upper - b->lower) ? 1 : 0;
    if (ra != rb)
        return ra < rb;
    return ra == 0 && a->upper - a->lower < b->upper - b->lower;
}

parleyp_chart *parleyp_chart_sensitivity(const parley_scenario *sc, const parley_sensitivity *s,
                                         parley_error *err)
{
    size_t np = sc ? sc->n_parties : 0, nr = sc ? sc->n_issues + 1 : 0;
    if (!sc || !s || !np || s->n_rows != np * nr || s->plan >= sc->n_plans) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                         "the sensitivity result does not belong to this scenario");
        return NULL;
    }
    const parley_plan *pl = &sc->plans[s->plan];
    char text[512];
    snprintf(text, sizeof text, "Sensitivity of plan %s", pl->id);
    parleyp_chart *c = parleyp_chart_new(text);
    if (!c)
        return parleyp_chart_ok(NULL, err);
    c->columns = np == 1 ? 1 : np <= 6 ? 2 : 3;
    c->width = c->columns == 1 ? 7.0 : c->columns == 2 ? 14.0 : 18.0;
    size_t prow = (np + c->columns - 1) / c->columns;
    c->height = fmin(20.0, fmax(4.5, 0.4 + (double)prow * (1.3 + 0.2 * (double)nr)));
    size_t *order = malloc(nr * sizeof *order);
    char **labels = calloc(nr, sizeof *labels);
    double *low = malloc(nr * sizeof *low), *high = malloc(nr * sizeof *high);
    size_t n_below = 0;
    for (size_t j = 0; order && labels && low && high && j < np; j++) {
        const parley_sens_row *rows = &s->rows[j * nr];
        /* insertion sort: a few dozen rows at most */
        for (size_t k = 0; k < nr; k++) {
            size_t i = k;
            for (; i > 0 && narrower(&rows[k], &rows[order[i - 1]]); i--)
                order[i] = order[i - 1];
            order[i] = k;
        }
        for (size_t k = 0; k < nr; k++) {
            const parley_sens_row *r = &rows[order[k]];
            if (r->param == PARLEY_SENS_WEIGHT)
                snprintf(text, sizeof text, "%s (weight %.3g)", sc->issues[r->issue].id, r->value);
            else
                snprintf(text, sizeof text, "walk-away (utility %.3g)", r->value);
            free(labels[k]);
            labels[k] = malloc(strlen(text) + 1);
            if (!labels[k]) {
                c->oom = true;
                break;
            }
            strcpy(labels[k], text);
            low[k] = r->lower - r->value;
            high[k] = r->upper - r->value;
        }
        if (c->oom)
            break;
        bool above = rows[0].above;
        n_below += !above;
        snprintf(text, sizeof text, "%s: utility %.2f, %swalk-away %.2f", sc->parties[j].id,
                 rows[0].utility, above ? "" : "below ", sc->parties[j].walk_away);
        parleyp_chart_panel *p =
            parleyp_chart_panel_add(c, text, "change from the value now", NULL);
        parleyp_chart_tornado_panel(c, p, (const char *const *)labels, low, high, nr,
                                    "never above");
    }
    if (!order || !labels || !low || !high)
        c->oom = true;
    for (size_t k = 0; labels && k < nr; k++)
        free(labels[k]);
    free(labels);
    free(order);
    free(low);
    free(high);
    parleyp_chart_caption(c,
                          "For each party, how far each of its issue weights and its walk-away "
                          "may move alone, the others fixed, while the party stays at or above "
                          "its walk-away under plan %s (narrowest ranges, the most sensitive, on "
                          "top)%s.",
                          pl->id,
                          n_below ? "; for a party below it now, where the number would have to "
                                    "move to bring it in"
                                  : "");
    return parleyp_chart_ok(c, err);
}
