/*
 * stability/gm_inverse_text.c — inverse GMCR conditions as English
 * (parley_inverse_statement), the one wording shared by the command's text
 * and the JSON document's "statement" fields:
 *   "Syria likes 2 at least as much as 1, or Iraq prefers 4 to 1 and Syria
 *    likes 2 at least as much as 4"
 * States are 1-based ids. "likes a at least as much as b" is "does not
 * prefer b to a" (ties count, as in the forward definitions).
 */
#include "stability/gm_inverse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sbuf {
    char *b;
    size_t n, len;
} sbuf;

static void put(sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf *s, const char *fmt, ...)
{
    if (s->len >= s->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(s->b + s->len, s->n - s->len, fmt, ap);
    va_end(ap);
    if (k > 0)
        s->len += (size_t)k;
    if (s->len >= s->n) { /* truncated: end with "..." */
        s->len = s->n - 1;
        if (s->n > 4)
            memcpy(s->b + s->n - 4, "...", 4);
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* "X, Y and Z": the states b of alt's own atoms, ascending */
static void own_list(sbuf *s, const parley_gmcr_alternative *al, size_t dm, const char *join)
{
    size_t tot = 0, ids[64];
    for (size_t q = 0; q < al->natoms && tot < 64; q++)
        if (!al->atoms[q].strict && al->atoms[q].dm == dm)
            ids[tot++] = al->atoms[q].b;
    qsort(ids, tot, sizeof *ids, cmp_size);
    for (size_t q = 0; q < tot; q++)
        put(s, "%s%zu", q == 0 ? "" : q + 1 == tot ? join : ", ", ids[q] + 1);
}

const char *parley_inverse_statement(const parley_conflict *c, const parley_gmcr_move_condition *m,
                                     size_t dm, size_t state, size_t max_alternatives, char *buf,
                                     size_t n)
{
    sbuf s = {buf, n, 0};
    if (n == 0)
        return buf;
    buf[0] = '\0';
    const char *who = c->dms[dm].name;
    bool singles = true;
    for (size_t a = 0; a < m->nalternatives && singles; a++)
        singles = m->alternatives[a].natoms == 1 && !m->alternatives[a].atoms[0].strict;
    if (singles && m->nalternatives > 0) {
        put(&s, "%s likes %zu at least as much as %s", who, state + 1,
            m->nalternatives > 1 ? "one of " : "");
        size_t ids[64], k = 0;
        for (size_t a = 0; a < m->nalternatives && k < 64; a++)
            ids[k++] = m->alternatives[a].atoms[0].b;
        qsort(ids, k, sizeof *ids, cmp_size);
        for (size_t a = 0; a < k; a++)
            put(&s, "%s%zu", a == 0 ? "" : a + 1 == k ? " or " : ", ", ids[a] + 1);
        return buf;
    }
    size_t shown = m->nalternatives;
    if (max_alternatives && shown > max_alternatives)
        shown = max_alternatives;
    for (size_t a = 0; a < shown; a++) {
        const parley_gmcr_alternative *al = &m->alternatives[a];
        if (a > 0)
            put(&s, ", or ");
        bool first = true;
        for (size_t q = 0; q < al->natoms; q++) {
            const parley_gmcr_atom *x = &al->atoms[q];
            if (!x->strict)
                continue;
            put(&s, "%s%s prefers %zu to %zu", first ? "" : " and ", c->dms[x->dm].name, x->a + 1,
                x->b + 1);
            first = false;
        }
        bool own = false;
        for (size_t q = 0; q < al->natoms && !own; q++)
            own = !al->atoms[q].strict;
        if (own) {
            put(&s, "%s%s likes %zu at least as much as ", first ? "" : " and ", who, state + 1);
            own_list(&s, al, dm, " and ");
        }
        if (al->natoms == 0)
            put(&s, "(always)");
    }
    if (shown < m->nalternatives)
        put(&s, ", or %zu more%s", m->nalternatives - shown,
            m->truncated ? " (and further sanction paths)" : "");
    else if (m->truncated)
        put(&s, ", or ... (more sanction paths)");
    return buf;
}
