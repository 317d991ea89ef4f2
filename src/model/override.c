/*
 * model/override.c — what-ifs on a loaded scenario (parley_scenario_override,
 * parley/scenario.h): --set ISSUE=OPTION, --weight PARTY.ISSUE=W,
 * --walk-away PARTY=V, --power PARTY=V. Each is checked as the YAML reader
 * checks the file (unknown ids, values out of range, NaN) and leaves the
 * scenario unchanged on error; on success the scenario keeps the invariants
 * of parley/scenario.h and records the override as given.
 */
#include "model/scenario.h"

#include "core/error.h"
#include "core/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ov_ctx {
    parley_scenario *sc;
    const char *option; /* "--set" ... */
    const char *text;
    parley_error *err;
} ov_ctx;

static parley_status ov_fail(const ov_ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static parley_status ov_fail(const ov_ctx *c, const char *fmt, ...)
{
    char msg[400], field[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(field, sizeof field, "%s %s", c->option, c->text);
    return parley_error_set(c->err, PARLEY_ERR_INPUT, NULL, 0, 0, field, "%s", msg);
}

/* Splits "LEFT=VALUE" at its last '=' into left (copied into buf) and value. */
static parley_status split_eq(const ov_ctx *c, const char *form, char *buf, size_t n,
                              const char **value)
{
    const char *eq = strrchr(c->text, '=');
    if (!eq || eq == c->text || !eq[1])
        return ov_fail(c, "expected %s", form);
    if ((size_t)(eq - c->text) >= n)
        return ov_fail(c, "name too long");
    memcpy(buf, c->text, (size_t)(eq - c->text));
    buf[eq - c->text] = '\0';
    *value = eq + 1;
    return PARLEY_OK;
}

/* A finite number, the whole text. */
static parley_status number(const ov_ctx *c, const char *s, double *out)
{
    char *end;
    bool finite;
    double v = parleyp_pt_strtod(s, &end, &finite);
    if (end == s || *end != '\0')
        return ov_fail(c, "expected a number, found '%s'", s);
    if (!finite || isnan(v))
        return ov_fail(c, "must be a finite number, not '%s'", s);
    *out = v;
    return PARLEY_OK;
}

static parley_status party_ref(const ov_ctx *c, const char *id, size_t *out)
{
    long p = parley_party_find(c->sc, id);
    if (p < 0)
        return ov_fail(c, "unknown party '%s'", id);
    *out = (size_t)p;
    return PARLEY_OK;
}

static parley_status issue_ref(const ov_ctx *c, const char *id, size_t *out)
{
    long i = parley_issue_find(c->sc, id);
    if (i < 0)
        return ov_fail(c, "unknown issue '%s'", id);
    *out = (size_t)i;
    return PARLEY_OK;
}

/* An option of issue is by id, or (ranges) by a number on its grid. */
static parley_status option_ref(const ov_ctx *c, size_t issue, const char *id, size_t *out)
{
    const parley_issue *is = &c->sc->issues[issue];
    long o = parley_option_find(is, id);
    if (o < 0 && is->kind != PARLEY_ISSUE_DISCRETE) {
        char *end;
        bool finite;
        double x = parleyp_pt_strtod(id, &end, &finite);
        double k = (x - is->lower) / is->step;
        if (end != id && !*end && finite && fabs(k - nearbyint(k)) < 1e-9 && k >= 0 &&
            k < (double)is->n_options)
            o = (long)nearbyint(k);
    }
    if (o < 0)
        return ov_fail(c, "'%s' is not an option of issue '%s'", id, is->id);
    *out = (size_t)o;
    return PARLEY_OK;
}

/* Gives plan pl a point "(set ISSUE)" that sets issue to option. */
static parley_status add_point(const ov_ctx *c, parley_plan *pl, size_t issue, size_t option)
{
    parley_point *pts = realloc(pl->points, (pl->n_points + 1) * sizeof *pts);
    if (!pts)
        return PARLEY_ERR_LIMIT;
    pl->points = pts;
    parley_point *pt = &pts[pl->n_points];
    memset(pt, 0, sizeof *pt);
    const char *iid = c->sc->issues[issue].id;
    size_t n = strlen(iid) + strlen(c->text) + 32;
    pt->id = malloc(n);
    pt->text = malloc(n);
    pt->set_issue = malloc(sizeof *pt->set_issue);
    pt->set_option = malloc(sizeof *pt->set_option);
    if (!pt->id || !pt->text || !pt->set_issue || !pt->set_option) {
        free(pt->id);
        free(pt->text);
        free(pt->set_issue);
        free(pt->set_option);
        return PARLEY_ERR_LIMIT;
    }
    snprintf(pt->id, n, "(set %s)", iid);
    snprintf(pt->text, n, "What-if: --set %s", c->text);
    pt->n_sets = 1;
    pt->set_issue[0] = issue;
    pt->set_option[0] = option;
    pt->origin = PARLEY_POINT_ADDED;
    pt->proposed_by = -1;
    pl->n_points++;
    return PARLEY_OK;
}

static parley_status apply_set(const ov_ctx *c)
{
    char left[256];
    const char *value;
    size_t issue = 0, option = 0;
    parley_status st;
    if ((st = split_eq(c, "ISSUE=OPTION", left, sizeof left, &value)) ||
        (st = issue_ref(c, left, &issue)) || (st = option_ref(c, issue, value, &option)))
        return st;
    parley_scenario *sc = c->sc;
    if (sc->n_plans == 0)
        return ov_fail(c, "the scenario has no plans to settle '%s' in", left);
    /* Points first (undone on failure), so that an error leaves every plan
     * as it was; then every point that sets the issue sets the option. */
    bool *added = calloc(sc->n_plans, sizeof *added);
    if (!added)
        return parley_error_set(c->err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    for (size_t k = 0; k < sc->n_plans && !st; k++) {
        parley_plan *pl = &sc->plans[k];
        bool has = false;
        for (size_t p = 0; p < pl->n_points && !has; p++)
            for (size_t s = 0; s < pl->points[p].n_sets && !has; s++)
                has = pl->points[p].set_issue[s] == issue;
        if (!has && !(st = add_point(c, pl, issue, option)))
            added[k] = true;
    }
    for (size_t k = 0; k < sc->n_plans; k++) {
        parley_plan *pl = &sc->plans[k];
        if (st && added[k]) {
            parley_point *pt = &pl->points[--pl->n_points];
            free(pt->id);
            free(pt->text);
            free(pt->set_issue);
            free(pt->set_option);
            continue;
        }
        for (size_t p = 0; p < pl->n_points && !st; p++)
            for (size_t s = 0; s < pl->points[p].n_sets; s++)
                if (pl->points[p].set_issue[s] == issue)
                    pl->points[p].set_option[s] = option;
        if (!st)
            pl->sets[issue] = (long)option;
    }
    free(added);
    if (st)
        return parley_error_set(c->err, st, NULL, 0, 0, NULL, "out of memory");
    return PARLEY_OK;
}

/* PARTY.ISSUE: the first split at a '.' that names a party and an issue. */
static parley_status party_issue(const ov_ctx *c, const char *left, size_t *party, size_t *issue)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", left);
    for (char *dot = strchr(buf, '.'); dot; dot = strchr(dot + 1, '.')) {
        *dot = '\0';
        long p = parley_party_find(c->sc, buf), i = parley_issue_find(c->sc, dot + 1);
        *dot = '.';
        if (p >= 0 && i >= 0) {
            *party = (size_t)p;
            *issue = (size_t)i;
            return PARLEY_OK;
        }
    }
    char *dot = strchr(buf, '.');
    if (!dot)
        return ov_fail(c, "expected PARTY.ISSUE=WEIGHT");
    *dot = '\0';
    if (parley_party_find(c->sc, buf) < 0)
        return ov_fail(c, "unknown party '%s'", buf);
    return ov_fail(c, "unknown issue '%s'", dot + 1);
}

static parley_status apply_weight(const ov_ctx *c)
{
    char left[256];
    const char *value;
    size_t party = 0, issue = 0;
    double w;
    parley_status st;
    if ((st = split_eq(c, "PARTY.ISSUE=WEIGHT", left, sizeof left, &value)) ||
        (st = party_issue(c, left, &party, &issue)) || (st = number(c, value, &w)))
        return st;
    if (w < 0)
        return ov_fail(c, "weight must be >= 0, not %g", w);
    parley_scenario *sc = c->sc;
    parley_prefs *pr = &sc->prefs[party];
    if (w > 0 && !pr->raw_weight[issue]) {
        /* As the reader: an issue with weight needs values. One the file
         * gave no weight may have none (they read as all 0). */
        bool any = false;
        for (size_t o = 0; o < sc->issues[issue].n_options; o++)
            any |= pr->value[issue][o] != 0;
        if (!any)
            return ov_fail(c, "party '%s' gives issue '%s' no values (add values: to the file)",
                           sc->parties[party].id, sc->issues[issue].id);
    }
    double sum = 0;
    for (size_t i = 0; i < sc->n_issues; i++)
        sum += i == issue ? w : pr->raw_weight[i];
    if (!(sum > 0) && pr->n_rules == 0)
        return ov_fail(c, "weights of party '%s' would all be zero", sc->parties[party].id);
    pr->raw_weight[issue] = w;
    pr->weight_sum = sum;
    bool scale = pr->normalise && fabs(sum - 1) > 1e-9;
    if (pr->normalise && sum > 0 && scale)
        pr->weight_sum = 1;
    for (size_t i = 0; i < sc->n_issues; i++)
        pr->weight[i] = scale ? pr->raw_weight[i] / sum : pr->raw_weight[i];
    return PARLEY_OK;
}

static parley_status apply_party_number(const ov_ctx *c, bool walk_away)
{
    char left[256];
    const char *value;
    size_t party = 0;
    double v;
    parley_status st;
    if ((st = split_eq(c, walk_away ? "PARTY=WALK_AWAY" : "PARTY=POWER", left, sizeof left,
                       &value)) ||
        (st = party_ref(c, left, &party)) || (st = number(c, value, &v)))
        return st;
    if (walk_away && (v < 0 || v > 1))
        return ov_fail(c, "walk_away must be in [0, 1], not %g", v);
    if (!walk_away && v < 0)
        return ov_fail(c, "power must be >= 0, not %g", v);
    if (walk_away)
        c->sc->parties[party].walk_away = v;
    else
        c->sc->parties[party].power = v;
    return PARLEY_OK;
}

parley_status parley_scenario_override(parley_scenario *sc, const char *kind, const char *text,
                                       parley_error *err)
{
    static const char *const NAMES[] = {"--set", "--weight", "--walk-away", "--power"};
    if (!sc || !kind || !text)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                "an override needs a scenario, a kind and a text");
    const char *bare = kind;
    while (*bare == '-')
        bare++;
    size_t k = 0;
    while (k < 4 && strcmp(bare, NAMES[k] + 2) != 0)
        k++;
    if (k == 4)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, kind,
                                "unknown override; use set, weight, walk-away or power");
    /* room for the record first: once applied, recording cannot fail */
    parley_override *rec = realloc(sc->overrides, (sc->n_overrides + 1) * sizeof *rec);
    if (!rec)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    sc->overrides = rec;
    char *option = strdup(NAMES[k]), *argument = strdup(text);
    if (!option || !argument) {
        free(option);
        free(argument);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    ov_ctx c = {sc, NAMES[k], text, err};
    parley_status st = k == 0   ? apply_set(&c)
                       : k == 1 ? apply_weight(&c)
                                : apply_party_number(&c, k == 2);
    if (st) {
        free(option);
        free(argument);
        return st;
    }
    rec[sc->n_overrides].option = option;
    rec[sc->n_overrides].argument = argument;
    sc->n_overrides++;
    return PARLEY_OK;
}
