/*
 * doc/stability.c — the `parley stability` documents: the GMCR results of a
 * conflict (parley_stability_dumpf) with, as the command shows them, the
 * coalition analysis, the status-quo paths and the explanations at a state;
 * and the status-quo paths alone (parley_status_quo_dumpf).
 *
 * JSON: {conflict, semantics, decision_makers[], options[] (option form:
 * what letter k of a state means), states[], concepts{}, coalition_analysis,
 * status_quo, explain}. CSV: one row per state, a stable_<concept>_<agent>
 * column per concept and agent and equilibrium_<concept> per concept.
 * Every state is written as it is read from the results: nothing of size
 * proportional to the states is held (a 1.5 M-state conflict once built a
 * 1.7 GiB tree here). Field names: docs/output.md, docs/stability.md.
 */
#include "doc/document.h"
#include "core/error.h"
#include "parley/stability.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_MAX 1024

static const char *concept_name(int k)
{
    return parley_gmcr_concept_name((parley_gmcr_concept)k);
}

/* The concept's name in a CSV header: lower case, '+' as '_'. */
static void concept_slug(int k, char *out, size_t n)
{
    const char *s = concept_name(k);
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        out[i] = s[i] == '+' ? '_' : (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    out[i] = '\0';
}

/* [id, ...] (1-based) of the states stable for agent under k, or (agent < 0)
 * the equilibria. */
static void id_list(parleyp_jw *w, const parley_stability *r, size_t n, int k, long agent)
{
    parleyp_jw_array(w);
    for (size_t s = 0; s < n; s++)
        if (agent < 0 ? parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s)
                      : parley_stability_is_stable(r, (parley_gmcr_concept)k, (size_t)agent, s))
            parleyp_jw_integer(w, (long long)s + 1);
    parleyp_jw_close(w);
}

static void concepts_json(parleyp_jw *w, const parley_stability *r, size_t n)
{
    parleyp_jw_kobject(w, "concepts");
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
        if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
            continue;
        parleyp_jw_kobject(w, concept_name(k));
        parleyp_jw_key(w, "equilibria");
        id_list(w, r, n, k, -1);
        parleyp_jw_kobject(w, "stable");
        for (size_t a = 0; a < parley_stability_agent_count(r); a++) {
            parleyp_jw_key(w, parley_stability_agent_name(r, a));
            id_list(w, r, n, k, (long)a);
        }
        parleyp_jw_close(w);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
}

/* [{dm, to}, ...] */
static void steps_json(parleyp_jw *w, const parley_stability *r, const parley_gmcr_step *steps,
                       size_t n)
{
    parleyp_jw_array(w);
    for (size_t i = 0; i < n; i++) {
        parleyp_jw_object(w);
        parleyp_jw_kstring(w, "dm", parley_stability_agent_name(r, steps[i].agent));
        parleyp_jw_kinteger(w, "to", (long long)steps[i].to + 1);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
}

/* ---- status quo -------------------------------------------------------------- */

typedef struct sq_ctx {
    const parley_conflict *c;
    const parley_stability *r; /* whose equilibria, whose agents */
    const parley_status_quo *q[2];
    size_t start;
} sq_ctx;

/* The longest shortest path to an equilibrium of either search (0: none). */
static size_t sq_longest(const sq_ctx *x)
{
    size_t n = parley_conflict_state_count(x->c), most = 0;
    for (size_t s = 0; s < n; s++) {
        bool eq = false;
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS && !eq; k++)
            eq = parley_stability_is_equilibrium(x->r, (parley_gmcr_concept)k, s);
        for (int i = 0; eq && i < 2; i++) {
            long d = parley_status_quo_distance(x->q[i], s);
            if (d > 0 && (size_t)d > most)
                most = (size_t)d;
        }
    }
    return most;
}

static bool is_any_equilibrium(const parley_stability *r, size_t s)
{
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s))
            return true;
    return false;
}

/* The status-quo object: {state, equilibria: [{id, equilibrium_of, steps,
 * path, steps_by_improvements, path_by_improvements}]}. -1: no memory. */
