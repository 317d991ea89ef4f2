/*
 * negotiate/protocol.c — the stacked alternating offers protocol for 2 or
 * more parties (Aydoğan et al. 2017, as in GENIUS's SAOP and NegMAS's SAO).
 *
 * Party s mod n acts at step s (time t = s / steps, or elapsed / deadline).
 * It first works out what it would offer now (agents.c), then accepts the
 * standing offer if its acceptance rule says so, or else makes that offer,
 * which becomes the standing offer; if it has nothing to offer worth its
 * walk-away it ends the negotiation. An offer is agreed once all n - 1 other
 * parties have accepted it, one after another. At t >= 1 the negotiation
 * fails. Payoffs: U_p(agreement) · d_p^t, or walk-away_p · d_p^t.
 */
#include "negotiate/nego_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void parley_negotiate_options_init(parley_negotiate_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->steps = 200;
    opt->deadline_seconds = 0;
    opt->seed = 0;
    opt->keep_trace = true;
}

const char *parley_action_name(parley_action a)
{
    switch (a) {
    case PARLEY_ACTION_OFFER:
        return "offer";
    case PARLEY_ACTION_ACCEPT:
        return "accept";
    case PARLEY_ACTION_END:
    default:
        return "end";
    }
}

void parley_negotiation_result_free(parley_negotiation_result *res)
{
    if (!res)
        return;
    free(res->agreement);
    free(res->utility);
    free(res->payoff);
    free(res->advantage);
    free(res->trace);
    free(res->offer_outcome);
    free(res->offer_utility);
    free(res->offer_party);
    free(res);
}

/* ---- growing the trace ----------------------------------------------------- */

typedef struct trace_buf {
    size_t cap_trace, cap_offers;
} trace_buf;

/* The capacity to hold `need` items (doubling from 64). */
static size_t capacity_for(size_t cap, size_t need)
{
    size_t c = cap ? cap : 64;
    while (c < need)
        c *= 2;
    return c;
}

static long record_offer(parley_negotiation_result *r, trace_buf *tb, const uint32_t *o,
                         const double *u, size_t party)
{
    size_t k = r->n_offers;
    if (k + 1 > tb->cap_offers) {
        size_t c = capacity_for(tb->cap_offers, k + 1);
        uint32_t *no = realloc(r->offer_outcome, c * (r->n_issues ? r->n_issues : 1) * sizeof *no);
        if (!no)
            return -2;
        r->offer_outcome = no;
        double *nu = realloc(r->offer_utility, c * r->n_parties * sizeof *nu);
        if (!nu)
            return -2;
        r->offer_utility = nu;
        long *np = realloc(r->offer_party, c * sizeof *np);
        if (!np)
            return -2;
        r->offer_party = np;
        tb->cap_offers = c;
    }
    memcpy(r->offer_outcome + k * r->n_issues, o, r->n_issues * sizeof *o);
    memcpy(r->offer_utility + k * r->n_parties, u, r->n_parties * sizeof *u);
    r->offer_party[k] = (long)party;
    r->n_offers = k + 1;
    return (long)k;
}

static bool record(parley_negotiation_result *r, trace_buf *tb, size_t step, size_t party, double t,
                   parley_action a, long offer)
{
    if (r->n_trace + 1 > tb->cap_trace) {
        size_t c = capacity_for(tb->cap_trace, r->n_trace + 1);
        parley_trace_entry *nt = realloc(r->trace, c * sizeof *nt);
        if (!nt)
            return false;
        r->trace = nt;
        tb->cap_trace = c;
    }
    r->trace[r->n_trace++] =
        (parley_trace_entry){.step = step, .party = party, .time = t, .action = a, .offer = offer};
    return true;
}

/* ---- the run --------------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct run_state {
    nego_agent *agents;
    uint32_t *offer, *proposal;   /* [n_issues] */
    double *offer_u, *proposal_u; /* [n_parties] */
    double *last_u;               /* [n_parties^2] */
    bool *has_offered;            /* [n_parties] */
} run_state;

