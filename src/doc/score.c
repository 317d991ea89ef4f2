/*
 * doc/score.c — the `parley score` document (parley_score_dumpf/_dumps):
 * a plan's utility for every party, its walk-away and on-board share, the
 * reported stances, and each point's effect on every party.
 *
 * JSON: {plan, overrides, open_issues, open_issue_scoring, utilities, parties[], points[]}.
 * CSV: one row per party (row=party) then one per point and party
 * (row=point); columns in docs/output.md.
 */
#include "doc/document.h"

#include <math.h>
#include <stdlib.h>

typedef struct score_ctx {
    const parley_scenario *sc;
    const parley_score *s;
} score_ctx;

static double reported_share(const parley_scenario *sc, size_t party, size_t plan)
{
    double share = NAN;
    for (size_t k = 0; k < sc->n_stances; k++)
        if (sc->stances[k].party == party && sc->stances[k].plan == (long)plan &&
            !isnan(sc->stances[k].share))
            share = sc->stances[k].share;
    return share;
}

static int score_json(const parley_scenario *sc, const parley_score *s, FILE *fp)
{
    const parley_plan *pl = &sc->plans[s->plan];
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_plan_ref(&w, "plan", pl);
    parleyp_doc_overrides(&w, sc);
    parleyp_doc_open_issues(&w, sc, pl);
    parleyp_jw_kstring(&w, "open_issue_scoring", "expected value, options equally likely");
    double *u = malloc((s->n_parties ? s->n_parties : 1) * sizeof *u);
    if (!u)
        return PARLEYP_DOC_NO_MEMORY;
    for (size_t j = 0; j < s->n_parties; j++)
        u[j] = s->party[j].utility;
    parleyp_doc_utilities(&w, sc, u);
    free(u);
    parleyp_jw_karray(&w, "parties");
    for (size_t j = 0; j < s->n_parties; j++) {
        const parley_party_score *ps = &s->party[j];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "id", sc->parties[j].id);
        parleyp_jw_knumber(&w, "walk_away", sc->parties[j].walk_away);
        parleyp_jw_kbool(&w, "above_walk_away", ps->above);
        parleyp_jw_knumber(&w, "min_utility", ps->min);
        parleyp_jw_knumber(&w, "max_utility", ps->max);
        parleyp_jw_knumber(&w, "on_board", ps->on_board);
        parleyp_jw_kbool(&w, "exact", ps->exact);
        parleyp_doc_reported(&w, sc, j, s->plan);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "points");
    for (size_t p = 0; p < s->n_points; p++) {
        const parley_point *pt = &pl->points[p];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "id", pt->id);
        parleyp_jw_kstring(&w, "text", pt->text);
        parleyp_doc_point_sets(&w, sc, pt);
        parleyp_jw_kobject(&w, "effects");
        for (size_t j = 0; j < s->n_parties; j++)
            parleyp_jw_knumber(&w, sc->parties[j].id, s->effect[p * s->n_parties + j]);
        parleyp_jw_close(&w);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void score_csv(const parley_scenario *sc, const parley_score *s, FILE *fp)
{
    const parley_plan *pl = &sc->plans[s->plan];
    fputs("row,plan,party,point,utility,walk_away,above_walk_away,on_board,reported_share,effect\n",
          fp);
    for (size_t j = 0; j < s->n_parties; j++) {
        const parley_party_score *ps = &s->party[j];
        fputs("party,", fp);
        parleyp_csv_string(fp, pl->id, false);
        parleyp_csv_string(fp, sc->parties[j].id, false);
        fputc(',', fp); /* point */
        parleyp_csv_number(fp, ps->utility, false);
        parleyp_csv_number(fp, sc->parties[j].walk_away, false);
        parleyp_csv_bool(fp, ps->above, false);
        parleyp_csv_number(fp, ps->on_board, false);
        parleyp_csv_number(fp, reported_share(sc, j, s->plan), false);
        fputc('\n', fp); /* effect */
    }
    for (size_t p = 0; p < s->n_points; p++)
        for (size_t j = 0; j < s->n_parties; j++) {
            fputs("point,", fp);
            parleyp_csv_string(fp, pl->id, false);
            parleyp_csv_string(fp, sc->parties[j].id, false);
            parleyp_csv_string(fp, pl->points[p].id, false);
            fputs(",,,,,", fp);
            parleyp_csv_number(fp, s->effect[p * s->n_parties + j], true);
        }
}

static int score_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const score_ctx *c = ctx;
    if (format == PARLEY_DOC_CSV) {
        score_csv(c->sc, c->s, fp);
        return 0;
    }
    return score_json(c->sc, c->s, fp);
}

parley_status parley_score_dumpf(const parley_scenario *sc, const parley_score *s,
                                 parley_doc_format format, FILE *fp, parley_error *err)
{
    score_ctx c = {sc, s};
    return parleyp_doc_dumpf(score_body, &c, format, fp, err);
}

char *parley_score_dumps(const parley_scenario *sc, const parley_score *s, parley_doc_format format,
                         parley_error *err)
{
    score_ctx c = {sc, s};
    return parleyp_doc_dumps(score_body, &c, format, err);
}
