/*
 * io/conflict_yaml.c — reads the `conflict:` section of a parley
 * scenario YAML file (libfyaml) into a parley_conflict. Other top-level keys
 * (parties, issues, plans, ...) are ignored; a file may hold only
 * `conflict:`. The format is documented in docs/stability.md:
 *
 *   conflict:
 *     decision_makers: [{id, name, options: [{id, name, reversible}]}]
 *     infeasible: ["Y-N-", "a and b"]      patterns or statements
 *     mutually_exclusive: [[a, b, c]]       at most one of them taken
 *     at_least_one: [[a, b]]
 *     preferences: {DM: {statements: [...]} | {ranking: [...]}}
 *     status_quo: "NNYN"     coalitions: [[A, B], [C]]
 *     misperceptions: {DM: ["Y-N-", "a and b"]}   states DM does not perceive
 *   graph form: states: [names] and moves: {DM: [[from, to], ...]}.
 *
 * Every error names file, line, column and the field's path. The document
 * is opened by io/yaml_doc.c (size and nesting limits, aliases rejected);
 * counts are bounded here. The sections themselves are read in
 * conflict_yaml_sections.c.
 */
#include "io/conflict_yaml.h"
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static parley_status read_conflict(cy *y, struct fy_node *cn)
{
    static const char *const keys[] = {"name",           "description",
                                       "notes",          "decision_makers",
                                       "infeasible",     "mutually_exclusive",
                                       "at_least_one",   "preferences",
                                       "status_quo",     "coalitions",
                                       "states",         "moves",
                                       "misperceptions", NULL};
    parley_conflict *c = y->c;
    if (!fy_node_is_mapping(cn))
        return parleyp_yd_fail(&y->yd, cn, "conflict", "expected a mapping");
    if (parleyp_yd_check_keys(&y->yd, cn, "conflict", keys) != PARLEY_OK)
        return PARLEY_ERR_INPUT;
    const char *name = parleyp_yd_text(parleyp_yd_get(cn, "name"));
    if (!(c->name = strdup(name ? name : "")))
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                "out of memory");
    c->graph_form = parleyp_yd_get(cn, "states") != NULL;
    parley_status st;
    if (c->graph_form && parleyp_yd_get(cn, "misperceptions"))
        return parleyp_read_misperceptions(y, parleyp_yd_get(cn, "misperceptions"));
    if ((st = parleyp_read_dms(y, parleyp_yd_get(cn, "decision_makers"), cn)) != PARLEY_OK)
        return st;
    if (c->graph_form) {
        if (parleyp_yd_get(cn, "infeasible") || parleyp_yd_get(cn, "mutually_exclusive") ||
            parleyp_yd_get(cn, "at_least_one"))
            return parleyp_yd_fail(&y->yd, parleyp_yd_get(cn, "states"), "conflict.states",
                                   "graph form lists its states; infeasible/mutually_exclusive/"
                                   "at_least_one belong to option form");
        if ((st = parleyp_read_graph(y, parleyp_yd_get(cn, "states"),
                                     parleyp_yd_get(cn, "moves"))) != PARLEY_OK)
            return st;
    } else {
        if (parleyp_yd_get(cn, "moves"))
            return parleyp_yd_fail(&y->yd, parleyp_yd_get(cn, "moves"), "conflict.moves",
                                   "moves need a 'states' list");
        if ((st = parleyp_read_infeasible(y, cn)) != PARLEY_OK)
            return st;
        if ((st = parleyp_read_misperceptions(y, parleyp_yd_get(cn, "misperceptions"))) !=
            PARLEY_OK)
            return st;
        if ((st = parleyp_gm_states_build(c, y->yd.err)) != PARLEY_OK) {
            y->yd.err->line = 0;
            snprintf(y->yd.err->file, sizeof y->yd.err->file, "%s", y->yd.file);
            return st;
        }
    }
    if ((st = parleyp_read_prefs(y, parleyp_yd_get(cn, "preferences"), cn)) != PARLEY_OK)
        return st;
    if ((st = parleyp_gm_prefs_build(c, y->yd.err)) != PARLEY_OK) {
        snprintf(y->yd.err->file, sizeof y->yd.err->file, "%s", y->yd.file);
        return st;
    }
    struct fy_node *sq = parleyp_yd_get(cn, "status_quo");
    if (sq) {
        size_t id;
        const char *t = parleyp_yd_text(sq);
        if (!t || parley_conflict_state_find(c, t, &id, NULL) != PARLEY_OK)
            return parleyp_yd_fail(&y->yd, sq, "conflict.status_quo", "not a feasible state: '%s'",
                                   t ? t : "?");
        c->status_quo = (long)id;
    }
    return parleyp_read_coalitions(y, parleyp_yd_get(cn, "coalitions"));
}

