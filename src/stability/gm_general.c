/*
 * stability/gm_general.c — Nash, GMR, SMR and SEQ by explicit search for
 * sanctions, for any agents (single DMs or coalitions), either form, and
 * either semantics:
 *   textbook  — legal sequences of opponents' moves in which no agent moves
 *               twice in a row (a search over (state, last mover));
 *   gmcrplus  — GMCR+'s sequences in which each opponent moves at most once,
 *               in any order (a search over (state, set of movers so far)).
 * Every state reached by at least one move is tested as a sanction. The same
 * search, with its parent links, explains a sanction (gm_explain.c).
 * Cost grows with states x improvements x reachable states, so as a whole
 * solver it is the reference the tests hold the others to (up to
 * GM_GENERAL_MAX_STATES); the solvers use single searches of it: the
 * product-graph solver for the coalition SMR moves its bounds leave open
 * (parleyp_gm_search_deters), --explain for the sanction paths.
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

parley_status parleyp_gm_agents_build(const parley_conflict *c, const int *agent_of_dm,
                                      gm_agents *a, parley_error *err)
{
    memset(a, 0, sizeof *a);
    size_t na = 0;
    for (size_t d = 0; d < c->ndms; d++) {
        int k = agent_of_dm ? agent_of_dm[d] : (int)d;
        if (k < 0 || (size_t)k >= c->ndms)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "coalitions",
                                    "coalition index %d out of range", k);
        if ((size_t)k + 1 > na)
            na = (size_t)k + 1;
        a->dmset[k] |= (uint32_t)1 << d;
    }
    for (size_t k = 0; k < na; k++) {
        if (!a->dmset[k])
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "coalitions",
                                    "coalition %zu has no members", k + 1);
        if (c->graph_form && (a->dmset[k] & (a->dmset[k] - 1)))
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "coalitions",
                                    "coalitions need an option-form conflict");
        a->optmask[k] = c->graph_form ? 0 : parleyp_gm_dmset_options(c, a->dmset[k]);
        size_t len = 0;
        for (size_t d = 0; d < c->ndms; d++)
            if (a->dmset[k] >> d & 1u)
                len += (size_t)snprintf(a->name[k] + len, sizeof a->name[k] - len, "%s%s",
                                        len ? ", " : "", c->dms[d].name);
    }
    a->n = na;
    return PARLEY_OK;
}

int parleyp_gm_agent_moves(const parley_conflict *c, const gm_agents *a, size_t agent, uint32_t s,
                           gm_idvec *out)
{
    out->n = 0;
    return parleyp_gm_moves(c, a->dmset[agent], s, out);
}

/* Search workspace, reused across searches (generation stamps, no reset). */
struct gm_search {
    size_t width; /* tags per state */
    uint32_t gen;
    uint32_t *stamp;  /* n * width */
    uint32_t *parent; /* node -> previous node */
    uint32_t *queue;
    gm_idvec moves;
    /* optional, by DM: the DM's best payoff among a state and the focal
     * agent's moves from it, to accept SMR sanctions without listing */
    const uint32_t *escape[GM_MAX_DMS];
    uint32_t last_escape; /* option form: the flips of the last escape found */
};

static int search_init(gm_search *w, const parley_conflict *c, const gm_agents *ag, bool plus)
{
    memset(w, 0, sizeof *w);
    w->width = plus ? (size_t)1 << ag->n : ag->n;
    size_t nodes = c->nstates * w->width;
    if (nodes > UINT32_MAX / 2)
        return -1;
    w->stamp = calloc(nodes, sizeof *w->stamp);
    w->parent = malloc(nodes * sizeof *w->parent);
    w->queue = malloc(nodes * sizeof *w->queue);
    return (w->stamp && w->parent && w->queue) ? 0 : -1;
}

static void search_free(gm_search *w)
{
    free(w->stamp);
    free(w->parent);
    free(w->queue);
    parleyp_gm_idvec_free(&w->moves);
}

/* Option form: whether code x is a feasible state the DM set perceives (when
 * some DM misperceives) and every member prefers to s. */
static bool better_code(const parley_conflict *c, uint32_t dms, uint32_t x, uint32_t s)
{
    long y = gm_state_id(c, x);
    return y >= 0 && (!c->misperceptions || gm_perceives(c, dms, (uint32_t)y)) &&
           gm_better(c, dms, (uint32_t)y, s);
}

