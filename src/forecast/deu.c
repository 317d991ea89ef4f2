/*
 * forecast/deu.c — the DEU III benchmark's evaluation (README §F): every
 * issue read by io/deu.c is a one-dimensional scenario, forecast by a model,
 * scored by the absolute error of the expected outcome against `out`.
 */
#include "forecast/fc_internal.h"
#include "core/parallel.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void parley_deu_free(parley_deu *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_issues; i++) {
        free(d->issues[i].id);
        parley_fc_scenario_free(d->issues[i].sc);
    }
    free(d->issues);
    free(d);
}

typedef struct deu_ctx {
    const parley_deu *d;
    parley_fc_options o;
    bool use_weights;
    double *pred;       /* [count]: issue first + k in slot k */
    parley_error *errs; /* [count] */
    size_t first;
} deu_ctx;

static void eval_issue(void *ctx, size_t i)
{
    deu_ctx *c = ctx;
    const parley_fc_scenario *base = c->d->issues[c->first + i].sc;
    if (base->n_actors == 1) {
        c->pred[i] = base->position[0];
        return;
    }
    parley_fc_scenario *sc = parley_fc_scenario_copy(base);
    if (!sc) {
        parley_error_set(&c->errs[i], PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return;
    }
    if (!c->use_weights)
        for (size_t a = 0; a < sc->n_actors; a++)
            sc->capability[a] = 1.0;
    parley_fc_result *r = parley_forecast_run(sc, &c->o, &c->errs[i]);
    if (r)
        c->pred[i] = r->expected[0];
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

void parley_deu_score_clear(parley_deu_score *s)
{
    free(s->prediction);
    memset(s, 0, sizeof *s);
}

parley_status parley_deu_evaluate_part(const parley_deu *d, const parley_fc_options *o,
                                       bool use_weights, size_t first, size_t count,
                                       double *prediction, parley_error *err)
{
    if (first > d->n_issues || count > d->n_issues - first)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "issues",
                                "issues %zu to %zu asked of %zu", first, first + count,
                                d->n_issues);
    deu_ctx c = {d, *o, use_weights, prediction, calloc(count + 1, sizeof(parley_error)), first};
    c.o.threads = 1;
    if (!c.errs)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    for (size_t k = 0; k < count; k++)
        prediction[k] = NAN;
    parleyp_pc_parallel_items(count, o->threads, eval_issue, &c);
    for (size_t k = 0; k < count; k++) {
        if (isnan(prediction[k])) {
            const parley_deu_issue *is = &d->issues[first + k];
            parley_status st = c.errs[k].code ? c.errs[k].code : PARLEY_ERR_INTERNAL;
            if (err) {
                *err = c.errs[k];
                char msg[sizeof err->message];
                snprintf(msg, sizeof msg, "issue %.40s (line %d): %.400s", is->id, is->line,
                         c.errs[k].message);
                memcpy(err->message, msg, sizeof msg);
                err->code = st;
            }
            free(c.errs);
            return st;
        }
    }
    free(c.errs);
    return PARLEY_OK;
}

parley_status parley_deu_score_merge(const parley_deu *d, parley_fc_model model,
                                     const double *prediction, parley_deu_score *out,
                                     parley_error *err)
{
    memset(out, 0, sizeof *out);
    out->model = model;
    out->prediction = malloc((d->n_issues + 1) * sizeof(double));
    if (!out->prediction)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    double sum = 0.0;
    for (size_t i = 0; i < d->n_issues; i++) {
        out->prediction[i] = prediction[i];
        sum += fabs(prediction[i] - d->issues[i].outcome);
        out->n++;
    }
    out->mae = out->n ? sum / (double)out->n : (double)NAN;
    return PARLEY_OK;
}

parley_status parley_deu_evaluate(const parley_deu *d, const parley_fc_options *o, bool use_weights,
                                  parley_deu_score *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    out->model = o->model;
    double *pred = malloc((d->n_issues + 1) * sizeof(double));
    if (!pred)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    parley_status st = parley_deu_evaluate_part(d, o, use_weights, 0, d->n_issues, pred, err);
    if (st == PARLEY_OK)
        st = parley_deu_score_merge(d, o->model, pred, out, err);
    free(pred);
    return st;
}
