/*
 * stability/gm_model.h — the internal shape of a GMCR conflict, shared by the
 * files of the stability module (readers fill it, the solvers read it).
 *
 * A conflict is either in option form (decision makers own yes/no options;
 * states are the feasible option vectors, coded as decimals with option k as
 * bit k) or in graph form (explicit named states and, per decision maker, a
 * list of moves). Either way the solvers see states as ids 0..n-1; in option
 * form id i is the i-th feasible decimal code in ascending order, so the
 * 1-based "ordered" numbers of GMCR+ are id + 1.
 *
 * Preferences end up as one payoff level per (decision maker, state): a larger
 * level is more preferred, equal levels are ties. They come from prioritised
 * statements (gm_expr trees, most important first) or from an explicit ranking.
 */
#ifndef PARLEY_STABILITY_GM_MODEL_H
#define PARLEY_STABILITY_GM_MODEL_H

#include "parley.h"
#include "parley/stability.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GM_MAX_OPTIONS 26 /* option form: 2^26 codes at most         */
#define GM_MAX_WORK                                                                                \
    ((uint64_t)1 << 33) /* simple steps allowed to derive states                                   \
                           and payoffs (a few seconds)        */
#define GM_MAX_DMS 16
#define GM_MAX_STATEMENTS 62 /* weights 2^(q-1-j) fit in 64 bits         */
#define GM_MAX_GRAPH_STATES 1000000u

typedef enum gm_rev { GM_REV_BOTH = 0, GM_REV_FWD = 1, GM_REV_BACK = 2 } gm_rev;

typedef struct gm_option {
    char *id; /* short id used in statements (may equal name) */
    char *name;
    int dm;
    gm_rev rev;
} gm_option;

/* A preference statement as an expression tree over options. */
typedef enum gm_expr_kind {
    GM_EXPR_LIT, /* (state & mask) == value: a conjunction of literals */
    GM_EXPR_NOT,
    GM_EXPR_AND,
    GM_EXPR_OR,
    GM_EXPR_IMPLIES, /* kids[0] -> kids[1] */
    GM_EXPR_IFF
} gm_expr_kind;

typedef struct gm_expr {
    gm_expr_kind kind;
    uint32_t mask, value; /* GM_EXPR_LIT */
    struct gm_expr **kids;
    size_t nkids;
} gm_expr;

typedef struct gm_pref {
    /* statements (most important first) or an explicit ranking */
    gm_expr **statements;
    size_t nstatements;
    bool has_ranking;
    /* explicit ranking: group[k] = rank group of state id k (0 = most
     * preferred); filled by the reader once states are known */
    uint32_t *group;
    uint32_t ngroups;
} gm_pref;

typedef struct gm_pattern gm_pattern;

typedef struct gm_dm {
    char *name;
    uint32_t option_mask; /* option form: the options it controls */
    gm_pref pref;
    /* misperceptions (first-level hypergames, GMCR+ >= 0.3.12): states
     * matching any of these conditions are not perceived by this DM; it can
     * neither move to nor from them. unseen: bitset over state ids, built
     * with the states (NULL: it perceives every state). */
    gm_pattern *misp_pat;
    size_t nmisp_pat;
    struct gm_expr **misp_expr;
    size_t nmisp_expr;
    uint64_t *unseen;
    /* graph form: CSR adjacency of its moves over state ids */
    uint32_t *move_off; /* n + 1 */
    uint32_t *move_to;
} gm_dm;

struct gm_pattern {
    uint32_t mask, value; /* state matches iff (s & mask) == value */
};

struct parley_conflict {
    char *name;
    bool graph_form;
    size_t ndms;
    gm_dm *dms;
    size_t noptions;
    gm_option *options;
    uint32_t both_mask, fwd_mask, back_mask;
    size_t npatterns;
    gm_pattern *patterns;
    size_t ninfeasible_exprs; /* states satisfying any of these are infeasible */
    gm_expr **infeasible_exprs;
    /* coalition partition given in the file (agent index per DM), or none */
    int *coalition_of;   /* NULL when none */
    long status_quo;     /* state id, -1 when none */
    bool misperceptions; /* some DM does not perceive some state (unseen) */

    /* states */
    size_t nstates;
    uint32_t *code;       /* option form: decimal of each state id    */
    char **state_names;   /* graph form: names of the states          */
    uint32_t *name_order; /* graph form: state ids sorted by name (strcmp) */
    uint64_t *feas_bits;  /* option form: bitset over 2^m codes       */
    uint32_t *feas_rank;  /* states before each 64-bit word           */

    /* derived preferences: pay[dm][state], larger = preferred */
    uint32_t **pay;

    /* while loading: the caller's limits (parley_conflict_limits), checked
     * by gm_states_build once the feasible states are counted; else NULL */
    const parley_conflict_limits *limits;
};