/* Whether some move of agent a from t (the moves parleyp_gm_moves lists)
 * reaches a state every member prefers to s, stopping at the first. In
 * option form the flips of the last one found are tried first: consecutive
 * candidates of a search differ only in the opponents' options. */
static bool has_escape(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                       uint32_t t, gm_search *w)
{
    uint32_t dms = ag->dmset[a];
    if (c->misperceptions && !gm_perceives(c, dms, t))
        return false; /* it cannot move from a state it does not perceive */
    if (c->graph_form) {
        for (size_t d = 0; d < c->ndms; d++)
            if (dms >> d & 1u)
                for (uint32_t k = c->dms[d].move_off[t]; k < c->dms[d].move_off[t + 1]; k++)
                    if (gm_better(c, dms, c->dms[d].move_to[k], s))
                        return true;
        return false;
    }
    uint32_t code = c->code[t], f = gm_flippable(c, ag->optmask[a], code);
    uint32_t last = w->last_escape & f;
    if (last && better_code(c, dms, code ^ last, s))
        return true;
    for (uint32_t sub = f; sub; sub = (sub - 1) & f)
        if (better_code(c, dms, code ^ sub, s)) {
            w->last_escape = sub;
            return true;
        }
    return false;
}

/* Whether state t sanctions focal agent a's move away from s under k. */
static bool is_sanction(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                        uint32_t t, parley_gmcr_concept k, gm_search *w)
{
    if (gm_better(c, ag->dmset[a], t, s))
        return false;
    if (k != PARLEY_GMCR_SMR)
        return true;
    for (size_t d = 0; d < c->ndms; d++) /* no escape better for member d */
        if (w->escape[d] && w->escape[d][t] <= c->pay[d][s])
            return true;
    return !has_escape(c, ag, a, s, t, w);
}

/* BFS from s1; returns the sanction node + 1, or 0 if none. */
static uint32_t search(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                       uint32_t s1, parley_gmcr_concept k, bool plus, gm_search *w)
{
    size_t W = w->width;
    if (++w->gen == 0) { /* wrapped: reset stamps */
        memset(w->stamp, 0, c->nstates * W * sizeof *w->stamp);
        w->gen = 1;
    }
    uint32_t start = (uint32_t)(s1 * W + (plus ? (size_t)1 << a : a));
    size_t head = 0, tail = 0;
    w->stamp[start] = w->gen;
    w->queue[tail++] = start;
    while (head < tail) {
        uint32_t node = w->queue[head++];
        uint32_t t = (uint32_t)(node / W), tag = (uint32_t)(node % W);
        for (size_t b = 0; b < ag->n; b++) {
            if (b == a || (plus ? (tag >> b & 1u) : b == tag))
                continue;
            parleyp_gm_agent_moves(c, ag, b, t, &w->moves);
            for (size_t q = 0; q < w->moves.n; q++) {
                uint32_t u = w->moves.v[q];
                if (k == PARLEY_GMCR_SEQ && !gm_better(c, ag->dmset[b], u, t))
                    continue;
                uint32_t ntag = plus ? (tag | (uint32_t)1 << b) : (uint32_t)b;
                uint32_t nn = (uint32_t)(u * W + ntag);
                if (w->stamp[nn] == w->gen)
                    continue;
                w->stamp[nn] = w->gen;
                w->parent[nn] = node;
                if (is_sanction(c, ag, a, s, u, k, w))
                    return nn + 1;
                w->queue[tail++] = nn;
            }
        }
    }
    return 0;
}

bool parleyp_gm_find_sanction(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                              uint32_t s1, parley_gmcr_concept k, bool gmcrplus,
                              gm_idvec *path_agents, gm_idvec *path_states)
{
    gm_search w;
    if (search_init(&w, c, ag, gmcrplus) < 0) {
        search_free(&w);
        return false;
    }
    uint32_t found = search(c, ag, a, s, s1, k, gmcrplus, &w);
    if (found && path_agents && path_states) {
        size_t W = w.width;
        uint32_t start = (uint32_t)(s1 * W + (gmcrplus ? (size_t)1 << a : a));
        size_t base = path_states->n;
        for (uint32_t node = found - 1; node != start; node = w.parent[node]) {
            uint32_t tag = (uint32_t)(node % W), mover = tag;
            if (gmcrplus) {
                uint32_t prev = (uint32_t)(w.parent[node] % W);
                mover = (uint32_t)__builtin_ctz(tag & ~prev);
            }
            parleyp_gm_idvec_push(path_agents, mover);
            parleyp_gm_idvec_push(path_states, (uint32_t)(node / W));
        }
        /* reverse into forward order */
        for (size_t i = base, j = path_states->n; i + 1 < j; i++, j--) {
            uint32_t x = path_states->v[i];
            path_states->v[i] = path_states->v[j - 1];
            path_states->v[j - 1] = x;
            x = path_agents->v[i];
            path_agents->v[i] = path_agents->v[j - 1];
            path_agents->v[j - 1] = x;
        }
    }
    search_free(&w);
    return found != 0;
}

