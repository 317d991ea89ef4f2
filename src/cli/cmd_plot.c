/*
 * cli/cmd_plot.c — `parley plot KIND FILE -o OUT.svg|.png|.pdf`: one chart
 * of a result as a file (parley/plot.h draws it with PLplot). Each kind
 * runs the library steps of its command (score, diff, frontier, mediate,
 * forecast, negotiate, stability), builds the chart and writes the bytes
 * through cli_out, so a failure leaves no file. The format follows the
 * extension of -o; bad input is refused before anything is computed.
 */
#include "parley.h"
#include "cli.h"
#include "commands.h"
#include "negotiate_cmd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: parley plot KIND FILE -o OUT.svg|OUT.png|OUT.pdf [options]\n"
    "Draws one chart of a result; the format follows the extension of -o.\n"
    "KIND:\n"
    "  onboard    each party's utility per plan against its walk-away, on-board share\n"
    "             and reported stances (--plan ID ...; default every plan)\n"
    "  diff       each changed point's effect on each party (--plan A --plan B;\n"
    "             default the last plan against the one it is based on)\n"
    "  frontier   the Pareto frontier, bargaining solutions, walk-aways and plans\n"
    "             (FILE: a scenario or a GENIUS domain folder)\n"
    "  mediate    utilities round by round (--plan ID, default the last;\n"
    "             --concept nash|kalai|ks|welfare; --rounds N)\n"
    "  forecast   positions per turn on each issue, the forecast and the other\n"
    "             models' (FILE or --ktab FILE.csv|FILE.xml; --model smp|eum|compromise|median;\n"
    "             --runs N Monte Carlo bands, default 200 when the scenario has uncertainty:)\n"
    "  trace      a negotiation's offers in utility space and over time (FILE: a\n"
    "             scenario or a GENIUS domain folder; --agent PARTY=STRATEGY, default\n"
    "             boulware; --steps N; --information private|full)\n"
    "  stability  states stable per concept and decision maker (FILE: a scenario with\n"
    "             conflict: or a GMCR+ .gmcr/.json file)\n"
    "options:\n"
    "  -o FILE    the chart: .svg, .png (200 dpi) or .pdf\n"
    "  --seed N --threads N --max-memory SIZE --quiet\n";

typedef struct plot_args {
    cli_common c;
    const char *kind, *file, *ktab, *model, *concept, *rounds, *runs, *steps, *info;
    const char **plans, **agents;
    size_t n_plans, n_agents;
} plot_args;

static int kind_onboard(const plot_args *a, parley_chart **out);
static int kind_diff(const plot_args *a, parley_chart **out);
static int kind_frontier(const plot_args *a, parley_chart **out);
static int kind_mediate(const plot_args *a, parley_chart **out);
static int kind_forecast(const plot_args *a, parley_chart **out);
static int kind_trace(const plot_args *a, parley_chart **out);
static int kind_stability(const plot_args *a, parley_chart **out);

/* Each kind and the options of its own it takes (any other is refused). */
static const struct {
    const char *name;
    int (*build)(const plot_args *a, parley_chart **out);
    const char *options;
} KINDS[] = {{"onboard", kind_onboard, "--plan"},
             {"diff", kind_diff, "--plan"},
             {"frontier", kind_frontier, ""},
             {"mediate", kind_mediate, "--plan --concept --rounds"},
             {"forecast", kind_forecast, "--ktab --model --runs"},
             {"trace", kind_trace, "--agent --steps --information"},
             {"stability", kind_stability, ""}};

/* An option given that kind k does not take: its name, or NULL. */
static const char *stray_option(const plot_args *a, size_t k)
{
    const struct {
        const char *name;
        bool given;
    } given[] = {{"--plan", a->n_plans > 0},        {"--agent", a->n_agents > 0},
                 {"--ktab", a->ktab != NULL},       {"--model", a->model != NULL},
                 {"--concept", a->concept != NULL}, {"--rounds", a->rounds != NULL},
                 {"--runs", a->runs != NULL},       {"--steps", a->steps != NULL},
                 {"--information", a->info != NULL}};
    for (size_t i = 0; i < sizeof given / sizeof given[0]; i++) {
        const char *at = strstr(KINDS[k].options, given[i].name);
        size_t n = strlen(given[i].name);
        if (given[i].given && !(at && (at[n] == ' ' || at[n] == '\0')))
            return given[i].name;
    }
    return NULL;
}

