/*
 * io/yaml_scenario.c — reads a parley scenario from YAML (libfyaml):
 * the top level, parties, issues and stances; preferences and plans are read
 * by yaml_prefs.c and yaml_plans.c. The result satisfies the invariants in
 * parley/scenario.h or the load fails with a located error.
 */
#include "io/yaml_scenario.h"

#include "core/error.h"
#include "core/file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static parley_status read_id(ys_reader *r, struct fy_node *item, const char *field, char **out)
{
    struct fy_node *idn = parleyp_yd_get(item, "id");
    if (!idn)
        return parleyp_yd_fail(&r->yd, item, field, "missing 'id'");
    char f[160];
    snprintf(f, sizeof f, "%s.id", field);
    parley_status st = parleyp_yd_string(&r->yd, idn, f, out);
    if (!st && !(*out)[0])
        return parleyp_yd_fail(&r->yd, idn, f, "id must not be empty");
    return st;
}

static parley_status opt_number(ys_reader *r, struct fy_node *map, const char *key,
                                const char *field, double lo, double hi, bool lo_open, double *out)
{
    struct fy_node *n = parleyp_yd_get(map, key);
    if (!n)
        return PARLEY_OK;
    char f[160];
    snprintf(f, sizeof f, "%s.%s", field, key);
    parley_status st = parleyp_yd_number(&r->yd, n, f, out);
    if (st)
        return st;
    if (*out < lo || *out > hi || (lo_open && *out <= lo))
        return parleyp_yd_fail(&r->yd, n, f, "must be in %s%g, %g], not %g", lo_open ? "(" : "[",
                               lo, hi, *out);
    return PARLEY_OK;
}

static parley_status read_parties(ys_reader *r, struct fy_node *node)
{
    static const char *const keys[] = {"id",       "name",  "power",  "walk_away",
                                       "discount", "notes", "source", NULL};
    parley_scenario *sc = r->sc;
    size_t n = 0;
    parley_status st = parleyp_ys_count(r, node, "parties", &n);
    if (st)
        return st;
    if (n < 2)
        return parleyp_yd_fail(&r->yd, node, "parties",
                               "a scenario needs at least 2 parties, found %zu", n);
    /* the count is set with its array: parley_scenario_free walks them together */
    if (!(sc->parties = parleyp_ys_alloc(r, n, sizeof *sc->parties)))
        return PARLEY_ERR_LIMIT;
    sc->n_parties = n;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(node, item, it)
    {
        parley_party *p = &sc->parties[k];
        char field[64];
        snprintf(field, sizeof field, "parties[%zu]", k);
        p->power = 1;
        p->discount = 1;
        p->where = parleyp_yd_where(item);
        if ((st = parleyp_yd_expect_map(&r->yd, item, field)) ||
            (st = parleyp_yd_check_keys(&r->yd, item, field, keys)) ||
            (st = read_id(r, item, field, &p->id)))
            return st;
        if (parley_party_find(sc, p->id) != (long)k)
            return parleyp_yd_fail(&r->yd, parleyp_yd_get(item, "id"), field,
                                   "duplicate party id '%s'", p->id);
        k++; /* from here on the party is visible to lookups */
        struct fy_node *nm = parleyp_yd_get(item, "name");
        if ((st = parleyp_yd_string(&r->yd, nm ? nm : parleyp_yd_get(item, "id"), field,
                                    &p->name)) ||
            (st = opt_number(r, item, "power", field, 0, HUGE_VAL, false, &p->power)) ||
            (st = opt_number(r, item, "walk_away", field, 0, 1, false, &p->walk_away)) ||
            (st = opt_number(r, item, "discount", field, 0, 1, true, &p->discount)))
            return st;
    }
    return PARLEY_OK;
}

