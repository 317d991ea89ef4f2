/*
 * parley/stability.h — the GMCR (Graph Model for Conflict Resolution) engine:
 * which states of a conflict are stable for which decision maker under Nash,
 * GMR, SMR, SEQ, SIM and SEQ+SIM, with coalitions, status quo analysis and
 * explanations (the sanction that deters a move).
 *
 * States are numbered by id 0..n-1; in option form id i is the i-th feasible
 * decimal code in ascending order (option k is bit k), so GMCR+'s 1-based
 * "ordered" numbers are id + 1. See docs/stability.md.
 */
#ifndef PARLEY_STABILITY_H
#define PARLEY_STABILITY_H

#include "parley/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_conflict parley_conflict;

/* ---- loading ------------------------------------------------------------
 * Each returns a new conflict (caller owns, free with parley_conflict_free)
 * or NULL with err filled (file, line, column, field). */

/* The `conflict:` section of a parley scenario YAML file (other top-level
 * keys are ignored). */
PARLEY_API parley_conflict *parley_conflict_load_yaml(const char *path, parley_error *err);
PARLEY_API parley_conflict *parley_conflict_parse_yaml(const char *text, size_t len,
                                                       const char *name, parley_error *err);
/* GMCR+ save files (`.gmcr` JSON) and gmcr-case/1 reference case files. */
PARLEY_API parley_conflict *parley_conflict_load_json(const char *path, parley_error *err);
PARLEY_API parley_conflict *parley_conflict_parse_json(const char *text, size_t len,
                                                       const char *name, parley_error *err);
PARLEY_API void parley_conflict_free(parley_conflict *c);

/* The same with limits, checked as soon as the feasible states of an
 * option-form conflict are counted, before the bulk of the loading (the
 * payoffs over every state): max_memory (bytes, 0 = none) bounds what the
 * loaded conflict takes (states and payoffs, see docs/stability.md); beyond
 * it loading stops with PARLEY_ERR_LIMIT. Then on_states, if not NULL, is
 * called with the conflict as far as it is read (its decision makers,
 * options and states; not yet its preferences), e.g. to run
 * parley_stability_estimate and refuse a request that would take too long:
 * returning an error status (with err filled) stops the loading. */
typedef struct parley_conflict_limits {
    size_t max_memory;
    parley_status (*on_states)(void *ctx, const parley_conflict *c, parley_error *err);
    void *ctx;
} parley_conflict_limits;
PARLEY_API parley_conflict *parley_conflict_load_yaml_limited(const char *path,
                                                              const parley_conflict_limits *lim,
                                                              parley_error *err);
PARLEY_API parley_conflict *parley_conflict_load_json_limited(const char *path,
                                                              const parley_conflict_limits *lim,
                                                              parley_error *err);

/* ---- reading the model (borrowed strings live as long as c) ---- */
PARLEY_API const char *parley_conflict_name(const parley_conflict *c);
PARLEY_API bool parley_conflict_is_graph_form(const parley_conflict *c);
PARLEY_API size_t parley_conflict_dm_count(const parley_conflict *c);
PARLEY_API const char *parley_conflict_dm_name(const parley_conflict *c, size_t dm);
PARLEY_API size_t parley_conflict_option_count(const parley_conflict *c);
PARLEY_API const char *parley_conflict_option_name(const parley_conflict *c, size_t opt);
PARLEY_API size_t parley_conflict_option_dm(const parley_conflict *c, size_t opt);
PARLEY_API size_t parley_conflict_state_count(const parley_conflict *c);
/* Option form: the decimal code of state id; graph form: id. */
PARLEY_API uint64_t parley_conflict_state_decimal(const parley_conflict *c, size_t id);
/* Option form: "YNNY..." (option k = character k); graph form: the state's
 * name. Writes at most n bytes (NUL-terminated) into buf and returns buf. */
PARLEY_API const char *parley_conflict_state_label(const parley_conflict *c, size_t id, char *buf,
                                                   size_t n);
/* Finds a state by 1-based id number, decimal "d<code>", YN string or graph
 * state name. Returns PARLEY_OK and *id, or PARLEY_ERR_INPUT. */
PARLEY_API parley_status parley_conflict_state_find(const parley_conflict *c, const char *text,
                                                    size_t *id, parley_error *err);
