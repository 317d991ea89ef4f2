/*
 * io/conflict_json.c — reads GMCR conflicts from JSON with jansson:
 * GMCR+ (gmcr-py) save files (`.gmcr`: "decisionMakers", "options" with
 * "permittedDirection", "infeasibles", "preferences"/"preferenceRanking")
 * and the gmcr-case/1 reference case files ("decision_makers", "options"
 * with "reversibility", "infeasible_conditions" as Y/N/- patterns,
 * "preference_statements", "ranking_ordered"), with per-DM "misperceptions"
 * (conditions, or Y/N/- patterns in case files). Both number states by the
 * 1-based "ordered" rank of their decimal code, as parley does.
 *
 * Options are re-indexed so that each DM's options are contiguous, in DM
 * order (gmcr-py does the same on load); files saved by gmcr-py already are.
 */
#include "stability/gm_model.h"
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_BYTES (64u * 1024u * 1024u)

typedef struct jctx {
    const char *file;
    parley_error *err;
    parley_conflict *c;
    int *newidx; /* file option index -> model option index */
    size_t nfileopts;
} jctx;

static parley_status jfail(jctx *j, const char *field, const char *fmt, const char *detail)
{
    (void)fmt; /* always "%s" */
    return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field, "%s", detail);
}

/* An error from the model builders (gm_states_build, gm_prefs_build), which
 * know neither the file nor the JSON names: this file, and `field`. */
static parley_status model_error(jctx *j, const char *field)
{
    if (!j->err)
        return PARLEY_ERR_INPUT;
    snprintf(j->err->file, sizeof j->err->file, "%s", j->file);
    snprintf(j->err->field, sizeof j->err->field, "%s", field);
    j->err->line = j->err->column = 0;
    return j->err->code;
}

static parley_status map_option(jctx *j, json_t *v, const char *field, int *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        (size_t)json_integer_value(v) >= j->nfileopts)
        return jfail(j, field, "%s", "not a valid option index");
    *out = j->newidx[json_integer_value(v)];
    return PARLEY_OK;
}

/* A conjunction [[k,"Y"|"N"], ...] into a LIT expression / pattern. */
static parley_status read_and(jctx *j, json_t *lits, const char *field, gm_pattern *out)
{
    if (!json_is_array(lits))
        return jfail(j, field, "%s", "a condition must be a list of [option, \"Y\"|\"N\"]");
    out->mask = out->value = 0;
    size_t i;
    json_t *lit;
    json_array_foreach(lits, i, lit)
    {
        int k = 0;
        const char *yn = json_string_value(json_array_get(lit, 1));
        if (!json_is_array(lit) || json_array_size(lit) != 2 || !yn ||
            (strcmp(yn, "Y") != 0 && strcmp(yn, "N") != 0))
            return jfail(j, field, "%s", "a literal must be [option, \"Y\"|\"N\"]");
        if (map_option(j, json_array_get(lit, 0), field, &k) != PARLEY_OK)
            return PARLEY_ERR_INPUT;
        uint32_t bit = (uint32_t)1 << k;
        uint32_t val = yn[0] == 'Y' ? bit : 0;
        if ((out->mask & bit) && (out->value & bit) != val)
            out->value |= 0x80000000u; /* contradictory: can never match */
        out->mask |= bit;
        out->value |= val;
    }
    return PARLEY_OK;
}

static gm_expr *lit_expr(gm_pattern p)
{
    gm_expr *e = parleyp_gm_expr_new(GM_EXPR_LIT);
    if (e) {
        e->mask = p.mask | (p.value & 0x80000000u);
        e->value = p.value;
    }
    return e;
}

