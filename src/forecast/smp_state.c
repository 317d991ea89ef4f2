/*
 * forecast/smp_state.c — one SMP state's utilities and risk attitudes
 * (KTAB SMPState::setAllAUtil, README §B 9.2) and the probabilities KTAB
 * prints for a state (pDist over unique positions, §B 9.6).
 *
 *   d_ij  = salience-weighted distance from i's ideal to j's position;
 *   P0    = PCE over all n positions with risk-neutral utilities 1 - d;
 *   R_i   = risk attitude from P0 (BigRRange);
 *   u^a_an = U(d_an, est_a(R_a)), each actor's own view (uown, uownP),
 *            used for the reported probabilities and the bargain sums;
 *   u^h_ij for h != i is computed on the fly in smp_turn.c.
 */
#include "forecast/smp.h"
#include "core/parallel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double parleyp_fc_sal_dist(const double *ideal, const double *pt, const double *s, size_t dims)
{
    double ds_sqr = 0.0, ss_sqr = 0.0;
    for (size_t d = 0; d < dims; d++) {
        const double dsij = (ideal[d] - pt[d]) * s[d];
        ds_sqr = ds_sqr + dsij * dsij;
        ss_sqr = ss_sqr + s[d] * s[d];
    }
    const double d = sqrt(ds_sqr / ss_sqr);
    return d < 1.0 ? d : 1.0; /* <= 1 in exact arithmetic; clamp rounding */
}

int parleyp_fc_smp_init(fc_smp *m, const parley_fc_scenario *sc, const parley_fc_options *o)
{
    memset(m, 0, sizeof *m);
    size_t n = sc->n_actors, D = sc->n_dims;
    m->n = n;
    m->D = D;
    m->p = o->smp;
    m->threads = o->threads;
    m->cap = sc->capability;
    m->A = sc->accommodation;
    size_t qcap = 2 * n + 1;
    m->s = malloc(n * D * sizeof *m->s);
    m->sigma = malloc(n * sizeof *m->sigma);
    m->omega = malloc(n * sizeof *m->omega);
    m->x = malloc(n * D * sizeof *m->x);
    m->y = malloc(n * D * sizeof *m->y);
    m->x_new = malloc(n * D * sizeof *m->x_new);
    m->dist = malloc(n * n * sizeof *m->dist);
    m->distT = malloc(n * n * sizeof *m->distT);
    m->uown = malloc(n * n * sizeof *m->uown);
    const size_t tiles = (n + FC_SMP_TILE - 1) / FC_SMP_TILE;
    m->uownP = calloc(tiles * n * FC_SMP_TILE, sizeof *m->uownP);
    m->u_scratch = malloc(n * n * sizeof *m->u_scratch);
    m->ubar_sq = malloc(n * sizeof *m->ubar_sq);
    m->R = malloc(n * sizeof *m->R);
    m->p0 = malloc(n * sizeof *m->p0);
    m->brg = calloc(2 * n, sizeof *m->brg);
    m->target_p = malloc(n * sizeof *m->target_p);
    m->target = malloc(n * sizeof *m->target);
    m->choice_p = malloc(n * qcap * sizeof *m->choice_p);
    m->n_choice = malloc(n * sizeof *m->n_choice);
    m->queue = malloc(n * qcap * sizeof *m->queue);
    if (!m->s || !m->sigma || !m->omega || !m->x || !m->y || !m->x_new || !m->dist || !m->distT ||
        !m->uown || !m->uownP || !m->u_scratch || !m->ubar_sq || !m->R || !m->p0 || !m->brg ||
        !m->target_p || !m->target || !m->choice_p || !m->n_choice || !m->queue)
        return -1;
    for (size_t b = 0; b < 2 * n; b++) {
        fc_bargain *g = &m->brg[b];
        g->b_init = malloc(D * sizeof *g->b_init);
        g->b_rcvr = malloc(D * sizeof *g->b_rcvr);
        g->u_init = malloc(n * sizeof *g->u_init);
        g->u_rcvr = malloc(n * sizeof *g->u_rcvr);
        g->ubar = malloc(n * sizeof *g->ubar);
        if (!g->b_init || !g->b_rcvr || !g->u_init || !g->u_rcvr || !g->ubar)
            return -1;
    }
    for (size_t i = 0; i < n; i++) {
        double sig = 0.0;
        for (size_t d = 0; d < D; d++) {
            m->x[i * D + d] = sc->position[i * D + d] / 100.0;
            m->s[i * D + d] = sc->salience[i * D + d] / 100.0;
            sig += m->s[i * D + d];
        }
        m->sigma[i] = sig;
        m->omega[i] = sig * sc->capability[i];
        if (sig > m->sigma_max)
            m->sigma_max = sig;
    }
    memcpy(m->y, m->x, n * D * sizeof *m->y);
    if (m->p.state_transitions == PARLEY_ST_STOCHASTIC) {
        m->rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!m->rng)
            return -1;
        uint64_t z = fc_mix64(o->seed);
        gsl_rng_set(m->rng, (unsigned long)((z ^ (z >> 32)) & 0xffffffffUL));
    }
    return 0;
}

