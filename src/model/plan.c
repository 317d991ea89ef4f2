/*
 * model/plan.c — resolution of plan versions (see plan.h).
 *
 * Invariant kept: after pm_plans_resolve, every plan holds its full list of
 * points, each point knows its origin relative to `based_on`, drops are
 * recorded, and plan->sets[i] is the single option issue i is set to (or -1).
 */
#include "model/plan.h"

#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pm_point_clear(parley_point *pt)
{
    free(pt->id);
    free(pt->text);
    free(pt->set_issue);
    free(pt->set_option);
    free(pt->date);
    memset(pt, 0, sizeof *pt);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static parley_status pm_point_copy(parley_point *dst, const parley_point *src)
{
    *dst = *src;
    dst->id = dup_or_null(src->id);
    dst->text = dup_or_null(src->text);
    dst->date = dup_or_null(src->date);
    size_t n = src->n_sets ? src->n_sets : 1;
    dst->set_issue = malloc(n * sizeof(size_t));
    dst->set_option = malloc(n * sizeof(size_t));
    if (!dst->id || (src->text && !dst->text) || (src->date && !dst->date) || !dst->set_issue ||
        !dst->set_option) {
        pm_point_clear(dst);
        return PARLEY_ERR_LIMIT;
    }
    memcpy(dst->set_issue, src->set_issue, src->n_sets * sizeof(size_t));
    memcpy(dst->set_option, src->set_option, src->n_sets * sizeof(size_t));
    return PARLEY_OK;
}

void parleyp_pm_plan_raw_free(pm_plan_raw *raw, size_t n)
{
    if (!raw)
        return;
    for (size_t k = 0; k < n; k++) {
        free(raw[k].based_on_id);
        for (size_t c = 0; raw[k].changes && c < raw[k].n_changes; c++)
            pm_point_clear(&raw[k].changes[c].point);
        free(raw[k].changes);
    }
    free(raw);
}

long parley_point_find(const parley_plan *pl, const char *id)
{
    for (size_t i = 0; i < pl->n_points; i++)
        if (strcmp(pl->points[i].id, id) == 0)
            return (long)i;
    return -1;
}

bool parley_point_same(const parley_point *a, const parley_point *b)
{
    bool same_text =
        (!a->text && !b->text) || (a->text && b->text && strcmp(a->text, b->text) == 0);
    if (!same_text || a->n_sets != b->n_sets)
        return false;
    for (size_t i = 0; i < a->n_sets; i++) {
        bool found = false;
        for (size_t j = 0; j < b->n_sets && !found; j++)
            found = a->set_issue[i] == b->set_issue[j] && a->set_option[i] == b->set_option[j];
        if (!found)
            return false;
    }
    return true;
}

static parley_status oom(parley_error *err, const parley_scenario *sc)
{
    return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
}

static parley_status add_drop(parley_scenario *sc, parley_plan *pl, const char *id, long by,
                              const char *date, parley_where where, parley_error *err)
{
    parley_drop *d = realloc(pl->drops, (pl->n_drops + 1) * sizeof *d);
    if (!d)
        return oom(err, sc);
    pl->drops = d;
    parley_drop *x = &d[pl->n_drops];
    x->point_id = strdup(id);
    x->date = dup_or_null(date);
    x->by = by;
    x->where = where;
    if (!x->point_id || (date && !x->date)) {
        free(x->point_id);
        free(x->date);
        return oom(err, sc);
    }
    pl->n_drops++;
    return PARLEY_OK;
}

/* A version given as `changes:` to its parent. */
static parley_status apply_changes(parley_scenario *sc, parley_plan *pl, const parley_plan *parent,
                                   pm_plan_raw *raw, size_t k, parley_error *err)
{
    size_t cap = parent->n_points + raw->n_changes + 1;
    pl->points = calloc(cap, sizeof *pl->points);
    if (!pl->points)
        return oom(err, sc);
    for (size_t i = 0; i < parent->n_points; i++) {
        if (pm_point_copy(&pl->points[i], &parent->points[i]))
            return oom(err, sc);
        pl->points[i].origin = PARLEY_POINT_ORIGINAL;
        pl->n_points++;
    }
    for (size_t c = 0; c < raw->n_changes; c++) {
        pm_change *ch = &raw->changes[c];
        char field[128];
        snprintf(field, sizeof field, "plans[%zu].changes[%zu]", k, c);
        long at = parley_point_find(pl, ch->point.id);
        long by = ch->point.proposed_by >= 0 ? ch->point.proposed_by : pl->proposed_by;
        if (ch->kind == PM_CHANGE_ADD) {
            if (at >= 0)
                return parley_error_set(
                    err, PARLEY_ERR_INPUT, sc->file, ch->where.line, ch->where.column, field,
                    "point '%s' already exists in '%s'; use change:", ch->point.id, parent->id);
            parley_point *np = &pl->points[pl->n_points];
            if (pm_point_copy(np, &ch->point))
                return oom(err, sc);
            np->origin = PARLEY_POINT_ADDED;
            np->proposed_by = by;
            pl->n_points++;
            continue;
        }
        if (at < 0)
            return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, ch->where.line,
                                    ch->where.column, field, "no point '%s' in plan '%s' to %s",
                                    ch->point.id, parent->id,
                                    ch->kind == PM_CHANGE_DROP ? "drop" : "change");
        parley_point *pt = &pl->points[at];
        if (ch->kind == PM_CHANGE_DROP) {
            if (add_drop(sc, pl, pt->id, by, ch->point.date, ch->where, err))
                return PARLEY_ERR_LIMIT;
            pm_point_clear(pt);
            memmove(pt, pt + 1, (pl->n_points - (size_t)at - 1) * sizeof *pt);
            pl->n_points--;
            continue;
        }
        parley_point repl;
        if (pm_point_copy(&repl, &ch->point))
            return oom(err, sc);
        if (!ch->has_text) {
            free(repl.text);
            repl.text = dup_or_null(pt->text);
        }
        if (!ch->has_sets) {
            parley_point tmp = *pt;
            free(repl.set_issue);
            free(repl.set_option);
            repl.n_sets = 0;
            repl.set_issue = malloc((tmp.n_sets + 1) * sizeof(size_t));
            repl.set_option = malloc((tmp.n_sets + 1) * sizeof(size_t));
            if (!repl.set_issue || !repl.set_option) {
                pm_point_clear(&repl);
                return oom(err, sc);
            }
            memcpy(repl.set_issue, tmp.set_issue, tmp.n_sets * sizeof(size_t));
            memcpy(repl.set_option, tmp.set_option, tmp.n_sets * sizeof(size_t));
            repl.n_sets = tmp.n_sets;
        }
        repl.origin = PARLEY_POINT_CHANGED;
        repl.proposed_by = by;
        pm_point_clear(pt);
        *pt = repl;
    }
    return PARLEY_OK;
}

