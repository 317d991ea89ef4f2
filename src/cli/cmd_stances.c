/*
 * cli/cmd_stances.c — `parley stances FILE`: every reported stance beside
 * the model's view of it, with contradictions and disputed claims flagged;
 * and `parley fit FILE --party P [--bound B]`: a party's weights fitted to
 * its reported stances.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *STANCE[] = {"accepts", "rejects", "partial"};
static const char *VERDICT[] = {"agrees", "CONTRADICTS", "share differs", "no plan"};

static void reported(const parley_stance *st, char *buf, size_t n)
{
    if (isnan(st->share))
        snprintf(buf, n, "%s", STANCE[st->kind]);
    else
        snprintf(buf, n, "%s %.0f%%", STANCE[st->kind], 100 * st->share);
}

typedef struct stances_view {
    const parley_scenario *sc;
    const parley_stance_check *c;
} stances_view;

static parley_status stances_doc(const void *v, parley_doc_format format, FILE *fp,
                                 parley_error *err)
{
    const stances_view *sv = v;
    return parley_stance_check_dumpf(sv->sc, sv->c, format, fp, err);
}

static void stances_text(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const stances_view *)v)->sc;
    const parley_stance_check *c = ((const stances_view *)v)->c;
    cli_table *t = cli_table_new();
    if (!t)
        return;
    const char *cols[] = {"party",     "plan",     "reported", "utility",
                          "walk-away", "on board", "verdict"};
    for (size_t k = 0; k < 7; k++)
        cli_table_column(t, cols[k], k >= 3 && k <= 5);
    char rep[64], u[32], w[32], ob[32], verdict[64];
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        reported(st, rep, sizeof rep);
        snprintf(verdict, sizeof verdict, "%s%s", VERDICT[c[k].verdict],
                 c[k].disputed ? " (disputed)" : "");
        const char *row[] = {sc->parties[st->party].id,
                             st->plan >= 0 ? sc->plans[st->plan].id : "-",
                             rep,
                             cli_num(u, sizeof u, c[k].utility, false),
                             cli_num(w, sizeof w, sc->parties[st->party].walk_away, false),
                             cli_pct(ob, sizeof ob, c[k].on_board),
                             verdict};
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fprintf(fp,
            "CONTRADICTS: reported accepts but modelled below walk-away, or rejects but above;\n"
            "share differs: reported share and modelled on-board more than 25 points apart.\n");
}

/* Shared argument parsing: FILE plus --party/--bound for fit. */
typedef struct args {
    cli_common c;
    const char *file, *party;
    double bound;
} args;