void parleyp_fc_smp_free(fc_smp *m)
{
    if (m->brg)
        for (size_t b = 0; b < 2 * m->n; b++) {
            free(m->brg[b].b_init);
            free(m->brg[b].b_rcvr);
            free(m->brg[b].u_init);
            free(m->brg[b].u_rcvr);
            free(m->brg[b].ubar);
        }
    free(m->brg);
    free(m->s);
    free(m->sigma);
    free(m->omega);
    free(m->x);
    free(m->y);
    free(m->x_new);
    free(m->dist);
    free(m->distT);
    free(m->uown);
    free(m->uownP);
    free(m->u_scratch);
    parleyp_fc_pce_ws_free(&m->ws);
    free(m->ubar_sq);
    free(m->R);
    free(m->p0);
    free(m->target_p);
    free(m->target);
    free(m->choice_p);
    free(m->n_choice);
    free(m->queue);
    if (m->rng)
        gsl_rng_free(m->rng);
    memset(m, 0, sizeof *m);
}

double parleyp_fc_smp_est_risk(const fc_smp *m, double rh, double ri)
{
    switch (m->p.big_r_adjust) {
    case PARLEY_BIGR_NONE:
        return rh;
    case PARLEY_BIGR_HALF:
        return (rh + ri) / 2.0;
    case PARLEY_BIGR_TWOTHIRDS:
        return (rh + 2.0 * ri) / 3.0;
    case PARLEY_BIGR_FULL:
        return ri;
    case PARLEY_BIGR_ONETHIRD:
    default:
        return (2.0 * rh + ri) / 3.0;
    }
}

static void dist_row(void *ctx, size_t i)
{
    fc_smp *m = ctx;
    const size_t n = m->n, D = m->D;
    for (size_t j = 0; j < n; j++)
        m->dist[i * n + j] = parleyp_fc_sal_dist(m->y + i * D, m->x + j * D, m->s + i * D, D);
}

