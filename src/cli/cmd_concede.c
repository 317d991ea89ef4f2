/*
 * cli/cmd_concede.c — `parley concede FILE --plan ID --for PARTY [--keep P]...
 * [--objective points|loss|nash]`: the cheapest changes to a plan that bring
 * PARTY at or above its walk-away while keeping the named parties at or above
 * theirs. Exit 1 (with the closest package) when no change can do it.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley concede FILE --plan ID --for PARTY [--keep PARTY]... [--keep-all]\n"
    "                      [--objective points|loss|nash] [--max-memory SIZE] [--max-work N]\n"
    "                      [--format text|json|csv] [-o FILE]\n"
    "The cheapest changes to the plan that bring PARTY at or above its walk-away, keeping\n"
    "the --keep parties at or above theirs. Objectives: points (fewest points changed, the\n"
    "default), loss (least utility lost by the other parties), nash (best Nash product of\n"
    "PARTY and the kept parties). Exit 1 when no package qualifies (the closest is shown);\n"
    "exit 3 when the integer program would need more than --max-memory (default: half the\n"
    "physical memory) or its search more than --max-work branch-and-bound nodes (default\n"
    "100000; the same on every machine).\n";

static const char *OBJECTIVE[] = {"points", "loss", "nash"};

/* The issue of plan point p (or of no point) that the package changes. */
typedef struct change {
    long point; /* -1: an issue the plan leaves open */
    size_t issue;
} change;

static size_t list_changes(const parley_scenario *sc, const parley_plan *pl, const size_t *outcome,
                           change *out)
{
    size_t n = 0;
    for (size_t p = 0; p < pl->n_points; p++)
        for (size_t s = 0; s < pl->points[p].n_sets; s++) {
            size_t i = pl->points[p].set_issue[s];
            if (outcome[i] != pl->points[p].set_option[s])
                out[n++] = (change){(long)p, i};
        }
    for (size_t i = 0; i < sc->n_issues; i++)
        if (pl->sets[i] < 0)
            out[n++] = (change){-1, i};
    return n;
}

typedef struct view {
    const parley_scenario *sc;
    const parley_concede_request *rq;
    const parley_concede_result *r;
    const change *ch;
    size_t nch;
} view;

static parley_status write_doc(const void *v, parley_doc_format format, FILE *fp, parley_error *err)
{
    const view *v_ = v;
    return parley_concede_result_dumpf(v_->sc, v_->rq, v_->r, format, fp, err);
}

static void write_text(const void *v, FILE *fp)
{
    const view *v_ = v;
    const parley_scenario *sc = v_->sc;
    const parley_concede_request *rq = v_->rq;
    const parley_concede_result *r = v_->r;
    const change *ch = v_->ch;
    size_t nch = v_->nch;
    const parley_plan *pl = &sc->plans[rq->plan];
    const parley_party *t = &sc->parties[rq->target];
    fprintf(fp, "What it would take for %s (walk-away %.3f) under %s", t->id, t->walk_away, pl->id);
    bool any = false;
    for (size_t j = 0; j < sc->n_parties; j++)
        if (rq->keep[j]) {
            fprintf(fp, "%s%s", any ? ", " : ", keeping ", sc->parties[j].id);
            any = true;
        }
    fprintf(fp, "%s\n", any ? " at or above walk-away" : "");
    if (r->feasible)
        fprintf(fp, "objective %s: %zu point%s changed", OBJECTIVE[rq->objective],
                r->n_changed_points, r->n_changed_points == 1 ? "" : "s");
    else
        fprintf(fp,
                "NO package brings %s to its walk-away under these constraints; closest "
                "(worst margin %+.3f)",
                t->id, r->objective);
    if (r->feasible && rq->objective == PARLEY_CONCEDE_LOSS)
        fprintf(fp, ", total loss to the others %.3f", r->objective);
    if (r->feasible && rq->objective == PARLEY_CONCEDE_NASH)
        fprintf(fp, ", Nash product %.6g", r->objective);
    fprintf(fp, "\nmethod: %s\n\n", r->method);
    cli_table *tb = cli_table_new();
    if (!tb)
        return;
    cli_table_column(tb, "point", false);
    cli_table_column(tb, "issue", false);
    cli_table_column(tb, "from", false);
    cli_table_column(tb, "to", false);
    for (size_t k = 0; k < nch; k++) {
        const parley_issue *is = &sc->issues[ch[k].issue];
        long from = pl->sets[ch[k].issue];
        const char *row[] = {ch[k].point >= 0 ? pl->points[ch[k].point].id : "(open)", is->id,
                             from >= 0 ? is->options[from].id : "-",
                             is->options[r->outcome[ch[k].issue]].id};
        cli_table_row(tb, row);
    }
    cli_table_print(tb, fp, "");
    cli_table_free(tb);
    fputc('\n', fp);
    tb = cli_table_new();
    if (!tb)
        return;
    cli_table_column(tb, "party", false);
    cli_table_column(tb, "before", true);
    cli_table_column(tb, "after", true);
    cli_table_column(tb, "change", true);
    cli_table_column(tb, "walk-away", true);
    cli_table_column(tb, "above", false);
    char a[32], b[32], c[32], d[32];
    for (size_t j = 0; j < sc->n_parties; j++) {
        const char *row[] = {sc->parties[j].id,
                             cli_num(a, sizeof a, r->before[j], false),
                             cli_num(b, sizeof b, r->after[j], false),
                             cli_num(c, sizeof c, r->after[j] - r->before[j], true),
                             cli_num(d, sizeof d, sc->parties[j].walk_away, false),
                             parley_walk_away_met(sc, j, r->after[j]) ? "yes" : "NO"};
        cli_table_row(tb, row);
    }
    cli_table_print(tb, fp, "");
    cli_table_free(tb);
    bool open_rows = false;
    for (size_t k = 0; k < nch; k++)
        open_rows |= ch[k].point < 0;
    if (open_rows)
        fprintf(fp, "(open) rows settle issues the plan leaves open; 'before' scores them at "
                    "their expected value\n");
}

