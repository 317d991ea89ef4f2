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
#include <jansson.h>
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

/* Two parties: mean payoff of strategy i against strategy j (either role),
 * into m[k*k] (NAN when never met). Returns false when out of memory. */
static bool pair_matrix(const parley_tournament_result *res, double *m)
{
    size_t k = res->n_strategies;
    size_t *count = calloc(k * k, sizeof *count);
    if (!count)
        return false;
    for (size_t c = 0; c < k * k; c++)
        m[c] = 0;
    for (size_t r = 0; r < res->n_runs; r++) {
        size_t a = res->runs[r].assignment;
        size_t s0 = parley_tournament_strategy(res, a, 0),
               s1 = parley_tournament_strategy(res, a, 1);
        m[s0 * k + s1] += res->payoff[r * 2];
        count[s0 * k + s1]++;
        m[s1 * k + s0] += res->payoff[r * 2 + 1];
        count[s1 * k + s0]++;
    }
    for (size_t c = 0; c < k * k; c++)
        m[c] = count[c] ? m[c] / (double)count[c] : (double)NAN;
    free(count);
    return true;
}

static json_t *real_or_null(double x)
{
    return isnan(x) ? json_null() : json_real(x);
}

static json_t *to_json(const parley_space *sp, const parley_agent_spec *st,
                       const parley_tournament_result *res, const parley_tournament_options *o,
                       bool runs)
{
    size_t d = res->n_parties;
    json_t *root = json_object(), *parties = json_array(), *strategies = json_array();
    for (size_t p = 0; p < d; p++)
        json_array_append_new(parties, json_string(parley_space_party_name(sp, p)));
    for (size_t s = 0; s < res->n_strategies; s++)
        json_array_append_new(strategies, json_string(st[s].name));
    json_object_set_new(root, "parties", parties);
    json_object_set_new(root, "strategies", strategies);
    json_object_set_new(root, "reps", json_integer((json_int_t)res->reps));
    json_object_set_new(root, "information", json_string(nego_information_name(o->information)));
    json_object_set_new(root, "rounds",
                        o->rounds ? json_integer((json_int_t)o->rounds) : json_null());
    json_object_set_new(root, "steps", json_integer((json_int_t)o->steps));
    json_object_set_new(root, "seed", json_integer((json_int_t)o->seed));
    json_object_set_new(root, "negotiations", json_integer((json_int_t)res->n_runs));
    json_object_set_new(root, "agreement_rate", real_or_null(res->agreement_rate));
    json_t *scores = json_array();
    for (size_t s = 0; s < res->n_strategies; s++) {
        const parley_strategy_score *x = &res->scores[s];
        json_t *j = json_object();
        json_object_set_new(j, "strategy", json_string(st[s].name));
        json_object_set_new(j, "plays", json_integer((json_int_t)x->plays));
        json_object_set_new(j, "mean_utility", real_or_null(x->mean_utility));
        json_object_set_new(j, "mean_advantage", real_or_null(x->mean_advantage));
        json_object_set_new(j, "agreement_rate", real_or_null(x->agreement_rate));
        json_object_set_new(j, "mean_welfare", real_or_null(x->mean_welfare));
        json_object_set_new(j, "mean_distance_to_frontier", real_or_null(x->mean_dist_frontier));
        json_object_set_new(j, "mean_distance_to_nash", real_or_null(x->mean_dist_nash));
        json_object_set_new(j, "mean_distance_to_kalai", real_or_null(x->mean_dist_kalai));
        json_object_set_new(j, "mean_time", real_or_null(x->mean_time));
        json_array_append_new(scores, j);
    }
    json_object_set_new(root, "scores", scores);
    double *m = d == 2 ? calloc(res->n_strategies * res->n_strategies, sizeof *m) : NULL;
    if (m && pair_matrix(res, m)) {
        json_t *rows = json_array();
        for (size_t i = 0; i < res->n_strategies; i++) {
            json_t *row = json_array();
            for (size_t j = 0; j < res->n_strategies; j++)
                json_array_append_new(row, real_or_null(m[i * res->n_strategies + j]));
            json_array_append_new(rows, row);
        }
        json_object_set_new(root, "versus", rows);
    }
    free(m);
    if (runs) {
        json_t *arr = json_array();
        for (size_t r = 0; r < res->n_runs; r++) {
            const parley_tournament_run *x = &res->runs[r];
            json_t *j = json_object(), *ag = json_array(), *pay = json_array();
            for (size_t p = 0; p < d; p++) {
                json_array_append_new(
                    ag, json_string(st[parley_tournament_strategy(res, x->assignment, p)].name));
                json_array_append_new(pay, json_real(res->payoff[r * d + p]));
            }
            json_object_set_new(j, "agents", ag);
            json_object_set_new(j, "rep", json_integer((json_int_t)x->rep));
            json_object_set_new(j, "agreed", json_boolean(x->agreed));
            json_object_set_new(j, "step", json_integer((json_int_t)(x->steps ? x->steps - 1 : 0)));
            json_object_set_new(j, "time", json_real(x->time));
            json_object_set_new(j, "payoffs", pay);
            json_object_set_new(j, "welfare", json_real(x->welfare));
            json_object_set_new(j, "distance_to_frontier", real_or_null(x->dist_frontier));
            json_object_set_new(j, "distance_to_nash", real_or_null(x->dist_nash));
            json_array_append_new(arr, j);
        }
        json_object_set_new(root, "runs", arr);
    }
    return root;
}

