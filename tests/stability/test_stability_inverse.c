/*
 * tests/stability/test_stability_inverse.c — inverse GMCR
 * (parley_inverse_solve) against the forward solver:
 *   - Syria–Iraq 1975 (data/gmcr/cases), state 2, Syria's whole ranking
 *     varied: Nash 240, SEQ 384, GMR 384, SMR 300 of 720 (the reference's
 *     forward-enumeration counts, not GMCR+'s InverseSolver's 420);
 *   - the reference's second setup: positions 1-4 of both rankings varied
 *     (576 profiles), every state;
 *   - the handout's conditions for state 2 (Nash: Syria prefers 2 to 1 and
 *     3; SEQ: Iraq prefers 4 to 1 and Syria 2 to 4, or Iraq 6 to 3 and Syria
 *     2 to 6);
 *   - every reference case and state: a condition "holds" exactly when the
 *     forward solver says the DM is stable, and the alternatives evaluate
 *     to the same;
 *   - random conflicts: the count equals a brute-force enumeration solved
 *     by parley_stability_solve, the listed profiles are exactly the
 *     profiles that make the state an equilibrium, and the smallest change
 *     substituted back makes it one while no profile with fewer swaps does.
 */
#include "parley/stability.h"
#include "stability/gm_inverse.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define CASES PARLEY_DATA_DIR "/gmcr/cases/"

static parley_conflict *load_case(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, CASES "%s.json", name);
    parley_error err;
    parley_conflict *c = parley_conflict_load_json(path, &err);
    if (!c)
        fail_msg("%s: %s", path, err.message);
    return c;
}

/* ---- brute force with the forward solver ----
 *
 * An independent reference for parley_inverse_solve, deliberately sharing
 * none of the library's enumeration (parleyp_gm_inv_next_perm, the odometer
 * of gm_inverse_count.c, the signatures of gm_inverse_seq.c): the profiles
 * are generated recursively (each window position in turn takes every
 * still unused group of the window, smallest first; DMs outermost in order,
 * so the last DM varies fastest), which is lexicographic order by
 * construction, and each profile is judged by the forward solver. A bug in
 * the library's walk (a permutation skipped or repeated, a wrong order of
 * the list, a window not reset when it carries) therefore shows up as a
 * mismatch here instead of being reproduced. */
/* Group position of each state in dm's ranking (0 = best), from payoffs. */
static uint32_t groups_of(const parley_conflict *c, size_t d, uint32_t *grp)
{
    size_t n = c->nstates;
    uint32_t ng = 0;
    for (size_t s = 0; s < n; s++) {
        uint32_t above = 0; /* distinct payoffs above */
        for (size_t t = 0; t < n; t++) {
            bool dup = false;
            for (size_t u = 0; u < t && !dup; u++)
                dup = c->pay[d][u] == c->pay[d][t];
            if (!dup && c->pay[d][t] > c->pay[d][s])
                above++;
        }
        grp[s] = above;
        if (above + 1 > ng)
            ng = above + 1;
    }
    return ng;
}

typedef struct brute {
    double count[4];
    size_t nprof;
    /* per profile: equilibrium flags (bit k) */
    unsigned char *eq;
    uint32_t *levels; /* per profile, per DM, per state: group position */
} brute;

/* The brute-force walk: the conflict whose payoffs are substituted, the
 * state, the windows by DM, the current group order of each DM and the
 * result collected so far. */
typedef struct brute_walk {
    parley_conflict *c;
    size_t state;
    const parley_inverse_window *w_of[GM_MAX_DMS];
    uint32_t *grp[GM_MAX_DMS], ng[GM_MAX_DMS], *order[GM_MAX_DMS];
    size_t cap;
    brute b;
} brute_walk;