/* A condition in either dialect, as a list of patterns (OR). */
static parley_status read_condition(jctx *j, json_t *cond, const char *field, gm_pattern **pats,
                                    size_t *npats)
{
    json_t *members = NULL, *terms = NULL;
    if (json_is_object(cond)) {
        const char *type = json_string_value(json_object_get(cond, "type"));
        members = json_object_get(cond, "members");
        terms = json_object_get(cond, "terms");
        if (type && strcmp(type, "and") == 0)
            return read_condition(j, json_object_get(cond, "literals"), field, pats, npats);
        if (!members && !terms)
            return jfail(j, field, "%s", "condition object needs 'members', 'terms' or 'literals'");
    }
    json_t *list = members ? members : terms;
    size_t nterms = list ? json_array_size(list) : 1;
    if (list && !json_is_array(list))
        return jfail(j, field, "%s", "'members' must be a list");
    gm_pattern *p = realloc(*pats, (*npats + nterms) * sizeof *p);
    if (!p)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field, "out of memory");
    *pats = p;
    for (size_t t = 0; t < nterms; t++) {
        json_t *lits = list ? json_array_get(list, t) : cond;
        if (json_is_object(lits)) /* nested compound: only a plain AND is allowed inside */
            lits = json_object_get(lits, "literals");
        if (read_and(j, lits, field, &p[*npats]) != PARLEY_OK)
            return PARLEY_ERR_INPUT;
        (*npats)++;
    }
    return PARLEY_OK;
}

static parley_status read_statement(jctx *j, json_t *cond, const char *field, gm_pref *pref)
{
    gm_pattern *pats = NULL;
    size_t np = 0;
    if (read_condition(j, cond, field, &pats, &np) != PARLEY_OK) {
        free(pats);
        return PARLEY_ERR_INPUT;
    }
    gm_expr *e = parleyp_gm_expr_new(GM_EXPR_OR);
    for (size_t i = 0; e && i < np; i++) {
        gm_expr *l = lit_expr(pats[i]);
        if (!l || parleyp_gm_expr_add_kid(e, l) != PARLEY_OK) {
            parleyp_gm_expr_free(l);
            parleyp_gm_expr_free(e);
            e = NULL;
        }
    }
    free(pats);
    gm_expr **st = e ? realloc(pref->statements, (pref->nstatements + 1) * sizeof *st) : NULL;
    if (!st) {
        parleyp_gm_expr_free(e);
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field, "out of memory");
    }
    pref->statements = st;
    st[pref->nstatements++] = e;
    if (pref->nstatements > GM_MAX_STATEMENTS)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field,
                                "more than %d statements", GM_MAX_STATEMENTS);
    return PARLEY_OK;
}

static parley_status read_ranking(jctx *j, json_t *rank, const char *field, gm_pref *pref)
{
    parley_conflict *c = j->c;
    if (!json_is_array(rank))
        return jfail(j, field, "%s", "a ranking must be a list of state numbers");
    if (parleyp_gm_ranking_begin(pref, c->nstates) != PARLEY_OK)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field, "out of memory");
    size_t g;
    json_t *entry;
    json_array_foreach(rank, g, entry)
    {
        size_t nin = json_is_array(entry) ? json_array_size(entry) : 1;
        for (size_t k = 0; k < nin; k++) {
            json_t *v = json_is_array(entry) ? json_array_get(entry, k) : entry;
            json_int_t x = json_is_integer(v) ? json_integer_value(v) : 0;
            if (x < 1 || (size_t)x > c->nstates)
                return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field,
                                        "entry %zu is not a state number 1..%zu", g + 1,
                                        c->nstates);
            if (!parleyp_gm_ranking_put(pref, (size_t)x - 1, (uint32_t)g))
                return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field,
                                        "state %lld is ranked twice", (long long)x);
        }
    }
    long miss = parleyp_gm_ranking_finish(pref, c->nstates);
    if (miss >= 0)
        return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field,
                                "state %ld is not ranked", miss + 1);
    return PARLEY_OK;
}

static gm_rev rev_of(const char *s, bool *ok)
{
    *ok = true;
    if (!s || strcmp(s, "both") == 0)
        return GM_REV_BOTH;
    if (strcmp(s, "fwd") == 0)
        return GM_REV_FWD;
    if (strcmp(s, "back") == 0)
        return GM_REV_BACK;
    *ok = false;
    return GM_REV_BOTH;
}

