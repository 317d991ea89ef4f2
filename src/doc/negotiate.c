/*
 * doc/negotiate.c — the `parley negotiate` document (parley_negotiation_
 * result_dumpf/_dumps): one negotiation's outcome, every party's utility,
 * payoff and advantage, the distances to the frontier and the solutions,
 * and the trace; and the `parley tournament` document (parley_tournament_
 * result_dumpf/_dumps): scores per strategy, the versus matrix of two-party
 * tournaments, and with `runs` every negotiation.
 *
 * Parties are named by the outcome space's party names (a scenario's party
 * ids, a GENIUS profile's name). Field names and CSV columns:
 * docs/negotiate.md and docs/output.md.
 */
#include "doc/document.h"

#include <math.h>
#include <stdlib.h>

/* {"<issue>": "<value>", ...} of an outcome of sp. */
static void outcome(parleyp_jw *w, const parley_space *sp, const uint32_t *o)
{
    parleyp_jw_object(w);
    for (size_t i = 0; i < parley_space_issue_count(sp); i++)
        parleyp_jw_kstring(w, parley_space_issue_name(sp, i),
                           parley_space_value_label(sp, i, o[i]));
    parleyp_jw_close(w);
}

/* The parties' names, borrowed from sp; NULL without memory. */
static const char **party_names(const parley_space *sp)
{
    size_t d = parley_space_party_count(sp);
    const char **names = malloc((d ? d : 1) * sizeof *names);
    for (size_t p = 0; names && p < d; p++)
        names[p] = parley_space_party_name(sp, p);
    return names;
}

/* key: {"<party>": v[p], ...}: per-party values keyed as utilities are. */
static void per_party(parleyp_jw *w, const char *key, const char *const *names, const double *v,
                      size_t d)
{
    parleyp_jw_kobject(w, key);
    for (size_t p = 0; p < d; p++)
        parleyp_jw_knumber(w, names[p], v[p]);
    parleyp_jw_close(w);
}

static const char *information_name(parley_information info)
{
    return info == PARLEY_INFO_PRIVATE ? "private" : "full";
}

/* ---- negotiate ------------------------------------------------------------ */

typedef struct nego_ctx {
    const parley_nego_domain *dom;
    const parley_agent_spec *agents;
    const parley_negotiate_options *opt;
    const parley_negotiation_result *r;
} nego_ctx;

/* The opening every negotiation document shares: the scenario's what-ifs
 * (YAML input only) and the parties. */
static void doc_head(parleyp_jw *w, FILE *fp, const parley_scenario *sc, const char *const *names,
                     size_t d)
{
    parleyp_jw_init(w, fp);
    parleyp_jw_object(w);
    if (sc)
        parleyp_doc_overrides(w, sc);
    parleyp_jw_karray(w, "parties");
    for (size_t p = 0; p < d; p++)
        parleyp_jw_string(w, names[p]);
    parleyp_jw_close(w);
}