/* One complete profile: substitute its payoffs, solve, record. */
static void brute_judge(brute_walk *bw)
{
    parley_conflict *c = bw->c;
    size_t nd = c->ndms, n = c->nstates;
    brute *b = &bw->b;
    for (size_t d = 0; d < nd; d++) {
        uint32_t pos[512];
        for (uint32_t p = 0; p < bw->ng[d]; p++)
            pos[bw->order[d][p]] = p;
        for (size_t s = 0; s < n; s++)
            c->pay[d][s] = bw->ng[d] - 1 - pos[bw->grp[d][s]];
    }
    parley_stability_options opt = {NULL, false, 1};
    parley_stability *r = parley_stability_solve(c, &opt, NULL);
    assert_non_null(r);
    if (b->nprof == bw->cap) {
        bw->cap *= 2;
        b->eq = realloc(b->eq, bw->cap);
        b->levels = realloc(b->levels, bw->cap * nd * n * sizeof *b->levels);
    }
    b->eq[b->nprof] = 0;
    for (int k = 0; k < 4; k++)
        if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, bw->state)) {
            b->eq[b->nprof] |= (unsigned char)(1u << k);
            b->count[k] += 1;
        }
    for (size_t d = 0; d < nd; d++)
        for (size_t s = 0; s < n; s++)
            b->levels[(b->nprof * nd + d) * n + s] = bw->ng[d] - 1 - c->pay[d][s];
    b->nprof++;
    parley_stability_free(r);
}

/* Fills DM d's window from position p on (`used`: the window's groups
 * already placed, bit q = group first + q), then the later DMs. */
static void brute_walk_from(brute_walk *bw, size_t d, size_t p, uint64_t used)
{
    if (d == bw->c->ndms) {
        brute_judge(bw);
        return;
    }
    const parley_inverse_window *w = bw->w_of[d];
    size_t len = w ? w->last - w->first + 1 : 0;
    if (p == len) {
        brute_walk_from(bw, d + 1, 0, 0);
        return;
    }
    for (size_t q = 0; q < len; q++)
        if (!(used >> q & 1u)) {
            bw->order[d][w->first + p] = (uint32_t)(w->first + q);
            brute_walk_from(bw, d, p + 1, used | (uint64_t)1 << q);
        }
}

/* Every profile of the windows in lexicographic order, each solved with
 * parley_stability_solve. */
static brute brute_force(parley_conflict *c, size_t state, const parley_inverse_window *win,
                         size_t nwin)
{
    size_t nd = c->ndms, n = c->nstates;
    brute_walk bw;
    memset(&bw, 0, sizeof bw);
    bw.c = c;
    bw.state = state;
    uint32_t *orig[GM_MAX_DMS];
    for (size_t v = 0; v < nwin; v++) {
        assert_true(win[v].last - win[v].first + 1 <= 64);
        bw.w_of[win[v].dm] = &win[v];
    }
    for (size_t d = 0; d < nd; d++) {
        bw.grp[d] = malloc(n * sizeof *bw.grp[d]);
        bw.ng[d] = groups_of(c, d, bw.grp[d]);
        bw.order[d] = malloc(bw.ng[d] * sizeof *bw.order[d]);
        for (uint32_t g = 0; g < bw.ng[d]; g++)
            bw.order[d][g] = g;
        orig[d] = c->pay[d];
        c->pay[d] = malloc(n * sizeof(uint32_t));
    }
    bw.cap = 16;
    bw.b.eq = malloc(bw.cap);
    bw.b.levels = malloc(bw.cap * nd * n * sizeof *bw.b.levels);
    brute_walk_from(&bw, 0, 0, 0);
    for (size_t d = 0; d < nd; d++) {
        free(c->pay[d]);
        c->pay[d] = orig[d];
        free(bw.grp[d]);
        free(bw.order[d]);
    }
    return bw.b;
}

static void brute_free(brute *b)
{
    free(b->eq);
    free(b->levels);
}

/* The forward solver's verdict with the levels of a profile substituted. */
static bool forward_eq(parley_conflict *c, size_t state, parley_gmcr_concept k,
                       uint32_t *const *levels)
{
    size_t nd = c->ndms, n = c->nstates;
    uint32_t *orig[GM_MAX_DMS];
    for (size_t d = 0; d < nd; d++) {
        orig[d] = c->pay[d];
        c->pay[d] = malloc(n * sizeof(uint32_t));
        for (size_t s = 0; s < n; s++)
            c->pay[d][s] = (uint32_t)n - levels[d][s];
    }
    parley_stability_options opt = {NULL, false, 1};
    parley_stability *r = parley_stability_solve(c, &opt, NULL);
    assert_non_null(r);
    bool eq = parley_stability_is_equilibrium(r, k, state);
    parley_stability_free(r);
    for (size_t d = 0; d < nd; d++) {
        free(c->pay[d]);
        c->pay[d] = orig[d];
    }
    return eq;
}

