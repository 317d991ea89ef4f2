/*
 * io/yaml_write.h — writes an outcome space (e.g. one read from GENIUS XML)
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
#ifndef PARLEY_IO_YAML_WRITE_H
#define PARLEY_IO_YAML_WRITE_H

#include "parley/space.h"

typedef struct py_result {
    char *text;     /* the YAML, NUL-terminated; caller frees */
    size_t n_notes; /* places where the YAML is not exactly the space */
    char notes[1024];
} py_result;

parley_status py_write_space(const parley_space *sp, const char *title, py_result *out,
                             parley_error *err);

#endif
