/*
 * scoring/score_mc.c — uncertainty on a plan's score (parley score --runs):
 * each run draws every party's weights and positions within the scenario's
 * `uncertainty:` ranges (or the caller's), scores the plan, and the summary
 * gives per party the share of runs at or above its walk-away and the 5, 50
 * and 95 % quantiles of its on-board share and utility (parley/scoring.h).
 *
 * A run, for each party in file order and each issue in file order, draws
 *   a weight factor 1 + U(-s, s)  (s: salience range), the party's weights
 *                                 then rescaled to their sum as loaded;
 *   a shift d ~ U(-p, p) points   (p: position range) of its value curve
 *                                 along the issue's 0-100 positions: the
 *                                 value of an option at position x becomes
 *                                 the party's value at x - d, interpolated
 *                                 between its options' positions (held at
 *                                 the ends); issues without positions keep
 *                                 their values.
 * Power does not enter a score. Run r draws from its own GSL mt19937 stream
 * seeded from (seed, r) and writes only its own slots, so a seed gives the
 * same answer whatever the thread count, and runs [first, first + count)
 * can be computed anywhere (parley_score_mc_runs) and merged in run order.
 */
#include "parley.h"

#include "core/error.h"
#include "core/parallel.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double uniform(gsl_rng *g, double half)
{
    return half > 0.0 ? (2.0 * gsl_rng_uniform(g) - 1.0) * half : 0.0;
}

void parley_score_mc_options_init(parley_score_mc_options *o)
{
    memset(o, 0, sizeof *o);
    o->runs = 1000;
    o->seed = 1;
    o->vary_position = o->vary_salience = (double)NAN;
}

/* The ranges a run draws from: the caller's, else the scenario's
 * `uncertainty:`, else forecast's defaults. */
static void ranges(const parley_scenario *sc, const parley_score_mc_options *o, double *pos,
                   double *sal)
{
    *pos = !isnan(o->vary_position)   ? o->vary_position
           : !isnan(sc->unc_position) ? sc->unc_position
                                      : PARLEY_FC_VARY_POSITION;
    *sal = !isnan(o->vary_salience)   ? o->vary_salience
           : !isnan(sc->unc_salience) ? sc->unc_salience
                                      : PARLEY_FC_VARY_SALIENCE;
}

static parley_status check_options(const parley_scenario *sc, size_t plan,
                                   const parley_score_mc_options *o, parley_error *err)
{
    if (plan >= sc->n_plans)
        return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, 0, 0, "plan", "no plan %zu", plan);
    if (o->runs == 0 || o->runs > 10000000)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                                "the number of runs must be from 1 to 10000000");
    if (!isnan(o->vary_position) && !(o->vary_position >= 0 && o->vary_position <= 100))
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "vary_position",
                                "must be a number of points from 0 to 100");
    if (!isnan(o->vary_salience) && !(o->vary_salience >= 0 && o->vary_salience <= 1))
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "vary_salience",
                                "must be a fraction from 0 to 1");
    return PARLEY_OK;
}

/* One issue's positioned options, sorted by position: the party's value
 * curve along the 0-100 scale. */
typedef struct curve {
    size_t n;
    double *x, *v;
} curve;

static double interpolate(const double *xs, const double *vs, size_t n, double x)
{
    if (x <= xs[0])
        return vs[0];
    for (size_t k = 1; k < n; k++)
        if (x <= xs[k])
            return xs[k] > xs[k - 1]
                       ? vs[k - 1] + (vs[k] - vs[k - 1]) * (x - xs[k - 1]) / (xs[k] - xs[k - 1])
                       : vs[k];
    return vs[n - 1];
}

typedef struct mc_ctx {
    const parley_scenario *sc;
    size_t plan;
    uint64_t seed;
    double pos, sal;
    size_t first;
    double *utility, *on_board; /* [count * n_parties] */
    parley_error *err;          /* [count] */
} mc_ctx;

/* Scores the plan once with drawn preferences. Allocates its own copy of
 * every party's weights and values. */
