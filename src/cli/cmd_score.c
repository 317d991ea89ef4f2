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

static parley_status write_doc(const void *v, parley_doc_format format, FILE *fp, parley_error *err)
{
    return parley_score_dumpf(((const view *)v)->sc, ((const view *)v)->s, format, fp, err);
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
        rc = plan_id ? cli_input_error("score", file, "--plan", "no plan '%s'", plan_id)
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
    static const cli_writers writers = {.text = write_text, .doc = write_doc};
    view v = {sc, &s};
    rc = cli_emit(&c, &writers, &v);
    parley_score_free(&s);
    parley_scenario_free(sc);
    return rc;
}