/* A version that lists all its points and is based on another: compare. */
static parley_status compare_with_parent(parley_scenario *sc, parley_plan *pl,
                                         const parley_plan *parent, parley_error *err)
{
    for (size_t i = 0; i < pl->n_points; i++) {
        parley_point *pt = &pl->points[i];
        long at = parley_point_find(parent, pt->id);
        if (at < 0)
            pt->origin = PARLEY_POINT_ADDED;
        else if (!parley_point_same(pt, &parent->points[at]))
            pt->origin = PARLEY_POINT_CHANGED;
        else {
            pt->origin = PARLEY_POINT_ORIGINAL;
            if (pt->proposed_by < 0 || pt->proposed_by == pl->proposed_by)
                pt->proposed_by = parent->points[at].proposed_by;
        }
    }
    for (size_t i = 0; i < parent->n_points; i++)
        if (parley_point_find(pl, parent->points[i].id) < 0 &&
            add_drop(sc, pl, parent->points[i].id, pl->proposed_by, pl->date, pl->where, err))
            return PARLEY_ERR_LIMIT;
    return PARLEY_OK;
}

static parley_status compute_sets(parley_scenario *sc, parley_plan *pl, size_t k, parley_error *err)
{
    pl->sets = malloc((sc->n_issues ? sc->n_issues : 1) * sizeof(long));
    long *by_point = malloc((sc->n_issues ? sc->n_issues : 1) * sizeof(long));
    if (!pl->sets || !by_point) {
        free(by_point);
        return oom(err, sc);
    }
    for (size_t i = 0; i < sc->n_issues; i++)
        pl->sets[i] = by_point[i] = -1;
    for (size_t p = 0; p < pl->n_points; p++) {
        const parley_point *pt = &pl->points[p];
        for (size_t s = 0; s < pt->n_sets; s++) {
            size_t is = pt->set_issue[s];
            long opt = (long)pt->set_option[s];
            if (pl->sets[is] >= 0 && pl->sets[is] != opt) {
                const parley_issue *iss = &sc->issues[is];
                char field[128];
                snprintf(field, sizeof field, "plans[%zu] (%s)", k, pl->id);
                parley_error_set(err, PARLEY_ERR_INPUT, sc->file, pt->where.line, pt->where.column,
                                 field,
                                 "point '%s' sets issue '%s' to '%s' but point '%s' sets it to "
                                 "'%s'",
                                 pt->id, iss->id, iss->options[opt].id, pl->points[by_point[is]].id,
                                 iss->options[pl->sets[is]].id);
                free(by_point);
                return PARLEY_ERR_INPUT;
            }
            pl->sets[is] = opt;
            by_point[is] = (long)p;
        }
    }
    free(by_point);
    return PARLEY_OK;
}