static parley_status read_patterns_ynd(jctx *j, json_t *arr, const char *field)
{
    parley_conflict *c = j->c;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(v);
        if (!s || strlen(s) != j->nfileopts || strspn(s, "YN-") != j->nfileopts)
            return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field,
                                    "entry %zu must be a Y/N/- pattern of %zu characters", i + 1,
                                    j->nfileopts);
        gm_pattern p = {0, 0};
        for (size_t k = 0; k < j->nfileopts; k++) {
            uint32_t bit = (uint32_t)1 << j->newidx[k];
            if (s[k] != '-')
                p.mask |= bit;
            if (s[k] == 'Y')
                p.value |= bit;
        }
        gm_pattern *np = realloc(c->patterns, (c->npatterns + 1) * sizeof *np);
        if (!np)
            return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field,
                                    "out of memory");
        c->patterns = np;
        c->patterns[c->npatterns++] = p;
    }
    return PARLEY_OK;
}

/* The parts of the document read_doc's steps share. */
typedef struct jdoc {
    json_t *root, *opts, *dms;
    bool is_case;     /* gmcr-case/1 rather than a GMCR+ save file */
    const char *dkey; /* the decision makers' key */
} jdoc;

/* The options and DM lists, their limits, and the DM and index-map arrays. */
static parley_status read_sizes(jctx *j, jdoc *doc)
{
    parley_conflict *c = j->c;
    const char *dkey = doc->dkey;
    json_t *opts = doc->opts, *dms = doc->dms;
    if (!json_is_array(opts))
        return jfail(j, "options", "%s", "missing list 'options'");
    if (!json_is_array(dms) || json_array_size(dms) == 0)
        return jfail(j, dkey, "%s", "missing or empty list of decision makers");
    if (json_array_size(dms) > GM_MAX_DMS)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, dkey,
                                "more than %d decision makers", GM_MAX_DMS);
    j->nfileopts = json_array_size(opts);
    if (j->nfileopts > GM_MAX_OPTIONS)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, "options",
                                "%zu options: at most %d", j->nfileopts, GM_MAX_OPTIONS);
    c->ndms = json_array_size(dms);
    c->dms = calloc(c->ndms, sizeof *c->dms);
    j->newidx = malloc((j->nfileopts + 1) * sizeof *j->newidx);
    if (!c->dms || !j->newidx)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, "options",
                                "out of memory");
    for (size_t k = 0; k < j->nfileopts; k++)
        j->newidx[k] = -1;
    return PARLEY_OK;
}

/* DM d's options, in ascending file index, added to the model and mapped in newidx. */
static parley_status read_dm_options(jctx *j, const jdoc *doc, size_t d, json_t *own,
                                     const char *field)
{
    parley_conflict *c = j->c;
    for (size_t k = 0; k < j->nfileopts; k++) {
        size_t i;
        json_t *v;
        bool mine = false;
        json_array_foreach(own, i, v) mine |=
            json_is_integer(v) && json_integer_value(v) == (json_int_t)k;
        if (!mine)
            continue;
        if (j->newidx[k] >= 0)
            return jfail(j, field, "%s", "an option belongs to two decision makers");
        json_t *o = json_array_get(doc->opts, k);
        const char *oname = json_string_value(json_object_get(o, "name"));
        json_t *rv = json_object_get(o, doc->is_case ? "reversibility" : "permittedDirection");
        bool ok;
        gm_rev rev = rev_of(json_string_value(rv), &ok);
        if (!ok || (rv && !json_is_string(rv)))
            return jfail(j, "options", "%s", "reversibility must be both, fwd or back");
        j->newidx[k] = (int)c->noptions;
        if (parleyp_gm_add_option(c, (int)d, oname, oname, rev) != PARLEY_OK)
            return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, "options",
                                    "out of memory");
    }
    return PARLEY_OK;
}

