/*
 * scoring/score.c — scores one plan for every party, and each point's effect
 * (see parley/scoring.h for the definitions).
 */
#include "parley.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* sets[] of the plan with point p struck: its issues open unless another
 * point of the plan sets them. */
static void strike_point(const parley_scenario *sc, const parley_plan *pl, size_t p, long *sets)
{
    memcpy(sets, pl->sets, sc->n_issues * sizeof *sets);
    const parley_point *pt = &pl->points[p];
    for (size_t s = 0; s < pt->n_sets; s++) {
        size_t is = pt->set_issue[s];
        bool other = false;
        for (size_t q = 0; q < pl->n_points && !other; q++) {
            if (q == p)
                continue;
            for (size_t t = 0; t < pl->points[q].n_sets && !other; t++)
                other = pl->points[q].set_issue[t] == is;
        }
        if (!other)
            sets[is] = -1;
    }
}

void parley_score_free(parley_score *s)
{
    free(s->party);
    free(s->open);
    free(s->effect);
    memset(s, 0, sizeof *s);
}

parley_status parley_plan_score(const parley_scenario *sc, size_t plan, parley_score *out,
                                parley_error *err)
{
    const parley_plan *pl = &sc->plans[plan];
    size_t np = sc->n_parties;
    memset(out, 0, sizeof *out);
    out->plan = plan;
    out->n_parties = np;
    out->n_points = pl->n_points;
    out->party = calloc(np, sizeof *out->party);
    out->open = calloc(sc->n_issues, sizeof *out->open);
    out->effect = calloc(pl->n_points * np + 1, sizeof *out->effect);
    long *sets = calloc(sc->n_issues, sizeof *sets);
    if (!out->party || !out->open || !out->effect || !sets) {
        free(sets);
        parley_score_free(out);
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    }
    for (size_t i = 0; i < sc->n_issues; i++)
        if (pl->sets[i] < 0)
            out->open[out->n_open++] = i;
    parley_status st = PARLEY_OK;
    for (size_t j = 0; j < np && !st; j++) {
        parley_party_score *ps = &out->party[j];
        double w = sc->parties[j].walk_away;
        ps->utility = parley_utility_expected(sc, j, pl->sets, &ps->exact);
        st = parley_utility_range(sc, j, &ps->min, &ps->max, err);
        ps->above = ps->utility >= w;
        ps->on_board = ps->max > w ? (ps->utility - w) / (ps->max - w) : (double)NAN;
    }
    for (size_t p = 0; p < pl->n_points && !st; p++) {
        strike_point(sc, pl, p, sets);
        for (size_t j = 0; j < np; j++) {
            bool exact;
            double u = parley_utility_expected(sc, j, sets, &exact);
            out->effect[p * np + j] = out->party[j].utility - u;
        }
    }
    free(sets);
    if (st)
        parley_score_free(out);
    return st;
}