/* ---- the kinds ------------------------------------------------------------ */

static long plan_arg(const parley_scenario *sc, const char *id, int *rc)
{
    long p = id ? parley_plan_find(sc, id) : (long)sc->n_plans - 1;
    if (p < 0)
        *rc = id ? cli_usage_error("plot", "%s: no plan '%s'", sc->file, id)
                 : cli_usage_error("plot", "%s: the scenario has no plans", sc->file);
    return p;
}

static int kind_onboard(const plot_args *a, parley_chart **out)
{
    int rc = 0;
    parley_scenario *sc = cli_load_scenario(a->file, a->c.quiet, &rc);
    if (!sc)
        return rc;
    size_t n = a->n_plans ? a->n_plans : sc->n_plans;
    parley_score *s = calloc(n ? n : 1, sizeof *s);
    parley_error err;
    size_t done = 0;
    if (!n)
        rc = cli_usage_error("plot", "%s: the scenario has no plans", a->file);
    for (; s && !rc && done < n; done++) {
        long p = a->n_plans ? plan_arg(sc, a->plans[done], &rc) : (long)done;
        if (!rc && parley_plan_score(sc, (size_t)p, &s[done], &err))
            rc = cli_fail(&err);
        if (rc)
            break;
    }
    if (!s)
        rc = CLI_EXIT_LIMIT;
    if (!rc && !(*out = parley_chart_onboard(sc, s, n, &err)))
        rc = cli_fail(&err);
    for (size_t k = 0; s && k < done; k++)
        parley_score_free(&s[k]);
    free(s);
    parley_scenario_free(sc);
    return rc;
}

static int kind_diff(const plot_args *a, parley_chart **out)
{
    int rc = 0;
    if (a->n_plans != 0 && a->n_plans != 2)
        return cli_usage_error("plot", "diff takes two --plan options (A and B) or none");
    parley_scenario *sc = cli_load_scenario(a->file, a->c.quiet, &rc);
    if (!sc)
        return rc;
    long pa, pb = plan_arg(sc, a->n_plans ? a->plans[1] : NULL, &rc);
    if (!rc && a->n_plans)
        pa = plan_arg(sc, a->plans[0], &rc);
    else if (!rc && (pa = sc->plans[pb].based_on) < 0)
        rc = cli_usage_error("plot", "%s: plan %s is based on no other; give --plan A --plan B",
                             a->file, sc->plans[pb].id);
    parley_diff d;
    parley_error err;
    if (!rc && parley_plans_diff(sc, (size_t)pa, (size_t)pb, &d, &err) == PARLEY_OK) {
        if (!(*out = parley_chart_diff(sc, &d, &err)))
            rc = cli_fail(&err);
        parley_diff_free(&d);
    } else if (!rc) {
        rc = cli_fail(&err);
    }
    parley_scenario_free(sc);
    return rc;
}

static int kind_frontier(const plot_args *a, parley_chart **out)
{
    parley_analysis_options opt;
    parley_analysis_options_init(&opt);
    opt.threads = a->c.threads;
    opt.skip_zone = true;
    nego_input in;
    int rc = nego_input_load(&in, "plot", a->file, NULL, 0, &opt, a->c.quiet, NULL, NULL);
    parley_error err;
    if (!rc &&
        !(*out = parley_chart_frontier(in.sp, parley_nego_domain_analysis(in.dom), in.sc, &err)))
        rc = cli_fail(&err);
    nego_input_free(&in);
    return rc;
}

static int kind_mediate(const plot_args *a, parley_chart **out)
{
    static const char *CONCEPTS[] = {"nash", "kalai", "ks", "welfare"};
    size_t k = 0;
    while (a->concept && k < 4 && strcmp(a->concept, CONCEPTS[k]))
        k++;
    if (k == 4)
        return cli_usage_error("plot", "--concept must be nash, kalai, ks or welfare");
    char *end = NULL;
    long rounds = a->rounds ? strtol(a->rounds, &end, 10) : 50;
    if (a->rounds && (*end || !*a->rounds || rounds < 1 || rounds > 100000))
        return cli_usage_error("plot", "--rounds must be 1 to 100000, not '%s'", a->rounds);
    if (a->n_plans > 1)
        return cli_usage_error("plot", "mediate starts from one --plan");
    int rc = 0;
    parley_scenario *sc = cli_load_scenario(a->file, a->c.quiet, &rc);
    if (!sc)
        return rc;
    long plan = plan_arg(sc, a->n_plans ? a->plans[0] : NULL, &rc);
    parley_error err;
    parley_analysis *an = NULL;
    parley_mediation m;
    if (!rc && (!(an = parley_mediation_analysis(sc, a->c.threads, &err)) ||
                parley_mediation_run(sc, (size_t)plan, (parley_mediate_concept)k, (size_t)rounds,
                                     an, &m, &err))) {
        rc = cli_fail(&err);
    } else if (!rc) {
        if (!(*out = parley_chart_mediate(sc, (size_t)plan, (parley_mediate_concept)k, &m, &err)))
            rc = cli_fail(&err);
        parley_mediation_free(&m);
    }
    parley_analysis_free(an);
    parley_scenario_free(sc);
    return rc;
}