/* DM d: its unique name, then its options. */
static parley_status read_dm(jctx *j, const jdoc *doc, size_t d)
{
    parley_conflict *c = j->c;
    char field[128];
    json_t *dm = json_array_get(doc->dms, d);
    snprintf(field, sizeof field, "%s[%zu]", doc->dkey, d);
    const char *name = json_string_value(json_object_get(dm, "name"));
    json_t *own = json_object_get(dm, "options");
    if (!name || !json_is_array(own))
        return jfail(j, field, "%s", "a decision maker needs 'name' and 'options'");
    for (size_t e = 0; e < d; e++)
        if (strcmp(c->dms[e].name, name) == 0)
            return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field,
                                    "decision maker '%s' appears twice", name);
    if (!(c->dms[d].name = strdup(name)))
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field, "out of memory");
    parley_status st = read_dm_options(j, doc, d, own, field);
    if (st != PARLEY_OK)
        return st;
    size_t i;
    json_t *v;
    json_array_foreach(own, i, v) if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                                      (size_t)json_integer_value(v) >=
                                          j->nfileopts) return jfail(j, field, "%s",
                                                                     "option index out of range");
    return PARLEY_OK;
}

/* DMs and the options they own, in DM order; every option must have an owner. */
static parley_status parleyp_read_dms(jctx *j, const jdoc *doc)
{
    for (size_t d = 0; d < j->c->ndms; d++) {
        parley_status st = read_dm(j, doc, d);
        if (st != PARLEY_OK)
            return st;
    }
    for (size_t k = 0; k < j->nfileopts; k++)
        if (j->newidx[k] < 0)
            return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, "options",
                                    "option %zu belongs to no decision maker", k);
    return PARLEY_OK;
}

/* Infeasible states: Y/N/- patterns (case files) or conditions (GMCR+). */
static parley_status read_infeasibles(jctx *j, const jdoc *doc)
{
    if (doc->is_case) {
        json_t *inf = json_object_get(doc->root, "infeasible_conditions");
        if (inf && read_patterns_ynd(j, inf, "infeasible_conditions") != PARLEY_OK)
            return PARLEY_ERR_INPUT;
        return PARLEY_OK;
    }
    json_t *inf = json_object_get(doc->root, "infeasibles");
    char field[128];
    size_t i;
    json_t *v;
    json_array_foreach(inf, i, v)
    {
        snprintf(field, sizeof field, "infeasibles[%zu]", i);
        if (read_condition(j, v, field, &j->c->patterns, &j->c->npatterns) != PARLEY_OK)
            return PARLEY_ERR_INPUT;
    }
    return PARLEY_OK;
}

/* Misperceptions (GMCR+ >= 0.3.12): per DM a list of conditions (or, in
 * case files, Y/N/- patterns); states matching one are not perceived by it. */
static parley_status read_misperceptions(jctx *j, const jdoc *doc)
{
    char field[160];
    for (size_t d = 0; d < j->c->ndms; d++) {
        json_t *misp = json_object_get(json_array_get(doc->dms, d), "misperceptions");
        if (!misp || json_is_null(misp))
            continue;
        snprintf(field, sizeof field, "%s[%zu].misperceptions", doc->dkey, d);
        if (!json_is_array(misp))
            return jfail(j, field, "%s", "expected a list of conditions");
        gm_dm *dm = &j->c->dms[d];
        size_t i;
        json_t *v;
        json_array_foreach(misp, i, v)
        {
            snprintf(field, sizeof field, "%s[%zu].misperceptions[%zu]", doc->dkey, d, i);
            const char *ynd = json_string_value(v);
            if (!ynd) {
                if (read_condition(j, v, field, &dm->misp_pat, &dm->nmisp_pat) != PARLEY_OK)
                    return PARLEY_ERR_INPUT;
                continue;
            }
            if (strlen(ynd) != j->nfileopts || strspn(ynd, "YN-") != j->nfileopts)
                return parley_error_set(j->err, PARLEY_ERR_INPUT, j->file, 0, 0, field,
                                        "a Y/N/- pattern of %zu characters or a condition",
                                        j->nfileopts);
            gm_pattern p = {0, 0};
            for (size_t k = 0; k < j->nfileopts; k++) {
                uint32_t bit = (uint32_t)1 << j->newidx[k];
                if (ynd[k] != '-')
                    p.mask |= bit;
                if (ynd[k] == 'Y')
                    p.value |= bit;
            }
            gm_pattern *np = realloc(dm->misp_pat, (dm->nmisp_pat + 1) * sizeof *np);
            if (!np)
                return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, field,
                                        "out of memory");
            dm->misp_pat = np;
            dm->misp_pat[dm->nmisp_pat++] = p;
        }
    }
    return PARLEY_OK;
}