static int nego_json(const nego_ctx *c, FILE *fp)
{
    const parley_space *sp = parley_nego_domain_space(c->dom);
    const parley_analysis *an = parley_nego_domain_analysis(c->dom);
    const parley_negotiation_result *r = c->r;
    const parley_negotiate_options *o = c->opt;
    size_t d = r->n_parties;
    const char **names = party_names(sp);
    double *wa = malloc((d ? d : 1) * sizeof *wa);
    if (!names || !wa) {
        free(names);
        free(wa);
        return PARLEYP_DOC_NO_MEMORY;
    }
    for (size_t p = 0; p < d; p++)
        wa[p] = parley_nego_domain_walk_away(c->dom, p);
    parleyp_jw w;
    doc_head(&w, fp, c->opt->scenario, names, d);
    parleyp_jw_karray(&w, "agents");
    for (size_t p = 0; p < d; p++)
        parleyp_jw_string(&w, c->agents[p].name);
    parleyp_jw_close(&w);
    parleyp_jw_kstring(&w, "information", information_name(o->information));
    parleyp_jw_key(&w, "rounds");
    if (o->rounds)
        parleyp_jw_integer(&w, (long long)o->rounds);
    else
        parleyp_jw_null(&w);
    parleyp_jw_kinteger(&w, "max_steps", (long long)(o->rounds ? o->rounds * d : o->steps));
    parleyp_jw_kbool(&w, "agreed", r->agreed);
    parleyp_jw_key(&w, "agreement");
    if (r->agreed)
        outcome(&w, sp, r->agreement);
    else
        parleyp_jw_null(&w);
    parleyp_jw_kinteger(&w, "step", (long long)(r->steps ? r->steps - 1 : 0));
    parleyp_jw_knumber(&w, "time", r->time);
    parleyp_jw_kstring(&w, "ended_by", r->ended_by < 0 ? NULL : names[r->ended_by]);
    parleyp_doc_utilities_named(&w, names, r->utility, d);
    per_party(&w, "payoffs", names, r->payoff, d);
    per_party(&w, "advantages", names, r->advantage, d);
    per_party(&w, "walk_aways", names, wa, d);
    parleyp_jw_knumber(&w, "welfare", r->welfare);
    parleyp_jw_knumber(&w, "distance_to_frontier", r->dist_frontier);
    parleyp_jw_knumber(&w, "distance_to_nash", r->dist_nash);
    parleyp_jw_knumber(&w, "distance_to_kalai", r->dist_kalai);
    parleyp_jw_karray(&w, "nash");
    for (size_t j = 0; j < an->n_nash; j++) {
        parleyp_jw_object(&w);
        parleyp_doc_utilities_named(&w, names, an->frontier.utility + an->nash[j] * d, d);
        parleyp_jw_key(&w, "outcome");
        outcome(&w, sp, an->frontier.outcome + an->nash[j] * an->frontier.n_issues);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "trace");
    for (size_t k = 0; k < r->n_trace; k++) {
        const parley_trace_entry *e = &r->trace[k];
        parleyp_jw_object(&w);
        parleyp_jw_kinteger(&w, "step", (long long)e->step);
        parleyp_jw_knumber(&w, "time", e->time);
        parleyp_jw_kstring(&w, "party", names[e->party]);
        parleyp_jw_kstring(&w, "action", parley_action_name(e->action));
        parleyp_jw_key(&w, "outcome");
        if (e->offer >= 0) {
            outcome(&w, sp, r->offer_outcome + (size_t)e->offer * r->n_issues);
            parleyp_doc_utilities_named(&w, names, r->offer_utility + (size_t)e->offer * d, d);
        } else {
            parleyp_jw_null(&w);
            parleyp_jw_key(&w, "utilities");
            parleyp_jw_null(&w);
        }
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    free(names);
    free(wa);
    return parleyp_jw_end(&w);
}

static void nego_csv(const nego_ctx *c, FILE *fp)
{
    const parley_space *sp = parley_nego_domain_space(c->dom);
    const parley_negotiation_result *r = c->r;
    size_t d = r->n_parties, n = r->n_issues;
    fputs("step,time,party,action,", fp);
    for (size_t p = 0; p < d; p++)
        parleyp_csv_column(fp, "utility_", parley_space_party_name(sp, p), n == 0 && p + 1 == d);
    for (size_t i = 0; i < n; i++)
        parleyp_csv_column(fp, "issue_", parley_space_issue_name(sp, i), i + 1 == n);
    for (size_t k = 0; k < r->n_trace; k++) {
        const parley_trace_entry *e = &r->trace[k];
        bool offer = e->offer >= 0;
        fprintf(fp, "%zu,", e->step);
        parleyp_csv_number(fp, e->time, false);
        parleyp_csv_string(fp, parley_space_party_name(sp, e->party), false);
        parleyp_csv_string(fp, parley_action_name(e->action), false);
        for (size_t p = 0; p < d; p++)
            parleyp_csv_number(fp, offer ? r->offer_utility[(size_t)e->offer * d + p] : (double)NAN,
                               n == 0 && p + 1 == d);
        for (size_t i = 0; i < n; i++)
            parleyp_csv_string(
                fp,
                offer ? parley_space_value_label(sp, i, r->offer_outcome[(size_t)e->offer * n + i])
                      : NULL,
                i + 1 == n);
    }
}

static int nego_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        nego_csv(ctx, fp);
        return 0;
    }
    return nego_json(ctx, fp);
}

parley_status parley_negotiation_result_dumpf(const parley_nego_domain *dom,
                                              const parley_agent_spec *agents,
                                              const parley_negotiate_options *opt,
                                              const parley_negotiation_result *r,
                                              parley_doc_format format, FILE *fp, parley_error *err)
{
    parley_negotiate_options defaults;
    if (!opt) {
        parley_negotiate_options_init(&defaults);
        opt = &defaults;
    }
    nego_ctx c = {dom, agents, opt, r};
    return parleyp_doc_dumpf(nego_body, &c, format, fp, err);
}

