/*
 * report/data.c — every analysis the report shows, run once, before the
 * document is written (so a failure leaves nothing half written): scores
 * and diffs of every plan version, the frontier and solution packages
 * (computed one time and handed to the mediation), the concessions, the
 * forecasts and the stability results.
 *
 * Each analysis is what the matching command computes with its defaults,
 * so the report's numbers are the commands' numbers: `score --plan ID`,
 * `diff A B`, `frontier`, `concede --plan P --for X --keep-all`, `mediate
 * --plan P`, `forecast --model M`, `forecast --runs N`, `stability`.
 * A part that cannot run on this scenario (a resource limit, no positions,
 * no conflict) is left out with its reason; a bad option or a bug fails.
 */
#include "report/report_impl.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Monte Carlo and stability requests above this much work are left out
 * (the commands' default --max-work). */
#define RP_MAX_WORK 2e10

static void progress(const rp_data *d, double done)
{
    if (d->opt->progress)
        d->opt->progress(d->opt->progress_ctx, done);
}

/* Turns a failure of an optional part into its reason; returns true when
 * the failure must stop the report (anything but a limit or an input the
 * part cannot use). */
static bool optional_failure(const parley_error *e, char *why, size_t n)
{
    snprintf(why, n, "%s", e->message);
    return e->code != PARLEY_ERR_LIMIT && e->code != PARLEY_ERR_INPUT &&
           e->code != PARLEY_ERR_NO_ANSWER;
}

static parley_status plans(rp_data *d, parley_error *err)
{
    const parley_scenario *sc = d->sc;
    if (!sc->n_plans)
        return PARLEY_OK;
    d->score = calloc(sc->n_plans, sizeof *d->score);
    d->diff = calloc(sc->n_plans, sizeof *d->diff);
    if (!d->score || !d->diff)
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    for (size_t k = 0; k < sc->n_plans; k++) {
        parley_status st = parley_plan_score(sc, k, &d->score[k], err);
        if (!st && sc->plans[k].based_on >= 0)
            st = parley_plans_diff(sc, (size_t)sc->plans[k].based_on, k, &d->diff[k], err);
        if (st)
            return st;
    }
    return PARLEY_OK;
}

static parley_status stances(rp_data *d, parley_error *err)
{
    if (!d->sc->n_stances)
        return PARLEY_OK;
    if (!(d->stance = calloc(d->sc->n_stances, sizeof *d->stance)))
        return parley_error_set(err, PARLEY_ERR_LIMIT, d->sc->file, 0, 0, NULL, "out of memory");
    return parley_stances_check(d->sc, d->stance, err);
}

/* The frontier, once: `parley frontier`'s analysis (zone of agreement
 * included), later handed to the mediation. */
static parley_status frontier(rp_data *d, parley_error *err)
{
    parley_error e;
    parley_error_clear(&e);
    if ((d->sp = parley_space_from_scenario(d->sc, &e))) {
        parley_analysis_options o;
        parley_analysis_options_init(&o);
        o.threads = d->opt->threads;
        d->an = parley_analysis_run(d->sp, &o, &e);
    }
    if (d->an)
        return PARLEY_OK;
    if (optional_failure(&e, d->an_why, sizeof d->an_why)) {
        *err = e;
        return e.code;
    }
    return PARLEY_OK;
}

static parley_status take(rp_data *d, parley_error *err)
{
    const parley_scenario *sc = d->sc;
    size_t np = sc->n_parties;
    d->concede = calloc(np, sizeof *d->concede);
    d->conceded = calloc(np, sizeof *d->conceded);
    bool *keep = calloc(np, sizeof *keep);
    parley_status st = PARLEY_OK;
    if (!d->concede || !d->conceded || !keep) {
        free(keep);
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    }
    for (size_t j = 0; j < np && !st; j++) {
        if (d->score[d->focus].party[j].above)
            continue;
        for (size_t k = 0; k < np; k++)
            keep[k] = k != j; /* concede --keep-all */
        parley_concede_request rq = {
            .plan = d->focus, .target = j, .keep = keep, .objective = PARLEY_CONCEDE_POINTS};
        parley_error e;
        parley_error_clear(&e);
        if (parley_concede_run(sc, &rq, &d->concede[j], &e)) {
            if (optional_failure(&e, d->take_why, sizeof d->take_why)) {
                *err = e;
                st = e.code;
            }
            continue;
        }
        d->conceded[j] = true;
    }
    free(keep);
    if (st || !d->an)
        return st;
    size_t rounds = d->opt->mediate_rounds ? d->opt->mediate_rounds : 50;
    st = parley_mediation_run(sc, d->focus, PARLEY_MEDIATE_NASH, rounds, d->an, &d->med, err);
    d->mediated = st == PARLEY_OK;
    return st;
}

static bool has_uncertainty(const parley_scenario *sc)
{
    return !isnan(sc->unc_position) || !isnan(sc->unc_salience) || !isnan(sc->unc_power);
}

static parley_status forecast(rp_data *d, parley_error *err)
{
    parley_error e;
    parley_error_clear(&e);
    if (!(d->fsc = parley_fc_from_scenario(d->sc, &e))) {
        if (optional_failure(&e, d->fc_why, sizeof d->fc_why)) {
            *err = e;
            return e.code;
        }
        return PARLEY_OK;
    }
    parley_fc_scenario_set_ranges(d->fsc, d->sc, NAN, NAN, NAN);
    parley_fc_options_default(&d->fopt);
    d->fopt.threads = d->opt->threads;
    if (d->opt->seed)
        d->fopt.seed = (uint64_t)d->opt->seed;
    for (int m = 0; m < 4; m++) {
        d->fopt.model = (parley_fc_model)m;
        parley_fc_cost cost;
        parley_fc_estimate(d->fsc, &d->fopt, 0, &cost);
        if (cost.work > RP_MAX_WORK) {
            snprintf(d->fc_why, sizeof d->fc_why,
                     "a %s forecast of %zu actors would take over %.0e steps",
                     parley_fc_model_name((parley_fc_model)m), d->fsc->n_actors, RP_MAX_WORK);
            continue;
        }
        if (!(d->fc[m] = parley_forecast_run(d->fsc, &d->fopt, err)))
            return err->code;
    }
    d->fopt.model = PARLEY_FC_SMP;
    if (!has_uncertainty(d->sc) || !d->fc[PARLEY_FC_SMP])
        return PARLEY_OK;
    d->mc_runs = d->opt->mc_runs ? d->opt->mc_runs : 200;
    parley_fc_cost cost;
    parley_fc_estimate(d->fsc, &d->fopt, d->mc_runs, &cost);
    if (cost.work > RP_MAX_WORK)
        return PARLEY_OK; /* the section says the bands are left out */
    d->mc = parley_fc_monte_carlo(d->fsc, &d->fopt, d->mc_runs, NULL, NULL, err);
    return d->mc ? PARLEY_OK : err->code;
}

static parley_status stability(rp_data *d, parley_error *err)
{
    const parley_conflict *c = d->conflict;
    d->sq = -1;
    if (!c) {
        snprintf(d->st_why, sizeof d->st_why, "the scenario has no conflict: section");
        return PARLEY_OK;
    }
    parley_stability_options so = {NULL, false, d->opt->threads};
    parley_stability_cost cost;
    parley_stability_estimate(c, &so, &cost);
    if (cost.work > RP_MAX_WORK) {
        snprintf(d->st_why, sizeof d->st_why,
                 "solving the conflict's %zu states would take over %.0e steps",
                 parley_conflict_state_count(c), RP_MAX_WORK);
        return PARLEY_OK;
    }
    if (!(d->st = parley_stability_solve(c, &so, err)))
        return err->code;
    d->sq = parley_conflict_status_quo(c);
    if (d->sq < 0)
        return PARLEY_OK;
    for (int imp = 0; imp < 2; imp++)
        if (!(d->sq_paths[imp] = parley_status_quo_solve(c, &so, (size_t)d->sq, imp, err)))
            return err->code;
    return PARLEY_OK;
}

parley_status parleyp_rp_compute(rp_data *d, const parley_scenario *sc,
                                 const parley_report_options *opt, parley_error *err)
{
    memset(d, 0, sizeof *d);
    d->sc = sc;
    d->opt = opt;
    d->conflict = opt->conflict;
    d->sq = -1;
    if (sc->n_plans) {
        long focus = opt->plan ? parley_plan_find(sc, opt->plan) : (long)sc->n_plans - 1;
        if (focus < 0)
            return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, 0, 0, "plan", "no plan '%s'",
                                    opt->plan);
        d->has_plan = true;
        d->focus = (size_t)focus;
    } else if (opt->plan) {
        return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, 0, 0, "plan",
                                "no plan '%s' (the scenario has no plans)", opt->plan);
    }
    parley_status st;
    progress(d, 0);
    if ((st = plans(d, err)) || (st = stances(d, err)))
        return st;
    progress(d, 0.05);
    if ((st = frontier(d, err)))
        return st;
    progress(d, 0.6);
    if (d->has_plan && (st = take(d, err)))
        return st;
    progress(d, 0.7);
    if ((st = forecast(d, err)))
        return st;
    progress(d, 0.9);
    if ((st = stability(d, err)))
        return st;
    progress(d, 1);
    return PARLEY_OK;
}

void parleyp_rp_free(rp_data *d)
{
    const parley_scenario *sc = d->sc;
    for (size_t k = 0; d->score && k < sc->n_plans; k++)
        if (d->score[k].party)
            parley_score_free(&d->score[k]);
    for (size_t k = 0; d->diff && k < sc->n_plans; k++)
        if (sc->plans[k].based_on >= 0 && d->diff[k].ua)
            parley_diff_free(&d->diff[k]);
    free(d->score);
    free(d->diff);
    free(d->stance);
    parley_analysis_free(d->an);
    parley_space_free(d->sp);
    for (size_t j = 0; d->concede && j < sc->n_parties; j++)
        if (d->conceded[j])
            parley_concede_result_free(&d->concede[j]);
    free(d->concede);
    free(d->conceded);
    if (d->mediated)
        parley_mediation_free(&d->med);
    for (int m = 0; m < 4; m++)
        parley_fc_result_free(d->fc[m]);
    parley_fc_mc_free(d->mc);
    parley_fc_scenario_free(d->fsc);
    parley_stability_free(d->st);
    parley_status_quo_free(d->sq_paths[0]);
    parley_status_quo_free(d->sq_paths[1]);
    memset(d, 0, sizeof *d);
}