/* EUM is cubic in the actors with a large constant (160 actors: ~5 s of
 * CPU): beside another model it is drawn up to this many. */
#define EUM_BESIDE_MAX_ACTORS 80

static int kind_forecast(const plot_args *a, parley_chart **out)
{
    parley_fc_options o;
    parley_fc_options_default(&o);
    if (a->c.seed_given)
        o.seed = (uint64_t)a->c.seed;
    o.threads = a->c.threads;
    int m = a->model ? parley_fc_model_from_name(a->model) : PARLEY_FC_SMP;
    if (m < 0)
        return cli_usage_error("plot", "--model must be smp, eum, compromise or median");
    o.model = (parley_fc_model)m;
    char *end = NULL;
    long runs = a->runs ? strtol(a->runs, &end, 10) : -1;
    if (a->runs && (*end || !*a->runs || runs < 0 || runs > 100000))
        return cli_usage_error("plot", "--runs must be 0 to 100000, not '%s'", a->runs);
    if (!!a->file == !!a->ktab)
        return cli_usage_error("plot", "forecast takes FILE or --ktab FILE");
    parley_error err;
    parley_fc_scenario *fs = NULL;
    int rc = 0;
    bool uncertain = false;
    if (a->ktab) {
        if ((rc = cli_overrides_refuse("plot", "a KTAB file")))
            return rc;
        if (!(fs = parley_fc_read_ktab(a->ktab, &err)) ||
            parley_fc_options_merge(&o, fs, NULL, 0, a->c.seed_given, &err)) {
            parley_fc_scenario_free(fs);
            return cli_fail(&err);
        }
        parley_fc_scenario_set_ranges(fs, NULL, NAN, NAN, NAN);
    } else {
        parley_scenario *ps = cli_load_scenario(a->file, a->c.quiet, &rc);
        if (!ps)
            return rc;
        uncertain =
            isfinite(ps->unc_position) || isfinite(ps->unc_salience) || isfinite(ps->unc_power);
        if ((fs = parley_fc_from_scenario(ps, &err)))
            parley_fc_scenario_set_ranges(fs, ps, NAN, NAN, NAN);
        parley_scenario_free(ps);
        if (!fs)
            return cli_fail(&err);
    }
    if (runs < 0)
        runs = uncertain ? 200 : 0;
    parley_fc_cost cost;
    parley_fc_estimate(fs, &o, (size_t)runs + 4, &cost);
    if (cost.bytes > (double)cli_max_memory(&a->c)) {
        parley_fc_scenario_free(fs);
        return cli_over_limit("plot", "the forecasts", cost.bytes, (double)cli_max_memory(&a->c),
                              "--max-memory", true);
    }
    /* the forecast, then the other models' beside it (SMP only as the main one) */
    parley_fc_result *r = parley_forecast_run(fs, &o, &err), *others[3] = {NULL, NULL, NULL};
    size_t n_others = 0;
    bool ok = r != NULL;
    for (int k = PARLEY_FC_EUM; ok && k <= PARLEY_FC_MEDIAN; k++) {
        if (k == (int)o.model)
            continue;
        if (k == PARLEY_FC_EUM && fs->n_actors > EUM_BESIDE_MAX_ACTORS) {
            if (!a->c.quiet)
                fprintf(stderr,
                        "parley plot: the EUM forecast is left out beside the %s one: %zu "
                        "actors (it takes seconds beyond %d; --model eum draws it)\n",
                        parley_fc_model_name(o.model), fs->n_actors, EUM_BESIDE_MAX_ACTORS);
            continue;
        }
        parley_fc_options ko = o;
        ko.model = (parley_fc_model)k;
        ok = (others[n_others++] = parley_forecast_run(fs, &ko, &err)) != NULL;
    }
    parley_fc_mc *mc = NULL;
    if (ok && runs > 0)
        ok = (mc = parley_fc_monte_carlo(fs, &o, (size_t)runs, NULL, NULL, &err)) != NULL;
    if (!ok || !(*out = parley_chart_forecast(fs, r, (const parley_fc_result *const *)others,
                                              n_others, mc, &err)))
        rc = cli_fail(&err);
    for (size_t k = 0; k < n_others; k++)
        parley_fc_result_free(others[k]);
    parley_fc_mc_free(mc);
    parley_fc_result_free(r);
    parley_fc_scenario_free(fs);
    return rc;
}

