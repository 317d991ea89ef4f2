/*
 * cli/cmd_mediate.c — `parley mediate FILE --plan ID [--rounds N]
 * [--concept nash|kalai|ks|welfare]`: the single-negotiating-text procedure
 * from a plan, round by round, with every party's utility after each round.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley mediate FILE --plan ID [--rounds N] [--concept nash|kalai|ks|welfare]\n"
    "                      [--format text|json|csv] [-o FILE]\n"
    "Revises the plan one issue per round: Pareto improvements first, else a step toward the\n"
    "concept's package (default nash); nobody above its walk-away falls below it. Exit 1 when\n"
    "it ends with a party still below its walk-away.\n";

static const char *CONCEPT[] = {"nash", "kalai", "ks", "welfare"};

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
    return o >= 0 ? sc->issues[i].options[o].id : "(open)";
}

typedef struct view {
    const parley_scenario *sc;
    size_t plan;
    parley_mediate_concept cc;
    const parley_mediation *m;
} view;

static parley_status write_doc(const void *v, parley_doc_format format, FILE *fp, parley_error *err)
{
    const view *v_ = v;
    return parley_mediation_dumpf(v_->sc, v_->plan, v_->cc, v_->m, format, fp, err);
}

static void write_text(const void *v, FILE *fp)
{
    const view *v_ = v;
    const parley_scenario *sc = v_->sc;
    size_t plan = v_->plan;
    const parley_mediation *m = v_->m;
    parley_mediate_concept cc = v_->cc;
    const parley_plan *pl = &sc->plans[plan];
    fprintf(fp, "Single negotiating text from %s toward the %s package\n", pl->id, CONCEPT[cc]);
    if (!m->has_target)
        fprintf(fp, "(no package puts every party at or above its walk-away: Pareto steps only)\n");
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "round", true);
    cli_table_column(t, "kind", false);
    cli_table_column(t, "point", false);
    cli_table_column(t, "change", false);
    for (size_t j = 0; j < sc->n_parties; j++)
        cli_table_column(t, sc->parties[j].id, true);
    const char **row = calloc(sc->n_parties + 4, sizeof *row);
    char(*num)[32] = calloc(sc->n_parties, sizeof *num);
    char what[512], rn[24];
    for (size_t r = 0; row && num && r <= m->n_rounds; r++) {
        const double *u = r ? m->rounds[r - 1].u : m->u0;
        if (r == 0) {
            row[0] = "0";
            row[1] = "start";
            row[2] = "";
            row[3] = pl->id;
        } else {
            const parley_mediation_round *rd = &m->rounds[r - 1];
            const char *pt = point_for(pl, rd->issue);
            snprintf(rn, sizeof rn, "%zu", r);
            snprintf(what, sizeof what, "%s: %s -> %s", sc->issues[rd->issue].id,
                     opt_id(sc, rd->issue, rd->from), opt_id(sc, rd->issue, rd->to));
            row[0] = rn;
            row[1] = rd->pareto ? "pareto" : "toward";
            row[2] = pt ? pt : "new";
            row[3] = what;
        }
        for (size_t j = 0; j < sc->n_parties; j++) {
            bool below = !parley_walk_away_met(sc, j, u[j]);
            snprintf(num[j], sizeof num[j], "%.3f%s", u[j], below ? "*" : "");
            row[4 + j] = num[j];
        }
        cli_table_row(t, row);
    }
    free(row);
    free(num);
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fprintf(fp, "* below walk-away. Stopped: %s.\n", m->stopped);
}

int cmd_mediate(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *plan_id = NULL, *rounds_arg = NULL, *concept_arg = NULL;
    size_t npos;
    const cli_option opts[] = {{"--plan", &plan_id, NULL, NULL, NULL, false},
                               {"--rounds", &rounds_arg, NULL, NULL, NULL, false},
                               {"--concept", &concept_arg, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("mediate", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    long rounds = 50;
    if (rounds_arg) {
        char *end;
        rounds = strtol(rounds_arg, &end, 10);
        if (*end || !*rounds_arg || rounds < 1 || rounds > 100000)
            return cli_usage_error("mediate", "--rounds must be 1 to 100000, not '%s'", rounds_arg);
    }
    parley_mediate_concept concept = PARLEY_MEDIATE_NASH;
    if (concept_arg) {
        size_t k = 0;
        while (k < 4 && strcmp(concept_arg, CONCEPT[k]))
            k++;
        if (k == 4)
            return cli_usage_error("mediate", "--concept must be nash, kalai, ks or welfare");
        concept = (parley_mediate_concept)k;
    }
    if (!file || !plan_id)
        return cli_usage_error("mediate", "needs FILE and --plan ID\n%s", USAGE);
    parley_scenario *sc = cli_load_scenario(file, c.quiet, &rc);
    if (!sc)
        return rc;
    long plan = parley_plan_find(sc, plan_id);
    parley_mediation m;
    parley_error err;
    parley_analysis *an = NULL; /* the frontier, computed once for every round */
    if (plan < 0) {
        rc = cli_input_error("mediate", file, "--plan", "no plan '%s'", plan_id);
    } else if (!(an = parley_mediation_analysis(sc, c.threads, &err)) ||
               parley_mediation_run(sc, (size_t)plan, concept, (size_t)rounds, an, &m, &err)) {
        rc = cli_fail(&err);
    } else {
        static const cli_writers writers = {.text = write_text, .doc = write_doc};
        view v = {sc, (size_t)plan, concept, &m};
        rc = cli_emit(&c, &writers, &v);
        if (!rc && !m.all_above)
            rc = CLI_EXIT_NO_ANSWER;
        parley_mediation_free(&m);
    }
    parley_analysis_free(an);
    parley_scenario_free(sc);
    return rc;
}
