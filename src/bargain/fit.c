/*
 * bargain/fit.c — fits one party's weights to its reported stances by
 * bounded least squares (see bargain.h for the residuals).
 *
 * Method: projected gradient descent with backtracking on the set
 * {lo <= w <= hi, sum w = 1}; the projection finds, by bisection on a
 * shift lambda, w_i = clamp(v_i - lambda, lo_i, hi_i) summing to 1. The
 * gradient is taken by central differences (the residuals are piecewise
 * smooth in w: on-board is a ratio of two linear functions of w when the
 * party has no rules). A dozen weights and a handful of stances make this
 * cheap; no general-purpose solver in GSL handles the simplex constraint.
 *
 * The scenario is only read: trial weights go into the fit's own vector,
 * seen by the utility functions through a private copy of the scenario
 * header whose prefs array has that party's weight pointer swapped (the
 * rest is shared, read-only). So several fits may run on one scenario at
 * once, from several threads.
 */
#include "parley.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct fit_ctx {
    const parley_scenario *sc; /* the view: prefs[party].weight = w */
    double *w;                 /* [n] the weights being tried (owned by the fit) */
    size_t party, n;           /* n = number of issues */
    size_t nr;                 /* residual count */
    const size_t *stance;      /* [nr] */
    parley_status st;          /* first failure of parley_utility_range, sticky */
    parley_error *err;
} fit_ctx;

static double residual(fit_ctx *f, size_t r, const double *w)
{
    const parley_scenario *sc = f->sc;
    const parley_stance *st = &sc->stances[f->stance[r]];
    if (w != f->w)
        memcpy(f->w, w, f->n * sizeof *w);
    bool exact;
    double u = parley_utility_expected(sc, f->party, sc->plans[st->plan].sets, &exact);
    double wa = sc->parties[f->party].walk_away;
    if (!isnan(st->share)) {
        double lo, hi;
        parley_status rs = parley_utility_range(sc, f->party, &lo, &hi, f->err);
        if (rs) {
            if (!f->st)
                f->st = rs;
            return 0;
        }
        if (hi <= wa)
            return -st->share; /* on-board undefined: as if 0 */
        return (u - wa) / (hi - wa) - st->share;
    }
    if (st->kind == PARLEY_STANCE_ACCEPTS)
        return fmax(0, wa - u);
    return fmax(0, u - wa); /* rejects */
}

static double sse(fit_ctx *f, const double *w, double *res)
{
    double s = 0;
    for (size_t r = 0; r < f->nr; r++) {
        double v = residual(f, r, w);
        if (res)
            res[r] = v;
        s += v * v;
    }
    return s;
}

/* Euclidean projection of v onto {lo <= w <= hi, sum w = 1}. */
static void project(const double *v, const double *lo, const double *hi, size_t n, double *w)
{
    double a = -2, b = 2; /* sum(clamp(v - lambda)) is decreasing in lambda */
    for (size_t i = 0; i < n; i++) {
        a = fmin(a, v[i] - hi[i] - 1);
        b = fmax(b, v[i] - lo[i] + 1);
    }
    for (int it = 0; it < 200; it++) {
        double mid = 0.5 * (a + b), s = 0;
        for (size_t i = 0; i < n; i++)
            s += fmin(hi[i], fmax(lo[i], v[i] - mid));
        if (s > 1)
            a = mid;
        else
            b = mid;
    }
    for (size_t i = 0; i < n; i++)
        w[i] = fmin(hi[i], fmax(lo[i], v[i] - 0.5 * (a + b)));
}

void parley_fit_free(parley_fit *f)
{
    free(f->before);
    free(f->after);
    free(f->stance);
    free(f->resid_before);
    free(f->resid_after);
    memset(f, 0, sizeof *f);
}

parley_status parley_weights_fit(const parley_scenario *sc, size_t party, double bound,
                                 parley_fit *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = sc->n_issues, nr = 0;
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        if (st->party == party && st->plan >= 0 &&
            (!isnan(st->share) || st->kind != PARLEY_STANCE_PARTIAL))
            nr++;
    }
    if (nr == 0)
        return parley_error_set(err, PARLEY_ERR_NO_ANSWER, sc->file, 0, 0, NULL,
                                "party '%s' has no reported stance with a share, or accepting or "
                                "rejecting a plan, to fit",
                                sc->parties[party].id);
    out->party = party;
    out->n_residuals = nr;
    out->before = malloc(n * sizeof(double));
    out->after = malloc(n * sizeof(double));
    out->stance = malloc(nr * sizeof(size_t));
    out->resid_before = malloc(nr * sizeof(double));
    out->resid_after = malloc(nr * sizeof(double));
    double *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi), *g = malloc(n * sizeof *g),
           *trial = malloc(n * sizeof *trial), *step = malloc(n * sizeof *step),
           *tried = malloc((n ? n : 1) * sizeof *tried);
    parley_prefs *prefs = malloc(sc->n_parties * sizeof *prefs);
    parley_status st = PARLEY_OK;
    if (!out->before || !out->after || !out->stance || !out->resid_before || !out->resid_after ||
        !lo || !hi || !g || !trial || !step || !tried || !prefs) {
        st = parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
        goto done;
    }
    nr = 0;
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *s = &sc->stances[k];
        if (s->party == party && s->plan >= 0 &&
            (!isnan(s->share) || s->kind != PARLEY_STANCE_PARTIAL))
            out->stance[nr++] = k;
    }
    memcpy(prefs, sc->prefs, sc->n_parties * sizeof *prefs);
    prefs[party].weight = tried;
    parley_scenario view = *sc;
    view.prefs = prefs;
    fit_ctx f = {&view, tried, party, n, nr, out->stance, PARLEY_OK, err};
    memcpy(out->before, sc->prefs[party].weight, n * sizeof *out->before);
    for (size_t i = 0; i < n; i++) {
        lo[i] = fmax(0, out->before[i] * (1 - bound));
        hi[i] = fmin(1, out->before[i] * (1 + bound));
    }
    double *cur = out->after;
    memcpy(cur, out->before, n * sizeof *cur);
    double fcur = sse(&f, cur, out->resid_before);
    out->sse_before = fcur;
    double lr = 1.0;
    for (size_t it = 0; it < 500 && fcur > 1e-18 && !f.st; it++) {
        const double h = 1e-7;
        for (size_t i = 0; i < n; i++) {
            memcpy(trial, cur, n * sizeof *cur);
            trial[i] = cur[i] + h;
            double fp = sse(&f, trial, NULL);
            trial[i] = cur[i] - h;
            double fm = sse(&f, trial, NULL);
            g[i] = (fp - fm) / (2 * h);
        }
        bool moved = false;
        for (; lr > 1e-12; lr *= 0.5) {
            for (size_t i = 0; i < n; i++)
                step[i] = cur[i] - lr * g[i];
            project(step, lo, hi, n, trial);
            double ft = sse(&f, trial, NULL);
            if (ft < fcur - 1e-15) {
                memcpy(cur, trial, n * sizeof *cur);
                fcur = ft;
                moved = true;
                break;
            }
        }
        out->iterations = it + 1;
        if (!moved)
            break;
        lr = fmin(1.0, lr * 4);
    }
    out->sse_after = sse(&f, cur, out->resid_after);
    st = f.st; /* the range of the utility could not be found (err is set) */
done:
    free(lo);
    free(hi);
    free(g);
    free(trial);
    free(step);
    free(tried);
    free(prefs);
    if (st)
        parley_fit_free(out);
    return st;
}