enum { UNSEEN, VISITING, DONE };

static parley_status resolve_one(parley_scenario *sc, pm_plan_raw *raw, int *state, size_t k,
                                 parley_error *err)
{
    if (state[k] == DONE)
        return PARLEY_OK;
    parley_plan *pl = &sc->plans[k];
    char field[128];
    snprintf(field, sizeof field, "plans[%zu].based_on", k);
    if (state[k] == VISITING)
        return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, raw[k].based_on_where.line,
                                raw[k].based_on_where.column, field,
                                "plan '%s' is part of a based_on cycle", pl->id);
    state[k] = VISITING;
    parley_status st;
    const parley_plan *parent = NULL;
    if (raw[k].based_on_id) {
        long b = parley_plan_find(sc, raw[k].based_on_id);
        if (b < 0)
            return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, raw[k].based_on_where.line,
                                    raw[k].based_on_where.column, field,
                                    "plan '%s' is based on '%s', which is not a plan in this file",
                                    pl->id, raw[k].based_on_id);
        if ((st = resolve_one(sc, raw, state, (size_t)b, err)))
            return st;
        pl->based_on = b;
        parent = &sc->plans[b];
    }
    if (raw[k].has_changes) {
        if (!parent)
            return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, pl->where.line,
                                    pl->where.column, field,
                                    "plan '%s' lists changes: but has no based_on", pl->id);
        if ((st = apply_changes(sc, pl, parent, &raw[k], k, err)))
            return st;
    } else if (parent && (st = compare_with_parent(sc, pl, parent, err))) {
        return st;
    }
    if ((st = compute_sets(sc, pl, k, err)))
        return st;
    state[k] = DONE;
    return PARLEY_OK;
}

parley_status parleyp_pm_plans_resolve(parley_scenario *sc, pm_plan_raw *raw, parley_error *err)
{
    int *state = calloc(sc->n_plans ? sc->n_plans : 1, sizeof *state);
    if (!state)
        return oom(err, sc);
    parley_status st = PARLEY_OK;
    for (size_t k = 0; k < sc->n_plans && !st; k++)
        st = resolve_one(sc, raw, state, k, err);
    free(state);
    return st;
}
