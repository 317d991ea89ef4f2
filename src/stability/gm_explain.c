/*
 * stability/gm_explain.c — why a state is stable or not for one agent under
 * one concept: each improving move of the agent, and for each the sanction
 * that deters it (a legal sequence of opponents' moves, found by the same
 * explicit search as gm_general.c, or for SIM the opponents' simultaneous
 * moves), or none. Used by `parley stability --explain STATE`.
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

void parley_gmcr_explanation_clear(parley_gmcr_explanation *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nmoves; i++)
        free(e->moves[i].steps);
    free(e->moves);
    memset(e, 0, sizeof *e);
}

static parley_status explain_one(const parley_conflict *c, const gm_agents *ag, bool plus,
                                 size_t state, size_t agent, parley_gmcr_concept k,
                                 parley_gmcr_explanation *out, parley_error *err)
{
    gm_idvec ui = {0}, pa = {0}, ps = {0};
    memset(out, 0, sizeof *out);
    out->state = state;
    out->agent = agent;
    out->concept = k;
    out->stable = true;
    if (parleyp_gm_agent_moves(c, ag, agent, (uint32_t)state, &ui) < 0)
        goto oom;
    size_t nui = 0;
    for (size_t q = 0; q < ui.n; q++)
        if (gm_better(c, ag->dmset[agent], ui.v[q], (uint32_t)state))
            ui.v[nui++] = ui.v[q];
    out->moves = calloc(nui ? nui : 1, sizeof *out->moves);
    if (!out->moves)
        goto oom;
    out->nmoves = nui;
    for (size_t q = 0; q < nui; q++) {
        parley_gmcr_move_explanation *m = &out->moves[q];
        m->improvement = ui.v[q];
        m->result = ui.v[q];
        pa.n = ps.n = 0;
        if (k == PARLEY_GMCR_NASH)
            m->sanctioned = false;
        else if (k == PARLEY_GMCR_SIM) {
            m->simultaneous = true;
            m->sanctioned =
                parleyp_gm_find_sim_sanction(c, ag, agent, (uint32_t)state, ui.v[q], &pa, &ps);
            if (m->sanctioned && ps.n > 0) { /* first entry: the combined result */
                m->result = ps.v[0];
                memmove(pa.v, pa.v + 1, (pa.n - 1) * sizeof *pa.v);
                memmove(ps.v, ps.v + 1, (ps.n - 1) * sizeof *ps.v);
                pa.n--;
                ps.n--;
            }
        } else
            m->sanctioned =
                parleyp_gm_find_sanction(c, ag, agent, (uint32_t)state, ui.v[q], k, plus, &pa, &ps);
        if (m->sanctioned && ps.n > 0) {
            m->steps = malloc(ps.n * sizeof *m->steps);
            if (!m->steps)
                goto oom;
            m->nsteps = ps.n;
            for (size_t i = 0; i < ps.n; i++)
                m->steps[i] = (parley_gmcr_step){pa.v[i], ps.v[i]};
            if (!m->simultaneous)
                m->result = ps.v[ps.n - 1];
        }
        if (!m->sanctioned)
            out->stable = false;
    }
    parleyp_gm_idvec_free(&ui);
    parleyp_gm_idvec_free(&pa);
    parleyp_gm_idvec_free(&ps);
    return PARLEY_OK;
oom:
    parleyp_gm_idvec_free(&ui);
    parleyp_gm_idvec_free(&pa);
    parleyp_gm_idvec_free(&ps);
    parley_gmcr_explanation_clear(out);
    return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
}

parley_status parley_stability_explain(const parley_conflict *c,
                                       const parley_stability_options *opt, size_t state,
                                       size_t agent, parley_gmcr_concept k,
                                       parley_gmcr_explanation *out, parley_error *err)
{
    gm_agents ag;
    memset(out, 0, sizeof *out);
    if (parleyp_gm_agents_build(c, opt ? opt->agent_of_dm : NULL, &ag, err) != PARLEY_OK)
        return PARLEY_ERR_INPUT;
    bool plus = opt && opt->gmcrplus;
    if (state >= c->nstates || agent >= ag.n || (unsigned)k >= PARLEY_GMCR_CONCEPTS)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "explain",
                                "state, agent or concept out of range");
    if ((k == PARLEY_GMCR_SIM || k == PARLEY_GMCR_SEQSIM) && (c->graph_form || c->misperceptions))
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "explain",
                                "SIM needs an option-form conflict without misperceptions");
    if (k != PARLEY_GMCR_SEQSIM)
        return explain_one(c, &ag, plus, state, agent, k, out, err);
    /* SEQ+SIM: the SEQ explanation if SEQ-stable, else SIM's */
    parley_status st = explain_one(c, &ag, plus, state, agent, PARLEY_GMCR_SEQ, out, err);
    if (st != PARLEY_OK || out->stable)
        goto tag;
    parley_gmcr_explanation sim;
    st = explain_one(c, &ag, plus, state, agent, PARLEY_GMCR_SIM, &sim, err);
    if (st != PARLEY_OK)
        return st;
    if (sim.stable) {
        parley_gmcr_explanation_clear(out);
        *out = sim;
    } else
        parley_gmcr_explanation_clear(&sim);
tag:
    out->concept
    = PARLEY_GMCR_SEQSIM;
    return st;
}
