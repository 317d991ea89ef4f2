/*
 * io/genius_xml.c — GENIUS 10.4 XML import: the domain's issues, and
 * parley_genius_load (domain + one profile per party -> a
 * parley_space). Files are opened and walked by genius_doc.c, profiles read
 * in genius_profile.c, folders in genius_folder.c. Semantics: data/genius/README.md.
 *
 * Safety: text must be UTF-8 without NUL bytes; libxml2 runs with
 * XML_PARSE_NONET, without XML_PARSE_NOENT, and a document type declaration
 * is refused before it is read (core/xml.h: xmlGetProp would expand its
 * internal entities); files over 256 MiB are refused. Legacy layouts tolerated: nested <objective>,
 * issue indices that do not start at 1, integer bounds in a <range> child, text before <?xml.
 */
#include "parley/genius.h"
#include "io/genius_impl.h"

#include "core/error.h"
#include "core/file.h"
#include "core/text.h"
#include "core/xml.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values over all issues of a domain: each costs about 300 bytes by the end
 * of a frontier run (labels, terms, a frontier point), so 10^6 is ~300 MB.
 * Checked before anything is allocated for an issue. */
#define GX_MAX_VALUES 1000000L

static void gx_domain_free(gx_domain *dom)
{
    for (size_t i = 0; i < dom->n_issues; i++) {
        gx_issue *is = &dom->issues[i];
        free(is->name);
        for (size_t v = 0; v < is->n_values; v++)
            free(is->labels[v]);
        free(is->labels);
        free(is->numbers);
    }
    free(dom->issues);
    free(dom->name);
    for (size_t a = 0; a < dom->n_agents; a++) {
        free(dom->agent_name[a]);
        free(dom->agent_space[a]);
    }
    free(dom->agent_name);
    free(dom->agent_space);
    memset(dom, 0, sizeof *dom);
}

parley_status parleyp_gx_objective_name(xmlNodePtr obj, char **out)
{
    char *name = obj ? parleyp_gx_attr(obj, "name") : NULL;
    *out = NULL;
    bool named = name && *name && strcmp(name, "root") != 0;
    if (named)
        *out = strdup(name);
    xmlFree(name);
    return named && !*out ? PARLEY_ERR_LIMIT : PARLEY_OK;
}

/* <agent name="..." utility_space="..."> children of a template root. */
static parley_status read_agents(xmlNodePtr root, const char *path, gx_domain *dom,
                                 parley_error *err)
{
    size_t n = 0;
    for (xmlNodePtr a = root->children; a; a = a->next)
        n += parleyp_gx_is_elem(a, "agent");
    if (!n)
        return PARLEY_OK;
    dom->agent_name = calloc(n, sizeof *dom->agent_name);
    dom->agent_space = calloc(n, sizeof *dom->agent_space);
    if (!dom->agent_name || !dom->agent_space)
        return parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
    for (xmlNodePtr a = root->children; a; a = a->next) {
        if (!parleyp_gx_is_elem(a, "agent"))
            continue;
        char *name = parleyp_gx_attr(a, "name"), *us = parleyp_gx_attr(a, "utility_space");
        size_t k = dom->n_agents++;
        bool oom = (name && !(dom->agent_name[k] = strdup(name))) ||
                   (us && !(dom->agent_space[k] = strdup(us)));
        xmlFree(name);
        xmlFree(us);
        if (oom)
            return parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
    }
    return PARLEY_OK;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Integer bounds from the issue or its <range> child. */
static parley_status int_bounds(xmlNodePtr issue, const char *path, double *lo, double *hi,
                                parley_error *err)
{
    xmlNodePtr src = issue;
    int a = parleyp_gx_attr_double(src, "lowerbound", path, lo, err);
    if (a == 0) {
        xmlNodePtr r = parleyp_gx_find(issue, "range");
        if (r) {
            src = r;
            a = parleyp_gx_attr_double(src, "lowerbound", path, lo, err);
        }
    }
    if (a < 0)
        return PARLEY_ERR_INPUT;
    int b = parleyp_gx_attr_double(src, "upperbound", path, hi, err);
    if (b < 0)
        return PARLEY_ERR_INPUT;
    if (a == 0 || b == 0)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, (int)xmlGetLineNo(issue), 0,
                                "lowerbound", "a numeric issue needs lowerbound and upperbound");
    if (*hi < *lo)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, (int)xmlGetLineNo(issue), 0,
                                "upperbound", "upperbound %g is below lowerbound %g", *hi, *lo);
    return PARLEY_OK;
}

