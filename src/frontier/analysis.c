/*
 * frontier/analysis.c — parley_analysis_run: picks the frontier algorithm
 * (the additive merge when no party has rules, else the bounded search),
 * applies scaling, the cap and the reservation cut, works out each party's
 * utility range and disagreement point, the solution packages and the zone
 * of agreement. The CLI (cmd_frontier.c, cmd_solve.c) formats the result.
 */
#include "parley/frontier.h"
#include "frontier/analysis_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void parley_analysis_options_init(parley_analysis_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

void parley_frontier_free(parley_frontier *fr)
{
    if (!fr)
        return;
    free(fr->utility);
    free(fr->outcome);
    free(fr);
}

/* Progress over the stages of an analysis (issue 13): the additive merge is
 * one stage; the search is one run for the frontier and, with worst/best,
 * one per party for each; the zone count is one more. Each stage reports
 * 0..1 and ends with 1; stage k maps done to (k + done) / n_stages, and only
 * values above the last one reported are passed on, so the caller's progress
 * only goes up. Called from the calling thread only. */
typedef struct stages {
    void (*fn)(void *ctx, double done);
    void *ctx;
    double n, stage, last;
} stages;

static void stage_progress(void *ctx, double done)
{
    stages *s = ctx;
    if (!(done >= 0))
        return;
    if (done > 1)
        done = 1;
    double all = (s->stage + done) / s->n;
    if (done >= 1)
        s->stage++;
    if (all > 1)
        all = 1;
    if (all > s->last) {
        s->last = all;
        s->fn(s->ctx, all);
    }
}

/* A copy of opt whose progress goes through *s (unchanged without one). */
static parley_analysis_options staged(const parley_space *sp, const parley_analysis_options *opt,
                                      bool ranges, stages *s)
{
    parley_analysis_options o = *opt;
    if (!opt->progress)
        return o;
    size_t n = 1;
    if (!parley_space_is_additive(sp) && ranges)
        n += 2 * sp->n_parties;
    if (ranges && !opt->skip_zone)
        n++;
    *s = (stages){opt->progress, opt->progress_ctx, (double)n, 0, 0};
    o.progress = stage_progress;
    o.progress_ctx = s;
    return o;
}

/* The frontier as points (scaled, filtered, cut); worst/best may be NULL. */
static parley_status frontier_points(const parley_space *sp, const parley_analysis_options *opt,
                                     pa_points *ps, double *worst, double *best,
                                     const char **method, parley_error *err)
{
    parley_status st;
    if (parley_space_is_additive(sp)) {
        *method = "additive-merge";
        st = parleyp_pa_frontier_additive(sp, opt, ps, err);
        if (st)
            return st;
        parleyp_pa_scale_points(sp, ps);
        for (size_t p = 0; p < sp->n_parties; p++)
            if (worst && best)
                parleyp_pa_additive_range(sp, p, &worst[p], &best[p]);
    } else {
        *method = "search";
        st = parleyp_pa_frontier_search(sp, opt, ps, worst, best, err);
        if (st)
            return st;
    }
    if (!parleyp_pa_points_filter(ps))
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    if (!opt->keep_irrational)
        parleyp_pa_cut_rational(sp, ps);
    return PARLEY_OK;
}

static void take_points(parley_frontier *fr, pa_points *ps, size_t n_parties, size_t n_issues)
{
    fr->n_parties = n_parties;
    fr->n_issues = n_issues;
    fr->n_points = ps->n;
    fr->utility = ps->u;
    fr->outcome = ps->o;
    ps->u = NULL;
    ps->o = NULL;
    ps->n = ps->cap = 0;
}

parley_frontier *parley_frontier_compute(const parley_space *sp, const parley_analysis_options *opt,
                                         parley_error *err)
{
    parley_analysis_options defaults;
    if (!opt) {
        parley_analysis_options_init(&defaults);
        opt = &defaults;
    }
    pa_points ps;
    parleyp_pa_points_init(&ps, sp->n_parties, sp->n_issues);
    const char *method;
    stages sg;
    parley_analysis_options o = staged(sp, opt, false, &sg);
    if (frontier_points(sp, &o, &ps, NULL, NULL, &method, err)) {
        parleyp_pa_points_free(&ps);
        return NULL;
    }
    parley_frontier *fr = calloc(1, sizeof *fr);
    if (!fr) {
        parleyp_pa_points_free(&ps);
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    take_points(fr, &ps, sp->n_parties, sp->n_issues);
    return fr;
}

void parley_analysis_free(parley_analysis *an)
{
    if (!an)
        return;
    free(an->frontier.utility);
    free(an->frontier.outcome);
    free(an->worst);
    free(an->best);
    free(an->disagreement);
    free(an->nash);
    free(an->kalai);
    free(an->ks);
    free(an->welfare);
    free(an);
}

parley_analysis *parley_analysis_run(const parley_space *sp, const parley_analysis_options *opt,
                                     parley_error *err)
{
    parley_analysis_options defaults;
    if (!opt) {
        parley_analysis_options_init(&defaults);
        opt = &defaults;
    }
    size_t d = sp->n_parties;
    parley_analysis *an = calloc(1, sizeof *an);
    if (!an)
        goto oom;
    an->worst = calloc(d, sizeof *an->worst);
    an->best = calloc(d, sizeof *an->best);
    an->disagreement = calloc(d, sizeof *an->disagreement);
    if (!an->worst || !an->best || !an->disagreement)
        goto oom;
    pa_points ps;
    parleyp_pa_points_init(&ps, d, sp->n_issues);
    stages sg;
    parley_analysis_options o = staged(sp, opt, true, &sg);
    if (frontier_points(sp, &o, &ps, an->worst, an->best, &an->method, err)) {
        parleyp_pa_points_free(&ps);
        parley_analysis_free(an);
        return NULL;
    }
    take_points(&an->frontier, &ps, d, sp->n_issues);
    an->outcomes_total = parley_space_outcome_count(sp);
    for (size_t p = 0; p < d; p++) {
        double r = sp->party[p].reservation;
        an->disagreement[p] = (!isnan(r) && r >= an->worst[p]) ? r : an->worst[p];
    }
    size_t np = an->frontier.n_points ? an->frontier.n_points : 1;
    an->nash = malloc(np * sizeof *an->nash);
    an->kalai = malloc(np * sizeof *an->kalai);
    an->ks = malloc(np * sizeof *an->ks);
    an->welfare = malloc(np * sizeof *an->welfare);
    if (!an->nash || !an->kalai || !an->ks || !an->welfare)
        goto oom;
    an->n_nash = parley_solve_nash(&an->frontier, an->disagreement, an->nash);
    an->n_kalai = parley_solve_kalai(&an->frontier, an->disagreement, an->kalai);
    an->n_ks = parley_solve_ks(&an->frontier, an->disagreement, an->best, an->ks);
    an->n_welfare = parley_solve_welfare(&an->frontier, an->welfare);
    an->zone_count = -1;
    an->zone_exact = false;
    if (!opt->skip_zone) {
        parley_analysis_options zo = o;
        if (!(zo.max_outcomes > 0))
            zo.max_outcomes = 1e8;
        an->zone_count = parleyp_pa_zone_count(sp, &zo, &an->zone_exact);
        an->zone_stderr = 0;
        if (an->zone_count < 0) {
            double sd = 0;
            an->zone_count = parleyp_pa_zone_estimate(sp, 1000000, opt->seed, &sd);
            an->zone_stderr = sd;
            an->zone_exact = false;
        }
    }
    return an;
oom:
    parley_analysis_free(an);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    return NULL;
}
