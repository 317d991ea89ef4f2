/*
 * cli/cmd_score.c — `parley score FILE [--plan ID]`: each party's utility
 * from a plan, whether it clears its walk-away, how far it is on board
 * (modelled and reported), and each point's effect on every party.
 */
#include "parley.h"
#include "cli.h"
#include "cli_mpi.h"
#include "commands.h"
#include "plan_format.h"
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley score FILE [--plan ID] [--format text|json|csv] [-o FILE] [--quiet]\n"
    "       parley score FILE [--plan ID] --runs N [--seed N] [--threads N]\n"
    "                         [--vary-pos P] [--vary-sal F] [options]\n"
    "Scores a plan (default: the last one in the file) for every party.\n"
    "  --runs N      uncertainty: N runs drawing every party's weights and positions\n"
    "                within the scenario's uncertainty: ranges (or --vary-pos P points,\n"
    "                default 5; --vary-sal F, a fraction of each weight, default 0.1);\n"
    "                per party P(above walk-away) and the 5/50/95 % on-board quantiles;\n"
    "                the same --seed gives the same answer whatever --threads\n";

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

typedef struct mc_view {
    const parley_scenario *sc;
    const parley_score_mc *mc;
} mc_view;

static parley_status write_mc_doc(const void *v, parley_doc_format format, FILE *fp,
                                  parley_error *err)
{
    return parley_score_mc_dumpf(((const mc_view *)v)->sc, ((const mc_view *)v)->mc, format, fp,
                                 err);
}

static void write_mc_text(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const mc_view *)v)->sc;
    const parley_score_mc *mc = ((const mc_view *)v)->mc;
    const parley_plan *pl = &sc->plans[mc->plan];
    fprintf(fp, "Plan %s%s%s: %zu runs, seed %llu; weights ±%g%%, positions ±%g points\n", pl->id,
            pl->name ? " — " : "", pl->name ? pl->name : "", mc->n_runs,
            (unsigned long long)mc->seed, 100.0 * mc->vary_salience, mc->vary_position);
    cli_table *t = cli_table_new();
    if (!t)
        return;
    static const char *const HEAD[] = {"party", "walk-away",  "P(above)", "on board 5%", "50%",
                                       "95%",   "utility 5%", "50%",      "95%"};
    for (size_t k = 0; k < 9; k++)
        cli_table_column(t, HEAD[k], k > 0);
    for (size_t j = 0; j < mc->n_parties; j++) {
        const parley_score_mc_party *p = &mc->party[j];
        char c[9][32];
        cli_num(c[1], sizeof c[1], sc->parties[j].walk_away, false);
        cli_pct(c[2], sizeof c[2], p->p_above);
        for (int q = 0; q < 3; q++) {
            cli_pct(c[3 + q], sizeof c[3 + q], p->on_board[q]);
            cli_num(c[6 + q], sizeof c[6 + q], p->utility[q], false);
        }
        const char *row[] = {sc->parties[j].id, c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]};
        cli_table_row(t, row);
    }
    fputc('\n', fp);
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fputs("P(above): share of runs at or above the walk-away; on board and utility: quantiles over "
          "the runs\n",
          fp);
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

/* score --runs N: the Monte Carlo summary instead of the point score. */
static int run_mc(const cli_common *c, const parley_scenario *sc, size_t plan, const char *runs,
                  const char *vary_pos, const char *vary_sal)
{
    parley_score_mc_options o;
    parley_score_mc_options_init(&o);
    double n;
    if (parse_number(runs, 1, 10000000, &n) || n != floor(n))
        return cli_usage_error("score", "--runs must be an integer from 1 to 10000000, not '%s'",
                               runs);
    o.runs = (size_t)n;
    o.seed = (uint64_t)c->seed;
    o.threads = cli_mpi_threads(c->threads);
    if (vary_pos && parse_number(vary_pos, 0, 100, &o.vary_position))
        return cli_usage_error("score", "--vary-pos must be a number of points from 0 to 100");
    if (vary_sal && parse_number(vary_sal, 0, 1, &o.vary_salience))
        return cli_usage_error("score", "--vary-sal must be a fraction from 0 to 1");
    parley_score_mc mc; /* the runs across processes under mpirun; rank 0 writes */
    int rc = cli_mpi_score(sc, plan, &o, &mc);
    if (rc || !cli_mpi_root())
        return rc;
    static const cli_writers writers = {.text = write_mc_text, .doc = write_mc_doc};
    mc_view v = {sc, &mc};
    rc = cli_emit(c, &writers, &v);
    parley_score_mc_free(&mc);
    return rc;
}

int cmd_score(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *plan_id = NULL, *runs = NULL, *vary_pos = NULL, *vary_sal = NULL;
    size_t npos;
    const cli_option opts[] = {{"--plan", &plan_id, NULL, NULL, NULL, false},
                               {"--runs", &runs, NULL, NULL, NULL, false},
                               {"--vary-pos", &vary_pos, NULL, NULL, NULL, false},
                               {"--vary-sal", &vary_sal, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("score", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (!file)
        return cli_usage_error("score", "missing FILE\n%s", USAGE);
    if (!runs && (vary_pos || vary_sal))
        return cli_usage_error("score", "--vary-pos and --vary-sal are for --runs N");
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
    if (runs) {
        rc = run_mc(&c, sc, (size_t)plan, runs, vary_pos, vary_sal);
        parley_scenario_free(sc);
        return rc;
    }
    if (!cli_mpi_root()) { /* under mpirun a point score is rank 0's alone */
        parley_scenario_free(sc);
        return 0;
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
