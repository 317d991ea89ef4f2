/*
 * forecast/simple.c — the two one-shot baselines: the compromise model
 * (per dimension, the capability x salience weighted mean of positions;
 * Achen's "compromise model", the DEU baseline) and the weighted median
 * (the position where half the capability x salience weight lies on
 * either side: the median voter on that dimension). The result has two
 * turns: the input and the forecast, where every actor is put at the
 * forecast position with probability 1.
 */
#include "forecast/fc_internal.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

typedef struct wpos {
    double x, w;
} wpos;

static int by_x(const void *a, const void *b)
{
    const wpos *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

/* Weighted median: the smallest position whose cumulative weight reaches
 * half the total; if it reaches exactly half, the mean of it and the next
 * position (the usual convention for an even split). */
static double weighted_median(wpos *v, size_t n)
{
    qsort(v, n, sizeof *v, by_x);
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += v[i].w;
    double cum = 0.0;
    for (size_t i = 0; i < n; i++) {
        cum += v[i].w;
        if (cum >= total / 2.0) {
            if (cum == total / 2.0 && i + 1 < n)
                return (v[i].x + v[i + 1].x) / 2.0;
            return v[i].x;
        }
    }
    return v[n - 1].x;
}

parley_fc_result *parleyp_fc_simple_run(const parley_fc_scenario *sc, parley_fc_model m,
                                        parley_error *err)
{
    const size_t n = sc->n_actors, D = sc->n_dims;
    parley_fc_result *r = parleyp_fc_result_new(m, n, D, 2);
    wpos *v = malloc(n * sizeof *v);
    double *pos = malloc(n * D * sizeof *pos);
    if (!r || !v || !pos)
        goto oom;
    parley_fc_turn *t0 = parleyp_fc_result_push(r, sc->position);
    if (!t0)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        t0->rep[i] = i;
        t0->prob[i] = 1.0 / (double)n;
    }
    for (size_t d = 0; d < D; d++) {
        double sw = 0.0, swx = 0.0;
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            const double w = sc->capability[i] * sc->salience[i * D + d];
            if (w <= 0.0)
                continue;
            sw += w;
            swx += w * sc->position[i * D + d];
            v[k].x = sc->position[i * D + d];
            v[k++].w = w;
        }
        double f;
        if (k == 0) /* nobody cares about this dimension: plain mean */ {
            f = 0.0;
            for (size_t i = 0; i < n; i++)
                f += sc->position[i * D + d] / (double)n;
        } else {
            f = m == PARLEY_FC_MEDIAN ? weighted_median(v, k) : swx / sw;
        }
        for (size_t i = 0; i < n; i++)
            pos[i * D + d] = f;
    }
    parley_fc_turn *t1 = parleyp_fc_result_push(r, pos);
    if (!t1)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        t1->rep[i] = 0;
        t1->prob[i] = 1.0;
    }
    if (parleyp_fc_result_finish(r) != 0)
        goto oom;
    free(v);
    free(pos);
    return r;
oom:
    free(v);
    free(pos);
    parley_fc_result_free(r);
    parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    return NULL;
}
