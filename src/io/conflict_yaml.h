/*
 * io/conflict_yaml.h — internals of the YAML conflict reader
 * (conflict_yaml.c) and its statement language (conflict_yaml_expr.c).
 */
#ifndef PARLEY_IO_CONFLICT_YAML_H
#define PARLEY_IO_CONFLICT_YAML_H

#include "io/yaml_doc.h"
#include "stability/gm_model.h"
#include "core/error.h"

/* Reader state: the YAML document (file name and error, io/yaml_doc.h) and
 * the conflict built. */
typedef struct cy {
    yd_ctx yd;
    parley_conflict *c;
} cy;

/* Lookups (conflict_yaml_expr.c). Index of the DM with this id, or -1. */
long parleyp_dm_lookup(const parley_conflict *c, const char *name);

/* Sections (conflict_yaml_sections.c); each fails with a located error. */
parley_status parleyp_read_dms(cy *y, struct fy_node *seq, struct fy_node *parent);
parley_status parleyp_read_graph(cy *y, struct fy_node *states, struct fy_node *moves);
parley_status parleyp_read_infeasible(cy *y, struct fy_node *conflict);
parley_status parleyp_read_prefs(cy *y, struct fy_node *map, struct fy_node *parent);
parley_status parleyp_read_coalitions(cy *y, struct fy_node *seq);
parley_status parleyp_read_misperceptions(cy *y, struct fy_node *map);

/* Index of the option called `name` (first `len` bytes): its id, or
 * "DM.id"; -1 if none. */
long parleyp_gm_option_lookup(const parley_conflict *c, const char *name, size_t len);

/* Parses a statement over c's options (see conflict_yaml_expr.c). Returns a
 * new tree (free with gm_expr_free), or NULL with a message in err (one
 * that begins "out of memory" when an allocation failed). */
gm_expr *parleyp_gm_expr_parse(const parley_conflict *c, const char *text, char *err,
                               size_t errlen);

#endif