static void run_one(void *vctx, size_t k)
{
    mc_ctx *c = vctx;
    const parley_scenario *sc = c->sc;
    size_t np = sc->n_parties, ni = sc->n_issues, run = c->first + k;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    parley_prefs *prefs = calloc(np, sizeof *prefs);
    double *xs = NULL, *vs = NULL;
    size_t maxo = 1;
    for (size_t i = 0; i < ni; i++)
        maxo = sc->issues[i].n_options > maxo ? sc->issues[i].n_options : maxo;
    xs = malloc(maxo * sizeof *xs);
    vs = malloc(maxo * sizeof *vs);
    size_t *order = malloc(maxo * sizeof *order);
    bool ok = g && prefs && xs && vs && order;
    for (size_t j = 0; ok && j < np; j++) {
        prefs[j] = sc->prefs[j];
        prefs[j].weight = malloc(ni * sizeof(double));
        prefs[j].value = calloc(ni, sizeof(double *));
        ok = prefs[j].weight && prefs[j].value;
        for (size_t i = 0; ok && i < ni; i++)
            ok = (prefs[j].value[i] = malloc(sc->issues[i].n_options * sizeof(double))) != NULL;
    }
    if (!ok) {
        parley_error_set(&c->err[k], PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        goto done;
    }
    uint64_t z = mix64(c->seed ^ mix64((uint64_t)run + 1));
    gsl_rng_set(g, (unsigned long)((z ^ (z >> 32)) & 0xffffffffUL));
    for (size_t j = 0; j < np; j++) {
        const parley_prefs *pr = &sc->prefs[j];
        double before = 0, after = 0;
        for (size_t i = 0; i < ni; i++) {
            const parley_issue *is = &sc->issues[i];
            double f = 1.0 + uniform(g, c->sal);
            double w = pr->weight[i] * (f > 0 ? f : 0);
            prefs[j].weight[i] = w;
            before += pr->weight[i];
            after += w;
            double d = uniform(g, c->pos);
            /* the positioned options in order of position */
            size_t n = 0;
            for (size_t o = 0; o < is->n_options; o++)
                if (!isnan(is->options[o].position)) {
                    size_t at = n++;
                    while (at > 0 &&
                           is->options[order[at - 1]].position > is->options[o].position) {
                        order[at] = order[at - 1];
                        at--;
                    }
                    order[at] = o;
                }
            for (size_t m = 0; m < n; m++) {
                xs[m] = is->options[order[m]].position;
                vs[m] = pr->value[i][order[m]];
            }
            for (size_t o = 0; o < is->n_options; o++)
                prefs[j].value[i][o] = n >= 2 && !isnan(is->options[o].position) && d != 0
                                           ? interpolate(xs, vs, n, is->options[o].position - d)
                                           : pr->value[i][o];
        }
        if (after > 0)
            for (size_t i = 0; i < ni; i++)
                prefs[j].weight[i] *= before / after;
    }
    parley_scenario view = *sc;
    view.prefs = prefs;
    const parley_plan *pl = &sc->plans[c->plan];
    for (size_t j = 0; j < np; j++) {
        bool exact;
        double u = parley_utility_expected(&view, j, pl->sets, &exact), lo, hi;
        double w = sc->parties[j].walk_away;
        if (parley_utility_range(&view, j, &lo, &hi, &c->err[k]) != PARLEY_OK)
            goto done;
        c->utility[k * np + j] = u;
        c->on_board[k * np + j] = hi > w ? (u - w) / (hi - w) : (double)NAN;
    }
done:
    for (size_t j = 0; prefs && j < np; j++) {
        for (size_t i = 0; prefs[j].value && i < ni; i++)
            free(prefs[j].value[i]);
        free(prefs[j].value);
        free(prefs[j].weight);
    }
    free(prefs);
    free(xs);
    free(vs);
    free(order);
    if (g)
        gsl_rng_free(g);
}

parley_status parley_score_mc_runs(const parley_scenario *sc, size_t plan,
                                   const parley_score_mc_options *o, size_t first, size_t count,
                                   double *utility, double *on_board, parley_error *err)
{
    parley_status st = check_options(sc, plan, o, err);
    if (st)
        return st;
    if (first > o->runs || count > o->runs - first)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "runs",
                                "runs [%zu, %zu) are not within the %zu runs", first, first + count,
                                o->runs);
    mc_ctx c = {.sc = sc,
                .plan = plan,
                .seed = o->seed,
                .first = first,
                .utility = utility,
                .on_board = on_board};
    ranges(sc, o, &c.pos, &c.sal);
    c.err = calloc(count ? count : 1, sizeof *c.err);
    if (!c.err)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    parleyp_pc_parallel_items(count, parleyp_pc_thread_count(o->threads, count), run_one, &c);
    for (size_t k = 0; k < count && !st; k++)
        if (c.err[k].code) {
            st = c.err[k].code;
            if (err)
                *err = c.err[k];
        }
    free(c.err);
    return st;
}

