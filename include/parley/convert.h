/*
 * parley/convert.h — writing other tools' formats: a scenario as GENIUS XML,
 * an outcome space as a parley YAML scenario. (Reading GENIUS XML is in
 * parley/genius.h, GMCR+ files in parley/stability.h.)
 */
#ifndef PARLEY_CONVERT_H
#define PARLEY_CONVERT_H

#include "parley/scenario.h"
#include "parley/space.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- scenario -> GENIUS -------------------------------------------------
 * Writes a parley scenario as a GENIUS 10.4 domain and
 * one linear-additive profile per party (libxml2's text writer, so every
 * name is escaped). Exact: GENIUS divides each issue's evaluations by their
 * maximum, so a party's exported weight is w_i * max_o v_i(o) and its
 * evaluations v_i(o) / max_o v_i(o); GENIUS then computes the same
 * U = sum w_i v_i(o) (weights are used as written, not renormalised).
 * Walk-aways become reservation values, discounts discount factors.
 * Non-additive rules have no linear-additive form: refused unless
 * drop_rules, which leaves them out (the result is then approximate).
 */

typedef struct parley_genius_export {
    char *domain; /* the domain XML, NUL-terminated */
    size_t n_profiles;
    char **profile; /* [n_parties] one profile XML per party */
    size_t n_dropped_rules;
} parley_genius_export;

/* Caller frees out with parley_genius_export_free. */
PARLEY_API parley_status parley_scenario_export_genius(const parley_scenario *sc, bool drop_rules,
                                                       parley_genius_export *out,
                                                       parley_error *err);
PARLEY_API void parley_genius_export_free(parley_genius_export *e);

/* ---- outcome space -> parley YAML ----------------------------------------
 * Writes an outcome space (e.g. one read from GENIUS XML)
 * as a parley YAML scenario: one discrete issue per space issue (its value
 * labels as options), one party per space party with weights, values and
 * rules, reservation values as walk-aways, discount factors as discounts.
 *
 * Exact when parley's semantics, U = clamp(sum w v + sum deltas, 0, 1) with
 * weights summing to 1, can express the space's: weights are each issue's
 * largest term / divisor and values term / largest term; rules keep their
 * conditions with delta / divisor. Otherwise (the largest terms do not sum
 * to 1, a utility can fall below 0 where the space has no floor, a party has
 * no reservation value) the file says so in a comment and `n_notes` counts
 * the differences.
 */

typedef struct parley_yaml_text {
    char *text;     /* the YAML, NUL-terminated; caller frees with free() */
    size_t n_notes; /* places where the YAML is not exactly the space */
    char notes[1024];
} parley_yaml_text;

PARLEY_API parley_status parley_space_write_yaml(const parley_space *sp, const char *title,
                                                 parley_yaml_text *out, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_CONVERT_H */
