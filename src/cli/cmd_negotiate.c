/*
 * cli/cmd_negotiate.c — `parley negotiate FILE --agent UA=boulware --agent
 * RU=hardliner [--steps N | --deadline T] [--seed N]`: one stacked
 * alternating offers negotiation between strategy agents (include/parley/
 * negotiate.h). Prints the offer trace and the outcome: every party's
 * utility, discounted payoff and advantage over its walk-away, and the
 * outcome's distance to the Pareto frontier and to the Nash package.
 * JSON field names: docs/negotiate.md.
 */
#include "cli.h"
#include "outcome_format.h"
#include "commands.h"
#include "negotiate_cmd.h"
#include "table.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley negotiate FILE --agent PARTY=STRATEGY ... [options]\n"
    "       parley negotiate --genius DOMAIN.xml PROFILE.xml... --agent ... [options]\n"
    "One stacked alternating offers negotiation (party order: as in FILE, the first\n"
    "party opens). FILE: a parley YAML scenario or a GENIUS domain folder.\n"
    "options:\n"
    "  --agent PARTY=STRATEGY[/RULES]  PARTY is a party id or a 1-based number; without\n"
    "                     PARTY= the next party without an agent. STRATEGY: boulware,\n"
    "                     linear, conceder, hardliner, timedep:E, random; private\n"
    "                     information: boa, boa:E, nicetft; full: titfortat, nash.\n"
    "                     RULES (acceptance, default next): next, const:A, time:T joined by +\n"
    "  --accept RULES     acceptance rules for every agent without /RULES\n"
    "  --information private|full  private (default): an agent knows only its own\n"
    "                     utility and walk-away and sees the offers (as GENIUS); full:\n"
    "                     every party's utility, offers from the Pareto frontier\n"
    "  --rounds R         GENIUS deadline: R rounds, every party acts once a round,\n"
    "                     t = r/(R+1) in round r\n"
    "  --steps N          deadline in steps, one action each (default 200)\n"
    "  --deadline T       deadline in seconds of wall-clock time (not reproducible)\n"
    "  --seed N           seed of the random agents (default 1)\n"
    "  --all              offers from the whole Pareto frontier, also outcomes below\n"
    "                     another party's walk-away (default: only above every walk-away)\n"
    "  --max-outcomes N   search budget of the frontier for rule-based utilities\n"
    "  --limit N          text output: show at most N trace lines (default 60)\n"
    "  --max-memory SIZE  refuse (exit 3) a run whose trace would need more (default:\n"
    "                     half the physical memory)\n"
    "  --threads N, --format text|json|csv, -o FILE, --quiet\n";

static bool parse_positive(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v > 0) || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* ---- output -------------------------------------------------------------- */

static void trace_row(cli_table *t, const parley_space *sp, const parley_negotiation_result *r,
                      size_t k)
{
    size_t d = r->n_parties;
    const parley_trace_entry *e = &r->trace[k];
    const char **row = calloc(d + 5, sizeof *row);
    char(*num)[32] = calloc(d + 2, sizeof *num);
    char out[160];
    if (!row || !num) {
        free(row);
        free(num);
        return;
    }
    snprintf(num[d], sizeof num[d], "%zu", e->step);
    snprintf(num[d + 1], sizeof num[d + 1], "%.3f", e->time);
    row[0] = num[d];
    row[1] = num[d + 1];
    row[2] = parley_space_party_name(sp, e->party);
    row[3] = parley_action_name(e->action);
    for (size_t p = 0; p < d; p++) {
        if (e->offer >= 0)
            snprintf(num[p], sizeof num[p], "%.4f", r->offer_utility[(size_t)e->offer * d + p]);
        row[4 + p] = num[p];
    }
    row[4 + d] = e->offer < 0 || e->action == PARLEY_ACTION_ACCEPT
                     ? ""
                     : cli_outcome_text(sp, r->offer_outcome + (size_t)e->offer * r->n_issues, out,
                                        sizeof out);
    cli_table_row(t, row);
    free(row);
    free(num);
}

