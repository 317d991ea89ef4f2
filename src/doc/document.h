/*
 * doc/document.h — what the document modules (doc/<result>.c) share: the
 * dumpf/dumps plumbing, and the pieces that appear in several documents
 * (party utilities, a plan's settled and open issues, reported stances).
 * One module per result owns that result's field names; these pieces own
 * the shared ones, so a field means the same thing in every document.
 */
#ifndef PARLEYP_DOCUMENT_H
#define PARLEYP_DOCUMENT_H

#include "parley.h"
#include "parley/document.h"
#include "doc/json_writer.h"
#include "doc/number.h"

#include <stdio.h>

/* A document body: writes the document for ctx in format to fp. Returns 0,
 * -1 when the JSON writer was misused (a bug), or PARLEYP_DOC_NO_MEMORY
 * when memory ran out. */
#define PARLEYP_DOC_NO_MEMORY (-2)
typedef int (*parleyp_doc_body)(const void *ctx, parley_doc_format format, FILE *fp);

/* The common ends of every parley_<result>_dumpf and _dumps: check the
 * format, run body, turn a write error into PARLEY_ERR_IO, no memory into
 * PARLEY_ERR_LIMIT (or a misuse into PARLEY_ERR_INTERNAL) with a message. */
parley_status parleyp_doc_dumpf(parleyp_doc_body body, const void *ctx, parley_doc_format format,
                                FILE *fp, parley_error *err);
char *parleyp_doc_dumps(parleyp_doc_body body, const void *ctx, parley_doc_format format,
                        parley_error *err);

/* "utilities": {"<party id>": u, ...} for every party of sc, in file order
 * (u[j] is party j's utility; NaN writes null). The one shape of party
 * utilities in every document. */
void parleyp_doc_utilities(parleyp_jw *w, const parley_scenario *sc, const double *u);
/* "plan": {"id", "name", "utilities"}: the plan a result starts from. */
void parleyp_doc_plan(parleyp_jw *w, const parley_scenario *sc, const parley_plan *pl,
                      const double *u);
/* The same for parties named by an array of ids (GENIUS profiles, KTAB
 * actors): "utilities": {"<names[j]>": u[j], ...}. */
void parleyp_doc_utilities_named(parleyp_jw *w, const char *const *names, const double *u,
                                 size_t n);

/* "overrides": [{"option": "--walk-away", "argument": "RU=0.3"}, ...]: the
 * what-ifs applied to sc (parley_scenario_override), as given, in order;
 * [] when none. Every document built from a scenario has it. */
void parleyp_doc_overrides(parleyp_jw *w, const parley_scenario *sc);
/* The same from a copied list (a forecast scenario's). */
void parleyp_doc_override_list(parleyp_jw *w, const parley_override *o, size_t n);

/* "sets": {"<issue id>": "<option id>", ...} of one point. */
void parleyp_doc_point_sets(parleyp_jw *w, const parley_scenario *sc, const parley_point *pt);
/* "open_issues": ["<issue id>", ...], the issues plan pl leaves open. */
void parleyp_doc_open_issues(parleyp_jw *w, const parley_scenario *sc, const parley_plan *pl);
/* "reported": [{stance, share, points, source, date, disputed_by}, ...],
 * party's reported stances on plan, in file order. */
void parleyp_doc_reported(parleyp_jw *w, const parley_scenario *sc, size_t party, size_t plan);
/* The fields of one reported stance, in an open object: stance, share,
 * points, source, date, disputed_by. */
void parleyp_doc_stance_fields(parleyp_jw *w, const parley_scenario *sc, const parley_stance *st);
/* "plan": {"id", "name"}. */
void parleyp_doc_plan_ref(parleyp_jw *w, const char *key, const parley_plan *pl);
/* The stance kind's name: "accepts", "rejects", "partial". */
const char *parleyp_doc_stance_name(parley_stance_kind kind);

#endif
