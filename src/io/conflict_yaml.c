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
 *   graph form: states: [names] and moves: {DM: [[from, to], ...]}.
 *
 * Every error names file, line, column and the field's path. Safety: file
 * size limit, nesting depth limit, aliases rejected, counts bounded. The
 * sections themselves are read in conflict_yaml_sections.c.
 */
#include "io/conflict_yaml.h"
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CY_MAX_BYTES (16u * 1024u * 1024u)
#define CY_MAX_DEPTH 32

/* Where a node starts. A scalar's own token; a collection's first item or
 * key. A node with no token (an empty collection, a null list item such as
 * a bare "-") takes its parent's position: for a value in a mapping, its
 * key's; otherwise the parent's own. Once climbing, never descend again, so
 * the walk always ends (a null first item would send it back down). */
void cy_where(struct fy_node *n, int *line, int *col)
{
    *line = *col = 0;
    bool climbing = false;
    while (n) {
        struct fy_token *t = NULL;
        if (fy_node_is_scalar(n))
            t = fy_node_get_scalar_token(n);
        else if (!climbing && fy_node_is_sequence(n)) {
            void *it = NULL;
            struct fy_node *first = fy_node_sequence_iterate(n, &it);
            if (first) {
                n = first;
                continue;
            }
        } else if (!climbing && fy_node_is_mapping(n)) {
            void *it = NULL;
            struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
            if (p) {
                n = fy_node_pair_key(p);
                continue;
            }
        }
        const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
        if (m) {
            *line = m->line + 1;
            *col = m->column + 1;
            return;
        }
        struct fy_node *parent = fy_node_get_parent(n);
        if (parent && fy_node_is_mapping(parent)) {
            void *it = NULL;
            struct fy_node_pair *p;
            while ((p = fy_node_mapping_iterate(parent, &it)))
                if (fy_node_pair_value(p) == n && fy_node_pair_key(p) &&
                    fy_node_is_scalar(fy_node_pair_key(p))) {
                    t = fy_node_get_scalar_token(fy_node_pair_key(p));
                    m = t ? fy_token_start_mark(t) : NULL;
                    if (m) {
                        *line = m->line + 1;
                        *col = m->column + 1;
                        return;
                    }
                }
        }
        climbing = true;
        n = parent;
    }
}

parley_status cfail(cy *y, struct fy_node *n, const char *field, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    cy_where(n, &line, &col);
    return parley_error_set(y->err, PARLEY_ERR_INPUT, y->file, line, col, field, "%s", msg);
}

const char *text_of(struct fy_node *n)
{
    if (!n || !fy_node_is_scalar(n))
        return NULL;
    const char *s = fy_node_get_scalar0(n);
    return s ? s : "";
}

struct fy_node *get(struct fy_node *map, const char *key)
{
    return map && fy_node_is_mapping(map) ? fy_node_mapping_lookup_by_string(map, key, FY_NT)
                                          : NULL;
}

parley_status check_keys(cy *y, struct fy_node *map, const char *field, const char *const *allowed)
{
    void *it = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(map, &it))) {
        const char *k = text_of(fy_node_pair_key(p));
        bool ok = false;
        for (size_t i = 0; k && allowed[i] && !ok; i++)
            ok = strcmp(k, allowed[i]) == 0;
        if (!ok)
            return cfail(y, fy_node_pair_key(p), field, "unknown key '%s'", k ? k : "?");
    }
    return PARLEY_OK;
}

static parley_status check_tree(cy *y, struct fy_node *n, int depth)
{
    if (depth > CY_MAX_DEPTH)
        return cfail(y, n, NULL, "nesting deeper than %d levels", CY_MAX_DEPTH);
    if (fy_node_is_alias(n))
        return cfail(y, n, NULL, "YAML aliases are not supported");
    if (fy_node_is_scalar(n)) {
        size_t len = 0;
        const char *s = fy_node_get_scalar(n, &len);
        if (s && memchr(s, '\0', len)) /* an escape such as "\0" would cut the text short */
            return cfail(y, n, NULL, "a NUL character in a string");
    }
    void *it = NULL;
    if (fy_node_is_sequence(n)) {
        struct fy_node *k;
        while ((k = fy_node_sequence_iterate(n, &it)))
            if (check_tree(y, k, depth + 1) != PARLEY_OK)
                return PARLEY_ERR_INPUT;
    } else if (fy_node_is_mapping(n)) {
        struct fy_node_pair *p;
        while ((p = fy_node_mapping_iterate(n, &it))) {
            if (!fy_node_is_scalar(fy_node_pair_key(p)))
                return cfail(y, fy_node_pair_key(p), NULL, "mapping keys must be plain strings");
            if (check_tree(y, fy_node_pair_key(p), depth + 1) != PARLEY_OK ||
                check_tree(y, fy_node_pair_value(p), depth + 1) != PARLEY_OK)
                return PARLEY_ERR_INPUT;
        }
    }
    return PARLEY_OK;
}

long dm_lookup(const parley_conflict *c, const char *name)
{
    for (size_t d = 0; d < c->ndms; d++)
        if (strcmp(c->dms[d].name, name) == 0)
            return (long)d;
    return -1;
}