static int kind_trace(const plot_args *a, parley_chart **out)
{
    parley_information info;
    int rc = nego_parse_information("plot", a->info, &info);
    char *end = NULL;
    long steps = a->steps ? strtol(a->steps, &end, 10) : 200;
    if (!rc && a->steps && (*end || !*a->steps || steps < 1 || steps > 1000000))
        rc =
            cli_usage_error("plot", "--steps must be an integer from 1 to 1e6, not '%s'", a->steps);
    if (rc)
        return rc;
    parley_analysis_options opt;
    parley_analysis_options_init(&opt);
    opt.threads = a->c.threads;
    opt.skip_zone = true;
    nego_input in;
    if ((rc = nego_input_load(&in, "plot", a->file, NULL, 0, &opt, a->c.quiet, NULL, NULL)) ||
        (rc = nego_prepare(&in, info, 0))) {
        nego_input_free(&in);
        return rc;
    }
    size_t np = parley_space_party_count(in.sp);
    parley_agent_spec *specs = calloc(np, sizeof *specs);
    const char **names = calloc(np, sizeof *names);
    parley_error err;
    for (size_t p = 0; specs && names && p < np && !rc; p++)
        if (parley_agent_spec_parse("boulware", "--agent", &specs[p], &err))
            rc = cli_fail(&err);
    for (size_t k = 0; specs && names && k < a->n_agents && !rc; k++) {
        const char *eq = strchr(a->agents[k], '=');
        char party[128];
        snprintf(party, sizeof party, "%.*s", eq ? (int)(eq - a->agents[k]) : 0, a->agents[k]);
        long p = eq ? nego_party_find(in.sp, party) : (long)k;
        if (p < 0 || (size_t)p >= np)
            rc = cli_usage_error("plot", "--agent %s: no such party", a->agents[k]);
        else if (parley_agent_spec_parse(eq ? eq + 1 : a->agents[k], "--agent", &specs[p], &err))
            rc = cli_fail(&err);
    }
    parley_negotiation_result *res = NULL;
    if (!specs || !names) {
        rc = CLI_EXIT_LIMIT;
    } else if (!rc) {
        for (size_t p = 0; p < np; p++)
            names[p] = specs[p].name;
        parley_negotiate_options nopt;
        parley_negotiate_options_init(&nopt);
        nopt.steps = (size_t)steps;
        nopt.seed = a->c.seed;
        nopt.information = info;
        if (!(res = parley_negotiate_run(in.dom, specs, &nopt, &err)) ||
            !(*out = parley_chart_trace(in.dom, res, names, &err)))
            rc = cli_fail(&err);
    }
    parley_negotiation_result_free(res);
    free(specs);
    free(names);
    nego_input_free(&in);
    return rc;
}

static int kind_stability(const plot_args *a, parley_chart **out)
{
    int refused = cli_overrides_refuse("plot", "a conflict (stability takes no what-ifs)");
    if (refused)
        return refused;
    size_t n = strlen(a->file);
    bool json = (n > 5 && !strcmp(a->file + n - 5, ".json")) ||
                (n > 5 && !strcmp(a->file + n - 5, ".gmcr"));
    parley_error err;
    parley_conflict *c =
        json ? parley_conflict_load_json(a->file, &err) : parley_conflict_load_yaml(a->file, &err);
    if (!c)
        return cli_fail(&err);
    parley_stability_options so = {NULL, false, a->c.threads};
    parley_stability_cost cost;
    parley_stability_estimate(c, &so, &cost);
    int rc = 0;
    parley_stability *s = NULL;
    if (cost.bytes > (double)cli_max_memory(&a->c))
        rc = cli_over_limit("plot", "the stability analysis", cost.bytes,
                            (double)cli_max_memory(&a->c), "--max-memory", true);
    else if (!(s = parley_stability_solve(c, &so, &err)) ||
             !(*out = parley_chart_stability(c, s, &err)))
        rc = cli_fail(&err);
    parley_stability_free(s);
    parley_conflict_free(c);
    return rc;
}

