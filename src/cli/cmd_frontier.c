/*
 * cli/cmd_frontier.c — `parley frontier FILE` and (through cmd_solve.c)
 * `parley solve FILE --concept ...`: the exact Pareto frontier over the
 * outcomes every party prefers to walking away, the Nash / Kalai /
 * Kalai–Smorodinsky / max-welfare packages, the zone of agreement and, with
 * --plan, how far a plan is from the frontier and from the Nash package.
 *
 * FILE is a parley YAML scenario or a GENIUS domain folder; or
 * --genius DOMAIN.xml PROFILE.xml... names GENIUS files. The analysis is
 * parley_analysis_run (include/parley/frontier.h); this file only reads
 * options and formats text; JSON and CSV are the library's document
 * (parley_analysis_dumpf). JSON field names: docs/space.md.
 */
#include "cli.h"
#include "outcome_format.h"
#include "commands.h"
#include "frontier_cmd.h"
#include "table.h"
#include "parley.h"
#include "parley/space.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *USAGE_FRONTIER =
    "usage: parley frontier FILE [options]\n"
    "       parley frontier --genius DOMAIN.xml PROFILE.xml PROFILE.xml... [options]\n"
    "The exact Pareto frontier over the outcomes at or above every walk-away, the\n"
    "Nash, Kalai, Kalai-Smorodinsky and max-welfare packages, the zone of agreement.\n"
    "FILE: a parley YAML scenario or a GENIUS domain folder.\n"
    "options:\n"
    "  --plan ID          distance of a plan (scenario) to the frontier and the Nash package\n"
    "  --all              keep outcomes below a walk-away (the unrestricted frontier)\n"
    "  --max-outcomes N   give up (exit 3) past N search nodes for non-additive\n"
    "                     utilities (default 1e8, about 2 s); the zone is counted exactly up to\n"
    "                     N nodes (default 1e8), else estimated from 10^6 samples (--seed)\n"
    "  --max-steps N      give up (exit 3) past N steps of the additive frontier merge\n"
    "                     (default 5e8, 6-20 s; frontiers of 5+ parties grow fast)\n"
    "  --no-zone          do not count the zone of agreement\n"
    "  --limit N          text output: show at most N frontier points (default 40)\n"
    "  --threads N, --format text|json|csv, -o FILE, --quiet\n";

static const char *USAGE_SOLVE =
    "usage: parley solve FILE --concept nash|kalai|ks|welfare[,...] [options]\n"
    "       parley solve --genius DOMAIN.xml PROFILE.xml... --concept ... [options]\n"
    "The bargaining solution packages on the exact Pareto frontier (all ties).\n"
    "Options as for 'parley frontier' (--plan, --all, --max-outcomes, --max-steps,\n"
    "--threads, "
    "--format text|json|csv, -o FILE, --quiet).\n";

enum {
    C_NASH = PARLEY_ANALYSIS_NASH,
    C_KALAI = PARLEY_ANALYSIS_KALAI,
    C_KS = PARLEY_ANALYSIS_KS,
    C_WELFARE = PARLEY_ANALYSIS_MAX_WELFARE,
    C_ALL = PARLEY_ANALYSIS_ALL
};
static const char *const CONCEPT_NAME[4] = {"Nash", "Kalai (egalitarian)", "Kalai-Smorodinsky",
                                            "max welfare"};

typedef struct plan_info {
    bool given;
    const char *id;
    double *u;
    bool exact;
    long nearest;
    double dist_frontier, dist_nash;
} plan_info;

/* ---- output ------------------------------------------------------------------
 * JSON and CSV are the library's document (parley_analysis_dumpf); the text
 * is written here. */

static void concept_list(const parley_analysis *an, int k, const size_t **idx, size_t *n)
{
    const size_t *lists[4] = {an->nash, an->kalai, an->ks, an->welfare};
    size_t counts[4] = {an->n_nash, an->n_kalai, an->n_ks, an->n_welfare};
    *idx = lists[k];
    *n = counts[k];
}

