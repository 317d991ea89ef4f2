/*
 * io/yaml_doc.c — safe libfyaml document access with located errors.
 * See yaml_doc.h.
 */
#include "io/yaml_doc.h"

#include "core/error.h"
#include "core/text.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static parley_where token_where(struct fy_token *t)
{
    parley_where w = {0, 0};
    const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
    if (m) {
        w.line = m->line + 1;
        w.column = m->column + 1;
    }
    return w;
}

parley_where parleyp_yd_where(struct fy_node *n)
{
    /* Once climbing, never descend again, so the walk always ends (a null
     * first item would send it back down). */
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
        parley_where w = token_where(t);
        if (w.line)
            return w;
        struct fy_node *parent = fy_node_get_parent(n);
        if (parent && fy_node_is_mapping(parent)) {
            void *it = NULL;
            struct fy_node_pair *p;
            while ((p = fy_node_mapping_iterate(parent, &it)))
                if (fy_node_pair_value(p) == n && fy_node_pair_key(p) &&
                    fy_node_is_scalar(fy_node_pair_key(p))) {
                    w = token_where(fy_node_get_scalar_token(fy_node_pair_key(p)));
                    if (w.line)
                        return w;
                }
        }
        climbing = true;
        n = parent;
    }
    parley_where none = {0, 0};
    return none;
}

static parley_status vfail(yd_ctx *ctx, parley_where w, const char *field, const char *fmt,
                           va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return parley_error_set(ctx->err, PARLEY_ERR_INPUT, ctx->file, w.line, w.column, field, "%s",
                            msg);
}

parley_status parleyp_yd_fail(yd_ctx *ctx, struct fy_node *n, const char *field, const char *fmt,
                              ...)
{
    va_list ap;
    va_start(ap, fmt);
    parley_status st = vfail(ctx, parleyp_yd_where(n), field, fmt, ap);
    va_end(ap);
    return st;
}

static const char *what(const yd_ctx *ctx)
{
    return ctx->what ? ctx->what : "scenarios";
}

static const char *expect(const yd_ctx *ctx)
{
    return ctx->expect ? ctx->expect
                       : "a scenario (a mapping with parties, issues, preferences, plans)";
}

/* Walks the tree: rejects aliases and nesting deeper than YD_MAX_DEPTH. */
static parley_status check_tree(yd_ctx *ctx, struct fy_node *n, int depth)
{
    if (depth > YD_MAX_DEPTH)
        return parleyp_yd_fail(ctx, n, NULL, "nesting deeper than %d levels", YD_MAX_DEPTH);
    if (fy_node_is_alias(n))
        return parleyp_yd_fail(ctx, n, NULL, "YAML aliases (*name) are not supported in %s",
                               what(ctx));
    if (fy_node_is_scalar(n)) {
        size_t len = 0;
        const char *s = fy_node_get_scalar(n, &len);
        if (s && memchr(s, '\0', len)) /* an escape such as "\0" would cut the text short */
            return parleyp_yd_fail(ctx, n, NULL, "a NUL character in a string");
    }
    parley_status st = PARLEY_OK;
    if (fy_node_is_sequence(n)) {
        struct fy_node *item;
        YD_SEQ_EACH(n, item, it)
        if ((st = check_tree(ctx, item, depth + 1)))
            return st;
    } else if (fy_node_is_mapping(n)) {
        struct fy_node_pair *p;
        YD_MAP_EACH(n, p, it)
        {
            struct fy_node *k = fy_node_pair_key(p);
            if (k && !fy_node_is_scalar(k))
                return parleyp_yd_fail(ctx, k, NULL, "mapping keys must be plain strings");
            if ((k && (st = check_tree(ctx, k, depth + 1))) ||
                (st = check_tree(ctx, fy_node_pair_value(p), depth + 1)))
                return st;
        }
    }
    return st;
}

