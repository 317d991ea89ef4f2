/*
 * parley/space.h — compiled outcome spaces (src/space): building one,
 * reading it, evaluating utilities, compiling a scenario into one. What is
 * computed on them is parley/frontier.h; GENIUS files become spaces through
 * parley/genius.h.
 *
 * An outcome space has n issues, issue i with n_values[i] values (an outcome
 * is an array of value indices, one per issue), and n parties. Party p's
 * utility of outcome o is
 *
 *     raw(o) = sum_i term[p][i][o_i]  +  sum of the deltas of p's rules that fire
 *     U_p(o) = min(ceil, max(floor, raw(o) / divisor))
 *
 * term[p][i][v] is w_i * e_i(v) (a linear-additive profile). A rule fires
 * when every `when` condition holds and not every `unless` condition holds
 * (an empty `unless` never blocks); a condition holds when the outcome's
 * value on its issue is one of the allowed values. This covers
 *   - GENIUS 10.4 linear-additive profiles: floor -inf, ceil 1, divisor 1;
 *   - GENIUS hyper-rectangles: INCLUDES = when, EXCLUDES = unless, delta =
 *     utility*weight, divisor = maxutility;
 *   - parley scenarios: floor 0, ceil 1, divisor 1, rules as written.
 * Each party may have a reservation value (NAN: none) and a discount factor
 * (1: none). Summation is left to right over issues, so an additive
 * utility is bit-identical to GENIUS's and NegMAS's.
 *
 * Ownership: functions returning a pointer say who frees it; the library
 * never prints or exits. Thread safety: a built space is read-only and may
 * be shared between threads.
 */
#ifndef PARLEY_SPACE_H
#define PARLEY_SPACE_H

#include "parley/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_space parley_space;

/* ---- building ---------------------------------------------------------- */

/* A new space with every term 0, no rules, divisor 1, floor -inf, ceil 1,
 * no reservation, discount 1. n_values[i] >= 1. Caller owns, free with
 * parley_space_free. NULL + err on bad sizes or out of memory. */
PARLEY_API parley_space *parley_space_new(size_t n_parties, size_t n_issues, const size_t *n_values,
                                          parley_error *err);
PARLEY_API void parley_space_free(parley_space *sp);

/* Names are copied. Issue and value labels default to "i<k>" / "<k>";
 * a value may carry a number (integer/real issues) used in outputs. */
PARLEY_API parley_status parley_space_set_issue_name(parley_space *sp, size_t issue,
                                                     const char *name);
PARLEY_API parley_status parley_space_set_value_label(parley_space *sp, size_t issue, size_t value,
                                                      const char *label);
PARLEY_API parley_status parley_space_set_party_name(parley_space *sp, size_t party,
                                                     const char *name);
/* What the input files call the space and each party, when they do (GENIUS:
 * the domain's objective name, e.g. "Defensive Charms"; a party's name in
 * the template's <agent name=...> or its profile's objective name, made
 * unique), beside the party names engines use (a GENIUS profile's file
 * name, which --agent takes). NULL to clear. */
PARLEY_API parley_status parley_space_set_name(parley_space *sp, const char *name);
PARLEY_API parley_status parley_space_set_party_label(parley_space *sp, size_t party,
                                                      const char *label);
PARLEY_API void parley_space_set_term(parley_space *sp, size_t party, size_t issue, size_t value,
                                      double term);
/* reservation: NAN for none; discount: 1 for none. */
PARLEY_API void parley_space_set_party_limits(parley_space *sp, size_t party, double reservation,
                                              double discount);
/* U = min(ceil, max(floor, raw / divisor)); divisor > 0. */
PARLEY_API void parley_space_set_party_scale(parley_space *sp, size_t party, double divisor,
                                             double floor, double ceil);

typedef struct parley_condition {
    size_t issue;
    const bool *allowed; /* n_values[issue] flags, copied */
} parley_condition;

