/*
 * negotiate/agents.c — the strategy agents and their acceptance rules.
 *
 * Offering (each agent proposes once per turn; the protocol in protocol.c
 * asks it first what it would offer, then whether it accepts the standing
 * offer instead):
 *   time-dependent  target p(t) = Pmin + (Pmax - Pmin)(1 - t^(1/e)) (GENIUS
 *                   TimeDependentAgent with k = 0; e = 0 never concedes);
 *                   offers the frontier point worth >= p(t) best for the others.
 *   tit-for-tat     relative (after Baarslag's Nice Tit for Tat): each
 *                   opponent's concession is measured in its own utility, as
 *                   the share of the way from its best (Pmax) to its Nash
 *                   utility its latest offer has gone; the agent concedes the
 *                   least such share over its opponents plus a kindness
 *                   k(t) = k + (1 - k) t^5 (k = 0.1 by default) of the way from
 *                   its Pmax to max(its Nash utility, Pmin). It never offers
 *                   below its Nash utility; the growing kindness breaks the
 *                   deadlock of two tit-for-tat agents (whose concessions,
 *                   rounded to frontier points, would otherwise stall).
 *   nash            offers the (first) Nash package.
 *   random          a uniformly random outcome worth >= Pmin to itself (64
 *                   draws, then its Pmin offer), from a GSL mt19937 generator.
 * Acceptance: AC_next, AC_const(a), AC_time(T) and any disjunction of them.
 */
#include "parley/frontier.h"
#include "negotiate/nego_impl.h"

#include "core/error.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t parleyp_nego_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* ---- parsing ------------------------------------------------------------- */

static bool parse_unit(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

parley_status parley_acceptance_parse(const char *text, const char *field, parley_acceptance *out,
                                      parley_error *err)
{
    parley_acceptance a = {.next = false, .constant = NAN, .time = NAN};
    char buf[128];
    if (!text || !*text || strlen(text) >= sizeof buf)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field,
                                "acceptance rules must be next, const:A or time:T joined by '+'");
    memcpy(buf, text, strlen(text) + 1);
    char *save = NULL;
    for (char *tok = strtok_r(buf, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
        double v;
        if (strcmp(tok, "next") == 0) {
            a.next = true;
        } else if (strncmp(tok, "const:", 6) == 0 && parse_unit(tok + 6, &v)) {
            a.constant = v;
        } else if (strncmp(tok, "time:", 5) == 0 && parse_unit(tok + 5, &v) && v >= 0 && v <= 1) {
            a.time = v;
        } else {
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field,
                                    "unknown acceptance rule '%s' (next, const:A, time:T with "
                                    "T in [0,1], joined by '+')",
                                    tok);
        }
    }
    if (!a.next && isnan(a.constant) && isnan(a.time))
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field, "no acceptance rule");
    *out = a;
    return PARLEY_OK;
}

typedef struct named_strategy {
    const char *name;
    parley_agent_kind kind;
    double e;
} named_strategy;

static const named_strategy NAMED[] = {
    {"boulware", PARLEY_AGENT_TIME_DEPENDENT, 0.2}, {"linear", PARLEY_AGENT_TIME_DEPENDENT, 1.0},
    {"conceder", PARLEY_AGENT_TIME_DEPENDENT, 2.0}, {"hardliner", PARLEY_AGENT_TIME_DEPENDENT, 0.0},
    {"titfortat", PARLEY_AGENT_TIT_FOR_TAT, 0.1},   {"nash", PARLEY_AGENT_NASH, 0.0},
    {"random", PARLEY_AGENT_RANDOM, 0.0},           {"boa", PARLEY_AGENT_BOA, 0.2},
    {"nicetft", PARLEY_AGENT_NICE_TFT, 0.0},
};

