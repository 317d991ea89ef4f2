/*
 * forecast/fc_internal.h — what the forecast module's files share: KTAB's
 * building blocks (vote, coalitions, victory probabilities, probability of
 * each option as Condorcet winner), the SMP utility of a distance, a
 * and small allocation helpers (the parallel-for is core/parallel.h).
 *
 * kernels.c implements the building blocks (KTAB kmodel.cpp), smp_state.c
 * the per-state utilities and risk attitudes, smp_turn.c one turn,
 * smp_run.c the run loop and what is reported.
 */
#ifndef PARLEY_FORECAST_INTERNAL_H
#define PARLEY_FORECAST_INTERNAL_H

#include "parley/forecast.h"

#include <stddef.h>

/* [z]^+, KTAB's positive part. */
static inline double fc_pos_part(double z)
{
    return z > 0.0 ? z : 0.0;
}

/* vote(vr, w, a, b): actor with weight w voting between utilities a and b
 * (KTAB Model::vote). */
static inline double fc_vote(parley_vr vr, double w, double a, double b)
{
    const double d = a - b;
    double bin = d / 1e-8;
    if (bin > 1.0)
        bin = 1.0;
    if (bin < -1.0)
        bin = -1.0;
    switch (vr) {
    case PARLEY_VR_BINARY:
        return w * bin;
    case PARLEY_VR_PROPBIN:
        return w * (0.8 * d + 0.2 * bin);
    case PARLEY_VR_PROP:
        return w * d;
    case PARLEY_VR_PROPCBC:
        return w * (0.5 * d + 0.5 * d * d * d);
    case PARLEY_VR_CUBIC:
        return w * d * d * d;
    case PARLEY_VR_ASYMPROSP:
        if (d < 0.0)
            return w * d;
        if (d > 0.0)
            return (2.0 / 3.0) * w * d;
        return 0.0;
    }
    return w * d;
}

/* Hot loops are compiled for AVX-512, AVX2 and the baseline, and the
 * right one is chosen at load time. Neither contracts a*b+c into an FMA
 * (ISO C mode: -ffp-contract=off), so both give the same bits. */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && !defined(__clang__)
#define FC_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FC_VECTOR_CLONES
#endif

/* KTAB's bsUtil: utility of a distance d in [0,1] for risk attitude r. */
static inline double fc_bs_util(double d, double r)
{
    return d <= 1.0 ? (1.0 - d) * (1.0 + d * r) : (1.0 - d) * (1.0 + r);
}

/* Workspace for fc_scalar_pce; grows as needed. */
typedef struct fc_pce_ws {
    double *c, *v, *a, *b;
    size_t cap; /* options squared */
} fc_pce_ws;
void parleyp_fc_pce_ws_free(fc_pce_ws *ws);

/* KTAB scalarPCE: n_voters with weights w (> 0) and utilities
 * u[voter * n_opts + opt]; fills p[n_opts] with each option's probability.
 * threads: as pc_parallel_items (core/parallel.h) (1 inside parallel tasks). Returns 0, or -1
 * when out of memory. */
int parleyp_fc_scalar_pce(size_t n_voters, size_t n_opts, const double *w, const double *u,
                          parley_vr vr, parley_vpm vpm, parley_pcem pcem, double *p, fc_pce_ws *ws,
                          int threads);

/* The same for options that fall into groups with equal utilities for
 * every voter (e.g. actors sharing a position): ug[voter * n_groups + g]
 * holds each group's utilities, group[opt] each option's group. Gives
 * exactly the values fc_scalar_pce gives on the expanded utilities, with
 * the O(voters x options^2) coalition work done on the groups. */
int parleyp_fc_scalar_pce_grouped(size_t n_voters, size_t n_opts, const size_t *group,
                                  size_t n_groups, const double *w, const double *ug, parley_vr vr,
                                  parley_vpm vpm, parley_pcem pcem, double *p, fc_pce_ws *ws,
                                  int threads);

/* KTAB's distance (bvDiff): salience-weighted distance between an ideal
 * and a point, both on [0,1], with saliences s (all of length dims). */
double parleyp_fc_sal_dist(const double *ideal, const double *pt, const double *s, size_t dims);

/* Result helpers (result.c). */
parley_fc_result *parleyp_fc_result_new(parley_fc_model m, size_t n_actors, size_t n_dims,
                                        size_t turns_cap);
/* Appends a turn with positions pos (0..100 scale, copied); returns it or NULL. */
parley_fc_turn *parleyp_fc_result_push(parley_fc_result *r, const double *pos);
/* Fills expected / most_likely from the last turn's prob and rep. */
int parleyp_fc_result_finish(parley_fc_result *r);

/* Model entry points. */
parley_fc_result *parleyp_fc_smp_run(const parley_fc_scenario *sc, const parley_fc_options *o,
                                     parley_error *err);
parley_fc_result *parleyp_fc_eum_run(const parley_fc_scenario *sc, const parley_fc_options *o,
                                     parley_error *err);
parley_fc_result *parleyp_fc_simple_run(const parley_fc_scenario *sc, parley_fc_model m,
                                        parley_error *err);

/* Size limits of the iterative models (run.c). */
#define FC_SMP_MAX_ACTORS ((size_t)2000)
#define FC_EUM_MAX_ACTORS ((size_t)1000)
/* Readers refuse more than this many actor x dimension cells. */
#define FC_MAX_CELLS ((size_t)10000000)

/* 64-bit mixing (splitmix64), for deriving per-run seeds. */
static inline uint64_t fc_mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

char *parleyp_fc_strdup(const char *s);
/* Frees n_dims dimension scales (scenario.c). */
void parleyp_fc_scale_free(parley_fc_dim_scale *scale, size_t n_dims);
/* The overrides a forecast scenario echoes: free, and a deep copy (NULL for
 * none; *ok false when out of memory). */
void parleyp_fc_overrides_free(parley_override *o, size_t n);
parley_override *parleyp_fc_overrides_copy(const parley_override *o, size_t n, bool *ok);
/* Fills r->value, unit and nearest_option from sc's scales (result.c);
 * false when out of memory. */
bool parleyp_fc_result_units(parley_fc_result *r, const parley_fc_scenario *sc);
char *parleyp_fc_strndup(const char *s, size_t n);

#endif
