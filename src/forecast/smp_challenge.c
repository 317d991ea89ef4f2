/*
 * forecast/smp_challenge.c — an initiator's best challenge (KTAB
 * SMPActor::bestChallenge with probEduChlg from its own view, README §B
 * 9.3), the hot spot of an SMP turn.
 *
 * For initiator i and every other actor j, p_j = P^i(i beats j) is a PCE
 * of i, j and every third party t's vote, which costs a pass over all n
 * third parties per j, so O(n^2) per initiator and O(n^3) per turn. i's
 * expected gain of challenging j is
 *
 *   delta_j = chlg - sq = D_j (1 - 2 sigma_j (1 - p_j)),  D_j = u_ii - u_ij,
 *
 * and the answer is the first j (in index order) with the largest
 * delta_j > 1e-5. Because 0 <= p_j <= 1, delta_j never exceeds
 *
 *   B_j = max(D_j, (1 - 2 sigma_j) D_j),
 *
 * which costs nothing to compute. The search is therefore branch and
 * bound: candidates are evaluated in chunks in decreasing order of B_j,
 * and it stops once the next B_j, plus a margin some million times any
 * rounding error, is below the best gain found. Every j that could be the
 * answer is evaluated with exactly KTAB's operations in KTAB's order (the
 * third parties' votes summed over t in increasing order), so the result
 * is bit for bit that of evaluating every j (tests/forecast/test_challenge.c);
 * on KTAB-style 1000-actor scenarios 10-40 % of the candidates need
 * evaluating.
 */
#include "forecast/smp.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Candidates evaluated together: their running sums stay in the L1 cache
 * and their packed distance columns (n x CHUNK doubles) in the L2 cache
 * while t runs over all third parties. 32 and 64 measure the same on the
 * 1000-actor benchmark, 16 and 128 are 6-12 % slower. */
#define CHUNK 64

/* Third party t's votes for i against candidates k in [lo, hi) (distance
 * dk[k] from t's ideal to candidate k's position) under the default rules
 * (VotingRule Prop, ThirdPartyCommit SemiCommit): the operations of
 * votes_generic below, written so that GCC vectorises the loop. */
FC_VECTOR_CLONES
static void votes_prop_semi(size_t lo, size_t hi, const double *restrict dk,
                            const double *restrict sp0, const double *restrict sm0,
                            double *restrict sp, double *restrict sm, double u_ni, double u_nn,
                            double r, double om)
{
    /* [z]^+ is z > 0 ? z : 0 (a compare and a masked move) and
     * [-z]^+ = [z]^+ - z, exact in both cases. Distances are at most 1
     * (fc_sal_dist clamps rounding), so fc_bs_util is (1 - d)(1 + d r). */
    for (size_t k = lo; k < hi; k++) {
        const double d = dk[k];
        const double u_nj = (1.0 - d) * (1.0 + d * r);
        const double v0 = om * (u_ni - u_nj);
        const double vp = v0 > 0.0 ? v0 : 0.0, vm = vp - v0;
        const double pin = (sp0[k] + vp) / (sp0[k] + vp + sm0[k] + vm);
        const double eu_i = pin * (2.0 * u_ni + u_nn) + (1.0 - pin) * (3.0 * u_nj);
        const double eu_j = pin * (3.0 * u_ni) + (1.0 - pin) * (2.0 * u_nj + u_nn);
        const double v = om * (eu_i - eu_j);
        const double p = v > 0.0 ? v : 0.0;
        sp[k] += p;
        sm[k] += p - v;
    }
}

