/*
 * cli/cmd_tournament.c — `parley tournament FILE --agents boulware,conceder,
 * linear,hardliner,titfortat --reps N [--threads N] [--seed N]`: every
 * assignment of the strategies to the parties (k^n; with two parties every
 * ordered pairing, self-play included), each repeated N times, in parallel,
 * with per-strategy scores (include/parley/negotiate.h). The same seed gives
 * the same output whatever the thread count. JSON/CSV fields:
 * docs/negotiate.md.
 */
#include "cli.h"
#include "cli_mpi.h"
#include "commands.h"
#include "negotiate_cmd.h"
#include "table.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *USAGE =
    "usage: parley tournament FILE --agents STRATEGY,STRATEGY,... [options]\n"
    "       parley tournament --genius DOMAIN.xml PROFILE.xml... --agents ... [options]\n"
    "Every assignment of the strategies to the parties (k^n negotiations; with two\n"
    "parties every ordered pairing, self-play included), each repeated --reps times.\n"
    "FILE: a parley YAML scenario or a GENIUS domain folder.\n"
    "options:\n"
    "  --agents LIST      strategies: boulware, linear, conceder, hardliner, timedep:E,\n"
    "                     random; private information: boa, boa:E, nicetft; full:\n"
    "                     titfortat, nash; each optionally /RULES (acceptance: next,\n"
    "                     const:A, time:T joined by +; default next)\n"
    "  --accept RULES     acceptance rules for every strategy without /RULES\n"
    "  --reps N           repetitions of each assignment (default 1)\n"
    "  --information private|full  private (default): an agent knows only its own\n"
    "                     utility and walk-away and sees the offers (as GENIUS); full:\n"
    "                     every party's utility, offers from the Pareto frontier\n"
    "  --rounds R         GENIUS deadline: R rounds, t = r/(R+1) in round r\n"
    "  --steps N          deadline in steps (default 200)\n"
    "  --runs             also list every negotiation (JSON \"runs\"; CSV rows instead of scores)\n"
    "  --all              offers from the whole Pareto frontier, also outcomes below\n"
    "                     another party's walk-away (default: only above every walk-away)\n"
    "  --max-outcomes N   search budget of the frontier for rule-based utilities\n"
    "  --max-work N       refuse (exit 3) a tournament of more than N agent actions in all\n"
    "                     (negotiations x deadline; default 2e9)\n"
    "  --max-memory SIZE  refuse (exit 3) a tournament whose results need more (default:\n"
    "                     half the physical memory)\n"
    "  --seed N, --threads N, --format text|json|csv, -o FILE, --quiet\n";

static bool parse_count(const char *s, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 1) || v > max || v != floor(v))
        return false;
    *out = v;
    return true;
}