/* ---- the command ------------------------------------------------------------ */

static int write_chart(const parley_chart *chart, const char *path)
{
    parley_error err;
    size_t len = 0;
    unsigned char *bytes = parley_chart_render(chart, parley_chart_format_of(path), &len, &err);
    if (!bytes)
        return cli_fail(&err);
    cli_out out;
    int rc = cli_out_open(&out, path);
    if (!rc) {
        if (fwrite(bytes, 1, len, out.fp) != len) {
            rc = cli_out_commit(&out); /* reports the write error, removes the file */
            rc = rc ? rc : CLI_EXIT_OUTPUT;
        } else {
            rc = cli_out_commit(&out);
        }
    }
    free(bytes);
    return rc;
}

int cmd_plot(int argc, char **argv)
{
    plot_args a;
    memset(&a, 0, sizeof a);
    a.plans = calloc((size_t)argc + 1, sizeof *a.plans);
    a.agents = calloc((size_t)argc + 1, sizeof *a.agents);
    const char *pos[2] = {NULL, NULL};
    size_t npos = 0;
    int rc = 0;
    if (!a.plans || !a.agents) {
        rc = CLI_EXIT_LIMIT;
        goto out;
    }
    const cli_option opts[] = {{"--plan", NULL, NULL, a.plans, &a.n_plans, false},
                               {"--agent", NULL, NULL, a.agents, &a.n_agents, false},
                               {"--ktab", &a.ktab, NULL, NULL, NULL, false},
                               {"--model", &a.model, NULL, NULL, NULL, false},
                               {"--concept", &a.concept, NULL, NULL, NULL, false},
                               {"--rounds", &a.rounds, NULL, NULL, NULL, false},
                               {"--runs", &a.runs, NULL, NULL, NULL, false},
                               {"--steps", &a.steps, NULL, NULL, NULL, false},
                               {"--information", &a.info, NULL, NULL, NULL, false},
                               {NULL, NULL, NULL, NULL, NULL, false}};
    rc = cli_parse("plot", USAGE, argc, argv, &a.c, opts, pos, 2, &npos);
    if (rc) {
        rc = rc < 0 ? 0 : rc;
        goto out;
    }
    a.kind = pos[0];
    a.file = pos[1];
    size_t k = 0, nk = sizeof KINDS / sizeof KINDS[0];
    while (a.kind && k < nk && strcmp(a.kind, KINDS[k].name))
        k++;
    if (!a.kind || k == nk)
        rc = cli_usage_error("plot",
                             "%s%s%s: KIND must be onboard, diff, frontier, mediate, "
                             "forecast, trace or stability\n%s",
                             a.kind ? "unknown kind '" : "missing KIND", a.kind ? a.kind : "",
                             a.kind ? "'" : "", USAGE);
    else if (!a.c.output || !strcmp(a.c.output, "-"))
        rc = cli_usage_error("plot", "needs -o OUT.svg, OUT.png or OUT.pdf");
    else if (!parley_chart_format_of(a.c.output))
        rc =
            cli_usage_error("plot", "%s: the file name must end in .svg, .png or .pdf", a.c.output);
    else if (a.c.format != CLI_FORMAT_TEXT)
        rc = cli_usage_error("plot", "--format: the chart's format follows -o's extension");
    else if (stray_option(&a, k))
        rc = cli_usage_error("plot", "%s does not apply to plot %s", stray_option(&a, k), a.kind);
    else if (!a.file && !(k == 4 && a.ktab))
        rc = cli_usage_error("plot", "missing FILE\n%s", USAGE);
    if (rc)
        goto out;
    parley_chart *chart = NULL;
    double start = cli_clock();
    if (!(rc = KINDS[k].build(&a, &chart))) {
        double built = cli_clock();
        rc = write_chart(chart, a.c.output);
        if (!rc && !a.c.quiet && getenv("PARLEY_PLOT_TIMES"))
            fprintf(stderr, "parley plot %s: computed in %.3f s, drawn in %.3f s\n", a.kind,
                    built - start, cli_clock() - built);
    }
    parley_chart_free(chart);
out:
    free(a.plans);
    free(a.agents);
    return rc;
}