parley_status parley_agent_spec_parse(const char *text, const char *field, parley_agent_spec *out,
                                      parley_error *err)
{
    char buf[128];
    if (!text || !*text || strlen(text) >= sizeof buf)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field, "missing strategy");
    memcpy(buf, text, strlen(text) + 1);
    char *rules = strchr(buf, '/');
    if (rules)
        *rules++ = '\0';
    parley_agent_spec s;
    memset(&s, 0, sizeof s);
    s.accept = (parley_acceptance){.next = true, .constant = NAN, .time = NAN};
    bool found = false;
    for (size_t i = 0; i < sizeof NAMED / sizeof NAMED[0]; i++) {
        if (strcmp(buf, NAMED[i].name) == 0) {
            s.kind = NAMED[i].kind;
            s.e = NAMED[i].e;
            found = true;
        }
    }
    if (!found && strncmp(buf, "titfortat:", 10) == 0) {
        double k;
        if (!parse_unit(buf + 10, &k) || k < 0 || k > 1)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field,
                                    "titfortat:K needs a kindness K in [0,1], not '%s'", buf + 10);
        s.kind = PARLEY_AGENT_TIT_FOR_TAT;
        s.e = k;
        found = true;
    }
    if (!found && strncmp(buf, "boa:", 4) == 0) {
        double e;
        if (!parse_unit(buf + 4, &e) || e < 0 || e > 1e6)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field,
                                    "boa:E needs an exponent E >= 0, not '%s'", buf + 4);
        s.kind = PARLEY_AGENT_BOA;
        s.e = e;
        found = true;
    }
    if (!found && strncmp(buf, "timedep:", 8) == 0) {
        double e;
        if (!parse_unit(buf + 8, &e) || e < 0 || e > 1e6)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field,
                                    "timedep:E needs an exponent E >= 0, not '%s'", buf + 8);
        s.kind = PARLEY_AGENT_TIME_DEPENDENT;
        s.e = e;
        found = true;
    }
    if (!found)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, field,
                                "unknown strategy '%s' (boulware, linear, conceder, hardliner, "
                                "timedep:E, boa, boa:E, nicetft, titfortat, titfortat:K, nash, "
                                "random)",
                                buf);
    snprintf(s.name, sizeof s.name, "%s", buf);
    if (rules) {
        parley_status st = parley_acceptance_parse(rules, field, &s.accept, err);
        if (st)
            return st;
        snprintf(s.name, sizeof s.name, "%.20s/%.26s", buf, rules);
    }
    *out = s;
    return PARLEY_OK;
}

/* ---- agents -------------------------------------------------------------- */

bool parleyp_nego_agent_init(nego_agent *ag, const parley_nego_domain *dom,
                             const parley_agent_spec *spec, size_t party, uint64_t seed,
                             bool private_info)
{
    memset(ag, 0, sizeof *ag);
    ag->spec = *spec;
    ag->party = party;
    ag->n_parties = dom->n_parties;
    ag->private_info = private_info;
    ag->rng = NULL;
    if (private_info && !parleyp_nego_private_init(ag, dom))
        return false;
    if (spec->kind == PARLEY_AGENT_RANDOM) {
        ag->rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!ag->rng)
            return false;
        gsl_rng_set(ag->rng, (unsigned long)(parleyp_nego_mix(seed ^ parleyp_nego_mix(party + 1)) &
                                             0xffffffffUL));
    }
    return true;
}

void parleyp_nego_agent_free(nego_agent *ag)
{
    if (ag->rng)
        gsl_rng_free(ag->rng);
    ag->rng = NULL;
    parleyp_nego_private_free(ag);
}

static double time_dependent_target(const parley_nego_domain *dom, size_t p, double e, double t)
{
    double hi = dom->pmax[p], lo = fmin(dom->pmin[p], hi);
    double f = e == 0 ? 0.0 : pow(t, 1.0 / e);
    return lo + (hi - lo) * (1.0 - f);
}

