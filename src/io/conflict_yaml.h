/*
 * io/conflict_yaml.h — internals of the YAML conflict reader
 * (conflict_yaml.c) and its statement language (conflict_yaml_expr.c).
 */
#ifndef PARLEY_IO_CONFLICT_YAML_H
#define PARLEY_IO_CONFLICT_YAML_H

#include "stability/gm_model.h"
#include "core/error.h"

#include <libfyaml.h>

/* Reader state: the file name for errors, the error, the conflict built. */
typedef struct cy {
    const char *file;
    parley_error *err;
    parley_conflict *c;
} cy;

/* 1-based line and column where node n starts (0 when unknown). */
void cy_where(struct fy_node *n, int *line, int *col);
/* Fills y->err at node n with the field path; returns PARLEY_ERR_INPUT. */
parley_status cfail(cy *y, struct fy_node *n, const char *field, const char *fmt, ...)
    PARLEY_PRINTF(4, 5);
/* A scalar's text (borrowed), or NULL when n is not a scalar. */
const char *text_of(struct fy_node *n);
/* Value of key in mapping map, or NULL. */
struct fy_node *get(struct fy_node *map, const char *key);
/* Fails on the first key of map not in allowed (NULL-terminated). */
parley_status check_keys(cy *y, struct fy_node *map, const char *field, const char *const *allowed);
/* Index of the DM with this id, or -1. */
long dm_lookup(const parley_conflict *c, const char *name);

/* Sections (conflict_yaml_sections.c); each fails with a located error. */
parley_status read_dms(cy *y, struct fy_node *seq, struct fy_node *parent);
parley_status read_graph(cy *y, struct fy_node *states, struct fy_node *moves);
parley_status read_infeasible(cy *y, struct fy_node *conflict);
parley_status read_prefs(cy *y, struct fy_node *map, struct fy_node *parent);
parley_status read_coalitions(cy *y, struct fy_node *seq);

/* Index of the option called `name` (first `len` bytes): its id, or
 * "DM.id"; -1 if none. */
long gm_option_lookup(const parley_conflict *c, const char *name, size_t len);

/* Parses a statement over c's options (see conflict_yaml_expr.c). Returns a
 * new tree (free with gm_expr_free), or NULL with a message in err (one
 * that begins "out of memory" when an allocation failed). */
gm_expr *gm_expr_parse(const parley_conflict *c, const char *text, char *err, size_t errlen);

#endif