parley_status parleyp_gm_solve_general(const parley_conflict *c, parley_stability *r, bool gmcrplus,
                                       parley_error *err)
{
    const gm_agents *ag = &r->agents;
    if (c->nstates > GM_GENERAL_MAX_STATES)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                "%zu states: coalitions are limited "
                                "to %u states",
                                c->nstates, GM_GENERAL_MAX_STATES);
    gm_search w;
    gm_idvec ui = {0};
    if (search_init(&w, c, ag, gmcrplus) < 0) {
        search_free(&w);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "conflict",
                                "out of memory for the sanction search");
    }
    const double per_state =
        parleyp_gm_general_work(c, ag) / (double)(c->nstates ? c->nstates : 1) / (double)ag->n;
    for (size_t a = 0; a < ag->n; a++) {
        for (uint32_t s = 0; s < c->nstates; s++) {
            parleyp_gm_agent_moves(c, ag, a, s, &ui);
            size_t nui = 0;
            for (size_t q = 0; q < ui.n; q++)
                if (gm_better(c, ag->dmset[a], ui.v[q], s))
                    ui.v[nui++] = ui.v[q];
            bool ok[PARLEY_GMCR_CONCEPTS] = {false};
            ok[PARLEY_GMCR_NASH] = nui == 0;
            for (int k = PARLEY_GMCR_GMR; k <= PARLEY_GMCR_SEQ; k++) {
                ok[k] = true;
                for (size_t q = 0; q < nui && ok[k]; q++)
                    ok[k] = search(c, ag, a, s, ui.v[q], (parley_gmcr_concept)k, gmcrplus, &w) != 0;
            }
            for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
                if (ok[k])
                    gm_bit_set(r->bits[k][a], s);
            if ((s & 1023u) == 1023u)
                parleyp_gm_progress_add(r->progress, 1024.0 * per_state);
        }
    }
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        r->has[k] = true;
    parleyp_gm_idvec_free(&ui);
    search_free(&w);
    return PARLEY_OK;
}

gm_search *parleyp_gm_search_new(const parley_conflict *c, const gm_agents *ag, bool gmcrplus)
{
    gm_search *w = malloc(sizeof *w);
    if (w && search_init(w, c, ag, gmcrplus) < 0) {
        search_free(w);
        free(w);
        w = NULL;
    }
    return w;
}

void parleyp_gm_search_escapes(gm_search *w, const uint32_t *const *escape_of_dm)
{
    memcpy(w->escape, escape_of_dm, sizeof w->escape);
}

void parleyp_gm_search_free(gm_search *w)
{
    if (w) {
        search_free(w);
        free(w);
    }
}

bool parleyp_gm_search_deters(const parley_conflict *c, const gm_agents *ag, size_t a, uint32_t s,
                              uint32_t s1, parley_gmcr_concept k, bool gmcrplus, gm_search *w)
{
    return search(c, ag, a, s, s1, k, gmcrplus, w) != 0;
}

double parleyp_gm_general_work(const parley_conflict *c, const gm_agents *ag)
{
    /* per state and agent: its moves, each searched over the opponents'
     * moves (graph form: the average out-degree) */
    double moves = 0.0;
    for (size_t a = 0; a < ag->n; a++) {
        if (c->graph_form) {
            double m = 0.0;
            for (size_t d = 0; d < c->ndms; d++)
                if ((ag->dmset[a] >> d & 1u) && c->dms[d].move_off)
                    m += c->nstates ? (double)c->dms[d].move_off[c->nstates] / (double)c->nstates
                                    : 0.0;
            moves += 1.0 + m;
        } else {
            moves += (double)((uint64_t)1 << __builtin_popcount(ag->optmask[a]));
        }
    }
    return (double)c->nstates * moves * moves;
}
