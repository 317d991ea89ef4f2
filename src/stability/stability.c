/*
 * stability/stability.c — parley_stability_solve and the result accessors:
 * chooses the solver (fast for individual DMs in option form with textbook
 * semantics, general otherwise), adds SIM (option form) and SEQ+SIM (stable
 * under SEQ or under SIM, per agent), and stores one bitset over states per
 * (concept, agent).
 */
#include "stability/gm_solve.h"
#include "core/error.h"

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

parley_stability *parley_stability_solve(const parley_conflict *c,
                                         const parley_stability_options *opt, parley_error *err)
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
    if (gm_agents_build(c, opt->agent_of_dm, &r->agents, err) != PARLEY_OK) {
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
    bool individual = r->agents.n == c->ndms; /* every DM alone, agent k = DM k */
    for (size_t k = 0; k < r->agents.n && individual; k++)
        individual = r->agents.dmset[k] == (uint32_t)1 << k;
    parley_status st;
    if (!c->graph_form && individual && !opt->gmcrplus)
        st = gm_solve_fast(c, r, opt->threads, err);
    else
        st = gm_solve_general(c, r, opt->gmcrplus, err);
    if (st == PARLEY_OK && !c->graph_form) {
        st = gm_solve_sim(c, r, opt->threads, err);
        if (st == PARLEY_OK) {
            for (size_t a = 0; a < r->agents.n; a++)
                for (size_t w = 0; w < nwords; w++)
                    r->bits[PARLEY_GMCR_SEQSIM][a][w] =
                        r->bits[PARLEY_GMCR_SEQ][a][w] | r->bits[PARLEY_GMCR_SIM][a][w];
            r->has[PARLEY_GMCR_SEQSIM] = true;
        }
    }
    if (st != PARLEY_OK) {
        parley_stability_free(r);
        return NULL;
    }
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
