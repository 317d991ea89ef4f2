/*
 * io/genius_profile.c — one GENIUS 10.4 preference profile -> one party of a
 * parley_space. Linear-additive profiles become additive terms w_i * e_i(v)
 * (U = min(1, sum), weights as written); `type="nonlinear"` profiles become
 * hyper-rectangle rules (INCLUDES: every bound holds, inclusive; EXCLUDES:
 * some bound is violated) scaled by 1/maxutility. Exact formulas:
 * data/genius/README.md "Semantics".
 */
#include "io/genius_impl.h"

#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int line_of(xmlNodePtr n)
{
    return (int)xmlGetLineNo(n);
}

/* The domain issue a profile element's index (or name) refers to, or -1. */
static long match_issue(xmlNodePtr n, const gx_domain *dom)
{
    char *s = parleyp_gx_attr(n, "index");
    long found = -1;
    if (s) {
        char *end;
        long idx = strtol(s, &end, 10);
        if (end != s)
            for (size_t i = 0; i < dom->n_issues; i++)
                if (dom->issues[i].index == idx) {
                    found = (long)i;
                    break;
                }
        xmlFree(s);
    }
    if (found < 0 && parleyp_gx_is_elem(n, "issue")) {
        char *name = parleyp_gx_attr(n, "name");
        if (name)
            for (size_t i = 0; i < dom->n_issues; i++)
                if (strcmp(dom->issues[i].name, name) == 0) {
                    found = (long)i;
                    break;
                }
        xmlFree(name);
    }
    return found;
}

static parley_status discrete_terms(xmlNodePtr issue, const char *path, const gx_issue *is,
                                    double w, parley_space *sp, size_t p, size_t i,
                                    parley_error *err)
{
    double *ev = calloc(is->n_values, sizeof *ev);
    if (!ev)
        return parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
    for (xmlNodePtr c = issue->children; c; c = c->next) {
        if (!parleyp_gx_is_elem(c, "item"))
            continue;
        char *v = parleyp_gx_attr(c, "value");
        double e = 0;
        int r = parleyp_gx_attr_double(c, "evaluation", path, &e, err);
        if (r < 0 || (r > 0 && e < 0)) {
            xmlFree(v);
            free(ev);
            if (r > 0)
                parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0, "evaluation",
                                 "issue '%s': negative evaluation %g", is->name, e);
            return PARLEY_ERR_INPUT;
        }
        bool known = false;
        for (size_t k = 0; v && k < is->n_values; k++)
            if (strcmp(is->labels[k], v) == 0) {
                ev[k] = e; /* a repeated item: the last wins */
                known = true;
            }
        if (!known) {
            parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0, "value",
                             "issue '%s': item '%s' is not in the domain", is->name,
                             v ? v : "(none)");
            xmlFree(v);
            free(ev);
            return PARLEY_ERR_INPUT;
        }
        xmlFree(v);
    }
    double mx = 0;
    for (size_t k = 0; k < is->n_values; k++)
        if (ev[k] > mx)
            mx = ev[k];
    for (size_t k = 0; k < is->n_values; k++)
        parley_space_set_term(sp, p, i, k, mx < 1e-5 ? 0.0 : w * (ev[k] / mx));
    free(ev);
    return PARLEY_OK;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static parley_status numeric_terms(xmlNodePtr issue, const char *path, const gx_issue *is, double w,
                                   parley_space *sp, size_t p, size_t i, parley_error *err)
{
    xmlNodePtr ev = parleyp_gx_find(issue, "evaluator");
    if (!ev)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(issue), 0, "evaluator",
                                "issue '%s' has no <evaluator>", is->name);
    char *ftype = parleyp_gx_attr(ev, "ftype");
    bool linear = !ftype || strcmp(ftype, "linear") == 0;
    bool constant = ftype && strcmp(ftype, "constant") == 0;
    if (!linear && !constant) {
        parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(ev), 0, "ftype",
                         "issue '%s': evaluator type '%s' is not supported", is->name, ftype);
        xmlFree(ftype);
        return PARLEY_ERR_INPUT;
    }
    xmlFree(ftype);
    double a = 0, b = 0; /* e = a + b * x' */
    int ra, rb;
    if (is->kind == GX_INTEGER) {
        ra = parleyp_gx_attr_double(ev, "offset", path, &a, err);
        rb = parleyp_gx_attr_double(ev, "slope", path, &b, err);
        if (ra == 0 && rb == 0) { /* legacy: parameter0 / parameter1 */
            ra = parleyp_gx_attr_double(ev, "parameter0", path, &a, err);
            rb = parleyp_gx_attr_double(ev, "parameter1", path, &b, err);
        }
    } else {
        ra = parleyp_gx_attr_double(ev, "parameter0", path, &a, err);
        rb = constant ? 0 : parleyp_gx_attr_double(ev, "parameter1", path, &b, err);
    }
    if (ra < 0 || rb < 0)
        return PARLEY_ERR_INPUT;
    for (size_t k = 0; k < is->n_values; k++) {
        double e;
        if (is->kind == GX_INTEGER)
            e = clamp01(a + b * (double)((long)k)); /* x - lowerbound = k */
        else
            e = clamp01(a + b * is->numbers[k]);
        parley_space_set_term(sp, p, i, k, w * e);
    }
    return PARLEY_OK;
}