/* Strategy indices by mean utility, best first (stable). */
static void rank_order(const parley_tournament_result *res, size_t *order)
{
    size_t k = res->n_strategies;
    for (size_t i = 0; i < k; i++)
        order[i] = i;
    for (size_t i = 1; i < k; i++)
        for (size_t j = i;
             j > 0 && res->scores[order[j]].mean_utility > res->scores[order[j - 1]].mean_utility;
             j--) {
            size_t x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
}

static void write_text(FILE *fp, const parley_space *sp, const parley_agent_spec *st,
                       const parley_tournament_result *res, const parley_tournament_options *o)
{
    fprintf(fp,
            "Tournament: %zu strategies x %zu parties = %zu assignments x %zu reps = %zu "
            "negotiations (",
            res->n_strategies, res->n_parties, res->n_assignments, res->reps, res->n_runs);
    if (o->rounds)
        fprintf(fp, "%zu rounds", o->rounds);
    else
        fprintf(fp, "%zu steps", o->steps);
    fprintf(fp, ", %s information, seed %llu)\n", nego_information_name(o->information),
            (unsigned long long)o->seed);
    fprintf(fp, "Parties:");
    for (size_t p = 0; p < res->n_parties; p++)
        fprintf(fp, " %s", parley_space_party_name(sp, p));
    fprintf(fp, "; agreements in %.1f%% of negotiations\n\n", 100.0 * res->agreement_rate);
    size_t *order = calloc(res->n_strategies, sizeof *order);
    cli_table *t = cli_table_new();
    if (!order || !t) {
        free(order);
        cli_table_free(t);
        return;
    }
    rank_order(res, order);
    const char *cols[] = {"strategy", "plays",     "utility", "advantage", "agreed",
                          "welfare",  "to Pareto", "to Nash", "to Kalai",  "time"};
    for (size_t c = 0; c < 10; c++)
        cli_table_column(t, cols[c], c >= 1);
    for (size_t k = 0; k < res->n_strategies; k++) {
        const parley_strategy_score *x = &res->scores[order[k]];
        char n[32], u[32], a[32], g[32], w[32], df[32], dn[32], dk[32], tm[32];
        snprintf(n, sizeof n, "%zu", x->plays);
        const char *row[10] = {st[order[k]].name,
                               n,
                               cli_num(u, sizeof u, x->mean_utility, false),
                               cli_num(a, sizeof a, x->mean_advantage, true),
                               cli_pct(g, sizeof g, x->agreement_rate),
                               cli_num(w, sizeof w, x->mean_welfare, false),
                               cli_num(df, sizeof df, x->mean_dist_frontier, false),
                               cli_num(dn, sizeof dn, x->mean_dist_nash, false),
                               cli_num(dk, sizeof dk, x->mean_dist_kalai, false),
                               cli_num(tm, sizeof tm, x->mean_time, false)};
        cli_table_row(t, row);
    }
    cli_table_print(t, fp, "  ");
    cli_table_free(t);
    double *m =
        res->n_parties == 2 ? calloc(res->n_strategies * res->n_strategies, sizeof *m) : NULL;
    cli_table *v =
        m && parley_tournament_versus(res, m, NULL) == PARLEY_OK ? cli_table_new() : NULL;
    if (v) {
        size_t k = res->n_strategies;
        const char **row = calloc(k + 1, sizeof *row);
        char(*num)[32] = calloc(k, sizeof *num);
        fprintf(fp,
                "\nMean payoff of the row strategy against the column strategy (either role):\n");
        cli_table_column(v, "", false);
        for (size_t j = 0; j < k; j++)
            cli_table_column(v, st[order[j]].name, true);
        for (size_t i = 0; row && num && i < k; i++) {
            row[0] = st[order[i]].name;
            for (size_t j = 0; j < k; j++)
                row[1 + j] = cli_num(num[j], sizeof num[j], m[order[i] * k + order[j]], false);
            cli_table_row(v, row);
        }
        cli_table_print(v, fp, "  ");
        cli_table_free(v);
        free(row);
        free(num);
    }
    free(m);
    free(order);
    fprintf(fp, "\nMeans over every (negotiation, party) slot the strategy played: payoff "
                "U*d^t, advantage over\nwalk-away, agreement rate, welfare (sum of payoffs), "
                "distance of the outcome (utilities,\nundiscounted) to the Pareto frontier, the "
                "Nash and the Kalai package, normalised end time.\n");
}

/* What the run will need, checked once the space is known (parties d):
 * k^d assignments x reps negotiations of at most the deadline's actions
 * each (work), and the results kept for every negotiation (memory). */
typedef struct limits {
    double strategies, reps, steps, rounds; /* rounds 0: the deadline is steps */
    double max_work;
    size_t max_memory;
} limits;

#define TOURNAMENT_DEFAULT_MAX_WORK 2e9

static int check_limits(const parley_space *sp, void *ctx)
{
    const limits *l = ctx;
    double d = (double)parley_space_party_count(sp);
    double runs = pow(l->strategies, d) * l->reps;
    double actions = l->rounds > 0 ? l->rounds * d : l->steps;
    double bytes = runs * ((double)sizeof(parley_tournament_run) + d * (double)sizeof(double));
    char what[160];
    snprintf(what, sizeof what,
             "a tournament of %.3g negotiations (%g strategies, %g parties, %g reps)", runs,
             l->strategies, d, l->reps);
    if (bytes > (double)l->max_memory)
        return cli_over_limit("tournament", what, bytes, (double)l->max_memory, "--max-memory",
                              true);
    if (runs * actions > l->max_work) {
        snprintf(what, sizeof what, "a tournament of %.3g negotiations of up to %g actions", runs,
                 actions);
        return cli_over_limit("tournament", what, runs * actions, l->max_work, "--max-work", false);
    }
    return 0;
}

/* Splits "a,b,c" into specs. Returns 0 or an exit code. */
static int parse_strategies(const char *list, const char *accept, parley_agent_spec **out,
                            size_t *n)
{
    size_t cap = 1;
    for (const char *s = list; *s; s++)
        cap += *s == ',';
    parley_agent_spec *specs = calloc(cap, sizeof *specs);
    char *buf = strdup(list);
    if (!specs || !buf) {
        free(specs);
        free(buf);
        return CLI_EXIT_LIMIT;
    }
    parley_error err;
    int rc = 0;
    *n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
        if (parley_agent_spec_parse(tok, "--agents", &specs[*n], &err)) {
            rc = cli_fail(&err);
        } else if (accept && !strchr(tok, '/')) {
            if (parley_acceptance_parse(accept, "--accept", &specs[*n].accept, &err))
                rc = cli_fail(&err);
            size_t len = strlen(specs[*n].name);
            snprintf(specs[*n].name + len, sizeof specs[*n].name - len, "/%s", accept);
        }
        (*n)++;
    }
    free(buf);
    if (!rc && *n == 0)
        rc = cli_usage_error("tournament", "--agents lists no strategy");
    if (rc) {
        free(specs);
        return rc;
    }
    *out = specs;
    return 0;
}

