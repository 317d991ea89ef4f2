/*
 * doc/mediation.c — the `parley mediate` document (parley_mediation_dumpf/
 * _dumps): the single-negotiating-text rounds from a plan, every party's
 * utility after each, the target package and the final text.
 *
 * JSON: {plan{id, name, utilities}, concept, target{outcome, utilities} |
 * null, rounds[], final{sets, utilities}, all_above_walk_away, stopped}.
 * CSV: one row per round, round 0 the plan; columns in docs/output.md.
 */
#include "doc/document.h"

static const char *const CONCEPT[] = {"nash", "kalai", "ks", "welfare"};

typedef struct mediation_ctx {
    const parley_scenario *sc;
    size_t plan;
    parley_mediate_concept concept;
    const parley_mediation *m;
} mediation_ctx;

/* The point of the plan that sets issue i, or NULL. */
static const char *point_for(const parley_plan *pl, size_t i)
{
    for (size_t p = 0; p < pl->n_points; p++)
        for (size_t s = 0; s < pl->points[p].n_sets; s++)
            if (pl->points[p].set_issue[s] == i)
                return pl->points[p].id;
    return NULL;
}

static const char *opt_id(const parley_scenario *sc, size_t i, long o)
{
    return o >= 0 ? sc->issues[i].options[o].id : NULL;
}

static const char *kind_name(const parley_mediation_round *rd)
{
    return rd->pareto ? "pareto" : "toward_target";
}

static int mediation_json(const mediation_ctx *c, FILE *fp)
{
    const parley_scenario *sc = c->sc;
    const parley_mediation *m = c->m;
    const parley_plan *pl = &sc->plans[c->plan];
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_overrides(&w, sc);
    parleyp_doc_plan(&w, sc, pl, m->u0);
    parleyp_jw_kstring(&w, "concept", CONCEPT[c->concept]);
    parleyp_jw_key(&w, "target");
    if (m->has_target) {
        parleyp_jw_object(&w);
        parleyp_jw_kobject(&w, "outcome");
        for (size_t i = 0; i < sc->n_issues; i++)
            parleyp_jw_kstring(&w, sc->issues[i].id, opt_id(sc, i, (long)m->target[i]));
        parleyp_jw_close(&w);
        parleyp_doc_utilities(&w, sc, m->target_u);
        parleyp_jw_close(&w);
    } else {
        parleyp_jw_null(&w);
    }
    parleyp_jw_karray(&w, "rounds");
    for (size_t r = 0; r < m->n_rounds; r++) {
        const parley_mediation_round *rd = &m->rounds[r];
        parleyp_jw_object(&w);
        parleyp_jw_kinteger(&w, "round", (long long)(r + 1));
        parleyp_jw_kstring(&w, "kind", kind_name(rd));
        parleyp_jw_kstring(&w, "point", point_for(pl, rd->issue));
        parleyp_jw_kstring(&w, "issue", sc->issues[rd->issue].id);
        parleyp_jw_kstring(&w, "from", opt_id(sc, rd->issue, rd->from));
        parleyp_jw_kstring(&w, "to", opt_id(sc, rd->issue, rd->to));
        parleyp_doc_utilities(&w, sc, rd->u);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_kobject(&w, "final");
    parleyp_jw_kobject(&w, "sets");
    for (size_t i = 0; i < sc->n_issues; i++)
        parleyp_jw_kstring(&w, sc->issues[i].id, opt_id(sc, i, m->sets[i]));
    parleyp_jw_close(&w);
    parleyp_doc_utilities(&w, sc, m->n_rounds ? m->rounds[m->n_rounds - 1].u : m->u0);
    parleyp_jw_close(&w);
    parleyp_jw_kbool(&w, "all_above_walk_away", m->all_above);
    parleyp_jw_kstring(&w, "stopped", m->stopped);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void mediation_csv(const mediation_ctx *c, FILE *fp)
{
    const parley_scenario *sc = c->sc;
    const parley_mediation *m = c->m;
    const parley_plan *pl = &sc->plans[c->plan];
    size_t n = sc->n_parties;
    fputs("round,kind,point,issue,from,to,", fp);
    for (size_t j = 0; j < n; j++)
        parleyp_csv_column(fp, "utility_", sc->parties[j].id, j + 1 == n);
    fputs("0,start,,,,,", fp);
    for (size_t j = 0; j < n; j++)
        parleyp_csv_number(fp, m->u0[j], j + 1 == n);
    for (size_t r = 0; r < m->n_rounds; r++) {
        const parley_mediation_round *rd = &m->rounds[r];
        fprintf(fp, "%zu,%s,", r + 1, kind_name(rd));
        parleyp_csv_string(fp, point_for(pl, rd->issue), false);
        parleyp_csv_string(fp, sc->issues[rd->issue].id, false);
        parleyp_csv_string(fp, opt_id(sc, rd->issue, rd->from), false);
        parleyp_csv_string(fp, opt_id(sc, rd->issue, rd->to), false);
        for (size_t j = 0; j < n; j++)
            parleyp_csv_number(fp, rd->u[j], j + 1 == n);
    }
}

static int mediation_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        mediation_csv(ctx, fp);
        return 0;
    }
    return mediation_json(ctx, fp);
}

parley_status parley_mediation_dumpf(const parley_scenario *sc, size_t plan,
                                     parley_mediate_concept concept, const parley_mediation *m,
                                     parley_doc_format format, FILE *fp, parley_error *err)
{
    mediation_ctx c = {sc, plan, concept, m};
    return parleyp_doc_dumpf(mediation_body, &c, format, fp, err);
}

char *parley_mediation_dumps(const parley_scenario *sc, size_t plan, parley_mediate_concept concept,
                             const parley_mediation *m, parley_doc_format format, parley_error *err)
{
    mediation_ctx c = {sc, plan, concept, m};
    return parleyp_doc_dumps(mediation_body, &c, format, err);
}