/* DM d's preference statements, then its ranking where manual or the only preference. */
static parley_status read_dm_prefs(jctx *j, const jdoc *doc, size_t d, bool manual)
{
    parley_conflict *c = j->c;
    bool is_case = doc->is_case;
    char field[128];
    json_t *dm = json_array_get(doc->dms, d);
    json_t *st = json_object_get(dm, is_case ? "preference_statements" : "preferences");
    size_t i;
    json_t *v;
    json_array_foreach(st, i, v)
    {
        snprintf(field, sizeof field, "%s[%zu].%s[%zu]", doc->dkey, d,
                 is_case ? "preference_statements" : "preferences", i);
        if (read_statement(j, v, field, &c->dms[d].pref) != PARLEY_OK)
            return j->err ? j->err->code : PARLEY_ERR_INPUT;
    }
    json_t *rank = json_object_get(dm, is_case ? "ranking_ordered" : "preferenceRanking");
    if (!rank && !is_case)
        rank = json_object_get(dm, "preferenceVector");
    if (manual || (rank && c->dms[d].pref.nstatements == 0)) {
        snprintf(field, sizeof field, "%s[%zu].%s", doc->dkey, d,
                 is_case ? "ranking_ordered" : "preferenceRanking");
        if (!rank)
            return jfail(j, field, "%s", "manual ranking requested but missing");
        if (read_ranking(j, rank, field, &c->dms[d].pref) != PARLEY_OK)
            return j->err ? j->err->code : PARLEY_ERR_INPUT;
    }
    return PARLEY_OK;
}

/* Every DM's preferences. */
static parley_status read_preferences(jctx *j, const jdoc *doc)
{
    json_t *root = doc->root;
    bool manual = doc->is_case
                      ? json_is_true(json_object_get(root, "uses_manual_ranking"))
                      : (json_is_true(json_object_get(root, "useManualPreferenceRanking")) ||
                         json_is_true(json_object_get(root, "useManualPreferenceVectors")));
    for (size_t d = 0; d < j->c->ndms; d++) {
        parley_status st = read_dm_prefs(j, doc, d, manual);
        if (st != PARLEY_OK)
            return st;
    }
    return PARLEY_OK;
}

/* GMCR+ coalitions: [0, [1, 2]] — a partition of DM indices. */
static parley_status parleyp_read_coalitions(jctx *j, const jdoc *doc)
{
    parley_conflict *c = j->c;
    json_t *co = json_object_get(doc->root, "coalitions");
    if (doc->is_case || !json_is_array(co) || json_array_size(co) == 0)
        return PARLEY_OK;
    c->coalition_of = malloc(c->ndms * sizeof *c->coalition_of);
    if (!c->coalition_of)
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, "coalitions",
                                "out of memory");
    for (size_t d = 0; d < c->ndms; d++)
        c->coalition_of[d] = -1;
    size_t a;
    json_t *grp;
    json_array_foreach(co, a, grp)
    {
        size_t nin = json_is_array(grp) ? json_array_size(grp) : 1;
        for (size_t k = 0; k < nin; k++) {
            json_t *v = json_is_array(grp) ? json_array_get(grp, k) : grp;
            json_int_t x = json_is_integer(v) ? json_integer_value(v) : -1;
            if (x < 0 || (size_t)x >= c->ndms || c->coalition_of[x] >= 0)
                return jfail(j, "coalitions", "%s", "not a partition of the decision makers");
            c->coalition_of[x] = (int)a;
        }
    }
    for (size_t d = 0; d < c->ndms; d++)
        if (c->coalition_of[d] < 0)
            return jfail(j, "coalitions", "%s", "not a partition of the decision makers");
    return PARLEY_OK;
}