static int sq_json(parleyp_jw *w, const sq_ctx *x)
{
    size_t n = parley_conflict_state_count(x->c), cap = sq_longest(x);
    parley_gmcr_step *steps = malloc((cap ? cap : 1) * sizeof *steps);
    if (!steps)
        return -1;
    parleyp_jw_object(w);
    parleyp_jw_kinteger(w, "state", (long long)x->start + 1);
    parleyp_jw_karray(w, "equilibria");
    for (size_t s = 0; s < n; s++) {
        if (!is_any_equilibrium(x->r, s))
            continue;
        parleyp_jw_object(w);
        parleyp_jw_kinteger(w, "id", (long long)s + 1);
        parleyp_jw_karray(w, "equilibrium_of");
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            if (parley_stability_is_equilibrium(x->r, (parley_gmcr_concept)k, s))
                parleyp_jw_string(w, concept_name(k));
        parleyp_jw_close(w);
        for (int imp = 0; imp < 2; imp++) {
            long len = parley_status_quo_path(x->q[imp], s, steps, cap);
            parleyp_jw_key(w, imp ? "steps_by_improvements" : "steps");
            if (len < 0)
                parleyp_jw_null(w);
            else
                parleyp_jw_integer(w, len);
            parleyp_jw_key(w, imp ? "path_by_improvements" : "path");
            if (len < 0)
                parleyp_jw_null(w);
            else
                steps_json(w, x->r, steps, (size_t)len);
        }
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
    parleyp_jw_close(w);
    free(steps);
    return 0;
}

/* A path as one CSV field: "DM -> 3; [A, B] -> 7" (empty when unreachable). */
static void csv_path(FILE *fp, const parley_stability *r, const parley_gmcr_step *steps, long len,
                     bool last)
{
    if (len <= 0) {
        fputs(last ? "\n" : ",", fp);
        return;
    }
    fputc('"', fp);
    for (long i = 0; i < len; i++) {
        const char *who = parley_stability_agent_name(r, steps[i].agent);
        fputs(i ? "; " : "", fp);
        for (const char *p = who; *p; p++) {
            if (*p == '"')
                fputc('"', fp);
            fputc(*p, fp);
        }
        fprintf(fp, " -> %zu", steps[i].to + 1);
    }
    fputc('"', fp);
    fputs(last ? "\n" : ",", fp);
}

/* CSV: one row per equilibrium reached. */
static int sq_csv(FILE *fp, const sq_ctx *x)
{
    size_t n = parley_conflict_state_count(x->c), cap = sq_longest(x);
    parley_gmcr_step *steps = malloc((cap ? cap : 1) * sizeof *steps);
    if (!steps)
        return -1;
    char buf[LABEL_MAX];
    fputs("status_quo,id,state,equilibrium_of,steps,path,steps_by_improvements,"
          "path_by_improvements\n",
          fp);
    for (size_t s = 0; s < n; s++) {
        if (!is_any_equilibrium(x->r, s))
            continue;
        fprintf(fp, "%zu,%zu,", x->start + 1, s + 1);
        parleyp_csv_string(fp, parley_conflict_state_label(x->c, s, buf, sizeof buf), false);
        size_t m = 0;
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            if (parley_stability_is_equilibrium(x->r, (parley_gmcr_concept)k, s))
                m += (size_t)snprintf(buf + m, sizeof buf - m, "%s%s", m ? " " : "",
                                      concept_name(k));
        parleyp_csv_string(fp, buf, false);
        for (int imp = 0; imp < 2; imp++) {
            long len = parley_status_quo_path(x->q[imp], s, steps, cap);
            if (len >= 0)
                fprintf(fp, "%ld", len);
            fputc(',', fp);
            csv_path(fp, x->r, steps, len, imp == 1);
        }
    }
    free(steps);
    return 0;
}

static int sq_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const sq_ctx *x = ctx;
    if (format == PARLEY_DOC_CSV)
        return sq_csv(fp, x);
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    if (sq_json(&w, x))
        return -1;
    return parleyp_jw_end(&w);
}

static bool sq_valid(const sq_ctx *x, parley_error *err)
{
    if (x->c && x->r && x->q[0] && x->q[1] && x->start < parley_conflict_state_count(x->c))
        return true;
    parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "status_quo",
                     "a status-quo document needs the conflict, its results, both path "
                     "searches and a start state of the conflict");
    return false;
}