static parley_status read_discrete_options(ys_reader *r, parley_issue *is, struct fy_node *opts,
                                           const char *field)
{
    static const char *const keys[] = {"id", "label", "position", "notes", NULL};
    char f[160];
    snprintf(f, sizeof f, "%s.options", field);
    parley_status st = parleyp_ys_count(r, opts, f, &is->n_options);
    if (st)
        return st;
    if (is->n_options == 0)
        return parleyp_yd_fail(&r->yd, opts, f, "an issue needs at least one option");
    if (!(is->options = parleyp_ys_alloc(r, is->n_options, sizeof *is->options)))
        return PARLEY_ERR_LIMIT;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(opts, item, it)
    {
        parley_option *o = &is->options[k];
        snprintf(f, sizeof f, "%s.options[%zu]", field, k);
        o->value = (double)k;
        o->position = NAN;
        o->where = parleyp_yd_where(item);
        if (fy_node_is_scalar(item)) {
            if ((st = parleyp_yd_string(&r->yd, item, f, &o->id)))
                return st;
        } else {
            if ((st = parleyp_yd_expect_map(&r->yd, item, f)) ||
                (st = parleyp_yd_check_keys(&r->yd, item, f, keys)) ||
                (st = read_id(r, item, f, &o->id)))
                return st;
            struct fy_node *lb = parleyp_yd_get(item, "label");
            if (lb && (st = parleyp_yd_string(&r->yd, lb, f, &o->label)))
                return st;
            if ((st = opt_number(r, item, "position", f, 0, 100, false, &o->position)))
                return st;
        }
        if (!o->id[0])
            return parleyp_yd_fail(&r->yd, item, f, "option id must not be empty");
        k++;
        for (size_t j = 0; j + 1 < k; j++)
            if (strcmp(is->options[j].id, o->id) == 0)
                return parleyp_yd_fail(&r->yd, item, f, "duplicate option '%s' in issue '%s'",
                                       o->id, is->id);
    }
    return PARLEY_OK;
}

static parley_status read_range(ys_reader *r, parley_issue *is, struct fy_node *item,
                                const char *field)
{
    char f[160];
    snprintf(f, sizeof f, "%s.range", field);
    struct fy_node *rn = parleyp_yd_get(item, "range");
    parley_status st = parleyp_yd_expect_seq(&r->yd, rn ? rn : item, f);
    if (st)
        return rn ? st
                  : parleyp_yd_fail(&r->yd, item, field, "a %s issue needs range: [lower, upper]",
                                    is->kind == PARLEY_ISSUE_INTEGER ? "integer" : "real");
    if (fy_node_sequence_item_count(rn) != 2)
        return parleyp_yd_fail(&r->yd, rn, f, "range must be [lower, upper]");
    if ((st = parleyp_yd_number(&r->yd, fy_node_sequence_get_by_index(rn, 0), f, &is->lower)) ||
        (st = parleyp_yd_number(&r->yd, fy_node_sequence_get_by_index(rn, 1), f, &is->upper)))
        return st;
    if (is->upper < is->lower)
        return parleyp_yd_fail(&r->yd, rn, f, "upper %g is below lower %g", is->upper, is->lower);
    is->step = is->kind == PARLEY_ISSUE_INTEGER ? 1 : NAN;
    struct fy_node *sn = parleyp_yd_get(item, "step");
    snprintf(f, sizeof f, "%s.step", field);
    if (sn && (st = parleyp_yd_number(&r->yd, sn, f, &is->step)))
        return st;
    if (!sn && is->kind == PARLEY_ISSUE_REAL)
        return parleyp_yd_fail(&r->yd, item, f, "a real issue needs a step (options are its grid)");
    if (!(is->step > 0))
        return parleyp_yd_fail(&r->yd, sn, f, "step must be > 0");
    if (is->kind == PARLEY_ISSUE_INTEGER &&
        (is->step != floor(is->step) || is->lower != floor(is->lower) ||
         is->upper != floor(is->upper)))
        return parleyp_yd_fail(&r->yd, rn, field, "an integer issue needs integer bounds and step");
    double count = floor((is->upper - is->lower) / is->step + 1e-9) + 1;
    if (count > YS_MAX_OPTIONS)
        return parley_error_set(r->yd.err, PARLEY_ERR_LIMIT, r->yd.file, parleyp_yd_where(rn).line,
                                parleyp_yd_where(rn).column, field,
                                "range has %.0f values; at most %d are allowed (use a larger step)",
                                count, YS_MAX_OPTIONS);
    is->n_options = (size_t)count;
    if (!(is->options = parleyp_ys_alloc(r, is->n_options, sizeof *is->options)))
        return PARLEY_ERR_LIMIT;
    double span = is->upper - is->lower;
    for (size_t k = 0; k < is->n_options; k++) {
        parley_option *o = &is->options[k];
        o->value = is->lower + (double)k * is->step;
        o->position = span > 0 ? 100.0 * (o->value - is->lower) / span : 50.0;
        o->where = parleyp_yd_where(rn);
        char buf[64];
        snprintf(buf, sizeof buf, "%.15g", o->value);
        if (!(o->id = strdup(buf)))
            return parley_error_set(r->yd.err, PARLEY_ERR_LIMIT, r->yd.file, 0, 0, NULL,
                                    "out of memory");
    }
    return PARLEY_OK;
}