static parley_status linear_profile(xmlNodePtr obj, const char *path, const gx_domain *dom,
                                    parley_space *sp, size_t p, parley_error *err)
{
    double *w = calloc(dom->n_issues, sizeof *w);
    xmlNodePtr *node = calloc(dom->n_issues, sizeof *node);
    xmlNodePtr *wnode = calloc(dom->n_issues, sizeof *wnode);
    parley_status st = PARLEY_OK;
    if (!w || !node || !wnode) {
        st = parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
        goto done;
    }
    /* weights and issues anywhere under the objective (nested objectives) */
    xmlNodePtr stack[64];
    size_t top = 0;
    stack[top++] = obj;
    while (top) {
        xmlNodePtr n = stack[--top];
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (parleyp_gx_is_elem(c, "weight") || parleyp_gx_is_elem(c, "issue")) {
                long i = match_issue(c, dom);
                if (i < 0) {
                    st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0, "index",
                                          "<%s>: no domain issue with this index or name",
                                          (const char *)c->name);
                    goto done;
                }
                if (parleyp_gx_is_elem(c, "issue")) {
                    if (node[i]) {
                        st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0, "index",
                                              "issue '%s' is evaluated twice (also on line %d)",
                                              dom->issues[i].name, line_of(node[i]));
                        goto done;
                    }
                    node[i] = c;
                } else {
                    if (wnode[i]) {
                        st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0, "index",
                                              "issue '%s' has two <weight>s (also on line %d)",
                                              dom->issues[i].name, line_of(wnode[i]));
                        goto done;
                    }
                    wnode[i] = c;
                    int r = parleyp_gx_attr_double(c, "value", path, &w[i], err);
                    if (r < 0 || (r > 0 && !(w[i] >= 0 && w[i] <= 1))) {
                        st = r < 0 ? PARLEY_ERR_INPUT
                                   : parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0,
                                                      "value",
                                                      w[i] < 0 ? "negative weight %g"
                                                               : "weight %g is above 1 (GENIUS "
                                                                 "weights are in [0, 1])",
                                                      w[i]);
                        goto done;
                    }
                }
            } else if (parleyp_gx_is_elem(c, "objective") && top < 64) {
                stack[top++] = c;
            }
        }
    }
    size_t n_weights = 0;
    for (size_t i = 0; i < dom->n_issues; i++)
        n_weights += w[i] > 0;
    if (n_weights == 0) {
        st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(obj), 0, "weight",
                              "no positive <weight>: this is not a preference profile");
        goto done;
    }
    for (size_t i = 0; i < dom->n_issues; i++) {
        const gx_issue *is = &dom->issues[i];
        if (!node[i]) {
            if (w[i] != 0) {
                st = parley_error_set(err, PARLEY_ERR_INPUT, path, 0, 0, "issue",
                                      "issue '%s' has a weight but no evaluation", is->name);
                goto done;
            }
            continue;
        }
        st = is->kind == GX_DISCRETE ? discrete_terms(node[i], path, is, w[i], sp, p, i, err)
                                     : numeric_terms(node[i], path, is, w[i], sp, p, i, err);
        if (st)
            goto done;
    }
