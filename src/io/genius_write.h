/*
 * io/genius_write.h — writes a parley scenario as a GENIUS 10.4 domain and
 * one linear-additive profile per party (libxml2's text writer, so every
 * name is escaped). Exact: GENIUS divides each issue's evaluations by their
 * maximum, so a party's exported weight is w_i * max_o v_i(o) and its
 * evaluations v_i(o) / max_o v_i(o); GENIUS then computes the same
 * U = sum w_i v_i(o) (weights are used as written, not renormalised).
 * Walk-aways become reservation values, discounts discount factors.
 * Non-additive rules have no linear-additive form: refused unless
 * drop_rules, which leaves them out (the result is then approximate).
 */
#ifndef PARLEY_IO_GENIUS_WRITE_H
#define PARLEY_IO_GENIUS_WRITE_H

#include "model/scenario.h"

typedef struct pg_export {
    char *domain; /* the domain XML, NUL-terminated */
    size_t n_profiles;
    char **profile; /* [n_parties] one profile XML per party */
    size_t n_dropped_rules;
} pg_export;

/* Caller frees out with pg_export_free. */
parley_status pg_export_scenario(const parley_scenario *sc, bool drop_rules, pg_export *out,
                                 parley_error *err);
void pg_export_free(pg_export *e);

#endif