static parley_status read_issues(ys_reader *r, struct fy_node *node)
{
    static const char *const keys[] = {"id",   "name", "type",  "ordered", "options", "range",
                                       "step", "unit", "notes", "source",  NULL};
    parley_scenario *sc = r->sc;
    size_t n = 0;
    parley_status st = parleyp_ys_count(r, node, "issues", &n);
    if (st)
        return st;
    if (n == 0)
        return parleyp_yd_fail(&r->yd, node, "issues", "a scenario needs at least one issue");
    if (!(sc->issues = parleyp_ys_alloc(r, n, sizeof *sc->issues)))
        return PARLEY_ERR_LIMIT;
    sc->n_issues = n;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(node, item, it)
    {
        parley_issue *is = &sc->issues[k];
        char field[64];
        snprintf(field, sizeof field, "issues[%zu]", k);
        is->where = parleyp_yd_where(item);
        if ((st = parleyp_yd_expect_map(&r->yd, item, field)) ||
            (st = parleyp_yd_check_keys(&r->yd, item, field, keys)) ||
            (st = read_id(r, item, field, &is->id)))
            return st;
        if (parley_issue_find(sc, is->id) != (long)k)
            return parleyp_yd_fail(&r->yd, parleyp_yd_get(item, "id"), field,
                                   "duplicate issue id '%s'", is->id);
        k++;
        struct fy_node *nm = parleyp_yd_get(item, "name");
        if ((st =
                 parleyp_yd_string(&r->yd, nm ? nm : parleyp_yd_get(item, "id"), field, &is->name)))
            return st;
        const char *type = "discrete";
        struct fy_node *tn = parleyp_yd_get(item, "type");
        if (tn && !(type = parleyp_yd_text(tn)))
            return parleyp_yd_fail(&r->yd, tn, field, "type must be discrete, integer or real");
        if (strcmp(type, "discrete") == 0)
            is->kind = PARLEY_ISSUE_DISCRETE;
        else if (strcmp(type, "integer") == 0)
            is->kind = PARLEY_ISSUE_INTEGER;
        else if (strcmp(type, "real") == 0)
            is->kind = PARLEY_ISSUE_REAL;
        else
            return parleyp_yd_fail(&r->yd, tn, field,
                                   "type must be discrete, integer or real, not '%s'", type);
        struct fy_node *un = parleyp_yd_get(item, "unit");
        char f[96];
        snprintf(f, sizeof f, "%s.unit", field);
        if (un && (st = parleyp_yd_string(&r->yd, un, f, &is->unit)))
            return st;
        struct fy_node *on = parleyp_yd_get(item, "ordered");
        snprintf(f, sizeof f, "%s.ordered", field);
        if (on && (st = parleyp_yd_bool(&r->yd, on, f, &is->ordered)))
            return st;
        if (is->kind == PARLEY_ISSUE_DISCRETE) {
            if (parleyp_yd_get(item, "range") || parleyp_yd_get(item, "step"))
                return parleyp_yd_fail(&r->yd, item, field,
                                       "range/step are for integer or real issues (add type:)");
            struct fy_node *opts = parleyp_yd_get(item, "options");
            if (!opts)
                return parleyp_yd_fail(&r->yd, item, field, "a discrete issue needs options:");
            if ((st = read_discrete_options(r, is, opts, field)))
                return st;
        } else {
            if (parleyp_yd_get(item, "options"))
                return parleyp_yd_fail(
                    &r->yd, parleyp_yd_get(item, "options"), field,
                    "an integer or real issue takes range: and step:, not options:");
            is->ordered = true;
            if ((st = read_range(r, is, item, field)))
                return st;
        }
    }
    return PARLEY_OK;
}

