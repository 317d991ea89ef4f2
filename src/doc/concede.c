/*
 * doc/concede.c — the `parley concede` document (parley_concede_result_dumpf/
 * _dumps): the request, the changes to the plan, the package they make with
 * every party's utility, and who ends at or above its walk-away.
 *
 * JSON: {plan{id, name, utilities}, for, keep, objective, feasible, optimal,
 * method, objective_value, changed_points, changes[], package{outcome,
 * utilities}, parties[]}. CSV: one row per change (row=change) and per
 * party (row=party); columns in docs/output.md.
 */
#include "doc/document.h"

static const char *const OBJECTIVE[] = {"points", "loss", "nash"};

typedef struct concede_ctx {
    const parley_scenario *sc;
    const parley_concede_request *rq;
    const parley_concede_result *r;
} concede_ctx;

/* Calls fn for every change the package makes to the plan, in order: the
 * plan's points (each issue a point sets to another option), then the
 * issues the plan leaves open (point -1). */
typedef void (*change_fn)(const concede_ctx *c, long point, size_t issue, void *arg);

static void each_change(const concede_ctx *c, change_fn fn, void *arg)
{
    const parley_plan *pl = &c->sc->plans[c->rq->plan];
    for (size_t p = 0; p < pl->n_points; p++)
        for (size_t s = 0; s < pl->points[p].n_sets; s++) {
            size_t i = pl->points[p].set_issue[s];
            if (c->r->outcome[i] != pl->points[p].set_option[s])
                fn(c, (long)p, i, arg);
        }
    for (size_t i = 0; i < c->sc->n_issues; i++)
        if (pl->sets[i] < 0)
            fn(c, -1, i, arg);
}

static const char *point_id(const concede_ctx *c, long point)
{
    return point >= 0 ? c->sc->plans[c->rq->plan].points[point].id : NULL;
}

static const char *from_id(const concede_ctx *c, size_t issue)
{
    long from = c->sc->plans[c->rq->plan].sets[issue];
    return from >= 0 ? c->sc->issues[issue].options[from].id : NULL;
}

static const char *to_id(const concede_ctx *c, size_t issue)
{
    return c->sc->issues[issue].options[c->r->outcome[issue]].id;
}

static void change_json(const concede_ctx *c, long point, size_t issue, void *arg)
{
    parleyp_jw *w = arg;
    parleyp_jw_object(w);
    parleyp_jw_kstring(w, "point", point_id(c, point));
    parleyp_jw_kstring(w, "issue", c->sc->issues[issue].id);
    parleyp_jw_kstring(w, "from", from_id(c, issue));
    parleyp_jw_kstring(w, "to", to_id(c, issue));
    parleyp_jw_close(w);
}

static int concede_json(const concede_ctx *c, FILE *fp)
{
    const parley_scenario *sc = c->sc;
    const parley_concede_result *r = c->r;
    const parley_plan *pl = &sc->plans[c->rq->plan];
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_overrides(&w, sc);
    parleyp_doc_plan(&w, sc, pl, r->before);
    parleyp_jw_kstring(&w, "for", sc->parties[c->rq->target].id);
    parleyp_jw_karray(&w, "keep");
    for (size_t j = 0; j < sc->n_parties; j++)
        if (c->rq->keep[j])
            parleyp_jw_string(&w, sc->parties[j].id);
    parleyp_jw_close(&w);
    parleyp_jw_kstring(&w, "objective", OBJECTIVE[c->rq->objective]);
    parleyp_jw_kbool(&w, "feasible", r->feasible);
    parleyp_jw_kbool(&w, "optimal", r->optimal);
    parleyp_jw_kstring(&w, "method", r->method);
    parleyp_jw_knumber(&w, "objective_value", r->objective);
    parleyp_jw_kinteger(&w, "changed_points", (long long)r->n_changed_points);
    parleyp_jw_karray(&w, "changes");
    each_change(c, change_json, &w);
    parleyp_jw_close(&w);
    parleyp_jw_kobject(&w, "package");
    parleyp_jw_kobject(&w, "outcome");
    for (size_t i = 0; i < sc->n_issues; i++)
        parleyp_jw_kstring(&w, sc->issues[i].id, to_id(c, i));
    parleyp_jw_close(&w);
    parleyp_doc_utilities(&w, sc, r->after);
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "parties");
    for (size_t j = 0; j < sc->n_parties; j++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "id", sc->parties[j].id);
        parleyp_jw_knumber(&w, "walk_away", sc->parties[j].walk_away);
        parleyp_jw_kbool(&w, "above_walk_away", parley_walk_away_met(sc, j, r->after[j]));
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void change_csv(const concede_ctx *c, long point, size_t issue, void *arg)
{
    FILE *fp = arg;
    fputs("change,", fp);
    parleyp_csv_string(fp, point_id(c, point), false);
    parleyp_csv_string(fp, c->sc->issues[issue].id, false);
    parleyp_csv_string(fp, from_id(c, issue), false);
    parleyp_csv_string(fp, to_id(c, issue), false);
    fputs(",,,,\n", fp);
}

static void concede_csv(const concede_ctx *c, FILE *fp)
{
    const parley_scenario *sc = c->sc;
    fputs("row,point,issue,from,to,party,plan_utility,package_utility,walk_away,above_walk_away\n",
          fp);
    each_change(c, change_csv, fp);
    for (size_t j = 0; j < sc->n_parties; j++) {
        fputs("party,,,,,", fp);
        parleyp_csv_string(fp, sc->parties[j].id, false);
        parleyp_csv_number(fp, c->r->before[j], false);
        parleyp_csv_number(fp, c->r->after[j], false);
        parleyp_csv_number(fp, sc->parties[j].walk_away, false);
        parleyp_csv_bool(fp, parley_walk_away_met(sc, j, c->r->after[j]), true);
    }
}

static int concede_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        concede_csv(ctx, fp);
        return 0;
    }
    return concede_json(ctx, fp);
}

parley_status parley_concede_result_dumpf(const parley_scenario *sc,
                                          const parley_concede_request *req,
                                          const parley_concede_result *r, parley_doc_format format,
                                          FILE *fp, parley_error *err)
{
    concede_ctx c = {sc, req, r};
    return parleyp_doc_dumpf(concede_body, &c, format, fp, err);
}

char *parley_concede_result_dumps(const parley_scenario *sc, const parley_concede_request *req,
                                  const parley_concede_result *r, parley_doc_format format,
                                  parley_error *err)
{
    concede_ctx c = {sc, req, r};
    return parleyp_doc_dumps(concede_body, &c, format, err);
}
