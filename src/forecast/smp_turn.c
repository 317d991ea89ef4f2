/*
 * forecast/smp_turn.c — one SMP turn (KTAB SMPState::doBCN, README §B
 * 9.3-9.4): every actor picks its best challenge (probEduChlg from its own
 * point of view, smp_challenge.c), proposes a bargain interpolated between the two
 * positions, every actor resolves the bargains in its queue by a PCE over
 * all actors' average utilities, and all move at once; ideals follow the
 * accommodation matrix.
 */
#include "forecast/smp.h"
#include "core/parallel.h"

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
        w->rr[t] = parleyp_fc_smp_est_risk(m, m->R[h], m->R[t]);
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
    const long bj = parleyp_fc_smp_best_challenge(m, i, w.rr, w.uni, w.unn, &best_p);
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
        if (parleyp_fc_smp_challenge_eval(m, i, (size_t)bj, w.rr, w.uni, w.unn, &p, &delta) != 0)
            m->failed = 1;
        tc->extra_p[i] = m->p.ktab_bargain_bugs ? delta : p;
    }
    free(sc);
}

/* Every actor a's utility of bargain b's two new positions (KTAB
 * SMPActor::posUtil: a's true risk attitude R_a). */
static void bargain_utils(void *ctx, size_t b)
{
    fc_smp *m = ctx;
    fc_bargain *g = &m->brg[b];
    const size_t n = m->n, D = m->D;
    for (size_t a = 0; a < n; a++) {
        const double *ya = m->y + a * D, *sa = m->s + a * D;
        g->u_init[a] = fc_bs_util(parleyp_fc_sal_dist(ya, g->b_init, sa, D), m->R[a]);
        g->u_rcvr[a] = fc_bs_util(parleyp_fc_sal_dist(ya, g->b_rcvr, sa, D), m->R[a]);
    }
}

/* The state sums in KTAB's order (updateBestBrgnPositions, its brgnUtil;
 * the 1/N is applied to the total, in resolve):
 *   status quo:  0 + u_a0 + u_a1 + ... + u_a,N-1;
 *   bargain b:   ((0 + u_init) + u_rcvr) + u_an for every n other than I
 *                and R, in increasing n,
 * with u_an = u^a_an (uownP) and u_init, u_rcvr as in bargain_utils. The
 * order shows: where actors share a position, bargains (and the status
 * quo) tie up to rounding, and the first maximum of the resolution wins
 * (tests/forecast/test_bargain.c has a four-actor case; DEU III scores
 * 24.86 in this order, 24.80 with the status quo's sum and the two terms
 * swapped). As b's sum starts from its own two terms, no partial sum of
 * the status quo's can be reused: each of the N^2 (actor, bargain) sums
 * costs N additions, O(N^3) per turn. They run register-tiled: FC_SMP_TILE
 * actors by SUM_B bargains of running sums, so each stretch of a tile of
 * uownP is read once for SUM_B bargains; a bargain skips its I and R by
 * splitting the pass over n there. Every sum keeps its order. */
enum { SUM_B = 4 };

/* acc[b * TILE + w] += p[t * TILE + w] for t in [t0, t1), every b < SUM_B. */
FC_VECTOR_CLONES
static void sum_stretch(double *restrict acc, const double *restrict p, size_t t0, size_t t1)
{
    double r[SUM_B][FC_SMP_TILE];
    for (size_t b = 0; b < SUM_B; b++)
        for (size_t w = 0; w < FC_SMP_TILE; w++)
            r[b][w] = acc[b * FC_SMP_TILE + w];
    for (size_t t = t0; t < t1; t++) {
        const double *c = p + t * FC_SMP_TILE;
        for (size_t b = 0; b < SUM_B; b++)
            for (size_t w = 0; w < FC_SMP_TILE; w++)
                r[b][w] += c[w];
    }
    for (size_t b = 0; b < SUM_B; b++)
        for (size_t w = 0; w < FC_SMP_TILE; w++)
            acc[b * FC_SMP_TILE + w] = r[b][w];
}