/* Payoff level of state id for dm: larger is more preferred, equal = tie. */
PARLEY_API uint32_t parley_conflict_payoff(const parley_conflict *c, size_t dm, size_t id);
/* Ranking levels that dm's prioritised statements alone give (even when the
 * file also has an explicit ranking). Returns false when dm has none. out
 * must hold state_count entries. */
PARLEY_API bool parley_conflict_statement_payoffs(const parley_conflict *c, size_t dm,
                                                  uint32_t *out);
/* Misperceptions (first-level hypergames): whether dm perceives state id
 * (true for every state when the file gives dm none); whether any DM
 * misperceives any state. A DM can neither move to nor from a state it
 * does not perceive; a coalition perceives a state if any member does. */
PARLEY_API bool parley_conflict_perceives(const parley_conflict *c, size_t dm, size_t state);
PARLEY_API bool parley_conflict_has_misperceptions(const parley_conflict *c);
/* Status quo state id from the file, or -1. */
PARLEY_API long parley_conflict_status_quo(const parley_conflict *c);
/* Coalition partition from the file: agent index of each DM; false if none. */
PARLEY_API bool parley_conflict_coalitions(const parley_conflict *c, int *agent_of_dm);
/* The conflict as a parley `conflict:` YAML section (option form only):
 * preferences as explicit rankings, so the result is exact. Caller frees
 * *out with free(). */
PARLEY_API parley_status parley_conflict_write_yaml(const parley_conflict *c, char **out,
                                                    parley_error *err);

/* ---- stability ---------------------------------------------------------- */
typedef enum parley_gmcr_concept {
    PARLEY_GMCR_NASH = 0,
    PARLEY_GMCR_GMR,
    PARLEY_GMCR_SMR,
    PARLEY_GMCR_SEQ,
    PARLEY_GMCR_SIM,
    PARLEY_GMCR_SEQSIM,
    PARLEY_GMCR_CONCEPTS
} parley_gmcr_concept;

/* "Nash", "GMR", "SMR", "SEQ", "SIM", "SEQ+SIM". */
PARLEY_API const char *parley_gmcr_concept_name(parley_gmcr_concept k);

typedef struct parley_stability_options {
    /* Agent (coalition) index of each DM, a partition numbered 0..a-1; NULL
     * for every DM on its own. A coalition moves jointly (any subset of its
     * members' options in one move) and improves only if every member
     * strictly prefers the result (as GMCR+ does). */
    const int *agent_of_dm;
    /* GMCR+ semantics: sanctions by each opponent at most once, in any
     * order; default (false) is the textbook legal sequences (a DM may move
     * again, never twice in a row). */
    bool gmcrplus;
    int threads; /* 0: all cores */
} parley_stability_options;

/* What parley_stability_solve would take, estimated from the states, the
 * decision makers' options and the thread count without solving: `bytes`
 * is the peak memory of the solve beyond the loaded conflict (whose own
 * size is `conflict_bytes`), `work` the number of elementary steps (state x
 * move visits; about 1e8 per second and thread). Within a factor of about
 * two of the measured peak (docs/stability.md). */
typedef struct parley_stability_cost {
    double bytes, conflict_bytes, work;
} parley_stability_cost;
PARLEY_API void parley_stability_estimate(const parley_conflict *c,
                                          const parley_stability_options *opt,
                                          parley_stability_cost *out);

typedef struct parley_stability parley_stability;

/* Solves every concept. Caller owns the result (parley_stability_free).
 * SIM and SEQ+SIM need option form (in graph form they are left empty and
 * parley_stability_has_concept says so). */
PARLEY_API parley_stability *parley_stability_solve(const parley_conflict *c,
                                                    const parley_stability_options *opt,
                                                    parley_error *err);
/* The same, calling progress(ctx, done) now and then with the share of the
 * work done (0..1), from one thread at a time (not necessarily the
 * caller's). */
PARLEY_API parley_stability *
parley_stability_solve_progress(const parley_conflict *c, const parley_stability_options *opt,
                                void (*progress)(void *ctx, double done), void *ctx,
                                parley_error *err);
PARLEY_API void parley_stability_free(parley_stability *r);
PARLEY_API bool parley_stability_has_concept(const parley_stability *r, parley_gmcr_concept k);
PARLEY_API size_t parley_stability_agent_count(const parley_stability *r);
/* "DM" or "A, B" for a coalition (borrowed). */
PARLEY_API const char *parley_stability_agent_name(const parley_stability *r, size_t agent);
/* DM set of an agent as a bit mask (bit k = DM k). */
PARLEY_API uint32_t parley_stability_agent_dms(const parley_stability *r, size_t agent);
PARLEY_API bool parley_stability_is_stable(const parley_stability *r, parley_gmcr_concept k,
                                           size_t agent, size_t state);