/* ---- model building (gm_model.c) ---- */
parley_conflict *parleyp_gm_conflict_new(void);
gm_expr *parleyp_gm_expr_new(gm_expr_kind kind);
parley_status parleyp_gm_expr_add_kid(gm_expr *e, gm_expr *kid);
void parleyp_gm_expr_free(gm_expr *e);
bool parleyp_gm_expr_eval(const gm_expr *e, uint32_t s);
/* Adds one option to dm (appends to options; readers add DMs in order). */
parley_status parleyp_gm_add_option(parley_conflict *c, int dm, const char *id, const char *name,
                                    gm_rev rev);

/* Explicit rankings: start with every state unranked, put states into
 * groups (0 = most preferred), then check that every state was ranked.
 * put returns false when the state was already ranked. */
parley_status parleyp_gm_ranking_begin(gm_pref *p, size_t nstates);
bool parleyp_gm_ranking_put(gm_pref *p, size_t state, uint32_t group);
/* Returns the first unranked state, or -1 when all are ranked. */
long parleyp_gm_ranking_finish(gm_pref *p, size_t nstates);

/* ---- states (gm_states.c) ---- */
/* Enumerates the feasible states of an option-form conflict. Fails with
 * PARLEY_ERR_LIMIT when the states and payoffs would take more than
 * c->limits->max_memory (see gm_load_bytes), or with whatever
 * c->limits->on_states returns. */
parley_status parleyp_gm_states_build(parley_conflict *c, parley_error *err);
/* Builds each DM's `unseen` bitset from its misperception conditions
 * (called by gm_states_build once the states are known). */
parley_status parleyp_gm_misperceptions_build(parley_conflict *c);
/* Id of decimal code s, or -1 if infeasible / out of range. */
static inline long gm_state_id(const parley_conflict *c, uint32_t s)
{
    if (c->noptions < 32 && (s >> c->noptions) != 0)
        return -1;
    uint64_t w = c->feas_bits[s >> 6];
    uint64_t bit = (uint64_t)1 << (s & 63);
    if (!(w & bit))
        return -1;
    return (long)c->feas_rank[s >> 6] + (long)__builtin_popcountll(w & (bit - 1));
}
/* YN string of a state (buf needs noptions + 1 bytes). */
void parleyp_gm_state_yn(const parley_conflict *c, size_t id, char *buf);

/* ---- preferences (gm_prefs.c) ---- */
/* Derives c->pay from statements or rankings (states must be built).
 * Fails with PARLEY_ERR_LIMIT when states x statement size is too large. */
parley_status parleyp_gm_prefs_build(parley_conflict *c, parley_error *err);
/* Payoff levels that statements alone give dm (n entries, caller frees). */
uint32_t *parleyp_gm_prefs_from_statements(const parley_conflict *c, const gm_pref *p);

/* ---- moves (gm_states.c) ---- */
/* Whether some DM of dm_set perceives state id s (a coalition perceives a
 * state if any member does). */
static inline bool gm_perceives(const parley_conflict *c, uint32_t dm_set, uint32_t s)
{
    for (size_t d = 0; dm_set; d++, dm_set >>= 1)
        if ((dm_set & 1u) && (!c->dms[d].unseen || !((c->dms[d].unseen[s >> 6] >> (s & 63)) & 1u)))
            return true;
    return false;
}

/* The options that a mover controlling `mask` may flip at s. */
static inline uint32_t gm_flippable(const parley_conflict *c, uint32_t mask, uint32_t s)
{
    return mask & (c->both_mask | (c->fwd_mask & ~s) | (c->back_mask & s));
}
/* Appends the ids of all states reachable in one move by the agent made of
 * the DMs in dm_set (bit k = DM k) from state id `from` to *out (grows it).
 * Returns the count, or (size_t)-1 on allocation failure. */
typedef struct gm_idvec {
    uint32_t *v;
    size_t n, cap;
} gm_idvec;
int parleyp_gm_idvec_push(gm_idvec *vec, uint32_t x);
void parleyp_gm_idvec_free(gm_idvec *vec);
int parleyp_gm_moves(const parley_conflict *c, uint32_t dm_set, uint32_t from, gm_idvec *out);

/* Combined option mask of a DM set. */
uint32_t parleyp_gm_dmset_options(const parley_conflict *c, uint32_t dm_set);

/* Graph form: sorts the state names into c->name_order (once every name is
 * read). Returns -1 when out of memory, else the id of a state whose name
 * an earlier state already has, or c->nstates when the names are distinct. */
long parleyp_gm_names_index(parley_conflict *c);
/* Graph form: the id of the state called `name`, or -1 (binary search). */
long parleyp_gm_state_named(const parley_conflict *c, const char *name);

/* bytes as "12.3 MB" (1024-based) into buf; returns buf. */
const char *parleyp_gm_bytes_text(double bytes, char *buf, size_t n);

#endif
