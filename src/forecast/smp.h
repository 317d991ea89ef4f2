/*
 * forecast/smp.h — the SMP engine's working state, shared by smp_state.c
 * (utilities and risk attitudes of a state, reported probabilities),
 * smp_turn.c (challenges, bargains, resolution: one turn) and smp_run.c
 * (the run loop and stopping rule). Positions here are on KTAB's internal
 * [0,1] scale; README §B gives the mathematics these files implement.
 */
#ifndef PARLEY_FORECAST_SMP_H
#define PARLEY_FORECAST_SMP_H

#include "forecast/fc_internal.h"

#include <gsl/gsl_rng.h>

/* Actors per tile of uownP (the bargain sums run over one tile at a time). */
#define FC_SMP_TILE 16

typedef struct fc_bargain {
    size_t init, rcvr; /* I and R */
    double *b_init;    /* [D] I's new position if the bargain is chosen */
    double *b_rcvr;    /* [D] R's new position */
    double *u_init;    /* [N] U(delta_a(b_init), R_a) for every actor a */
    double *u_rcvr;    /* [N] */
    double *ubar;      /* [N] sum over positions of u^a if carried out */
} fc_bargain;

typedef struct fc_smp {
    size_t n, D;
    parley_smp_params p;
    int threads;
    const double *cap; /* [n] capabilities */
    double *s;         /* [n*D] saliences / 100 */
    double *sigma;     /* [n] total salience */
    double sigma_max;  /* the largest sigma (saliences are fixed for a run) */
    double *omega;     /* [n] sigma * capability ("influence") */
    const double *A;   /* [n*n] accommodation or NULL (identity) */
    double *x, *y;     /* [n*D] positions, ideals */
    double *x_new;     /* [n*D] */
    double *dist;      /* [n*n] d_ij: i's ideal to j's position */
    double *distT;     /* [n*n] transposed */
    double *uown;      /* [n*n] u^a_an = U(d_an, est(R_a, R_a)), a's own view */
    double *uownP;     /* the same in tiles of FC_SMP_TILE actors: u^a_at at
                        * uownP[(a / TILE * n + t) * TILE + a % TILE], 0 past n */
    double *ubar_sq;   /* [n] sum over positions n of u^a_an (KTAB's order) */
    double *R;         /* [n] risk attitudes */
    double *p0;        /* [n] risk-neutral probabilities of positions */
    /* one turn */
    fc_bargain *brg; /* up to 2n bargains */
    size_t n_brg;
    double *target_p; /* [n] p of i's best challenge, or NAN */
    long *target;     /* [n] j*, or -1 */
    double *choice_p; /* [n * (2n+1)] resolution probabilities per actor */
    size_t *n_choice; /* [n] queue length per actor */
    long *queue;      /* [n * (2n+1)] bargain index per slot (-1 = SQ) */
    gsl_rng *rng;     /* stochastic transitions */
    /* scratch of the state-wide PCEs (smp_state.c), kept between turns so
     * that their n x n buffers are not mapped and zeroed afresh each time */
    fc_pce_ws ws;
    double *u_scratch; /* [n*n] */
    int failed;        /* out of memory inside a parallel task */
} fc_smp;

/* smp_state.c */
int parleyp_fc_smp_init(fc_smp *m, const parley_fc_scenario *sc, const parley_fc_options *o);
void parleyp_fc_smp_free(fc_smp *m);
/* Distances, risk-neutral probabilities, risk attitudes of the current state. */
int parleyp_fc_smp_state_update(fc_smp *m);
/* h's estimate of i's risk attitude (BigRAdjust). */
double parleyp_fc_smp_est_risk(const fc_smp *m, double rh, double ri);
/* Unique positions and their probabilities (what KTAB prints each turn). */
int parleyp_fc_smp_report(fc_smp *m, double *prob, size_t *rep);

/* smp_challenge.c: initiator i's best challenge from its own view, with
 * rr, uni, unn its estimates of every actor's risk attitude, u^i_{t,i} and
 * u^i_{t,t}. Returns j* (p^i(i beats j*) in *p_best), -1 when no challenge
 * gains more than 1e-5 (*p_best = NAN), -2 when out of memory. */
long parleyp_fc_smp_best_challenge(const fc_smp *m, size_t i, const double *rr, const double *uni,
                                   const double *unn, double *p_best);

/* The same computation for one pair from any actor's view (rr, uni, unn
 * prepared for that view and for i): *p = P(i beats j), *delta = i's
 * expected gain. Returns 0, or -1 when out of memory. */
int parleyp_fc_smp_challenge_eval(const fc_smp *m, size_t i, size_t j, const double *rr,
                                  const double *uni, const double *unn, double *p, double *delta);

/* smp_turn.c: computes x_new and moves x, y to the next state. */
int parleyp_fc_smp_turn(fc_smp *m);

/* smp_turn.c: ubar_sq and every bargain's ubar (whose u_init, u_rcvr are
 * filled in) in KTAB's order of summation. */
void parleyp_fc_smp_bargain_sums(fc_smp *m);

#endif