done:
    free(w);
    free(node);
    free(wnode);
    return st;
}

static parley_status add_rectangle(xmlNodePtr rect, double delta, const char *path,
                                   const gx_domain *dom, parley_space *sp, size_t p,
                                   parley_error *err)
{
    size_t n = 0;
    for (xmlNodePtr c = rect->children; c; c = c->next)
        n += parleyp_gx_is_elem(c, "INCLUDES") || parleyp_gx_is_elem(c, "EXCLUDES");
    parley_condition *cond = calloc(n + 1, sizeof *cond);
    bool **flags = calloc(n + 1, sizeof *flags);
    parley_status st = PARLEY_OK;
    size_t n_inc = 0, n_exc = 0;
    if (!cond || !flags) {
        st = parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
        goto done;
    }
    /* INCLUDES first (when), then EXCLUDES (unless) */
    for (int pass = 0; pass < 2; pass++) {
        for (xmlNodePtr c = rect->children; c; c = c->next) {
            if (!parleyp_gx_is_elem(c, pass == 0 ? "INCLUDES" : "EXCLUDES"))
                continue;
            long i = match_issue(c, dom);
            double lo, hi;
            int a = parleyp_gx_attr_double(c, "min", path, &lo, err);
            int b = a < 0 ? -1 : parleyp_gx_attr_double(c, "max", path, &hi, err);
            if (i < 0 || a <= 0 || b <= 0) {
                st = (a < 0 || b < 0) ? PARLEY_ERR_INPUT
                                      : parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(c), 0,
                                                         i < 0 ? "index" : "min",
                                                         i < 0 ? "no domain issue with this index"
                                                               : "a bound needs min and max");
                goto done;
            }
            const gx_issue *is = &dom->issues[i];
            size_t k = n_inc + n_exc;
            flags[k] = malloc(is->n_values * sizeof **flags);
            if (!flags[k]) {
                st = parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
                goto done;
            }
            for (size_t v = 0; v < is->n_values; v++) {
                double x = is->kind == GX_DISCRETE ? (double)(v + 1) : is->numbers[v];
                flags[k][v] = lo <= x && x <= hi;
            }
            cond[k].issue = (size_t)i;
            cond[k].allowed = flags[k];
            if (pass == 0)
                n_inc++;
            else
                n_exc++;
        }
    }
    st = parley_space_add_rule(sp, p, delta, n_inc, cond, n_exc, cond + n_inc, err);
    if (st && err)
        snprintf(err->file, sizeof err->file, "%s", path);
done:
    if (flags)
        for (size_t k = 0; k < n; k++)
            free(flags[k]);
    free(flags);
    free(cond);
    return st;
}

