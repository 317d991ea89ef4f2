/*
 * cli/cmd_score.c — `parley score FILE [--plan ID]`: each party's utility
 * from a plan, whether it clears its walk-away, how far it is on board
 * (modelled and reported), and each point's effect on every party.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "plan_format.h"
#include "table.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley score FILE [--plan ID] [--format text|json|csv] [-o FILE] [--quiet]\n"
    "Scores a plan (default: the last one in the file) for every party.\n";

typedef struct view {
    const parley_scenario *sc;
    const parley_score *s;
} view;

static json_t *to_json(const void *v)
{
    const parley_scenario *sc = ((const view *)v)->sc;
    const parley_score *s = ((const view *)v)->s;
    const parley_plan *pl = &sc->plans[s->plan];
    json_t *root = json_object(), *parties = json_array(), *points = json_array();
    json_t *plan = json_pack("{s:s}", "id", pl->id);
    json_object_set_new(plan, "name", pl->name ? json_string(pl->name) : json_null());
    json_object_set_new(root, "plan", plan);
    json_object_set_new(root, "open_issues", pf_open_json(sc, pl));
    json_object_set_new(root, "open_issue_scoring",
                        json_string("expected value, options equally likely"));
    for (size_t j = 0; j < s->n_parties; j++) {
        const parley_party_score *ps = &s->party[j];
        json_t *o = json_pack("{s:s, s:f, s:f, s:b, s:f, s:f}", "id", sc->parties[j].id, "utility",
                              ps->utility, "walk_away", sc->parties[j].walk_away, "above_walk_away",
                              ps->above, "min_utility", ps->min, "max_utility", ps->max);
        json_object_set_new(o, "on_board",
                            isnan(ps->on_board) ? json_null() : json_real(ps->on_board));
        json_object_set_new(o, "exact", json_boolean(ps->exact));
        json_object_set_new(o, "reported", pf_reported_json(sc, j, s->plan));
        json_array_append_new(parties, o);
    }
    for (size_t p = 0; p < s->n_points; p++) {
        const parley_point *pt = &pl->points[p];
        json_t *eff = json_object();
        for (size_t j = 0; j < s->n_parties; j++)
            json_object_set_new(eff, sc->parties[j].id, json_real(s->effect[p * s->n_parties + j]));
        json_t *o = json_pack("{s:s}", "id", pt->id);
        json_object_set_new(o, "text", pt->text ? json_string(pt->text) : json_null());
        json_object_set_new(o, "sets", pf_sets_json(sc, pt));
        json_object_set_new(o, "effects", eff);
        json_array_append_new(points, o);
    }
    json_object_set_new(root, "parties", parties);
    json_object_set_new(root, "points", points);
    return root;
}

static void write_csv(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const view *)v)->sc;
    const parley_score *s = ((const view *)v)->s;
    const parley_plan *pl = &sc->plans[s->plan];
    fputs("row,plan,party,point,utility,walk_away,above_walk_away,on_board,reported_share,effect\n",
          fp);
    for (size_t j = 0; j < s->n_parties; j++) {
        const parley_party_score *ps = &s->party[j];
        double share = NAN;
        for (size_t k = 0; k < sc->n_stances; k++)
            if (sc->stances[k].party == j && sc->stances[k].plan == (long)s->plan &&
                !isnan(sc->stances[k].share))
                share = sc->stances[k].share;
        fprintf(fp, "party,%s,%s,,%.6f,%.6f,%s,", pl->id, sc->parties[j].id, ps->utility,
                sc->parties[j].walk_away, ps->above ? "true" : "false");
        if (!isnan(ps->on_board))
            fprintf(fp, "%.6f", ps->on_board);
        fputc(',', fp);
        if (!isnan(share))
            fprintf(fp, "%.6f", share);
        fputs(",\n", fp);
    }
    for (size_t p = 0; p < s->n_points; p++)
        for (size_t j = 0; j < s->n_parties; j++) {
            fprintf(fp, "point,%s,%s,", pl->id, sc->parties[j].id);
            cli_csv_field(fp, pl->points[p].id, false);
            fprintf(fp, ",,,,,%.6f\n", s->effect[p * s->n_parties + j]);
        }
}

static void write_text(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const view *)v)->sc;
    const parley_score *s = ((const view *)v)->s;
    const parley_plan *pl = &sc->plans[s->plan];
    char a[32], b[32], c[32], d[32], rep[1024];
    fprintf(fp, "Plan %s%s%s%s", pl->id, pl->name ? " — " : "", pl->name ? pl->name : "",
            pl->proposed_by >= 0 || pl->date ? " (" : "");
    if (pl->proposed_by >= 0 || pl->date)
        fprintf(fp, "%s%s%s)", pl->proposed_by >= 0 ? sc->parties[pl->proposed_by].id : "",
                pl->proposed_by >= 0 && pl->date ? ", " : "", pl->date ? pl->date : "");
    if (pl->based_on >= 0)
        fprintf(fp, ", based on %s", sc->plans[pl->based_on].id);
    fprintf(fp, "\n%zu points; ", pl->n_points);
    if (s->n_open) {
        fprintf(fp, "%zu issue%s left open (", s->n_open, s->n_open == 1 ? "" : "s");
        for (size_t k = 0; k < s->n_open; k++)
            fprintf(fp, "%s%s", k ? ", " : "", sc->issues[s->open[k]].id);
        fprintf(fp, "), scored at each party's expected value over their options\n");
    } else {
        fprintf(fp, "every issue is settled\n");
    }
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "party", false);
    cli_table_column(t, "utility", true);
    cli_table_column(t, "walk-away", true);
    cli_table_column(t, "above", false);
    cli_table_column(t, "on board", true);
    cli_table_column(t, "reported", false);
    bool approx = false;
    for (size_t j = 0; j < s->n_parties; j++) {
        const parley_party_score *ps = &s->party[j];
        approx |= !ps->exact;
        size_t note = 0;
        snprintf(d, sizeof d, "%s%s", cli_num(a, sizeof a, ps->utility, false),
                 ps->exact ? "" : "~");
        const char *row[] = {sc->parties[j].id,
                             d,
                             cli_num(b, sizeof b, sc->parties[j].walk_away, false),
                             ps->above ? "yes" : "NO",
                             cli_pct(c, sizeof c, ps->on_board),
                             pf_reported(sc, j, s->plan, &note, rep, sizeof rep)};
        cli_table_row(t, row);
    }
    fputc('\n', fp);
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fprintf(fp, "on board = (utility - walk-away) / (best attainable - walk-away)%s\n",
            approx ? "; ~ = approximate expectation over open issues" : "");
    pf_stance_notes(sc, s->plan, fp);
    if (!s->n_points)
        return;
    fprintf(
        fp,
        "\nPoint by point: change in utility the point makes (against leaving its issues open)\n");
    t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "point", false);
    cli_table_column(t, "sets", false);
    for (size_t j = 0; j < s->n_parties; j++)
        cli_table_column(t, sc->parties[j].id, true);
    const char **row = calloc(s->n_parties + 2, sizeof *row);
    char(*nums)[32] = calloc(s->n_parties, sizeof *nums);
    char sets[512];
    for (size_t p = 0; row && nums && p < s->n_points; p++) {
        row[0] = pl->points[p].id;
        row[1] = pf_sets(sc, &pl->points[p], sets, sizeof sets);
        for (size_t j = 0; j < s->n_parties; j++)
            row[2 + j] = cli_num(nums[j], sizeof nums[j], s->effect[p * s->n_parties + j], true);
        cli_table_row(t, row);
    }
    free(row);
    free(nums);
    cli_table_print(t, fp, "");
    cli_table_free(t);
}

int cmd_score(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *plan_id = NULL;
    size_t npos;
    const cli_option opts[] = {{"--plan", &plan_id, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("score", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (!file)
        return cli_usage_error("score", "missing FILE\n%s", USAGE);
    parley_scenario *sc = cli_load_scenario(file, c.quiet, &rc);
    if (!sc)
        return rc;
    long plan = plan_id ? parley_plan_find(sc, plan_id) : (long)sc->n_plans - 1;
    if (plan < 0) {
        rc = plan_id ? cli_usage_error("score", "%s: no plan '%s'", file, plan_id)
                     : cli_usage_error("score", "%s: the scenario has no plans to score", file);
        parley_scenario_free(sc);
        return rc;
    }
    parley_score s;
    parley_error err;
    if (parley_plan_score(sc, (size_t)plan, &s, &err)) {
        parley_scenario_free(sc);
        return cli_fail(&err);
    }
    static const cli_writers writers = {write_text, to_json, write_csv, NULL};
    view v = {sc, &s};
    rc = cli_emit(&c, &writers, &v);
    parley_score_free(&s);
    parley_scenario_free(sc);
    return rc;
}