/* Adds a non-additive term for `party`. Copies the conditions. */
PARLEY_API parley_status parley_space_add_rule(parley_space *sp, size_t party, double delta,
                                               size_t n_when, const parley_condition *when,
                                               size_t n_unless, const parley_condition *unless,
                                               parley_error *err);

/* ---- reading ------------------------------------------------------------ */

PARLEY_API size_t parley_space_party_count(const parley_space *sp);
PARLEY_API size_t parley_space_issue_count(const parley_space *sp);
PARLEY_API size_t parley_space_value_count(const parley_space *sp, size_t issue);
/* Number of outcomes as a double (exact up to 2^53; 1e40 for 10^40). */
PARLEY_API double parley_space_outcome_count(const parley_space *sp);
/* Borrowed strings, valid while sp lives. */
PARLEY_API const char *parley_space_party_name(const parley_space *sp, size_t party);
/* The names from the files (see parley_space_set_name), or NULL. */
PARLEY_API const char *parley_space_name(const parley_space *sp);
PARLEY_API const char *parley_space_party_label(const parley_space *sp, size_t party);
PARLEY_API const char *parley_space_issue_name(const parley_space *sp, size_t issue);
PARLEY_API const char *parley_space_value_label(const parley_space *sp, size_t issue, size_t value);
PARLEY_API double parley_space_reservation(const parley_space *sp, size_t party); /* NAN: none */
PARLEY_API double parley_space_discount(const parley_space *sp, size_t party);    /* 1: none  */
/* True when no party has rules (the fast, exact, non-enumerating path). */
PARLEY_API bool parley_space_is_additive(const parley_space *sp);
/* Index of the value labelled `label` on `issue`, or -1. */
PARLEY_API long parley_space_value_find(const parley_space *sp, size_t issue, const char *label);

/* The definition read back (space_read.c), e.g. to write the space in
 * another format. term: w_i * e_i(value) as set; scale: U = min(ceil,
 * max(floor, raw / divisor)). Rules: borrowed views valid while sp lives;
 * conditions [0, n_when) are `when`, [n_when, n_when + n_unless) `unless`. */
PARLEY_API double parley_space_term(const parley_space *sp, size_t party, size_t issue,
                                    size_t value);
PARLEY_API void parley_space_scale(const parley_space *sp, size_t party, double *divisor,
                                   double *floor, double *ceil);
PARLEY_API size_t parley_space_rule_count(const parley_space *sp, size_t party);
typedef struct parley_rule_view {
    double delta;
    size_t n_when, n_unless;
    size_t n_conds;
} parley_rule_view;
PARLEY_API parley_rule_view parley_space_rule(const parley_space *sp, size_t party, size_t rule);
/* Condition k of a rule: its issue, and whether value v is allowed. */
PARLEY_API size_t parley_space_rule_cond_issue(const parley_space *sp, size_t party, size_t rule,
                                               size_t k);
PARLEY_API bool parley_space_rule_cond_allows(const parley_space *sp, size_t party, size_t rule,
                                              size_t k, size_t value);

/* ---- evaluating --------------------------------------------------------- */

/* U_p(outcome); outcome holds n_issues value indices (checked by assert only). */
PARLEY_API double parley_space_utility(const parley_space *sp, size_t party,
                                       const uint32_t *outcome);
/* Every party's utility into u[n_parties]. */
PARLEY_API void parley_space_utilities(const parley_space *sp, const uint32_t *outcome, double *u);
/* U_p(o) * discount^t, t in [0,1] the normalised time (GENIUS semantics). */
PARLEY_API double parley_space_discounted(const parley_space *sp, size_t party,
                                          const uint32_t *outcome, double t);

/* ---- parley scenarios (space/from_scenario.c) ---------------------------- */

/* Compiles a loaded scenario's parties, issues and preferences. Caller owns. */
PARLEY_API parley_space *parley_space_from_scenario(const parley_scenario *sc, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_SPACE_H */
