/*
 * model/plan.h — plan versions as written, and their resolution into full
 * texts. A version either lists all its `points:` or lists `changes:` (add,
 * change, drop) to the version it is `based_on`. Resolution walks `based_on`
 * (rejecting missing versions and cycles), applies changes, marks each point
 * as original, added or changed, records drops, and computes `sets[]`.
 */
#ifndef PARLEY_MODEL_PLAN_H
#define PARLEY_MODEL_PLAN_H

#include "model/scenario.h"

typedef enum pm_change_kind { PM_CHANGE_ADD, PM_CHANGE_MODIFY, PM_CHANGE_DROP } pm_change_kind;

/* One entry of a version's `changes:`. For MODIFY, text/sets replace the old
 * ones only when given (has_text / has_sets). */
typedef struct pm_change {
    pm_change_kind kind;
    parley_point point; /* point.id always set; for DROP only id, by, date */
    bool has_text, has_sets;
    parley_where where;
} pm_change;

/* What the reader keeps of a version beyond parley_plan, until resolution. */
typedef struct pm_plan_raw {
    char *based_on_id; /* NULL if none */
    parley_where based_on_where;
    bool has_changes;
    size_t n_changes;
    pm_change *changes;
} pm_plan_raw;

/* Resolves every plan of sc (raw[k] belongs to sc->plans[k]). On error fills
 * err (naming sc->file, line, column and field) and returns its code. */
parley_status parleyp_pm_plans_resolve(parley_scenario *sc, pm_plan_raw *raw, parley_error *err);

/* Frees the raw entries (not the plans). */
void parleyp_pm_plan_raw_free(pm_plan_raw *raw, size_t n);

#endif
