/*
 * io/conflict_yaml_expr.c — the statement language of the YAML
 * `conflict:` section: a preference statement or infeasibility condition
 * over options, parsed into a gm_expr tree; and the name lookups of DMs and
 * options that the sections (conflict_yaml_sections.c) share with it.
 *
 *   stmt  := disj [ ("if" | "iff" | "implies") disj ]  "q if p" = p -> q
 *   disj  := conj { ("or" | "|") conj }
 *   conj  := unary { ("and" | "&" | ",") unary }
 *   unary := ("not" | "!" | "~" | "-") unary | "(" stmt ")" | atom
 *   atom  := option id | DM.option id | 1-based option number
 *
 * So GMCR+'s typed syntax ("1, -3", "2 if 3", "-1 iff 3") and readable forms
 * ("ceasefire and not sanctions", "hold if not aid_cut") both work.
 * "q implies p" reads left to right (q -> p). The parser is recursive with a
 * depth limit, so hostile input cannot exhaust the stack.
 */
#include "io/conflict_yaml.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPR_MAX_DEPTH 32

typedef struct eparser {
    const parley_conflict *c;
    const char *text, *p;
    char *err;
    size_t errlen;
    int depth;
    bool failed;
} eparser;

static gm_expr *fail(eparser *e, const char *msg)
{
    if (!e->failed)
        snprintf(e->err, e->errlen, "%s at character %zu of \"%s\"", msg,
                 (size_t)(e->p - e->text) + 1, e->text);
    e->failed = true;
    return NULL;
}

static void skip_ws(eparser *e)
{
    while (*e->p == ' ' || *e->p == '\t')
        e->p++;
}

static bool is_word_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_' || ch == '.';
}

/* Consumes keyword kw if it is next (as a whole word). */
static bool keyword(eparser *e, const char *kw)
{
    skip_ws(e);
    size_t n = strlen(kw);
    if (strncmp(e->p, kw, n) == 0 && !is_word_char(e->p[n])) {
        e->p += n;
        return true;
    }
    return false;
}

static bool symbol(eparser *e, char ch)
{
    skip_ws(e);
    if (*e->p == ch) {
        e->p++;
        return true;
    }
    return false;
}

static gm_expr *combine(eparser *e, gm_expr_kind kind, gm_expr *a, gm_expr *b)
{
    if (!a || !b) {
        parleyp_gm_expr_free(a);
        parleyp_gm_expr_free(b);
        return NULL;
    }
    gm_expr *x = parleyp_gm_expr_new(kind);
    if (!x) {
        parleyp_gm_expr_free(a);
        parleyp_gm_expr_free(b);
        return fail(e, "out of memory");
    }
    if (parleyp_gm_expr_add_kid(x, a) != PARLEY_OK) {
        parleyp_gm_expr_free(a);
        parleyp_gm_expr_free(b);
        parleyp_gm_expr_free(x);
        return fail(e, "out of memory");
    }
    if (parleyp_gm_expr_add_kid(x, b) != PARLEY_OK) {
        parleyp_gm_expr_free(b);
        parleyp_gm_expr_free(x);
        return fail(e, "out of memory");
    }
    return x;
}

long parleyp_dm_lookup(const parley_conflict *c, const char *name)
{
    for (size_t d = 0; d < c->ndms; d++)
        if (strcmp(c->dms[d].name, name) == 0)
            return (long)d;
    return -1;
}

long parleyp_gm_option_lookup(const parley_conflict *c, const char *name, size_t len)
{
    for (size_t k = 0; k < c->noptions; k++) {
        const char *id = c->options[k].id;
        if (strlen(id) == len && strncmp(id, name, len) == 0)
            return (long)k;
    }
    for (size_t k = 0; k < c->noptions; k++) { /* DM.option */
        const char *dm = c->dms[c->options[k].dm].name, *id = c->options[k].id;
        size_t dl = strlen(dm), il = strlen(id);
        if (dl + 1 + il == len && strncmp(name, dm, dl) == 0 && name[dl] == '.' &&
            strncmp(name + dl + 1, id, il) == 0)
            return (long)k;
    }
    return -1;
}

