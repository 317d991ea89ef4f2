/*
 * doc/document.c — the plumbing every document shares (dumpf/dumps, see
 * document.h) and the fields that appear in several documents.
 */
#include "doc/document.h"
#include "core/error.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

parley_status parleyp_doc_dumpf(parleyp_doc_body body, const void *ctx, parley_doc_format format,
                                FILE *fp, parley_error *err)
{
    if (!fp || (format != PARLEY_DOC_JSON && format != PARLEY_DOC_CSV))
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "format",
                                "unknown document format %d (or no stream)", (int)format);
    errno = 0;
    flockfile(fp); /* once for the document: the writers use the unlocked calls */
    int rc = body(ctx, format, fp);
    funlockfile(fp);
    if (ferror(fp))
        return parley_error_set(err, PARLEY_ERR_IO, NULL, 0, 0, NULL, "write error: %s",
                                errno ? strerror(errno) : "the stream reports an error");
    if (rc == PARLEYP_DOC_NO_MEMORY)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    if (rc)
        return parley_error_set(err, PARLEY_ERR_INTERNAL, NULL, 0, 0, NULL,
                                "malformed document (a bug in parley)");
    return PARLEY_OK;
}

char *parleyp_doc_dumps(parleyp_doc_body body, const void *ctx, parley_doc_format format,
                        parley_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    parley_status st = parleyp_doc_dumpf(body, ctx, format, fp, err);
    if (fclose(fp) != 0 && st == PARLEY_OK)
        st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    if (st != PARLEY_OK) {
        if (st == PARLEY_ERR_IO) /* a memory stream fails only for memory */
            parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        free(buf);
        return NULL;
    }
    return buf;
}

void parleyp_doc_utilities(parleyp_jw *w, const parley_scenario *sc, const double *u)
{
    parleyp_jw_kobject(w, "utilities");
    for (size_t j = 0; j < sc->n_parties; j++)
        parleyp_jw_knumber(w, sc->parties[j].id, u[j]);
    parleyp_jw_close(w);
}

void parleyp_doc_plan(parleyp_jw *w, const parley_scenario *sc, const parley_plan *pl,
                      const double *u)
{
    parleyp_jw_kobject(w, "plan");
    parleyp_jw_kstring(w, "id", pl->id);
    parleyp_jw_kstring(w, "name", pl->name);
    parleyp_doc_utilities(w, sc, u);
    parleyp_jw_close(w);
}

void parleyp_doc_utilities_named(parleyp_jw *w, const char *const *names, const double *u, size_t n)
{
    parleyp_jw_kobject(w, "utilities");
    for (size_t j = 0; j < n; j++)
        parleyp_jw_knumber(w, names[j], u[j]);
    parleyp_jw_close(w);
}

void parleyp_doc_override_list(parleyp_jw *w, const parley_override *o, size_t n)
{
    parleyp_jw_karray(w, "overrides");
    for (size_t k = 0; k < n; k++) {
        parleyp_jw_object(w);
        parleyp_jw_kstring(w, "option", o[k].option);
        parleyp_jw_kstring(w, "argument", o[k].argument);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
}

void parleyp_doc_overrides(parleyp_jw *w, const parley_scenario *sc)
{
    parleyp_doc_override_list(w, sc->overrides, sc->n_overrides);
}

void parleyp_doc_point_sets(parleyp_jw *w, const parley_scenario *sc, const parley_point *pt)
{
    parleyp_jw_kobject(w, "sets");
    for (size_t s = 0; s < pt->n_sets; s++) {
        const parley_issue *is = &sc->issues[pt->set_issue[s]];
        parleyp_jw_kstring(w, is->id, is->options[pt->set_option[s]].id);
    }
    parleyp_jw_close(w);
}

void parleyp_doc_open_issues(parleyp_jw *w, const parley_scenario *sc, const parley_plan *pl)
{
    parleyp_jw_karray(w, "open_issues");
    for (size_t i = 0; i < sc->n_issues; i++)
        if (pl->sets[i] < 0)
            parleyp_jw_string(w, sc->issues[i].id);
    parleyp_jw_close(w);
}

const char *parleyp_doc_stance_name(parley_stance_kind kind)
{
    static const char *const NAME[] = {"accepts", "rejects", "partial"};
    return (size_t)kind < sizeof NAME / sizeof NAME[0] ? NAME[kind] : "unknown";
}

void parleyp_doc_stance_fields(parleyp_jw *w, const parley_scenario *sc, const parley_stance *st)
{
    parleyp_jw_kstring(w, "stance", parleyp_doc_stance_name(st->kind));
    parleyp_jw_knumber(w, "share", st->share);
    parleyp_jw_karray(w, "points");
    for (size_t p = 0; p < st->n_points; p++)
        parleyp_jw_string(w, st->points[p]);
    parleyp_jw_close(w);
    parleyp_jw_kstring(w, "source", st->source);
    parleyp_jw_kstring(w, "date", st->date);
    parleyp_jw_karray(w, "disputed_by");
    for (size_t d = 0; d < st->n_disputed; d++)
        parleyp_jw_string(w, sc->parties[st->disputed_by[d]].id);
    parleyp_jw_close(w);
}

void parleyp_doc_reported(parleyp_jw *w, const parley_scenario *sc, size_t party, size_t plan)
{
    parleyp_jw_karray(w, "reported");
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        if (st->party != party || st->plan != (long)plan)
            continue;
        parleyp_jw_object(w);
        parleyp_doc_stance_fields(w, sc, st);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
}

void parleyp_doc_plan_ref(parleyp_jw *w, const char *key, const parley_plan *pl)
{
    parleyp_jw_kobject(w, key);
    parleyp_jw_kstring(w, "id", pl->id);
    parleyp_jw_kstring(w, "name", pl->name);
    parleyp_jw_close(w);
}