/* Adds `count` values to the domain's running total, or fails (exit 3)
 * past GX_MAX_VALUES. */
static parley_status count_values(double count, double *total, const char *path, int line,
                                  const char *issue, parley_error *err)
{
    *total += count;
    if (*total > (double)GX_MAX_VALUES)
        return parley_error_set(err, PARLEY_ERR_LIMIT, path, line, 0, "upperbound",
                                "issue '%s' brings the domain to %.0f values in all (limit %ld "
                                "over all issues, about 300 bytes each)",
                                issue, *total, GX_MAX_VALUES);
    return PARLEY_OK;
}

static parley_status read_issue(xmlNodePtr n, const char *path, gx_issue *is, double *total,
                                parley_error *err)
{
    int line = (int)xmlGetLineNo(n);
    double idx = 0;
    if (parleyp_gx_attr_double(n, "index", path, &idx, err) < 0)
        return PARLEY_ERR_INPUT;
    if (idx != floor(idx) || fabs(idx) > 2147483647.0)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, line, 0, "index",
                                "<issue index=\"%g\">: not a whole number from -2147483647 to "
                                "2147483647",
                                idx);
    is->index = (long)idx;
    char *name = parleyp_gx_attr(n, "name");
    is->name = xstrdup(name ? name : "");
    xmlFree(name);
    if (!is->name)
        return parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
    char *type = parleyp_gx_attr(n, "etype");
    if (!type)
        type = parleyp_gx_attr(n, "type");
    if (!type || strcmp(type, "discrete") == 0)
        is->kind = GX_DISCRETE;
    else if (strcmp(type, "integer") == 0)
        is->kind = GX_INTEGER;
    else if (strcmp(type, "real") == 0)
        is->kind = GX_REAL;
    else {
        parley_error_set(err, PARLEY_ERR_INPUT, path, line, 0, "etype",
                         "issue '%s': unknown type '%s'", is->name, type);
        xmlFree(type);
        return PARLEY_ERR_INPUT;
    }
    xmlFree(type);
    if (is->kind == GX_DISCRETE) {
        size_t n_items = 0;
        for (xmlNodePtr c = n->children; c; c = c->next)
            n_items += parleyp_gx_is_elem(c, "item");
        if (n_items == 0)
            return parley_error_set(err, PARLEY_ERR_INPUT, path, line, 0, "item",
                                    "discrete issue '%s' has no <item>", is->name);
        if (count_values((double)n_items, total, path, line, is->name, err))
            return PARLEY_ERR_LIMIT;
        is->labels = calloc(n_items, sizeof *is->labels);
        is->numbers = calloc(n_items, sizeof *is->numbers);
        if (!is->labels || !is->numbers)
            return parley_error_set(err, PARLEY_ERR_LIMIT, path, line, 0, NULL, "out of memory");
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (!parleyp_gx_is_elem(c, "item"))
                continue;
            char *v = parleyp_gx_attr(c, "value");
            if (!v)
                return parley_error_set(err, PARLEY_ERR_INPUT, path, (int)xmlGetLineNo(c), 0,
                                        "value", "issue '%s': <item> without a value", is->name);
            is->labels[is->n_values] = xstrdup(v);
            xmlFree(v);
            if (!is->labels[is->n_values++])
                return parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
        }
        return PARLEY_OK;
    }
    double lo, hi;
    if (int_bounds(n, path, &lo, &hi, err))
        return PARLEY_ERR_INPUT;
    size_t count;
    if (is->kind == GX_INTEGER) {
        if (lo != floor(lo) || hi != floor(hi) || fabs(lo) > 1e15 || fabs(hi) > 1e15)
            return parley_error_set(err, PARLEY_ERR_INPUT, path, line, 0, "lowerbound",
                                    "integer issue '%s': bounds must be integers", is->name);
        if (count_values(hi - lo + 1, total, path, line, is->name, err))
            return PARLEY_ERR_LIMIT;
        is->lower = (long)lo;
        is->upper = (long)hi;
        count = (size_t)(is->upper - is->lower + 1);
    } else {
        is->rlower = lo;
        is->rupper = hi;
        count = hi > lo ? GX_REAL_STEPS : 1;
        if (count_values((double)count, total, path, line, is->name, err))
            return PARLEY_ERR_LIMIT;
    }
    is->labels = calloc(count, sizeof *is->labels);
    is->numbers = calloc(count, sizeof *is->numbers);
    if (!is->labels || !is->numbers)
        return parley_error_set(err, PARLEY_ERR_LIMIT, path, line, 0, NULL, "out of memory");
    for (size_t v = 0; v < count; v++) {
        char buf[64];
        if (is->kind == GX_INTEGER) {
            is->numbers[v] = (double)(is->lower + (long)v);
            snprintf(buf, sizeof buf, "%ld", is->lower + (long)v);
        } else {
            is->numbers[v] = count == 1 ? lo : lo + (hi - lo) * (double)v / (double)(count - 1);
            snprintf(buf, sizeof buf, "%.15g", is->numbers[v]);
        }
        is->labels[v] = xstrdup(buf);
        if (!is->labels[v])
            return parley_error_set(err, PARLEY_ERR_LIMIT, path, line, 0, NULL, "out of memory");
        is->n_values++;
    }
    return PARLEY_OK;
}

