/*
 * parley/core.h — the base of libparley's public API: error codes and the
 * scenario. Every engine header includes it; users include <parley.h>.
 *
 * Conventions (as in jansson and libfyaml):
 *   - every function is named parley_<noun>_<verb>;
 *   - engine objects (spaces, analyses, conflicts, ...) are opaque; models and
 *     results that callers read field by field (the scenario of
 *     parley/scenario.h, scores, concessions, forecasts) are plain structs,
 *     read-only to the caller; a function that returns a new object says
 *     "caller owns, free with parley_<noun>_free"; borrowed pointers stay
 *     valid as long as the object they were taken from;
 *   - functions that can fail take a `parley_error *err` (may be NULL) and return
 *     a status, or NULL; the error names the file, line, column and field.
 *   - the library never prints and never exits.
 */
#ifndef PARLEY_CORE_H
#define PARLEY_CORE_H

#include <stddef.h>
#include <stdbool.h>

#include "parley/version.h" /* PARLEY_VERSION, generated from the project version */

/* PARLEY_API marks every function of the public API: libparley.so is built
 * with -fvisibility=hidden, so only these are exported from it. */
#if defined(__GNUC__) || defined(__clang__)
#define PARLEY_API __attribute__((visibility("default")))
#else
#define PARLEY_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, "MAJOR.MINOR.PATCH": the PARLEY_VERSION of the
 * libparley that is running (PARLEY_VERSION itself is the one compiled
 * against). Static string. */
PARLEY_API const char *parley_version(void);

/* ---- errors ------------------------------------------------------------ */

typedef enum parley_status {
    PARLEY_OK = 0,
    PARLEY_ERR_NO_ANSWER = 1, /* the analysis found no answer (e.g. empty zone) */
    PARLEY_ERR_INPUT = 2,     /* bad input: syntax, schema, unknown id, value   */
    PARLEY_ERR_LIMIT = 3,     /* a resource limit: size, memory, --max-outcomes */
    PARLEY_ERR_IO = 4,        /* a file could not be read or written            */
    PARLEY_ERR_INTERNAL = 5   /* a bug: an invariant did not hold               */
} parley_status;

typedef struct parley_error {
    parley_status code;
    char file[256];  /* "" when not about a file             */
    int line;        /* 1-based; 0 when unknown               */
    int column;      /* 1-based; 0 when unknown               */
    char field[128]; /* dotted path, e.g. "parties[2].power"  */
    char message[512];
} parley_error;

/* Formats `err` as "file:line:column: field: message" into buf (size n).
 * Returns buf. Parts that are unknown are left out. */
PARLEY_API const char *parley_error_format(const parley_error *err, char *buf, size_t n);

/* The scenario model, read by every engine: parley/scenario.h (loading it
 * too). Declared here for the headers that take one. */
typedef struct parley_scenario parley_scenario;

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_CORE_H */
