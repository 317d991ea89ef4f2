/*
 * parley/document.h — the JSON and CSV documents of parley's results, built
 * by the library: the command's `--format json|csv` output is exactly what
 * these functions write, so a C program (or the Python binding) gets the
 * same documents as the command. Field names, the shape of party utilities
 * (`"utilities": {"<party id>": u, ...}`), the CSV column pattern and the
 * number rule (the shortest text that reads back to the same double) are set
 * out in docs/output.md; src/doc/ owns them.
 *
 * Two calls per result, after jansson's json_dumpf/json_dumps:
 *   parley_<result>_dumpf(..., format, FILE *fp, err): streams the document
 *     to fp as it is produced (no document is held whole in memory); returns
 *     PARLEY_OK, or PARLEY_ERR_IO when fp reports a write error.
 *   parley_<result>_dumps(..., format, err): the document as a new
 *     NUL-terminated string; caller owns it and frees it with free().
 *     NULL on failure (err says why: PARLEY_ERR_LIMIT when out of memory).
 * Every result and scenario passed is borrowed and only read.
 */
#ifndef PARLEY_DOCUMENT_H
#define PARLEY_DOCUMENT_H

#include "parley/core.h"
#include "parley/scoring.h"
#include "parley/stability.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_doc_format {
    PARLEY_DOC_JSON = 1, /* one JSON object, two-space indent, newline at the end */
    PARLEY_DOC_CSV = 2   /* RFC 4180, a header row, one record per row         */
} parley_doc_format;

/* `parley score`: a plan's score for every party (parley_plan_score). */
PARLEY_API parley_status parley_score_dumpf(const parley_scenario *sc, const parley_score *s,
                                            parley_doc_format format, FILE *fp, parley_error *err);
PARLEY_API char *parley_score_dumps(const parley_scenario *sc, const parley_score *s,
                                    parley_doc_format format, parley_error *err);

/* `parley stability FILE --inverse STATE`: conditions, profile counts and
 * the smallest change that make a state stable (parley_inverse_solve). */
PARLEY_API parley_status parley_inverse_dumpf(const parley_conflict *c, const parley_inverse *r,
                                              parley_doc_format format, FILE *fp,
                                              parley_error *err);
PARLEY_API char *parley_inverse_dumps(const parley_conflict *c, const parley_inverse *r,
                                      parley_doc_format format, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_DOCUMENT_H */