static int parse(const char *cmd, int argc, char **argv, args *a, bool fit, const char *usage)
{
    const char *bound = NULL;
    size_t npos;
    a->file = a->party = NULL;
    a->bound = 0.5;
    const cli_option fit_opts[] = {{"--party", &a->party, NULL, NULL, NULL, false},
                                   {"--bound", &bound, NULL, NULL, NULL, false},
                                   {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse(cmd, usage, argc, argv, &a->c, fit ? fit_opts : NULL, &a->file, 1, &npos);
    if (rc)
        return rc;
    if (bound) {
        char *end;
        a->bound = strtod(bound, &end);
        if (*end || !*bound || !(a->bound >= 0 && a->bound <= 1))
            return cli_usage_error(cmd, "--bound must be a number from 0 to 1");
    }
    if (!a->file || (fit && !a->party))
        return cli_usage_error(cmd, "missing arguments\n%s", usage);
    return 0;
}

int cmd_stances(int argc, char **argv)
{
    static const char *usage = "usage: parley stances FILE [--format text|json|csv] [-o FILE]\n"
                               "Reported stances beside the model's utilities and verdicts.\n";
    args a;
    int rc = parse("stances", argc, argv, &a, false, usage);
    if (rc)
        return rc < 0 ? 0 : rc;
    parley_scenario *sc = cli_load_scenario(a.file, a.c.quiet, &rc);
    if (!sc)
        return rc;
    parley_stance_check *c = calloc(sc->n_stances + 1, sizeof *c);
    parley_error err;
    if (!c)
        rc = CLI_EXIT_LIMIT;
    else if (parley_stances_check(sc, c, &err))
        rc = cli_fail(&err);
    else {
        static const cli_writers writers = {.text = stances_text, .doc = stances_doc};
        stances_view v = {sc, c};
        rc = cli_emit(&a.c, &writers, &v);
    }
    free(c);
    parley_scenario_free(sc);
    return rc;
}

typedef struct fit_view {
    const parley_scenario *sc;
    const parley_fit *f;
    double bound;
} fit_view;

static parley_status fit_doc(const void *v, parley_doc_format format, FILE *fp, parley_error *err)
{
    const fit_view *fv = v;
    return parley_fit_dumpf(fv->sc, fv->f, fv->bound, format, fp, err);
}

static void fit_text(const void *v, FILE *fp)
{
    const parley_scenario *sc = ((const fit_view *)v)->sc;
    const parley_fit *f = ((const fit_view *)v)->f;
    double bound = ((const fit_view *)v)->bound;
    fprintf(fp,
            "Weights of %s fitted to its reported stances (each within ±%.0f%% of the "
            "scenario's, summing to 1)\n",
            sc->parties[f->party].id, 100 * bound);
    fprintf(fp, "sum of squared residuals %.6f -> %.6f after %zu iterations\n\n", f->sse_before,
            f->sse_after, f->iterations);
    cli_table *t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "issue", false);
    cli_table_column(t, "weight", true);
    cli_table_column(t, "fitted", true);
    cli_table_column(t, "change", true);
    char a[32], b[32], c[32];
    for (size_t i = 0; i < sc->n_issues; i++) {
        const char *row[] = {sc->issues[i].id, cli_num(a, sizeof a, f->before[i], false),
                             cli_num(b, sizeof b, f->after[i], false),
                             cli_num(c, sizeof c, f->after[i] - f->before[i], true)};
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fputc('\n', fp);
    t = cli_table_new();
    if (!t)
        return;
    cli_table_column(t, "plan", false);
    cli_table_column(t, "reported", false);
    cli_table_column(t, "residual", true);
    cli_table_column(t, "fitted residual", true);
    char rep[64];
    for (size_t r = 0; r < f->n_residuals; r++) {
        const parley_stance *st = &sc->stances[f->stance[r]];
        reported(st, rep, sizeof rep);
        const char *row[] = {sc->plans[st->plan].id, rep,
                             cli_num(a, sizeof a, f->resid_before[r], true),
                             cli_num(b, sizeof b, f->resid_after[r], true)};
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "");
    cli_table_free(t);
    fprintf(fp, "residual: modelled on-board minus reported share; for accepts/rejects without a "
                "share, the shortfall from the walk-away on the reported side.\n");
}

int cmd_fit(int argc, char **argv)
{
    static const char *usage =
        "usage: parley fit FILE --party P [--bound B] [--format text|json|csv] [-o FILE]\n"
        "Least-squares weights for party P, each within B (default 0.5 = ±50%) of the\n"
        "scenario's, so that modelled acceptance matches P's reported stances.\n";
    args a;
    int rc = parse("fit", argc, argv, &a, true, usage);
    if (rc)
        return rc < 0 ? 0 : rc;
    parley_scenario *sc = cli_load_scenario(a.file, a.c.quiet, &rc);
    if (!sc)
        return rc;
    long p = parley_party_find(sc, a.party);
    parley_fit f;
    parley_error err;
    if (p < 0)
        rc = cli_input_error("fit", a.file, "--party", "no party '%s'", a.party);
    else if (parley_weights_fit(sc, (size_t)p, a.bound, &f, &err))
        rc = cli_fail(&err);
    else {
        static const cli_writers writers = {.text = fit_text, .doc = fit_doc};
        fit_view v = {sc, &f, a.bound};
        rc = cli_emit(&a.c, &writers, &v);
        parley_fit_free(&f);
    }
    parley_scenario_free(sc);
    return rc;
}
