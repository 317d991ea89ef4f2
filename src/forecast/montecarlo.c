/*
 * forecast/montecarlo.c — Monte Carlo forecasts: n runs of one model on
 * scenarios whose capabilities, positions and saliences are drawn
 * uniformly within the scenario's vary_* ranges. Run r draws from its own
 * GSL mt19937 stream seeded from (seed, r), runs execute in parallel in
 * batches and are reported in run order, so the answer for a seed never
 * depends on the thread count (with StateTransitions=Stochastic each run
 * also gets its own seed). Summary: mean and 5/25/50/75/95 % quantiles
 * of each dimension's expected outcome. A job can be computed in parts
 * (runs [first, first + count), e.g. one per process under mpirun) and the
 * parts merged: the same bytes as the whole job in one call.
 */
#include "forecast/fc_internal.h"
#include "core/parallel.h"

#include <stdint.h>
#include "core/error.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>
#include <string.h>

typedef struct mc_batch {
    const parley_fc_scenario *base;
    parley_fc_options o; /* threads = 1 inside a run */
    uint64_t seed;
    size_t first;            /* run number of slot 0 */
    parley_fc_scenario **sc; /* per slot */
    parley_fc_result **res;
    parley_error *err;
} mc_batch;

static double uniform(gsl_rng *g, double half)
{
    return half > 0.0 ? (2.0 * gsl_rng_uniform(g) - 1.0) * half : 0.0;
}

static parley_fc_scenario *perturb(const parley_fc_scenario *b, uint64_t seed, size_t run)
{
    parley_fc_scenario *sc = parley_fc_scenario_copy(b);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    if (!sc || !g) {
        parley_fc_scenario_free(sc);
        if (g)
            gsl_rng_free(g);
        return NULL;
    }
    uint64_t z = fc_mix64(seed ^ fc_mix64((uint64_t)run + 1));
    gsl_rng_set(g, (unsigned long)((z ^ (z >> 32)) & 0xffffffffUL));
    const size_t n = sc->n_actors, D = sc->n_dims;
    for (size_t i = 0; i < n; i++) {
        double c = sc->capability[i] * (1.0 + uniform(g, b->vary_capability));
        sc->capability[i] = c > 1e-12 ? c : 1e-12;
        double ssum = 0.0;
        for (size_t d = 0; d < D; d++) {
            double x = sc->position[i * D + d] + uniform(g, b->vary_position);
            sc->position[i * D + d] = x < 0.0 ? 0.0 : x > 100.0 ? 100.0 : x;
            double s = sc->salience[i * D + d] * (1.0 + uniform(g, b->vary_salience));
            sc->salience[i * D + d] = s < 0.0 ? 0.0 : s;
            ssum += sc->salience[i * D + d];
        }
        if (ssum > 100.0)
            for (size_t d = 0; d < D; d++)
                sc->salience[i * D + d] *= 100.0 / ssum;
    }
    gsl_rng_free(g);
    return sc;
}