PARLEY_API bool parley_stability_is_equilibrium(const parley_stability *r, parley_gmcr_concept k,
                                                size_t state);

/* ---- explanations ---------------------------------------------------------
 * For one state and agent under a concept: every improving move and, for
 * each, either the sanction (a legal sequence of opponents' moves ending in a
 * state the agent does not prefer to the start) or none (the move is not
 * deterred). */
typedef struct parley_gmcr_step {
    size_t agent; /* who moves */
    size_t to;    /* state id after the move */
} parley_gmcr_step;

typedef struct parley_gmcr_move_explanation {
    size_t improvement; /* the improving move's target state */
    bool sanctioned;
    size_t nsteps; /* sanction sequence (opponents' moves) */
    parley_gmcr_step *steps;
    /* SIM: the steps are the opponents' own moves from the start state,
     * taken at the same time as the improvement; `result` is the combined
     * state they lead to. Otherwise result is the last step's state. */
    bool simultaneous;
    size_t result;
} parley_gmcr_move_explanation;

typedef struct parley_gmcr_explanation {
    size_t state, agent;
    parley_gmcr_concept concept;
    bool stable;
    size_t nmoves;
    parley_gmcr_move_explanation *moves;
} parley_gmcr_explanation;

/* Fills *out (caller frees with parley_gmcr_explanation_clear). SIM and
 * SEQ+SIM explanations list the opponents' simultaneous moves as steps. */
PARLEY_API parley_status parley_stability_explain(const parley_conflict *c,
                                                  const parley_stability_options *opt, size_t state,
                                                  size_t agent, parley_gmcr_concept k,
                                                  parley_gmcr_explanation *out, parley_error *err);
PARLEY_API void parley_gmcr_explanation_clear(parley_gmcr_explanation *e);

/* ---- status quo analysis --------------------------------------------------
 * Shortest legal paths (no agent moves twice in a row) from a status quo to
 * every state, over all moves or over unilateral improvements only. */
typedef struct parley_status_quo parley_status_quo;
PARLEY_API parley_status_quo *parley_status_quo_solve(const parley_conflict *c,
                                                      const parley_stability_options *opt,
                                                      size_t start, bool improvements_only,
                                                      parley_error *err);
PARLEY_API void parley_status_quo_free(parley_status_quo *q);
/* Steps from start to state, or -1 if unreachable (0 for start itself). */
PARLEY_API long parley_status_quo_distance(const parley_status_quo *q, size_t state);
/* Writes a shortest path (steps after start) into steps (capacity cap);
 * returns its length, or -1 if unreachable. */
PARLEY_API long parley_status_quo_path(const parley_status_quo *q, size_t state,
                                       parley_gmcr_step *steps, size_t cap);

/* ---- inverse GMCR ---------------------------------------------------------
 * What would make a state stable (docs/stability.md, "Inverse GMCR"), for
 * individual DMs with the textbook semantics, under Nash, GMR, SMR and SEQ:
 *  (a) conditions: for every DM and each of its moves away from the state,
 *      the alternatives (any one suffices), each a conjunction of atoms on
 *      the DMs' preferences, under which the move is no threat;
 *  (b) with vary windows (positions first..last of a DM's ranking, tie
 *      groups as units, permuted in every way): how many preference profiles
 *      make the state an equilibrium, and the first few of them;
 *  (c) the smallest change to the rankings (fewest swaps of adjacent tie
 *      groups, summed over DMs) that makes it an equilibrium.
 * Everything is decided with the forward definitions of
 * parley_stability_solve. */
typedef struct parley_gmcr_atom {
    size_t dm;   /* whose preference                                   */
    size_t a, b; /* state ids                                          */
    bool strict; /* true: dm prefers a to b; false: dm likes a at least
                    as much as b (does not prefer b to a)               */
} parley_gmcr_atom;

typedef struct parley_gmcr_alternative {
    size_t natoms;
    parley_gmcr_atom *atoms; /* all must hold                       */
    bool holds;              /* with the conflict's preferences     */
} parley_gmcr_alternative;