/* True when text holds only white space and comments. */
static bool is_blank(const char *text, size_t len)
{
    bool comment = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n')
            comment = false;
        else if (c == '#')
            comment = true;
        else if (!comment && c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

parley_status parleyp_yd_open(yd_ctx *ctx, const char *text, size_t len)
{
    ctx->doc = NULL;
    ctx->owned = NULL;
    if (len > YD_MAX_BYTES)
        return parley_error_set(ctx->err, PARLEY_ERR_LIMIT, ctx->file, 0, 0, NULL,
                                "file is %zu bytes; %s are limited to %u bytes", len, what(ctx),
                                YD_MAX_BYTES);
    if (parleyp_pt_check_text(text, len, ctx->file, ctx->err))
        return PARLEY_ERR_INPUT;
    if (parleyp_pt_has_lone_cr(text, len)) { /* libfyaml does not end lines at a lone CR */
        if (!(ctx->owned = malloc(len + 1)))
            return parley_error_set(ctx->err, PARLEY_ERR_LIMIT, ctx->file, 0, 0, NULL,
                                    "out of memory");
        memcpy(ctx->owned, text, len);
        ctx->owned[len] = '\0';
        parleyp_pt_lone_cr_to_lf(ctx->owned, len);
        text = ctx->owned;
    }
    if (is_blank(text, len))
        return parley_error_set(ctx->err, PARLEY_ERR_INPUT, ctx->file, 0, 0, NULL,
                                "empty file: expected %s", expect(ctx));
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = NULL;
    dcfg.colorize = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag)
        return parley_error_set(ctx->err, PARLEY_ERR_LIMIT, ctx->file, 0, 0, NULL, "out of memory");
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {.search_path = NULL,
                               .flags = FYPCF_QUIET | FYPCF_DISABLE_MMAP_OPT,
                               .userdata = NULL,
                               .diag = diag};
    struct fy_document *doc = fy_document_build_from_string(&cfg, text, len);
    if (!doc) {
        void *it = NULL;
        struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
        parley_where w = {e ? e->line : 0, e ? e->column : 0}; /* already 1-based */
        parley_error_set(ctx->err, PARLEY_ERR_INPUT, ctx->file, w.line, w.column, NULL,
                         "not valid YAML: %s", e && e->msg ? e->msg : "parse error");
        fy_diag_destroy(diag);
        return PARLEY_ERR_INPUT;
    }
    fy_diag_destroy(diag);
    ctx->doc = doc;
    struct fy_node *root = fy_document_root(doc);
    const char *root_text = parleyp_yd_text(root);
    if (!root || (root_text && !root_text[0]))
        return parley_error_set(ctx->err, PARLEY_ERR_INPUT, ctx->file, 0, 0, NULL,
                                "empty file: expected %s", expect(ctx));
    return check_tree(ctx, root, 0);
}

void parleyp_yd_close(yd_ctx *ctx)
{
    if (ctx->doc)
        fy_document_destroy(ctx->doc);
    ctx->doc = NULL;
    free(ctx->owned);
    ctx->owned = NULL;
}

const char *parleyp_yd_text(struct fy_node *n)
{
    if (!n || !fy_node_is_scalar(n))
        return NULL;
    const char *s = fy_node_get_scalar0(n);
    return s ? s : "";
}

struct fy_node *parleyp_yd_get(struct fy_node *map, const char *key)
{
    if (!map || !fy_node_is_mapping(map))
        return NULL;
    return fy_node_mapping_lookup_by_string(map, key, FY_NT);
}

static const char *kind_name(struct fy_node *n)
{
    switch (fy_node_get_type(n)) {
    case FYNT_SCALAR:
        return "a scalar";
    case FYNT_SEQUENCE:
        return "a list";
    case FYNT_MAPPING:
        return "a mapping";
    }
    return "something else";
}

parley_status parleyp_yd_expect_map(yd_ctx *ctx, struct fy_node *n, const char *field)
{
    if (n && fy_node_is_mapping(n))
        return PARLEY_OK;
    return parleyp_yd_fail(ctx, n, field, "expected a mapping (key: value), found %s",
                           n ? kind_name(n) : "nothing");
}

parley_status parleyp_yd_expect_seq(yd_ctx *ctx, struct fy_node *n, const char *field)
{
    if (n && fy_node_is_sequence(n))
        return PARLEY_OK;
    return parleyp_yd_fail(ctx, n, field, "expected a list (- item), found %s",
                           n ? kind_name(n) : "nothing");
}

parley_status parleyp_yd_string(yd_ctx *ctx, struct fy_node *n, const char *field, char **out)
{
    const char *s = parleyp_yd_text(n);
    if (!s)
        return parleyp_yd_fail(ctx, n, field, "expected a string, found %s",
                               n ? kind_name(n) : "nothing");
    if (!(*out = strdup(s)))
        return parley_error_set(ctx->err, PARLEY_ERR_LIMIT, ctx->file, 0, 0, field,
                                "out of memory");
    return PARLEY_OK;
}

parley_status parleyp_yd_number(yd_ctx *ctx, struct fy_node *n, const char *field, double *out)
{
    const char *s = parleyp_yd_text(n);
    if (!s)
        return parleyp_yd_fail(ctx, n, field, "expected a number, found %s",
                               n ? kind_name(n) : "nothing");
    char *end;
    bool finite;
    double v = parleyp_pt_strtod(s, &end, &finite);
    const char *bare = s[0] == '-' || s[0] == '+' ? s + 1 : s;
    if (!strcasecmp(bare, ".nan") || !strcasecmp(bare, ".inf"))
        return parleyp_yd_fail(ctx, n, field, "must be a finite number, not '%s'", s);
    if (end == s || *end != '\0')
        return parleyp_yd_fail(ctx, n, field, "expected a number, found '%s'", s);
    if (!finite)
        return parleyp_yd_fail(ctx, n, field, "must be a finite number, not '%s'", s);
    *out = v;
    return PARLEY_OK;
}

parley_status parleyp_yd_bool(yd_ctx *ctx, struct fy_node *n, const char *field, bool *out)
{
    const char *s = parleyp_yd_text(n);
    if (s && (!strcasecmp(s, "true") || !strcasecmp(s, "yes"))) {
        *out = true;
        return PARLEY_OK;
    }
    if (s && (!strcasecmp(s, "false") || !strcasecmp(s, "no"))) {
        *out = false;
        return PARLEY_OK;
    }
    return parleyp_yd_fail(ctx, n, field, "expected true or false");
}

parley_status parleyp_yd_check_keys(yd_ctx *ctx, struct fy_node *map, const char *field,
                                    const char *const *allowed)
{
    struct fy_node_pair *p;
    YD_MAP_EACH(map, p, it)
    {
        const char *k = parleyp_yd_text(fy_node_pair_key(p));
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = k && strcmp(k, *a) == 0;
        if (!ok) {
            char list[256] = "";
            size_t used = 0;
            for (const char *const *a = allowed; *a && used < sizeof list; a++) {
                int w =
                    snprintf(list + used, sizeof list - used, "%s%s", a == allowed ? "" : ", ", *a);
                if (w > 0)
                    used += (size_t)w;
            }
            return parleyp_yd_fail(ctx, fy_node_pair_key(p), field,
                                   "unknown key '%s' (expected one of: %s)", k ? k : "?", list);
        }
    }
    return PARLEY_OK;
}
