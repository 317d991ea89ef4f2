/*
 * io/yaml_refs.c — what the parts of the scenario reader (yaml_scenario.c,
 * yaml_prefs.c, yaml_plans.c) share: references to parties, issues and
 * options by id, bounded counts and allocation with located errors.
 */
#include "io/yaml_scenario.h"

#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *parleyp_ys_alloc(ys_reader *r, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        parley_error_set(r->yd.err, PARLEY_ERR_LIMIT, r->yd.file, 0, 0, NULL, "out of memory");
    return p;
}

parley_status parleyp_ys_count(ys_reader *r, struct fy_node *seq, const char *field, size_t *n)
{
    parley_status st = parleyp_yd_expect_seq(&r->yd, seq, field);
    if (st)
        return st;
    int c = fy_node_sequence_item_count(seq);
    if (c < 0 || (size_t)c > YS_MAX_ITEMS)
        return parley_error_set(r->yd.err, PARLEY_ERR_LIMIT, r->yd.file, parleyp_yd_where(seq).line,
                                parleyp_yd_where(seq).column, field, "more than %d items",
                                YS_MAX_ITEMS);
    *n = (size_t)c;
    return PARLEY_OK;
}

parley_status parleyp_ys_party_ref(ys_reader *r, struct fy_node *n, const char *field, long *out)
{
    const char *s = parleyp_yd_text(n);
    if (!s)
        return parleyp_yd_fail(&r->yd, n, field, "expected a party id");
    *out = parley_party_find(r->sc, s);
    if (*out < 0)
        return parleyp_yd_fail(&r->yd, n, field, "unknown party '%s'", s);
    return PARLEY_OK;
}

parley_status parleyp_ys_issue_ref(ys_reader *r, struct fy_node *n, const char *field, size_t *out)
{
    const char *s = parleyp_yd_text(n);
    if (!s)
        return parleyp_yd_fail(&r->yd, n, field, "expected an issue id");
    long i = parley_issue_find(r->sc, s);
    if (i < 0)
        return parleyp_yd_fail(&r->yd, n, field, "unknown issue '%s'", s);
    *out = (size_t)i;
    return PARLEY_OK;
}

parley_status parleyp_ys_option_ref(ys_reader *r, struct fy_node *n, const char *field, size_t is,
                                    size_t *out)
{
    const parley_issue *iss = &r->sc->issues[is];
    const char *s = parleyp_yd_text(n);
    if (!s)
        return parleyp_yd_fail(
            &r->yd, n, field, "expected an option of issue '%s', found a %s", iss->id,
            fy_node_is_sequence(n) ? "list (a point sets one option per issue)" : "mapping");
    long o = parley_option_find(iss, s);
    if (o < 0 && iss->kind != PARLEY_ISSUE_DISCRETE) {
        char *end;
        double v = strtod(s, &end);
        if (end != s && *end == '\0' && isfinite(v)) {
            double k = (v - iss->lower) / iss->step;
            double kr = nearbyint(k);
            if (fabs(k - kr) < 1e-9 && kr >= 0 && kr < (double)iss->n_options)
                o = (long)kr;
        }
    }
    if (o < 0) {
        if (iss->kind == PARLEY_ISSUE_DISCRETE)
            return parleyp_yd_fail(&r->yd, n, field, "'%s' is not an option of issue '%s'", s,
                                   iss->id);
        return parleyp_yd_fail(&r->yd, n, field,
                               "'%s' is not a value of issue '%s' (from %g to %g in steps of %g)",
                               s, iss->id, iss->lower, iss->upper, iss->step);
    }
    *out = (size_t)o;
    return PARLEY_OK;
}
