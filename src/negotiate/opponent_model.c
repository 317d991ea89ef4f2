/*
 * negotiate/opponent_model.c — the frequency opponent model of HardHeaded
 * (van Krimpen, Looije, Hajizadeh, ANAC 2011) as GENIUS's BOA framework
 * implements it (HardHeadedFrequencyModel; Baarslag et al., "Decoupling
 * negotiating agents to explore the space of negotiation strategies", 2014):
 *
 *   - issue weights start equal (1/m), every value's count at 1;
 *   - from the opponent's second offer on, for each new offer: the issues
 *     whose value did not change since its previous offer gain the learning
 *     coefficient l = 0.2, and all weights are renormalised:
 *       w_i <- (w_i + l) / (1 + l·unchanged)  (unchanged issues),
 *       w_i <- w_i / (1 + l·unchanged)         (the others);
 *     then every value of the new offer gains 1 (learnValueAddition);
 *   - estimated utility: sum_i w_i · count_i(v_i) / max_v count_i(v).
 *
 * The first offer only sets the reference for the next comparison (as in
 * GENIUS, which skips the update while the history holds one bid).
 */
#include "negotiate/nego_impl.h"

#include <stdlib.h>
#include <string.h>

#define LEARN_COEF 0.2
#define LEARN_VALUE_ADDITION 1.0

bool parleyp_nego_freq_init(nego_freq_model *m, const parley_nego_domain *dom)
{
    memset(m, 0, sizeof *m);
    size_t k = dom->n_issues, total = 0;
    m->n_issues = k;
    m->offset = malloc((k + 1) * sizeof *m->offset);
    m->weight = malloc((k ? k : 1) * sizeof *m->weight);
    m->max_count = malloc((k ? k : 1) * sizeof *m->max_count);
    m->prev = calloc(k ? k : 1, sizeof *m->prev);
    if (!m->offset || !m->weight || !m->max_count || !m->prev)
        return false;
    for (size_t i = 0; i < k; i++) {
        m->offset[i] = total;
        total += parley_space_value_count(dom->sp, i);
        m->weight[i] = 1.0 / (double)k;
        m->max_count[i] = 1.0;
    }
    m->offset[k] = total;
    m->count = malloc((total ? total : 1) * sizeof *m->count);
    if (!m->count)
        return false;
    for (size_t v = 0; v < total; v++)
        m->count[v] = 1.0;
    return true;
}

void parleyp_nego_freq_free(nego_freq_model *m)
{
    free(m->offset);
    free(m->weight);
    free(m->max_count);
    free(m->prev);
    free(m->count);
    memset(m, 0, sizeof *m);
}

void parleyp_nego_freq_update(nego_freq_model *m, const uint32_t *bid)
{
    size_t k = m->n_issues;
    if (m->n_bids > 0) {
        size_t unchanged = 0;
        for (size_t i = 0; i < k; i++)
            unchanged += bid[i] == m->prev[i];
        double total = 1.0 + LEARN_COEF * (double)unchanged;
        for (size_t i = 0; i < k; i++)
            m->weight[i] =
                (bid[i] == m->prev[i] ? m->weight[i] + LEARN_COEF : m->weight[i]) / total;
        for (size_t i = 0; i < k; i++) {
            double *c = &m->count[m->offset[i] + bid[i]];
            *c += LEARN_VALUE_ADDITION;
            if (*c > m->max_count[i])
                m->max_count[i] = *c;
        }
    }
    memcpy(m->prev, bid, k * sizeof *bid);
    m->n_bids++;
}

double parleyp_nego_freq_utility(const nego_freq_model *m, const uint32_t *bid)
{
    double u = 0;
    for (size_t i = 0; i < m->n_issues; i++)
        u += m->weight[i] * m->count[m->offset[i] + bid[i]] / m->max_count[i];
    return u;
}
