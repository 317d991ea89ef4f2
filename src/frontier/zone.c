/*
 * frontier/zone.c — the zone of agreement when it cannot be counted exactly
 * within the node budget (search_run.c counts exactly): an estimate from
 * uniformly sampled outcomes with a fixed-seed generator, so the same seed
 * gives the same estimate whatever the thread count. The fraction's standard
 * error is sqrt(f(1-f)/n).
 */
#include "frontier/analysis_impl.h"

#include <math.h>
#include <stdlib.h>

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double parleyp_pa_zone_estimate(const parley_space *sp, size_t samples, uint64_t seed,
                                double *stderr_frac)
{
    size_t n = sp->n_issues, d = sp->n_parties;
    uint32_t *o = malloc(n * sizeof *o);
    double *u = malloc(d * sizeof *u);
    if (!o || !u || samples == 0) {
        free(o);
        free(u);
        return -1;
    }
    uint64_t s = seed ? seed : 1;
    size_t in = 0;
    for (size_t k = 0; k < samples; k++) {
        for (size_t i = 0; i < n; i++)
            o[i] = (uint32_t)(splitmix(&s) % sp->n_values[i]);
        parley_space_utilities(sp, o, u);
        bool ok = true;
        for (size_t p = 0; p < d && ok; p++)
            ok = isnan(sp->party[p].reservation) || u[p] >= sp->party[p].reservation;
        in += ok;
    }
    free(o);
    free(u);
    double f = (double)in / (double)samples;
    if (stderr_frac)
        *stderr_frac = sqrt(f * (1 - f) / (double)samples);
    return f * parley_space_outcome_count(sp);
}
