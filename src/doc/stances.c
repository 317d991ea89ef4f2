/*
 * doc/stances.c — the `parley stances` document (parley_stance_check_dumpf/
 * _dumps): every reported stance beside the model's utility and verdict;
 * and the `parley fit` document (parley_fit_dumpf/_dumps): a party's
 * weights fitted to its reported stances, with the residuals.
 *
 * stances JSON: {stances[]}; CSV: one row per stance.
 * fit JSON: {party, bound, iterations, sse_before, sse_after, weights{},
 * residuals[]}; CSV: one row per issue (row=weight) and per residual
 * (row=residual). Columns in docs/output.md.
 */
#include "doc/document.h"

static const char *const VERDICT[] = {"agrees", "contradicts", "share_differs", "no_plan"};

typedef struct check_ctx {
    const parley_scenario *sc;
    const parley_stance_check *c;
} check_ctx;

static const char *plan_id(const parley_scenario *sc, long k)
{
    return k >= 0 ? sc->plans[k].id : NULL;
}

static int check_json(const parley_scenario *sc, const parley_stance_check *c, FILE *fp)
{
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_overrides(&w, sc);
    parleyp_jw_karray(&w, "stances");
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "party", sc->parties[st->party].id);
        parleyp_jw_kstring(&w, "plan", plan_id(sc, st->plan));
        parleyp_doc_stance_fields(&w, sc, st);
        parleyp_jw_knumber(&w, "utility", c[k].utility);
        parleyp_jw_knumber(&w, "walk_away", sc->parties[st->party].walk_away);
        parleyp_jw_kbool(&w, "above_walk_away", c[k].above);
        parleyp_jw_knumber(&w, "on_board", c[k].on_board);
        parleyp_jw_kstring(&w, "verdict", VERDICT[c[k].verdict]);
        parleyp_jw_kbool(&w, "disputed", c[k].disputed);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void check_csv(const parley_scenario *sc, const parley_stance_check *c, FILE *fp)
{
    fputs("party,plan,stance,share,utility,walk_away,above_walk_away,on_board,verdict,disputed,"
          "source,date\n",
          fp);
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        parleyp_csv_string(fp, sc->parties[st->party].id, false);
        parleyp_csv_string(fp, plan_id(sc, st->plan), false);
        parleyp_csv_string(fp, parleyp_doc_stance_name(st->kind), false);
        parleyp_csv_number(fp, st->share, false);
        parleyp_csv_number(fp, c[k].utility, false);
        parleyp_csv_number(fp, sc->parties[st->party].walk_away, false);
        parleyp_csv_bool(fp, c[k].above, false);
        parleyp_csv_number(fp, c[k].on_board, false);
        parleyp_csv_string(fp, VERDICT[c[k].verdict], false);
        parleyp_csv_bool(fp, c[k].disputed, false);
        parleyp_csv_string(fp, st->source, false);
        parleyp_csv_string(fp, st->date, true);
    }
}

static int check_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const check_ctx *c = ctx;
    if (format == PARLEY_DOC_CSV) {
        check_csv(c->sc, c->c, fp);
        return 0;
    }
    return check_json(c->sc, c->c, fp);
}

parley_status parley_stance_check_dumpf(const parley_scenario *sc,
                                        const parley_stance_check *checks, parley_doc_format format,
                                        FILE *fp, parley_error *err)
{
    check_ctx c = {sc, checks};
    return parleyp_doc_dumpf(check_body, &c, format, fp, err);
}

char *parley_stance_check_dumps(const parley_scenario *sc, const parley_stance_check *checks,
                                parley_doc_format format, parley_error *err)
{
    check_ctx c = {sc, checks};
    return parleyp_doc_dumps(check_body, &c, format, err);
}

/* ---- fit ------------------------------------------------------------------ */

typedef struct fit_ctx {
    const parley_scenario *sc;
    const parley_fit *f;
    double bound;
} fit_ctx;

static int fit_json(const fit_ctx *x, FILE *fp)
{
    const parley_scenario *sc = x->sc;
    const parley_fit *f = x->f;
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_overrides(&w, sc);
    parleyp_jw_kstring(&w, "party", sc->parties[f->party].id);
    parleyp_jw_knumber(&w, "bound", x->bound);
    parleyp_jw_kinteger(&w, "iterations", (long long)f->iterations);
    parleyp_jw_knumber(&w, "sse_before", f->sse_before);
    parleyp_jw_knumber(&w, "sse_after", f->sse_after);
    parleyp_jw_kobject(&w, "weights");
    for (size_t i = 0; i < sc->n_issues; i++) {
        parleyp_jw_kobject(&w, sc->issues[i].id);
        parleyp_jw_knumber(&w, "weight", f->before[i]);
        parleyp_jw_knumber(&w, "fitted", f->after[i]);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "residuals");
    for (size_t r = 0; r < f->n_residuals; r++) {
        const parley_stance *st = &sc->stances[f->stance[r]];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "plan", plan_id(sc, st->plan));
        parleyp_jw_kstring(&w, "stance", parleyp_doc_stance_name(st->kind));
        parleyp_jw_knumber(&w, "share", st->share);
        parleyp_jw_knumber(&w, "residual", f->resid_before[r]);
        parleyp_jw_knumber(&w, "fitted_residual", f->resid_after[r]);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void fit_csv(const fit_ctx *x, FILE *fp)
{
    const parley_scenario *sc = x->sc;
    const parley_fit *f = x->f;
    fputs("row,party,issue,weight,fitted,plan,stance,share,residual,fitted_residual\n", fp);
    for (size_t i = 0; i < sc->n_issues; i++) {
        fputs("weight,", fp);
        parleyp_csv_string(fp, sc->parties[f->party].id, false);
        parleyp_csv_string(fp, sc->issues[i].id, false);
        parleyp_csv_number(fp, f->before[i], false);
        parleyp_csv_number(fp, f->after[i], false);
        fputs(",,,,\n", fp);
    }
    for (size_t r = 0; r < f->n_residuals; r++) {
        const parley_stance *st = &sc->stances[f->stance[r]];
        fputs("residual,", fp);
        parleyp_csv_string(fp, sc->parties[f->party].id, false);
        fputs(",,,", fp);
        parleyp_csv_string(fp, plan_id(sc, st->plan), false);
        parleyp_csv_string(fp, parleyp_doc_stance_name(st->kind), false);
        parleyp_csv_number(fp, st->share, false);
        parleyp_csv_number(fp, f->resid_before[r], false);
        parleyp_csv_number(fp, f->resid_after[r], true);
    }
}

static int fit_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        fit_csv(ctx, fp);
        return 0;
    }
    return fit_json(ctx, fp);
}

parley_status parley_fit_dumpf(const parley_scenario *sc, const parley_fit *f, double bound,
                               parley_doc_format format, FILE *fp, parley_error *err)
{
    fit_ctx c = {sc, f, bound};
    return parleyp_doc_dumpf(fit_body, &c, format, fp, err);
}

char *parley_fit_dumps(const parley_scenario *sc, const parley_fit *f, double bound,
                       parley_doc_format format, parley_error *err)
{
    fit_ctx c = {sc, f, bound};
    return parleyp_doc_dumps(fit_body, &c, format, err);
}
