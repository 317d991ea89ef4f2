/*
 * forecast/eum.c — Bueno de Mesquita's expected-utility ("challenge") model
 * as reconstructed by Scholz et al. (README §E), one dimension at a time.
 *
 * Each round: (1) risk exponents: with r = 1 for everybody, actor i's
 * security Sec_i = sum_{j != i} E^i(U_ji) (what i thinks others gain by
 * challenging it), R_i = (2 Sec_i - max - min) / (max - min),
 * r_i = (1 - R_i/3) / (1 + R_i/3); (2) every actor looks at every actor
 * with another position, from its own point of view (its own r), computes
 * E(U_ij) and E(U_ji) and classifies the offer it would receive
 * (confrontation, compromise, capitulation); (3) it accepts one offer
 * (confrontation: the one needing least movement; compromise: the smallest
 * EU-weighted position, as Scholz's code did; capitulation: least
 * movement), and all move at once. The forecast per round is the median
 * voter position (the position that beats every other in pairwise
 * capability x salience weighted votes). Ambiguities and the choices made
 * are listed in docs/forecast.md.
 */
#include "forecast/fc_internal.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct eum {
    size_t n;
    const double *c; /* capabilities                          */
    double *s;       /* saliences 0..1                        */
    double *x;       /* positions of this dimension           */
    double *r;       /* risk exponents                        */
    double range;    /* R = max - min of the initial positions */
    double q;        /* probability that the status quo holds  */
    bool scholz;     /* Scholz's denominator for P^i           */
    double denom;    /* Scholz's denominator for this round    */
} eum;

/* c_k s_k ((|x_k - b| / R)^risk - (|x_k - a| / R)^risk): k's vote for a over b. */
static double compare(const eum *m, size_t k, double a, double b, double risk)
{
    return m->c[k] * m->s[k] *
           (pow(fabs(m->x[k] - b) / m->range, risk) - pow(fabs(m->x[k] - a) / m->range, risk));
}

static double scholz_denominator(const eum *m)
{
    double s = 0.0;
    for (size_t k = 0; k < m->n; k++)
        for (size_t a = 0; a < m->n; a++)
            for (size_t b = 0; b < m->n; b++)
                s += fabs(compare(m, k, m->x[a], m->x[b], m->r[k]));
    return s;
}

/* Probability that position xi prevails over xj. */
static double prob(const eum *m, double xi, double xj)
{
    if (xi == xj)
        return 0.0;
    double num = 0.0, den = 0.0;
    for (size_t k = 0; k < m->n; k++) {
        double v = compare(m, k, xi, xj, m->r[k]);
        if (v > 0.0)
            num += v;
        den += fabs(v);
    }
    den = m->scholz ? m->denom : den;
    return den > 0.0 ? num / den : 0.0;
}

static double median_position(const eum *m)
{
    /* Condorcet winner among the distinct positions, scanned in ascending
     * order: the champion is replaced by any position that beats it. */
    double *u = malloc(m->n * sizeof *u);
    if (!u)
        return NAN;
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t j = 0;
        while (j < k && u[j] != m->x[i])
            j++;
        if (j == k)
            u[k++] = m->x[i];
    }
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && u[j - 1] > u[j]; j--) {
            double t = u[j];
            u[j] = u[j - 1];
            u[j - 1] = t;
        }
    double med = u[0];
    for (size_t i = 1; i < k; i++) {
        double votes = 0.0;
        for (size_t a = 0; a < m->n; a++)
            votes += compare(m, a, u[i], med, 1.0);
        if (votes > 0.0)
            med = u[i];
    }
    free(u);
    return med;
}

/* E(U_ij) seen by `view` (its risk exponent), for i challenging j. */
static double eu_challenge(const eum *m, size_t view, size_t i, size_t j, double median)
{
    const double ri = m->r[view];
    const double d = fabs(m->x[i] - m->x[j]) / m->range;
    const double p = prob(m, m->x[i], m->x[j]);
    const double us = 2.0 - 4.0 * pow(0.5 - 0.5 * d, ri);
    const double uf = 2.0 - 4.0 * pow(0.5 + 0.5 * d, ri);
    const double usq = 2.0 - 4.0 * pow(0.5, ri);
    double eu = m->s[j] * (p * us + (1.0 - p) * uf) + (1.0 - m->s[j]) * us - m->q * usq;
    if (m->q < 1.0) {
        const double dm = fabs(m->x[i] - median), dj = fabs(m->x[i] - m->x[j]);
        const double ub = 2.0 - 4.0 * pow(0.5 - 0.25 * (dm + dj) / m->range, ri);
        const double uw = 2.0 - 4.0 * pow(0.5 + 0.25 * (dm + dj) / m->range, ri);
        eu -= (1.0 - m->q) * (dm < dj ? ub : uw);
    }
    return eu;
}

