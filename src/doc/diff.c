/*
 * doc/diff.c — the `parley diff` document (parley_diff_dumpf/_dumps): two
 * versions of a plan, each with every party's utility, the points added,
 * dropped and changed with the effect of each change alone, and the issues
 * the versions settle differently, whatever their point numbering.
 *
 * JSON: {from, to, effects, changes[], issues[]}. CSV: one row per plan
 * (row=plan), change (row=change) and issue (row=issue); columns in
 * docs/output.md.
 */
#include "doc/document.h"

#include <stdlib.h>

typedef struct diff_ctx {
    const parley_scenario *sc;
    const parley_diff *d;
} diff_ctx;

static const char *const KIND[] = {"added", "dropped", "changed"};

static const char *option_id(const parley_scenario *sc, size_t issue, long option)
{
    return option >= 0 ? sc->issues[issue].options[option].id : NULL;
}

static void effects(parleyp_jw *w, const parley_scenario *sc, const double *delta)
{
    parleyp_jw_kobject(w, "effects");
    for (size_t j = 0; j < sc->n_parties; j++)
        parleyp_jw_knumber(w, sc->parties[j].id, delta[j]);
    parleyp_jw_close(w);
}

/* key: {"<issue id>": "<option id>", ...} of point pt, or null without one. */
static void sets_or_null(parleyp_jw *w, const char *key, const parley_scenario *sc,
                         const parley_point *pt)
{
    parleyp_jw_key(w, key);
    if (!pt) {
        parleyp_jw_null(w);
        return;
    }
    parleyp_jw_object(w);
    for (size_t s = 0; s < pt->n_sets; s++) {
        const parley_issue *is = &sc->issues[pt->set_issue[s]];
        parleyp_jw_kstring(w, is->id, is->options[pt->set_option[s]].id);
    }
    parleyp_jw_close(w);
}

static void plan_side(parleyp_jw *w, const char *key, const parley_scenario *sc, size_t plan,
                      const double *u)
{
    parleyp_jw_kobject(w, key);
    parleyp_jw_kstring(w, "id", sc->plans[plan].id);
    parleyp_jw_kstring(w, "name", sc->plans[plan].name);
    parleyp_doc_utilities(w, sc, u);
    parleyp_jw_close(w);
}

static int diff_json(const parley_scenario *sc, const parley_diff *d, FILE *fp)
{
    double *total = malloc((sc->n_parties ? sc->n_parties : 1) * sizeof *total);
    if (!total)
        return PARLEYP_DOC_NO_MEMORY;
    for (size_t j = 0; j < sc->n_parties; j++)
        total[j] = d->ub[j] - d->ua[j];
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_overrides(&w, sc);
    plan_side(&w, "from", sc, d->a, d->ua);
    plan_side(&w, "to", sc, d->b, d->ub);
    effects(&w, sc, total);
    free(total);
    parleyp_jw_karray(&w, "changes");
    for (size_t k = 0; k < d->n; k++) {
        const parley_diff_entry *e = &d->e[k];
        const parley_point *pa = e->a_point >= 0 ? &sc->plans[d->a].points[e->a_point] : NULL;
        const parley_point *pb = e->b_point >= 0 ? &sc->plans[d->b].points[e->b_point] : NULL;
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "change", KIND[e->kind]);
        parleyp_jw_kstring(&w, "point", e->point_id);
        parleyp_jw_kstring(&w, "by", e->by >= 0 ? sc->parties[e->by].id : NULL);
        parleyp_jw_kstring(&w, "date", e->date);
        parleyp_jw_kstring(&w, "old_text", pa ? pa->text : NULL);
        parleyp_jw_kstring(&w, "new_text", pb ? pb->text : NULL);
        sets_or_null(&w, "old_sets", sc, pa);
        sets_or_null(&w, "new_sets", sc, pb);
        effects(&w, sc, e->delta);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "issues");
    for (size_t k = 0; k < d->n_issues; k++) {
        const parley_diff_issue *di = &d->issues[k];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "issue", sc->issues[di->issue].id);
        parleyp_jw_kstring(&w, "from", option_id(sc, di->issue, di->from));
        parleyp_jw_kstring(&w, "to", option_id(sc, di->issue, di->to));
        effects(&w, sc, di->delta);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

/* The per-party columns of one row: utilities (or empty), then effects (or
 * empty); the last field ends the row. */
static void party_columns(FILE *fp, size_t n, const double *u, const double *delta)
{
    for (size_t j = 0; j < n; j++)
        if (u)
            parleyp_csv_number(fp, u[j], false);
        else
            fputc(',', fp);
    for (size_t j = 0; j < n; j++)
        if (delta)
            parleyp_csv_number(fp, delta[j], j + 1 == n);
        else
            fputc(j + 1 == n ? '\n' : ',', fp);
}

static void diff_csv(const parley_scenario *sc, const parley_diff *d, FILE *fp)
{
    size_t n = sc->n_parties;
    fputs("row,plan,change,point,by,date,issue,from,to,", fp);
    for (size_t j = 0; j < n; j++)
        parleyp_csv_column(fp, "utility_", sc->parties[j].id, false);
    for (size_t j = 0; j < n; j++)
        parleyp_csv_column(fp, "effect_", sc->parties[j].id, j + 1 == n);
    for (int side = 0; side < 2; side++) {
        fputs("plan,", fp);
        parleyp_csv_string(fp, sc->plans[side ? d->b : d->a].id, false);
        fputs(",,,,,,,", fp);
        party_columns(fp, n, side ? d->ub : d->ua, NULL);
    }
    for (size_t k = 0; k < d->n; k++) {
        const parley_diff_entry *e = &d->e[k];
        fputs("change,,", fp);
        parleyp_csv_string(fp, KIND[e->kind], false);
        parleyp_csv_string(fp, e->point_id, false);
        parleyp_csv_string(fp, e->by >= 0 ? sc->parties[e->by].id : NULL, false);
        parleyp_csv_string(fp, e->date, false);
        fputs(",,,", fp);
        party_columns(fp, n, NULL, e->delta);
    }
    for (size_t k = 0; k < d->n_issues; k++) {
        const parley_diff_issue *di = &d->issues[k];
        fputs("issue,,,,,,", fp);
        parleyp_csv_string(fp, sc->issues[di->issue].id, false);
        parleyp_csv_string(fp, option_id(sc, di->issue, di->from), false);
        parleyp_csv_string(fp, option_id(sc, di->issue, di->to), false);
        party_columns(fp, n, NULL, di->delta);
    }
}

static int diff_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const diff_ctx *c = ctx;
    if (format == PARLEY_DOC_CSV) {
        diff_csv(c->sc, c->d, fp);
        return 0;
    }
    return diff_json(c->sc, c->d, fp);
}

parley_status parley_diff_dumpf(const parley_scenario *sc, const parley_diff *d,
                                parley_doc_format format, FILE *fp, parley_error *err)
{
    diff_ctx c = {sc, d};
    return parleyp_doc_dumpf(diff_body, &c, format, fp, err);
}

char *parley_diff_dumps(const parley_scenario *sc, const parley_diff *d, parley_doc_format format,
                        parley_error *err)
{
    diff_ctx c = {sc, d};
    return parleyp_doc_dumps(diff_body, &c, format, err);
}