/* The whole document into j->c: DMs and options, states, preferences, extras. */
static parley_status read_doc(jctx *j, json_t *root)
{
    parley_conflict *c = j->c;
    jdoc doc = {.root = root, .is_case = json_object_get(root, "decision_makers") != NULL};
    doc.dkey = doc.is_case ? "decision_makers" : "decisionMakers";
    doc.opts = json_object_get(root, "options");
    doc.dms = json_object_get(root, doc.dkey);
    parley_status st;
    if ((st = read_sizes(j, &doc)) != PARLEY_OK || (st = parleyp_read_dms(j, &doc)) != PARLEY_OK ||
        (st = read_infeasibles(j, &doc)) != PARLEY_OK ||
        (st = read_misperceptions(j, &doc)) != PARLEY_OK)
        return st;
    if (parleyp_gm_states_build(c, j->err) != PARLEY_OK)
        return model_error(j, "options");
    if ((st = read_preferences(j, &doc)) != PARLEY_OK)
        return st;
    if (parleyp_gm_prefs_build(c, j->err) != PARLEY_OK)
        return model_error(j, doc.dkey);
    json_t *sq = json_object_get(root, "status_quo_ordered");
    if (json_is_integer(sq) && json_integer_value(sq) >= 1 &&
        (size_t)json_integer_value(sq) <= c->nstates)
        c->status_quo = (long)json_integer_value(sq) - 1;
    if ((st = parleyp_read_coalitions(j, &doc)) != PARLEY_OK)
        return st;
    const char *title = json_string_value(json_object_get(root, "title"));
    if (!(c->name = strdup(title ? title : "")))
        return parley_error_set(j->err, PARLEY_ERR_LIMIT, j->file, 0, 0, NULL, "out of memory");
    return PARLEY_OK;
}

/* ---- where a schema error is -------------------------------------------
 * jansson's values carry no positions, so an error found after parsing
 * names the field's JSON path ("decisionMakers[1].options"); the position
 * is then found by walking the (already valid) text along that path. The
 * deepest part of the path that exists is reported. */

typedef struct jscan {
    const char *s, *end;
} jscan;

static void js_ws(jscan *k)
{
    while (k->s < k->end && (*k->s == ' ' || *k->s == '\t' || *k->s == '\n' || *k->s == '\r'))
        k->s++;
}

/* Skips a string (k->s at its opening quote). */
static void js_string(jscan *k)
{
    for (k->s++; k->s < k->end && *k->s != '"'; k->s++)
        if (*k->s == '\\' && k->s + 1 < k->end)
            k->s++;
    if (k->s < k->end)
        k->s++;
}

/* Skips one value, nested ones included (iteratively: depth is not bounded). */
static void js_value(jscan *k)
{
    size_t depth = 0;
    do {
        js_ws(k);
        if (k->s >= k->end)
            return;
        const char c = *k->s;
        if (c == '"')
            js_string(k);
        else if (c == '{' || c == '[') {
            depth++;
            k->s++;
        } else if (c == '}' || c == ']') {
            if (depth)
                depth--;
            k->s++;
        } else
            while (k->s < k->end && !strchr(",:]} \t\r\n", *k->s))
                k->s++;
        js_ws(k);
        while (depth && k->s < k->end && (*k->s == ',' || *k->s == ':')) {
            k->s++;
            js_ws(k);
        }
    } while (depth && k->s < k->end);
}