static void run_one(void *ctx, size_t k)
{
    mc_batch *b = ctx;
    b->sc[k] = perturb(b->base, b->seed, b->first + k);
    if (!b->sc[k]) {
        parley_error_set(&b->err[k], PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return;
    }
    parley_fc_options o = b->o; /* stochastic transitions: a seed per run too */
    o.seed = fc_mix64(b->seed + 0x5851F42D4C957F2DULL * ((uint64_t)(b->first + k) + 1));
    b->res[k] = parley_forecast_run(b->sc[k], &o, &b->err[k]);
}

void parley_fc_mc_free(parley_fc_mc *mc)
{
    if (!mc)
        return;
    free(mc->expected);
    free(mc->mean);
    free(mc->quantile);
    free(mc->turns);
    free(mc);
}

#define MC_MAX_RUNS 10000000

parley_fc_mc *parley_fc_mc_part_new(size_t first, size_t count, size_t n_dims)
{
    parley_fc_mc *mc = calloc(1, sizeof *mc);
    if (!mc)
        return NULL;
    mc->first = first;
    mc->n_runs = count;
    mc->n_dims = n_dims;
    /* + 1: a part may be empty (more processes than runs) */
    mc->expected = calloc(count * n_dims + 1, sizeof *mc->expected);
    mc->turns = calloc(count + 1, sizeof *mc->turns);
    if (!mc->expected || !mc->turns) {
        parley_fc_mc_free(mc);
        return NULL;
    }
    return mc;
}

/* The summary of a whole job: mean and quantiles of each dimension over the
 * runs in run order. PARLEY_ERR_LIMIT when out of memory. */
static parley_status summarise(parley_fc_mc *mc, parley_error *err)
{
    static const double QS[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    const size_t D = mc->n_dims, n_runs = mc->n_runs;
    mc->mean = calloc(D + 1, sizeof *mc->mean);
    mc->quantile = malloc((D * 5 + 1) * sizeof *mc->quantile);
    double *col = malloc(n_runs * sizeof *col);
    if (!mc->mean || !mc->quantile || !col) {
        free(col);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    for (size_t d = 0; d < D; d++) {
        for (size_t r = 0; r < n_runs; r++)
            col[r] = mc->expected[r * D + d];
        mc->mean[d] = gsl_stats_mean(col, 1, n_runs);
        gsl_sort(col, 1, n_runs);
        for (int q = 0; q < 5; q++)
            mc->quantile[d * 5 + (size_t)q] =
                gsl_stats_quantile_from_sorted_data(col, 1, n_runs, QS[q]);
    }
    free(col);
    return PARLEY_OK;
}

parley_fc_mc *parley_fc_monte_carlo_part(const parley_fc_scenario *sc, const parley_fc_options *o,
                                         size_t first, size_t count, parley_fc_run_cb each,
                                         void *ctx, parley_error *err)
{
    if (first > MC_MAX_RUNS || count > MC_MAX_RUNS - first) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                         "the number of runs must be from 1 to 10000000");
        return NULL;
    }
    if (parley_fc_scenario_validate(sc, err) != PARLEY_OK)
        return NULL;
    const size_t D = sc->n_dims;
    const int threads = parleyp_pc_thread_count(o->threads, SIZE_MAX);
    const size_t batch = (size_t)threads * 4;
    parley_fc_mc *mc = parley_fc_mc_part_new(first, count, D);
    mc_batch b = {.base = sc, .o = *o, .seed = o->seed};
    b.o.threads = 1;
    b.sc = calloc(batch, sizeof *b.sc);
    b.res = calloc(batch, sizeof *b.res);
    b.err = calloc(batch, sizeof *b.err);
    if (!mc || !b.sc || !b.res || !b.err) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        goto fail;
    }
    parley_status st = PARLEY_OK;
    for (size_t done = 0; done < count && st == PARLEY_OK; done += batch) {
        size_t m = count - done < batch ? count - done : batch;
        b.first = first + done;
        parleyp_pc_parallel_items(m, threads, run_one, &b);
        for (size_t k = 0; k < m; k++) {
            if (st == PARLEY_OK && !b.res[k]) {
                st = b.err[k].code ? b.err[k].code : PARLEY_ERR_INTERNAL;
                if (err)
                    *err = b.err[k];
            }
            if (st == PARLEY_OK) {
                memcpy(mc->expected + (done + k) * D, b.res[k]->expected, D * sizeof(double));
                mc->turns[done + k] = (double)b.res[k]->n_turns;
                if (each)
                    st = each(ctx, first + done + k, b.sc[k], b.res[k], err);
            }
            parley_fc_result_free(b.res[k]);
            parley_fc_scenario_free(b.sc[k]);
            b.res[k] = NULL;
            b.sc[k] = NULL;
        }
    }
    if (st != PARLEY_OK)
        goto fail;
    free(b.sc);
    free(b.res);
    free(b.err);
    return mc;
fail:
    free(b.sc);
    free(b.res);
    free(b.err);
    parley_fc_mc_free(mc);
    return NULL;
}

