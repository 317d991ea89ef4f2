/*
 * negotiate/agents_private.c — the private-information agents: each knows
 * only its own utility and walk-away, bids from its own GENIUS-sorted outcome
 * space (genius_space.c) and learns the others from their offers.
 *
 *   time-dependent  GENIUS 10.4 agents.TimeDependentAgent, exactly: target
 *                   p(t) = Pmin + (Pmax - Pmin)(1 - f(t)), f(t) = t^(1/e)
 *                   (k = 0; e = 0: f = 0), Pmax = its best utility, Pmin =
 *                   max(its worst utility, reservation); it offers the bid
 *                   getIndexOfBidNearUtility(p(t)) finds (quirk included) and
 *                   accepts when the offer is worth at least that bid (AC_next,
 *                   undiscounted). It never walks away.
 *   boa             BOA agent (Baarslag et al. 2014): the same time-dependent
 *                   target (e = 0.2 for `boa`, `boa:E`), the frequency model
 *                   (opponent_model.c) and GENIUS's OMStrategy "best bid": among
 *                   its bids with utility in [p(t), p(t) + 0.01], widened by 0.01
 *                   until it holds 100 bids or reaches 1.01, the one the model
 *                   rates highest for the opponents (mean over them; ties: the
 *                   better for itself); AC_next.
 *   nicetft         nice tit-for-tat after Baarslag, Hindriks, Jonker (2013):
 *                   it measures the opponents' concession in its own utility,
 *                   c = (best own utility of their offers - of their first offer)
 *                   / (its estimated Nash utility - of their first offer),
 *                   and concedes the same share of the way from Pmax to its
 *                   estimated Nash utility, plus a kindness 0.1 + 0.9·t^5 (as
 *                   parley's full-information titfortat, so two of them meet);
 *                   never below the estimated Nash utility. The Nash point is
 *                   estimated from the frequency models: the bid maximising
 *                   (u_self - walk-away) · prod_q û_q over its bids (at most
 *                   4096, evenly spaced in its sorted space). Bid choice as boa;
 *                   AC_next, and in the end game (t >= 0.98, as NTFT's last 2%)
 *                   any offer worth at least max(walk-away, the mean own utility
 *                   of the opponents' offers so far): what waiting is expected
 *                   to bring.
 *   random          a uniformly random outcome worth >= its Pmin (64 draws, then
 *                   its best bid); AC_next.
 * Agents read only their own entry of every utility vector the protocol
 * passes them.
 */
#include "negotiate/nego_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW_START 0.01
#define WINDOW_STEP 0.01
#define WINDOW_BIDS 100
#define WINDOW_MAX_UPPER 1.01
#define WINDOW_SCAN_CAP 4096
#define NASH_CANDIDATES 4096

static bool uses_model(parley_agent_kind k)
{
    return k == PARLEY_AGENT_BOA || k == PARLEY_AGENT_NICE_TFT;
}

bool parleyp_nego_private_init(nego_agent *ag, const parley_nego_domain *dom)
{
    ag->scratch = calloc(dom->n_issues ? dom->n_issues : 1, sizeof *ag->scratch);
    if (!ag->scratch)
        return false;
    if (uses_model(ag->spec.kind)) {
        ag->models = calloc(dom->n_parties, sizeof *ag->models);
        if (!ag->models)
            return false;
        for (size_t q = 0; q < dom->n_parties; q++)
            if (q != ag->party && !parleyp_nego_freq_init(&ag->models[q], dom))
                return false;
    }
    return true;
}

void parleyp_nego_private_free(nego_agent *ag)
{
    if (ag->models)
        for (size_t q = 0; q < ag->n_parties; q++)
            parleyp_nego_freq_free(&ag->models[q]);
    free(ag->models);
    free(ag->scratch);
    ag->models = NULL;
    ag->scratch = NULL;
}

void parleyp_nego_private_observe(nego_agent *ag, const parley_nego_domain *dom, size_t from,
                                  const uint32_t *bid, double own_u)
{
    (void)dom;
    if (ag->models)
        parleyp_nego_freq_update(&ag->models[from], bid);
    if (!ag->seen) {
        ag->first_u = ag->best_u = own_u;
        ag->seen = true;
    } else if (own_u > ag->best_u) {
        ag->best_u = own_u;
    }
    ag->sum_u += own_u;
    ag->n_seen++;
}

bool parleyp_nego_private_end_game_accepts(const nego_agent *ag, const nego_view *v)
{
    if (!ag->private_info || ag->spec.kind != PARLEY_AGENT_NICE_TFT || v->t < 0.98 || !ag->n_seen)
        return false;
    double u = v->offer_u[ag->party];
    return u >= fmax(v->dom->walk_away[ag->party], ag->sum_u / (double)ag->n_seen);
}

/* GENIUS TimeDependentAgent.p(t), operation for operation. */
static double genius_target(const parley_nego_domain *dom, size_t p, double e, double t)
{
    double k = 0;
    double f = e == 0 ? k : k + (1 - k) * pow(t, 1 / e);
    return dom->own_min[p] + (dom->own_max[p] - dom->own_min[p]) * (1 - f);
}