/* The memory the integer program of `points` and `loss` needs (GLPK's
 * problem, its presolved copy and the search: about three copies of every
 * row, column and coefficient), counted from the model concede builds: one
 * binary per option, per party a utility row over every option and each
 * rule's conditions, per point a row per issue it sets. `nash` searches the
 * frontier of the constrained parties, whose own budget bounds it. */
static double mip_bytes(const parley_scenario *sc, const parley_plan *pl)
{
    double options = 0, rows = (double)sc->n_issues, cols = 0, nonzeros = 0;
    for (size_t i = 0; i < sc->n_issues; i++)
        options += (double)sc->issues[i].n_options;
    cols += options;
    nonzeros += options;
    for (size_t j = 0; j < sc->n_parties; j++) {
        const parley_prefs *pr = &sc->prefs[j];
        rows += 4;
        cols += 3;
        nonzeros += options + 6 + (double)pr->n_rules;
        for (size_t r = 0; r < pr->n_rules; r++) {
            const parley_rule *ru = &pr->rules[r];
            rows += 4 + (double)(ru->n_when + ru->n_unless);
            cols += 3;
            nonzeros += 8;
            for (size_t k = 0; k < ru->n_when + ru->n_unless; k++) {
                const parley_rule_condition *c =
                    k < ru->n_when ? &ru->when[k] : &ru->unless[k - ru->n_when];
                nonzeros += 2 + (double)sc->issues[c->issue].n_options;
            }
        }
    }
    for (size_t p = 0; p < pl->n_points; p++) {
        cols += 1;
        rows += (double)pl->points[p].n_sets;
        nonzeros += 2 * (double)pl->points[p].n_sets;
    }
    return 3 * (64 * nonzeros + 256 * (rows + cols));
}

/* field: the option that names the party (--for, --keep). */
static long party_arg(const parley_scenario *sc, const char *id, const char *field)
{
    long p = parley_party_find(sc, id);
    if (p < 0)
        cli_input_error("concede", sc->file, field, "no party '%s'", id);
    return p;
}

