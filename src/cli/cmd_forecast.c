/*
 * cli/cmd_forecast.c — `parley forecast`: where multi-round bargaining lands.
 *
 *   parley forecast FILE.yaml [--model smp|eum|compromise|median]
 *   parley forecast --ktab FILE.csv|FILE.xml [--model ...] [--param NAME=VALUE]
 *   parley forecast --deu deu3.csv [--model all|smp|eum|compromise|median]
 *   ... [--runs N --vary-pos P --vary-sal F --vary-cap F] [--store runs.sqlite]
 *
 * The library (include/parley/forecast.h) does the work; this file parses
 * options and formats text; JSON and CSV are the library's documents
 * (parley_fc_result_dumpf, parley_fc_mc_dumpf, parley_deu_dumpf).
 */
#include "cli.h"
#include "cli_mpi.h"
#include "commands.h"
#include "table.h"
#include "parley/forecast.h"

#include <errno.h>
#include "parley.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley forecast FILE.yaml | --ktab FILE.csv|FILE.xml | --deu deu3.csv [options]\n"
    "Forecasts where multi-party bargaining lands, dimension by dimension.\n"
    "  --model M          smp (default), eum, compromise, median; with --deu also all (default)\n"
    "  --param NAME=VAL   an SMP parameter under KTAB's name, e.g. VotingRule=PropCbc:\n"
    "                     VictoryProbModel, PCEModel, StateTransitions, VotingRule, BigRAdjust,\n"
    "                     BigRRange, ThirdPartyCommit, InterVecBrgn, BargnModel\n"
    "  --ktab-bugs        copy KTAB's InitRcvrInterp/PWCompInterp defects\n"
    "  --max-turns N      SMP turn limit (100)\n"
    "  --rounds N --q Q   EUM rounds (8) and status-quo probability (1.0)\n"
    "  --eum-prob scholz|alliance  EUM P(i beats j) denominator (scholz)\n"
    "  --turns            text: print every turn's positions\n"
    "  --runs N           Monte Carlo runs; ranges --vary-pos P (points, default 5),\n"
    "                     --vary-sal F and --vary-cap F (fractions, default 0.1)\n"
    "  --store FILE       save every run in an SQLite run store\n"
    "  --max-work N       refuse (exit 3) a request estimated at more than N steps\n"
    "                     (runs x turns x actors^3 x dimensions; default 2e10)\n"
    "  --max-memory SIZE  refuse (exit 3) a request that would need more memory\n"
    "                     (default: half the physical memory)\n"
    "  --deu-weights      DEU: use the file's actor weights as capabilities\n"
    "  --seed N --threads N --format text|json|csv -o FILE --quiet\n";

typedef struct fc_args {
    cli_common common;
    const char *file, *ktab, *deu, *store;
    const char *model;
    bool seed_given, show_turns, deu_weights;
    const char *params[32]; /* --param NAME=VALUE, applied after the file's own */
    int n_params;
    long runs;
    double vary_pos, vary_sal, vary_cap;
    double max_work; /* --max-work: refuse requests estimated above it */
} fc_args;

#define FC_DEFAULT_MAX_WORK 2e10 /* up to a minute or so on one core */

/* A position of dimension d in its issue's terms: "737080 troops" (a
 * range, in its unit), "near current-line" (the option nearest in position),
 * or "" (no scale: KTAB, DEU data). */