static long kendall_levels(const uint32_t *a, const uint32_t *b, size_t n)
{
    /* swaps of adjacent groups between two group orders of the same groups:
     * pairs of groups in opposite order (ties stay ties) */
    long inv = 0;
    for (size_t s = 0; s < n; s++)
        for (size_t t = 0; t < n; t++)
            if (a[s] < a[t] && b[s] > b[t])
                inv++;
    /* every pair of groups counted once per pair of member states: the
     * callers use rankings without ties or compare group orders */
    return inv;
}

/* ---- Syria–Iraq ---- */

static void syria_both_windows(void);

static void test_syria_whole_ranking(void **state)
{
    (void)state;
    parley_conflict *c = load_case("syria_iraq_1975");
    parley_inverse_window w = {0, 0, 5}; /* Syria, positions 1..6 */
    parley_inverse_options opt = {0, &w, 1, 1000, 0};
    parley_error err;
    parleyp_gm_inv_seq_mode = 1; /* SEQ by signatures (the list still one by one) */
    parley_inverse *r = parley_inverse_solve(c, 1, &opt, &err);
    parleyp_gm_inv_seq_mode = 0;
    assert_non_null(r);
    const char *text;
    assert_true(parley_inverse_profiles(r, &text) == 720.0);
    assert_string_equal(text, "720");
    static const double want[4] = {240, 384, 300, 384}; /* Nash GMR SMR SEQ */
    for (int k = 0; k < 4; k++) {
        assert_true(parley_inverse_count(r, (parley_gmcr_concept)k, &text) == want[k]);
        bool complete;
        assert_int_equal(parley_inverse_listed(r, (parley_gmcr_concept)k, &complete),
                         (size_t)want[k]);
        assert_true(complete);
    }
    /* the same from the forward solver, profile by profile */
    brute b = brute_force(c, 1, &w, 1);
    assert_int_equal(b.nprof, 720);
    for (int k = 0; k < 4; k++)
        assert_true(b.count[k] == want[k]);
    /* listed profiles = exactly the brute-force equilibria, in order */
    size_t n = c->nstates;
    uint32_t lv[2][64];
    for (int k = 0; k < 4; k++) {
        size_t idx = 0;
        for (size_t p = 0; p < b.nprof; p++) {
            if (!(b.eq[p] >> k & 1u))
                continue;
            for (size_t d = 0; d < 2; d++) {
                parley_inverse_listed_ranking(r, (parley_gmcr_concept)k, idx, d, lv[d]);
                assert_memory_equal(lv[d], b.levels + (p * 2 + d) * n, n * sizeof(uint32_t));
            }
            idx++;
        }
        assert_int_equal(idx, (size_t)want[k]);
    }
    brute_free(&b);
    parley_inverse_free(r);
    parley_conflict_free(c);
}

static void test_syria_both_windows(void **state)
{
    (void)state;
    for (int mode = -1; mode <= 1; mode += 2) {
        parleyp_gm_inv_seq_mode = mode; /* SEQ one by one, then by signatures */
        syria_both_windows();
    }
    parleyp_gm_inv_seq_mode = 0;
}