/* The same for any voting rule and third-party commitment. */
static void votes_generic(const fc_smp *m, size_t lo, size_t hi, const double *dk,
                          const double *sp0, const double *sm0, double *sp, double *sm, double u_ni,
                          double u_nn, double r, double om)
{
    const parley_vr vr = m->p.voting_rule;
    const parley_tpc tpc = m->p.third_party_commit;
    for (size_t k = lo; k < hi; k++) {
        const double u_nj = fc_bs_util(dk[k], r);
        const double v0 = fc_vote(vr, om, u_ni, u_nj);
        const double pin =
            (sp0[k] + fc_pos_part(v0)) / (sp0[k] + fc_pos_part(v0) + sm0[k] + fc_pos_part(-v0));
        double eu_i, eu_j;
        if (tpc == PARLEY_TPC_FULLCOMMIT) {
            eu_i = pin * (3.0 * u_ni) + (1.0 - pin) * (3.0 * u_nj);
            eu_j = pin * (3.0 * u_ni) + (1.0 - pin) * (3.0 * u_nj);
        } else if (tpc == PARLEY_TPC_NOCOMMIT) {
            eu_i = pin * (2.0 * u_ni + u_nn) + (1.0 - pin) * (2.0 * u_nj + u_nn);
            eu_j = pin * (2.0 * u_ni + u_nn) + (1.0 - pin) * (2.0 * u_nj + u_nn);
        } else {
            eu_i = pin * (2.0 * u_ni + u_nn) + (1.0 - pin) * (3.0 * u_nj);
            eu_j = pin * (3.0 * u_ni) + (1.0 - pin) * (2.0 * u_nj + u_nn);
        }
        const double v = fc_vote(vr, om, eu_i, eu_j);
        sp[k] += fc_pos_part(v);
        sm[k] += fc_pos_part(-v);
    }
}

typedef struct cand {
    double bound; /* B_j */
    uint32_t j;
} cand;

/* Candidates leave a binary max-heap in decreasing order of bound (ties:
 * lower index first); only those evaluated are ever ordered. */
static bool cand_before(cand a, cand b)
{
    return a.bound > b.bound || (a.bound == b.bound && a.j < b.j);
}

static void heap_sift_down(cand *h, size_t n, size_t k)
{
    for (;;) {
        size_t top = k, l = 2 * k + 1, r = l + 1;
        if (l < n && cand_before(h[l], h[top]))
            top = l;
        if (r < n && cand_before(h[r], h[top]))
            top = r;
        if (top == k)
            return;
        const cand tmp = h[k];
        h[k] = h[top];
        h[top] = tmp;
        k = top;
    }
}

static cand heap_pop(cand *h, size_t *n)
{
    const cand first = h[0];
    h[0] = h[--*n];
    heap_sift_down(h, *n, 0);
    return first;
}

/* The 8 x 8 transpose below uses GNU vector extensions and
 * __builtin_shufflevector (GCC 12 and later, clang); elsewhere the packing
 * is a plain copy loop with the same result. */
#if defined(__GNUC__) && defined(__has_builtin)
#if __has_builtin(__builtin_shufflevector)
#define FC_HAVE_SHUFFLE 1
#endif
#endif

#ifdef FC_HAVE_SHUFFLE
typedef double v8d __attribute__((vector_size(64)));

/* out[t * K + k] = in[k][t] for t in [t0, t0 + 8), k in [k0, k0 + 8):
 * an 8 x 8 transpose in three rounds of two-input shuffles. */