char *parley_negotiation_result_dumps(const parley_nego_domain *dom,
                                      const parley_agent_spec *agents,
                                      const parley_negotiate_options *opt,
                                      const parley_negotiation_result *r, parley_doc_format format,
                                      parley_error *err)
{
    parley_negotiate_options defaults;
    if (!opt) {
        parley_negotiate_options_init(&defaults);
        opt = &defaults;
    }
    nego_ctx c = {dom, agents, opt, r};
    return parleyp_doc_dumps(nego_body, &c, format, err);
}

/* ---- tournament ------------------------------------------------------------ */

typedef struct tour_ctx {
    const parley_nego_domain *dom;
    const parley_agent_spec *st;
    const parley_tournament_options *opt;
    const parley_tournament_result *res;
    bool runs;
} tour_ctx;

static void score_fields(parleyp_jw *w, const parley_strategy_score *x)
{
    parleyp_jw_kinteger(w, "plays", (long long)x->plays);
    parleyp_jw_knumber(w, "mean_utility", x->mean_utility);
    parleyp_jw_knumber(w, "mean_advantage", x->mean_advantage);
    parleyp_jw_knumber(w, "agreement_rate", x->agreement_rate);
    parleyp_jw_knumber(w, "mean_welfare", x->mean_welfare);
    parleyp_jw_knumber(w, "mean_distance_to_frontier", x->mean_dist_frontier);
    parleyp_jw_knumber(w, "mean_distance_to_nash", x->mean_dist_nash);
    parleyp_jw_knumber(w, "mean_distance_to_kalai", x->mean_dist_kalai);
    parleyp_jw_knumber(w, "mean_time", x->mean_time);
}