typedef struct parley_gmcr_move_condition {
    size_t move;    /* the state the DM could move to */
    bool holds;     /* the move is no threat now (not an improvement, or sanctioned) */
    bool truncated; /* SEQ only: more sanction paths than listed (the count,
                       the change and `holds` are exact all the same)  */
    size_t nalternatives;
    parley_gmcr_alternative *alternatives;
} parley_gmcr_move_condition;

typedef struct parley_gmcr_condition {
    parley_gmcr_concept concept;
    size_t dm;
    bool holds; /* dm is stable at the state now */
    size_t nmoves;
    parley_gmcr_move_condition *moves; /* all must hold */
} parley_gmcr_condition;

/* Positions first..last (0-based, inclusive) of dm's ranking, counted in
 * tie groups, most preferred first. */
typedef struct parley_inverse_window {
    size_t dm, first, last;
} parley_inverse_window;

typedef struct parley_inverse_options {
    unsigned concepts; /* bit k = concept k (Nash, GMR, SMR, SEQ only); 0 = these four */
    const parley_inverse_window *vary;
    size_t nvary;
    size_t max_list; /* profiles listed per concept (0: none) */
    double max_work; /* elementary steps allowed (0: 2e10); beyond: PARLEY_ERR_LIMIT */
} parley_inverse_options;

typedef struct parley_inverse parley_inverse;

PARLEY_API parley_inverse *parley_inverse_solve(const parley_conflict *c, size_t state,
                                                const parley_inverse_options *opt,
                                                parley_error *err);
PARLEY_API void parley_inverse_free(parley_inverse *r);
PARLEY_API size_t parley_inverse_state(const parley_inverse *r);
PARLEY_API bool parley_inverse_has_concept(const parley_inverse *r, parley_gmcr_concept k);
/* (a) one condition per requested concept and DM, concept-major. */
PARLEY_API size_t parley_inverse_condition_count(const parley_inverse *r);
PARLEY_API const parley_gmcr_condition *parley_inverse_condition(const parley_inverse *r, size_t i);
/* Tie groups of dm's ranking in the conflict: level[state] = position of
 * its group (0 = most preferred); returns the number of groups. */
PARLEY_API size_t parley_inverse_ranking(const parley_inverse *r, size_t dm, uint32_t *level);
/* (b) the windows (as given), the number of profiles they span and how
 * many make the state an equilibrium under k; exact decimal text too
 * (counts can exceed 2^64). */
PARLEY_API size_t parley_inverse_window_count(const parley_inverse *r);
PARLEY_API parley_inverse_window parley_inverse_window_at(const parley_inverse *r, size_t i);
PARLEY_API double parley_inverse_profiles(const parley_inverse *r, const char **text);
PARLEY_API double parley_inverse_count(const parley_inverse *r, parley_gmcr_concept k,
                                       const char **text);
/* Profiles listed under k (the first ones in lexicographic order of the
 * windows' permutations); `complete` says whether every profile was
 * scanned. level as in parley_inverse_ranking. */
PARLEY_API size_t parley_inverse_listed(const parley_inverse *r, parley_gmcr_concept k,
                                        bool *complete);
PARLEY_API void parley_inverse_listed_ranking(const parley_inverse *r, parley_gmcr_concept k,
                                              size_t idx, size_t dm, uint32_t *level);
/* (c) fewest adjacent swaps making the state an equilibrium under k, and
 * per DM; `exact` false when the search stopped at its work limit and the
 * number is an upper bound. The new rankings as levels. */
PARLEY_API long parley_inverse_min_swaps(const parley_inverse *r, parley_gmcr_concept k,
                                         bool *exact);
PARLEY_API long parley_inverse_min_swaps_dm(const parley_inverse *r, parley_gmcr_concept k,
                                            size_t dm);
PARLEY_API void parley_inverse_min_ranking(const parley_inverse *r, parley_gmcr_concept k,
                                           size_t dm, uint32_t *level);
/* One move's condition in English, states as 1-based ids ("Syria likes 2
 * at least as much as 1, or Iraq prefers 4 to 1 and Syria likes 2 at least
 * as much as 4"); dm is the condition's DM, state the inverted state; at
 * most max_alternatives alternatives (0: all), then ", or N more". Writes
 * at most n bytes (NUL-terminated, "..." when cut) and returns buf. */
PARLEY_API const char *parley_inverse_statement(const parley_conflict *c,
                                                const parley_gmcr_move_condition *m, size_t dm,
                                                size_t state, size_t max_alternatives, char *buf,
                                                size_t n);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_STABILITY_H */
