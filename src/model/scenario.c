/*
 * model/scenario.c — lifetime of a parley_scenario (free), index lookups
 * and warnings. Building a scenario is io/yaml_scenario.c's job; checking
 * and resolving it is model/plan.c's.
 */
#include "model/scenario.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_conditions(parley_rule_condition *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        free(c[i].allowed);
    free(c);
}

static void free_points(parley_point *pts, size_t n)
{
    for (size_t i = 0; pts && i < n; i++) {
        free(pts[i].id);
        free(pts[i].text);
        free(pts[i].set_issue);
        free(pts[i].set_option);
        free(pts[i].date);
    }
    free(pts);
}

static void free_plan(parley_plan *pl)
{
    free(pl->id);
    free(pl->name);
    free(pl->date);
    free(pl->source);
    free_points(pl->points, pl->n_points);
    for (size_t d = 0; pl->drops && d < pl->n_drops; d++) {
        free(pl->drops[d].point_id);
        free(pl->drops[d].date);
    }
    free(pl->drops);
    free(pl->sets);
}

static void free_prefs(parley_prefs *pr, size_t n_issues)
{
    if (pr->value)
        for (size_t i = 0; i < n_issues; i++)
            free(pr->value[i]);
    free(pr->value);
    free(pr->weight);
    free(pr->raw_weight);
    for (size_t r = 0; pr->rules && r < pr->n_rules; r++) {
        free(pr->rules[r].label);
        free_conditions(pr->rules[r].when, pr->rules[r].n_when);
        free_conditions(pr->rules[r].unless, pr->rules[r].n_unless);
    }
    free(pr->rules);
}

void parley_scenario_free(parley_scenario *sc)
{
    if (!sc)
        return;
    /* A reader that ran out of memory may leave a count without its array. */
    for (size_t p = 0; sc->parties && p < sc->n_parties; p++) {
        free(sc->parties[p].id);
        free(sc->parties[p].name);
    }
    if (sc->prefs)
        for (size_t p = 0; p < sc->n_parties; p++)
            free_prefs(&sc->prefs[p], sc->n_issues);
    for (size_t i = 0; sc->issues && i < sc->n_issues; i++) {
        for (size_t o = 0; sc->issues[i].options && o < sc->issues[i].n_options; o++) {
            free(sc->issues[i].options[o].id);
            free(sc->issues[i].options[o].label);
        }
        free(sc->issues[i].options);
        free(sc->issues[i].id);
        free(sc->issues[i].name);
        free(sc->issues[i].unit);
    }
    for (size_t k = 0; sc->plans && k < sc->n_plans; k++)
        free_plan(&sc->plans[k]);
    for (size_t s = 0; sc->stances && s < sc->n_stances; s++) {
        parley_stance *st = &sc->stances[s];
        for (size_t k = 0; st->points && k < st->n_points; k++)
            free(st->points[k]);
        free(st->points);
        free(st->source);
        free(st->date);
        free(st->note);
        free(st->disputed_by);
    }
    for (size_t w = 0; sc->warnings && w < sc->n_warnings; w++)
        free(sc->warnings[w]);
    free(sc->warnings);
    for (size_t k = 0; sc->overrides && k < sc->n_overrides; k++) {
        free(sc->overrides[k].option);
        free(sc->overrides[k].argument);
    }
    free(sc->overrides);
    free(sc->parties);
    free(sc->prefs);
    free(sc->issues);
    free(sc->plans);
    free(sc->stances);
    free(sc->file);
    free(sc->title);
    free(sc->description);
    free(sc->notes);
    for (size_t k = 0; k < sc->n_sources; k++)
        free(sc->sources[k]);
    free(sc->sources);
    free(sc);
}

long parley_party_find(const parley_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_parties; i++)
        if (sc->parties[i].id && strcmp(sc->parties[i].id, id) == 0)
            return (long)i;
    return -1;
}

long parley_issue_find(const parley_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_issues; i++)
        if (sc->issues[i].id && strcmp(sc->issues[i].id, id) == 0)
            return (long)i;
    return -1;
}

long parley_option_find(const parley_issue *is, const char *id)
{
    for (size_t i = 0; i < is->n_options; i++)
        if (is->options[i].id && strcmp(is->options[i].id, id) == 0)
            return (long)i;
    return -1;
}

long parley_plan_find(const parley_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_plans; i++)
        if (sc->plans[i].id && strcmp(sc->plans[i].id, id) == 0)
            return (long)i;
    return -1;
}

parley_status parleyp_pm_scenario_warn(parley_scenario *sc, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **w = realloc(sc->warnings, (sc->n_warnings + 1) * sizeof *w);
    if (!w)
        return PARLEY_ERR_LIMIT;
    sc->warnings = w;
    if (!(w[sc->n_warnings] = strdup(buf)))
        return PARLEY_ERR_LIMIT;
    sc->n_warnings++;
    return PARLEY_OK;
}

size_t parley_scenario_warning_count(const parley_scenario *sc)
{
    return sc->n_warnings;
}

const char *parley_scenario_warning(const parley_scenario *sc, size_t i)
{
    return i < sc->n_warnings ? sc->warnings[i] : NULL;
}