static void syria_both_windows(void)
{
    parley_conflict *c = load_case("syria_iraq_1975");
    /* reference forward counts, keyed by ordered state: Nash SEQ GMR SMR */
    static const double want[5][4] = {
        {96, 160, 384, 252}, {192, 312, 384, 336}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    parley_inverse_window w[2] = {{0, 0, 3}, {1, 0, 3}};
    for (size_t s = 0; s < 5; s++) {
        parley_inverse_options opt = {0, w, 2, 0, 0};
        parley_error err;
        parley_inverse *r = parley_inverse_solve(c, s, &opt, &err);
        assert_non_null(r);
        assert_true(parley_inverse_profiles(r, NULL) == 576.0);
        assert_true(parley_inverse_count(r, PARLEY_GMCR_NASH, NULL) == want[s][0]);
        assert_true(parley_inverse_count(r, PARLEY_GMCR_SEQ, NULL) == want[s][1]);
        assert_true(parley_inverse_count(r, PARLEY_GMCR_GMR, NULL) == want[s][2]);
        assert_true(parley_inverse_count(r, PARLEY_GMCR_SMR, NULL) == want[s][3]);
        parley_inverse_free(r);
    }
    parley_conflict_free(c);
}

static bool has_atom(const parley_gmcr_alternative *a, size_t dm, size_t x, size_t y, bool strict)
{
    for (size_t q = 0; q < a->natoms; q++)
        if (a->atoms[q].dm == dm && a->atoms[q].a == x && a->atoms[q].b == y &&
            a->atoms[q].strict == strict)
            return true;
    return false;
}

static void test_syria_conditions(void **state)
{
    (void)state;
    parley_conflict *c = load_case("syria_iraq_1975");
    parley_inverse *r = parley_inverse_solve(c, 1, NULL, NULL);
    assert_non_null(r);
    /* ids are ordered numbers - 1: state 2 = id 1 */
    const parley_gmcr_condition *nash = NULL, *seq = NULL;
    for (size_t q = 0; q < parley_inverse_condition_count(r); q++) {
        const parley_gmcr_condition *cd = parley_inverse_condition(r, q);
        if (cd->dm == 0 && cd->concept == PARLEY_GMCR_NASH)
            nash = cd;
        if (cd->dm == 0 && cd->concept == PARLEY_GMCR_SEQ)
            seq = cd;
    }
    assert_non_null(nash);
    assert_non_null(seq);
    /* Syria's moves from 2 (YNN): to 1 (NNN) and 3 (NYN) */
    assert_int_equal(nash->nmoves, 2);
    size_t to[2] = {nash->moves[0].move, nash->moves[1].move};
    assert_true((to[0] == 0 && to[1] == 2) || (to[0] == 2 && to[1] == 0));
    for (size_t m = 0; m < 2; m++) {
        assert_int_equal(nash->moves[m].nalternatives, 1);
        assert_true(has_atom(&nash->moves[m].alternatives[0], 0, 1, nash->moves[m].move, false));
    }
    /* SEQ: against 1, Iraq prefers 4 to 1 and Syria 2 to 4; against 3,
     * Iraq 6 to 3 and Syria 2 to 6 */
    for (size_t m = 0; m < seq->nmoves; m++) {
        const parley_gmcr_move_condition *mc = &seq->moves[m];
        assert_int_equal(mc->nalternatives, 2);
        assert_false(mc->truncated);
        size_t t = mc->move, sanction = t == 0 ? 3 : 5;
        assert_true(has_atom(&mc->alternatives[0], 0, 1, t, false));
        assert_int_equal(mc->alternatives[1].natoms, 2);
        assert_true(has_atom(&mc->alternatives[1], 1, sanction, t, true));
        assert_true(has_atom(&mc->alternatives[1], 0, 1, sanction, false));
    }
    /* state 2 is not an equilibrium under any of them now; the smallest
     * change: Syria moves 2 above 1 and 3 for Nash (3 swaps: 1 3 6 2 ->
     * 2 1 3 6) */
    bool exact;
    assert_int_equal(parley_inverse_min_swaps(r, PARLEY_GMCR_NASH, &exact), 3);
    assert_true(exact);
    parley_inverse_free(r);
    parley_conflict_free(c);
}

/* Conditions agree with the forward solver on every case and state. */
static void check_conditions(parley_conflict *c)
{
    parley_stability_options opt = {NULL, false, 1};
    parley_stability *fw = parley_stability_solve(c, &opt, NULL);
    assert_non_null(fw);
    for (size_t s = 0; s < c->nstates; s++) {
        parley_inverse *r = parley_inverse_solve(c, s, NULL, NULL);
        assert_non_null(r);
        assert_int_equal(parley_inverse_condition_count(r), 4 * c->ndms);
        for (size_t q = 0; q < parley_inverse_condition_count(r); q++) {
            const parley_gmcr_condition *cd = parley_inverse_condition(r, q);
            assert_int_equal(cd->holds, parley_stability_is_stable(fw, cd->concept, cd->dm, s));
            bool all = true;
            for (size_t m = 0; m < cd->nmoves; m++) {
                const parley_gmcr_move_condition *mc = &cd->moves[m];
                bool any = false;
                for (size_t a = 0; a < mc->nalternatives; a++)
                    any = any || mc->alternatives[a].holds;
                if (!mc->truncated)
                    assert_int_equal(any, mc->holds);
                else if (any)
                    assert_true(mc->holds);
                all = all && mc->holds;
            }
            assert_int_equal(all, cd->holds);
        }
        /* the smallest change, substituted back, makes s an equilibrium */
        for (int k = 0; k < 4; k++) {
            uint32_t *lv[GM_MAX_DMS];
            long total = 0;
            for (size_t d = 0; d < c->ndms; d++) {
                lv[d] = malloc(c->nstates * sizeof *lv[d]);
                parley_inverse_min_ranking(r, (parley_gmcr_concept)k, d, lv[d]);
                total += parley_inverse_min_swaps_dm(r, (parley_gmcr_concept)k, d);
            }
            assert_int_equal(total, parley_inverse_min_swaps(r, (parley_gmcr_concept)k, NULL));
            assert_true(forward_eq(c, s, (parley_gmcr_concept)k, lv));
            if (total == 0)
                assert_true(parley_stability_is_equilibrium(fw, (parley_gmcr_concept)k, s));
            for (size_t d = 0; d < c->ndms; d++)
                free(lv[d]);
        }
        parley_inverse_free(r);
    }
    parley_stability_free(fw);
}

static void test_reference_cases(void **state)
{
    (void)state;
    static const char *const names[] = {
        "chicken",         "prisoners_dilemma", "syria_iraq_1975",    "milk_river",
        "elmira_gmcrplus", "nk2017_original",   "nk2017_bloodthirsty"};
    for (size_t q = 0; q < sizeof names / sizeof *names; q++) {
        parley_conflict *c = load_case(names[q]);
        check_conditions(c);
        parley_conflict_free(c);
    }
}

/* ---- random conflicts ---- */

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* A random option-form conflict in YAML: 2-3 DMs, 1-2 options each,
 * rankings as statements, sometimes an irreversible option. */
static parley_conflict *random_conflict(void)
{
    for (;;) {
        char y[4096];
        size_t len = 0;
#define OUT(...) (len += (size_t)snprintf(y + len, sizeof y - len, __VA_ARGS__))
        int nd = 2 + (int)rnd(2), no = 0, own[3][2], nown[3];
        OUT("conflict:\n  decision_makers:\n");
        for (int d = 0; d < nd; d++) {
            nown[d] = 1 + (int)rnd(nd == 2 ? 2 : 1) + (nd == 2 && rnd(3) == 0);
            if (nown[d] > 2)
                nown[d] = 2;
            OUT("    - id: D%d\n      options:\n", d);
            for (int k = 0; k < nown[d]; k++) {
                own[d][k] = no;
                OUT("        - {id: o%d, reversible: %s}\n", no++,
                    rnd(5) == 0 ? "only_taken" : "both");
            }
        }
        if (rnd(2))
            OUT("  infeasible: [\"o%u and o%u\"]\n", rnd((uint32_t)no), rnd((uint32_t)no));
        OUT("  preferences:\n");
        for (int d = 0; d < nd; d++) {
            OUT("    D%d: [", d);
            int ns = 2 + (int)rnd(3);
            for (int j = 0; j < ns; j++)
                OUT("%s\"%so%u%s\"", j ? ", " : "", rnd(2) ? "not " : "", rnd((uint32_t)no),
                    rnd(3) == 0 ? "" : "");
            OUT("]\n");
        }
#undef OUT
        (void)own;
        parley_conflict *c = parley_conflict_parse_yaml(y, len, "random.yaml", NULL);
        if (c && c->nstates >= 3 && c->nstates <= 16)
            return c;
        parley_conflict_free(c);
    }
}

static void test_random_conflicts(void **state)
{
    (void)state;
    for (int iter = 0; iter < 60; iter++) {
        parley_conflict *c = random_conflict();
        size_t s = rnd((uint32_t)c->nstates);
        /* windows of up to 4 groups for one or two DMs */
        parley_inverse_window w[2];
        size_t nw = 1 + rnd(2);
        uint32_t grp[64];
        for (size_t v = 0; v < nw; v++) {
            size_t d = v == 0 ? rnd((uint32_t)c->ndms) : (w[0].dm + 1) % c->ndms;
            uint32_t ng = groups_of(c, d, grp);
            size_t len = 1 + rnd(ng < 4 ? ng : 4);
            size_t first = rnd(ng - (uint32_t)len + 1);
            w[v] = (parley_inverse_window){d, first, first + len - 1};
        }
        parley_inverse_options opt = {0, w, nw, 100000, 0};
        parley_error err;
        parleyp_gm_inv_seq_mode = iter % 3 - 1; /* one by one, when cheaper, by signatures */
        parley_inverse *r = parley_inverse_solve(c, s, &opt, &err);
        parleyp_gm_inv_seq_mode = 0;
        if (!r)
            fail_msg("inverse failed: %s", err.message);
        brute b = brute_force(c, s, w, nw);
        assert_true(parley_inverse_profiles(r, NULL) == (double)b.nprof);
        for (int k = 0; k < 4; k++) {
            assert_true(parley_inverse_count(r, (parley_gmcr_concept)k, NULL) == b.count[k]);
            bool complete;
            size_t nl = parley_inverse_listed(r, (parley_gmcr_concept)k, &complete);
            assert_true(complete);
            size_t idx = 0;
            for (size_t p = 0; p < b.nprof; p++) {
                if (!(b.eq[p] >> k & 1u))
                    continue;
                for (size_t d = 0; d < c->ndms; d++) {
                    uint32_t lv[64];
                    parley_inverse_listed_ranking(r, (parley_gmcr_concept)k, idx, d, lv);
                    assert_memory_equal(lv, b.levels + (p * c->ndms + d) * c->nstates,
                                        c->nstates * sizeof(uint32_t));
                }
                idx++;
            }
            assert_int_equal(idx, nl);
        }
        brute_free(&b);
        parley_inverse_free(r);
        check_conditions(c);
        parley_conflict_free(c);
    }
}

/* The smallest change is the smallest: no profile within fewer adjacent
 * swaps makes the state an equilibrium (breadth-first over all swaps). */
static void test_random_min_change_is_minimal(void **state)
{
    (void)state;
    for (int iter = 0; iter < 25; iter++) {
        parley_conflict *c = random_conflict();
        size_t s = rnd((uint32_t)c->nstates), nd = c->ndms, n = c->nstates;
        parley_inverse *r = parley_inverse_solve(c, s, NULL, NULL);
        assert_non_null(r);
        for (int k = 0; k < 4; k++) {
            bool exact;
            long best = parley_inverse_min_swaps(r, (parley_gmcr_concept)k, &exact);
            assert_true(exact);
            if (best <= 0 || best > 3)
                continue;
            /* every profile within best - 1 swaps: levels per DM */
            uint32_t ng[GM_MAX_DMS], *g0[GM_MAX_DMS];
            for (size_t d = 0; d < nd; d++) {
                g0[d] = malloc(n * sizeof *g0[d]);
                ng[d] = groups_of(c, d, g0[d]);
            }
            /* depth-limited search over sequences of swaps */
            long maxd = best - 1;
            uint32_t *stack[8][GM_MAX_DMS];
            for (long dd = 0; dd <= maxd; dd++)
                for (size_t d = 0; d < nd; d++)
                    stack[dd][d] = malloc(n * sizeof(uint32_t));
            for (size_t d = 0; d < nd; d++)
                memcpy(stack[0][d], g0[d], n * sizeof(uint32_t));
            /* iterate over all swap sequences of length <= maxd */
            long depth = 0;
            size_t choice[8] = {0};
            size_t nchoices = 0;
            for (size_t d = 0; d < nd; d++)
                nchoices += ng[d] > 1 ? ng[d] - 1 : 0;
            assert_false(forward_eq(c, s, (parley_gmcr_concept)k, stack[0]));
            for (;;) {
                if (depth < maxd && choice[depth] < nchoices) {
                    size_t q = choice[depth]++, d = 0;
                    while (q >= (ng[d] > 1 ? ng[d] - 1 : 0)) {
                        q -= ng[d] > 1 ? ng[d] - 1 : 0;
                        d++;
                    }
                    for (size_t e = 0; e < nd; e++)
                        memcpy(stack[depth + 1][e], stack[depth][e], n * sizeof(uint32_t));
                    for (size_t x = 0; x < n; x++) { /* swap groups q and q+1 */
                        if (stack[depth][d][x] == q)
                            stack[depth + 1][d][x] = (uint32_t)q + 1;
                        else if (stack[depth][d][x] == q + 1)
                            stack[depth + 1][d][x] = (uint32_t)q;
                    }
                    assert_false(forward_eq(c, s, (parley_gmcr_concept)k, stack[depth + 1]));
                    depth++;
                    choice[depth] = 0;
                } else if (depth == 0)
                    break;
                else
                    depth--;
            }
            for (long dd = 0; dd <= maxd; dd++)
                for (size_t d = 0; d < nd; d++)
                    free(stack[dd][d]);
            for (size_t d = 0; d < nd; d++)
                free(g0[d]);
        }
        (void)kendall_levels;
        parley_inverse_free(r);
        parley_conflict_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syria_whole_ranking),
        cmocka_unit_test(test_syria_both_windows),
        cmocka_unit_test(test_syria_conditions),
        cmocka_unit_test(test_reference_cases),
        cmocka_unit_test(test_random_conflicts),
        cmocka_unit_test(test_random_min_change_is_minimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