static gm_expr *parse_stmt(eparser *e);

static gm_expr *parse_atom(eparser *e)
{
    skip_ws(e);
    const char *start = e->p;
    while (is_word_char(*e->p))
        e->p++;
    size_t len = (size_t)(e->p - start);
    if (len == 0)
        return fail(e, "expected an option");
    long k = -1;
    if (strspn(start, "0123456789") >= len) {
        long v = strtol(start, NULL, 10);
        if (v >= 1 && (size_t)v <= e->c->noptions)
            k = v - 1;
    } else
        k = parleyp_gm_option_lookup(e->c, start, len);
    if (k < 0) {
        e->p = start;
        return fail(e, "unknown option");
    }
    gm_expr *x = parleyp_gm_expr_new(GM_EXPR_LIT);
    if (!x)
        return fail(e, "out of memory");
    x->mask = x->value = (uint32_t)1 << k;
    return x;
}

static gm_expr *parse_unary(eparser *e)
{
    if (++e->depth > EXPR_MAX_DEPTH)
        return fail(e, "statement nested too deeply");
    gm_expr *r;
    if (keyword(e, "not") || symbol(e, '!') || symbol(e, '~') || symbol(e, '-')) {
        gm_expr *k = parse_unary(e);
        if (!k)
            r = NULL;
        else if (k->kind == GM_EXPR_LIT && k->nkids == 0 && __builtin_popcount(k->mask) == 1) {
            k->value ^= k->mask; /* negated literal stays a literal */
            r = k;
        } else {
            r = parleyp_gm_expr_new(GM_EXPR_NOT);
            if (!r || parleyp_gm_expr_add_kid(r, k) != PARLEY_OK) {
                parleyp_gm_expr_free(k);
                parleyp_gm_expr_free(r);
                r = fail(e, "out of memory");
            }
        }
    } else if (symbol(e, '(')) {
        r = parse_stmt(e);
        if (r && !symbol(e, ')')) {
            parleyp_gm_expr_free(r);
            r = fail(e, "expected ')'");
        }
    } else
        r = parse_atom(e);
    e->depth--;
    return r;
}

static gm_expr *parse_conj(eparser *e)
{
    gm_expr *a = parse_unary(e);
    while (a && (keyword(e, "and") || symbol(e, '&') || symbol(e, ',')))
        a = combine(e, GM_EXPR_AND, a, parse_unary(e));
    return a;
}

static gm_expr *parse_disj(eparser *e)
{
    gm_expr *a = parse_conj(e);
    while (a && (keyword(e, "or") || symbol(e, '|')))
        a = combine(e, GM_EXPR_OR, a, parse_conj(e));
    return a;
}

static gm_expr *parse_stmt(eparser *e)
{
    gm_expr *q = parse_disj(e);
    if (!q)
        return NULL;
    if (keyword(e, "iff"))
        return combine(e, GM_EXPR_IFF, q, parse_disj(e));
    if (keyword(e, "if")) { /* q if p  ==  p -> q */
        gm_expr *p = parse_disj(e);
        return combine(e, GM_EXPR_IMPLIES, p, q);
    }
    if (keyword(e, "implies"))
        return combine(e, GM_EXPR_IMPLIES, q, parse_disj(e));
    return q;
}

gm_expr *parleyp_gm_expr_parse(const parley_conflict *c, const char *text, char *err, size_t errlen)
{
    eparser e = {c, text, text, err, errlen, 0, false};
    gm_expr *x = parse_stmt(&e);
    skip_ws(&e);
    if (x && *e.p) {
        parleyp_gm_expr_free(x);
        x = fail(&e, "unexpected text");
    }
    if (!x && !e.failed)
        fail(&e, "invalid statement");
    return x;
}