/* Mean estimated utility of bid o to the opponents. */
static double model_value(const nego_agent *ag, const uint32_t *o)
{
    double s = 0;
    size_t n = 0;
    for (size_t q = 0; q < ag->n_parties; q++)
        if (q != ag->party) {
            s += parleyp_nego_freq_utility(&ag->models[q], o);
            n++;
        }
    return n ? s / (double)n : 0;
}

/* OMStrategy best bid at `target` (sorted index). */
static size_t model_pick(nego_agent *ag, const parley_nego_domain *dom, double target)
{
    nego_sorted *s = &dom->sorted[ag->party];
    double hi = target + WINDOW_START;
    size_t end = parleyp_nego_sorted_count_at_least(s, target),
           begin = parleyp_nego_sorted_count_above(s, hi);
    while (end - begin < WINDOW_BIDS && hi < WINDOW_MAX_UPPER) {
        hi += WINDOW_STEP;
        begin = parleyp_nego_sorted_count_above(s, hi);
    }
    if (begin >= end)
        return end ? end - 1 : 0; /* nothing at the target: its lowest bid above it, or best */
    if (end - begin > WINDOW_SCAN_CAP)
        end = begin + WINDOW_SCAN_CAP;
    size_t best = begin;
    double best_v = -HUGE_VAL;
    for (size_t k = begin; k < end; k++) {
        parleyp_nego_decode(dom, parleyp_nego_sorted_at(s, k)->code, ag->scratch);
        double v = model_value(ag, ag->scratch);
        if (v > best_v) {
            best_v = v;
            best = k;
        }
    }
    return best;
}

/* Own utility of the estimated Nash bid. */
static double estimated_nash(nego_agent *ag, const parley_nego_domain *dom)
{
    nego_sorted *s = &dom->sorted[ag->party];
    size_t stride = s->n > NASH_CANDIDATES ? (s->n + NASH_CANDIDATES - 1) / NASH_CANDIDATES : 1;
    double best = -HUGE_VAL, best_u = dom->own_min[ag->party];
    double wa = dom->walk_away[ag->party];
    for (size_t k = 0; k < s->n; k += stride) {
        const nego_bid *bid = parleyp_nego_sorted_at(s, k);
        if (bid->u < dom->own_min[ag->party])
            break;
        parleyp_nego_decode(dom, bid->code, ag->scratch);
        double prod = bid->u - wa;
        for (size_t q = 0; q < ag->n_parties; q++)
            if (q != ag->party)
                prod *= parleyp_nego_freq_utility(&ag->models[q], ag->scratch);
        if (prod > best) {
            best = prod;
            best_u = bid->u;
        }
    }
    return best_u;
}

static double nice_tft_target(nego_agent *ag, const parley_nego_domain *dom, double t)
{
    size_t p = ag->party;
    double hi = dom->own_max[p];
    if (!ag->seen)
        return hi;
    double nash = fmin(hi, fmax(estimated_nash(ag, dom), dom->own_min[p]));
    double span = nash - ag->first_u;
    double c = span > 1e-12 ? (ag->best_u - ag->first_u) / span : 1.0;
    c = fmin(1.0, fmax(0.0, c));
    double t5 = t * t * t * t * t;
    c = fmin(1.0, c + 0.1 + 0.9 * t5);
    return hi - c * (hi - nash);
}

static size_t random_pick(nego_agent *ag, const parley_nego_domain *dom)
{
    for (int tries = 0; tries < 64; tries++) {
        for (size_t i = 0; i < dom->n_issues; i++)
            ag->scratch[i] = (uint32_t)gsl_rng_uniform_int(ag->rng, (unsigned long)dom->radix[i]);
        double u = parley_space_utility(dom->sp, ag->party, ag->scratch);
        if (u >= dom->own_min[ag->party])
            return (size_t)-1; /* scratch holds it */
    }
    return 0;
}

bool parleyp_nego_private_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u)
{
    const parley_nego_domain *dom = v->dom;
    size_t p = ag->party;
    nego_sorted *s = &dom->sorted[p];
    if (s->n == 0)
        return false;
    size_t k;
    switch (ag->spec.kind) {
    case PARLEY_AGENT_TIME_DEPENDENT:
        k = parleyp_nego_sorted_near(s, genius_target(dom, p, ag->spec.e, v->t));
        break;
    case PARLEY_AGENT_BOA:
        k = model_pick(ag, dom, genius_target(dom, p, ag->spec.e, v->t));
        break;
    case PARLEY_AGENT_NICE_TFT:
        k = model_pick(ag, dom, nice_tft_target(ag, dom, v->t));
        break;
    case PARLEY_AGENT_RANDOM:
    default:
        k = random_pick(ag, dom);
        if (k == (size_t)-1) {
            memcpy(out, ag->scratch, dom->n_issues * sizeof *out);
            parley_space_utilities(dom->sp, out, u);
            return true;
        }
        break;
    }
    parleyp_nego_decode(dom, parleyp_nego_sorted_at(s, k)->code, out);
    parley_space_utilities(dom->sp, out, u);
    return true;
}
