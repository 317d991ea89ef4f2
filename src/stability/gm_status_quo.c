/*
 * stability/gm_status_quo.c — status quo analysis: from a starting state,
 * the shortest legal paths (no agent moves twice in a row) to every state,
 * over all moves or over unilateral improvements only, by breadth-first
 * search over (state, last mover). Linear in states x agents x moves.
 */
#include "stability/gm_solve.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

struct parley_status_quo {
    size_t nstates, nagents, start;
    uint32_t *dist;   /* per node (state * nagents + last mover); UINT32_MAX = unseen */
    uint32_t *parent; /* per node */
};

void parley_status_quo_free(parley_status_quo *q)
{
    if (!q)
        return;
    free(q->dist);
    free(q->parent);
    free(q);
}

parley_status_quo *parley_status_quo_solve(const parley_conflict *c,
                                           const parley_stability_options *opt, size_t start,
                                           bool improvements_only, parley_error *err)
{
    gm_agents ag;
    if (parleyp_gm_agents_build(c, opt ? opt->agent_of_dm : NULL, &ag, err) != PARLEY_OK)
        return NULL;
    if (start >= c->nstates) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "status_quo", "no such state");
        return NULL;
    }
    size_t W = ag.n, nodes = c->nstates * W;
    parley_status_quo *q = calloc(1, sizeof *q);
    uint32_t *queue = NULL;
    gm_idvec mv = {0};
    if (!q || nodes > UINT32_MAX / 2 || !(q->dist = malloc(nodes * sizeof *q->dist)) ||
        !(q->parent = malloc(nodes * sizeof *q->parent)) ||
        !(queue = malloc((nodes + 1) * sizeof *queue)))
        goto oom;
    q->nstates = c->nstates;
    q->nagents = W;
    q->start = start;
    memset(q->dist, 0xff, nodes * sizeof *q->dist);
    size_t head = 0, tail = 0;
    /* the start is a pseudo-node: every agent may make the first move */
    for (size_t b = 0; b < W; b++) {
        if (parleyp_gm_agent_moves(c, &ag, b, (uint32_t)start, &mv) < 0)
            goto oom;
        for (size_t k = 0; k < mv.n; k++) {
            uint32_t u = mv.v[k];
            size_t nn = (size_t)u * W + b;
            if (u == start || q->dist[nn] != UINT32_MAX)
                continue;
            if (improvements_only && !gm_better(c, ag.dmset[b], u, (uint32_t)start))
                continue;
            q->dist[nn] = 1;
            q->parent[nn] = UINT32_MAX;
            queue[tail++] = (uint32_t)nn;
        }
    }
    while (head < tail) {
        uint32_t node = queue[head++];
        uint32_t t = (uint32_t)(node / W), last = (uint32_t)(node % W);
        for (size_t b = 0; b < W; b++) {
            if (b == last)
                continue;
            if (parleyp_gm_agent_moves(c, &ag, b, t, &mv) < 0)
                goto oom;
            for (size_t k = 0; k < mv.n; k++) {
                uint32_t u = mv.v[k];
                size_t nn = (size_t)u * W + b;
                if (q->dist[nn] != UINT32_MAX)
                    continue;
                if (improvements_only && !gm_better(c, ag.dmset[b], u, t))
                    continue;
                q->dist[nn] = q->dist[node] + 1;
                q->parent[nn] = node;
                queue[tail++] = (uint32_t)nn;
            }
        }
    }
    free(queue);
    parleyp_gm_idvec_free(&mv);
    return q;
oom:
    free(queue);
    parleyp_gm_idvec_free(&mv);
    parley_status_quo_free(q);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "status_quo", "out of memory");
    return NULL;
}

/* The node ending at `state` with the smallest distance, or -1. */
static long best_node(const parley_status_quo *q, size_t state)
{
    long best = -1;
    for (size_t b = 0; b < q->nagents; b++) {
        size_t nn = state * q->nagents + b;
        if (q->dist[nn] != UINT32_MAX && (best < 0 || q->dist[nn] < q->dist[best]))
            best = (long)nn;
    }
    return best;
}

long parley_status_quo_distance(const parley_status_quo *q, size_t state)
{
    if (state == q->start)
        return 0;
    long nn = best_node(q, state);
    return nn < 0 ? -1 : (long)q->dist[nn];
}

long parley_status_quo_path(const parley_status_quo *q, size_t state, parley_gmcr_step *steps,
                            size_t cap)
{
    if (state == q->start)
        return 0;
    long nn = best_node(q, state);
    if (nn < 0)
        return -1;
    long len = (long)q->dist[nn];
    uint32_t node = (uint32_t)nn;
    for (long i = len - 1; i >= 0; i--) {
        if ((size_t)i < cap)
            steps[i] = (parley_gmcr_step){node % q->nagents, node / q->nagents};
        node = q->parent[node];
    }
    return len;
}
