/*
 * stability/stability.c — parley_stability_solve and the result accessors:
 * chooses the solver (fast for individual DMs in option form with textbook
 * semantics, general otherwise), adds SIM (option form) and SEQ+SIM (stable
 * under SEQ or under SIM, per agent), and stores one bitset over states per
 * (concept, agent).
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include "core/parallel.h"

#include <stdint.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *parley_gmcr_concept_name(parley_gmcr_concept k)
{
    static const char *const names[] = {"Nash", "GMR", "SMR", "SEQ", "SIM", "SEQ+SIM"};
    return (unsigned)k < PARLEY_GMCR_CONCEPTS ? names[k] : "?";
}

void parley_stability_free(parley_stability *r)
{
    if (!r)
        return;
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        for (size_t a = 0; a < GM_MAX_DMS; a++)
            free(r->bits[k][a]);
    free(r);
}

/* Every DM on its own: agent k = DM k. */
static bool individual(const parley_conflict *c, const gm_agents *ag)
{
    bool ind = ag->n == c->ndms;
    for (size_t k = 0; k < ag->n && ind; k++)
        ind = ag->dmset[k] == (uint32_t)1 << k;
    return ind;
}

/* Which solver parley_stability_solve uses: the fast one for individual
 * DMs of an option-form conflict with textbook semantics and no
 * misperceptions (which cut moves per DM, which its box transforms do not
 * model); the product-graph one for the rest (graph form, --gmcrplus,
 * misperceptions, coalitions, whose SMR the general search adds). */
static bool use_fast(const parley_conflict *c, const gm_agents *ag,
                     const parley_stability_options *opt)
{
    return !c->graph_form && individual(c, ag) && !opt->gmcrplus && !c->misperceptions;
}

/* Work of the fast solver: per focal DM with several opponents, two
 * reachability passes over the opponents' moves (gm_fast.c). */
static double fast_work(const parley_conflict *c)
{
    double w = 0.0;
    for (size_t i = 0; i < c->ndms; i++) {
        uint32_t movers[GM_MAX_DMS];
        size_t nm = 0;
        for (size_t j = 0; j < c->ndms; j++)
            if (j != i)
                movers[nm++] = c->dms[j].option_mask;
        if (nm > 1)
            w += 2.0 * parleyp_gm_reach_work(c, movers, nm);
    }
    return w;
}

void parley_stability_estimate(const parley_conflict *c, const parley_stability_options *opt,
                               parley_stability_cost *out)
{
    parley_stability_options def = {NULL, false, 0};
    if (!opt)
        opt = &def;
    gm_agents ag;
    if (parleyp_gm_agents_build(c, opt->agent_of_dm, &ag, NULL) != PARLEY_OK) {
        memset(&ag, 0, sizeof ag);
        ag.n = c->ndms;
        for (size_t k = 0; k < c->ndms; k++) {
            ag.dmset[k] = (uint32_t)1 << k;
            ag.optmask[k] = c->dms[k].option_mask;
        }
    }
    const double n = (double)c->nstates, na = (double)ag.n;
    const double codes = c->graph_form ? 0.0 : (double)((uint64_t)1 << c->noptions);
    const double threads = (double)parleyp_pc_thread_count(opt->threads, SIZE_MAX);
    /* the loaded conflict: feasibility bitset, codes, a payoff (and, for a
     * ranking, a group) array per DM */
    double conflict = codes / 8.0 * 1.5 + n * 4.0 + n * 4.0 * (double)c->ndms;
    for (size_t d = 0; d < c->ndms; d++)
        if (c->dms[d].pref.has_ranking)
            conflict += n * 4.0;
    /* results: a bitset per concept and agent */
    double bytes = (double)PARLEY_GMCR_CONCEPTS * na * ceil(n / 64.0) * 8.0;
    double solve, work;
    if (use_fast(c, &ag, opt)) {
        /* per focal DM in flight: five state arrays, two dense arrays over
         * codes, and the reachability pass (index, low, stack: 4 bytes;
         * frames: 16 bytes per state) */
        double per = 20.0 * n + 8.0 * codes + 28.0 * n;
        solve = fmin(threads, (double)c->ndms) * per;
        work = fast_work(c);
    } else if (!c->graph_form) {
        /* reachability minima over (state, tag), per focal agent in flight */
        solve = fmin(threads, na) * parleyp_gm_product_bytes(c, &ag, opt->gmcrplus);
        work = parleyp_gm_product_work(c, &ag, opt->gmcrplus);
    } else if (individual(c, &ag)) {
        solve = fmin(threads, na) * parleyp_gm_product_bytes(c, &ag, opt->gmcrplus);
        work = parleyp_gm_product_work(c, &ag, opt->gmcrplus);
    } else {
        /* the search workspace: three words per state and search tag */
        double width = opt->gmcrplus ? (double)((uint64_t)1 << ag.n) : na;
        solve = 12.0 * n * width;
        work = parleyp_gm_general_work(c, &ag);
    }
    if (!c->graph_form && !c->misperceptions) {
        /* SIM: dense payoffs and bounds over codes for every focal agent at
         * once when they fit in GM_SIM_MEMORY, else for one at a time */
        double all = na * (na + 1) * 4.0 * codes;
        double sim = (all <= (double)GM_SIM_MEMORY ? all : (na + 1) * 4.0 * codes) +
                     4.0 * codes;                      /* + the prefilter's transform */
        if (ag.n == 2 && all <= (double)GM_SIM_MEMORY) /* sub-cube scratch per thread */
            sim += threads * 24.0 *
                   ldexp(1.0, __builtin_popcount(ag.optmask[0]) > __builtin_popcount(ag.optmask[1])
                                  ? __builtin_popcount(ag.optmask[0])
                                  : __builtin_popcount(ag.optmask[1]));
        solve = fmax(solve, sim);
        work += parleyp_gm_sim_work(c, &ag);
    }
    out->bytes = bytes + solve;
    out->conflict_bytes = conflict;
    out->work = work;
}