static void write_text(FILE *fp, const parley_nego_domain *dom, const parley_agent_spec *agents,
                       const parley_negotiate_options *nopt, const parley_negotiation_result *r,
                       long limit)
{
    const parley_space *sp = parley_nego_domain_space(dom);
    size_t d = r->n_parties, steps = nopt->steps;
    double deadline = nopt->deadline_seconds;
    fprintf(fp, "Stacked alternating offers, %zu parties, %s information, deadline ", d,
            nego_information_name(nopt->information));
    if (nopt->rounds)
        fprintf(fp, "%zu rounds (t = round/%zu)\n", nopt->rounds, nopt->rounds + 1);
    else if (deadline > 0)
        fprintf(fp, "%g s\n", deadline);
    else
        fprintf(fp, "%zu steps\n", steps);
    cli_table *t = cli_table_new();
    if (t) {
        cli_table_column(t, "step", true);
        cli_table_column(t, "t", true);
        cli_table_column(t, "party", false);
        cli_table_column(t, "action", false);
        for (size_t p = 0; p < d; p++)
            cli_table_column(t, parley_space_party_name(sp, p), true);
        cli_table_column(t, "offer", false);
        size_t n = r->n_trace, lim = (size_t)limit;
        for (size_t k = 0; k < n; k++) {
            if (n > lim && k == lim / 2) {
                const char **row = calloc(d + 5, sizeof *row);
                if (row) {
                    row[0] = "...";
                    for (size_t c = 1; c < d + 5; c++)
                        row[c] = "";
                    cli_table_row(t, row);
                    free(row);
                }
                k = n - (lim - lim / 2);
            }
            trace_row(t, sp, r, k);
        }
        cli_table_print(t, fp, "  ");
        cli_table_free(t);
        if (n > lim)
            fprintf(fp, "  (%zu of %zu actions shown; --limit N, or --format csv / json for all)\n",
                    lim, n);
    }
    fprintf(fp, "\n");
    char out[400];
    if (r->agreed)
        fprintf(fp, "Agreement at step %zu (t = %.4f): %s\n", r->steps - 1, r->time,
                cli_outcome_text(sp, r->agreement, out, sizeof out));
    else if (r->ended_by >= 0)
        fprintf(fp, "No agreement: %s walked away at step %zu (t = %.4f)\n",
                parley_space_party_name(sp, (size_t)r->ended_by), r->steps - 1, r->time);
    else if (nopt->rounds)
        fprintf(fp, "No agreement by the deadline (%zu rounds)\n", nopt->rounds);
    else
        fprintf(fp, "No agreement by the deadline (%zu steps)\n", r->steps);
    t = cli_table_new();
    if (t) {
        const char *cols[] = {"party", "agent", "utility", "payoff", "walk-away", "advantage"};
        for (size_t c = 0; c < 6; c++)
            cli_table_column(t, cols[c], c >= 2);
        for (size_t p = 0; p < d; p++) {
            char a[32], b[32], c2[32], e[32];
            const char *row[6] = {
                parley_space_party_name(sp, p),
                agents[p].name,
                cli_num(a, sizeof a, r->utility[p], false),
                cli_num(b, sizeof b, r->payoff[p], false),
                cli_num(c2, sizeof c2, parley_nego_domain_walk_away(dom, p), false),
                cli_num(e, sizeof e, r->advantage[p], true)};
            cli_table_row(t, row);
        }
        cli_table_print(t, fp, "  ");
        cli_table_free(t);
    }
    fprintf(fp,
            "Welfare (sum of payoffs) %.4f; distance of the outcome to the Pareto frontier %.4f, "
            "to the Nash package %.4f, to the Kalai package %.4f\n",
            r->welfare, r->dist_frontier, r->dist_nash, r->dist_kalai);
    const parley_analysis *an = parley_nego_domain_analysis(dom);
    if (an->n_nash) {
        fprintf(fp, "Nash package:");
        for (size_t p = 0; p < d; p++)
            fprintf(fp, " %s=%.4f", parley_space_party_name(sp, p),
                    an->frontier.utility[an->nash[0] * d + p]);
        fprintf(fp, " (%s)\n",
                cli_outcome_text(sp, an->frontier.outcome + an->nash[0] * an->frontier.n_issues,
                                 out, sizeof out));
    }
}

/* ---- the command ------------------------------------------------------------ */

/* What the run will need, checked once the space is known: the trace keeps
 * every action and offer (arrays that double as they grow, so up to twice
 * the actions' worth), at most one action per step. */
typedef struct limits {
    double steps, rounds; /* the deadline: steps, or rounds (0: steps) */
    size_t max_memory;
} limits;

