/*
 * forecast/from_scenario.c — a parley scenario (parley/scenario.h, as
 * parley_scenario_load fills it) seen as a spatial forecasting problem:
 *
 *   dimension   each issue with at least one option carrying a 0-100
 *               `position` (integer and real ranges always do);
 *   position    of an actor on it: the position of the option it values
 *               most among those with a position (ties: mean of the tied
 *               positions);
 *   salience    its weight on that issue x 100 (weights sum to 1 over all
 *               issues, so saliences sum to at most 100);
 *   capability  the party's power;
 *   scale       how positions read in the issue's terms: a range's value
 *               (lower + position / 100 * (upper - lower)) in its `unit:`,
 *               or the option nearest in position (parley_fc_value,
 *               parley_fc_nearest_option; the result's value/nearest_option).
 */
#include "forecast/fc_internal.h"
#include "core/error.h"
#include "model/scenario.h"

#include <math.h>
#include <stdlib.h>

static bool spatial(const parley_issue *is)
{
    for (size_t o = 0; o < is->n_options; o++)
        if (!isnan(is->options[o].position))
            return true;
    return false;
}

/* The issue's terms of its dimension: a range's bounds, or the positions of
 * its options; the unit either way. */
static bool scale_of(const parley_issue *is, parley_fc_dim_scale *s)
{
    s->range = is->kind != PARLEY_ISSUE_DISCRETE;
    s->lower = is->lower;
    s->upper = is->upper;
    if (is->unit && !(s->unit = parleyp_fc_strdup(is->unit)))
        return false;
    if (s->range)
        return true;
    size_t n = 0;
    for (size_t o = 0; o < is->n_options; o++)
        n += !isnan(is->options[o].position);
    s->option = calloc(n ? n : 1, sizeof *s->option);
    s->option_pos = malloc((n ? n : 1) * sizeof *s->option_pos);
    if (!s->option || !s->option_pos)
        return false;
    for (size_t o = 0; o < is->n_options; o++)
        if (!isnan(is->options[o].position)) {
            s->option_pos[s->n_options] = is->options[o].position;
            if (!(s->option[s->n_options++] = parleyp_fc_strdup(is->options[o].id)))
                return false;
        }
    return true;
}

parley_fc_scenario *parley_fc_from_scenario(const parley_scenario *ps, parley_error *err)
{
    size_t D = 0;
    for (size_t k = 0; k < ps->n_issues; k++)
        D += spatial(&ps->issues[k]);
    if (D == 0) {
        parley_error_set(err, PARLEY_ERR_INPUT, ps->file, 0, 0, "issues",
                         "no issue has option positions (0-100), so there is nothing to "
                         "forecast; add `position:` to the options of an issue");
        return NULL;
    }
    const size_t n = ps->n_parties;
    if (n < 2) {
        parley_error_set(err, PARLEY_ERR_INPUT, ps->file, 0, 0, "parties",
                         "a forecast needs at least 2 parties");
        return NULL;
    }
    parley_fc_scenario *sc = parley_fc_scenario_new(n, D);
    if (!sc || (ps->file && !(sc->file = parleyp_fc_strdup(ps->file))) ||
        !(sc->name = parleyp_fc_strdup(ps->title ? ps->title : (ps->file ? ps->file : "scenario"))))
        goto oom;
    if (!(sc->scale = calloc(D, sizeof *sc->scale)))
        goto oom;
    bool copied = true;
    if ((sc->overrides = parleyp_fc_overrides_copy(ps->overrides, ps->n_overrides, &copied)))
        sc->n_overrides = ps->n_overrides;
    if (!copied)
        goto oom;
    size_t d = 0;
    for (size_t k = 0; k < ps->n_issues; k++) {
        const parley_issue *is = &ps->issues[k];
        if (!spatial(is))
            continue;
        if (!(sc->dim[d] = parleyp_fc_strdup(is->id)))
            goto oom;
        if (!scale_of(is, &sc->scale[d]))
            goto oom;
        for (size_t i = 0; i < n; i++) {
            const double *val = ps->prefs[i].value[k];
            double best = -INFINITY, sum = 0.0;
            size_t ties = 0;
            for (size_t o = 0; o < is->n_options; o++) {
                if (isnan(is->options[o].position))
                    continue;
                if (val[o] > best) {
                    best = val[o];
                    sum = is->options[o].position;
                    ties = 1;
                } else if (val[o] == best) {
                    sum += is->options[o].position;
                    ties++;
                }
            }
            sc->position[i * D + d] = sum / (double)ties;
            sc->salience[i * D + d] = 100.0 * ps->prefs[i].weight[k];
        }
        d++;
    }
    for (size_t i = 0; i < n; i++) {
        const parley_party *p = &ps->parties[i];
        if (!(sc->actor[i] = parleyp_fc_strdup(p->id)) ||
            (p->name && !(sc->actor_desc[i] = parleyp_fc_strdup(p->name))))
            goto oom;
        sc->capability[i] = p->power;
        if (!(p->power > 0.0)) {
            parley_error_set(err, PARLEY_ERR_INPUT, ps->file, p->where.line, p->where.column,
                             "power", "party %s: power must be > 0 for a forecast, not %g", p->id,
                             p->power);
            parley_fc_scenario_free(sc);
            return NULL;
        }
        double smax = 0.0;
        for (size_t k = 0; k < D; k++)
            smax = fmax(smax, sc->salience[i * D + k]);
        if (smax <= 0.0) {
            parley_error_set(err, PARLEY_ERR_INPUT, ps->file, p->where.line, p->where.column,
                             "weights",
                             "party %s puts no weight on any issue with option "
                             "positions, so it has no place in a spatial forecast",
                             p->id);
            parley_fc_scenario_free(sc);
            return NULL;
        }
    }
    return sc;
oom:
    parley_fc_scenario_free(sc);
    parley_error_set(err, PARLEY_ERR_LIMIT, ps->file, 0, 0, NULL, "out of memory");
    return NULL;
}
