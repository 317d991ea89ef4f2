/*
 * forecast/result.c — the record of a forecast run: one parley_fc_turn per
 * state (positions on 0..100, per-actor probabilities, convergence ratio)
 * and the per-dimension summary (probability-weighted expected position and
 * the most likely position) taken from the last turn.
 */
#include "forecast/fc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

parley_fc_result *parleyp_fc_result_new(parley_fc_model m, size_t n_actors, size_t n_dims,
                                        size_t turns_cap)
{
    parley_fc_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->model = m;
    r->converged = m != PARLEY_FC_SMP; /* the SMP sets it when its ratio falls */
    r->n_actors = n_actors;
    r->n_dims = n_dims;
    r->turns = calloc(turns_cap ? turns_cap : 1, sizeof *r->turns);
    r->expected = calloc(n_dims, sizeof *r->expected);
    r->most_likely = calloc(n_dims, sizeof *r->most_likely);
    if (!r->turns || !r->expected || !r->most_likely) {
        parley_fc_result_free(r);
        return NULL;
    }
    return r;
}

parley_fc_turn *parleyp_fc_result_push(parley_fc_result *r, const double *pos)
{
    parley_fc_turn *t = &r->turns[r->n_turns];
    size_t n = r->n_actors, nd = n * r->n_dims;
    t->position = malloc(nd * sizeof *t->position);
    t->prob = calloc(n, sizeof *t->prob);
    t->rep = calloc(n, sizeof *t->rep);
    t->ratio = NAN;
    if (!t->position || !t->prob || !t->rep) {
        free(t->position);
        free(t->prob);
        free(t->rep);
        memset(t, 0, sizeof *t);
        return NULL;
    }
    memcpy(t->position, pos, nd * sizeof *pos);
    r->n_turns++;
    return t;
}

int parleyp_fc_result_finish(parley_fc_result *r)
{
    if (r->n_turns == 0)
        return -1;
    const parley_fc_turn *t = &r->turns[r->n_turns - 1];
    size_t n = r->n_actors, D = r->n_dims;
    double best = -1.0;
    size_t best_i = 0;
    for (size_t d = 0; d < D; d++)
        r->expected[d] = 0.0;
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (t->rep[i] != i)
            continue; /* only representatives of distinct positions */
        total += t->prob[i];
        for (size_t d = 0; d < D; d++)
            r->expected[d] += t->prob[i] * t->position[i * D + d];
        if (t->prob[i] > best) {
            best = t->prob[i];
            best_i = i;
        }
    }
    if (total > 0.0 && fabs(total - 1.0) > 1e-12)
        for (size_t d = 0; d < D; d++)
            r->expected[d] /= total;
    for (size_t d = 0; d < D; d++)
        r->most_likely[d] = t->position[best_i * D + d];
    return 0;
}

void parley_fc_result_free(parley_fc_result *r)
{
    if (!r)
        return;
    for (size_t t = 0; t < r->n_turns; t++) {
        free(r->turns[t].position);
        free(r->turns[t].prob);
        free(r->turns[t].rep);
    }
    free(r->turns);
    free(r->expected);
    free(r->most_likely);
    free(r->round_median);
    free(r->value);
    for (size_t d = 0; d < r->n_dims; d++) {
        if (r->unit)
            free(r->unit[d]);
        if (r->nearest_option)
            free(r->nearest_option[d]);
    }
    free(r->unit);
    free(r->nearest_option);
    free(r);
}

bool parleyp_fc_result_units(parley_fc_result *r, const parley_fc_scenario *sc)
{
    size_t D = r->n_dims;
    r->value = malloc((D ? D : 1) * sizeof *r->value);
    r->unit = calloc(D ? D : 1, sizeof *r->unit);
    r->nearest_option = calloc(D ? D : 1, sizeof *r->nearest_option);
    if (!r->value || !r->unit || !r->nearest_option)
        return false;
    for (size_t d = 0; d < D; d++) {
        r->value[d] = parley_fc_value(sc, d, r->expected[d]);
        const char *near = parley_fc_nearest_option(sc, d, r->expected[d]);
        const char *unit = sc->scale ? sc->scale[d].unit : NULL;
        if ((near && !(r->nearest_option[d] = parleyp_fc_strdup(near))) ||
            (unit && !(r->unit[d] = parleyp_fc_strdup(unit))))
            return false;
    }
    return true;
}
