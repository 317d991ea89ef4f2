/*
 * scoring/diff.c — points added, dropped and changed between two plan
 * versions, who made each change, and each change's effect on every party:
 * U_j(A with that one change applied) - U_j(A); and, whatever the point
 * numbering, the issues the two versions settle differently, each with the
 * effect of settling that one issue as B does.
 */
#include "parley.h"

#include "core/error.h"
#include "model/plan.h"

#include <stdlib.h>
#include <string.h>

/* sets of plan A, with point `drop` of A removed (its issues opened unless
 * another A point sets them) and point `add` (of B, may be NULL) applied. */
static void apply(const parley_scenario *sc, const parley_plan *a, long drop,
                  const parley_point *add, long *sets)
{
    for (size_t i = 0; i < sc->n_issues; i++)
        sets[i] = -1;
    for (size_t p = 0; p < a->n_points; p++) {
        if ((long)p == drop)
            continue;
        for (size_t s = 0; s < a->points[p].n_sets; s++)
            sets[a->points[p].set_issue[s]] = (long)a->points[p].set_option[s];
    }
    if (add)
        for (size_t s = 0; s < add->n_sets; s++)
            sets[add->set_issue[s]] = (long)add->set_option[s];
}

void parley_diff_free(parley_diff *d)
{
    for (size_t k = 0; k < d->n; k++)
        free(d->e[k].delta);
    free(d->e);
    for (size_t k = 0; k < d->n_issues; k++)
        free(d->issues[k].delta);
    free(d->issues);
    free(d->ua);
    free(d->ub);
    memset(d, 0, sizeof *d);
}

/* Who dropped point id on the way from A to B, when B records it. */
static void drop_author(const parley_scenario *sc, const parley_plan *b, const char *id, long *by,
                        const char **date)
{
    for (const parley_plan *pl = b; pl; pl = pl->based_on >= 0 ? &sc->plans[pl->based_on] : NULL)
        for (size_t d = 0; d < pl->n_drops; d++)
            if (strcmp(pl->drops[d].point_id, id) == 0) {
                *by = pl->drops[d].by;
                *date = pl->drops[d].date;
                return;
            }
}

parley_status parley_plans_diff(const parley_scenario *sc, size_t a, size_t b, parley_diff *out,
                                parley_error *err)
{
    const parley_plan *pa = &sc->plans[a], *pb = &sc->plans[b];
    size_t np = sc->n_parties;
    memset(out, 0, sizeof *out);
    out->a = a;
    out->b = b;
    out->n_parties = np;
    out->e = calloc(pa->n_points + pb->n_points + 1, sizeof *out->e);
    out->ua = calloc(np, sizeof *out->ua);
    out->ub = calloc(np, sizeof *out->ub);
    long *sets = calloc(sc->n_issues, sizeof *sets);
    if (!out->e || !out->ua || !out->ub || !sets)
        goto oom;
    bool exact;
    for (size_t j = 0; j < np; j++) {
        out->ua[j] = parley_utility_expected(sc, j, pa->sets, &exact);
        out->ub[j] = parley_utility_expected(sc, j, pb->sets, &exact);
    }
    /* Changed and added, in B's order; then dropped, in A's order. */
    for (size_t q = 0; q < pb->n_points + pa->n_points; q++) {
        parley_diff_entry e = {.a_point = -1, .b_point = -1, .by = -1};
        if (q < pb->n_points) {
            const parley_point *bp = &pb->points[q];
            long ap = parley_point_find(pa, bp->id);
            if (ap >= 0 && parley_point_same(&pa->points[ap], bp))
                continue;
            e.kind = ap >= 0 ? PARLEY_DIFF_CHANGED : PARLEY_DIFF_ADDED;
            e.point_id = bp->id;
            e.a_point = ap;
            e.b_point = (long)q;
            e.by = bp->proposed_by;
            e.date = bp->date;
            apply(sc, pa, ap, bp, sets);
        } else {
            size_t p = q - pb->n_points;
            if (parley_point_find(pb, pa->points[p].id) >= 0)
                continue;
            e.kind = PARLEY_DIFF_DROPPED;
            e.point_id = pa->points[p].id;
            e.a_point = (long)p;
            drop_author(sc, pb, e.point_id, &e.by, &e.date);
            apply(sc, pa, (long)p, NULL, sets);
        }
        if (!(e.delta = calloc(np, sizeof *e.delta)))
            goto oom;
        for (size_t j = 0; j < np; j++)
            e.delta[j] = parley_utility_expected(sc, j, sets, &exact) - out->ua[j];
        out->e[out->n++] = e;
    }
    /* Issue by issue: A's settlement with one issue as B has it. */
    if (!(out->issues = calloc(sc->n_issues ? sc->n_issues : 1, sizeof *out->issues)))
        goto oom;
    for (size_t i = 0; i < sc->n_issues; i++) {
        if (pa->sets[i] == pb->sets[i])
            continue;
        parley_diff_issue di = {.issue = i, .from = pa->sets[i], .to = pb->sets[i]};
        if (!(di.delta = calloc(np, sizeof *di.delta)))
            goto oom;
        memcpy(sets, pa->sets, sc->n_issues * sizeof *sets);
        sets[i] = pb->sets[i];
        for (size_t j = 0; j < np; j++)
            di.delta[j] = parley_utility_expected(sc, j, sets, &exact) - out->ua[j];
        out->issues[out->n_issues++] = di;
    }
    free(sets);
    return PARLEY_OK;
oom:
    free(sets);
    parley_diff_free(out);
    return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
}