static parley_conflict *parse_yaml(const char *text, size_t len, const char *name,
                                   const parley_conflict_limits *lim, parley_error *err)
{
    cy y = {.yd = {.file = name,
                   .err = err,
                   .what = "conflict files",
                   .expect = "a mapping with a 'conflict:' section"},
            .c = NULL};
    /* libfyaml keeps every token of the document it builds: dense flow-style
     * text (a graph form's move lists) takes up to some 80 bytes of memory a
     * byte (a 12 MB file peaked at 900 MB), so a large file is checked
     * against the memory limit before it is parsed. */
    double parse = 80.0 * (double)len;
    if (lim && lim->max_memory && len > ((size_t)1 << 20) && parse > (double)lim->max_memory) {
        char a[32], b[32];
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL,
                         "a YAML file of %zu bytes needs about %s of memory to parse, over the "
                         "memory limit of %s",
                         len, parleyp_gm_bytes_text(parse, a, sizeof a),
                         parleyp_gm_bytes_text((double)lim->max_memory, b, sizeof b));
        return NULL;
    }
    if (parleyp_yd_open(&y.yd, text, len) != PARLEY_OK) {
        parleyp_yd_close(&y.yd);
        return NULL;
    }
    parley_status st = PARLEY_ERR_LIMIT;
    struct fy_node *root = fy_document_root(y.yd.doc);
    struct fy_node *cn = parleyp_yd_get(root, "conflict");
    if (!(y.c = parleyp_gm_conflict_new()))
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
    else if (!fy_node_is_mapping(root))
        st = parleyp_yd_fail(&y.yd, root, NULL, "expected a mapping with a 'conflict:' section");
    else if (!cn)
        st = parleyp_yd_fail(&y.yd, root, "conflict", "no 'conflict:' section in this file");
    else {
        y.c->limits = lim;
        st = read_conflict(&y, cn);
    }
    parleyp_yd_close(&y.yd);
    if (st != PARLEY_OK) {
        parley_conflict_free(y.c);
        return NULL;
    }
    y.c->limits = NULL;
    return y.c;
}

parley_conflict *parley_conflict_parse_yaml(const char *text, size_t len, const char *name,
                                            parley_error *err)
{
    return parse_yaml(text, len, name, NULL, err);
}

parley_conflict *parley_conflict_load_yaml(const char *path, parley_error *err)
{
    return parley_conflict_load_yaml_limited(path, NULL, err);
}

parley_conflict *parley_conflict_load_yaml_limited(const char *path,
                                                   const parley_conflict_limits *lim,
                                                   parley_error *err)
{
    size_t len;
    char *buf = parleyp_pc_read_file(path, YD_MAX_BYTES, "conflict files", &len, err);
    if (!buf)
        return NULL;
    parley_conflict *c = NULL;
    if (len == 0)
        parley_error_set(err, PARLEY_ERR_INPUT, path, 0, 0, NULL, "empty file");
    else
        c = parse_yaml(buf, len, path, lim, err);
    free(buf);
    return c;
}