static const char *in_terms(char *buf, size_t n, const parley_fc_scenario *sc, size_t d,
                            double position)
{
    double v = parley_fc_value(sc, d, position);
    const char *near = parley_fc_nearest_option(sc, d, position);
    const char *unit = sc->scale ? sc->scale[d].unit : NULL;
    if (!isnan(v))
        snprintf(buf, n, "%.6g%s%s", v, unit ? " " : "", unit ? unit : "");
    else if (near)
        snprintf(buf, n, "near %s%s%s", near, unit ? " " : "", unit ? unit : "");
    else
        buf[0] = '\0';
    return buf;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *e;
    errno = 0;
    double v = strtod(s, &e);
    if (!*s || *e || errno || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void print_positions(FILE *fp, const parley_fc_scenario *sc, const parley_fc_result *r,
                            size_t t)
{
    const size_t D = sc->n_dims;
    const parley_fc_turn *tu = &r->turns[t];
    cli_table *tb = cli_table_new();
    if (!tb)
        return;
    cli_table_column(tb, "actor", false);
    cli_table_column(tb, "capability", true);
    for (size_t d = 0; d < D; d++)
        cli_table_column(tb, sc->dim[d], true);
    if (r->model == PARLEY_FC_SMP)
        cli_table_column(tb, "prob", true);
    const char **cells = calloc(D + 3, sizeof *cells);
    char(*buf)[32] = calloc(D + 3, sizeof *buf);
    for (size_t i = 0; cells && buf && i < sc->n_actors; i++) {
        size_t c = 0;
        cells[c++] = sc->actor[i];
        snprintf(buf[1], sizeof buf[1], "%g", sc->capability[i]);
        cells[c++] = buf[1];
        for (size_t d = 0; d < D; d++) {
            snprintf(buf[2 + d], sizeof buf[2 + d], "%.2f", tu->position[i * D + d]);
            cells[c++] = buf[2 + d];
        }
        if (r->model == PARLEY_FC_SMP) {
            snprintf(buf[2 + D], sizeof buf[2 + D], "%.4f", tu->prob[i]);
            cells[c++] = buf[2 + D];
        }
        cli_table_row(tb, cells);
    }
    cli_table_print(tb, fp, "  ");
    free(cells);
    free(buf);
    cli_table_free(tb);
}

static void result_text(FILE *fp, const parley_fc_scenario *sc, const parley_fc_options *o,
                        const parley_fc_result *r, bool all_turns)
{
    const size_t D = sc->n_dims;
    fprintf(fp, "%s forecast: %s — %zu actors, %zu dimension%s, %zu states\n",
            parley_fc_model_name(r->model), sc->name ? sc->name : "", sc->n_actors, D,
            D == 1 ? "" : "s", r->n_turns);
    if (r->model == PARLEY_FC_SMP) {
        fprintf(fp, "parameters:");
        for (size_t i = 0; i < parley_smp_param_count(); i++)
            fprintf(fp, " %s=%s", parley_smp_param_name(i), parley_smp_param_value(&o->smp, i));
        fprintf(fp, "\nconvergence ratio by turn:");
        for (size_t t = 1; t < r->n_turns; t++)
            fprintf(fp, " %.4f", r->turns[t].ratio);
        fprintf(fp, "\n");
    } else if (r->model == PARLEY_FC_EUM) {
        fprintf(fp, "parameters: q=%g rounds=%d probability=%s\n", o->eum.q, o->eum.rounds,
                o->eum.scholz_denominator ? "scholz" : "alliance");
        for (size_t d = 0; d < D; d++) {
            fprintf(fp, "median by round (%s):", sc->dim[d]);
            for (size_t t = 0; t < r->n_turns; t++)
                fprintf(fp, " %.2f", r->round_median[t * D + d]);
            fprintf(fp, "\n");
        }
    }
    for (size_t t = all_turns ? 0 : r->n_turns - 1; t < r->n_turns; t++) {
        fprintf(fp, "\n%s (turn %zu)\n", t + 1 == r->n_turns ? "final positions" : "positions", t);
        print_positions(fp, sc, r, t);
    }
    fprintf(fp, "\nforecast\n");
    cli_table *tb = cli_table_new();
    if (!tb)
        return;
    cli_table_column(tb, "dimension", false);
    cli_table_column(tb, "expected", true);
    cli_table_column(tb, "most likely", true);
    if (sc->scale)
        cli_table_column(tb, "expected in the issue's terms", false);
    for (size_t d = 0; d < D; d++) {
        char terms[256];
        in_terms(terms, sizeof terms, sc, d, r->expected[d]);
        cli_table_rowf(tb, "%s\t%.2f\t%.2f\t%s", sc->dim[d], r->expected[d], r->most_likely[d],
                       terms);
    }
    cli_table_print(tb, fp, "  ");
    cli_table_free(tb);
}

/* ---- Monte Carlo ------------------------------------------------------------ */

typedef struct store_ctx {
    parley_fc_store *st; /* or NULL */
    const parley_fc_options *o;
    cli_progress *pg;
    size_t n_runs;
} store_ctx;

/* Called after every run, in run order: progress, and the run store. */
static parley_status store_run(void *ctx, size_t run, const parley_fc_scenario *sc,
                               const parley_fc_result *r, parley_error *err)
{
    store_ctx *c = ctx;
    cli_progress_update(c->pg, (double)(run + 1) / (double)c->n_runs);
    if (!c->st)
        return PARLEY_OK;
    return parley_fc_store_save(c->st, sc, c->o, r, err) > 0 ? PARLEY_OK : err->code;
}

static void mc_text(FILE *fp, const parley_fc_scenario *sc, const parley_fc_options *o,
                    const parley_fc_mc *mc)
{
    static const char *QN[5] = {"q05", "q25", "q50", "q75", "q95"};
    const size_t D = sc->n_dims;
    double mean_turns = 0.0;
    for (size_t r = 0; r < mc->n_runs; r++)
        mean_turns += mc->turns[r] / (double)mc->n_runs;
    fprintf(fp, "%s Monte Carlo: %s — %zu runs, seed %llu, mean %.1f states per run\n",
            parley_fc_model_name(o->model), sc->name ? sc->name : "", mc->n_runs,
            (unsigned long long)o->seed, mean_turns);
    fprintf(fp, "ranges: positions ±%g points, saliences ±%g%%, capabilities ±%g%%\n\n",
            sc->vary_position, 100.0 * sc->vary_salience, 100.0 * sc->vary_capability);
    cli_table *tb = cli_table_new();
    if (!tb)
        return;
    cli_table_column(tb, "dimension", false);
    cli_table_column(tb, "mean", true);
    for (int q = 0; q < 5; q++)
        cli_table_column(tb, QN[q], true);
    if (sc->scale)
        cli_table_column(tb, "mean in the issue's terms", false);
    for (size_t d = 0; d < D; d++) {
        const double *qv = mc->quantile + d * 5;
        char terms[256];
        in_terms(terms, sizeof terms, sc, d, mc->mean[d]);
        cli_table_rowf(tb, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s", sc->dim[d], mc->mean[d],
                       qv[0], qv[1], qv[2], qv[3], qv[4], terms);
    }
    cli_table_print(tb, fp, "  ");
    cli_table_free(tb);
}

/* What forecast --runs writes: text here, JSON and CSV from the library. */
typedef struct mc_view {
    const parley_fc_scenario *sc;
    const parley_fc_options *o;
    const parley_fc_mc *mc;
} mc_view;

static void mc_write_text(const void *view, FILE *fp)
{
    const mc_view *v = view;
    mc_text(fp, v->sc, v->o, v->mc);
}

static parley_status mc_write_doc(const void *view, parley_doc_format format, FILE *fp,
                                  parley_error *err)
{
    const mc_view *v = view;
    return parley_fc_mc_dumpf(v->sc, v->o, v->mc, format, fp, err);
}

/* What a single forecast writes. */
typedef struct result_view {
    const parley_fc_scenario *sc;
    const parley_fc_options *o;
    const parley_fc_result *r;
    bool show_turns;
} result_view;

static void result_write_text(const void *view, FILE *fp)
{
    const result_view *v = view;
    result_text(fp, v->sc, v->o, v->r, v->show_turns);
}

static parley_status result_write_doc(const void *view, parley_doc_format format, FILE *fp,
                                      parley_error *err)
{
    const result_view *v = view;
    return parley_fc_result_dumpf(v->sc, v->o, v->r, format, fp, err);
}

/* ---- DEU -------------------------------------------------------------------- */

/* What forecast --deu writes: text here, JSON and CSV from the library. */
typedef struct deu_view {
    const fc_args *a;
    const parley_deu *d;
    const parley_deu_score *sc;
    int nm;
} deu_view;

static parley_status deu_write_doc(const void *view, parley_doc_format format, FILE *fp,
                                   parley_error *err)
{
    const deu_view *v = view;
    return parley_deu_dumpf(v->d, v->sc, (size_t)v->nm, v->a->deu, v->a->deu_weights, format, fp,
                            err);
}

static void deu_write_text(const void *view, FILE *fp)
{
    const deu_view *v = view;
    const parley_deu *d = v->d;
    const parley_deu_score *sc = v->sc;
    fprintf(fp,
            "DEU III: %zu issues scored (%zu rows without outcome or positions), "
            "capabilities %s\n",
            d->n_issues, d->n_skipped, v->a->deu_weights ? "from the file's weights" : "equal");
    fprintf(fp, "mean absolute error on the 0-100 scale "
                "(salience-weighted-mean baseline: 23.68)\n\n");
    cli_table *tb = cli_table_new();
    if (!tb)
        return;
    cli_table_column(tb, "model", false);
    cli_table_column(tb, "issues", true);
    cli_table_column(tb, "MAE", true);
    for (int k = 0; k < v->nm; k++)
        cli_table_rowf(tb, "%s\t%zu\t%.2f", parley_fc_model_name(sc[k].model), sc[k].n, sc[k].mae);
    cli_table_print(tb, fp, "  ");
    cli_table_free(tb);
}

static int run_deu(const fc_args *a, parley_fc_options *o)
{
    parley_error err;
    parley_deu *d = parley_deu_read(a->deu, &err);
    if (!d)
        return cli_fail(&err);
    int models[4], nm = 0;
    if (!a->model || strcmp(a->model, "all") == 0) {
        for (int m = 0; m < 4; m++)
            models[nm++] = m;
    } else {
        models[nm++] = parley_fc_model_from_name(a->model);
    }
    parley_deu_score sc[4];
    memset(sc, 0, sizeof sc);
    for (int k = 0; k < nm; k++) {
        o->model = (parley_fc_model)models[k];
        int rc = cli_mpi_deu(d, o, a->deu_weights, &sc[k]); /* the issues across processes */
        if (rc) {
            for (int j = 0; j < k; j++)
                parley_deu_score_clear(&sc[j]);
            parley_deu_free(d);
            return rc;
        }
    }
    if (!cli_mpi_root()) { /* under mpirun: rank 0 has the scores */
        parley_deu_free(d);
        return 0;
    }
    static const cli_writers writers = {.text = deu_write_text, .doc = deu_write_doc};
    deu_view v = {a, d, sc, nm};
    int rc = cli_emit(&a->common, &writers, &v);
    for (int k = 0; k < nm; k++)
        parley_deu_score_clear(&sc[k]);
    parley_deu_free(d);
    return rc;
}

/* ---- main ------------------------------------------------------------------- */

/* Applies one --param NAME=VALUE; prints the error and returns -1 if bad. */
static int apply_param(parley_smp_params *p, const char *v)
{
    const char *eq = strchr(v, '=');
    char name[64];
    if (!eq || (size_t)(eq - v) >= sizeof name) {
        cli_usage_error("forecast", "--param needs NAME=VALUE, not '%s'", v);
        return -1;
    }
    snprintf(name, sizeof name, "%.*s", (int)(eq - v), v);
    parley_error err;
    if (parley_smp_param_set(p, name, eq + 1, &err) != PARLEY_OK) {
        cli_fail(&err);
        return -1;
    }
    return 0;
}

/* An integer option in [lo, hi], or a usage error naming it. */
static int parse_int(const char *cmd, const char *name, const char *v, double lo, double hi,
                     double *out)
{
    if (parse_double(v, lo, hi, out) != 0 || *out != floor(*out))
        return cli_usage_error(cmd, "%s must be an integer from %.0f to %.0f", name, lo, hi);
    return 0;
}

/* The option values as given, before they are checked. */
typedef struct fc_raw {
    const char *model, *model_m, *max_turns, *rounds, *q, *eum_prob, *runs, *vary_pos, *vary_sal,
        *vary_cap, *max_work;
    const char **params;
    size_t n_params;
} fc_raw;

/* Checks the values and stores them in a and o; the first bad one is a
 * usage error. */
static int apply_options(const char *cmd, const fc_raw *r, fc_args *a, parley_fc_options *o)
{
    double t;
    int rc;
    a->model = r->model_m ? r->model_m : r->model;
    if (a->model && parley_fc_model_from_name(a->model) < 0 && strcmp(a->model, "all") != 0)
        return cli_usage_error(cmd, "--model must be smp, eum, compromise or median, not '%s'",
                               a->model);
    if (r->n_params > 32)
        return cli_usage_error(cmd, "too many --param options");
    if (r->max_turns) {
        if ((rc = parse_int(cmd, "--max-turns", r->max_turns, 1, 100000, &t)))
            return rc;
        o->smp.max_turns = (int)t;
    }
    if (r->rounds) {
        if ((rc = parse_int(cmd, "--rounds", r->rounds, 1, 10000, &t)))
            return rc;
        o->eum.rounds = (int)t;
    }
    if (r->runs) {
        if ((rc = parse_int(cmd, "--runs", r->runs, 1, 10000000, &t)))
            return rc;
        a->runs = (long)t;
    }
    a->max_work = FC_DEFAULT_MAX_WORK;
    if (r->max_work && parse_double(r->max_work, 1, HUGE_VAL, &a->max_work) != 0)
        return cli_usage_error(cmd, "--max-work must be a number >= 1, not '%s'", r->max_work);
    if (r->q && parse_double(r->q, 0, 1, &o->eum.q) != 0)
        return cli_usage_error(cmd, "--q must be a number from 0 to 1");
    if (r->eum_prob) {
        if (strcmp(r->eum_prob, "scholz") != 0 && strcmp(r->eum_prob, "alliance") != 0)
            return cli_usage_error(cmd, "--eum-prob must be scholz or alliance");
        o->eum.scholz_denominator = strcmp(r->eum_prob, "scholz") == 0;
    }
    if (r->vary_pos && parse_double(r->vary_pos, 0, 100, &a->vary_pos) != 0)
        return cli_usage_error(cmd, "--vary-pos must be a number of points from 0 to 100");
    if (r->vary_sal && parse_double(r->vary_sal, 0, 1, &a->vary_sal) != 0)
        return cli_usage_error(cmd, "--vary-sal must be a fraction from 0 to 1");
    if (r->vary_cap && parse_double(r->vary_cap, 0, 0.99, &a->vary_cap) != 0)
        return cli_usage_error(cmd, "--vary-cap must be a fraction from 0 to 0.99");
    /* the parameters in order, as given; kept to re-apply over a file's own */
    for (size_t k = 0; k < r->n_params; k++) {
        if (apply_param(&o->smp, r->params[k]) != 0)
            return CLI_EXIT_INPUT;
        a->params[a->n_params++] = r->params[k];
    }
    return 0;
}

static int parse_args(int argc, char **argv, fc_args *a, parley_fc_options *o)
{
    fc_raw r = {.params = calloc((size_t)argc + 1, sizeof *r.params)};
    size_t npos = 0;
    if (!r.params)
        return CLI_EXIT_LIMIT;
    const cli_option opts[] = {{"--turns", NULL, &a->show_turns, NULL, NULL, false},
                               {"--ktab-bugs", NULL, &o->smp.ktab_bargain_bugs, NULL, NULL, false},
                               {"--deu-weights", NULL, &a->deu_weights, NULL, NULL, false},
                               {"--ktab", &a->ktab, NULL, NULL, NULL, false},
                               {"--deu", &a->deu, NULL, NULL, NULL, false},
                               {"--store", &a->store, NULL, NULL, NULL, false},
                               {"--model", &r.model, NULL, NULL, NULL, false},
                               {"-m", &r.model_m, NULL, NULL, NULL, false},
                               {"--param", NULL, NULL, r.params, &r.n_params, false},
                               {"--max-turns", &r.max_turns, NULL, NULL, NULL, false},
                               {"--rounds", &r.rounds, NULL, NULL, NULL, false},
                               {"--q", &r.q, NULL, NULL, NULL, false},
                               {"--eum-prob", &r.eum_prob, NULL, NULL, NULL, false},
                               {"--runs", &r.runs, NULL, NULL, NULL, false},
                               {"--max-work", &r.max_work, NULL, NULL, NULL, false},
                               {"--vary-pos", &r.vary_pos, NULL, NULL, NULL, false},
                               {"--vary-sal", &r.vary_sal, NULL, NULL, NULL, false},
                               {"--vary-cap", &r.vary_cap, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    int rc = cli_parse(argv[0], USAGE, argc, argv, &a->common, opts, &a->file, 1, &npos);
    a->seed_given = a->common.seed_given;
    if (!rc)
        rc = apply_options(argv[0], &r, a, o);
    free(r.params);
    return rc;
}

int cmd_forecast(int argc, char **argv)
{
    fc_args a;
    memset(&a, 0, sizeof a);
    cli_common_init(&a.common);
    a.vary_pos = a.vary_sal = a.vary_cap = (double)NAN; /* NAN: not given */
    parley_fc_options o;
    parley_fc_options_default(&o);
    int rc = parse_args(argc, argv, &a, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    o.threads = cli_mpi_threads(a.common.threads);
    if (a.seed_given)
        o.seed = (uint64_t)a.common.seed;
    if (!!a.file + !!a.ktab + !!a.deu != 1)
        return cli_usage_error(argv[0], "give exactly one of FILE, --ktab FILE, --deu FILE\n%s",
                               USAGE);
    if (!a.file && (rc = cli_overrides_refuse(argv[0], a.ktab ? "KTAB data" : "DEU III data")))
        return rc;
    if (a.deu)
        return run_deu(&a, &o);
    if (a.model)
        o.model = (parley_fc_model)parley_fc_model_from_name(a.model);
    if (a.model && strcmp(a.model, "all") == 0)
        return cli_usage_error(argv[0], "--model all is only for --deu");

    parley_error err;
    parley_fc_scenario *sc = NULL;
    if (a.ktab) {
        sc = parley_fc_read_ktab(a.ktab, &err);
        if (!sc)
            return cli_fail(&err);
        /* the file's parameters, then --param on top (already checked) */
        if (parley_fc_options_merge(&o, sc, a.params, (size_t)a.n_params, a.seed_given, &err)) {
            parley_fc_scenario_free(sc);
            return cli_fail(&err);
        }
        parley_fc_scenario_set_ranges(sc, NULL, a.vary_pos, a.vary_sal, a.vary_cap);
    } else {
        parley_scenario *ps = cli_load_scenario(a.file, a.common.quiet, &rc);
        if (!ps)
            return rc;
        sc = parley_fc_from_scenario(ps, &err);
        /* The scenario's `uncertainty:` ranges, unless --vary-* overrides. */
        if (sc)
            parley_fc_scenario_set_ranges(sc, ps, a.vary_pos, a.vary_sal, a.vary_cap);
        parley_scenario_free(ps);
        if (!sc)
            return cli_fail(&err);
    }

    /* What it will take, before it starts. */
    parley_fc_cost cost;
    parley_fc_estimate(sc, &o, a.runs > 0 ? (size_t)a.runs : 0, &cost);
    char what[96];
    if (a.runs > 0)
        snprintf(what, sizeof what, "%ld runs of %zu actors", a.runs, sc->n_actors);
    else
        snprintf(what, sizeof what, "a forecast of %zu actors", sc->n_actors);
    if (cost.bytes > (double)cli_max_memory(&a.common)) {
        parley_fc_scenario_free(sc);
        return cli_over_limit(argv[0], what, cost.bytes, (double)cli_max_memory(&a.common),
                              "--max-memory", true);
    }
    if (cost.work > a.max_work) {
        parley_fc_scenario_free(sc);
        return cli_over_limit(argv[0], what, cost.work, a.max_work, "--max-work", false);
    }
    /* Under mpirun a single forecast, and runs kept in a --store, are rank
     * 0's alone; Monte Carlo runs are spread over the processes. */
    if ((a.runs == 0 || a.store) && !cli_mpi_root()) {
        parley_fc_scenario_free(sc);
        return 0;
    }
    parley_fc_store *st = NULL;
    if (a.store && !(st = parley_fc_store_open(a.store, &err))) {
        parley_fc_scenario_free(sc);
        return cli_fail(&err);
    }
    if (a.runs > 0) {
        cli_progress pg;
        cli_progress_init(&pg, argv[0], "runs", a.common.quiet);
        store_ctx ctx = {st, &o, &pg, (size_t)a.runs};
        parley_fc_mc *mc = NULL; /* NULL on ranks other than 0 under mpirun */
        rc = cli_mpi_monte_carlo(sc, &o, (size_t)a.runs, store_run, &ctx, !st, &mc);
        cli_progress_finish(&pg);
        if (mc) {
            static const cli_writers writers = {.text = mc_write_text, .doc = mc_write_doc};
            mc_view v = {sc, &o, mc};
            rc = cli_emit(&a.common, &writers, &v);
        }
        parley_fc_mc_free(mc);
    } else {
        parley_fc_result *r = parley_forecast_run(sc, &o, &err);
        if (r && !r->converged && !a.common.quiet)
            fprintf(stderr,
                    "parley: warning: the SMP stopped at its turn limit (%d turns) without "
                    "converging: the last convergence ratio is %.4f, the target %g "
                    "(--max-turns N runs longer)\n",
                    o.smp.max_turns, r->turns[r->n_turns - 1].ratio, o.smp.stop_ratio);
        if (!r)
            rc = cli_fail(&err);
        else if (st && parley_fc_store_save(st, sc, &o, r, &err) <= 0)
            rc = cli_fail(&err);
        else {
            static const cli_writers writers = {.text = result_write_text, .doc = result_write_doc};
            result_view v = {sc, &o, r, a.show_turns};
            rc = cli_emit(&a.common, &writers, &v);
        }
        parley_fc_result_free(r);
    }
    parley_fc_store_close(st);
    parley_fc_scenario_free(sc);
    return rc;
}
