/*
 * stability/gm_inverse.h — internals of inverse GMCR (parley_inverse_solve):
 * the result, the local stability test of one state under substituted
 * preferences, and the three parts: conditions (gm_inverse.c), counting and
 * listing profiles over vary windows (gm_inverse_count.c), the smallest
 * change (gm_inverse_change.c).
 *
 * Preferences are handled as tie groups: grp[d][s] = position of state s's
 * group in DM d's ranking (0 = most preferred). A profile reorders groups;
 * its payoff for state s is ngroups - 1 - new position of s's group.
 */
#ifndef PARLEY_STABILITY_GM_INVERSE_H
#define PARLEY_STABILITY_GM_INVERSE_H

#include "stability/gm_solve.h"

#define GM_INV_CONCEPTS 4  /* Nash, GMR, SMR, SEQ */
#define GM_INV_MAX_ALTS 32 /* SEQ sanction paths listed per move */
#define GM_INV_DEFAULT_WORK 2e10

/* Workspace of the local test (reused; generation stamps). */
typedef struct gm_inv_ws {
    size_t n, nd;
    uint32_t gen;
    uint32_t *stamp;  /* n * nd */
    uint32_t *sstamp; /* n */
    uint32_t *queue;
    gm_idvec moves, esc;
} gm_inv_ws;

int parleyp_gm_inv_ws_init(gm_inv_ws *w, const parley_conflict *c);
void parleyp_gm_inv_ws_free(gm_inv_ws *w);

/* Whether DM i is stable at s under k (Nash, GMR, SMR or SEQ) with payoffs
 * pay[d][state] (textbook legal sequences; the same definitions as
 * gm_general.c). If t is not UINT32_MAX only i's move to t is judged. */
bool parleyp_gm_inv_stable(const parley_conflict *c, uint32_t *const *pay, uint32_t s, size_t i,
                           parley_gmcr_concept k, uint32_t t, gm_inv_ws *w);
/* States reachable from t by legal sequences of moves of the DMs other
 * than i (t itself only if some sequence returns to it), nearest first. */
int parleyp_gm_inv_reach(const parley_conflict *c, uint32_t t, size_t i, gm_inv_ws *w,
                         gm_idvec *out);

struct parley_inverse {
    const parley_conflict *c; /* borrowed for the accessors' sizes only */
    size_t state, nd, n;
    bool has[GM_INV_CONCEPTS];
    uint32_t *grp[GM_MAX_DMS];
    uint32_t ngroups[GM_MAX_DMS];
    /* (a) */
    size_t ncond;
    parley_gmcr_condition *cond;
    /* (b) */
    size_t nwin;
    parley_inverse_window *win;
    double profiles, count[GM_INV_CONCEPTS];
    char profiles_text[48], count_text[GM_INV_CONCEPTS][48];
    size_t nlisted[GM_INV_CONCEPTS];
    bool list_complete[GM_INV_CONCEPTS];
    uint32_t *listed[GM_INV_CONCEPTS]; /* nlisted x nd x n levels */
    /* (c) */
    long swaps[GM_INV_CONCEPTS];
    bool swaps_exact[GM_INV_CONCEPTS];
    long swaps_dm[GM_INV_CONCEPTS][GM_MAX_DMS];
    uint32_t *change[GM_INV_CONCEPTS]; /* nd x n levels */
};

/* Payoffs of a DM whose groups are in `order` (order[pos] = original group
 * index at position pos, ng entries): pay[s] = ng - 1 - pos(grp[s]). */
void parleyp_gm_inv_pay(const parley_inverse *r, size_t d, const uint32_t *order, uint32_t *pay);

/* The walk over a vary window's permutations (gm_inverse.c): advances v[0..n)
 * (distinct group indices) to its lexicographic successor and returns true;
 * after the last permutation returns false with v back at the first
 * (ascending), so an odometer over several windows carries by calling it on
 * the next window. Starting from ascending order, the calls until false
 * visit every one of the n! permutations once, in lexicographic order
 * (the order --list shows profiles in). */
bool parleyp_gm_inv_next_perm(uint32_t *v, size_t n);

/* (b) counts and lists; (c) the smallest change. */
parley_status parleyp_gm_inv_count(parley_inverse *r, const parley_conflict *c,
                                   const parley_inverse_options *opt, double max_work,
                                   parley_error *err);
parley_status parleyp_gm_inv_change(parley_inverse *r, const parley_conflict *c, double max_work,
                                    parley_error *err);

/* SEQ's count by signatures of the windows' relevant groups
 * (gm_inverse_seq.c): win[d] is DM d's window or NULL. Returns false when
 * it does not apply or would cost more than judging brute_profiles one by
 * one (then the caller enumerates); else writes the count (an unsigned
 * 128-bit integer) to count_out and adds its work. */
bool parleyp_gm_inv_seq_count(const parley_inverse *r, const parley_conflict *c,
                              const parley_inverse_window *const *win, double brute_profiles,
                              double max_work, double *work, void *count_out);
/* Tests: 1 = always count SEQ by signatures, -1 = never, 0 = when cheaper. */
extern int parleyp_gm_inv_seq_mode;

/* Own-preference form of a condition (Nash, GMR, SMR: every atom is "i
 * likes s at least as much as x"): the condition holds iff for every move
 * some alternative has none of its states above s. */
const parley_gmcr_condition *parleyp_gm_inv_cond(const parley_inverse *r, parley_gmcr_concept k,
                                                 size_t dm);

#endif