static void add_point_row(cli_table *t, const parley_space *sp, const parley_frontier *fr,
                          const char *label, size_t i)
{
    size_t d = fr->n_parties;
    const char **row = calloc(d + 2, sizeof *row);
    char(*num)[32] = calloc(d, sizeof *num);
    char out[120];
    if (!row || !num) {
        free(row);
        free(num);
        return;
    }
    row[0] = label;
    for (size_t p = 0; p < d; p++) {
        snprintf(num[p], sizeof num[p], "%.6f", fr->utility[i * d + p]);
        row[1 + p] = num[p];
    }
    row[1 + d] = cli_outcome_text(sp, fr->outcome + i * fr->n_issues, out, sizeof out);
    cli_table_row(t, row);
    free(row);
    free(num);
}

static cli_table *point_table(const parley_space *sp, const char *first)
{
    cli_table *t = cli_table_new();
    if (!t)
        return NULL;
    cli_table_column(t, first, false);
    for (size_t p = 0; p < parley_space_party_count(sp); p++)
        cli_table_column(t, parley_space_party_name(sp, p), true);
    cli_table_column(t, "outcome", false);
    return t;
}

static void write_text(FILE *fp, const parley_space *sp, const parley_analysis *an, int concepts,
                       bool with_frontier, long limit, const plan_info *pi, bool all)
{
    const parley_frontier *fr = &an->frontier;
    size_t d = fr->n_parties;
    fprintf(fp, "%zu parties, %zu issues, %.6g outcomes; frontier by %s\n", d, fr->n_issues,
            an->outcomes_total, an->method);
    for (size_t p = 0; p < d; p++) {
        double r = parley_space_reservation(sp, p);
        fprintf(fp, "  %s: utility %.6f to %.6f, walk-away ", parley_space_party_name(sp, p),
                an->worst[p], an->best[p]);
        if (isnan(r))
            fprintf(fp, "none");
        else
            fprintf(fp, "%.6f", r);
        fprintf(fp, ", disagreement point %.6f\n", an->disagreement[p]);
    }
    if (an->zone_count >= 0) {
        if (an->zone_exact)
            fprintf(fp, "Zone of agreement: %.17g outcomes (%.4g%%)\n", an->zone_count,
                    100.0 * an->zone_count / an->outcomes_total);
        else
            fprintf(fp,
                    "Zone of agreement: about %.4g outcomes (%.4g%% +- %.2g%%, from 10^6 "
                    "sampled outcomes)\n",
                    an->zone_count, 100.0 * an->zone_count / an->outcomes_total,
                    100.0 * an->zone_stderr);
    } else
        fprintf(fp, "Zone of agreement: not counted\n");
    if (with_frontier) {
        fprintf(fp, "\nPareto frontier%s: %zu point%s\n",
                all ? "" : " (outcomes above every walk-away)", fr->n_points,
                fr->n_points == 1 ? "" : "s");
        cli_table *t = point_table(sp, "#");
        char lab[32];
        for (size_t i = 0; t && i < fr->n_points && (long)i < limit; i++) {
            snprintf(lab, sizeof lab, "%zu", i + 1);
            add_point_row(t, sp, fr, lab, i);
        }
        if (t && fr->n_points)
            cli_table_print(t, fp, "  ");
        cli_table_free(t);
        if ((long)fr->n_points > limit)
            fprintf(fp, "  ... %zu more (--limit N, or --format csv / json for all)\n",
                    fr->n_points - (size_t)limit);
    }
    fprintf(fp, "\nSolutions (all ties within 1e-12):\n");
    cli_table *t = point_table(sp, "concept");
    for (int k = 0; t && k < 4; k++) {
        if (!(concepts & (1 << k)))
            continue;
        const size_t *idx;
        size_t n;
        concept_list(an, k, &idx, &n);
        for (size_t j = 0; j < n; j++)
            add_point_row(t, sp, fr, CONCEPT_NAME[k], idx[j]);
        if (n == 0)
            fprintf(fp, "  %s: none (no outcome above every walk-away)\n", CONCEPT_NAME[k]);
    }
    if (t && fr->n_points)
        cli_table_print(t, fp, "  ");
    cli_table_free(t);
    if (pi->given) {
        fprintf(fp, "\nPlan %s: utilities", pi->id);
        for (size_t p = 0; p < d; p++)
            fprintf(fp, " %s=%.6f", parley_space_party_name(sp, p), pi->u[p]);
        fprintf(fp, "%s\n", pi->exact ? "" : " (expected value over open issues)");
        if (pi->nearest >= 0)
            fprintf(
                fp,
                "  distance to the frontier %.6f (nearest point #%ld), to the Nash package %.6f\n",
                pi->dist_frontier, pi->nearest + 1, pi->dist_nash);
    }
}