/* k->s at '{': moves to the value of member `key` (len n); false if absent. */
static bool js_member(jscan *k, const char *key, size_t n)
{
    for (k->s++;;) {
        js_ws(k);
        if (k->s >= k->end || *k->s != '"')
            return false;
        const char *name = k->s + 1;
        js_string(k);
        const bool hit = (size_t)(k->s - 1 - name) == n && memcmp(name, key, n) == 0;
        js_ws(k);
        if (k->s >= k->end || *k->s != ':')
            return false;
        k->s++;
        js_ws(k);
        if (hit)
            return true;
        js_value(k);
        if (k->s >= k->end || *k->s != ',')
            return false;
        k->s++;
    }
}

/* k->s at '[': moves to item i; false if there is none. */
static bool js_item(jscan *k, size_t i)
{
    k->s++;
    js_ws(k);
    if (k->s < k->end && *k->s == ']')
        return false;
    for (size_t at = 0; at < i; at++) {
        js_value(k);
        if (k->s >= k->end || *k->s != ',')
            return false;
        k->s++;
        js_ws(k);
    }
    return k->s < k->end;
}

/* Fills err's line and column with where `field` (a path such as
 * "decisionMakers[1].options[0]") is in text. */
static void locate_field(const char *text, size_t len, parley_error *err)
{
    jscan k = {text, text + len};
    const char *path = err->field, *found = NULL;
    js_ws(&k);
    while (*path && k.s < k.end) {
        size_t n = strcspn(path, ".[");
        if (n > 0) {
            if (*k.s != '{' || !js_member(&k, path, n))
                break;
            found = k.s;
            path += n;
        }
        while (*path == '[') {
            char *e;
            unsigned long i = strtoul(path + 1, &e, 10);
            if (*e != ']' || *k.s != '[' || !js_item(&k, i))
                goto done;
            found = k.s;
            path = e + 1;
        }
        if (*path == '.')
            path++;
        else if (*path)
            break;
    }
done:
    if (!found)
        return;
    int line = 1, col = 1;
    for (const char *p = text; p < found; p++) {
        if (*p == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            col++;
        }
    }
    err->line = line;
    err->column = col;
}

static parley_conflict *parse_json(const char *text, size_t len, const char *name,
                                   const parley_conflict_limits *lim, parley_error *err)
{
    if (len > JSON_MAX_BYTES) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "file larger than %u bytes",
                         JSON_MAX_BYTES);
        return NULL;
    }
    if (parleyp_pt_check_text(text, len, name, err) != PARLEY_OK)
        return NULL;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, je.line, je.column, NULL, "%s", je.text);
        return NULL;
    }
    jctx j = {name, err, parleyp_gm_conflict_new(), NULL, 0};
    if (j.c)
        j.c->limits = lim;
    parley_status st = j.c ? (json_is_object(root) ? read_doc(&j, root)
                                                   : jfail(&j, NULL, "%s", "not a JSON object"))
                           : PARLEY_ERR_LIMIT;
    json_decref(root);
    free(j.newidx);
    if (st != PARLEY_OK && err && err->code == PARLEY_ERR_INPUT && err->line == 0 && err->field[0])
        locate_field(text, len, err);
    if (st != PARLEY_OK) {
        if (st == PARLEY_ERR_LIMIT && err && err->code == PARLEY_OK)
            parley_error_set(err, st, name, 0, 0, NULL, "out of memory");
        parley_conflict_free(j.c);
        return NULL;
    }
    j.c->limits = NULL;
    return j.c;
}

parley_conflict *parley_conflict_parse_json(const char *text, size_t len, const char *name,
                                            parley_error *err)
{
    return parse_json(text, len, name, NULL, err);
}

parley_conflict *parley_conflict_load_json(const char *path, parley_error *err)
{
    return parley_conflict_load_json_limited(path, NULL, err);
}

parley_conflict *parley_conflict_load_json_limited(const char *path,
                                                   const parley_conflict_limits *lim,
                                                   parley_error *err)
{
    size_t n;
    char *buf = parleyp_pc_read_file(path, JSON_MAX_BYTES, "GMCR JSON files", &n, err);
    if (!buf)
        return NULL;
    parley_conflict *c = parse_json(buf, n, path, lim, err);
    free(buf);
    return c;
}