static int tour_json(const tour_ctx *c, FILE *fp)
{
    const parley_space *sp = parley_nego_domain_space(c->dom);
    const parley_tournament_result *res = c->res;
    const parley_tournament_options *o = c->opt;
    size_t d = res->n_parties, k = res->n_strategies;
    const char **names = party_names(sp);
    double *m = d == 2 ? malloc((k > 0 ? k * k : 1) * sizeof *m) : NULL;
    if (!names || (d == 2 && !m) || (m && parley_tournament_versus(res, m, NULL) != PARLEY_OK)) {
        free(names);
        free(m);
        return PARLEYP_DOC_NO_MEMORY;
    }
    parleyp_jw w;
    doc_head(&w, fp, c->opt->scenario, names, d);
    parleyp_jw_karray(&w, "strategies");
    for (size_t s = 0; s < k; s++)
        parleyp_jw_string(&w, c->st[s].name);
    parleyp_jw_close(&w);
    parleyp_jw_kinteger(&w, "reps", (long long)res->reps);
    parleyp_jw_kstring(&w, "information", information_name(o->information));
    parleyp_jw_key(&w, "rounds");
    if (o->rounds)
        parleyp_jw_integer(&w, (long long)o->rounds);
    else
        parleyp_jw_null(&w);
    parleyp_jw_kinteger(&w, "steps", (long long)o->steps);
    parleyp_jw_kinteger(&w, "seed", (long long)o->seed);
    parleyp_jw_kinteger(&w, "negotiations", (long long)res->n_runs);
    parleyp_jw_knumber(&w, "agreement_rate", res->agreement_rate);
    parleyp_jw_karray(&w, "scores");
    for (size_t s = 0; s < k; s++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "strategy", c->st[s].name);
        score_fields(&w, &res->scores[s]);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    if (m) {
        parleyp_jw_karray(&w, "versus");
        for (size_t i = 0; i < k; i++) {
            parleyp_jw_array(&w);
            for (size_t j = 0; j < k; j++)
                parleyp_jw_number(&w, m[i * k + j]);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
    }
    if (c->runs) {
        parleyp_jw_karray(&w, "runs");
        for (size_t r = 0; r < res->n_runs; r++) {
            const parley_tournament_run *x = &res->runs[r];
            parleyp_jw_object(&w);
            parleyp_jw_karray(&w, "agents");
            for (size_t p = 0; p < d; p++)
                parleyp_jw_string(&w,
                                  c->st[parley_tournament_strategy(res, x->assignment, p)].name);
            parleyp_jw_close(&w);
            parleyp_jw_kinteger(&w, "rep", (long long)x->rep);
            parleyp_jw_kbool(&w, "agreed", x->agreed);
            parleyp_jw_kinteger(&w, "step", (long long)(x->steps ? x->steps - 1 : 0));
            parleyp_jw_knumber(&w, "time", x->time);
            per_party(&w, "payoffs", names, res->payoff + r * d, d);
            parleyp_jw_knumber(&w, "welfare", x->welfare);
            parleyp_jw_knumber(&w, "distance_to_frontier", x->dist_frontier);
            parleyp_jw_knumber(&w, "distance_to_nash", x->dist_nash);
            parleyp_jw_knumber(&w, "distance_to_kalai", x->dist_kalai);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    free(names);
    free(m);
    return parleyp_jw_end(&w);
}

static void tour_csv(const tour_ctx *c, FILE *fp)
{
    const parley_space *sp = parley_nego_domain_space(c->dom);
    const parley_tournament_result *res = c->res;
    size_t d = res->n_parties;
    if (!c->runs) {
        fputs("strategy,plays,mean_utility,mean_advantage,agreement_rate,mean_welfare,"
              "mean_distance_to_frontier,mean_distance_to_nash,mean_distance_to_kalai,mean_time\n",
              fp);
        for (size_t s = 0; s < res->n_strategies; s++) {
            const parley_strategy_score *x = &res->scores[s];
            parleyp_csv_string(fp, c->st[s].name, false);
            fprintf(fp, "%zu,", x->plays);
            parleyp_csv_number(fp, x->mean_utility, false);
            parleyp_csv_number(fp, x->mean_advantage, false);
            parleyp_csv_number(fp, x->agreement_rate, false);
            parleyp_csv_number(fp, x->mean_welfare, false);
            parleyp_csv_number(fp, x->mean_dist_frontier, false);
            parleyp_csv_number(fp, x->mean_dist_nash, false);
            parleyp_csv_number(fp, x->mean_dist_kalai, false);
            parleyp_csv_number(fp, x->mean_time, true);
        }
        return;
    }
    for (size_t p = 0; p < d; p++)
        parleyp_csv_column(fp, "agent_", parley_space_party_name(sp, p), false);
    fputs("rep,agreed,step,time,welfare,distance_to_frontier,distance_to_nash,distance_to_kalai,",
          fp);
    for (size_t p = 0; p < d; p++)
        parleyp_csv_column(fp, "payoff_", parley_space_party_name(sp, p), p + 1 == d);
    for (size_t r = 0; r < res->n_runs; r++) {
        const parley_tournament_run *x = &res->runs[r];
        for (size_t p = 0; p < d; p++)
            parleyp_csv_string(fp, c->st[parley_tournament_strategy(res, x->assignment, p)].name,
                               false);
        fprintf(fp, "%zu,", x->rep);
        parleyp_csv_bool(fp, x->agreed, false);
        fprintf(fp, "%zu,", x->steps ? x->steps - 1 : 0);
        parleyp_csv_number(fp, x->time, false);
        parleyp_csv_number(fp, x->welfare, false);
        parleyp_csv_number(fp, x->dist_frontier, false);
        parleyp_csv_number(fp, x->dist_nash, false);
        parleyp_csv_number(fp, x->dist_kalai, false);
        for (size_t p = 0; p < d; p++)
            parleyp_csv_number(fp, res->payoff[r * d + p], p + 1 == d);
    }
}

static int tour_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    if (format == PARLEY_DOC_CSV) {
        tour_csv(ctx, fp);
        return 0;
    }
    return tour_json(ctx, fp);
}

parley_status parley_tournament_result_dumpf(const parley_nego_domain *dom,
                                             const parley_agent_spec *strategies,
                                             const parley_tournament_options *opt,
                                             const parley_tournament_result *res, bool runs,
                                             parley_doc_format format, FILE *fp, parley_error *err)
{
    parley_tournament_options defaults;
    if (!opt) {
        parley_tournament_options_init(&defaults);
        opt = &defaults;
    }
    tour_ctx c = {dom, strategies, opt, res, runs};
    return parleyp_doc_dumpf(tour_body, &c, format, fp, err);
}

char *parley_tournament_result_dumps(const parley_nego_domain *dom,
                                     const parley_agent_spec *strategies,
                                     const parley_tournament_options *opt,
                                     const parley_tournament_result *res, bool runs,
                                     parley_doc_format format, parley_error *err)
{
    parley_tournament_options defaults;
    if (!opt) {
        parley_tournament_options_init(&defaults);
        opt = &defaults;
    }
    tour_ctx c = {dom, strategies, opt, res, runs};
    return parleyp_doc_dumps(tour_body, &c, format, err);
}