static void state_free(run_state *s, size_t d)
{
    if (s->agents)
        for (size_t p = 0; p < d; p++)
            parleyp_nego_agent_free(&s->agents[p]);
    free(s->agents);
    free(s->offer);
    free(s->proposal);
    free(s->offer_u);
    free(s->proposal_u);
    free(s->last_u);
    free(s->has_offered);
}

static bool state_init(run_state *s, const parley_nego_domain *dom, const parley_agent_spec *specs,
                       uint64_t seed, bool private_info)
{
    size_t d = dom->n_parties, n = dom->n_issues ? dom->n_issues : 1;
    memset(s, 0, sizeof *s);
    s->agents = calloc(d, sizeof *s->agents);
    s->offer = calloc(n, sizeof *s->offer);
    s->proposal = calloc(n, sizeof *s->proposal);
    s->offer_u = calloc(d, sizeof *s->offer_u);
    s->proposal_u = calloc(d, sizeof *s->proposal_u);
    s->last_u = calloc(d * d, sizeof *s->last_u);
    s->has_offered = calloc(d, sizeof *s->has_offered);
    if (!s->agents || !s->offer || !s->proposal || !s->offer_u || !s->proposal_u || !s->last_u ||
        !s->has_offered)
        return false;
    for (size_t p = 0; p < d; p++)
        if (!parleyp_nego_agent_init(&s->agents[p], dom, &specs[p], p, seed, private_info))
            return false;
    return true;
}

/* Fills utility/payoff/advantage/distances once the run is over. */
static void settle(const parley_nego_domain *dom, parley_negotiation_result *r,
                   const double *agreed_u)
{
    size_t d = dom->n_parties;
    r->welfare = 0;
    for (size_t p = 0; p < d; p++) {
        r->utility[p] = agreed_u ? agreed_u[p] : dom->walk_away[p];
        r->payoff[p] = r->utility[p] * pow(parley_space_discount(dom->sp, p), r->time);
        r->advantage[p] = r->payoff[p] - dom->walk_away[p];
        r->welfare += r->payoff[p];
    }
    r->dist_frontier = parley_nego_domain_distance_frontier(dom, r->utility);
    r->dist_nash = parley_nego_domain_distance_nash(dom, r->utility);
    r->dist_kalai = parley_nego_domain_distance_kalai(dom, r->utility);
}

/* Whether every strategy suits the information setting (and the domain is
 * prepared for private information). */
static bool check_agents(const parley_nego_domain *dom, const parley_agent_spec *agents,
                         bool private_info, parley_error *err)
{
    for (size_t p = 0; p < dom->n_parties; p++) {
        parley_agent_kind k = agents[p].kind;
        if (private_info && (k == PARLEY_AGENT_TIT_FOR_TAT || k == PARLEY_AGENT_NASH)) {
            parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "information",
                             "strategy '%s' needs every party's utility (--information full); "
                             "with private information use nicetft or boa",
                             agents[p].name);
            return false;
        }
        if (!private_info && (k == PARLEY_AGENT_BOA || k == PARLEY_AGENT_NICE_TFT)) {
            parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "information",
                             "strategy '%s' learns an opponent model and needs private "
                             "information (--information private)",
                             agents[p].name);
            return false;
        }
    }
    if (private_info && !dom->sorted) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "information",
                         "private information needs parley_nego_domain_prepare_private");
        return false;
    }
    return true;
}

