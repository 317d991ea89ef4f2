/*
 * cli/cmd_check.c — `parley check FILE`: validate a scenario and summarise
 * its parties, issues, plans and stances.
 */
#include "cli.h"
#include "commands.h"
#include "table.h"
#include "parley.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE = "usage: parley check FILE [--format text|json|csv] [-o FILE] [--quiet]\n"
                           "Validates a scenario and summarises it. Exit 0 valid, 2 invalid.\n";

static const char *kind_name(parley_issue_kind k)
{
    return k == PARLEY_ISSUE_DISCRETE ? "discrete" : k == PARLEY_ISSUE_INTEGER ? "integer" : "real";
}

static const char *party_id(const parley_scenario *sc, long p)
{
    return p >= 0 ? sc->parties[p].id : NULL;
}

static size_t open_count(const parley_scenario *sc, const parley_plan *pl)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_issues; i++)
        n += pl->sets[i] < 0;
    return n;
}

static parley_status write_doc(const void *view, parley_doc_format format, FILE *fp,
                               parley_error *err)
{
    return parley_scenario_dumpf(view, format, fp, err);
}

static void write_text(const void *view, FILE *fp)
{
    const parley_scenario *sc = view;
    fprintf(fp, "%s: valid%s%s%s\n", sc->file, sc->title ? " — \"" : "", sc->title ? sc->title : "",
            sc->title ? "\"" : "");
    char a[32], b[32], c[32], d[32];
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "party", false);
    cli_table_column(t, "name", false);
    cli_table_column(t, "power", true);
    cli_table_column(t, "walk-away", true);
    cli_table_column(t, "discount", true);
    cli_table_column(t, "rules", true);
    for (size_t p = 0; p < sc->n_parties; p++) {
        const parley_party *pt = &sc->parties[p];
        snprintf(a, sizeof a, "%g", pt->power);
        snprintf(d, sizeof d, "%zu", sc->prefs[p].n_rules);
        const char *row[] = {pt->id,
                             pt->name,
                             a,
                             cli_num(b, sizeof b, pt->walk_away, false),
                             cli_num(c, sizeof c, pt->discount, false),
                             d};
        cli_table_row(t, row);
    }
    fprintf(fp, "\n%zu parties\n", sc->n_parties);
    cli_table_print(t, fp, "  ");
    cli_table_free(t);

    double outcomes = 1;
    t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "issue", false);
    cli_table_column(t, "type", false);
    cli_table_column(t, "options", true);
    cli_table_column(t, "name", false);
    for (size_t i = 0; i < sc->n_issues; i++) {
        const parley_issue *is = &sc->issues[i];
        outcomes *= (double)is->n_options;
        snprintf(a, sizeof a, "%zu", is->n_options);
        snprintf(b, sizeof b, "%s%s", kind_name(is->kind),
                 is->kind == PARLEY_ISSUE_DISCRETE && is->ordered ? ", ordered" : "");
        const char *row[] = {is->id, b, a, is->name};
        cli_table_row(t, row);
    }
    fprintf(fp, "\n%zu issues, %.4g outcomes\n", sc->n_issues, outcomes);
    cli_table_print(t, fp, "  ");
    cli_table_free(t);

    if (sc->n_plans) {
        t = cli_table_new();
        if (!t)
            return;
        cli_table_column(t, "plan", false);
        cli_table_column(t, "based on", false);
        cli_table_column(t, "by", false);
        cli_table_column(t, "date", false);
        cli_table_column(t, "points", true);
        cli_table_column(t, "open", true);
        cli_table_column(t, "name", false);
        for (size_t k = 0; k < sc->n_plans; k++) {
            const parley_plan *pl = &sc->plans[k];
            snprintf(a, sizeof a, "%zu", pl->n_points);
            snprintf(b, sizeof b, "%zu", open_count(sc, pl));
            const char *row[] = {pl->id,
                                 pl->based_on >= 0 ? sc->plans[pl->based_on].id : "-",
                                 pl->proposed_by >= 0 ? party_id(sc, pl->proposed_by) : "-",
                                 pl->date ? pl->date : "-",
                                 a,
                                 b,
                                 pl->name ? pl->name : ""};
            cli_table_row(t, row);
        }
        fprintf(fp, "\n%zu plans\n", sc->n_plans);
        cli_table_print(t, fp, "  ");
        cli_table_free(t);
    }
    fprintf(fp, "\n%zu stances, %zu warnings\n", sc->n_stances, sc->n_warnings);
}

int cmd_check(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL;
    size_t npos;
    int rc = cli_parse("check", USAGE, argc, argv, &c, NULL, &file, 1, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (!file)
        return cli_usage_error("check", "missing FILE\n%s", USAGE);
    parley_scenario *sc = cli_load_scenario(file, c.quiet, &rc);
    if (!sc)
        return rc;
    static const cli_writers writers = {.text = write_text, .doc = write_doc};
    rc = cli_emit(&c, &writers, sc);
    parley_scenario_free(sc);
    return rc;
}