/* What tournament writes, in any format. */
typedef struct result_view {
    const parley_nego_domain *dom;
    const parley_agent_spec *st;
    const parley_tournament_result *res;
    const parley_tournament_options *opt;
    bool runs;
} result_view;

static void write_result_text(const void *view, FILE *fp)
{
    const result_view *v = view;
    write_text(fp, parley_nego_domain_space(v->dom), v->st, v->res, v->opt);
}

static parley_status write_result_doc(const void *view, parley_doc_format format, FILE *fp,
                                      parley_error *err)
{
    const result_view *v = view;
    return parley_tournament_result_dumpf(v->dom, v->st, v->opt, v->res, v->runs, format, fp, err);
}

int cmd_tournament(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *accept = NULL, *agents = NULL, *reps_arg = NULL, *steps_arg = NULL,
               *max_arg = NULL, *info_arg = NULL, *rounds_arg = NULL, *work_arg = NULL;
    parley_information info = PARLEY_INFO_PRIVATE;
    double rounds = 0;
    const char **genius = calloc((size_t)argc + 1, sizeof *genius);
    size_t n_genius = 0, npos = 0;
    double reps = 1, steps = 200, max_work = TOURNAMENT_DEFAULT_MAX_WORK;
    bool genius_given = false, all = false, runs = false;
    parley_analysis_options aopt;
    parley_analysis_options_init(&aopt);
    int rc = 0;
    if (!genius)
        return CLI_EXIT_LIMIT;
    const cli_option opts[] = {{"--genius", NULL, &genius_given, genius, &n_genius, true},
                               {"--agents", &agents, NULL, NULL, NULL, false},
                               {"--accept", &accept, NULL, NULL, NULL, false},
                               {"--reps", &reps_arg, NULL, NULL, NULL, false},
                               {"--steps", &steps_arg, NULL, NULL, NULL, false},
                               {"--information", &info_arg, NULL, NULL, NULL, false},
                               {"--rounds", &rounds_arg, NULL, NULL, NULL, false},
                               {"--all", NULL, &all, NULL, NULL, false},
                               {"--max-outcomes", &max_arg, NULL, NULL, NULL, false},
                               {"--runs", NULL, &runs, NULL, NULL, false},
                               {"--max-work", &work_arg, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    rc = cli_parse("tournament", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc) {
        rc = rc < 0 ? 0 : rc;
        goto out;
    }
    aopt.keep_irrational = all;
    if (genius_given && n_genius < 2)
        rc =
            cli_usage_error("tournament", "--genius needs DOMAIN.xml and at least one PROFILE.xml");
    else if (reps_arg && !parse_count(reps_arg, 1e7, &reps))
        rc = cli_usage_error("tournament", "--reps must be an integer from 1 to 1e7, not '%s'",
                             reps_arg);
    else if (steps_arg && !parse_count(steps_arg, 1e8, &steps))
        rc = cli_usage_error("tournament", "--steps must be an integer from 1 to 1e8, not '%s'",
                             steps_arg);
    else if (max_arg && !parse_count(max_arg, 1e300, &aopt.max_outcomes))
        rc = cli_usage_error("tournament", "--max-outcomes must be a number >= 1, not '%s'",
                             max_arg);
    else if (rounds_arg && !parse_count(rounds_arg, 1e6, &rounds))
        rc = cli_usage_error("tournament", "--rounds must be an integer from 1 to 1e6, not '%s'",
                             rounds_arg);
    else if (work_arg && !parse_count(work_arg, 1e300, &max_work))
        rc = cli_usage_error("tournament", "--max-work must be a number >= 1, not '%s'", work_arg);
    else if (rounds_arg && steps_arg)
        rc = cli_usage_error("tournament", "give --steps or --rounds, not both");
    else
        rc = nego_parse_information("tournament", info_arg, &info);
    if (rc || (rc = nego_check_input("tournament", USAGE, file, n_genius)))
        goto out;
    if (!agents) {
        rc = cli_usage_error("tournament", "--agents STRATEGY,STRATEGY,... is required\n%s", USAGE);
        goto out;
    }
    parley_agent_spec *st = NULL;
    size_t n_st = 0;
    if ((rc = parse_strategies(agents, accept, &st, &n_st)))
        goto out;
    aopt.threads = c.threads;
    nego_input in;
    limits lim = {(double)n_st, reps, steps, rounds, max_work, cli_max_memory(&c)};
    if ((rc = nego_input_load(&in, "tournament", file, genius, n_genius, &aopt, c.quiet,
                              check_limits, &lim)) ||
        (rc = nego_prepare(&in, info, max_arg ? aopt.max_outcomes : 0)))
        goto done;
    parley_tournament_options topt;
    parley_tournament_options_init(&topt);
    topt.reps = (size_t)reps;
    topt.steps = (size_t)steps;
    topt.threads = cli_mpi_threads(c.threads);
    topt.seed = c.seed;
    topt.information = info;
    topt.rounds = (size_t)rounds;
    topt.scenario = in.sc;
    double t0 = cli_clock();
    parley_tournament_result *res = NULL; /* under mpirun: NULL on ranks other than 0 */
    rc = cli_mpi_tournament(in.dom, st, n_st, &topt, &res);
    double elapsed = cli_clock() - t0;
    if (!res)
        goto done;
    if (!c.quiet)
        fprintf(stderr, "parley tournament: %zu negotiations in %.3f s (%.0f per second)\n",
                res->n_runs, elapsed, elapsed > 0 ? (double)res->n_runs / elapsed : 0.0);
    static const cli_writers writers = {.text = write_result_text, .doc = write_result_doc};
    result_view v = {in.dom, st, res, &topt, runs};
    rc = cli_emit(&c, &writers, &v);
    parley_tournament_result_free(res);
done:
    nego_input_free(&in);
    free(st);
out:
    free(genius);
    return rc;
}