/* ---- the command ---------------------------------------------------------- */

static int parse_concepts(const char *s, int *mask)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "nash") == 0)
            *mask |= C_NASH;
        else if (strcmp(tok, "kalai") == 0 || strcmp(tok, "egalitarian") == 0)
            *mask |= C_KALAI;
        else if (strcmp(tok, "ks") == 0 || strcmp(tok, "kalai-smorodinsky") == 0)
            *mask |= C_KS;
        else if (strcmp(tok, "welfare") == 0 || strcmp(tok, "max_welfare") == 0)
            *mask |= C_WELFARE;
        else if (strcmp(tok, "all") == 0)
            *mask |= C_ALL;
        else
            return -1;
    }
    return 0;
}

static bool parse_count(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 1) || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Plan utilities (open issues at their expected value, as `parley score`). */
static int plan_setup(const parley_scenario *sc, const char *cmd, const char *id, plan_info *pi)
{
    long k = parley_plan_find(sc, id);
    if (k < 0)
        return cli_usage_error(cmd, "%s: no plan '%s'", sc->file, id);
    parley_score score;
    parley_error err;
    if (parley_plan_score(sc, (size_t)k, &score, &err))
        return cli_fail(&err);
    pi->u = calloc(sc->n_parties, sizeof *pi->u);
    if (!pi->u) {
        parley_score_free(&score);
        return CLI_EXIT_LIMIT;
    }
    pi->given = true;
    pi->id = id;
    /* exact: no issue left open and no expectation approximated */
    pi->exact = score.n_open == 0;
    for (size_t p = 0; p < sc->n_parties; p++) {
        pi->u[p] = score.party[p].utility;
        pi->exact = pi->exact && score.party[p].exact;
    }
    parley_score_free(&score);
    return 0;
}

static void plan_distances(const parley_analysis *an, plan_info *pi)
{
    pi->nearest = parley_frontier_nearest(&an->frontier, pi->u, &pi->dist_frontier);
    pi->dist_nash = parley_frontier_distance_to(&an->frontier, an->nash, an->n_nash, pi->u);
}

/* ---- the command, step by step ---------------------------------------------- */

typedef struct frontier_args {
    const char *cmd, *usage;
    bool solve;
    cli_common c;
    const char *file, *plan_id;
    const char **genius; /* [n_genius]: DOMAIN.xml PROFILE.xml... (owned array) */
    size_t n_genius;
    int concepts; /* C_* bits */
    long limit;
    parley_analysis_options opt;
} frontier_args;

