/*
 * io/yaml_plans.c — reads `plans:`: versions of a text of numbered points.
 * A version lists its `points:` in full, or `changes:` (add / change / drop)
 * to the version it is `based_on`. Each point has text and `sets:` (issue:
 * option). Resolution (model/plan.c) runs after all versions are read.
 */
#include "io/yaml_scenario.h"

#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static parley_status read_sets(ys_reader *r, struct fy_node *sn, parley_point *pt,
                               const char *field)
{
    char f[192];
    snprintf(f, sizeof f, "%s.sets", field);
    parley_status st = parleyp_yd_expect_map(&r->yd, sn, f);
    if (st)
        return st;
    size_t n = (size_t)fy_node_mapping_item_count(sn);
    if (!(pt->set_issue = parleyp_ys_alloc(r, n, sizeof(size_t))) ||
        !(pt->set_option = parleyp_ys_alloc(r, n, sizeof(size_t))))
        return PARLEY_ERR_LIMIT;
    struct fy_node_pair *p;
    YD_MAP_EACH(sn, p, it)
    {
        size_t is, o;
        struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
        snprintf(f, sizeof f, "%s.sets.%s", field, parleyp_yd_text(k) ? parleyp_yd_text(k) : "?");
        if ((st = parleyp_ys_issue_ref(r, k, f, &is)))
            return st;
        if (fy_node_is_sequence(v) && fy_node_sequence_item_count(v) > 1)
            return parleyp_yd_fail(
                &r->yd, v, f,
                "point '%s' sets %d options of issue '%s'; a point sets one option "
                "per issue",
                pt->id, fy_node_sequence_item_count(v), r->sc->issues[is].id);
        if (fy_node_is_sequence(v) && fy_node_sequence_item_count(v) == 1)
            v = fy_node_sequence_get_by_index(v, 0);
        if ((st = parleyp_ys_option_ref(r, v, f, is, &o)))
            return st;
        pt->set_issue[pt->n_sets] = is;
        pt->set_option[pt->n_sets++] = o;
    }
    return PARLEY_OK;
}

/* Reads text/sets/proposed_by(by)/date into pt (id already set). */
static parley_status read_point_body(ys_reader *r, struct fy_node *item, parley_point *pt,
                                     const char *field, const char *by_key, bool *has_text,
                                     bool *has_sets)
{
    parley_status st;
    char f[192];
    struct fy_node *n;
    pt->proposed_by = -1;
    pt->where = parleyp_yd_where(item);
    *has_text = *has_sets = false;
    if ((n = parleyp_yd_get(item, "text"))) {
        snprintf(f, sizeof f, "%s.text", field);
        if ((st = parleyp_yd_string(&r->yd, n, f, &pt->text)))
            return st;
        *has_text = true;
    }
    if ((n = parleyp_yd_get(item, "sets"))) {
        if ((st = read_sets(r, n, pt, field)))
            return st;
        *has_sets = true;
    } else if (!(pt->set_issue = parleyp_ys_alloc(r, 1, sizeof(size_t))) ||
               !(pt->set_option = parleyp_ys_alloc(r, 1, sizeof(size_t)))) {
        return PARLEY_ERR_LIMIT;
    }
    if ((n = parleyp_yd_get(item, by_key))) {
        snprintf(f, sizeof f, "%s.%s", field, by_key);
        if ((st = parleyp_ys_party_ref(r, n, f, &pt->proposed_by)))
            return st;
    }
    if ((n = parleyp_yd_get(item, "date"))) {
        snprintf(f, sizeof f, "%s.date", field);
        if ((st = parleyp_yd_string(&r->yd, n, f, &pt->date)))
            return st;
    }
    return PARLEY_OK;
}

static parley_status read_points(ys_reader *r, struct fy_node *pn, parley_plan *pl,
                                 const char *field)
{
    static const char *const keys[] = {"id",   "text",  "sets",   "proposed_by",
                                       "date", "notes", "source", NULL};
    char f[160];
    snprintf(f, sizeof f, "%s.points", field);
    parley_status st = parleyp_ys_count(r, pn, f, &pl->n_points);
    if (st)
        return st;
    if (!(pl->points = parleyp_ys_alloc(r, pl->n_points, sizeof *pl->points)))
        return PARLEY_ERR_LIMIT;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(pn, item, it)
    {
        parley_point *pt = &pl->points[k];
        snprintf(f, sizeof f, "%s.points[%zu]", field, k);
        bool ht, hs;
        struct fy_node *idn = parleyp_yd_get(item, "id");
        if ((st = parleyp_yd_expect_map(&r->yd, item, f)) ||
            (st = parleyp_yd_check_keys(&r->yd, item, f, keys)))
            return st;
        if (!idn)
            return parleyp_yd_fail(&r->yd, item, f, "missing 'id' (the point's number)");
        if ((st = parleyp_yd_string(&r->yd, idn, f, &pt->id)) ||
            (st = read_point_body(r, item, pt, f, "proposed_by", &ht, &hs)))
            return st;
        if (pt->proposed_by < 0)
            pt->proposed_by = pl->proposed_by;
        for (size_t j = 0; j < k; j++)
            if (strcmp(pl->points[j].id, pt->id) == 0)
                return parleyp_yd_fail(&r->yd, idn, f, "duplicate point '%s' in plan '%s'", pt->id,
                                       pl->id);
        k++;
    }
    return PARLEY_OK;
}