static parley_status read_conflict(cy *y, struct fy_node *cn)
{
    static const char *const keys[] = {
        "name",       "description",        "notes",        "decision_makers",
        "infeasible", "mutually_exclusive", "at_least_one", "preferences",
        "status_quo", "coalitions",         "states",       "moves",
        NULL};
    parley_conflict *c = y->c;
    if (!fy_node_is_mapping(cn))
        return cfail(y, cn, "conflict", "expected a mapping");
    if (check_keys(y, cn, "conflict", keys) != PARLEY_OK)
        return PARLEY_ERR_INPUT;
    const char *name = text_of(get(cn, "name"));
    if (!(c->name = strdup(name ? name : "")))
        return parley_error_set(y->err, PARLEY_ERR_LIMIT, y->file, 0, 0, NULL, "out of memory");
    c->graph_form = get(cn, "states") != NULL;
    parley_status st;
    if ((st = read_dms(y, get(cn, "decision_makers"), cn)) != PARLEY_OK)
        return st;
    if (c->graph_form) {
        if (get(cn, "infeasible") || get(cn, "mutually_exclusive") || get(cn, "at_least_one"))
            return cfail(y, get(cn, "states"), "conflict.states",
                         "graph form lists its states; infeasible/mutually_exclusive/"
                         "at_least_one belong to option form");
        if ((st = read_graph(y, get(cn, "states"), get(cn, "moves"))) != PARLEY_OK)
            return st;
    } else {
        if (get(cn, "moves"))
            return cfail(y, get(cn, "moves"), "conflict.moves", "moves need a 'states' list");
        if ((st = read_infeasible(y, cn)) != PARLEY_OK)
            return st;
        if ((st = gm_states_build(c, y->err)) != PARLEY_OK) {
            y->err->line = 0;
            snprintf(y->err->file, sizeof y->err->file, "%s", y->file);
            return st;
        }
    }
    if ((st = read_prefs(y, get(cn, "preferences"), cn)) != PARLEY_OK)
        return st;
    if ((st = gm_prefs_build(c, y->err)) != PARLEY_OK) {
        snprintf(y->err->file, sizeof y->err->file, "%s", y->file);
        return st;
    }
    struct fy_node *sq = get(cn, "status_quo");
    if (sq) {
        size_t id;
        const char *t = text_of(sq);
        if (!t || parley_conflict_state_find(c, t, &id, NULL) != PARLEY_OK)
            return cfail(y, sq, "conflict.status_quo", "not a feasible state: '%s'", t ? t : "?");
        c->status_quo = (long)id;
    }
    return read_coalitions(y, get(cn, "coalitions"));
}

static parley_conflict *from_doc(struct fy_document *doc, const char *name,
                                 const parley_conflict_limits *lim, parley_error *err)
{
    cy y = {name, err, gm_conflict_new()};
    if (y.c)
        y.c->limits = lim;
    parley_status st = PARLEY_ERR_LIMIT;
    struct fy_node *root = fy_document_root(doc);
    struct fy_node *cn = get(root, "conflict");
    if (!y.c)
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
    else if (!root || !fy_node_is_mapping(root))
        st = cfail(&y, root, NULL, "expected a mapping with a 'conflict:' section");
    else if (!cn)
        st = cfail(&y, root, "conflict", "no 'conflict:' section in this file");
    else if ((st = check_tree(&y, cn, 1)) == PARLEY_OK)
        st = read_conflict(&y, cn);
    if (st != PARLEY_OK) {
        parley_conflict_free(y.c);
        return NULL;
    }
    y.c->limits = NULL;
    return y.c;
}

static struct fy_document *parse(const char *name, const char *text, size_t len, parley_error *err)
{
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = NULL;
    dcfg.colorize = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
        return NULL;
    }
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {.search_path = NULL,
                               .flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT,
                               .userdata = NULL,
                               .diag = diag};
    struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
    if (!doc) {
        void *it = NULL;
        struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
        parley_error_set(err, PARLEY_ERR_INPUT, name, e ? e->line : 0, e ? e->column : 0, NULL,
                         "not valid YAML: %s", e && e->msg ? e->msg : "empty or unreadable");
    }
    fy_diag_destroy(diag);
    return doc;
}

static parley_conflict *parse_yaml(const char *text, size_t len, const char *name,
                                   const parley_conflict_limits *lim, parley_error *err)
{
    if (len > CY_MAX_BYTES) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "larger than %u bytes",
                         CY_MAX_BYTES);
        return NULL;
    }
    /* Checked before libfyaml sees it: libfyaml 0.7.12 loops forever on some
     * invalid UTF-8 (e.g. "%" then byte 0xD1), and stops at a NUL byte. */
    if (pt_check_text(text, len, name, err) != PARLEY_OK)
        return NULL;
    char *copy = NULL;
    if (pt_has_lone_cr(text, len)) { /* libfyaml does not end lines at a lone CR */
        if (!(copy = malloc(len + 1))) {
            parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
            return NULL;
        }
        memcpy(copy, text, len);
        copy[len] = '\0';
        pt_lone_cr_to_lf(copy, len);
        text = copy;
    }
    parley_conflict *c = NULL;
    struct fy_document *doc = parse(name, text, len, err);
    if (doc) {
        c = from_doc(doc, name, lim, err);
        fy_document_destroy(doc);
    }
    free(copy);
    return c;
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
    char *buf = pc_read_file(path, CY_MAX_BYTES, "conflict files", &len, err);
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
