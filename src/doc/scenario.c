/*
 * doc/scenario.c — the `parley check` document (parley_scenario_dumpf/
 * _dumps): the scenario as loaded, complete enough for a program to list
 * its parties, issues, plans and stances without reading the YAML.
 *
 * JSON: {file, title, description, valid, parties[], issues[], plans[],
 * stances[], warnings[]}. CSV: one row per party (row=party), issue
 * (row=issue) and plan (row=plan); columns in docs/output.md.
 */
#include "doc/document.h"

#include <math.h>

static const char *kind_name(parley_issue_kind k)
{
    return k == PARLEY_ISSUE_DISCRETE ? "discrete" : k == PARLEY_ISSUE_INTEGER ? "integer" : "real";
}

static const char *party_id(const parley_scenario *sc, long p)
{
    return p >= 0 ? sc->parties[p].id : NULL;
}

static const char *plan_id(const parley_scenario *sc, long k)
{
    return k >= 0 ? sc->plans[k].id : NULL;
}

static size_t open_count(const parley_scenario *sc, const parley_plan *pl)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_issues; i++)
        n += pl->sets[i] < 0;
    return n;
}

static const char *origin_name(parley_point_origin o)
{
    return o == PARLEY_POINT_ADDED ? "added" : o == PARLEY_POINT_CHANGED ? "changed" : "original";
}

static void issue_json(parleyp_jw *w, const parley_issue *is)
{
    bool range = is->kind != PARLEY_ISSUE_DISCRETE;
    parleyp_jw_object(w);
    parleyp_jw_kstring(w, "id", is->id);
    parleyp_jw_kstring(w, "name", is->name);
    parleyp_jw_kstring(w, "type", kind_name(is->kind));
    parleyp_jw_kbool(w, "ordered", is->ordered);
    parleyp_jw_knumber(w, "lower", range ? is->lower : (double)NAN);
    parleyp_jw_knumber(w, "upper", range ? is->upper : (double)NAN);
    parleyp_jw_knumber(w, "step", range ? is->step : (double)NAN);
    parleyp_jw_karray(w, "options");
    for (size_t o = 0; o < is->n_options; o++) {
        const parley_option *op = &is->options[o];
        parleyp_jw_object(w);
        parleyp_jw_kstring(w, "id", op->id);
        parleyp_jw_kstring(w, "label", op->label);
        parleyp_jw_knumber(w, "value", range ? op->value : (double)NAN);
        parleyp_jw_knumber(w, "position", op->position);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
    parleyp_jw_close(w);
}

static void plan_json(parleyp_jw *w, const parley_scenario *sc, const parley_plan *pl)
{
    parleyp_jw_object(w);
    parleyp_jw_kstring(w, "id", pl->id);
    parleyp_jw_kstring(w, "name", pl->name);
    parleyp_jw_kstring(w, "based_on", plan_id(sc, pl->based_on));
    parleyp_jw_kstring(w, "proposed_by", party_id(sc, pl->proposed_by));
    parleyp_jw_kstring(w, "date", pl->date);
    parleyp_jw_kstring(w, "source", pl->source);
    parleyp_doc_open_issues(w, sc, pl);
    parleyp_jw_karray(w, "points");
    for (size_t p = 0; p < pl->n_points; p++) {
        const parley_point *pt = &pl->points[p];
        parleyp_jw_object(w);
        parleyp_jw_kstring(w, "id", pt->id);
        parleyp_jw_kstring(w, "text", pt->text);
        parleyp_doc_point_sets(w, sc, pt);
        parleyp_jw_kstring(w, "origin", origin_name(pt->origin));
        parleyp_jw_kstring(w, "proposed_by", party_id(sc, pt->proposed_by));
        parleyp_jw_kstring(w, "date", pt->date);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
    parleyp_jw_karray(w, "dropped");
    for (size_t k = 0; k < pl->n_drops; k++) {
        const parley_drop *d = &pl->drops[k];
        parleyp_jw_object(w);
        parleyp_jw_kstring(w, "point", d->point_id);
        parleyp_jw_kstring(w, "by", party_id(sc, d->by));
        parleyp_jw_kstring(w, "date", d->date);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
    parleyp_jw_close(w);
}

static int scenario_json(const parley_scenario *sc, FILE *fp)
{
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_overrides(&w, sc);
    parleyp_jw_kstring(&w, "file", sc->file);
    parleyp_jw_kstring(&w, "title", sc->title);
    parleyp_jw_kstring(&w, "description", sc->description);
    parleyp_jw_kbool(&w, "valid", true);
    parleyp_jw_karray(&w, "parties");
    for (size_t p = 0; p < sc->n_parties; p++) {
        const parley_party *pt = &sc->parties[p];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "id", pt->id);
        parleyp_jw_kstring(&w, "name", pt->name);
        parleyp_jw_knumber(&w, "power", pt->power);
        parleyp_jw_knumber(&w, "walk_away", pt->walk_away);
        parleyp_jw_knumber(&w, "discount", pt->discount);
        parleyp_jw_kinteger(&w, "rules", (long long)sc->prefs[p].n_rules);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "issues");
    for (size_t i = 0; i < sc->n_issues; i++)
        issue_json(&w, &sc->issues[i]);
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "plans");
    for (size_t k = 0; k < sc->n_plans; k++)
        plan_json(&w, sc, &sc->plans[k]);
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "stances");
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "party", sc->parties[st->party].id);
        parleyp_jw_kstring(&w, "plan", plan_id(sc, st->plan));
        parleyp_doc_stance_fields(&w, sc, st);
        parleyp_jw_kstring(&w, "note", st->note);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "warnings");
    for (size_t k = 0; k < sc->n_warnings; k++)
        parleyp_jw_string(&w, sc->warnings[k]);
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void count(FILE *fp, size_t n, bool last)
{
    fprintf(fp, "%zu%c", n, last ? '\n' : ',');
}

