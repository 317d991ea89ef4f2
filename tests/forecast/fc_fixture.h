/*
 * tests/forecast/fc_fixture.h — the random SMP scenario that
 * test_bargain.c and test_challenge.c draw (one gsl mt19937 stream per
 * seed, so a scenario is the same run after run). Include after
 * <cmocka.h>.
 */
#ifndef PARLEY_TESTS_FC_FIXTURE_H
#define PARLEY_TESTS_FC_FIXTURE_H

#include "forecast/smp.h"

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stdlib.h>

/* How a random scenario is drawn: every copy_every-th actor is a copy of
 * its predecessor (identical positions: exact ties); with accommodate, an
 * accommodation matrix with self on the diagonal and a random entry in
 * [0, scale) at column (a + offset) % n of row a. */
typedef struct fct_shape {
    size_t copy_every;
    double self, scale;
    size_t offset;
} fct_shape;

/* n actors, d dims, capabilities in [10, 200), positions in [0, 100),
 * saliences in [50, 100) / d, from seed. */
static inline parley_fc_scenario *fct_random_scenario(size_t n, size_t d, unsigned long seed,
                                                      bool accommodate, const fct_shape *shape)
{
    parley_fc_scenario *sc = parley_fc_scenario_new(n, d);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    assert_non_null(sc);
    assert_non_null(g);
    gsl_rng_set(g, seed);
    for (size_t a = 0; a < n; a++) {
        const bool copy = a > 0 && a % shape->copy_every == 0;
        sc->capability[a] = copy ? sc->capability[a - 1] : 10.0 + 190.0 * gsl_rng_uniform(g);
        for (size_t k = 0; k < d; k++) {
            sc->position[a * d + k] =
                copy ? sc->position[(a - 1) * d + k] : 100.0 * gsl_rng_uniform(g);
            sc->salience[a * d + k] = copy ? sc->salience[(a - 1) * d + k]
                                           : (50.0 + 50.0 * gsl_rng_uniform(g)) / (double)d;
        }
    }
    if (accommodate) {
        sc->accommodation = calloc(n * n, sizeof *sc->accommodation);
        assert_non_null(sc->accommodation);
        for (size_t a = 0; a < n; a++) {
            sc->accommodation[a * n + a] = shape->self;
            sc->accommodation[a * n + (a + shape->offset) % n] = shape->scale * gsl_rng_uniform(g);
        }
    }
    gsl_rng_free(g);
    return sc;
}

#endif
