/*
 * forecast/smp_turn.c — one SMP turn (KTAB SMPState::doBCN, README §B
 * 9.3-9.4): every actor picks its best challenge (probEduChlg from its own
 * point of view, smp_challenge.c), proposes a bargain interpolated between the two
 * positions, every actor resolves the bargains in its queue by a PCE over
 * all actors' average utilities, and all move at once; ideals follow the
 * accommodation matrix.
 */
#include "forecast/smp.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Scratch for one initiator: h's view of every actor. */
typedef struct chlg_ws {
    double *rr;  /* [n] h's estimate of every actor's risk attitude */
    double *uni; /* [n] u^h_{n,i} */
    double *unn; /* [n] u^h_{n,n} */
} chlg_ws;

static void prepare_view(const fc_smp *m, chlg_ws *w, size_t h, size_t i)
{
    const size_t n = m->n;
    for (size_t t = 0; t < n; t++)
        w->rr[t] = fc_smp_est_risk(m, m->R[h], m->R[t]);
    const double *di = m->distT + i * n;
    for (size_t t = 0; t < n; t++) {
        w->uni[t] = fc_bs_util(di[t], w->rr[t]);
        w->unn[t] = fc_bs_util(m->dist[t * n + t], w->rr[t]);
    }
}

static double r4(double z)
{
    return floor(10000.0 * z + 0.5) / 10000.0;
}

/* The bargain between initiator i and receiver j with P[i wins] = p. */
static void interpolate(const fc_smp *m, size_t i, size_t j, double p, double *bi, double *br)
{
    const size_t D = m->D;
    const double q = 1.0 - p, eps = 1e-6;
    const double *xi = m->x + i * D, *xj = m->x + j * D;
    const double *si = m->s + i * D, *sj = m->s + j * D;
    for (size_t d = 0; d < D; d++) {
        if (m->p.inter_vec_brgn == PARLEY_IVB_S2PMAX) {
            const double di = fc_pos_part(q - p), dr = fc_pos_part(p - q);
            const double sjd2 = sj[d] * sj[d], sid2 = si[d] * si[d];
            bi[d] = xi[d] + di * sjd2 / (di * sjd2 + eps + (1.0 - di) * sid2) * (xj[d] - xi[d]);
            br[d] = xj[d] + dr * sid2 / (dr * sid2 + eps + (1.0 - dr) * sjd2) * (xi[d] - xj[d]);
            continue;
        }
        double wi, wr;
        if (m->p.inter_vec_brgn == PARLEY_IVB_S1P1) {
            wi = si[d] * p;
            wr = sj[d] * q;
        } else {
            wi = si[d] * si[d] * p * p;
            wr = sj[d] * sj[d] * q * q;
        }
        bi[d] = r4(((wi + eps) * xi[d] + wr * xj[d]) / (wi + eps + wr));
        br[d] = r4((wi * xi[d] + (wr + eps) * xj[d]) / (wi + eps + wr));
    }
}

/* Targets: i's best challenge and the bargain(s) it proposes. */
typedef struct turn_ctx {
    fc_smp *m;
    double *extra_p; /* [n] second-perspective p (InitRcvr, PWComp) */
} turn_ctx;

static void find_target(void *ctx, size_t i)
{
    turn_ctx *tc = ctx;
    fc_smp *m = tc->m;
    const size_t n = m->n;
    double *sc = malloc(3 * n * sizeof *sc);
    if (!sc) {
        m->failed = 1;
        m->target[i] = -1;
        return;
    }
    chlg_ws w = {sc, sc + n, sc + 2 * n};
    prepare_view(m, &w, i, i);
    double best_p;
    const long bj = fc_smp_best_challenge(m, i, w.rr, w.uni, w.unn, &best_p);
    if (bj < -1) {
        free(sc);
        m->failed = 1;
        m->target[i] = -1;
        return;
    }
    m->target[i] = bj;
    m->target_p[i] = best_p;
    tc->extra_p[i] = NAN;
    if (bj >= 0 && m->p.bargn_model != PARLEY_BRGN_INITONLY) {
        /* the receiver's view of the same challenge */
        prepare_view(m, &w, (size_t)bj, i);
        double p = NAN, delta = NAN;
        if (fc_smp_challenge_eval(m, i, (size_t)bj, w.rr, w.uni, w.unn, &p, &delta) != 0)
            m->failed = 1;
        tc->extra_p[i] = m->p.ktab_bargain_bugs ? delta : p;
    }
    free(sc);
}

/* Every actor's utility of bargain b's two new positions, and its state
 * utility if b is carried out: the sum over positions n of u^a_an with b's
 * positions in place of I's and R's, i.e. the status quo's sum with the two
 * terms replaced (KTAB averages the same terms; its summation order is not
 * observable in its output, and the reference tests pass either way). */
static void bargain_utils(void *ctx, size_t b)
{
    fc_smp *m = ctx;
    fc_bargain *g = &m->brg[b];
    const size_t n = m->n, D = m->D;
    const double *ui = m->uownT + g->init * n, *ur = m->uownT + g->rcvr * n;
    for (size_t a = 0; a < n; a++) {
        const double *ya = m->y + a * D, *sa = m->s + a * D;
        g->u_init[a] = fc_bs_util(fc_sal_dist(ya, g->b_init, sa, D), m->R[a]);
        g->u_rcvr[a] = fc_bs_util(fc_sal_dist(ya, g->b_rcvr, sa, D), m->R[a]);
        g->ubar[a] = ((m->ubar_sq[a] - ui[a]) - ur[a]) + g->u_init[a] + g->u_rcvr[a];
    }
}

