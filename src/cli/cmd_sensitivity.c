/*
 * cli/cmd_sensitivity.c — `parley sensitivity FILE [--plan ID]`: for every
 * party, each issue weight and the walk-away, the exact range of that one
 * number over which the party stays at or above its walk-away under the plan,
 * and the smallest change that flips it (parley_plan_sensitivity).
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *USAGE =
    "usage: parley sensitivity FILE [--plan ID] [--format text|json|csv] [-o FILE] [--quiet]\n"
    "For every party, each issue weight (as written in the file) and the walk-away: the\n"
    "exact range of that one number, the others fixed, over which the party stays at or\n"
    "above its walk-away under the plan (default: the last one), and the smallest change\n"
    "that flips the party in or out.\n";

typedef struct view {
    const parley_scenario *sc;
    const parley_sensitivity *s;
} view;

static parley_status write_doc(const void *v, parley_doc_format format, FILE *fp, parley_error *err)
{
    return parley_sensitivity_dumpf(((const view *)v)->sc, ((const view *)v)->s, format, fp, err);
}

/* A number for the table: 3 significant decimals, more when it is small. */
static const char *num(char *buf, size_t n, double v)
{
    if (isinf(v))
        snprintf(buf, n, "any");
    else if (v != 0 && fabs(v) < 0.001)
        snprintf(buf, n, "%.3g", v);
    else
        snprintf(buf, n, "%.3f", v);
    return buf;
}

static void write_text(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const view *)v)->sc;
    const parley_sensitivity *s = ((const view *)v)->s;
    const parley_plan *pl = &sc->plans[s->plan];
    fprintf(fp, "Sensitivity of plan %s%s%s: each number alone, the others as they are\n", pl->id,
            pl->name ? " — " : "", pl->name ? pl->name : "");
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "party", false);
    cli_table_column(t, "number", false);
    cli_table_column(t, "now", true);
    cli_table_column(t, "above for", false);
    cli_table_column(t, "flips", false);
    cli_table_column(t, "change", true);
    for (size_t k = 0; k < s->n_rows; k++) {
        const parley_sens_row *r = &s->rows[k];
        char what[160], now[32], range[96], flip[64], change[32], a[32], b[32];
        if (r->param == PARLEY_SENS_WEIGHT)
            snprintf(what, sizeof what, "weight %s", sc->issues[r->issue].id);
        else
            snprintf(what, sizeof what, "walk-away");
        num(now, sizeof now, r->value);
        if (isnan(r->lower))
            snprintf(range, sizeof range, "never above");
        else
            snprintf(range, sizeof range, "%s to %s", num(a, sizeof a, r->lower),
                     num(b, sizeof b, r->upper));
        if (isnan(r->flip)) {
            snprintf(flip, sizeof flip, "never");
            snprintf(change, sizeof change, "-");
        } else {
            snprintf(flip, sizeof flip, "%s %s", r->above ? "out past" : "in at",
                     num(a, sizeof a, r->flip));
            snprintf(change, sizeof change, "%s%s", r->change >= 0 ? "+" : "",
                     num(b, sizeof b, r->change));
        }
        const char *row[] = {k && r->party == s->rows[k - 1].party ? "" : sc->parties[r->party].id,
                             what,
                             now,
                             range,
                             flip,
                             change};
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fputs("party: utility / walk-away now:", fp);
    for (size_t j = 0; j < sc->n_parties; j++) {
        const parley_sens_row *r = &s->rows[j * (sc->n_issues + 1)];
        fprintf(fp, "%s %s %.3f/%.3f%s", j ? "," : "", sc->parties[j].id, r->utility,
                sc->parties[j].walk_away, r->above ? "" : " (below)");
    }
    fputs("\nabove for: the range of that number alone over which the party is at or above its "
          "walk-away (nearest one when below now);\nweights as written in the file "
          "(--weight PARTY.ISSUE=W), then normalised\n",
          fp);
}

int cmd_sensitivity(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *plan_id = NULL;
    size_t npos;
    const cli_option opts[] = {{"--plan", &plan_id, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("sensitivity", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (!file)
        return cli_usage_error("sensitivity", "missing FILE\n%s", USAGE);
    parley_scenario *sc = cli_load_scenario(file, c.quiet, &rc);
    if (!sc)
        return rc;
    long plan = plan_id ? parley_plan_find(sc, plan_id) : (long)sc->n_plans - 1;
    if (plan < 0) {
        rc = plan_id ? cli_usage_error("sensitivity", "%s: no plan '%s'", file, plan_id)
                     : cli_usage_error("sensitivity", "%s: the scenario has no plans", file);
        parley_scenario_free(sc);
        return rc;
    }
    parley_sensitivity s;
    parley_error err;
    if (parley_plan_sensitivity(sc, (size_t)plan, &s, &err)) {
        parley_scenario_free(sc);
        return cli_fail(&err);
    }
    static const cli_writers writers = {.text = write_text, .doc = write_doc};
    view v = {sc, &s};
    rc = cli_emit(&c, &writers, &v);
    parley_sensitivity_free(&s);
    parley_scenario_free(sc);
    return rc;
}
