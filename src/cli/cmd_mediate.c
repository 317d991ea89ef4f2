/*
 * cli/cmd_mediate.c — `parley mediate FILE --plan ID [--rounds N]
 * [--concept nash|kalai|ks|welfare]`: the single-negotiating-text procedure
 * from a plan, round by round, with every party's utility after each round.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <jansson.h>
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

static json_t *to_json(const void *v)
{
    const view *v_ = v;
    const parley_scenario *sc = v_->sc;
    size_t plan = v_->plan;
    const parley_mediation *m = v_->m;
    parley_mediate_concept cc = v_->cc;
    const parley_plan *pl = &sc->plans[plan];
    json_t *root = json_object(), *rounds = json_array(), *start = json_object(),
           *target = json_null();
    json_object_set_new(root, "plan", json_string(pl->id));
    json_object_set_new(root, "concept", json_string(CONCEPT[cc]));
    for (size_t j = 0; j < sc->n_parties; j++)
        json_object_set_new(start, sc->parties[j].id, json_real(m->u0[j]));
    json_object_set_new(root, "start", start);
    if (m->has_target) {
        json_t *tu = json_object(), *to = json_object();
        for (size_t j = 0; j < sc->n_parties; j++)
            json_object_set_new(tu, sc->parties[j].id, json_real(m->target_u[j]));
        for (size_t i = 0; i < sc->n_issues; i++)
            json_object_set_new(to, sc->issues[i].id,
                                json_string(opt_id(sc, i, (long)m->target[i])));
        target = json_pack("{s:o, s:o}", "utilities", tu, "outcome", to);
    }
    json_object_set_new(root, "target", target);
    for (size_t r = 0; r < m->n_rounds; r++) {
        const parley_mediation_round *rd = &m->rounds[r];
        const char *pt = point_for(pl, rd->issue);
        json_t *u = json_object();
        for (size_t j = 0; j < sc->n_parties; j++)
            json_object_set_new(u, sc->parties[j].id, json_real(rd->u[j]));
        json_t *o =
            json_pack("{s:i, s:s, s:s, s:s, s:o}", "round", (json_int_t)(r + 1), "kind",
                      rd->pareto ? "pareto" : "toward-target", "issue", sc->issues[rd->issue].id,
                      "to", opt_id(sc, rd->issue, rd->to), "utilities", u);
        json_object_set_new(o, "point", pt ? json_string(pt) : json_null());
        json_object_set_new(
            o, "from", rd->from >= 0 ? json_string(opt_id(sc, rd->issue, rd->from)) : json_null());
        json_array_append_new(rounds, o);
    }
    json_object_set_new(root, "rounds", rounds);
    json_object_set_new(root, "all_above_walk_away", json_boolean(m->all_above));
    json_object_set_new(root, "stopped", json_string(m->stopped));
    return root;
}

static void write_csv(const void *v, FILE *fp)
{
    const view *v_ = v;
    const parley_scenario *sc = v_->sc;
    size_t plan = v_->plan;
    const parley_mediation *m = v_->m;
    fputs("round,kind,point,issue,from,to", fp);
    for (size_t p = 0; p < sc->n_parties; p++)
        fprintf(fp, ",%s", sc->parties[p].id);
    fputc('\n', fp);
    const parley_plan *pl = &sc->plans[plan];
    for (size_t r = 0; r < m->n_rounds; r++) {
        const parley_mediation_round *rd = &m->rounds[r];
        const char *pt = point_for(pl, rd->issue);
        fprintf(fp, "%zu,%s,", r + 1, rd->pareto ? "pareto" : "toward-target");
        cli_csv_field(fp, pt ? pt : "", false);
        cli_csv_field(fp, sc->issues[rd->issue].id, false);
        cli_csv_field(fp, rd->from >= 0 ? opt_id(sc, rd->issue, rd->from) : "", false);
        cli_csv_field(fp, opt_id(sc, rd->issue, rd->to), false);
        for (size_t p = 0; p < sc->n_parties; p++)
            fprintf(fp, "%s%.6f", p ? "," : "", rd->u[p]);
        fputc('\n', fp);
    }
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
        rc = cli_usage_error("mediate", "%s: no plan '%s'", file, plan_id);
    } else if (!(an = parley_mediation_analysis(sc, c.threads, &err)) ||
               parley_mediation_run(sc, (size_t)plan, concept, (size_t)rounds, an, &m, &err)) {
        rc = cli_fail(&err);
    } else {
        static const cli_writers writers = {.text = write_text, .json = to_json, .csv = write_csv};
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