static int check_limits(const parley_space *sp, void *ctx)
{
    const limits *l = ctx;
    double d = (double)parley_space_party_count(sp), n = (double)parley_space_issue_count(sp);
    double actions = l->rounds > 0 ? l->rounds * d : l->steps;
    double per_action = (double)sizeof(parley_trace_entry) + n * (double)sizeof(uint32_t) +
                        d * (double)sizeof(double) + (double)sizeof(long);
    double bytes = 2 * actions * per_action;
    if (bytes > (double)l->max_memory) {
        char what[96];
        snprintf(what, sizeof what, "the trace of %.3g actions", actions);
        return cli_over_limit("negotiate", what, bytes, (double)l->max_memory, "--max-memory",
                              true);
    }
    return 0;
}

/* Resolves the --agent values (PARTY=STRATEGY, or STRATEGY for the next
 * party without one) into specs[n_parties]. */
static int assign_agents(const parley_space *sp, const char *const *args, size_t n_args,
                         const char *accept, parley_agent_spec *specs)
{
    size_t d = parley_space_party_count(sp);
    bool *set = calloc(d, sizeof *set);
    if (!set)
        return CLI_EXIT_LIMIT;
    int rc = 0;
    parley_error err;
    for (size_t k = 0; k < n_args && !rc; k++) {
        long p = -1;
        const char *eq = strchr(args[k], '='), *strategy = eq ? eq + 1 : args[k];
        if (eq) {
            char *party = strndup(args[k], (size_t)(eq - args[k]));
            if (!party) {
                rc = CLI_EXIT_LIMIT;
                break;
            }
            p = nego_party_find(sp, party);
            if (p < 0)
                rc = cli_usage_error("negotiate", "--agent: no party '%s'", party);
            free(party);
        } else {
            for (size_t q = 0; q < d && p < 0; q++)
                if (!set[q])
                    p = (long)q;
            if (p < 0)
                rc = cli_usage_error("negotiate", "more --agent options than parties (%zu)", d);
        }
        if (rc)
            break;
        if (set[p]) {
            rc = cli_usage_error("negotiate", "two agents for party %s",
                                 parley_space_party_name(sp, (size_t)p));
            break;
        }
        if (parley_agent_spec_parse(strategy, "--agent", &specs[p], &err)) {
            rc = cli_fail(&err);
            break;
        }
        if (accept && !strchr(strategy, '/')) {
            if (parley_acceptance_parse(accept, "--accept", &specs[p].accept, &err)) {
                rc = cli_fail(&err);
                break;
            }
            size_t len = strlen(specs[p].name);
            snprintf(specs[p].name + len, sizeof specs[p].name - len, "/%s", accept);
        }
        set[p] = true;
    }
    for (size_t p = 0; p < d && !rc; p++)
        if (!set[p])
            rc = cli_usage_error("negotiate", "party %s has no agent (--agent %s=STRATEGY)",
                                 parley_space_party_name(sp, p), parley_space_party_name(sp, p));
    free(set);
    return rc;
}

/* What negotiate writes, in any format. */
typedef struct result_view {
    const nego_input *in;
    const parley_agent_spec *specs;
    const parley_negotiate_options *opt;
    const parley_negotiation_result *res;
    long limit;
} result_view;

static void write_result_text(const void *view, FILE *fp)
{
    const result_view *v = view;
    write_text(fp, v->in->dom, v->specs, v->opt, v->res, v->limit);
}

static parley_status write_result_doc(const void *view, parley_doc_format format, FILE *fp,
                                      parley_error *err)
{
    const result_view *v = view;
    return parley_negotiation_result_dumpf(v->in->dom, v->specs, v->opt, v->res, format, fp, err);
}