static int update_risk(eum *m, double median)
{
    const size_t n = m->n;
    double *sec = malloc(n * sizeof *sec);
    if (!sec)
        return -1;
    for (size_t i = 0; i < n; i++)
        m->r[i] = 1.0;
    m->denom = scholz_denominator(m);
    double mx = -INFINITY, mn = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                s += eu_challenge(m, i, j, i, median);
        sec[i] = s;
        if (s > mx)
            mx = s;
        if (s < mn)
            mn = s;
    }
    for (size_t i = 0; i < n; i++) {
        const double ra = mx > mn ? (2.0 * sec[i] - mx - mn) / (mx - mn) : 0.0;
        m->r[i] = (1.0 - ra / 3.0) / (1.0 + ra / 3.0);
    }
    free(sec);
    return 0;
}

enum { OFFER_NONE, OFFER_CONFRONT, OFFER_COMPROMISE, OFFER_CAPITULATE };

/* Computes every actor's accepted offer into nx. */
static void update_positions(eum *m, double median, double *nx)
{
    const size_t n = m->n;
    m->denom = scholz_denominator(m);
    for (size_t a = 0; a < n; a++) {
        int best_type = OFFER_NONE;
        double best_key = INFINITY, best_pos = m->x[a];
        for (size_t o = 0; o < n; o++) {
            if (m->x[o] == m->x[a])
                continue;
            const double eu_ao = eu_challenge(m, a, a, o, median);
            const double eu_oa = eu_challenge(m, a, o, a, median);
            int type = OFFER_NONE;
            double pos = m->x[a], key;
            if (eu_oa > eu_ao && eu_ao > 0.0) {
                type = OFFER_CONFRONT;
                pos = m->x[o];
            } else if (eu_oa > 0.0 && 0.0 > eu_ao && eu_oa > fabs(eu_ao)) {
                type = OFFER_COMPROMISE;
                pos = m->x[a] + (m->x[o] - m->x[a]) * fabs(eu_ao / eu_oa);
            } else if (eu_oa > 0.0 && 0.0 > eu_ao && eu_oa < fabs(eu_ao)) {
                type = OFFER_CAPITULATE;
                pos = m->x[o];
            }
            if (type == OFFER_NONE)
                continue;
            if (type == OFFER_COMPROMISE)
                key = (fabs(eu_ao) * m->x[a] + fabs(eu_oa) * m->x[o]) / (fabs(eu_ao) + fabs(eu_oa));
            else
                key = fabs(m->x[a] - pos);
            /* priority: confrontation, then compromise, then capitulation */
            if (best_type == OFFER_NONE || type < best_type ||
                (type == best_type && key < best_key)) {
                best_type = type;
                best_key = key;
                best_pos = pos;
            }
        }
        nx[a] = best_pos;
    }
}

parley_fc_result *parleyp_fc_eum_run(const parley_fc_scenario *sc, const parley_fc_options *o,
                                     parley_error *err)
{
    const size_t n = sc->n_actors, D = sc->n_dims;
    const int rounds = o->eum.rounds > 0 ? o->eum.rounds : 8;
    parley_fc_result *r = parleyp_fc_result_new(PARLEY_FC_EUM, n, D, (size_t)rounds + 1);
    double *pos = malloc(n * D * sizeof *pos);
    eum m = {.n = n, .c = sc->capability, .q = o->eum.q, .scholz = o->eum.scholz_denominator};
    m.s = malloc(n * sizeof *m.s);
    m.x = malloc(n * sizeof *m.x);
    m.r = malloc(n * sizeof *m.r);
    double *nx = malloc(n * sizeof *nx);
    if (!r || !pos || !m.s || !m.x || !m.r || !nx)
        goto oom;
    r->round_median = calloc(((size_t)rounds + 1) * D, sizeof *r->round_median);
    if (!r->round_median)
        goto oom;
    memcpy(pos, sc->position, n * D * sizeof *pos);
    for (int t = 0; t <= rounds; t++)
        if (!parleyp_fc_result_push(r, pos))
            goto oom;
    for (size_t d = 0; d < D; d++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            m.x[i] = sc->position[i * D + d];
            m.s[i] = sc->salience[i * D + d] / 100.0;
            m.r[i] = 1.0;
            lo = fmin(lo, m.x[i]);
            hi = fmax(hi, m.x[i]);
        }
        m.range = hi - lo;
        for (int t = 0; t <= rounds; t++) {
            if (t > 0 && m.range > 0.0) {
                double med = median_position(&m);
                if (update_risk(&m, med) != 0)
                    goto oom;
                update_positions(&m, med, nx);
                memcpy(m.x, nx, n * sizeof *nx);
            }
            double med = m.range > 0.0 ? median_position(&m) : m.x[0];
            r->round_median[(size_t)t * D + d] = med;
            for (size_t i = 0; i < n; i++)
                r->turns[t].position[i * D + d] = m.x[i];
        }
    }
    for (int t = 0; t <= rounds; t++)
        for (size_t i = 0; i < n; i++) {
            r->turns[t].rep[i] = i;
            r->turns[t].prob[i] = 0.0;
        }
    for (size_t d = 0; d < D; d++)
        r->expected[d] = r->most_likely[d] = r->round_median[(size_t)rounds * D + d];
    free(pos);
    free(m.s);
    free(m.x);
    free(m.r);
    free(nx);
    return r;
oom:
    free(pos);
    free(m.s);
    free(m.x);
    free(m.r);
    free(nx);
    parley_fc_result_free(r);
    parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    return NULL;
}
