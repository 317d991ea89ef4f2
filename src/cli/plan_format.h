/*
 * cli/plan_format.h — small formatting helpers shared by `score` and `diff`:
 * a point's settings as "issue=option, ..." and the reported stances of a
 * party on a plan as one line.
 */
#ifndef PARLEY_CLI_PLAN_FORMAT_H
#define PARLEY_CLI_PLAN_FORMAT_H

#include "model/scenario.h"

#include <jansson.h>

/* "issue=option, issue=option" (or "-" when the point sets nothing). */
const char *pf_sets(const parley_scenario *sc, const pm_point *pt, char *buf, size_t n);
/* {"issue": "option", ...} */
json_t *pf_sets_json(const parley_scenario *sc, const pm_point *pt);
/* "90% partial (source, date; disputed by UA)", "; "-joined over the
 * party's stances on the plan; "-" when none. */
const char *pf_reported(const parley_scenario *sc, size_t party, size_t plan, char *buf, size_t n);
/* The reported stances as a JSON array. */
json_t *pf_reported_json(const parley_scenario *sc, size_t party, size_t plan);
/* The plan's open issues as a JSON array of ids. */
json_t *pf_open_json(const parley_scenario *sc, const pm_plan *pl);

#endif
