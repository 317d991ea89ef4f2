/*
 * forecast/kernels.c — KTAB's voting building blocks (kmodel.cpp), used by
 * every SMP computation that turns utilities into probabilities:
 *
 *   vote        one actor's (weighted) vote between two options;
 *   coalitions  C(i,j) = 1e-8 + sum_k [vote_k(i over j)]^+ ;
 *   victory     V(i,j) from C by the VictoryProbModel;
 *   PCE         probability that each option is the Condorcet winner
 *               (Conditional, MarkovUniform, MarkovIncentive).
 *
 * The arithmetic follows README §B 9.1 term by term so that results agree
 * with KTAB's printed values digit for digit.
 */
#include "forecast/fc_internal.h"
#include "core/parallel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void parleyp_fc_pce_ws_free(fc_pce_ws *ws)
{
    free(ws->c);
    free(ws->v);
    free(ws->a);
    free(ws->b);
    memset(ws, 0, sizeof *ws);
}

static int ws_reserve(fc_pce_ws *ws, size_t m)
{
    size_t need = m * m;
    if (need < 4 * m)
        need = 4 * m;
    if (need <= ws->cap)
        return 0;
    double *c = realloc(ws->c, need * sizeof *c);
    if (c)
        ws->c = c;
    double *v = realloc(ws->v, need * sizeof *v);
    if (v)
        ws->v = v;
    double *a = realloc(ws->a, need * sizeof *a);
    if (a)
        ws->a = a;
    double *b = realloc(ws->b, need * sizeof *b);
    if (b)
        ws->b = b;
    if (!c || !v || !a || !b)
        return -1;
    ws->cap = need;
    return 0;
}

static double vpm_f(parley_vpm vpm, double z)
{
    switch (vpm) {
    case PARLEY_VPM_SQUARE:
        return z * z;
    case PARLEY_VPM_QUARTIC:
        return (z * z) * (z * z);
    case PARLEY_VPM_OCTIC: {
        double q = (z * z) * (z * z);
        return q * q;
    }
    default:
        return z;
    }
}

/* V(i,j) into v from coalition strengths c (m x m). */
static void victory(parley_vpm vpm, size_t m, const double *c, double *v)
{
    for (size_t i = 0; i < m; i++) {
        v[i * m + i] = 0.5;
        for (size_t j = i + 1; j < m; j++) {
            const double s1 = c[i * m + j], s2 = c[j * m + i];
            double pij, pji;
            if (vpm == PARLEY_VPM_BINARY) {
                if (s1 >= 1.1 * s2) {
                    pij = 1.0 / (1.0 + 1e-6);
                    pji = 1e-6 / (1.0 + 1e-6);
                } else if (s2 >= 1.1 * s1) {
                    pij = 1e-6 / (1.0 + 1e-6);
                    pji = 1.0 / (1.0 + 1e-6);
                } else {
                    const double r = s1 / (s1 + s2);
                    pij = (2.1 * r - 1.0) / 0.1;
                    pji = 1.0 - pij;
                }
            } else {
                const double f1 = vpm_f(vpm, s1), f2 = vpm_f(vpm, s2);
                pij = f1 / (f1 + f2);
                pji = f2 / (f1 + f2);
            }
            v[i * m + j] = pij;
            v[j * m + i] = pji;
        }
    }
}

/* Conditional PCE: P_i = prod_j V(i,j) / sum_l prod_j V(l,j); falls back
 * to logarithms when the products underflow (hundreds of options). */
static void cond_pce(size_t m, const double *v, double *p)
{
    double sum = 0.0;
    for (size_t i = 0; i < m; i++) {
        double pi = 1.0;
        for (size_t j = 0; j < m; j++)
            pi = pi * v[i * m + j];
        p[i] = pi;
        sum += pi;
    }
    if (sum > 1e-250) {
        for (size_t i = 0; i < m; i++)
            p[i] = p[i] / sum;
        return;
    }
    double mx = -HUGE_VAL;
    for (size_t i = 0; i < m; i++) {
        double l = 0.0;
        for (size_t j = 0; j < m; j++)
            l += log(v[i * m + j]);
        p[i] = l;
        if (l > mx)
            mx = l;
    }
    sum = 0.0;
    for (size_t i = 0; i < m; i++) {
        p[i] = exp(p[i] - mx);
        sum += p[i];
    }
    for (size_t i = 0; i < m; i++)
        p[i] /= sum;
}

/* The Markov PCEs iterate p <- (p + q) / 2 from the uniform p until no
 * q_i differs from p_i by more than a tolerance; q = step(p) is what
 * distinguishes them. Returns max_i |q_i - p_i| before the update. */
static double markov_damp(size_t m, double *p, const double *q)
{
    double change = 0.0;
    for (size_t i = 0; i < m; i++) {
        const double dq = fabs(q[i] - p[i]);
        if (dq > change)
            change = dq;
    }
    for (size_t i = 0; i < m; i++)
        p[i] = 0.5 * (p[i] + q[i]);
    return change;
}