/* Resolution of actor k's queue: probabilities of its options. */
static void resolve(void *ctx, size_t k)
{
    fc_smp *m = ctx;
    const size_t n = m->n, qcap = 2 * n + 1;
    long *q = m->queue + k * qcap;
    size_t nq = 0;
    q[nq++] = -1;
    for (size_t b = 0; b < m->n_brg; b++)
        if (m->brg[b].init == k || m->brg[b].rcvr == k)
            q[nq++] = (long)b;
    m->n_choice[k] = nq;
    double *pk = m->choice_p + k * qcap;
    if (nq == 1) {
        pk[0] = 1.0;
        return;
    }
    double *u = malloc(n * nq * sizeof *u);
    if (!u) {
        m->failed = 1;
        return;
    }
    for (size_t a = 0; a < n; a++)
        for (size_t o = 0; o < nq; o++)
            u[a * nq + o] = (q[o] < 0 ? m->ubar_sq[a] : m->brg[q[o]].ubar[a]) / (double)n;
    fc_pce_ws ws = {0};
    if (fc_scalar_pce(n, nq, m->cap, u, m->p.voting_rule, m->p.victory_prob_model, m->p.pce_model,
                      pk, &ws, 1) != 0)
        m->failed = 1;
    fc_pce_ws_free(&ws);
    free(u);
}

static size_t pick(const double *p, size_t nq, gsl_rng *rng)
{
    if (rng) {
        const double r = gsl_rng_uniform(rng);
        double cum = 0.0;
        for (size_t o = 0; o < nq; o++) {
            cum += p[o];
            if (cum >= r)
                return o;
        }
        return nq - 1;
    }
    size_t best = 0;
    for (size_t o = 1; o < nq; o++)
        if (p[o] > p[best])
            best = o;
    return best;
}

int fc_smp_turn(fc_smp *m)
{
    const size_t n = m->n, D = m->D;
    turn_ctx tc = {m, malloc(n * sizeof(double))};
    if (!tc.extra_p)
        return -1;
    m->failed = 0;
    fc_parallel_for(n, m->threads, find_target, &tc);
    if (m->failed) {
        free(tc.extra_p);
        return -1;
    }
    m->n_brg = 0;
    for (size_t i = 0; i < n; i++) {
        if (m->target[i] < 0)
            continue;
        const size_t j = (size_t)m->target[i];
        fc_bargain *g = &m->brg[m->n_brg++];
        g->init = i;
        g->rcvr = j;
        interpolate(m, i, j, m->target_p[i], g->b_init, g->b_rcvr);
        if (m->p.bargn_model == PARLEY_BRGN_INITONLY)
            continue;
        fc_bargain *h = &m->brg[m->n_brg];
        h->init = i;
        h->rcvr = j;
        interpolate(m, i, j, tc.extra_p[i], h->b_init, h->b_rcvr);
        if (m->p.bargn_model == PARLEY_BRGN_INITRCVR) {
            m->n_brg++;
            continue;
        }
        /* PWCompInterp: one bargain, capability-weighted mix of the two views */
        const double ci = m->cap[i], cj = m->p.ktab_bargain_bugs ? m->cap[i] : m->cap[j];
        for (size_t d = 0; d < D; d++) {
            g->b_init[d] = (ci * g->b_init[d] + cj * h->b_init[d]) / (ci + cj);
            g->b_rcvr[d] = (ci * g->b_rcvr[d] + cj * h->b_rcvr[d]) / (ci + cj);
        }
    }
    free(tc.extra_p);
    for (size_t a = 0; a < n; a++)
        m->ubar_sq[a] = 0.0;
    for (size_t t = 0; t < n; t++)
        for (size_t a = 0; a < n; a++)
            m->ubar_sq[a] += m->uownT[t * n + a];
    fc_parallel_for(m->n_brg, m->threads, bargain_utils, m);
    m->failed = 0;
    fc_parallel_for(n, m->threads, resolve, m);
    if (m->failed)
        return -1;
    const size_t qcap = 2 * n + 1;
    memcpy(m->x_new, m->x, n * D * sizeof *m->x);
    for (size_t k = 0; k < n; k++) {
        const size_t o = pick(m->choice_p + k * qcap, m->n_choice[k], m->rng);
        const long b = m->queue[k * qcap + o];
        if (b < 0)
            continue;
        const fc_bargain *g = &m->brg[b];
        const double *src = g->init == k ? g->b_init : g->b_rcvr;
        memcpy(m->x_new + k * D, src, D * sizeof *src);
    }
    /* new ideals: y_i <- sum_j A_ij x_j + (1 - sum_j A_ij) y_i */
    if (m->A) {
        for (size_t i = 0; i < n; i++) {
            const double *Ai = m->A + i * n;
            double row = 0.0;
            for (size_t j = 0; j < n; j++)
                row += Ai[j];
            for (size_t d = 0; d < D; d++) {
                double s = 0.0;
                for (size_t j = 0; j < n; j++)
                    s += Ai[j] * m->x_new[j * D + d];
                m->y[i * D + d] = s + (1.0 - row) * m->y[i * D + d];
            }
        }
    } else {
        memcpy(m->y, m->x_new, n * D * sizeof *m->y);
    }
    memcpy(m->x, m->x_new, n * D * sizeof *m->x);
    return 0;
}