static void collect_issues(xmlNodePtr n, xmlNodePtr *out, size_t *k, size_t cap)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (parleyp_gx_is_elem(c, "issue")) {
            if (*k < cap)
                out[*k] = c;
            (*k)++;
        } else if (!parleyp_gx_is_elem(c, "utility")) {
            collect_issues(c, out, k, cap);
        }
    }
}

static parley_status gx_domain_read(xmlDocPtr doc, const char *path, gx_domain *dom,
                                    parley_error *err)
{
    memset(dom, 0, sizeof *dom);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr us =
        parleyp_gx_is_elem(root, "utility_space") ? root : parleyp_gx_find(root, "utility_space");
    xmlNodePtr obj = us ? parleyp_gx_find(us, "objective") : NULL;
    if (!obj)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, (int)xmlGetLineNo(root), 0,
                                "objective", "no <utility_space><objective> in a GENIUS domain");
    size_t n = 0;
    collect_issues(obj, NULL, &n, 0);
    if (n == 0)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, (int)xmlGetLineNo(obj), 0, "issue",
                                "the domain has no <issue>");
    xmlNodePtr *nodes = malloc(n * sizeof *nodes);
    dom->issues = calloc(n, sizeof *dom->issues);
    if (!nodes || !dom->issues) {
        free(nodes);
        free(dom->issues);
        dom->issues = NULL;
        return parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
    }
    size_t k = 0;
    collect_issues(obj, nodes, &k, n);
    dom->n_issues = n;
    parley_status ast =
        parleyp_gx_objective_name(obj, &dom->name)
            ? parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory")
            : read_agents(root, path, dom, err);
    if (ast) {
        free(nodes);
        gx_domain_free(dom);
        return ast;
    }
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        parley_status st = read_issue(nodes[i], path, &dom->issues[i], &total, err);
        if (st) {
            free(nodes);
            gx_domain_free(dom);
            return st;
        }
    }
    free(nodes);
    return PARLEY_OK;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* The names the files give (parley_space_set_name, _set_party_label): the
 * space is the domain's objective, else the objective every profile names;
 * a party is the template's <agent name> whose utility_space is its
 * profile, else its profile's objective (set by parleyp_gx_profile_read);
 * names two parties share get " 1", " 2", ... in party order. */
