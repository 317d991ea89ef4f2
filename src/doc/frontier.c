/*
 * doc/frontier.c — the `parley frontier` / `parley solve` document
 * (parley_analysis_dumpf): the outcome space's size, the zone of agreement,
 * each party's utility range, the Pareto frontier (streamed point by point:
 * a frontier of 10^5 points is never held as a document), the solution
 * packages and, with a plan, its distance to the frontier and to Nash.
 *
 * JSON: {parties, outcomes_total, method, zone_of_agreement, utility_ranges,
 * frontier_size, frontier (frontier only), nash, kalai, ks, max_welfare,
 * plan}; every package is {"utilities": {"<party>": u}, "outcome":
 * {"<issue>": "<value>"}}. CSV: row,index,utility_<party>...,issue_<issue>...
 * with rows frontier, nash, kalai, ks, max_welfare, plan. Field names:
 * docs/output.md, docs/space.md.
 */
#include "doc/document.h"
#include "core/error.h"
#include "parley/frontier.h"
#include "parley/space.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const CONCEPT_KEY[4] = {"nash", "kalai", "ks", "max_welfare"};

typedef struct fr_ctx {
    const parley_space *sp;
    const parley_analysis *an;
    const parley_analysis_doc *d;
    const char **names; /* [parties] party names, for "utilities" */
} fr_ctx;

static void concept_list(const parley_analysis *an, int k, const size_t **idx, size_t *n)
{
    const size_t *lists[4] = {an->nash, an->kalai, an->ks, an->welfare};
    size_t counts[4] = {an->n_nash, an->n_kalai, an->n_ks, an->n_welfare};
    *idx = lists[k];
    *n = counts[k];
}

static unsigned concepts_of(const parley_analysis_doc *d)
{
    return d->concepts ? d->concepts : PARLEY_ANALYSIS_ALL;
}

static void outcome_json(parleyp_jw *w, const parley_space *sp, const uint32_t *o)
{
    parleyp_jw_kobject(w, "outcome");
    for (size_t i = 0; i < parley_space_issue_count(sp); i++)
        parleyp_jw_kstring(w, parley_space_issue_name(sp, i),
                           parley_space_value_label(sp, i, o[i]));
    parleyp_jw_close(w);
}

/* {"utilities": {...}, "outcome": {...}} of frontier point i. */
static void point_json(parleyp_jw *w, const fr_ctx *x, size_t i)
{
    const parley_frontier *fr = &x->an->frontier;
    parleyp_jw_object(w);
    parleyp_doc_utilities_named(w, x->names, fr->utility + i * fr->n_parties, fr->n_parties);
    outcome_json(w, x->sp, fr->outcome + i * fr->n_issues);
    parleyp_jw_close(w);
}

/* The plan's utilities, nearest frontier point and distances. */
typedef struct plan_place {
    long nearest;
    double dist_frontier, dist_nash;
} plan_place;

static plan_place place_plan(const parley_analysis *an, const double *u)
{
    plan_place p = {-1, NAN, NAN};
    p.nearest = parley_frontier_nearest(&an->frontier, u, &p.dist_frontier);
    if (p.nearest < 0)
        p.dist_frontier = NAN;
    p.dist_nash = parley_frontier_distance_to(&an->frontier, an->nash, an->n_nash, u);
    return p;
}