static parley_status read_party_list(ys_reader *r, struct fy_node *n, const char *field, long **out,
                                     size_t *count)
{
    parley_status st;
    if (fy_node_is_scalar(n)) {
        if (!(*out = parleyp_ys_alloc(r, 1, sizeof **out)))
            return PARLEY_ERR_LIMIT;
        *count = 1;
        return parleyp_ys_party_ref(r, n, field, *out);
    }
    if ((st = parleyp_ys_count(r, n, field, count)))
        return st;
    if (!(*out = parleyp_ys_alloc(r, *count, sizeof **out)))
        return PARLEY_ERR_LIMIT;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(n, item, it)
    if ((st = parleyp_ys_party_ref(r, item, field, &(*out)[k++])))
        return st;
    return PARLEY_OK;
}

static parley_status read_stance(ys_reader *r, struct fy_node *item, parley_stance *s,
                                 const char *field)
{
    static const char *const keys[] = {"party",  "plan", "stance", "share",       "points",
                                       "source", "date", "note",   "disputed_by", NULL};
    parley_status st;
    char f[160];
    s->share = NAN;
    s->plan = -1;
    s->where = parleyp_yd_where(item);
    if ((st = parleyp_yd_expect_map(&r->yd, item, field)) ||
        (st = parleyp_yd_check_keys(&r->yd, item, field, keys)))
        return st;
    long party = -1;
    snprintf(f, sizeof f, "%s.party", field);
    struct fy_node *pn = parleyp_yd_get(item, "party");
    if (!pn)
        return parleyp_yd_fail(&r->yd, item, field, "missing 'party'");
    if ((st = parleyp_ys_party_ref(r, pn, f, &party)))
        return st;
    s->party = (size_t)party;
    struct fy_node *pl = parleyp_yd_get(item, "plan");
    snprintf(f, sizeof f, "%s.plan", field);
    if (pl) {
        const char *id = parleyp_yd_text(pl);
        if (!id || (s->plan = parley_plan_find(r->sc, id)) < 0)
            return parleyp_yd_fail(&r->yd, pl, f, "unknown plan '%s'", id ? id : "?");
    }
    struct fy_node *kn = parleyp_yd_get(item, "stance");
    snprintf(f, sizeof f, "%s.stance", field);
    const char *k = parleyp_yd_text(kn);
    if (!kn)
        return parleyp_yd_fail(&r->yd, item, field,
                               "missing 'stance' (accepts, rejects or partial)");
    if (k && strcmp(k, "accepts") == 0)
        s->kind = PARLEY_STANCE_ACCEPTS;
    else if (k && strcmp(k, "rejects") == 0)
        s->kind = PARLEY_STANCE_REJECTS;
    else if (k && strcmp(k, "partial") == 0)
        s->kind = PARLEY_STANCE_PARTIAL;
    else
        return parleyp_yd_fail(&r->yd, kn, f,
                               "stance must be accepts, rejects or partial, not '%s'", k ? k : "?");
    if ((st = opt_number(r, item, "share", field, 0, 1, false, &s->share)))
        return st;
    struct fy_node *pts = parleyp_yd_get(item, "points");
    if (pts) {
        snprintf(f, sizeof f, "%s.points", field);
        if ((st = parleyp_ys_count(r, pts, f, &s->n_points)))
            return st;
        if (!(s->points = parleyp_ys_alloc(r, s->n_points, sizeof *s->points)))
            return PARLEY_ERR_LIMIT;
        if (s->plan < 0)
            return parleyp_yd_fail(&r->yd, pts, f, "points of a stance need its 'plan'");
        const parley_plan *plan = &r->sc->plans[s->plan];
        struct fy_node *p;
        size_t j = 0;
        YD_SEQ_EACH(pts, p, it2)
        {
            if ((st = parleyp_yd_string(&r->yd, p, f, &s->points[j])))
                return st;
            if (parley_point_find(plan, s->points[j]) < 0)
                return parleyp_yd_fail(&r->yd, p, f, "plan '%s' has no point '%s'", plan->id,
                                       s->points[j]);
            j++;
        }
    }
    struct {
        const char *key;
        char **dst;
    } strs[] = {{"source", &s->source}, {"date", &s->date}, {"note", &s->note}};
    for (size_t i = 0; i < 3; i++) {
        struct fy_node *n = parleyp_yd_get(item, strs[i].key);
        snprintf(f, sizeof f, "%s.%s", field, strs[i].key);
        if (n && (st = parleyp_yd_string(&r->yd, n, f, strs[i].dst)))
            return st;
    }
    struct fy_node *dn = parleyp_yd_get(item, "disputed_by");
    snprintf(f, sizeof f, "%s.disputed_by", field);
    if (dn && (st = read_party_list(r, dn, f, &s->disputed_by, &s->n_disputed)))
        return st;
    return PARLEY_OK;
}

