/*
 * cli/cmd_diff.c — `parley diff FILE PLAN_A PLAN_B`: points added, dropped
 * and changed between two versions, who made each change, and the change in
 * each party's utility that each point causes.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "plan_format.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley diff FILE PLAN_A PLAN_B [--format text|json|csv] [-o FILE] [--quiet]\n"
    "Shows what changed from PLAN_A to PLAN_B and whom each change moved.\n";

static const char *KIND[] = {"added", "dropped", "changed"};

static const parley_point *point_of(const parley_scenario *sc, size_t plan, long idx)
{
    return idx >= 0 ? &sc->plans[plan].points[idx] : NULL;
}

static const char *option_id(const parley_scenario *sc, size_t issue, long option)
{
    return option >= 0 ? sc->issues[issue].options[option].id : "(open)";
}

/* What a point-level change did, for the text table: the option changed on
 * one issue, the settings before and after, or, where the points set nothing
 * (a change of wording only), their texts. */
static const char *what_changed(const parley_scenario *sc, const parley_point *pa,
                                const parley_point *pb, char *what, size_t n)
{
    char s1[480], s2[480];
    const parley_point *one = pa ? pa : pb;
    if (!one)
        return "-";
    if (pa && pb && pa->n_sets == 1 && pb->n_sets == 1 && pa->set_issue[0] == pb->set_issue[0]) {
        const parley_issue *is = &sc->issues[pa->set_issue[0]];
        snprintf(what, n, "%s: %s -> %s", is->id, is->options[pa->set_option[0]].id,
                 is->options[pb->set_option[0]].id);
    } else if (pa && pb && (pa->n_sets || pb->n_sets))
        snprintf(what, n, "%s -> %s", pf_sets(sc, pa, s1, sizeof s1),
                 pf_sets(sc, pb, s2, sizeof s2));
    else if (pa && pb)
        snprintf(what, n, "text: \"%s\" -> \"%s\"", pa->text ? pa->text : "",
                 pb->text ? pb->text : "");
    else if (one->n_sets)
        snprintf(what, n, "%s", pf_sets(sc, one, s1, sizeof s1));
    else
        snprintf(what, n, "text: \"%s\"", one->text ? one->text : "");
    return what;
}

typedef struct view {
    const parley_scenario *sc;
    const parley_diff *d;
} view;

static parley_status write_doc(const void *v, parley_doc_format format, FILE *fp, parley_error *err)
{
    return parley_diff_dumpf(((const view *)v)->sc, ((const view *)v)->d, format, fp, err);
}

/* The issue-by-issue table, whatever the point numbering. row and nums are
 * scratch arrays of n_parties + 4 and n_parties entries. */
static void write_issues_text(const parley_scenario *sc, const parley_diff *d, const char **row,
                              char (*nums)[32], FILE *fp)
{
    cli_table *t = cli_table_new();
    if (!t)
        return;
    fprintf(fp,
            "\nby issue: %zu settled differently; effect = change in utility from settling "
            "that one issue in %s as %s does\n\n",
            d->n_issues, sc->plans[d->a].id, sc->plans[d->b].id);
    cli_table_column(t, "issue", false);
    cli_table_column(t, sc->plans[d->a].id, false);
    cli_table_column(t, sc->plans[d->b].id, false);
    for (size_t j = 0; j < d->n_parties; j++)
        cli_table_column(t, sc->parties[j].id, true);
    for (size_t k = 0; k < d->n_issues; k++) {
        const parley_diff_issue *di = &d->issues[k];
        row[0] = sc->issues[di->issue].id;
        row[1] = option_id(sc, di->issue, di->from);
        row[2] = option_id(sc, di->issue, di->to);
        for (size_t j = 0; j < d->n_parties; j++)
            row[3 + j] = cli_num(nums[j], sizeof nums[j], di->delta[j], true);
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "");
    cli_table_free(t);
}

static void write_text(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const view *)v)->sc;
    const parley_diff *d = ((const view *)v)->d;
    const parley_plan *A = &sc->plans[d->a], *B = &sc->plans[d->b];
    fprintf(fp, "%s -> %s: %zu changes\n", A->id, B->id, d->n);
    if (d->n) {
        fprintf(fp, "effect = change in utility from applying that one change to %s\n\n", A->id);
    }
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "change", false);
    cli_table_column(t, "point", false);
    cli_table_column(t, "by", false);
    cli_table_column(t, "what", false);
    for (size_t j = 0; j < d->n_parties; j++)
        cli_table_column(t, sc->parties[j].id, true);
    const char **row = calloc(d->n_parties + 4, sizeof *row);
    char(*nums)[32] = calloc(d->n_parties, sizeof *nums);
    char what[1024];
    for (size_t k = 0; row && nums && k <= d->n; k++) {
        if (k < d->n) {
            const parley_diff_entry *e = &d->e[k];
            const parley_point *pa = point_of(sc, d->a, e->a_point),
                               *pb = point_of(sc, d->b, e->b_point);
            what_changed(sc, pa, pb, what, sizeof what);
            row[0] = KIND[e->kind];
            row[1] = e->point_id;
            row[2] = e->by >= 0 ? sc->parties[e->by].id : "?";
            row[3] = what;
            for (size_t j = 0; j < d->n_parties; j++)
                row[4 + j] = cli_num(nums[j], sizeof nums[j], e->delta[j], true);
        } else {
            row[0] = "total";
            row[1] = row[2] = "";
            snprintf(what, sizeof what, "%s -> %s", A->id, B->id);
            row[3] = what;
            for (size_t j = 0; j < d->n_parties; j++)
                row[4 + j] = cli_num(nums[j], sizeof nums[j], d->ub[j] - d->ua[j], true);
        }
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "");
    cli_table_free(t);
    if (d->n_issues && row && nums)
        write_issues_text(sc, d, row, nums, fp);
    free(row);
    free(nums);
}

int cmd_diff(int argc, char **argv)
{
    cli_common c;
    const char *pos[3] = {NULL, NULL, NULL};
    size_t npos;
    int rc = cli_parse("diff", USAGE, argc, argv, &c, NULL, pos, 3, &npos);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (npos != 3)
        return cli_usage_error("diff", "needs FILE PLAN_A PLAN_B\n%s", USAGE);
    parley_scenario *sc = cli_load_scenario(pos[0], c.quiet, &rc);
    if (!sc)
        return rc;
    long a = parley_plan_find(sc, pos[1]), b = parley_plan_find(sc, pos[2]);
    if (a < 0 || b < 0) {
        rc = cli_input_error("diff", pos[0], a < 0 ? "PLAN_A" : "PLAN_B", "no plan '%s'",
                             a < 0 ? pos[1] : pos[2]);
        parley_scenario_free(sc);
        return rc;
    }
    parley_diff d;
    parley_error err;
    if (parley_plans_diff(sc, (size_t)a, (size_t)b, &d, &err)) {
        parley_scenario_free(sc);
        return cli_fail(&err);
    }
    static const cli_writers writers = {.text = write_text, .doc = write_doc};
    view v = {sc, &d};
    rc = cli_emit(&c, &writers, &v);
    parley_diff_free(&d);
    parley_scenario_free(sc);
    return rc;
}
