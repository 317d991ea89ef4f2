/*
 * parley/report.h — the whole analysis of a scenario as one self-contained
 * HTML document (`parley report`): the scenario, who is on board with each
 * plan version, what changed between drafts, the space of deals, what it
 * would take, where bargaining lands and which end states are stable, each
 * with a chart (inline SVG), a plain-language caption and its numbers in a
 * table. The document loads nothing from outside itself (inline CSS and
 * SVG, no script; a Content-Security-Policy forbids network access), so it
 * reads offline and prints to PDF from a browser. docs/report.md describes
 * it.
 *
 * Every number in a table carries its exact value (data-v, the shortest
 * round-trip text) and the command whose JSON document holds it (data-cmd,
 * e.g. "score --plan us28"), so the report can be checked against the
 * commands. Every scenario string is HTML-escaped.
 *
 * Each analysis runs once: the 4-party frontier of a scenario is computed one
 * time and serves the space of deals and the mediation. Sections that do not
 * apply (no plans, no option positions, no `conflict:`) are left out with a
 * one-line reason. Nothing here prints or exits.
 */
#ifndef PARLEY_REPORT_H
#define PARLEY_REPORT_H

#include "parley/core.h"
#include "parley/stability.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_report_options {
    /* The scenario's `conflict:` section (parley_conflict_load_yaml on the
     * same file), or NULL: then "stable end states" is left out. Borrowed. */
    const parley_conflict *conflict;
    /* The plan that "what would it take" starts from, by id; NULL: the last
     * plan of the file (as `parley score`). */
    const char *plan;
    size_t mediate_rounds; /* rounds of the mediation (0: 50, as `parley mediate`) */
    size_t mc_runs;        /* Monte Carlo forecast runs when the scenario has an
                            * `uncertainty:` section (0: 200) */
    unsigned long seed;    /* Monte Carlo seed; 0: the forecast's default seed */
    int threads;           /* 0: as many as cores */
    /* Called now and then with done in [0,1] (may be NULL). */
    void (*progress)(void *ctx, double done);
    void *progress_ctx;
} parley_report_options;

/* Fills *opt with the defaults above. */
PARLEY_API void parley_report_options_init(parley_report_options *opt);

/* Runs every analysis of sc (opt may be NULL: the defaults), then streams
 * the HTML document to fp. Returns PARLEY_OK; PARLEY_ERR_INPUT for a bad
 * option (an unknown plan id); PARLEY_ERR_LIMIT when out of memory;
 * PARLEY_ERR_IO when fp reports a write error. Nothing is written unless
 * every analysis has run. */
PARLEY_API parley_status parley_report_dumpf(const parley_scenario *sc,
                                             const parley_report_options *opt, FILE *fp,
                                             parley_error *err);
/* The same document as a new NUL-terminated string (caller frees with
 * free()); NULL with err filled on failure. */
PARLEY_API char *parley_report_dumps(const parley_scenario *sc, const parley_report_options *opt,
                                     parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_REPORT_H */