static void csv_num(FILE *fp, double x, bool last)
{
    char buf[40];
    if (isnan(x))
        buf[0] = '\0';
    else
        snprintf(buf, sizeof buf, "%.17g", x);
    cli_csv_field(fp, buf, last);
}

static void write_csv(FILE *fp, const parley_space *sp, const parley_agent_spec *st,
                      const parley_tournament_result *res, bool runs)
{
    size_t d = res->n_parties;
    char buf[320];
    if (!runs) {
        const char *h[] = {"strategy",
                           "plays",
                           "mean_utility",
                           "mean_advantage",
                           "agreement_rate",
                           "mean_welfare",
                           "mean_distance_to_frontier",
                           "mean_distance_to_nash",
                           "mean_distance_to_kalai",
                           "mean_time"};
        for (size_t c = 0; c < 10; c++)
            cli_csv_field(fp, h[c], c == 9);
        for (size_t s = 0; s < res->n_strategies; s++) {
            const parley_strategy_score *x = &res->scores[s];
            cli_csv_field(fp, st[s].name, false);
            snprintf(buf, sizeof buf, "%zu", x->plays);
            cli_csv_field(fp, buf, false);
            csv_num(fp, x->mean_utility, false);
            csv_num(fp, x->mean_advantage, false);
            csv_num(fp, x->agreement_rate, false);
            csv_num(fp, x->mean_welfare, false);
            csv_num(fp, x->mean_dist_frontier, false);
            csv_num(fp, x->mean_dist_nash, false);
            csv_num(fp, x->mean_dist_kalai, false);
            csv_num(fp, x->mean_time, true);
        }
        return;
    }
    for (size_t p = 0; p < d; p++) {
        snprintf(buf, sizeof buf, "agent_%s", parley_space_party_name(sp, p));
        cli_csv_field(fp, buf, false);
    }
    const char *h[] = {"rep",
                       "agreed",
                       "step",
                       "time",
                       "welfare",
                       "distance_to_frontier",
                       "distance_to_nash",
                       "distance_to_kalai"};
    for (size_t c = 0; c < 8; c++)
        cli_csv_field(fp, h[c], false);
    for (size_t p = 0; p < d; p++) {
        snprintf(buf, sizeof buf, "payoff_%s", parley_space_party_name(sp, p));
        cli_csv_field(fp, buf, p + 1 == d);
    }
    for (size_t r = 0; r < res->n_runs; r++) {
        const parley_tournament_run *x = &res->runs[r];
        for (size_t p = 0; p < d; p++)
            cli_csv_field(fp, st[parley_tournament_strategy(res, x->assignment, p)].name, false);
        snprintf(buf, sizeof buf, "%zu", x->rep);
        cli_csv_field(fp, buf, false);
        cli_csv_field(fp, x->agreed ? "true" : "false", false);
        snprintf(buf, sizeof buf, "%zu", x->steps ? x->steps - 1 : 0);
        cli_csv_field(fp, buf, false);
        csv_num(fp, x->time, false);
        csv_num(fp, x->welfare, false);
        csv_num(fp, x->dist_frontier, false);
        csv_num(fp, x->dist_nash, false);
        csv_num(fp, x->dist_kalai, false);
        for (size_t p = 0; p < d; p++)
            csv_num(fp, res->payoff[r * d + p], p + 1 == d);
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
    cli_table *v = m && pair_matrix(res, m) ? cli_table_new() : NULL;
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
    const parley_space *sp;
    const parley_agent_spec *st;
    const parley_tournament_result *res;
    const parley_tournament_options *opt;
    bool runs;
} result_view;

static int write_result(const void *view, cli_out *out, cli_format format)
{
    const result_view *v = view;
    int rc = 0;
    if (format == CLI_FORMAT_JSON) {
        json_t *j = to_json(v->sp, v->st, v->res, v->opt, v->runs);
        rc = cli_write_json(out, j);
        json_decref(j);
    } else if (format == CLI_FORMAT_CSV) {
        write_csv(out->fp, v->sp, v->st, v->res, v->runs);
    } else {
        write_text(out->fp, v->sp, v->st, v->res, v->opt);
    }
    return rc;
}

int cmd_tournament(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *accept = NULL, *agents = NULL, *reps_arg = NULL, *steps_arg = NULL,
               *max_arg = NULL, *info_arg = NULL, *rounds_arg = NULL;
    parley_information info = PARLEY_INFO_PRIVATE;
    double rounds = 0;
    const char **genius = calloc((size_t)argc + 1, sizeof *genius);
    size_t n_genius = 0, npos = 0;
    double reps = 1, steps = 200;
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
    if ((rc = nego_input_load(&in, "tournament", file, genius, n_genius, &aopt, c.quiet)) ||
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
    double t0 = cli_clock();
    parley_tournament_result *res = NULL; /* under mpirun: NULL on ranks other than 0 */
    rc = cli_mpi_tournament(in.dom, st, n_st, &topt, &res);
    double elapsed = cli_clock() - t0;
    if (!res)
        goto done;
    if (!c.quiet)
        fprintf(stderr, "parley tournament: %zu negotiations in %.3f s (%.0f per second)\n",
                res->n_runs, elapsed, elapsed > 0 ? (double)res->n_runs / elapsed : 0.0);
    static const cli_writers writers = {.write = write_result};
    result_view v = {in.sp, st, res, &topt, runs};
    rc = cli_emit(&c, &writers, &v);
    parley_tournament_result_free(res);
done:
    nego_input_free(&in);
    free(st);
out:
    free(genius);
    return rc;
}