static parley_status name_from_files(const gx_domain *dom, const char *const *paths, size_t n,
                                     parley_space *sp)
{
    const char *title = dom->name;
    if (!title && n > 0) {
        const char *l = parley_space_party_label(sp, 0);
        for (size_t q = 1; l && q < n; q++)
            if (!parley_space_party_label(sp, q) || strcmp(parley_space_party_label(sp, q), l))
                l = NULL;
        title = l;
    }
    if (title && parley_space_set_name(sp, title))
        return PARLEY_ERR_LIMIT;
    for (size_t p = 0; p < n; p++)
        for (size_t a = 0; a < dom->n_agents; a++)
            if (dom->agent_name[a] && dom->agent_space[a] && *dom->agent_name[a] &&
                !strcmp(base_name(dom->agent_space[a]), base_name(paths[p]))) {
                if (parley_space_set_party_label(sp, p, dom->agent_name[a]))
                    return PARLEY_ERR_LIMIT;
                break;
            }
    /* shared names: numbered in party order */
    bool *shared = calloc(n ? n : 1, sizeof *shared);
    if (!shared)
        return PARLEY_ERR_LIMIT;
    for (size_t p = 0; p < n; p++)
        for (size_t q = 0; q < n; q++)
            if (p != q && parley_space_party_label(sp, p) && parley_space_party_label(sp, q) &&
                !strcmp(parley_space_party_label(sp, p), parley_space_party_label(sp, q)))
                shared[p] = true;
    parley_status st = PARLEY_OK;
    char **base = calloc(n ? n : 1, sizeof *base);
    if (!base)
        st = PARLEY_ERR_LIMIT;
    for (size_t p = 0; p < n && !st; p++)
        if (shared[p] && !(base[p] = strdup(parley_space_party_label(sp, p))))
            st = PARLEY_ERR_LIMIT;
    for (size_t p = 0; p < n && !st; p++) {
        if (!shared[p])
            continue;
        size_t k = 1;
        for (size_t q = 0; q < p; q++)
            k += shared[q] && !strcmp(base[q], base[p]);
        char buf[512];
        snprintf(buf, sizeof buf, "%s %zu", base[p], k);
        st = parley_space_set_party_label(sp, p, buf);
    }
    for (size_t p = 0; base && p < n; p++)
        free(base[p]);
    free(base);
    free(shared);
    return st;
}

parley_space *parley_genius_load(const char *domain_path, const char *const *profile_paths,
                                 size_t n_profiles, parley_error *err)
{
    if (n_profiles < 1 || n_profiles > 64) {
        parley_error_set(err, PARLEY_ERR_INPUT, domain_path, 0, 0, NULL,
                         "need 1 to 64 profiles, got %zu", n_profiles);
        return NULL;
    }
    xmlDocPtr doc = parleyp_gx_read(domain_path, err);
    if (!doc)
        return NULL;
    gx_domain dom;
    parley_status st = gx_domain_read(doc, domain_path, &dom, err);
    xmlFreeDoc(doc);
    if (st)
        return NULL;
    size_t *nv = malloc(dom.n_issues * sizeof *nv);
    parley_space *sp = NULL;
    if (!nv) {
        parley_error_set(err, PARLEY_ERR_LIMIT, domain_path, 0, 0, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < dom.n_issues; i++)
        nv[i] = dom.issues[i].n_values;
    sp = parley_space_new(n_profiles, dom.n_issues, nv, err);
    if (!sp)
        goto done;
    for (size_t i = 0; i < dom.n_issues; i++) {
        if (parley_space_set_issue_name(sp, i, dom.issues[i].name))
            goto oom;
        for (size_t v = 0; v < dom.issues[i].n_values; v++)
            if (parley_space_set_value_label(sp, i, v, dom.issues[i].labels[v]))
                goto oom;
    }
    for (size_t p = 0; p < n_profiles; p++) {
        if (parleyp_gx_profile_read(profile_paths[p], &dom, sp, p, err)) {
            parley_space_free(sp);
            sp = NULL;
            goto done;
        }
    }
    if (name_from_files(&dom, profile_paths, n_profiles, sp))
        goto oom;
    goto done;
oom:
    parley_space_free(sp);
    sp = NULL;
    parley_error_set(err, PARLEY_ERR_LIMIT, domain_path, 0, 0, NULL, "out of memory");
done:
    free(nv);
    gx_domain_free(&dom);
    return sp;
}