static int fr_json(const fr_ctx *x, FILE *fp)
{
    const parley_space *sp = x->sp;
    const parley_analysis *an = x->an;
    const parley_analysis_doc *d = x->d;
    size_t np = parley_space_party_count(sp);
    unsigned concepts = concepts_of(d);
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    if (d->scenario)
        parleyp_doc_overrides(&w, d->scenario);
    parleyp_jw_karray(&w, "parties");
    for (size_t p = 0; p < np; p++)
        parleyp_jw_string(&w, x->names[p]);
    parleyp_jw_close(&w);
    parleyp_jw_knumber(&w, "outcomes_total", an->outcomes_total);
    parleyp_jw_kstring(&w, "method", an->method);
    parleyp_jw_kobject(&w, "zone_of_agreement");
    bool counted = an->zone_count >= 0;
    parleyp_jw_knumber(&w, "count", counted ? an->zone_count : (double)NAN);
    parleyp_jw_knumber(&w, "fraction", counted ? an->zone_count / an->outcomes_total : (double)NAN);
    parleyp_jw_kbool(&w, "exact", counted && an->zone_exact);
    if (counted && !an->zone_exact)
        parleyp_jw_knumber(&w, "fraction_stderr", an->zone_stderr);
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "utility_ranges");
    for (size_t p = 0; p < np; p++) {
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "party", x->names[p]);
        parleyp_jw_knumber(&w, "worst", an->worst[p]);
        parleyp_jw_knumber(&w, "best", an->best[p]);
        parleyp_jw_knumber(&w, "disagreement", an->disagreement[p]);
        parleyp_jw_knumber(&w, "walk_away", parley_space_reservation(sp, p));
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_kinteger(&w, "frontier_size", (long long)an->frontier.n_points);
    if (d->frontier) {
        parleyp_jw_karray(&w, "frontier");
        for (size_t i = 0; i < an->frontier.n_points; i++)
            point_json(&w, x, i);
        parleyp_jw_close(&w);
    }
    for (int k = 0; k < 4; k++) {
        if (!(concepts & (1u << k)))
            continue;
        const size_t *idx;
        size_t n;
        concept_list(an, k, &idx, &n);
        parleyp_jw_karray(&w, CONCEPT_KEY[k]);
        for (size_t j = 0; j < n; j++)
            point_json(&w, x, idx[j]);
        parleyp_jw_close(&w);
    }
    if (d->plan_id) {
        plan_place pp = place_plan(an, d->plan_utilities);
        parleyp_jw_kobject(&w, "plan");
        parleyp_jw_kstring(&w, "id", d->plan_id);
        parleyp_doc_utilities_named(&w, x->names, d->plan_utilities, np);
        parleyp_jw_kbool(&w, "exact", d->plan_exact);
        parleyp_jw_knumber(&w, "distance_to_frontier", pp.dist_frontier);
        parleyp_jw_key(&w, "nearest_frontier_point");
        if (pp.nearest < 0)
            parleyp_jw_null(&w);
        else
            point_json(&w, x, (size_t)pp.nearest);
        parleyp_jw_knumber(&w, "distance_to_nash", pp.dist_nash);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void csv_row(FILE *fp, const parley_space *sp, const char *kind, size_t idx, const double *u,
                    const uint32_t *o)
{
    size_t np = parley_space_party_count(sp), n = parley_space_issue_count(sp);
    parleyp_csv_string(fp, kind, false);
    fprintf(fp, "%zu", idx);
    fputc(np + n ? ',' : '\n', fp);
    for (size_t p = 0; p < np; p++)
        parleyp_csv_number(fp, u[p], p + 1 == np && n == 0);
    for (size_t i = 0; i < n; i++)
        parleyp_csv_string(fp, o ? parley_space_value_label(sp, i, o[i]) : NULL, i + 1 == n);
}

/* "<prefix><name>" as one CSV header field. */
static void csv_head(FILE *fp, const char *prefix, const char *name, bool last)
{
    size_t n = strlen(prefix) + strlen(name) + 1;
    char *h = malloc(n);
    if (h) {
        snprintf(h, n, "%s%s", prefix, name);
        parleyp_csv_string(fp, h, last);
    } else {
        fputs(prefix, fp); /* out of memory: the name is lost, the stream flags no error */
        parleyp_csv_string(fp, name, last);
    }
    free(h);
}

static int fr_csv(const fr_ctx *x, FILE *fp)
{
    const parley_space *sp = x->sp;
    const parley_analysis *an = x->an;
    const parley_frontier *fr = &an->frontier;
    size_t np = parley_space_party_count(sp), n = parley_space_issue_count(sp);
    unsigned concepts = concepts_of(x->d);
    fputs("row,index", fp);
    fputc(np + n ? ',' : '\n', fp);
    for (size_t p = 0; p < np; p++)
        csv_head(fp, "utility_", x->names[p], p + 1 == np && n == 0);
    for (size_t i = 0; i < n; i++)
        csv_head(fp, "issue_", parley_space_issue_name(sp, i), i + 1 == n);
    for (size_t i = 0; x->d->frontier && i < fr->n_points; i++)
        csv_row(fp, sp, "frontier", i, fr->utility + i * fr->n_parties,
                fr->outcome + i * fr->n_issues);
    for (int k = 0; k < 4; k++) {
        if (!(concepts & (1u << k)))
            continue;
        const size_t *idx;
        size_t cnt;
        concept_list(an, k, &idx, &cnt);
        for (size_t j = 0; j < cnt; j++)
            csv_row(fp, sp, CONCEPT_KEY[k], idx[j], fr->utility + idx[j] * fr->n_parties,
                    fr->outcome + idx[j] * fr->n_issues);
    }
    if (x->d->plan_id)
        csv_row(fp, sp, "plan", 0, x->d->plan_utilities, NULL);
    return 0;
}

static int fr_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const fr_ctx *x = ctx;
    return format == PARLEY_DOC_CSV ? fr_csv(x, fp) : fr_json(x, fp);
}

/* Checks the arguments and makes the party-name array (caller frees).
 * PARLEY_OK or the error. */
static parley_status fr_setup(fr_ctx *x, parley_error *err)
{
    if (!x->sp || !x->an || (x->d->plan_id && !x->d->plan_utilities) ||
        x->an->frontier.n_parties != parley_space_party_count(x->sp) ||
        x->an->frontier.n_issues != parley_space_issue_count(x->sp)) {
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                "an analysis document needs the space, its analysis (and a "
                                "plan's utilities with its id)");
    }
    size_t np = parley_space_party_count(x->sp);
    x->names = malloc((np ? np : 1) * sizeof *x->names);
    if (!x->names)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    for (size_t p = 0; p < np; p++)
        x->names[p] = parley_space_party_name(x->sp, p);
    return PARLEY_OK;
}

parley_status parley_analysis_dumpf(const parley_space *sp, const parley_analysis *an,
                                    const parley_analysis_doc *doc, parley_doc_format format,
                                    FILE *fp, parley_error *err)
{
    parley_analysis_doc all = PARLEY_ANALYSIS_DOC_INIT;
    fr_ctx x = {sp, an, doc ? doc : &all, NULL};
    parley_status st = fr_setup(&x, err);
    if (st != PARLEY_OK)
        return st;
    st = parleyp_doc_dumpf(fr_body, &x, format, fp, err);
    free(x.names);
    return st;
}

char *parley_analysis_dumps(const parley_space *sp, const parley_analysis *an,
                            const parley_analysis_doc *doc, parley_doc_format format,
                            parley_error *err)
{
    parley_analysis_doc all = PARLEY_ANALYSIS_DOC_INIT;
    fr_ctx x = {sp, an, doc ? doc : &all, NULL};
    if (fr_setup(&x, err) != PARLEY_OK)
        return NULL;
    char *s = parleyp_doc_dumps(fr_body, &x, format, err);
    free(x.names);
    return s;
}
