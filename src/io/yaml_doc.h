/*
 * io/yaml_doc.h — a thin, safe layer over libfyaml for the YAML readers (the
 * scenario, io/yaml_scenario.c, and the conflict, io/conflict_yaml.c): parse
 * a buffer into a document (syntax errors become a parley_error with
 * line and column), locate nodes, and read typed scalars with errors that
 * name file, line, column and field.
 *
 * Limits kept here: input size (YD_MAX_BYTES), nesting depth (libfyaml's
 * depth limit stays on), and no aliases (rejected: they allow exponential
 * expansion and a scenario never needs them).
 */
#ifndef PARLEY_IO_YAML_DOC_H
#define PARLEY_IO_YAML_DOC_H

#include "model/scenario.h"

#include "core/error.h"

#include <libfyaml.h>
#include <stdbool.h>

#define YD_MAX_BYTES (64u * 1024u * 1024u)
#define YD_MAX_DEPTH 64

typedef struct yd_ctx {
    const char *file;
    parley_error *err;
    struct fy_document *doc;
    char *owned; /* a copy of the text with lone CRs made LFs, kept while doc lives */
    /* What the file holds, for messages: `what` in "scenarios are limited to"
     * and "not supported in scenarios", `expect` after "empty file: expected".
     * NULL: a scenario's. */
    const char *what;
    const char *expect;
} yd_ctx;

/* Parses text into ctx->doc. Returns PARLEY_OK, or an error (not UTF-8, a
 * NUL byte, syntax, empty, aliases, too deep) with line and column. Text is
 * checked (pt_check_text) before libfyaml sees it: libfyaml 0.7.12 loops
 * forever on some invalid UTF-8 (e.g. "%" then byte 0xD1). On success the caller frees the
 * document with yd_close. */
parley_status parleyp_yd_open(yd_ctx *ctx, const char *text, size_t len);
void parleyp_yd_close(yd_ctx *ctx);

/* Where a node starts (1-based line and column; 0 when unknown): a scalar's
 * own token; a collection's first item or key. A node with no token (an
 * empty collection, a null item such as a bare "-") takes its parent's
 * position: for a value in a mapping, its key's; otherwise the parent's. */
parley_where parleyp_yd_where(struct fy_node *n);

/* Fills ctx->err at node n (or at `at` when n is NULL) with the field name
 * and message. Returns PARLEY_ERR_INPUT. */
parley_status parleyp_yd_fail(yd_ctx *ctx, struct fy_node *n, const char *field, const char *fmt,
                              ...) PARLEY_PRINTF(4, 5);

/* The scalar's text (NUL-terminated, borrowed), or NULL if n is not a scalar. */
const char *parleyp_yd_text(struct fy_node *n);

/* Value of key in mapping n, or NULL. */
struct fy_node *parleyp_yd_get(struct fy_node *map, const char *key);

/* Each fails with a message naming `field` unless n has the right shape. */
parley_status parleyp_yd_expect_map(yd_ctx *ctx, struct fy_node *n, const char *field);
parley_status parleyp_yd_expect_seq(yd_ctx *ctx, struct fy_node *n, const char *field);
/* Allocates a copy of a scalar's text (caller frees). */
parley_status parleyp_yd_string(yd_ctx *ctx, struct fy_node *n, const char *field, char **out);
/* A finite number. */
parley_status parleyp_yd_number(yd_ctx *ctx, struct fy_node *n, const char *field, double *out);
/* true/false/yes/no. */
parley_status parleyp_yd_bool(yd_ctx *ctx, struct fy_node *n, const char *field, bool *out);
/* Fails on the first key of map not in `allowed` (NULL-terminated). */
parley_status parleyp_yd_check_keys(yd_ctx *ctx, struct fy_node *map, const char *field,
                                    const char *const *allowed);

/* Iteration helpers. */
#define YD_SEQ_EACH(seq, item, iter)                                                               \
    for (void *iter = NULL; ((item) = fy_node_sequence_iterate((seq), &iter)) != NULL;)
#define YD_MAP_EACH(map, pair, iter)                                                               \
    for (void *iter = NULL; ((pair) = fy_node_mapping_iterate((map), &iter)) != NULL;)

#endif