/* Bargains g[0..nb) (nb <= SUM_B), the actors of tile p (from a0, len). */
static void sum_block(const double *p, size_t n, size_t a0, size_t len, fc_bargain *g, size_t nb)
{
    double acc[SUM_B * FC_SMP_TILE] = {0};
    size_t skip[2 * SUM_B], ns = 0;
    for (size_t b = 0; b < nb; b++) {
        for (size_t w = 0; w < len; w++)
            acc[b * FC_SMP_TILE + w] = g[b].u_init[a0 + w] + g[b].u_rcvr[a0 + w];
        for (size_t e = 0; e < 2; e++) { /* insertion sort of the skipped n */
            size_t v = e ? g[b].rcvr : g[b].init, k = ns++;
            for (; k > 0 && skip[k - 1] > v; k--)
                skip[k] = skip[k - 1];
            skip[k] = v;
        }
    }
    size_t t0 = 0;
    for (size_t k = 0; k < ns; k++) {
        const size_t t = skip[k];
        if (t < t0) /* skipped by several bargains, done */
            continue;
        sum_stretch(acc, p, t0, t);
        const double *c = p + t * FC_SMP_TILE;
        for (size_t b = 0; b < nb; b++)
            if (g[b].init != t && g[b].rcvr != t)
                for (size_t w = 0; w < FC_SMP_TILE; w++)
                    acc[b * FC_SMP_TILE + w] += c[w];
        t0 = t + 1;
    }
    sum_stretch(acc, p, t0, n);
    for (size_t b = 0; b < nb; b++)
        memcpy(g[b].ubar + a0, acc + b * FC_SMP_TILE, len * sizeof *acc);
}

/* One tile of actors: the status quo's sums and every bargain's. */
static void sum_tile(void *ctx, size_t tile)
{
    fc_smp *m = ctx;
    const size_t n = m->n, a0 = tile * FC_SMP_TILE;
    const size_t len = n - a0 < FC_SMP_TILE ? n - a0 : FC_SMP_TILE;
    const double *p = m->uownP + tile * n * FC_SMP_TILE;
    double sq[FC_SMP_TILE] = {0};
    for (size_t t = 0; t < n; t++)
        for (size_t w = 0; w < FC_SMP_TILE; w++)
            sq[w] += p[t * FC_SMP_TILE + w];
    memcpy(m->ubar_sq + a0, sq, len * sizeof *sq);
    for (size_t b = 0; b < m->n_brg; b += SUM_B)
        sum_block(p, n, a0, len, m->brg + b, m->n_brg - b < SUM_B ? m->n_brg - b : SUM_B);
}

void parleyp_fc_smp_bargain_sums(fc_smp *m)
{
    parleyp_pc_parallel_items((m->n + FC_SMP_TILE - 1) / FC_SMP_TILE, m->threads, sum_tile, m);
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
    if (parleyp_fc_scalar_pce(n, nq, m->cap, u, m->p.voting_rule, m->p.victory_prob_model,
                              m->p.pce_model, pk, &ws, 1) != 0)
        m->failed = 1;
    parleyp_fc_pce_ws_free(&ws);
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

int parleyp_fc_smp_turn(fc_smp *m)
{
    const size_t n = m->n, D = m->D;
    turn_ctx tc = {m, malloc(n * sizeof(double))};
    if (!tc.extra_p)
        return -1;
    m->failed = 0;
    parleyp_pc_parallel_items(n, m->threads, find_target, &tc);
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
    parleyp_pc_parallel_items(m->n_brg, m->threads, bargain_utils, m);
    parleyp_fc_smp_bargain_sums(m);
    m->failed = 0;
    parleyp_pc_parallel_items(n, m->threads, resolve, m);
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
