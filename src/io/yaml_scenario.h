/*
 * io/yaml_scenario.h — internal interface between the parts of the YAML
 * scenario reader: yaml_scenario.c (top level, parties, issues, stances),
 * yaml_prefs.c (preferences and rules) and yaml_plans.c (plan versions), and
 * the helpers they share, yaml_refs.c (so every file calls only downward).
 * Each part reads its section of the document into the scenario, failing
 * with a located error; the top level then resolves plans and frees the doc.
 */
#ifndef PARLEY_IO_YAML_SCENARIO_H
#define PARLEY_IO_YAML_SCENARIO_H

#include "io/yaml_doc.h"
#include "model/plan.h"

/* Upper bounds on counts, so a hostile file cannot ask for huge allocations. */
#define YS_MAX_ITEMS 100000    /* parties, issues, plans, points, stances, rules */
#define YS_MAX_OPTIONS 1000000 /* options of one issue (ranges included)        */

typedef struct ys_reader {
    yd_ctx yd;
    parley_scenario *sc;
    pm_plan_raw *raw; /* one per plan */
} ys_reader;

parley_status parleyp_ys_read_preferences(ys_reader *r, struct fy_node *node);
parley_status parleyp_ys_read_plans(ys_reader *r, struct fy_node *node);

/* Shared helpers (yaml_refs.c). */
/* Resolves a party id scalar to its index. */
parley_status parleyp_ys_party_ref(ys_reader *r, struct fy_node *n, const char *field, long *out);
/* Resolves an issue id scalar to its index. */
parley_status parleyp_ys_issue_ref(ys_reader *r, struct fy_node *n, const char *field, size_t *out);
/* Resolves an option scalar of issue is (by id, or by number for ranges). */
parley_status parleyp_ys_option_ref(ys_reader *r, struct fy_node *n, const char *field, size_t is,
                                    size_t *out);
/* calloc with an out-of-memory error. */
void *parleyp_ys_alloc(ys_reader *r, size_t n, size_t size);
/* Count of a sequence with the YS_MAX_ITEMS bound checked. */
parley_status parleyp_ys_count(ys_reader *r, struct fy_node *seq, const char *field, size_t *n);

#endif
