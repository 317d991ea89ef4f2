/*
 * io/genius_write.c — parley scenario -> GENIUS domain + profiles (see
 * parley/convert.h for the exactness argument).
 */
#include "parley.h"

#include "core/error.h"
#include "core/text.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this, GENIUS treats an issue's evaluations as all zero. */
#define PG_MIN_MAX_EVAL 1e-5

typedef struct xw {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    bool bad;
} xw;

static bool xw_open(xw *x)
{
    x->bad = false;
    x->buf = xmlBufferCreate();
    x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
    if (!x->w)
        return false;
    xmlTextWriterSetIndent(x->w, 1);
    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ");
    x->bad |= xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0;
    return true;
}

static void start(xw *x, const char *name)
{
    x->bad |= xmlTextWriterStartElement(x->w, BAD_CAST name) < 0;
}
static void end(xw *x)
{
    x->bad |= xmlTextWriterEndElement(x->w) < 0;
}
static void attr(xw *x, const char *k, const char *v)
{
    x->bad |= xmlTextWriterWriteAttribute(x->w, BAD_CAST k, BAD_CAST v) < 0;
}
static void attr_num(xw *x, const char *k, double v)
{
    char buf[40];
    attr(x, k, parleyp_pt_shortest(v, buf, sizeof buf));
}
static void attr_int(xw *x, const char *k, size_t v)
{
    x->bad |= xmlTextWriterWriteFormatAttribute(x->w, BAD_CAST k, "%zu", v) < 0;
}

/* Closes the document and hands back its text (caller frees), or NULL. */
static char *xw_close(xw *x)
{
    char *text = NULL;
    if (x->w) {
        x->bad |= xmlTextWriterEndDocument(x->w) < 0;
        xmlFreeTextWriter(x->w);
    }
    if (x->buf && !x->bad)
        text = strdup((const char *)xmlBufferContent(x->buf));
    if (x->buf)
        xmlBufferFree(x->buf);
    return text;
}

static void issue_open(xw *x, const parley_scenario *sc, size_t i)
{
    start(x, "issue");
    attr_int(x, "index", i + 1);
    attr(x, "etype", "discrete");
    attr(x, "type", "discrete");
    attr(x, "vtype", "discrete");
    attr(x, "name", sc->issues[i].id);
}

static char *domain_xml(const parley_scenario *sc)
{
    xw x;
    if (!xw_open(&x))
        return xw_close(&x);
    start(&x, "negotiation_template");
    start(&x, "utility_space");
    attr_int(&x, "number_of_issues", sc->n_issues);
    start(&x, "objective");
    attr(&x, "index", "0");
    attr(&x, "etype", "objective");
    attr(&x, "type", "objective");
    attr(&x, "name", sc->title ? sc->title : "root");
    for (size_t i = 0; i < sc->n_issues; i++) {
        issue_open(&x, sc, i);
        for (size_t o = 0; o < sc->issues[i].n_options; o++) {
            const parley_option *op = &sc->issues[i].options[o];
            start(&x, "item");
            attr_int(&x, "index", o + 1);
            attr(&x, "value", op->id);
            attr(&x, "description", op->label ? op->label : op->id);
            end(&x);
        }
        end(&x);
    }
    end(&x);
    end(&x);
    end(&x);
    return xw_close(&x);
}

static char *profile_xml(const parley_scenario *sc, size_t p)
{
    const parley_prefs *pr = &sc->prefs[p];
    xw x;
    if (!xw_open(&x))
        return xw_close(&x);
    start(&x, "utility_space");
    start(&x, "objective");
    attr(&x, "index", "0");
    attr(&x, "etype", "objective");
    attr(&x, "type", "objective");
    attr(&x, "name", sc->parties[p].id);
    double *weight = calloc(sc->n_issues + 1, sizeof *weight);
    if (!weight) {
        x.bad = true;
        return xw_close(&x);
    }
    for (size_t i = 0; i < sc->n_issues; i++) {
        double top = 0;
        for (size_t o = 0; o < sc->issues[i].n_options; o++)
            top = pr->value[i][o] > top ? pr->value[i][o] : top;
        weight[i] = top >= PG_MIN_MAX_EVAL ? pr->weight[i] * top : 0;
        issue_open(&x, sc, i);
        for (size_t o = 0; o < sc->issues[i].n_options; o++) {
            start(&x, "item");
            attr_int(&x, "index", o + 1);
            attr(&x, "value", sc->issues[i].options[o].id);
            attr_num(&x, "evaluation", top >= PG_MIN_MAX_EVAL ? pr->value[i][o] / top : 0);
            end(&x);
        }
        end(&x);
    }
    for (size_t i = 0; i < sc->n_issues; i++) {
        start(&x, "weight");
        attr_int(&x, "index", i + 1);
        attr_num(&x, "value", weight[i]);
        end(&x);
    }
    free(weight);
    end(&x);
    start(&x, "reservation");
    attr_num(&x, "value", sc->parties[p].walk_away);
    end(&x);
    if (sc->parties[p].discount < 1) {
        start(&x, "discount_factor");
        attr_num(&x, "value", sc->parties[p].discount);
        end(&x);
    }
    end(&x);
    return xw_close(&x);
}

void parley_genius_export_free(parley_genius_export *e)
{
    for (size_t p = 0; p < e->n_profiles; p++)
        free(e->profile[p]);
    free(e->profile);
    free(e->domain);
    memset(e, 0, sizeof *e);
}

parley_status parley_scenario_export_genius(const parley_scenario *sc, bool drop_rules,
                                            parley_genius_export *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    for (size_t p = 0; p < sc->n_parties; p++) {
        const parley_prefs *pr = &sc->prefs[p];
        if (pr->n_rules && !drop_rules)
            return parley_error_set(err, PARLEY_ERR_INPUT, sc->file, pr->rules[0].where.line,
                                    pr->rules[0].where.column, sc->parties[p].id,
                                    "party '%s' has %zu non-additive rule(s), which a GENIUS "
                                    "linear-additive profile cannot express (--drop-rules leaves "
                                    "them out: the export is then approximate)",
                                    sc->parties[p].id, pr->n_rules);
        out->n_dropped_rules += pr->n_rules;
    }
    out->domain = domain_xml(sc);
    out->profile = calloc(sc->n_parties, sizeof *out->profile);
    bool ok = out->domain && out->profile;
    for (size_t p = 0; ok && p < sc->n_parties; p++) {
        out->profile[p] = profile_xml(sc, p);
        out->n_profiles++;
        ok = out->profile[p] != NULL;
    }
    if (!ok) {
        parley_genius_export_free(out);
        return parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL,
                                "could not write the GENIUS XML (out of memory)");
    }
    return PARLEY_OK;
}