static void scenario_csv(const parley_scenario *sc, FILE *fp)
{
    fputs("row,id,name,power,walk_away,discount,rules,type,ordered,option_count,based_on,"
          "proposed_by,date,point_count,open_issue_count\n",
          fp);
    for (size_t p = 0; p < sc->n_parties; p++) {
        const parley_party *pt = &sc->parties[p];
        fputs("party,", fp);
        parleyp_csv_string(fp, pt->id, false);
        parleyp_csv_string(fp, pt->name, false);
        parleyp_csv_number(fp, pt->power, false);
        parleyp_csv_number(fp, pt->walk_away, false);
        parleyp_csv_number(fp, pt->discount, false);
        count(fp, sc->prefs[p].n_rules, false);
        fputs(",,,,,,,\n", fp);
    }
    for (size_t i = 0; i < sc->n_issues; i++) {
        const parley_issue *is = &sc->issues[i];
        fputs("issue,", fp);
        parleyp_csv_string(fp, is->id, false);
        parleyp_csv_string(fp, is->name, false);
        fputs(",,,,", fp);
        parleyp_csv_string(fp, kind_name(is->kind), false);
        parleyp_csv_bool(fp, is->ordered, false);
        count(fp, is->n_options, false);
        fputs(",,,,\n", fp);
    }
    for (size_t k = 0; k < sc->n_plans; k++) {
        const parley_plan *pl = &sc->plans[k];
        fputs("plan,", fp);
        parleyp_csv_string(fp, pl->id, false);
        parleyp_csv_string(fp, pl->name, false);
        fputs(",,,,,,,", fp);
        parleyp_csv_string(fp, plan_id(sc, pl->based_on), false);
        parleyp_csv_string(fp, party_id(sc, pl->proposed_by), false);
        parleyp_csv_string(fp, pl->date, false);
        count(fp, pl->n_points, false);
        count(fp, open_count(sc, pl), true);
    }
}

static int scenario_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        scenario_csv(ctx, fp);
        return 0;
    }
    return scenario_json(ctx, fp);
}

parley_status parley_scenario_dumpf(const parley_scenario *sc, parley_doc_format format, FILE *fp,
                                    parley_error *err)
{
    return parleyp_doc_dumpf(scenario_body, sc, format, fp, err);
}

char *parley_scenario_dumps(const parley_scenario *sc, parley_doc_format format, parley_error *err)
{
    return parleyp_doc_dumps(scenario_body, sc, format, err);
}