static parley_status read_changes(ys_reader *r, struct fy_node *cn, pm_plan_raw *raw,
                                  const char *field)
{
    static const char *const keys[] = {"add", "change", "drop",  "text",   "sets",
                                       "by",  "date",   "notes", "source", NULL};
    static const char *const verbs[] = {"add", "change", "drop"};
    char f[160];
    snprintf(f, sizeof f, "%s.changes", field);
    parley_status st = parleyp_ys_count(r, cn, f, &raw->n_changes);
    if (st)
        return st;
    if (!(raw->changes = parleyp_ys_alloc(r, raw->n_changes, sizeof *raw->changes)))
        return PARLEY_ERR_LIMIT;
    raw->has_changes = true;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(cn, item, it)
    {
        pm_change *ch = &raw->changes[k];
        snprintf(f, sizeof f, "%s.changes[%zu]", field, k++);
        ch->where = parleyp_yd_where(item);
        if ((st = parleyp_yd_expect_map(&r->yd, item, f)) ||
            (st = parleyp_yd_check_keys(&r->yd, item, f, keys)))
            return st;
        int found = 0;
        struct fy_node *idn = NULL;
        for (int v = 0; v < 3; v++)
            if (parleyp_yd_get(item, verbs[v])) {
                found++;
                ch->kind = (pm_change_kind)v;
                idn = parleyp_yd_get(item, verbs[v]);
            }
        if (found != 1)
            return parleyp_yd_fail(&r->yd, item, f,
                                   "a change needs exactly one of add:, change:, drop: "
                                   "(naming the point)");
        if ((st = parleyp_yd_string(&r->yd, idn, f, &ch->point.id)) ||
            (st = read_point_body(r, item, &ch->point, f, "by", &ch->has_text, &ch->has_sets)))
            return st;
        if (ch->kind == PM_CHANGE_DROP && (ch->has_text || ch->has_sets))
            return parleyp_yd_fail(&r->yd, item, f, "drop: takes no text: or sets:");
        if (ch->kind == PM_CHANGE_MODIFY && !ch->has_text && !ch->has_sets)
            return parleyp_yd_fail(&r->yd, item, f, "change: needs a new text: or sets:");
    }
    return PARLEY_OK;
}

static parley_status read_plan(ys_reader *r, struct fy_node *item, size_t k)
{
    static const char *const keys[] = {"id",     "name",    "date",   "proposed_by", "based_on",
                                       "points", "changes", "source", "notes",       NULL};
    parley_plan *pl = &r->sc->plans[k];
    pm_plan_raw *raw = &r->raw[k];
    char field[64], f[160];
    snprintf(field, sizeof field, "plans[%zu]", k);
    pl->proposed_by = -1;
    pl->based_on = -1;
    pl->where = parleyp_yd_where(item);
    parley_status st;
    if ((st = parleyp_yd_expect_map(&r->yd, item, field)) ||
        (st = parleyp_yd_check_keys(&r->yd, item, field, keys)))
        return st;
    struct fy_node *n = parleyp_yd_get(item, "id");
    if (!n)
        return parleyp_yd_fail(&r->yd, item, field, "missing 'id'");
    snprintf(f, sizeof f, "%s.id", field);
    if ((st = parleyp_yd_string(&r->yd, n, f, &pl->id)))
        return st;
    if (!pl->id[0])
        return parleyp_yd_fail(&r->yd, n, f, "id must not be empty");
    if (parley_plan_find(r->sc, pl->id) != (long)k)
        return parleyp_yd_fail(&r->yd, n, f, "duplicate plan id '%s'", pl->id);
    struct {
        const char *key;
        char **dst;
    } strs[] = {{"name", &pl->name}, {"date", &pl->date}, {"source", &pl->source}};
    for (size_t i = 0; i < 3; i++)
        if ((n = parleyp_yd_get(item, strs[i].key))) {
            snprintf(f, sizeof f, "%s.%s", field, strs[i].key);
            if ((st = parleyp_yd_string(&r->yd, n, f, strs[i].dst)))
                return st;
        }
    if ((n = parleyp_yd_get(item, "proposed_by"))) {
        snprintf(f, sizeof f, "%s.proposed_by", field);
        if ((st = parleyp_ys_party_ref(r, n, f, &pl->proposed_by)))
            return st;
    }
    if ((n = parleyp_yd_get(item, "based_on"))) {
        snprintf(f, sizeof f, "%s.based_on", field);
        raw->based_on_where = parleyp_yd_where(n);
        if ((st = parleyp_yd_string(&r->yd, n, f, &raw->based_on_id)))
            return st;
    }
    struct fy_node *pn = parleyp_yd_get(item, "points"), *cn = parleyp_yd_get(item, "changes");
    if (pn && cn)
        return parleyp_yd_fail(&r->yd, cn, field,
                               "give either points: (the full text) or changes: "
                               "(to based_on), not both");
    if (!pn && !cn)
        return parleyp_yd_fail(&r->yd, item, field, "a plan needs points: or changes:");
    return pn ? read_points(r, pn, pl, field) : read_changes(r, cn, raw, field);
}

parley_status parleyp_ys_read_plans(ys_reader *r, struct fy_node *node)
{
    parley_scenario *sc = r->sc;
    size_t n;
    parley_status st = parleyp_ys_count(r, node, "plans", &n);
    if (st)
        return st;
    if (!(sc->plans = parleyp_ys_alloc(r, n, sizeof *sc->plans)) ||
        !(r->raw = parleyp_ys_alloc(r, n, sizeof *r->raw)))
        return PARLEY_ERR_LIMIT;
    sc->n_plans = n;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(node, item, it)
    if ((st = read_plan(r, item, k++)))
        return st;
    return PARLEY_OK;
}