static void markov_uniform(size_t m, const double *v, double *p, double *q)
{
    for (size_t i = 0; i < m; i++)
        p[i] = 1.0 / (double)m;
    for (int iter = 0; iter < 100000; iter++) {
        for (size_t i = 0; i < m; i++) {
            double s = 0.0;
            for (size_t j = 0; j < m; j++)
                s += v[i * m + j] * (p[i] + p[j]);
            q[i] = s / (double)m;
        }
        if (markov_damp(m, p, q) <= 1e-6)
            break;
    }
}

static void markov_incentive(size_t m, const double *c, const double *v, double *p, double *q,
                             double *k)
{
    /* k(i,j): probability that i is the challenger of j */
    for (size_t j = 0; j < m; j++) {
        double col = 0.0;
        for (size_t i = 0; i < m; i++) {
            double n = c[i * m + j] * v[i * m + j] + (i == j ? 1e-10 : 0.0);
            k[i * m + j] = n;
            col += n;
        }
        for (size_t i = 0; i < m; i++)
            k[i * m + j] /= col;
    }
    for (size_t i = 0; i < m; i++)
        p[i] = 1.0 / (double)m;
    for (int iter = 0; iter < 100000; iter++) {
        for (size_t i = 0; i < m; i++) {
            double s = 0.0;
            for (size_t j = 0; j < m; j++) {
                const double ct_ij = p[i] * k[j * m + i];
                const double ct_ji = p[j] * k[i * m + j];
                s += v[i * m + j] * (ct_ij + ct_ji);
            }
            q[i] = s;
        }
        if (markov_damp(m, p, q) <= 1e-8)
            break;
    }
}

typedef struct coal_ctx {
    size_t nv, m;
    const double *w, *u; /* u[voter * m + opt] */
    parley_vr vr;
    double *c;
    double *ct; /* m x m scratch: ct[i * m + j] = C(j,i) - 1e-8 for j > i */
} coal_ctx;

/* For every j in [lo, m): ci[j] += [v]^+ and cti[j] += [-v]^+ with
 * v = wk (uki - uk[j]), voter k's Prop vote for option i over j. Its vote
 * for j over i is wk (uk[j] - uki) = -v exactly (IEEE subtraction and
 * multiplication are symmetric in sign), so one pass gives both C(i,j) and
 * C(j,i). [v]^+ is v > 0 ? v : 0 and [-v]^+ = [v]^+ - v, both exact. */
FC_VECTOR_CLONES
static void coal_add_prop(size_t lo, size_t m, double *restrict ci, double *restrict cti,
                          const double *restrict uk, double wk, double uki)
{
    for (size_t j = lo; j < m; j++) {
        const double v = wk * (uki - uk[j]);
        const double p = v > 0.0 ? v : 0.0;
        ci[j] += p;
        cti[j] += p - v;
    }
}

/* coal_add_prop for four rows i..i+3 at once, so that each voter's
 * utilities uk[j] are read once for four rows: the coalition build streams
 * the whole voter x option matrix per pass and is bound by that traffic. */
FC_VECTOR_CLONES
static void coal_add_prop4(size_t lo, size_t hi, const double *restrict uk, double wk,
                           const double uki[4], double *restrict c0, double *restrict c1,
                           double *restrict c2, double *restrict c3, double *restrict t0,
                           double *restrict t1, double *restrict t2, double *restrict t3)
{
    const double a0 = uki[0], a1 = uki[1], a2 = uki[2], a3 = uki[3];
    for (size_t j = lo; j < hi; j++) {
        const double x = uk[j];
        const double v0 = wk * (a0 - x), v1 = wk * (a1 - x), v2 = wk * (a2 - x), v3 = wk * (a3 - x);
        const double p0 = v0 > 0.0 ? v0 : 0.0, p1 = v1 > 0.0 ? v1 : 0.0, p2 = v2 > 0.0 ? v2 : 0.0,
                     p3 = v3 > 0.0 ? v3 : 0.0;
        c0[j] += p0;
        c1[j] += p1;
        c2[j] += p2;
        c3[j] += p3;
        t0[j] += p0 - v0;
        t1[j] += p1 - v1;
        t2[j] += p2 - v2;
        t3[j] += p3 - v3;
    }
}

/* Options per j-tile of the four-row pass: eight 2 KB rows of sums stay in
 * the L1 cache while the voters go by. */
#define COAL_TILE ((size_t)256)

/* Rows 4b..4b+3 of the coalition matrix: C(i,j) = 1e-8 + sum_k
 * [vote_k(i over j)]^+, each C(i,j) summed over voters k in order, as KTAB
 * does; the loops run over j innermost so that they vectorise without
 * reordering any sum. Under Prop, row i also yields C(j,i) for j > i (into
 * ct, see coal_add_prop) and only j > i is needed; the four-row pass also
 * fills some j <= i, which the transpose in coalitions() overwrites. */