parley_negotiation_result *parley_negotiate_run(const parley_nego_domain *dom,
                                                const parley_agent_spec *agents,
                                                const parley_negotiate_options *opt,
                                                parley_error *err)
{
    parley_negotiate_options o;
    if (opt)
        o = *opt;
    else
        parley_negotiate_options_init(&o);
    if (o.deadline_seconds > 0 && opt && opt->steps == 0)
        o.steps = 1000000;
    bool private_info = o.information == PARLEY_INFO_PRIVATE;
    if (o.rounds > 0) {
        if (o.deadline_seconds > 0 || o.rounds > 100000000) {
            parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "rounds",
                             "a round deadline is 1 to 1e8 rounds, without a time deadline");
            return NULL;
        }
        o.steps = o.rounds * dom->n_parties;
    }
    if (!check_agents(dom, agents, private_info, err))
        return NULL;
    if (o.steps == 0 || !(o.deadline_seconds >= 0) || !isfinite(o.deadline_seconds)) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "steps",
                         "the deadline must be at least one step (or a positive time)");
        return NULL;
    }
    size_t d = dom->n_parties;
    parley_negotiation_result *r = calloc(1, sizeof *r);
    run_state s;
    memset(&s, 0, sizeof s);
    if (!r)
        goto oom;
    r->n_parties = d;
    r->n_issues = dom->n_issues;
    r->ended_by = -1;
    r->utility = calloc(d, sizeof *r->utility);
    r->payoff = calloc(d, sizeof *r->payoff);
    r->advantage = calloc(d, sizeof *r->advantage);
    if (!r->utility || !r->payoff || !r->advantage ||
        !state_init(&s, dom, agents, o.seed, private_info))
        goto oom;
    trace_buf tb = {0, 0};
    nego_view v = {.dom = dom,
                   .has_offer = false,
                   .offer_u = s.offer_u,
                   .last_u = s.last_u,
                   .has_offered = s.has_offered,
                   .offer = s.offer};
    size_t accepts = 0;
    long standing = -1; /* trace offer index of the standing offer */
    double start = now_seconds();
    bool agreed = false;
    for (size_t step = 0; step < o.steps; step++) {
        /* GENIUS rounds: DiscreteTimeline(R) with cRound = r for both turns. */
        double t = o.rounds > 0             ? (double)(step / d + 1) / (double)(o.rounds + 1)
                   : o.deadline_seconds > 0 ? (now_seconds() - start) / o.deadline_seconds
                                            : (double)step / (double)o.steps;
        if (t >= 1)
            break;
        size_t p = step % d;
        v.t = t;
        r->steps = step + 1;
        r->time = t;
        nego_agent *ag = &s.agents[p];
        bool can_offer = parleyp_nego_agent_propose(ag, &v, s.proposal, s.proposal_u);
        double own_next = can_offer ? s.proposal_u[p] : dom->walk_away[p];
        if (v.has_offer && v.proposer != p && parleyp_nego_agent_accepts(ag, &v, own_next)) {
            if (o.keep_trace && !record(r, &tb, step, p, t, PARLEY_ACTION_ACCEPT, standing))
                goto oom;
            if (++accepts == d - 1) {
                agreed = true;
                break;
            }
            continue;
        }
        if (!can_offer) {
            if (o.keep_trace && !record(r, &tb, step, p, t, PARLEY_ACTION_END, -1))
                goto oom;
            r->ended_by = (long)p;
            break;
        }
        memcpy(s.offer, s.proposal, dom->n_issues * sizeof *s.offer);
        memcpy(s.offer_u, s.proposal_u, d * sizeof *s.offer_u);
        v.has_offer = true;
        v.proposer = p;
        accepts = 0;
        memcpy(s.last_u + p * d, s.offer_u, d * sizeof *s.offer_u);
        s.has_offered[p] = true;
        if (private_info)
            for (size_t q = 0; q < d; q++)
                if (q != p)
                    parleyp_nego_private_observe(&s.agents[q], dom, p, s.offer, s.offer_u[q]);
        if (o.keep_trace) {
            standing = record_offer(r, &tb, s.offer, s.offer_u, p);
            if (standing < 0 || !record(r, &tb, step, p, t, PARLEY_ACTION_OFFER, standing))
                goto oom;
        }
    }
    if (private_info)
        for (size_t q = 0; q < d; q++)
            if (dom->sorted[q].failed)
                goto oom; /* a bucket of a sorted space could not be sorted */
    r->agreed = agreed;
    if (agreed) {
        r->agreement = malloc((dom->n_issues ? dom->n_issues : 1) * sizeof *r->agreement);
        if (!r->agreement)
            goto oom;
        memcpy(r->agreement, s.offer, dom->n_issues * sizeof *r->agreement);
    } else if (r->ended_by < 0) {
        r->time = 1.0; /* the deadline passed */
    }
    settle(dom, r, agreed ? s.offer_u : NULL);
    state_free(&s, d);
    return r;
oom:
    state_free(&s, d);
    parley_negotiation_result_free(r);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    return NULL;
}