int parleyp_fc_smp_state_update(fc_smp *m)
{
    const size_t n = m->n;
    parleyp_pc_parallel_items(n, m->threads, dist_row, m);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            m->distT[j * n + i] = m->dist[i * n + j];
    /* risk-neutral PCE over all n positions; actors that share a position
     * exactly share every utility, so coalitions are built per position */
    const size_t D = m->D;
    size_t *group = malloc(n * sizeof *group), *first = malloc(n * sizeof *first), ng = 0;
    double *u0 = m->u_scratch;
    if (!group || !first) {
        free(group);
        free(first);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = 0;
        while (g < ng && memcmp(m->x + first[g] * D, m->x + i * D, D * sizeof *m->x) != 0)
            g++;
        if (g == ng)
            first[ng++] = i;
        group[i] = g;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t g = 0; g < ng; g++)
            u0[k * ng + g] = fc_bs_util(m->dist[k * n + first[g]], 0.0);
    int rc = parleyp_fc_scalar_pce_grouped(n, n, group, ng, m->cap, u0, m->p.voting_rule,
                                           m->p.victory_prob_model, m->p.pce_model, m->p0, &m->ws,
                                           m->threads);
    free(group);
    free(first);
    if (rc != 0)
        return -1;
    double pmin = m->p0[0], pmax = m->p0[0];
    for (size_t i = 1; i < n; i++) {
        if (m->p0[i] < pmin)
            pmin = m->p0[i];
        if (m->p0[i] > pmax)
            pmax = m->p0[i];
    }
    /* KTAB divides by pmax - pmin; when every position is equally likely
     * there is nothing to tell actors apart: all risk neutral. */
    const double range = pmax - pmin;
    for (size_t i = 0; i < n; i++) {
        const double pi = m->p0[i];
        double r = 0.0;
        if (range > 0.0) {
            switch (m->p.big_r_range) {
            case PARLEY_BIGR_MIN:
                r = (pi - pmin) / range;
                break;
            case PARLEY_BIGR_MAX:
                r = (2.0 * pi - (pmax + pmin)) / range;
                break;
            case PARLEY_BIGR_MID:
            default:
                r = (3.0 * pi - (pmax + 2.0 * pmin)) / (2.0 * range);
                break;
            }
        }
        m->R[i] = r;
    }
    /* u^a_an: a's own estimate of its utility for n's position (KTAB
     * aUtil[a](a, n)), with the risk attitude BigRAdjust makes of a's own,
     * est(R_a, R_a): for OneThird and TwoThirds this differs from R_a in
     * the last bit for about one value in six. */
    for (size_t a = 0; a < n; a++) {
        const double ra = parleyp_fc_smp_est_risk(m, m->R[a], m->R[a]);
        double *pa = m->uownP + a / FC_SMP_TILE * n * FC_SMP_TILE + a % FC_SMP_TILE;
        for (size_t j = 0; j < n; j++) {
            m->uown[a * n + j] = fc_bs_util(m->dist[a * n + j], ra);
            pa[j * FC_SMP_TILE] = m->uown[a * n + j];
        }
    }
    return 0;
}

int parleyp_fc_smp_report(fc_smp *m, double *prob, size_t *rep)
{
    const size_t n = m->n, D = m->D;
    size_t *reps = malloc(n * sizeof *reps);
    double *u = m->u_scratch;
    double *pr = malloc(n * sizeof *pr);
    if (!reps || !pr) {
        free(reps);
        free(pr);
        return -1;
    }
    size_t nr = 0;
    const double tol = 1e-3;
    for (size_t i = 0; i < n; i++) {
        bool joined = false;
        for (size_t r = 0; r < nr && !joined; r++) {
            double s = 0.0;
            for (size_t d = 0; d < D; d++) {
                double dd = m->x[i * D + d] - m->x[reps[r] * D + d];
                s += dd * dd;
            }
            if (sqrt(s) < tol)
                joined = true;
        }
        if (!joined)
            reps[nr++] = i;
    }
    /* utility of representative r to actor a: a's own view, u^a_ar (KTAB
     * SMPState::pDist(-1) reads aUtil[a](a, r)) */
    for (size_t a = 0; a < n; a++)
        for (size_t r = 0; r < nr; r++)
            u[a * nr + r] = m->uown[a * n + reps[r]];
    int rc = parleyp_fc_scalar_pce(n, nr, m->cap, u, m->p.voting_rule, m->p.victory_prob_model,
                                   m->p.pce_model, pr, &m->ws, m->threads);
    if (rc == 0) {
        /* KTAB posProb: the last representative the actor is equivalent to */
        for (size_t i = 0; i < n; i++) {
            size_t last = 0;
            for (size_t r = 0; r < nr; r++) {
                double s = 0.0;
                for (size_t d = 0; d < D; d++) {
                    double dd = m->x[i * D + d] - m->x[reps[r] * D + d];
                    s += dd * dd;
                }
                if (sqrt(s) < tol)
                    last = r;
            }
            prob[i] = pr[last];
            rep[i] = reps[last];
        }
    }
    free(reps);
    free(pr);
    return rc;
}