void parley_score_mc_free(parley_score_mc *mc)
{
    if (!mc)
        return;
    free(mc->party);
    free(mc->utility);
    free(mc->on_board);
    memset(mc, 0, sizeof *mc);
}

/* 5, 50 and 95 % quantiles of the finite values of column j. */
static void quantiles(const double *x, size_t n, size_t stride, size_t j, double *col,
                      double out[3])
{
    size_t m = 0;
    for (size_t r = 0; r < n; r++)
        if (isfinite(x[r * stride + j]))
            col[m++] = x[r * stride + j];
    static const double QS[3] = {0.05, 0.50, 0.95};
    gsl_sort(col, 1, m);
    /* GSL's definition (linear between order statistics), written so that
     * equal neighbours give that value exactly */
    for (int q = 0; q < 3; q++) {
        if (!m) {
            out[q] = (double)NAN;
            continue;
        }
        double at = QS[q] * (double)(m - 1);
        size_t lo = (size_t)floor(at);
        double frac = at - (double)lo;
        out[q] = lo + 1 < m ? col[lo] + frac * (col[lo + 1] - col[lo]) : col[lo];
    }
}

parley_status parley_score_mc_summarise(const parley_scenario *sc, size_t plan,
                                        const parley_score_mc_options *o, double *utility,
                                        double *on_board, parley_score_mc *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    parley_status st = check_options(sc, plan, o, err);
    if (st) {
        free(utility);
        free(on_board);
        return st;
    }
    size_t np = sc->n_parties, n = o->runs;
    out->plan = plan;
    out->n_runs = n;
    out->n_parties = np;
    out->seed = o->seed;
    ranges(sc, o, &out->vary_position, &out->vary_salience);
    out->utility = utility;
    out->on_board = on_board;
    out->party = calloc(np ? np : 1, sizeof *out->party);
    double *col = malloc(n * sizeof *col);
    if (!out->party || !col) {
        free(col);
        parley_score_mc_free(out);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    for (size_t j = 0; j < np; j++) {
        parley_score_mc_party *p = &out->party[j];
        size_t above = 0;
        for (size_t r = 0; r < n; r++)
            above += utility[r * np + j] >= sc->parties[j].walk_away;
        p->p_above = (double)above / (double)n;
        quantiles(on_board, n, np, j, col, p->on_board);
        quantiles(utility, n, np, j, col, p->utility);
    }
    free(col);
    return PARLEY_OK;
}

parley_status parley_score_monte_carlo(const parley_scenario *sc, size_t plan,
                                       const parley_score_mc_options *o, parley_score_mc *out,
                                       parley_error *err)
{
    memset(out, 0, sizeof *out);
    parley_status st = check_options(sc, plan, o, err);
    if (st)
        return st;
    size_t cells = o->runs * sc->n_parties;
    double *u = malloc((cells ? cells : 1) * sizeof *u);
    double *b = malloc((cells ? cells : 1) * sizeof *b);
    if (!u || !b) {
        free(u);
        free(b);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    if ((st = parley_score_mc_runs(sc, plan, o, 0, o->runs, u, b, err))) {
        free(u);
        free(b);
        return st;
    }
    return parley_score_mc_summarise(sc, plan, o, u, b, out, err);
}