static double tit_for_tat_target(const nego_view *v, size_t p, double kindness)
{
    const parley_nego_domain *dom = v->dom;
    size_t d = dom->n_parties;
    /* Without a Nash package (only with keep_irrational), aim at Pmin. */
    const double *nash =
        dom->an->n_nash ? dom->an->frontier.utility + dom->an->nash[0] * d : dom->pmin;
    double ratio = HUGE_VAL;
    for (size_t q = 0; q < d; q++) {
        if (q == p)
            continue;
        if (!v->has_offered[q]) {
            ratio = 0;
            break;
        }
        double span = dom->pmax[q] - nash[q];
        double r = span > 1e-12 ? (dom->pmax[q] - v->last_u[q * d + q]) / span : 1.0;
        r = fmin(1.0, fmax(0.0, r));
        if (r < ratio)
            ratio = r;
    }
    double t5 = v->t * v->t * v->t * v->t * v->t;
    ratio = fmin(1.0, ratio + kindness + (1.0 - kindness) * t5);
    double hi = dom->pmax[p], lo = fmin(hi, fmax(nash[p], dom->pmin[p]));
    return hi - ratio * (hi - lo);
}

static bool copy_point(const parley_nego_domain *dom, long idx, uint32_t *out, double *u)
{
    if (idx < 0)
        return false;
    const parley_frontier *fr = &dom->an->frontier;
    memcpy(out, fr->outcome + (size_t)idx * dom->n_issues, dom->n_issues * sizeof *out);
    memcpy(u, fr->utility + (size_t)idx * dom->n_parties, dom->n_parties * sizeof *u);
    return true;
}

static bool random_offer(nego_agent *ag, const parley_nego_domain *dom, uint32_t *out, double *u)
{
    for (int tries = 0; tries < 64; tries++) {
        for (size_t i = 0; i < dom->n_issues; i++)
            out[i] = (uint32_t)gsl_rng_uniform_int(
                ag->rng, (unsigned long)parley_space_value_count(dom->sp, i));
        parley_space_utilities(dom->sp, out, u);
        if (u[ag->party] >= dom->pmin[ag->party])
            return true;
    }
    return copy_point(dom, parley_nego_domain_offer(dom, ag->party, dom->pmin[ag->party]), out, u);
}

bool parleyp_nego_agent_propose(nego_agent *ag, const nego_view *v, uint32_t *out, double *u)
{
    const parley_nego_domain *dom = v->dom;
    size_t p = ag->party;
    if (ag->private_info)
        return parleyp_nego_private_propose(ag, v, out, u);
    if (dom->n_points == 0)
        return false;
    bool ok;
    switch (ag->spec.kind) {
    case PARLEY_AGENT_TIME_DEPENDENT:
        ok = copy_point(
            dom, parley_nego_domain_offer(dom, p, time_dependent_target(dom, p, ag->spec.e, v->t)),
            out, u);
        break;
    case PARLEY_AGENT_TIT_FOR_TAT:
        ok = copy_point(dom, parley_nego_domain_offer(dom, p, tit_for_tat_target(v, p, ag->spec.e)),
                        out, u);
        break;
    case PARLEY_AGENT_NASH:
        ok = copy_point(dom, dom->an->n_nash ? (long)dom->an->nash[0] : -1, out, u);
        break;
    case PARLEY_AGENT_RANDOM:
    default:
        ok = random_offer(ag, dom, out, u);
        break;
    }
    return ok && u[p] >= dom->walk_away[p];
}

bool parleyp_nego_agent_accepts(const nego_agent *ag, const nego_view *v, double own_next)
{
    const parley_acceptance *a = &ag->spec.accept;
    double u = v->offer_u[ag->party];
    if (a->next && u >= own_next)
        return true;
    if (parleyp_nego_private_end_game_accepts(ag, v))
        return true;
    if (!isnan(a->constant) && u >= a->constant)
        return true;
    if (!isnan(a->time) && v->t >= a->time && u >= v->dom->walk_away[ag->party])
        return true;
    return false;
}