parley_fc_mc *parley_fc_mc_merge(const parley_fc_mc *const *parts, size_t n_parts,
                                 parley_error *err)
{
    size_t total = 0, D = n_parts ? parts[0]->n_dims : 0;
    for (size_t p = 0; p < n_parts; p++) {
        if (parts[p]->first != total || parts[p]->n_dims != D) {
            parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                             "part %zu starts at run %zu with %zu dimensions, not at run %zu "
                             "with %zu: the parts must follow each other from run 0",
                             p, parts[p]->first, parts[p]->n_dims, total, D);
            return NULL;
        }
        total += parts[p]->n_runs;
    }
    if (total == 0 || total > MC_MAX_RUNS) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                         "the number of runs must be from 1 to 10000000");
        return NULL;
    }
    parley_fc_mc *mc = parley_fc_mc_part_new(0, total, D);
    if (!mc) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    for (size_t p = 0; p < n_parts; p++) {
        const parley_fc_mc *x = parts[p];
        memcpy(mc->expected + x->first * D, x->expected, x->n_runs * D * sizeof(double));
        memcpy(mc->turns + x->first, x->turns, x->n_runs * sizeof(double));
    }
    if (summarise(mc, err) != PARLEY_OK) {
        parley_fc_mc_free(mc);
        return NULL;
    }
    return mc;
}

parley_fc_mc *parley_fc_monte_carlo(const parley_fc_scenario *sc, const parley_fc_options *o,
                                    size_t n_runs, parley_fc_run_cb each, void *ctx,
                                    parley_error *err)
{
    if (n_runs == 0 || n_runs > MC_MAX_RUNS) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                         "the number of runs must be from 1 to 10000000");
        return NULL;
    }
    parley_fc_mc *mc = parley_fc_monte_carlo_part(sc, o, 0, n_runs, each, ctx, err);
    if (mc && summarise(mc, err) != PARLEY_OK) {
        parley_fc_mc_free(mc);
        return NULL;
    }
    return mc;
}

void parley_fc_estimate(const parley_fc_scenario *sc, const parley_fc_options *o, size_t n_runs,
                        parley_fc_cost *out)
{
    const double n = (double)sc->n_actors, D = (double)sc->n_dims;
    const double runs = n_runs ? (double)n_runs : 1.0;
    const double turns =
        o->model == PARLEY_FC_EUM ? (double)o->eum.rounds : (double)o->smp.max_turns;
    double per_turn =
        o->model == PARLEY_FC_SMP || o->model == PARLEY_FC_EUM ? n * n * n * D : n * n * D;
    out->work = runs * (turns + 1) * per_turn;
    /* one run: SMP's state (n x n matrices, queues of 2n + 1 per actor,
     * positions) and its result (every turn's positions, probabilities and
     * representatives); Monte Carlo holds a batch of 4 per thread, and
     * each run's expected outcome and turn count (twice, for quantiles) */
    double state = 8.0 * (6.0 * n * n + n * (2.0 * n + 1.0) * 2.0 + 4.0 * n * D + 8.0 * n);
    double result = (turns + 1.0) * (8.0 * n * D + 16.0 * n) + 24.0 * D;
    double scenario = 8.0 * (3.0 * n * D + 2.0 * n) + 64.0 * n;
    double per_run = state + result + scenario;
    if (n_runs == 0) {
        out->bytes = per_run;
        return;
    }
    double inflight = (double)parleyp_pc_thread_count(o->threads, SIZE_MAX) * 4.0;
    if (inflight > runs)
        inflight = runs;
    out->bytes = inflight * per_run + runs * (8.0 * D + 16.0) + 40.0 * D;
}
