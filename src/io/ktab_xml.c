/*
 * io/ktab_xml.c — reader for KTAB's SMP XML scenarios
 * (SMPModel::xmlRead, README §A 5.2): <Scenario> with name, desc, prngSeed,
 * optional <ModelParameters> (all nine, KTAB's value names), <Dimensions>,
 * <Actors> and the ideal-adjustment pairs. Unlike KTAB, <IdealAdjustment>
 * is optional (as the XSD says).
 *
 * Safety (core/xml.h): UTF-8 without NUL bytes; libxml2 parses without
 * network access (XML_PARSE_NONET), without entity substitution (no
 * XML_PARSE_NOENT) and stops at a document type declaration (DTD, hence
 * any entity), which is rejected.
 */
#include "forecast/fc_internal.h"
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"
#include "core/xml.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct xr {
    const char *file;
    parley_error *err;
} xr;

static bool is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

static size_t count_children(const xmlNode *n, const char *name)
{
    size_t k = 0;
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            k++;
    return k;
}

static int line_of(const xmlNode *n)
{
    return n ? (int)xmlGetLineNo(n) : 0;
}

/* Trimmed text content; caller frees. NULL on out of memory. */
static char *text_of(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return parleyp_fc_strdup("");
    const char *a = (const char *)t;
    while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
        a++;
    size_t l = strlen(a);
    while (l > 0 && (a[l - 1] == ' ' || a[l - 1] == '\t' || a[l - 1] == '\n' || a[l - 1] == '\r'))
        l--;
    char *s = parleyp_fc_strndup(a, l);
    xmlFree(t);
    return s;
}

static int num_of(xr *x, const xmlNode *n, const char *field, const char *who, double lo, double hi,
                  double *out)
{
    char *t = text_of(n);
    if (!t) {
        parley_error_set(x->err, PARLEY_ERR_LIMIT, x->file, line_of(n), 0, field, "out of memory");
        return -1;
    }
    char *e;
    bool finite;
    double v = parleyp_pt_strtod(t, &e, &finite);
    if (!*t || *e || !finite || v < lo || v > hi) {
        parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(n), 0, field,
                         "%s: '%s' is not a number in %g..%g", who, t, lo, hi);
        free(t);
        return -1;
    }
    free(t);
    *out = v;
    return 0;
}

static const xmlNode *need(xr *x, const xmlNode *parent, const char *name)
{
    const xmlNode *c = child(parent, name);
    if (!c)
        parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(parent), 0, name,
                         "<%s> is missing in <%s>", name, (const char *)parent->name);
    return c;
}

static int read_params(xr *x, const xmlNode *mp, parley_fc_scenario *sc)
{
    for (size_t i = 0; i < parley_smp_param_count(); i++) {
        const char *pn = parley_smp_param_name(i);
        const xmlNode *c = need(x, mp, pn);
        if (!c)
            return -1;
        char *v = text_of(c);
        if (!v)
            return -1;
        parley_status st = parley_smp_param_set(&sc->params, pn, v, x->err);
        free(v);
        if (st != PARLEY_OK) {
            if (x->err) {
                snprintf(x->err->file, sizeof x->err->file, "%s", x->file ? x->file : "");
                x->err->line = line_of(c);
            }
            return -1;
        }
    }
    sc->has_params = true;
    return 0;
}

static int read_actor(xr *x, const xmlNode *a, parley_fc_scenario *sc, size_t i)
{
    const size_t D = sc->n_dims;
    const xmlNode *nm = need(x, a, "name");
    if (!nm || !(sc->actor[i] = text_of(nm)))
        return -1;
    if (!sc->actor[i][0]) {
        parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(nm), 0, "name",
                         "empty actor name");
        return -1;
    }
    const xmlNode *ds = child(a, "description");
    if (ds && !(sc->actor_desc[i] = text_of(ds)))
        return -1;
    const xmlNode *cap = need(x, a, "capability");
    if (!cap || num_of(x, cap, "capability", sc->actor[i], 1e-300, 1e8, &sc->capability[i]) != 0)
        return -1;
    const xmlNode *pos = need(x, a, "Position"), *sal = need(x, a, "Salience");
    if (!pos || !sal)
        return -1;
    if (count_children(pos, "dCoord") != D || count_children(sal, "dSal") != D) {
        parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(a), 0, "Position",
                         "actor %s: needs %zu <dCoord> and %zu <dSal>, one per dimension",
                         sc->actor[i], D, D);
        return -1;
    }
    size_t d = 0;
    for (const xmlNode *c = pos->children; c; c = c->next)
        if (is_el(c, "dCoord") &&
            num_of(x, c, "dCoord", sc->actor[i], 0.0, 100.0, &sc->position[i * D + d++]) != 0)
            return -1;
    d = 0;
    double ssum = 0.0;
    for (const xmlNode *c = sal->children; c; c = c->next)
        if (is_el(c, "dSal")) {
            if (num_of(x, c, "dSal", sc->actor[i], 0.0, 100.0, &sc->salience[i * D + d]) != 0)
                return -1;
            ssum += sc->salience[i * D + d++];
        }
    if (ssum > 100.0 + 1e-9 || ssum <= 0.0) {
        parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(sal), 0, "Salience",
                         "actor %s: saliences add up to %g; they must be > 0 and at most 100",
                         sc->actor[i], ssum);
        return -1;
    }
    for (size_t k = 0; k < i; k++)
        if (strcmp(sc->actor[k], sc->actor[i]) == 0) {
            parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(nm), 0, "name",
                             "actor '%s' is listed twice", sc->actor[i]);
            return -1;
        }
    return 0;
}