static void coal_rows(void *ctx, size_t b)
{
    const coal_ctx *cc = ctx;
    const size_t m = cc->m, nv = cc->nv, i0 = 4 * b, i1 = i0 + 4 < m ? i0 + 4 : m;
    const bool prop = cc->vr == PARLEY_VR_PROP;
    for (size_t i = i0; i < i1; i++)
        for (size_t j = 0; j < m; j++) {
            cc->c[i * m + j] = 0.0;
            cc->ct[i * m + j] = 0.0;
        }
    if (prop && i1 - i0 == 4) {
        double *c = cc->c + i0 * m, *t = cc->ct + i0 * m;
        for (size_t lo = i0 + 1; lo < m; lo += COAL_TILE) {
            const size_t hi = lo + COAL_TILE < m ? lo + COAL_TILE : m;
            for (size_t k = 0; k < nv; k++) {
                const double *uk = cc->u + k * m;
                coal_add_prop4(lo, hi, uk, cc->w[k], uk + i0, c, c + m, c + 2 * m, c + 3 * m, t,
                               t + m, t + 2 * m, t + 3 * m);
            }
        }
    } else {
        for (size_t i = i0; i < i1; i++) {
            double *ci = cc->c + i * m, *cti = cc->ct + i * m;
            for (size_t k = 0; k < nv; k++) {
                const double *uk = cc->u + k * m, wk = cc->w[k], uki = uk[i];
                if (prop) {
                    coal_add_prop(i + 1, m, ci, cti, uk, wk, uki);
                } else {
                    for (size_t j = 0; j < m; j++)
                        ci[j] += fc_pos_part(fc_vote(cc->vr, wk, uki, uk[j]));
                }
            }
        }
    }
    for (size_t i = i0; i < i1; i++) {
        double *ci = cc->c + i * m;
        for (size_t j = prop ? i : 0; j < m; j++)
            ci[j] = j == i ? 1e-8 : 1e-8 + ci[j];
    }
}

/* Coalitions c (m x m) of options with utilities u[voter * m + opt];
 * scratch: m x m doubles. */
static void coalitions(size_t n_voters, size_t m, const double *w, const double *u, parley_vr vr,
                       double *c, double *scratch, int threads)
{
    coal_ctx cc = {n_voters, m, w, u, vr, c, scratch};
    /* rows shrink with i under Prop: handed out dynamically, largest first */
    const size_t blocks = (m + 3) / 4;
    if (threads != 1 && m * m * n_voters > 200000)
        parleyp_pc_parallel_items(blocks, threads, coal_rows, &cc);
    else
        for (size_t b = 0; b < blocks; b++)
            coal_rows(&cc, b);
    if (vr == PARLEY_VR_PROP)
        for (size_t i = 0; i < m; i++)
            for (size_t j = i + 1; j < m; j++)
                c[j * m + i] = 1e-8 + scratch[i * m + j];
}

static void pce_from_coalitions(size_t m, parley_vpm vpm, parley_pcem pcem, double *p,
                                fc_pce_ws *ws);

int parleyp_fc_scalar_pce(size_t n_voters, size_t n_opts, const double *w, const double *u,
                          parley_vr vr, parley_vpm vpm, parley_pcem pcem, double *p, fc_pce_ws *ws,
                          int threads)
{
    const size_t m = n_opts;
    if (m == 0)
        return 0;
    if (m == 1) {
        p[0] = 1.0;
        return 0;
    }
    if (ws_reserve(ws, m) != 0)
        return -1;
    coalitions(n_voters, m, w, u, vr, ws->c, ws->v, threads);
    pce_from_coalitions(m, vpm, pcem, p, ws);
    return 0;
}

int parleyp_fc_scalar_pce_grouped(size_t n_voters, size_t n_opts, const size_t *group,
                                  size_t n_groups, const double *w, const double *ug, parley_vr vr,
                                  parley_vpm vpm, parley_pcem pcem, double *p, fc_pce_ws *ws,
                                  int threads)
{
    const size_t m = n_opts, g = n_groups;
    if (m == 0)
        return 0;
    if (m == 1) {
        p[0] = 1.0;
        return 0;
    }
    if (ws_reserve(ws, m) != 0)
        return -1;
    double *cg = ws->a; /* g x g fits: free until pce_from_coalitions */
    coalitions(n_voters, g, w, ug, vr, cg, ws->v, threads);
    /* options of one group have equal utilities for every voter: every vote
     * between them is 0, so their coalition strength is 1e-8 */
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++)
            ws->c[i * m + j] = group[i] == group[j] ? 1e-8 : cg[group[i] * g + group[j]];
    pce_from_coalitions(m, vpm, pcem, p, ws);
    return 0;
}

static void pce_from_coalitions(size_t m, parley_vpm vpm, parley_pcem pcem, double *p,
                                fc_pce_ws *ws)
{
    double *c = ws->c, *v = ws->v;
    victory(vpm, m, c, v);
    switch (pcem) {
    case PARLEY_PCE_MARKOV_UNIFORM:
        markov_uniform(m, v, p, ws->a);
        break;
    case PARLEY_PCE_MARKOV_INCENTIVE:
        markov_incentive(m, c, v, p, ws->a, ws->b);
        break;
    default:
        cond_pce(m, v, p);
        break;
    }
}
