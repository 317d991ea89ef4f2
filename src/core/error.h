/*
 * core/error.h — filling a parley_error. Every module reports failures
 * through parley_error_set so that messages share one shape:
 * "file:line:column: field: message".
 */
#ifndef PARLEY_CORE_ERROR_H
#define PARLEY_CORE_ERROR_H

#include "parley.h"

#if defined(__GNUC__)
#define PARLEY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PARLEY_PRINTF(a, b)
#endif

/* Sets every field of err (when err is not NULL). file/field may be NULL.
 * Returns code, so callers can write `return parley_error_set(...)`. */
parley_status parley_error_set(parley_error *err, parley_status code, const char *file, int line,
                               int column, const char *field, const char *fmt, ...)
    PARLEY_PRINTF(7, 8);

/* Clears err to PARLEY_OK with empty strings. */
void parley_error_clear(parley_error *err);

#endif