static long find_actor(const parley_fc_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_actors; i++)
        if (strcmp(sc->actor[i], name) == 0)
            return (long)i;
    return -1;
}

static int read_ia(xr *x, const xmlNode *ia, parley_fc_scenario *sc)
{
    const size_t n = sc->n_actors;
    sc->accommodation = calloc(n * n, sizeof *sc->accommodation);
    if (!sc->accommodation)
        return -1;
    for (size_t i = 0; i < n; i++)
        sc->accommodation[i * n + i] = 1.0;
    for (const xmlNode *p = ia->children; p; p = p->next) {
        if (!is_el(p, "iaPair"))
            continue;
        const xmlNode *a = need(x, p, "adjustingIdeal"), *r = need(x, p, "referencePos"),
                      *v = need(x, p, "adjust");
        if (!a || !r || !v)
            return -1;
        char *an = text_of(a), *rn = text_of(r);
        long ai = an ? find_actor(sc, an) : -1, ri = rn ? find_actor(sc, rn) : -1;
        if (ai < 0 || ri < 0) {
            parley_error_set(x->err, PARLEY_ERR_INPUT, x->file, line_of(ai < 0 ? a : r), 0,
                             ai < 0 ? "adjustingIdeal" : "referencePos", "unknown actor '%s'",
                             ai < 0 ? (an ? an : "") : (rn ? rn : ""));
            free(an);
            free(rn);
            return -1;
        }
        double val;
        int rc = num_of(x, v, "adjust", an, 0.0, 1.0, &val);
        free(an);
        free(rn);
        if (rc != 0)
            return -1;
        sc->accommodation[(size_t)ai * n + (size_t)ri] = val;
    }
    return 0;
}

parley_fc_scenario *parley_fc_parse_ktab_xml(const char *text, size_t len, const char *name,
                                             parley_error *err)
{
    xr x = {name, err};
    parley_fc_scenario *sc = NULL;
    xmlDoc *doc = parleyp_pc_xml_parse(text, len, name, err);
    if (!doc)
        return NULL;
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!is_el(root, "Scenario")) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, line_of(root), 0, "Scenario",
                         "the root element must be <Scenario>");
        goto fail;
    }
    const xmlNode *dims = need(&x, root, "Dimensions"), *acts = need(&x, root, "Actors");
    if (!dims || !acts)
        goto fail;
    size_t D = count_children(dims, "dName"), n = count_children(acts, "Actor");
    if (D < 1 || n < 2) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, line_of(D < 1 ? dims : acts), 0,
                         D < 1 ? "Dimensions" : "Actors",
                         D < 1 ? "no <dName> dimension" : "fewer than 2 actors");
        goto fail;
    }
    if (n > 100000 || D > 1000 || n * D > FC_MAX_CELLS) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, line_of(acts), 0, "Actors",
                         "too large: %zu actors, %zu dimensions", n, D);
        goto fail;
    }
    if (!(sc = parley_fc_scenario_new(n, D)) || (name && !(sc->file = parleyp_fc_strdup(name))))
        goto oom;
    const xmlNode *c;
    if ((c = child(root, "name")) && !(sc->name = text_of(c)))
        goto oom;
    if ((c = child(root, "desc")) && !(sc->description = text_of(c)))
        goto oom;
    if ((c = child(root, "prngSeed"))) {
        char *t = text_of(c), *e;
        if (!t)
            goto oom;
        errno = 0;
        unsigned long long s = strtoull(t, &e, 10);
        if (*t && !*e && !errno && t[0] != '-') {
            sc->seed = (uint64_t)s;
            sc->has_seed = true;
        } else if (*t) {
            parley_error_set(err, PARLEY_ERR_INPUT, name, line_of(c), 0, "prngSeed",
                             "'%s' is not a 64-bit unsigned integer", t);
            free(t);
            goto fail;
        }
        free(t);
    }
    if ((c = child(root, "ModelParameters")) && read_params(&x, c, sc) != 0)
        goto fail;
    size_t k = 0;
    for (const xmlNode *d = dims->children; d; d = d->next)
        if (is_el(d, "dName") && !(sc->dim[k++] = text_of(d)))
            goto oom;
    k = 0;
    for (const xmlNode *a = acts->children; a; a = a->next)
        if (is_el(a, "Actor") && read_actor(&x, a, sc, k++) != 0)
            goto fail;
    if ((c = child(root, "IdealAdjustment")) && read_ia(&x, c, sc) != 0)
        goto fail;
    if (sc->accommodation && parley_fc_scenario_validate(sc, err) != PARLEY_OK)
        goto fail;
    xmlFreeDoc(doc);
    return sc;
oom:
    parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
fail:
    xmlFreeDoc(doc);
    parley_fc_scenario_free(sc);
    return NULL;
}

parley_fc_scenario *parley_fc_read_ktab_xml(const char *path, parley_error *err)
{
    size_t n;
    char *buf = parleyp_pc_read_file(path, (size_t)64 << 20, "KTAB XML files", &n, err);
    if (!buf)
        return NULL;
    parley_fc_scenario *sc = parley_fc_parse_ktab_xml(buf, n, path, err);
    free(buf);
    return sc;
}