int cmd_concede(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *plan_id = NULL, *target_id = NULL, *objective_arg = NULL,
               *work_arg = NULL;
    const char **keeps = calloc((size_t)argc + 1, sizeof *keeps);
    size_t nkeep = 0, npos;
    bool keep_all = false;
    if (!keeps)
        return CLI_EXIT_LIMIT;
    const cli_option opts[] = {{"--plan", &plan_id, NULL, NULL, NULL, false},
                               {"--for", &target_id, NULL, NULL, NULL, false},
                               {"--keep", NULL, NULL, keeps, &nkeep, false},
                               {"--keep-all", NULL, &keep_all, NULL, NULL, false},
                               {"--objective", &objective_arg, NULL, NULL, NULL, false},
                               {"--max-work", &work_arg, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse("concede", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    parley_concede_objective objective = PARLEY_CONCEDE_POINTS;
    double max_work = PARLEY_CONCEDE_DEFAULT_MAX_NODES;
    if (!rc && work_arg) {
        char *end;
        max_work = strtod(work_arg, &end);
        if (end == work_arg || *end || !(max_work >= 1) || max_work > 1e15)
            rc = cli_usage_error("concede", "--max-work must be a number from 1 to 1e15, not '%s'",
                                 work_arg);
    }
    if (!rc && objective_arg) {
        if (!strcmp(objective_arg, "points"))
            objective = PARLEY_CONCEDE_POINTS;
        else if (!strcmp(objective_arg, "loss"))
            objective = PARLEY_CONCEDE_LOSS;
        else if (!strcmp(objective_arg, "nash"))
            objective = PARLEY_CONCEDE_NASH;
        else
            rc = cli_usage_error("concede", "--objective must be points, loss or nash, not '%s'",
                                 objective_arg);
    }
    if (rc) {
        free(keeps);
        return rc < 0 ? 0 : rc;
    }
    if (!file || !plan_id || !target_id)
        rc = cli_usage_error("concede", "needs FILE, --plan ID and --for PARTY\n%s", USAGE);
    parley_scenario *sc = rc ? NULL : cli_load_scenario(file, c.quiet, &rc);
    bool *keep = sc ? calloc(sc->n_parties, sizeof *keep) : NULL;
    change *ch = sc ? calloc(sc->n_issues + 1, sizeof *ch) : NULL;
    parley_concede_request rq = {0};
    long plan = -1, target = -1;
    if (sc && (!keep || !ch))
        rc = CLI_EXIT_LIMIT;
    if (sc && !rc) {
        plan = parley_plan_find(sc, plan_id);
        if (plan < 0)
            rc = cli_input_error("concede", file, "--plan", "no plan '%s'", plan_id);
        else if ((target = party_arg(sc, target_id, "--for")) < 0)
            rc = CLI_EXIT_INPUT;
        for (size_t k = 0; !rc && k < nkeep; k++) {
            long p = party_arg(sc, keeps[k], "--keep");
            if (p < 0)
                rc = CLI_EXIT_INPUT;
            else
                keep[p] = true;
        }
        for (size_t j = 0; !rc && keep_all && j < sc->n_parties; j++)
            keep[j] = true;
        if (!rc)
            keep[target] = false;
    }
    if (sc && !rc && objective != PARLEY_CONCEDE_NASH) {
        double need = mip_bytes(sc, &sc->plans[plan]);
        if (need > (double)cli_max_memory(&c))
            rc = cli_over_limit("concede", "the integer program", need, (double)cli_max_memory(&c),
                                "--max-memory", true);
    }
    if (sc && !rc) {
        cli_progress pg;
        cli_progress_init(&pg, "concede", "branch and bound (share of --max-work)", c.quiet);
        rq = (parley_concede_request){(size_t)plan, (size_t)target,      keep, objective,
                                      max_work,     cli_progress_update, &pg};
        parley_concede_result r;
        parley_error err;
        parley_status st = parley_concede_run(sc, &rq, &r, &err);
        cli_progress_finish(&pg);
        if (st == PARLEY_ERR_LIMIT && !strcmp(err.field, "max_nodes")) {
            /* The library names its own field; the command names its option. */
            snprintf(err.field, sizeof err.field, "--max-work");
            snprintf(err.message, sizeof err.message,
                     "the integer program's search needs more than %.0f branch-and-bound nodes; "
                     "raise the limit (e.g. --max-work %.0f)",
                     max_work, 10 * max_work);
            err.file[0] = '\0';
            rc = cli_fail(&err);
        } else if (st) {
            rc = cli_fail(&err);
        } else {
            size_t nch = list_changes(sc, &sc->plans[plan], r.outcome, ch);
            static const cli_writers writers = {.text = write_text, .doc = write_doc};
            view v = {sc, &rq, &r, ch, nch};
            rc = cli_emit(&c, &writers, &v);
            if (!rc && !r.feasible)
                rc = CLI_EXIT_NO_ANSWER;
            parley_concede_result_free(&r);
        }
    }
    free(ch);
    free(keep);
    free(keeps);
    parley_scenario_free(sc);
    return rc;
}