__attribute__((always_inline)) static inline void transpose8(const double *const in[8], size_t t0,
                                                             double *out, size_t K, size_t k0)
{
    v8d r[8], a[8], b[8];
    for (int q = 0; q < 8; q++)
        memcpy(&r[q], in[q] + t0, sizeof r[q]);
    for (int q = 0; q < 8; q += 2) {
        a[q] = __builtin_shufflevector(r[q], r[q + 1], 0, 8, 2, 10, 4, 12, 6, 14);
        a[q + 1] = __builtin_shufflevector(r[q], r[q + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    }
    for (int q = 0; q < 8; q += 4) {
        b[q] = __builtin_shufflevector(a[q], a[q + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        b[q + 1] = __builtin_shufflevector(a[q + 1], a[q + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        b[q + 2] = __builtin_shufflevector(a[q], a[q + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        b[q + 3] = __builtin_shufflevector(a[q + 1], a[q + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int q = 0; q < 4; q++) {
        const v8d x = __builtin_shufflevector(b[q], b[q + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        const v8d y = __builtin_shufflevector(b[q], b[q + 4], 4, 5, 6, 7, 12, 13, 14, 15);
        memcpy(out + (t0 + (size_t)q) * K + k0, &x, sizeof x);
        memcpy(out + (t0 + (size_t)q + 4) * K + k0, &y, sizeof y);
    }
}
#endif

/* pack[t * K + k] = d_{t, jx[k]} for every t: the candidates' columns of
 * the distance matrix (rows of its transpose), laid out so that the vote
 * kernels read them contiguously. Copies only: bit for bit the same data. */
FC_VECTOR_CLONES
static void pack_columns(const double *distT, size_t n, const uint32_t *jx, size_t K,
                         double *restrict pack)
{
    size_t K8 = 0;
#ifdef FC_HAVE_SHUFFLE
    const size_t n8 = n & ~(size_t)7;
    K8 = K & ~(size_t)7;
    for (size_t k0 = 0; k0 < K8; k0 += 8) {
        const double *in[8];
        for (int q = 0; q < 8; q++)
            in[q] = distT + (size_t)jx[k0 + (size_t)q] * n;
        for (size_t t0 = 0; t0 < n8; t0 += 8)
            transpose8(in, t0, pack, K, k0);
        for (size_t t = n8; t < n; t++)
            for (int q = 0; q < 8; q++)
                pack[t * K + k0 + (size_t)q] = in[q][t];
    }
#endif
    for (size_t k = K8; k < K; k++) {
        const double *col = distT + (size_t)jx[k] * n;
        for (size_t t = 0; t < n; t++)
            pack[t * K + k] = col[t];
    }
}

/* Evaluates candidates jx[0..K): p and delta of each (i's view). */
static void eval_chunk(const fc_smp *m, size_t i, const double *rr, const double *uni,
                       const double *unn, const uint32_t *jx, size_t K, const int32_t *slot,
                       double *pack, double *p_out, double *d_out)
{
    const size_t n = m->n;
    const parley_vr vr = m->p.voting_rule;
    const bool fast = vr == PARLEY_VR_PROP && m->p.third_party_commit == PARLEY_TPC_SEMICOMMIT;
    const double u_ii = uni[i];
    double sp0[CHUNK], sm0[CHUNK], sp[CHUNK], sm[CHUNK], uij[CHUNK];
    pack_columns(m->distT, n, jx, K, pack);
    for (size_t k = 0; k < K; k++) {
        const size_t j = jx[k];
        uij[k] = fc_bs_util(m->dist[i * n + j], rr[i]);
        const double a_i = fc_vote(vr, m->omega[i], u_ii, uij[k]);
        const double a_j = fc_vote(vr, m->omega[j], uni[j], unn[j]);
        sp0[k] = 1e-10 + fc_pos_part(a_i) + fc_pos_part(a_j);
        sm0[k] = 1e-10 + fc_pos_part(-a_i) + fc_pos_part(-a_j);
        sp[k] = sp0[k];
        sm[k] = sm0[k];
    }
    for (size_t t = 0; t < n; t++) {
        if (t == i)
            continue;
        const double u_ni = uni[t], u_nn = unn[t], r = rr[t], om = m->omega[t];
        const double *dk = pack + t * K; /* d_{t,jx[k]} */
        /* t does not vote on its own challenge: skip the candidate j == t */
        const size_t kt = slot[t] >= 0 ? (size_t)slot[t] : K;
        for (int part = 0; part < 2; part++) {
            const size_t lo = part ? kt + 1 : 0, hi = part ? K : kt;
            if (lo >= hi)
                continue;
            if (fast)
                votes_prop_semi(lo, hi, dk, sp0, sm0, sp, sm, u_ni, u_nn, r, om);
            else
                votes_generic(m, lo, hi, dk, sp0, sm0, sp, sm, u_ni, u_nn, r, om);
        }
    }
    for (size_t k = 0; k < K; k++) {
        const double p = sp[k] / (sp[k] + sm[k]);
        const double u_ki = u_ii, u_kj = uij[k];
        const double sq = u_ki + u_kj;
        const double vict = 2.0 * u_ki, loss = 2.0 * u_kj;
        const double contest = p * vict + (1.0 - p) * loss;
        const double sj = m->sigma[jx[k]];
        const double chlg = (1.0 - sj) * vict + sj * contest;
        p_out[k] = p;
        d_out[k] = chlg - sq;
    }
}

long parleyp_fc_smp_best_challenge(const fc_smp *m, size_t i, const double *rr, const double *uni,
                                   const double *unn, double *p_best)
{
    const size_t n = m->n;
    cand *c = malloc(n * sizeof *c);
    int32_t *slot = malloc(n * sizeof *slot);
    double *pack = malloc(n * CHUNK * sizeof *pack);
    if (!c || !slot || !pack) {
        free(c);
        free(slot);
        free(pack);
        return -2;
    }
    /* delta and B differ from their exact values by rounding errors of
     * order 1e-16 (1 + sigma); no candidate whose bound is below best less
     * 1e-9 (1 + sigma) can reach best, and best starts at KTAB's 1e-5 */
    const double margin = 1e-9 * (1.0 + m->sigma_max);
    const double u_ii = uni[i];
    size_t nc = 0;
    for (size_t j = 0; j < n; j++) {
        slot[j] = -1;
        const double D = u_ii - fc_bs_util(m->dist[i * n + j], rr[i]);
        const double D2 = (1.0 - 2.0 * m->sigma[j]) * D;
        const double bound = D > D2 ? D : D2;
        if (j != i && bound + margin >= 1e-5)
            c[nc++] = (cand){bound, (uint32_t)j};
    }
    for (size_t k = nc / 2; k-- > 0;)
        heap_sift_down(c, nc, k);
    double best = 1e-5;
    long bj = -1;
    *p_best = NAN;
    while (nc > 0 && c[0].bound + margin >= best) {
        uint32_t jx[CHUNK];
        double pv[CHUNK], dv[CHUNK];
        size_t K = 0;
        while (K < CHUNK && nc > 0 && c[0].bound + margin >= best) {
            jx[K] = heap_pop(c, &nc).j;
            slot[jx[K]] = (int32_t)K;
            K++;
        }
        eval_chunk(m, i, rr, uni, unn, jx, K, slot, pack, pv, dv);
        for (size_t k = 0; k < K; k++) {
            slot[jx[k]] = -1;
            /* the first j in index order among equal gains, as KTAB */
            if (dv[k] > best || (dv[k] == best && bj >= 0 && (long)jx[k] < bj)) {
                best = dv[k];
                bj = (long)jx[k];
                *p_best = pv[k];
            }
        }
    }
    free(c);
    free(slot);
    free(pack);
    return bj;
}

int parleyp_fc_smp_challenge_eval(const fc_smp *m, size_t i, size_t j, const double *rr,
                                  const double *uni, const double *unn, double *p, double *delta)
{
    const size_t n = m->n;
    double *pack = malloc(n * sizeof *pack);
    int32_t *slot = malloc(n * sizeof *slot);
    if (!pack || !slot) {
        free(pack);
        free(slot);
        return -1;
    }
    for (size_t t = 0; t < n; t++)
        slot[t] = t == j ? 0 : -1;
    const uint32_t jx[1] = {(uint32_t)j};
    eval_chunk(m, i, rr, uni, unn, jx, 1, slot, pack, p, delta);
    free(pack);
    free(slot);
    return 0;
}
