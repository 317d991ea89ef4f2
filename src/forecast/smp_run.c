/*
 * forecast/smp_run.c — running the SMP to convergence (KTAB Model::run with
 * smpStopFn, README §B 9.5): state 0 is the input; after each turn t the
 * change Delta_t = sum_i |x_i^t - x_i^(t-1)| is compared with the first
 * one, ratio_t = Delta_t / (Delta_1 + 1e-4), and the run stops when
 * t >= max_turns or (t >= 2 and ratio_t < stop_ratio). Each state is
 * recorded with the probabilities KTAB prints.
 */
#include "forecast/smp.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static parley_fc_turn *record(parley_fc_result *r, fc_smp *m, double *pos100)
{
    const size_t nd = m->n * m->D;
    for (size_t k = 0; k < nd; k++)
        pos100[k] = m->x[k] * 100.0;
    parley_fc_turn *t = parleyp_fc_result_push(r, pos100);
    if (!t)
        return NULL;
    if (parleyp_fc_smp_report(m, t->prob, t->rep) != 0)
        return NULL;
    return t;
}

parley_fc_result *parleyp_fc_smp_run(const parley_fc_scenario *sc, const parley_fc_options *o,
                                     parley_error *err)
{
    const size_t n = sc->n_actors, D = sc->n_dims;
    int max_turns = o->smp.max_turns > 0 ? o->smp.max_turns : 100;
    fc_smp m;
    double *prev = malloc(n * D * sizeof *prev);
    double *pos100 = malloc(n * D * sizeof *pos100);
    parley_fc_result *r = parleyp_fc_result_new(PARLEY_FC_SMP, n, D, (size_t)max_turns + 1);
    if (parleyp_fc_smp_init(&m, sc, o) != 0 || !prev || !pos100 || !r)
        goto oom;
    if (parleyp_fc_smp_state_update(&m) != 0 || !record(r, &m, pos100))
        goto oom;
    double delta1 = 0.0;
    for (int t = 1;; t++) {
        memcpy(prev, m.x, n * D * sizeof *prev);
        if (parleyp_fc_smp_turn(&m) != 0 || parleyp_fc_smp_state_update(&m) != 0)
            goto oom;
        double delta = 0.0;
        for (size_t i = 0; i < n; i++) {
            double s = 0.0;
            for (size_t d = 0; d < D; d++) {
                const double dd = m.x[i * D + d] - prev[i * D + d];
                s += dd * dd;
            }
            delta += sqrt(s);
        }
        if (t == 1)
            delta1 = delta;
        const double ratio = delta / (delta1 + 1e-4);
        parley_fc_turn *rec = record(r, &m, pos100);
        if (!rec)
            goto oom;
        rec->ratio = ratio;
        if (t >= 2 && ratio < o->smp.stop_ratio) {
            r->converged = true;
            break;
        }
        if (t >= max_turns)
            break;
    }
    if (parleyp_fc_result_finish(r) != 0)
        goto oom;
    parleyp_fc_smp_free(&m);
    free(prev);
    free(pos100);
    return r;
oom:
    parleyp_fc_smp_free(&m);
    free(prev);
    free(pos100);
    parley_fc_result_free(r);
    parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL,
                     "out of memory running the SMP on %zu actors", n);
    return NULL;
}
