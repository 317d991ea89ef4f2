/*
 * doc/sensitivity.c — the `parley sensitivity` document
 * (parley_sensitivity_dumpf/_dumps): for every party under a plan, each
 * number (an issue's weight as written, the walk-away), the range of it over
 * which the party is at or above its walk-away, and the smallest change that
 * flips the party (parley/scoring.h defines them).
 *
 * JSON: {plan, overrides, utilities, parties: [{id, utility, walk_away,
 * above_walk_away, numbers: [{number, issue, value, lower, upper, flip,
 * change}]}]}; `number` is "weight" or "walk_away", `issue` null for the
 * walk-away; `upper` null when unbounded (any larger weight) and lower, upper,
 * flip, change null when no value of the number puts the party above; flip
 * and change null when nothing flips the party.
 * CSV: one row per party and number: party, number, issue, value, utility,
 * walk_away, above_walk_away, lower, upper, flip, change (empty: as null).
 */
#include "doc/document.h"

#include <math.h>
#include <stdlib.h>

typedef struct sens_ctx {
    const parley_scenario *sc;
    const parley_sensitivity *s;
} sens_ctx;

static const char *number_name(const parley_sens_row *r)
{
    return r->param == PARLEY_SENS_WEIGHT ? "weight" : "walk_away";
}

static int sens_json(const parley_scenario *sc, const parley_sensitivity *s, FILE *fp)
{
    size_t per = sc->n_issues + 1;
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_plan_ref(&w, "plan", &sc->plans[s->plan]);
    parleyp_doc_overrides(&w, sc);
    double *u = malloc((sc->n_parties ? sc->n_parties : 1) * sizeof *u);
    if (!u)
        return -1;
    for (size_t j = 0; j < sc->n_parties; j++)
        u[j] = s->rows[j * per].utility;
    parleyp_doc_utilities(&w, sc, u);
    free(u);
    parleyp_jw_karray(&w, "parties");
    for (size_t j = 0; j < sc->n_parties; j++) {
        const parley_sens_row *first = &s->rows[j * per];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "id", sc->parties[j].id);
        parleyp_jw_knumber(&w, "utility", first->utility);
        parleyp_jw_knumber(&w, "walk_away", sc->parties[j].walk_away);
        parleyp_jw_kbool(&w, "above_walk_away", first->above);
        parleyp_jw_karray(&w, "numbers");
        for (size_t k = 0; k < per; k++) {
            const parley_sens_row *r = &s->rows[j * per + k];
            parleyp_jw_object(&w);
            parleyp_jw_kstring(&w, "number", number_name(r));
            parleyp_jw_kstring(&w, "issue",
                               r->param == PARLEY_SENS_WEIGHT ? sc->issues[r->issue].id : NULL);
            parleyp_jw_knumber(&w, "value", r->value);
            parleyp_jw_knumber(&w, "lower", r->lower);
            parleyp_jw_knumber(&w, "upper", r->upper);
            parleyp_jw_knumber(&w, "flip", r->flip);
            parleyp_jw_knumber(&w, "change", r->change);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void sens_csv(const parley_scenario *sc, const parley_sensitivity *s, FILE *fp)
{
    fputs("party,number,issue,value,utility,walk_away,above_walk_away,lower,upper,flip,change\n",
          fp);
    for (size_t k = 0; k < s->n_rows; k++) {
        const parley_sens_row *r = &s->rows[k];
        parleyp_csv_string(fp, sc->parties[r->party].id, false);
        parleyp_csv_string(fp, number_name(r), false);
        parleyp_csv_string(fp, r->param == PARLEY_SENS_WEIGHT ? sc->issues[r->issue].id : NULL,
                           false);
        parleyp_csv_number(fp, r->value, false);
        parleyp_csv_number(fp, r->utility, false);
        parleyp_csv_number(fp, sc->parties[r->party].walk_away, false);
        parleyp_csv_bool(fp, r->above, false);
        parleyp_csv_number(fp, r->lower, false);
        parleyp_csv_number(fp, r->upper, false);
        parleyp_csv_number(fp, r->flip, false);
        parleyp_csv_number(fp, r->change, true);
    }
}

static int sens_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const sens_ctx *c = ctx;
    if (format == PARLEY_DOC_CSV) {
        sens_csv(c->sc, c->s, fp);
        return 0;
    }
    return sens_json(c->sc, c->s, fp);
}

parley_status parley_sensitivity_dumpf(const parley_scenario *sc, const parley_sensitivity *s,
                                       parley_doc_format format, FILE *fp, parley_error *err)
{
    sens_ctx c = {sc, s};
    return parleyp_doc_dumpf(sens_body, &c, format, fp, err);
}

char *parley_sensitivity_dumps(const parley_scenario *sc, const parley_sensitivity *s,
                               parley_doc_format format, parley_error *err)
{
    sens_ctx c = {sc, s};
    return parleyp_doc_dumps(sens_body, &c, format, err);
}