parley_stability *parley_stability_solve(const parley_conflict *c,
                                         const parley_stability_options *opt, parley_error *err)
{
    return parley_stability_solve_progress(c, opt, NULL, NULL, err);
}

parley_stability *parley_stability_solve_progress(const parley_conflict *c,
                                                  const parley_stability_options *opt,
                                                  void (*progress)(void *ctx, double done),
                                                  void *ctx, parley_error *err)
{
    parley_stability_options def = {NULL, false, 0};
    if (!opt)
        opt = &def;
    parley_stability *r = calloc(1, sizeof *r);
    if (!r) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    r->nstates = c->nstates;
    if (parleyp_gm_agents_build(c, opt->agent_of_dm, &r->agents, err) != PARLEY_OK) {
        parley_stability_free(r);
        return NULL;
    }
    size_t nwords = (c->nstates + 63) / 64;
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        for (size_t a = 0; a < r->agents.n; a++)
            if (!(r->bits[k][a] = calloc(nwords ? nwords : 1, sizeof(uint64_t)))) {
                parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
                parley_stability_free(r);
                return NULL;
            }
    gm_progress pg = {progress, ctx, 0.0, 0, ATOMIC_FLAG_INIT};
    if (progress) {
        parley_stability_cost cost;
        parley_stability_estimate(c, opt, &cost);
        pg.total = cost.work;
        r->progress = &pg;
    }
    parley_status st;
    if (use_fast(c, &r->agents, opt))
        st = parleyp_gm_solve_fast(c, r, opt->threads, err);
    else if (individual(c, &r->agents) || !c->graph_form)
        st = parleyp_gm_solve_product(c, r, opt->gmcrplus, opt->threads, err);
    else
        st = parleyp_gm_solve_general(c, r, opt->gmcrplus, err);
    if (st == PARLEY_OK && !c->graph_form && !c->misperceptions) {
        st = parleyp_gm_solve_sim(c, r, opt->threads, err);
        if (st == PARLEY_OK) {
            for (size_t a = 0; a < r->agents.n; a++)
                for (size_t w = 0; w < nwords; w++)
                    r->bits[PARLEY_GMCR_SEQSIM][a][w] =
                        r->bits[PARLEY_GMCR_SEQ][a][w] | r->bits[PARLEY_GMCR_SIM][a][w];
            r->has[PARLEY_GMCR_SEQSIM] = true;
        }
    }
    r->progress = NULL; /* pg lives on this stack frame only */
    if (st != PARLEY_OK) {
        parley_stability_free(r);
        return NULL;
    }
    if (progress)
        progress(ctx, 1.0);
    return r;
}

bool parley_stability_has_concept(const parley_stability *r, parley_gmcr_concept k)
{
    return (unsigned)k < PARLEY_GMCR_CONCEPTS && r->has[k];
}
size_t parley_stability_agent_count(const parley_stability *r)
{
    return r->agents.n;
}
const char *parley_stability_agent_name(const parley_stability *r, size_t agent)
{
    return r->agents.name[agent];
}
uint32_t parley_stability_agent_dms(const parley_stability *r, size_t agent)
{
    return r->agents.dmset[agent];
}

bool parley_stability_is_stable(const parley_stability *r, parley_gmcr_concept k, size_t agent,
                                size_t state)
{
    return r->has[k] && gm_bit_get(r->bits[k][agent], state);
}

bool parley_stability_is_equilibrium(const parley_stability *r, parley_gmcr_concept k, size_t state)
{
    if (!r->has[k])
        return false;
    for (size_t a = 0; a < r->agents.n; a++)
        if (!gm_bit_get(r->bits[k][a], state))
            return false;
    return true;
}
