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
    double *pred;
    parley_error *errs;
} deu_ctx;

static void eval_issue(void *ctx, size_t i)
{
    deu_ctx *c = ctx;
    const parley_fc_scenario *base = c->d->issues[i].sc;
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

parley_status parley_deu_evaluate(const parley_deu *d, const parley_fc_options *o, bool use_weights,
                                  parley_deu_score *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    out->model = o->model;
    deu_ctx c = {d, *o, use_weights, malloc((d->n_issues + 1) * sizeof(double)),
                 calloc(d->n_issues + 1, sizeof(parley_error))};
    c.o.threads = 1;
    if (!c.pred || !c.errs) {
        free(c.pred);
        free(c.errs);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    for (size_t i = 0; i < d->n_issues; i++)
        c.pred[i] = NAN;
    parleyp_pc_parallel_items(d->n_issues, o->threads, eval_issue, &c);
    double sum = 0.0;
    for (size_t i = 0; i < d->n_issues; i++) {
        if (isnan(c.pred[i])) {
            parley_status st = c.errs[i].code ? c.errs[i].code : PARLEY_ERR_INTERNAL;
            if (err) {
                *err = c.errs[i];
                char msg[sizeof err->message];
                snprintf(msg, sizeof msg, "issue %.40s (line %d): %.400s", d->issues[i].id,
                         d->issues[i].line, c.errs[i].message);
                memcpy(err->message, msg, sizeof msg);
                err->code = st;
            }
            free(c.pred);
            free(c.errs);
            return st;
        }
        sum += fabs(c.pred[i] - d->issues[i].outcome);
        out->n++;
    }
    free(c.errs);
    out->prediction = c.pred;
    out->mae = out->n ? sum / (double)out->n : (double)NAN;
    return PARLEY_OK;
}