int cmd_negotiate(int argc, char **argv)
{
    cli_common c;
    const char *file = NULL, *accept = NULL, *steps_arg = NULL, *deadline_arg = NULL,
               *max_arg = NULL, *limit_arg = NULL, *info_arg = NULL, *rounds_arg = NULL;
    parley_information info = PARLEY_INFO_PRIVATE;
    double rounds = 0;
    const char **genius = calloc((size_t)argc + 1, sizeof *genius);
    const char **args = calloc((size_t)argc + 1, sizeof *args);
    size_t n_genius = 0, n_args = 0, npos = 0;
    bool genius_given = false, all = false;
    double steps = 200, deadline = 0, limit = 60;
    parley_analysis_options aopt;
    parley_analysis_options_init(&aopt);
    int rc = 0;
    if (!genius || !args) {
        rc = CLI_EXIT_LIMIT;
        goto out;
    }
    const cli_option opts[] = {{"--genius", NULL, &genius_given, genius, &n_genius, true},
                               {"--agent", NULL, NULL, args, &n_args, false},
                               {"--accept", &accept, NULL, NULL, NULL, false},
                               {"--steps", &steps_arg, NULL, NULL, NULL, false},
                               {"--deadline", &deadline_arg, NULL, NULL, NULL, false},
                               {"--information", &info_arg, NULL, NULL, NULL, false},
                               {"--rounds", &rounds_arg, NULL, NULL, NULL, false},
                               {"--all", NULL, &all, NULL, NULL, false},
                               {"--max-outcomes", &max_arg, NULL, NULL, NULL, false},
                               {"--limit", &limit_arg, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    rc = cli_parse("negotiate", USAGE, argc, argv, &c, opts, &file, 1, &npos);
    if (rc) {
        rc = rc < 0 ? 0 : rc;
        goto out;
    }
    aopt.keep_irrational = all;
    if (genius_given && n_genius < 2)
        rc = cli_usage_error("negotiate", "--genius needs DOMAIN.xml and at least one PROFILE.xml");
    else if (steps_arg &&
             (!parse_positive(steps_arg, &steps) || steps > 1e6 || steps != floor(steps)))
        rc = cli_usage_error("negotiate", "--steps must be an integer from 1 to 1e6, not '%s'",
                             steps_arg);
    else if (deadline_arg && (!parse_positive(deadline_arg, &deadline) || deadline > 86400))
        rc = cli_usage_error("negotiate", "--deadline must be seconds in (0, 86400], not '%s'",
                             deadline_arg);
    else if (max_arg && !parse_positive(max_arg, &aopt.max_outcomes))
        rc = cli_usage_error("negotiate", "--max-outcomes must be a positive number, not '%s'",
                             max_arg);
    else if (limit_arg && (!parse_positive(limit_arg, &limit) || limit < 2))
        rc = cli_usage_error("negotiate", "--limit must be a number >= 2, not '%s'", limit_arg);
    else if (rounds_arg &&
             (!parse_positive(rounds_arg, &rounds) || rounds > 1e6 || rounds != floor(rounds)))
        rc = cli_usage_error("negotiate", "--rounds must be an integer from 1 to 1e6, not '%s'",
                             rounds_arg);
    else if ((deadline_arg != NULL) + (steps_arg != NULL) + (rounds_arg != NULL) > 1)
        rc = cli_usage_error("negotiate", "give one of --steps, --rounds and --deadline");
    else
        rc = nego_parse_information("negotiate", info_arg, &info);
    if (rc || (rc = nego_check_input("negotiate", USAGE, file, n_genius)))
        goto out;
    aopt.threads = c.threads;
    nego_input in;
    limits lim = {deadline > 0 ? 1e6 : steps, rounds, cli_max_memory(&c)};
    if ((rc = nego_input_load(&in, "negotiate", file, genius, n_genius, &aopt, c.quiet,
                              check_limits, &lim)) ||
        (rc = nego_prepare(&in, info, max_arg ? aopt.max_outcomes : 0)))
        goto done;
    size_t d = parley_space_party_count(in.sp);
    parley_agent_spec *specs = calloc(d, sizeof *specs);
    if (!specs) {
        rc = CLI_EXIT_LIMIT;
        goto done;
    }
    if ((rc = assign_agents(in.sp, args, n_args, accept, specs))) {
        free(specs);
        goto done;
    }
    parley_negotiate_options nopt;
    parley_negotiate_options_init(&nopt);
    nopt.steps = deadline > 0 ? 1000000 : (size_t)steps;
    nopt.deadline_seconds = deadline;
    nopt.seed = c.seed;
    nopt.information = info;
    nopt.rounds = (size_t)rounds;
    nopt.scenario = in.sc;
    parley_error err;
    parley_negotiation_result *res = parley_negotiate_run(in.dom, specs, &nopt, &err);
    if (!res) {
        rc = cli_fail(&err);
        free(specs);
        goto done;
    }
    static const cli_writers writers = {.text = write_result_text, .doc = write_result_doc};
    result_view v = {&in, specs, &nopt, res, (long)limit};
    rc = cli_emit(&c, &writers, &v);
    parley_negotiation_result_free(res);
    free(specs);
done:
    nego_input_free(&in);
out:
    free(args);
    free(genius);
    return rc;
}