parley_status parley_status_quo_dumpf(const parley_conflict *c, const parley_stability *r,
                                      const parley_status_quo *any,
                                      const parley_status_quo *improving, size_t start,
                                      parley_doc_format format, FILE *fp, parley_error *err)
{
    sq_ctx x = {c, r, {any, improving}, start};
    if (!sq_valid(&x, err))
        return PARLEY_ERR_INPUT;
    return parleyp_doc_dumpf(sq_body, &x, format, fp, err);
}

char *parley_status_quo_dumps(const parley_conflict *c, const parley_stability *r,
                              const parley_status_quo *any, const parley_status_quo *improving,
                              size_t start, parley_doc_format format, parley_error *err)
{
    sq_ctx x = {c, r, {any, improving}, start};
    if (!sq_valid(&x, err))
        return NULL;
    return parleyp_doc_dumps(sq_body, &x, format, err);
}

/* ---- explanations -------------------------------------------------------------- */

static void explanation_json(parleyp_jw *w, const parley_conflict *c, const parley_stability *r,
                             const parley_gmcr_explanation *e)
{
    char buf[LABEL_MAX];
    parleyp_jw_object(w);
    parleyp_jw_kstring(w, "concept", concept_name(e->concept));
    parleyp_jw_kstring(w, "dm", parley_stability_agent_name(r, e->agent));
    parleyp_jw_kbool(w, "stable", e->stable);
    parleyp_jw_karray(w, "improvements");
    for (size_t i = 0; i < e->nmoves; i++) {
        const parley_gmcr_move_explanation *m = &e->moves[i];
        parleyp_jw_object(w);
        parleyp_jw_kinteger(w, "improvement", (long long)m->improvement + 1);
        parleyp_jw_kstring(w, "improvement_state",
                           parley_conflict_state_label(c, m->improvement, buf, sizeof buf));
        parleyp_jw_kbool(w, "sanctioned", m->sanctioned);
        parleyp_jw_key(w, m->simultaneous ? "simultaneous_moves" : "sanction");
        steps_json(w, r, m->steps, m->nsteps);
        if (m->sanctioned)
            parleyp_jw_kinteger(w, "sanction_state", (long long)m->result + 1);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
    parleyp_jw_close(w);
}

/* ---- the stability document ----------------------------------------------------- */

typedef struct st_ctx {
    const parley_conflict *c;
    const parley_stability *r;
    const parley_stability_doc *d;
} st_ctx;

static int st_json(const st_ctx *x, FILE *fp)
{
    const parley_conflict *c = x->c;
    const parley_stability_doc *d = x->d;
    size_t n = parley_conflict_state_count(c), nd = parley_conflict_dm_count(c);
    bool graph = parley_conflict_is_graph_form(c);
    char buf[LABEL_MAX];
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_jw_kstring(&w, "conflict", parley_conflict_name(c));
    parleyp_jw_kstring(&w, "semantics", d->gmcrplus ? "gmcrplus" : "textbook");
    parleyp_jw_karray(&w, "decision_makers");
    for (size_t i = 0; i < nd; i++)
        parleyp_jw_string(&w, parley_conflict_dm_name(c, i));
    parleyp_jw_close(&w);
    if (!graph) {
        parleyp_jw_karray(&w, "options");
        for (size_t k = 0; k < parley_conflict_option_count(c); k++) {
            parleyp_jw_object(&w);
            parleyp_jw_kstring(&w, "option", parley_conflict_option_name(c, k));
            parleyp_jw_kstring(&w, "dm",
                               parley_conflict_dm_name(c, parley_conflict_option_dm(c, k)));
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
    }
    parleyp_jw_karray(&w, "states");
    for (size_t s = 0; s < n; s++) {
        parleyp_jw_object(&w);
        parleyp_jw_kinteger(&w, "id", (long long)s + 1);
        parleyp_jw_kinteger(&w, "decimal", (long long)parley_conflict_state_decimal(c, s));
        parleyp_jw_kstring(&w, graph ? "name" : "yn",
                           parley_conflict_state_label(c, s, buf, sizeof buf));
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    concepts_json(&w, x->r, n);
    if (d->coalitions) {
        parleyp_jw_kobject(&w, "coalition_analysis");
        parleyp_jw_karray(&w, "coalitions");
        for (size_t g = 0; g < parley_stability_agent_count(d->coalitions); g++)
            parleyp_jw_string(&w, parley_stability_agent_name(d->coalitions, g));
        parleyp_jw_close(&w);
        concepts_json(&w, d->coalitions, n);
        parleyp_jw_close(&w);
    }
    const parley_stability *agents = d->coalitions ? d->coalitions : x->r;
    if (d->status_quo_any && d->status_quo_improving) {
        sq_ctx q = {c, agents, {d->status_quo_any, d->status_quo_improving}, d->status_quo};
        parleyp_jw_key(&w, "status_quo");
        if (sq_json(&w, &q))
            return -1;
    }
    if (d->explain >= 0) {
        parleyp_jw_kobject(&w, "explain");
        parleyp_jw_kinteger(&w, "state", d->explain + 1);
        parleyp_jw_karray(&w, "explanations");
        for (size_t i = 0; i < d->n_explanations; i++)
            explanation_json(&w, c, agents, &d->explanations[i]);
        parleyp_jw_close(&w);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

/* A CSV field with no separator after it (quoted as RFC 4180 requires). */
static void csv_put(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void st_csv(const st_ctx *x, FILE *fp)
{
    const parley_conflict *c = x->c;
    const parley_stability *r = x->d->coalitions ? x->d->coalitions : x->r;
    size_t n = parley_conflict_state_count(c), na = parley_stability_agent_count(r);
    char buf[LABEL_MAX], slug[16];
    fputs("id,decimal,state", fp);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
        if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
            continue;
        concept_slug(k, slug, sizeof slug);
        for (size_t a = 0; a < na; a++) {
            snprintf(buf, sizeof buf, "stable_%s_%s", slug, parley_stability_agent_name(r, a));
            fputc(',', fp);
            csv_put(fp, buf);
        }
        fprintf(fp, ",equilibrium_%s", slug);
    }
    fputc('\n', fp);
    for (size_t s = 0; s < n; s++) {
        fprintf(fp, "%zu,%llu,", s + 1, (unsigned long long)parley_conflict_state_decimal(c, s));
        csv_put(fp, parley_conflict_state_label(c, s, buf, sizeof buf));
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
            if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
                continue;
            for (size_t a = 0; a < na; a++)
                fputs(parley_stability_is_stable(r, (parley_gmcr_concept)k, a, s) ? ",true"
                                                                                  : ",false",
                      fp);
            fputs(parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s) ? ",true"
                                                                                : ",false",
                  fp);
        }
        fputc('\n', fp);
    }
}

static int st_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const st_ctx *x = ctx;
    if (format == PARLEY_DOC_CSV) {
        st_csv(x, fp);
        return 0;
    }
    return st_json(x, fp);
}

static bool st_valid(const st_ctx *x, parley_error *err)
{
    const parley_stability_doc *d = x->d;
    size_t n = x->c ? parley_conflict_state_count(x->c) : 0;
    if (x->c && x->r && (!d->status_quo_any || d->status_quo < n) &&
        (d->explain < 0 || ((size_t)d->explain < n && (d->explanations || !d->n_explanations))))
        return true;
    parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                     "a stability document needs the conflict and its results (and states "
                     "of the conflict for the status quo and the explanations)");
    return false;
}

parley_status parley_stability_dumpf(const parley_conflict *c, const parley_stability *r,
                                     const parley_stability_doc *doc, parley_doc_format format,
                                     FILE *fp, parley_error *err)
{
    parley_stability_doc none = PARLEY_STABILITY_DOC_INIT;
    st_ctx x = {c, r, doc ? doc : &none};
    if (!st_valid(&x, err))
        return PARLEY_ERR_INPUT;
    return parleyp_doc_dumpf(st_body, &x, format, fp, err);
}

char *parley_stability_dumps(const parley_conflict *c, const parley_stability *r,
                             const parley_stability_doc *doc, parley_doc_format format,
                             parley_error *err)
{
    parley_stability_doc none = PARLEY_STABILITY_DOC_INIT;
    st_ctx x = {c, r, doc ? doc : &none};
    if (!st_valid(&x, err))
        return NULL;
    return parleyp_doc_dumps(st_body, &x, format, err);
}
