/*
 * tests/stability/test_stability_status_quo.c — status quo analysis of the
 * Ukraine example's conflict (examples/ukraine-2025.yaml): from the file's
 * status quo (3, YNNYNNN) to every equilibrium, the shortest legal path
 * (no DM twice in a row) over all moves and over improvements only.
 * Each path is checked step by step (a move of the named DM, an improvement
 * for it where asked, ending at the equilibrium), its length against an
 * independent breadth-first search written here, and the figures the docs
 * show: 31 (the Nash equilibrium) by EU then US either way, 15 by US, 1 by
 * UA and not by improvements.
 */
#include "parley/stability.h"
#include "stability/gm_solve.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static bool is_move(const parley_conflict *c, size_t dm, uint32_t from, uint32_t to)
{
    gm_idvec mv = {0};
    parleyp_gm_moves(c, (uint32_t)1 << dm, from, &mv);
    bool ok = false;
    for (size_t q = 0; q < mv.n && !ok; q++)
        ok = mv.v[q] == to;
    parleyp_gm_idvec_free(&mv);
    return ok;
}

/* Independent BFS over (state, last mover): distances to every state. */
static void bfs(const parley_conflict *c, size_t start, bool imp, long *dist)
{
    size_t n = c->nstates, nd = c->ndms;
    long *d = malloc(n * nd * sizeof *d);
    size_t *queue = malloc(n * nd * sizeof *queue), head = 0, tail = 0;
    for (size_t q = 0; q < n * nd; q++)
        d[q] = -1;
    for (size_t s = 0; s < n; s++)
        dist[s] = s == start ? 0 : -1;
    for (size_t b = 0; b < nd; b++)
        for (uint32_t u = 0; u < n; u++)
            if (u != start && is_move(c, b, (uint32_t)start, u) &&
                (!imp || c->pay[b][u] > c->pay[b][start]) && d[u * nd + b] < 0) {
                d[u * nd + b] = 1;
                queue[tail++] = u * nd + b;
            }
    while (head < tail) {
        size_t node = queue[head++], t = node / nd, last = node % nd;
        for (size_t b = 0; b < nd; b++)
            for (uint32_t u = 0; u < n && b != last; u++)
                if (is_move(c, b, (uint32_t)t, u) && (!imp || c->pay[b][u] > c->pay[b][t]) &&
                    d[u * nd + b] < 0) {
                    d[u * nd + b] = d[node] + 1;
                    queue[tail++] = u * nd + b;
                }
    }
    for (size_t s = 0; s < n; s++)
        for (size_t b = 0; b < nd; b++)
            if (d[s * nd + b] >= 0 && (dist[s] < 0 || d[s * nd + b] < dist[s]))
                dist[s] = s == start ? 0 : d[s * nd + b];
    free(d);
    free(queue);
}

static void test_ukraine(void **state)
{
    (void)state;
    parley_error err;
    parley_conflict *c =
        parley_conflict_load_yaml(PARLEY_SOURCE_DIR "/examples/ukraine-2025.yaml", &err);
    if (!c)
        fail_msg("%s", err.message);
    long sq = parley_conflict_status_quo(c);
    assert_int_equal(sq, 2);
    parley_stability *r = parley_stability_solve(c, NULL, NULL);
    assert_non_null(r);
    size_t n = c->nstates;
    long want[2][32];
    parley_gmcr_step steps[64];
    for (int imp = 0; imp < 2; imp++) {
        parley_status_quo *q = parley_status_quo_solve(c, NULL, (size_t)sq, imp, &err);
        assert_non_null(q);
        bfs(c, (size_t)sq, imp, want[imp]);
        for (size_t s = 0; s < n; s++) {
            long len = parley_status_quo_path(q, s, steps, 64);
            assert_int_equal(len, want[imp][s]);
            assert_int_equal(parley_status_quo_distance(q, s), want[imp][s]);
            uint32_t at = (uint32_t)sq;
            for (long i = 0; i < len; i++) {
                if (i > 0)
                    assert_int_not_equal(steps[i].agent, steps[i - 1].agent);
                assert_true(is_move(c, steps[i].agent, at, (uint32_t)steps[i].to));
                if (imp)
                    assert_true(c->pay[steps[i].agent][steps[i].to] > c->pay[steps[i].agent][at]);
                at = (uint32_t)steps[i].to;
            }
            if (len >= 0)
                assert_int_equal(at, s);
        }
        /* the docs' figures */
        long len = parley_status_quo_path(q, 30, steps, 64); /* 31 YNNYYYY, the Nash equilibrium */
        assert_int_equal(len, 2);
        assert_string_equal(parley_stability_agent_name(r, steps[0].agent), "EU");
        assert_int_equal(steps[0].to, 18);
        assert_string_equal(parley_stability_agent_name(r, steps[1].agent), "US");
        len = parley_status_quo_path(q, 14, steps, 64); /* 15 YNNYYYN */
        assert_int_equal(len, 1);
        assert_string_equal(parley_stability_agent_name(r, steps[0].agent), "US");
        len = parley_status_quo_path(q, 0, steps, 64); /* 1 YNYNNNN */
        assert_int_equal(len, imp ? -1 : 1);
        parley_status_quo_free(q);
    }
    assert_true(parley_stability_is_equilibrium(r, PARLEY_GMCR_NASH, 30));
    parley_stability_free(r);
    parley_conflict_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_ukraine)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