static parley_status read_stances(ys_reader *r, struct fy_node *node)
{
    parley_scenario *sc = r->sc;
    size_t n = 0;
    parley_status st = parleyp_ys_count(r, node, "stances", &n);
    if (st)
        return st;
    if (!(sc->stances = parleyp_ys_alloc(r, n, sizeof *sc->stances)))
        return PARLEY_ERR_LIMIT;
    sc->n_stances = n;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(node, item, it)
    {
        char field[64];
        snprintf(field, sizeof field, "stances[%zu]", k);
        if ((st = read_stance(r, item, &sc->stances[k++], field)))
            return st;
    }
    return PARLEY_OK;
}

static parley_status read_uncertainty(ys_reader *r, struct fy_node *node)
{
    static const char *const keys[] = {"position", "salience", "power", "notes", NULL};
    parley_scenario *sc = r->sc;
    parley_status st;
    if ((st = parleyp_yd_expect_map(&r->yd, node, "uncertainty")) ||
        (st = parleyp_yd_check_keys(&r->yd, node, "uncertainty", keys)) ||
        (st = opt_number(r, node, "position", "uncertainty", 0, 100, false, &sc->unc_position)) ||
        (st = opt_number(r, node, "salience", "uncertainty", 0, 1, false, &sc->unc_salience)))
        return st;
    return opt_number(r, node, "power", "uncertainty", 0, 0.99, false, &sc->unc_power);
}

/* `sources:` a list of citations (or one), kept as written for reports. */
static parley_status read_sources(ys_reader *r, struct fy_node *node)
{
    parley_scenario *sc = r->sc;
    if (fy_node_is_scalar(node)) {
        if (!(sc->sources = parleyp_ys_alloc(r, 1, sizeof *sc->sources)))
            return PARLEY_ERR_LIMIT;
        sc->n_sources = 1;
        return parleyp_yd_string(&r->yd, node, "sources", &sc->sources[0]);
    }
    parley_status st;
    if ((st = parleyp_yd_expect_seq(&r->yd, node, "sources")))
        return st;
    size_t n = (size_t)fy_node_sequence_item_count(node);
    if (!n)
        return PARLEY_OK;
    if (!(sc->sources = parleyp_ys_alloc(r, n, sizeof *sc->sources)))
        return PARLEY_ERR_LIMIT;
    struct fy_node *item;
    YD_SEQ_EACH(node, item, it)
    {
        char field[48];
        snprintf(field, sizeof field, "sources[%zu]", sc->n_sources);
        if ((st = parleyp_yd_string(&r->yd, item, field, &sc->sources[sc->n_sources])))
            return st;
        sc->n_sources++;
    }
    return PARLEY_OK;
}