/* Step 1: the options. Returns 0, -1 after --help, or an exit code. */
static int parse_args(int argc, char **argv, frontier_args *a)
{
    const char *max_arg = NULL, *limit_arg = NULL, *steps_arg = NULL;
    const char **concept_args = calloc((size_t)argc + 1, sizeof *concept_args);
    size_t n_concepts = 0, npos = 0;
    bool genius_given = false;
    a->genius = calloc((size_t)argc + 1, sizeof *a->genius);
    if (!a->genius || !concept_args) {
        free(concept_args);
        return CLI_EXIT_LIMIT;
    }
    const cli_option opts[] = {{"--genius", NULL, &genius_given, a->genius, &a->n_genius, true},
                               {"--plan", &a->plan_id, NULL, NULL, NULL, false},
                               {"--concept", NULL, NULL, concept_args, &n_concepts, false},
                               {"--max-outcomes", &max_arg, NULL, NULL, NULL, false},
                               {"--max-steps", &steps_arg, NULL, NULL, NULL, false},
                               {"--limit", &limit_arg, NULL, NULL, NULL, false},
                               {"--all", NULL, &a->opt.keep_irrational, NULL, NULL, false},
                               {"--no-zone", NULL, &a->opt.skip_zone, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    const char *cmd = a->cmd;
    int rc = cli_parse(cmd, a->usage, argc, argv, &a->c, opts, &a->file, 1, &npos);
    for (size_t k = 0; k < n_concepts && !rc; k++)
        if (parse_concepts(concept_args[k], &a->concepts))
            rc = cli_usage_error(cmd, "--concept must be nash, kalai, ks or welfare, not '%s'",
                                 concept_args[k]);
    free(concept_args);
    if (rc)
        return rc;
    double v = 0;
    if (genius_given && a->n_genius < 2)
        rc = cli_usage_error(cmd, "--genius needs DOMAIN.xml and at least one PROFILE.xml");
    else if (max_arg && !parse_count(max_arg, &a->opt.max_outcomes))
        rc = cli_usage_error(cmd, "--max-outcomes must be a number >= 1, not '%s'", max_arg);
    else if (steps_arg && !parse_count(steps_arg, &a->opt.max_steps))
        rc = cli_usage_error(cmd, "--max-steps must be a number >= 1, not '%s'", steps_arg);
    else if (limit_arg && !parse_count(limit_arg, &v))
        rc = cli_usage_error(cmd, "--limit must be a number >= 1, not '%s'", limit_arg);
    else if (a->solve && !a->concepts)
        rc = cli_usage_error(cmd, "--concept nash|kalai|ks|welfare is required\n%s", a->usage);
    else if (!a->file && !a->n_genius)
        rc = cli_usage_error(cmd, "missing FILE (or --genius DOMAIN.xml PROFILE.xml...)\n%s",
                             a->usage);
    else if (a->file && a->n_genius)
        rc = cli_usage_error(cmd, "give FILE or --genius, not both");
    if (rc)
        return rc;
    if (limit_arg)
        a->limit = v > 1e9 ? 1000000000L : (long)v;
    if (!a->concepts)
        a->concepts = C_ALL;
    a->opt.threads = a->c.threads;
    a->opt.seed = a->c.seed;
    return 0;
}

/* Step 2: the outcome space, from GENIUS files or a parley scenario (kept in
 * *sc for --plan). Returns 0 or an exit code. */
static int load_space(const frontier_args *a, parley_scenario **sc, parley_space **sp)
{
    parley_error err;
    memset(&err, 0, sizeof err);
    const char *file = a->file;
    int rc = 0;
    if ((a->n_genius || is_dir(file)) && (rc = cli_overrides_refuse(a->cmd, "a GENIUS domain")))
        return rc;
    if (a->n_genius) {
        *sp = parley_genius_load(a->genius[0], a->genius + 1, a->n_genius - 1, &err);
    } else if (is_dir(file)) {
        *sp = parley_genius_load_folder(file, &err);
    } else if (strlen(file) > 4 && strcmp(file + strlen(file) - 4, ".xml") == 0) {
        return cli_usage_error(a->cmd,
                               "%s: GENIUS files are read with --genius DOMAIN.xml "
                               "PROFILE.xml... or by giving their folder",
                               file);
    } else {
        *sc = cli_load_scenario(file, a->c.quiet, &rc);
        if (!*sc)
            return rc;
        *sp = parley_space_from_scenario(*sc, &err);
    }
    return *sp ? 0 : cli_fail(&err);
}

/* Step 3: the analysis, with progress on a terminal. NULL after printing
 * why (exit code in *rc). */
static parley_analysis *analyse(const frontier_args *a, const parley_space *sp, int *rc)
{
    parley_analysis_options opt = a->opt;
    cli_progress pg;
    cli_progress_init(&pg, a->cmd, "analysis", a->c.quiet);
    opt.progress = cli_progress_update;
    opt.progress_ctx = &pg;
    parley_error err;
    memset(&err, 0, sizeof err);
    parley_analysis *an = parley_analysis_run(sp, &opt, &err);
    cli_progress_finish(&pg);
    if (!an)
        *rc = cli_fail(&err);
    return an;
}

/* Step 4: the output, in any format (cli_emit). */
typedef struct result_view {
    const frontier_args *a;
    const parley_space *sp;
    const parley_analysis *an;
    const plan_info *pi;
    const parley_scenario *sc; /* the YAML scenario, or NULL (GENIUS) */
} result_view;

static void write_result_text(const void *view, FILE *fp)
{
    const result_view *v = view;
    const frontier_args *a = v->a;
    write_text(fp, v->sp, v->an, a->concepts, !a->solve, a->limit, v->pi, a->opt.keep_irrational);
}

static parley_status write_result_doc(const void *view, parley_doc_format format, FILE *fp,
                                      parley_error *err)
{
    const result_view *v = view;
    parley_analysis_doc d = PARLEY_ANALYSIS_DOC_INIT;
    d.concepts = (unsigned)v->a->concepts;
    d.frontier = !v->a->solve;
    d.scenario = v->sc;
    if (v->pi->given) {
        d.plan_id = v->pi->id;
        d.plan_utilities = v->pi->u;
        d.plan_exact = v->pi->exact;
    }
    return parley_analysis_dumpf(v->sp, v->an, &d, format, fp, err);
}

int frontier_command(int argc, char **argv, bool solve)
{
    frontier_args a = {.cmd = solve ? "solve" : "frontier",
                       .usage = solve ? USAGE_SOLVE : USAGE_FRONTIER,
                       .solve = solve,
                       .limit = 40};
    parley_analysis_options_init(&a.opt);
    parley_scenario *sc = NULL;
    parley_space *sp = NULL;
    parley_analysis *an = NULL;
    plan_info pi = {.given = false, .nearest = -1, .dist_frontier = NAN, .dist_nash = NAN};
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    if ((rc = load_space(&a, &sc, &sp)))
        goto done;
    if (a.plan_id) {
        if (!sc) {
            rc = cli_usage_error(a.cmd,
                                 "--plan needs a parley scenario (GENIUS files have no plans)");
            goto done;
        }
        if ((rc = plan_setup(sc, a.cmd, a.plan_id, &pi)))
            goto done;
    }
    if (!(an = analyse(&a, sp, &rc)))
        goto done;
    if (pi.given)
        plan_distances(an, &pi);
    static const cli_writers writers = {.text = write_result_text, .doc = write_result_doc};
    result_view v = {&a, sp, an, &pi, sc};
    rc = cli_emit(&a.c, &writers, &v);
    if (!rc && an->frontier.n_points == 0) {
        if (!a.c.quiet)
            fprintf(stderr, "parley %s: no outcome is at or above every walk-away\n", a.cmd);
        rc = CLI_EXIT_NO_ANSWER;
    }
done:
    if (an)
        parley_analysis_free(an);
    free(pi.u);
    parley_space_free(sp);
    if (sc)
        parley_scenario_free(sc);
    free(a.genius);
    return rc;
}

int cmd_frontier(int argc, char **argv)
{
    return frontier_command(argc, argv, false);
}