static parley_status nonlinear_profile(xmlNodePtr us, const char *path, const gx_domain *dom,
                                       parley_space *sp, size_t p, parley_error *err)
{
    xmlNodePtr util = parleyp_gx_find(us, "utility");
    if (!util)
        return parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(us), 0, "utility",
                                "a nonlinear profile needs a <utility> element");
    double maxu = 1;
    if (parleyp_gx_attr_double(util, "maxutility", path, &maxu, err) < 0)
        return PARLEY_ERR_INPUT;
    if (!(maxu > 0))
        return parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(util), 0, "maxutility",
                                "maxutility must be > 0 (got %g)", maxu);
    parley_space_set_party_scale(sp, p, maxu, -HUGE_VAL, 1.0);
    for (xmlNodePtr uf = util->children; uf; uf = uf->next) {
        if (!parleyp_gx_is_elem(uf, "ufun"))
            continue;
        double weight = 1;
        if (parleyp_gx_attr_double(uf, "weight", path, &weight, err) < 0)
            return PARLEY_ERR_INPUT;
        for (xmlNodePtr r = uf->children; r; r = r->next) {
            if (!parleyp_gx_is_elem(r, "hyperRectangle"))
                continue;
            double u = 0;
            int k = parleyp_gx_attr_double(r, "utility", path, &u, err);
            if (k < 0)
                return PARLEY_ERR_INPUT;
            if (!isfinite(u * weight))
                return parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(r), 0, "utility",
                                        "utility %g times ufun weight %g is not finite", u, weight);
            parley_status st = add_rectangle(r, u * weight, path, dom, sp, p, err);
            if (st)
                return st;
        }
    }
    return PARLEY_OK;
}

static void party_name_from_path(const char *path, char *buf, size_t n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(buf, n, "%s", b);
    char *dot = strrchr(buf, '.');
    if (dot && strcmp(dot, ".xml") == 0)
        *dot = '\0';
}

parley_status parleyp_gx_profile_read(const char *path, const gx_domain *dom, parley_space *sp,
                                      size_t p, parley_error *err)
{
    xmlDocPtr doc = parleyp_gx_read(path, err);
    if (!doc)
        return err ? err->code : PARLEY_ERR_INPUT;
    parley_status st = PARLEY_OK;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr us =
        parleyp_gx_is_elem(root, "utility_space") ? root : parleyp_gx_find(root, "utility_space");
    if (!us) {
        st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(root), 0, "utility_space",
                              "not a GENIUS profile: no <utility_space>");
        goto done;
    }
    char name[256];
    party_name_from_path(path, name, sizeof name);
    if (parley_space_set_party_name(sp, p, name)) {
        st = parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
        goto done;
    }
    char *type = parleyp_gx_attr(us, "type");
    bool nonlinear = type && strcmp(type, "nonlinear") == 0;
    xmlFree(type);
    if (nonlinear) {
        st = nonlinear_profile(us, path, dom, sp, p, err);
    } else {
        xmlNodePtr obj = parleyp_gx_find(us, "objective");
        if (!obj) {
            st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(us), 0, "objective",
                                  "no <objective> in the profile");
            goto done;
        }
        st = linear_profile(obj, path, dom, sp, p, err);
        /* the profile's own name for itself (parley_genius_load may
         * prefer the template's agent name) */
        char *own = NULL;
        if (!st && (parleyp_gx_objective_name(obj, &own) ||
                    (own && parley_space_set_party_label(sp, p, own))))
            st = parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
        free(own);
    }
    if (st)
        goto done;
    double rv = (double)NAN, df = 1;
    xmlNodePtr n = parleyp_gx_find(us, "reservation");
    if (n && parleyp_gx_attr_double(n, "value", path, &rv, err) < 0) {
        st = PARLEY_ERR_INPUT;
        goto done;
    }
    n = parleyp_gx_find(us, "discount_factor");
    if (n && parleyp_gx_attr_double(n, "value", path, &df, err) < 0) {
        st = PARLEY_ERR_INPUT;
        goto done;
    }
    if (!(df >= 0 && df <= 1)) {
        st = parley_error_set(err, PARLEY_ERR_INPUT, path, line_of(n), 0, "value",
                              "<discount_factor>: %g is not in [0, 1]", df);
        goto done;
    }
    if (df == 0)
        df = 1; /* GENIUS: 0 means no discounting */
    parley_space_set_party_limits(sp, p, rv, df);
done:
    xmlFreeDoc(doc);
    return st;
}