/* A `conflict:` section is accepted and left alone: it is the GMCR conflict
 * model, read from the same file by io/conflict_yaml.c (parley stability), and
 * no part of the scenario. One reader, one model. */
static parley_status read_scenario(ys_reader *r)
{
    static const char *const keys[] = {"title",   "description", "notes",       "sources",
                                       "parties", "issues",      "preferences", "plans",
                                       "stances", "conflict",    "uncertainty", NULL};
    struct fy_node *root = fy_document_root(r->yd.doc);
    parley_status st;
    if ((st = parleyp_yd_expect_map(&r->yd, root, "(top level)")) ||
        (st = parleyp_yd_check_keys(&r->yd, root, "(top level)", keys)))
        return st;
    struct fy_node *n;
    if ((n = parleyp_yd_get(root, "title")) &&
        (st = parleyp_yd_string(&r->yd, n, "title", &r->sc->title)))
        return st;
    if ((n = parleyp_yd_get(root, "description")) &&
        (st = parleyp_yd_string(&r->yd, n, "description", &r->sc->description)))
        return st;
    if ((n = parleyp_yd_get(root, "notes")) &&
        (st = parleyp_yd_string(&r->yd, n, "notes", &r->sc->notes)))
        return st;
    if ((n = parleyp_yd_get(root, "sources")) && (st = read_sources(r, n)))
        return st;
    static const char *const required[] = {"parties", "issues", "preferences"};
    for (size_t i = 0; i < 3; i++)
        if (!parleyp_yd_get(root, required[i]))
            return parleyp_yd_fail(&r->yd, root, "(top level)", "missing '%s'", required[i]);
    if ((st = read_parties(r, parleyp_yd_get(root, "parties"))) ||
        (st = read_issues(r, parleyp_yd_get(root, "issues"))) ||
        (st = parleyp_ys_read_preferences(r, parleyp_yd_get(root, "preferences"))))
        return st;
    if ((n = parleyp_yd_get(root, "plans")) && (st = parleyp_ys_read_plans(r, n)))
        return st;
    if (r->sc->n_plans && (st = parleyp_pm_plans_resolve(r->sc, r->raw, r->yd.err)))
        return st;
    if ((n = parleyp_yd_get(root, "stances")) && (st = read_stances(r, n)))
        return st;
    r->sc->has_conflict = parleyp_yd_get(root, "conflict") != NULL;
    r->sc->unc_position = r->sc->unc_salience = r->sc->unc_power = (double)NAN;
    if ((n = parleyp_yd_get(root, "uncertainty")) && (st = read_uncertainty(r, n)))
        return st;
    return PARLEY_OK;
}

parley_scenario *parley_scenario_parse(const char *text, size_t len, const char *name,
                                       parley_error *err)
{
    parley_error local;
    if (!err)
        err = &local;
    parley_error_clear(err);
    ys_reader r = {.yd = {.file = name, .err = err, .doc = NULL}, .sc = NULL, .raw = NULL};
    r.sc = calloc(1, sizeof *r.sc);
    if (!r.sc || !(r.sc->file = strdup(name))) {
        free(r.sc);
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
        return NULL;
    }
    r.yd.file = r.sc->file;
    parley_status st = parleyp_yd_open(&r.yd, text, len);
    if (!st)
        st = read_scenario(&r);
    parleyp_yd_close(&r.yd);
    parleyp_pm_plan_raw_free(r.raw, r.sc->n_plans);
    if (st) {
        if (err->code == PARLEY_OK)
            parley_error_set(err, st, name, 0, 0, NULL, "could not read scenario");
        parley_scenario_free(r.sc);
        return NULL;
    }
    return r.sc;
}

parley_scenario *parley_scenario_load(const char *path, parley_error *err)
{
    size_t len;
    char *buf = parleyp_pc_read_file(path, YD_MAX_BYTES, "scenarios", &len, err);
    if (!buf)
        return NULL;
    parley_scenario *sc = parley_scenario_parse(buf, len, path, err);
    free(buf);
    return sc;
}
