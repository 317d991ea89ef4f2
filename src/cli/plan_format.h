/*
 * cli/plan_format.h — small text formatting helpers shared by `score` and
 * `diff`: a point's settings as "issue=option, ..." and the reported stances
 * of a party on a plan as one line (JSON and CSV: the library's documents).
 */
#ifndef PARLEY_CLI_PLAN_FORMAT_H
#define PARLEY_CLI_PLAN_FORMAT_H

#include "parley.h"

#include <stdio.h>

/* "issue=option, issue=option" (or "-" when the point sets nothing). */
const char *pf_sets(const parley_scenario *sc, const parley_point *pt, char *buf, size_t n);
/* The party's reported stances on the plan as "90% partial (disputed) [2]",
 * "; "-joined; "-" when none. The [n] numbers count every stance on the plan
 * in file order (*note carries the count between calls: start it at 0 for
 * each party) and match the footnotes of pf_stance_notes. */
const char *pf_reported(const parley_scenario *sc, size_t party, size_t plan, size_t *note,
                        char *buf, size_t n);
/* Prints one footnote per stance on the plan: party, stance, points, note,
 * source, date, who disputed it. */
void pf_stance_notes(const parley_scenario *sc, size_t plan, FILE *fp);

#endif
