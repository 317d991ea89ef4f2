/*
 * io/yaml_prefs.c — reads `preferences:`: per party, issue weights, a value
 * in [0,1] for each option (or a shape over an ordered issue), and
 * non-additive rules with when/unless conditions. Normalises weights that do
 * not sum to 1 (with a warning); rejects negative, NaN or all-zero weights.
 */
#include "io/yaml_scenario.h"

#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weights must be finite and >= 0; all zero only for a party whose
 * utility comes from rules alone (has_rules). */
static parley_status read_weights(ys_reader *r, struct fy_node *wn, parley_prefs *pr,
                                  const char *field, const char *party, bool has_rules,
                                  bool normalise)
{
    parley_scenario *sc = r->sc;
    char f[160];
    snprintf(f, sizeof f, "%s.weights", field);
    parley_status st = parleyp_yd_expect_map(&r->yd, wn, f);
    if (st)
        return st;
    struct fy_node_pair *p;
    double sum = 0;
    YD_MAP_EACH(wn, p, it)
    {
        size_t is;
        struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
        snprintf(f, sizeof f, "%s.weights.%s", field,
                 parleyp_yd_text(k) ? parleyp_yd_text(k) : "?");
        if ((st = parleyp_ys_issue_ref(r, k, f, &is)) ||
            (st = parleyp_yd_number(&r->yd, v, f, &pr->weight[is])))
            return st;
        if (pr->weight[is] < 0)
            return parleyp_yd_fail(&r->yd, v, f, "weight must be >= 0, not %g", pr->weight[is]);
        sum += pr->weight[is];
    }
    pr->weight_sum = sum;
    pr->normalise = normalise;
    for (size_t i = 0; i < sc->n_issues; i++)
        pr->raw_weight[i] = pr->weight[i];
    if (!(sum > 0) && has_rules)
        return PARLEY_OK; /* utility from rules alone */
    if (!(sum > 0)) {
        snprintf(f, sizeof f, "%s.weights", field);
        return parleyp_yd_fail(&r->yd, wn, f, "weights of party '%s' are all zero", party);
    }
    if (fabs(sum - 1) > 1e-9 && normalise) {
        pr->weight_sum = 1;
        /* Name the issues left out: they weigh 0, which is easy to miss. */
        char missing[256] = "";
        size_t n_missing = 0, used = 0;
        for (size_t i = 0; i < sc->n_issues; i++)
            if (!parleyp_yd_get(wn, sc->issues[i].id) && used < sizeof missing) {
                int w = snprintf(missing + used, sizeof missing - used, "%s'%s'",
                                 n_missing++ ? ", " : "", sc->issues[i].id);
                used += w > 0 ? (size_t)w : 0;
            }
        parley_where at = parleyp_yd_where(wn);
        if (parleyp_pm_scenario_warn(
                sc,
                "%s:%d:%d: %s.weights: weights of party '%s' sum to %g; normalised to "
                "1%s%s%s",
                sc->file, at.line, at.column, field, party, sum,
                n_missing ? "; no weight for " : "", missing,
                n_missing ? (n_missing > 1 ? ", which weigh 0" : ", which weighs 0") : ""))
            return parley_error_set(r->yd.err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL,
                                    "out of memory");
        for (size_t i = 0; i < sc->n_issues; i++)
            pr->weight[i] /= sum;
    }
    return PARLEY_OK;
}

/* Piecewise-linear interpolation through (x, v) points sorted by x. */
static double interpolate(const double *xs, const double *vs, size_t n, double x)
{
    if (x <= xs[0])
        return vs[0];
    for (size_t k = 1; k < n; k++)
        if (x <= xs[k])
            return vs[k - 1] + (vs[k] - vs[k - 1]) * (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
    return vs[n - 1];
}

static parley_status read_points_shape(ys_reader *r, struct fy_node *pts, const parley_issue *is,
                                       double *out, const char *f)
{
    size_t n;
    parley_status st = parleyp_ys_count(r, pts, f, &n);
    if (st)
        return st;
    if (n < 2)
        return parleyp_yd_fail(&r->yd, pts, f, "points: needs at least two [x, value] pairs");
    double *xs = parleyp_ys_alloc(r, n, sizeof *xs), *vs = parleyp_ys_alloc(r, n, sizeof *vs);
    if (!xs || !vs) {
        free(xs);
        free(vs);
        return PARLEY_ERR_LIMIT;
    }
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(pts, item, it)
    {
        if (!fy_node_is_sequence(item) || fy_node_sequence_item_count(item) != 2) {
            st = parleyp_yd_fail(&r->yd, item, f, "each point must be [x, value]");
            break;
        }
        if ((st = parleyp_yd_number(&r->yd, fy_node_sequence_get_by_index(item, 0), f, &xs[k])) ||
            (st = parleyp_yd_number(&r->yd, fy_node_sequence_get_by_index(item, 1), f, &vs[k])))
            break;
        if (vs[k] < 0 || vs[k] > 1) {
            st = parleyp_yd_fail(&r->yd, item, f, "value must be in [0, 1], not %g", vs[k]);
            break;
        }
        if (k > 0 && !(xs[k] > xs[k - 1])) {
            st = parleyp_yd_fail(&r->yd, item, f, "points must have increasing x");
            break;
        }
        k++;
    }
    if (!st)
        for (size_t o = 0; o < is->n_options; o++)
            out[o] = interpolate(
                xs, vs, n, is->kind == PARLEY_ISSUE_DISCRETE ? (double)o : is->options[o].value);
    free(xs);
    free(vs);
    return st;
}

/* values.<issue>: {option: value, ...} or {shape: increasing|decreasing} or
 * {peak: x} or {points: [[x, v], ...]}. */
static parley_status read_issue_values(ys_reader *r, struct fy_node *vn, size_t is_idx, double *out,
                                       const char *f)
{
    const parley_issue *is = &r->sc->issues[is_idx];
    parley_status st = parleyp_yd_expect_map(&r->yd, vn, f);
    if (st)
        return st;
    struct fy_node *shape = parleyp_yd_get(vn, "shape"), *peak = parleyp_yd_get(vn, "peak"),
                   *pts = parleyp_yd_get(vn, "points");
    bool named_shape = (shape || peak || pts) && parley_option_find(is, "shape") < 0 &&
                       parley_option_find(is, "peak") < 0 && parley_option_find(is, "points") < 0;
    if (named_shape) {
        if (fy_node_mapping_item_count(vn) != 1)
            return parleyp_yd_fail(&r->yd, vn, f, "give one of shape:, peak: or points:");
        if (!is->ordered)
            return parleyp_yd_fail(&r->yd, vn, f,
                                   "shapes need an ordered issue ('%s' is not; add ordered: true)",
                                   is->id);
        if (pts)
            return read_points_shape(r, pts, is, out, f);
        size_t n = is->n_options;
        if (shape) {
            const char *s = parleyp_yd_text(shape);
            bool up = s && strcmp(s, "increasing") == 0, down = s && strcmp(s, "decreasing") == 0;
            if (!up && !down)
                return parleyp_yd_fail(&r->yd, shape, f, "shape must be increasing or decreasing");
            for (size_t o = 0; o < n; o++) {
                double t = n > 1 ? (double)o / (double)(n - 1) : 1.0;
                out[o] = up ? t : 1 - t;
            }
            return PARLEY_OK;
        }
        size_t top;
        if ((st = parleyp_ys_option_ref(r, peak, f, is_idx, &top)))
            return st;
        double span = (double)(top > n - 1 - top ? top : n - 1 - top);
        for (size_t o = 0; o < n; o++)
            out[o] = span > 0 ? 1 - fabs((double)o - (double)top) / span : 1.0;
        return PARLEY_OK;
    }
    bool *seen = parleyp_ys_alloc(r, is->n_options, sizeof *seen);
    if (!seen)
        return PARLEY_ERR_LIMIT;
    struct fy_node_pair *p;
    YD_MAP_EACH(vn, p, it)
    {
        size_t o;
        struct fy_node *k = fy_node_pair_key(p), *v = fy_node_pair_value(p);
        if ((st = parleyp_ys_option_ref(r, k, f, is_idx, &o)) ||
            (st = parleyp_yd_number(&r->yd, v, f, &out[o])))
            break;
        if (out[o] < 0 || out[o] > 1) {
            st = parleyp_yd_fail(&r->yd, v, f, "value of '%s' must be in [0, 1], not %g",
                                 parleyp_yd_text(k), out[o]);
            break;
        }
        seen[o] = true;
    }
    for (size_t o = 0; o < is->n_options && !st; o++)
        if (!seen[o])
            st = parleyp_yd_fail(&r->yd, vn, f, "no value for option '%s'", is->options[o].id);
    free(seen);
    return st;
}

/* One condition: issue: option | [options] | ">= option" (also <=, >, <, !=). */
static parley_status read_condition(ys_reader *r, struct fy_node *k, struct fy_node *v,
                                    parley_rule_condition *c, const char *f)
{
    parley_status st = parleyp_ys_issue_ref(r, k, f, &c->issue);
    if (st)
        return st;
    const parley_issue *is = &r->sc->issues[c->issue];
    if (!(c->allowed = parleyp_ys_alloc(r, is->n_options, sizeof *c->allowed)))
        return PARLEY_ERR_LIMIT;
    size_t o;
    if (fy_node_is_sequence(v)) {
        struct fy_node *item;
        YD_SEQ_EACH(v, item, it)
        {
            if ((st = parleyp_ys_option_ref(r, item, f, c->issue, &o)))
                return st;
            c->allowed[o] = true;
        }
        return PARLEY_OK;
    }
    const char *s = parleyp_yd_text(v);
    if (!s)
        return parleyp_yd_fail(&r->yd, v, f,
                               "a condition is an option, a list of options, or '>= option'");
    static const char *const ops[] = {">=", "<=", "!=", ">", "<"};
    for (size_t i = 0; i < 5; i++) {
        size_t len = strlen(ops[i]);
        if (strncmp(s, ops[i], len) != 0)
            continue;
        const char *rest = s + len;
        while (*rest == ' ')
            rest++;
        long ref = parley_option_find(is, rest);
        if (ref < 0 && is->kind != PARLEY_ISSUE_DISCRETE) {
            char *end;
            double x = strtod(rest, &end);
            double kk = (x - is->lower) / is->step;
            if (end != rest && !*end && fabs(kk - nearbyint(kk)) < 1e-9 && kk >= 0 &&
                kk < (double)is->n_options)
                ref = (long)nearbyint(kk);
        }
        if (ref < 0)
            return parleyp_yd_fail(&r->yd, v, f, "'%s' is not an option of issue '%s'", rest,
                                   is->id);
        if (i != 2 && !is->ordered)
            return parleyp_yd_fail(&r->yd, v, f,
                                   "'%s' compares options of '%s', which is not ordered", ops[i],
                                   is->id);
        for (size_t j = 0; j < is->n_options; j++) {
            long d = (long)j - ref;
            c->allowed[j] = i == 0   ? d >= 0
                            : i == 1 ? d <= 0
                            : i == 2 ? d != 0
                            : i == 3 ? d > 0
                                     : d < 0;
        }
        return PARLEY_OK;
    }
    if ((st = parleyp_ys_option_ref(r, v, f, c->issue, &o)))
        return st;
    c->allowed[o] = true;
    return PARLEY_OK;
}

static parley_status read_conditions(ys_reader *r, struct fy_node *n, parley_rule_condition **out,
                                     size_t *count, const char *f)
{
    parley_status st = parleyp_yd_expect_map(&r->yd, n, f);
    if (st)
        return st;
    *count = (size_t)fy_node_mapping_item_count(n);
    if (!(*out = parleyp_ys_alloc(r, *count, sizeof **out)))
        return PARLEY_ERR_LIMIT;
    struct fy_node_pair *p;
    size_t k = 0;
    YD_MAP_EACH(n, p, it)
    if ((st = read_condition(r, fy_node_pair_key(p), fy_node_pair_value(p), &(*out)[k++], f)))
        return st;
    return PARLEY_OK;
}

static parley_status read_rules(ys_reader *r, struct fy_node *rn, parley_prefs *pr,
                                const char *field)
{
    static const char *const keys[] = {"label", "delta", "when", "unless", "notes", "source", NULL};
    char f[160];
    snprintf(f, sizeof f, "%s.rules", field);
    parley_status st = parleyp_ys_count(r, rn, f, &pr->n_rules);
    if (st)
        return st;
    if (!(pr->rules = parleyp_ys_alloc(r, pr->n_rules, sizeof *pr->rules)))
        return PARLEY_ERR_LIMIT;
    struct fy_node *item;
    size_t k = 0;
    YD_SEQ_EACH(rn, item, it)
    {
        parley_rule *ru = &pr->rules[k];
        snprintf(f, sizeof f, "%s.rules[%zu]", field, k++);
        ru->where = parleyp_yd_where(item);
        if ((st = parleyp_yd_expect_map(&r->yd, item, f)) ||
            (st = parleyp_yd_check_keys(&r->yd, item, f, keys)))
            return st;
        struct fy_node *n;
        if ((n = parleyp_yd_get(item, "label")) &&
            (st = parleyp_yd_string(&r->yd, n, f, &ru->label)))
            return st;
        if (!(n = parleyp_yd_get(item, "delta")))
            return parleyp_yd_fail(&r->yd, item, f,
                                   "missing 'delta' (utility added when the rule holds)");
        if ((st = parleyp_yd_number(&r->yd, n, f, &ru->delta)))
            return st;
        if (ru->delta < -1 || ru->delta > 1)
            return parleyp_yd_fail(&r->yd, n, f, "delta must be in [-1, 1], not %g", ru->delta);
        if (!parleyp_yd_get(item, "when") && !parleyp_yd_get(item, "unless"))
            return parleyp_yd_fail(&r->yd, item, f, "a rule needs when: or unless:");
        if ((n = parleyp_yd_get(item, "when")) &&
            (st = read_conditions(r, n, &ru->when, &ru->n_when, f)))
            return st;
        if ((n = parleyp_yd_get(item, "unless")) &&
            (st = read_conditions(r, n, &ru->unless, &ru->n_unless, f)))
            return st;
    }
    return PARLEY_OK;
}

static parley_status read_party_prefs(ys_reader *r, struct fy_node *pn, size_t party,
                                      const char *field)
{
    static const char *const keys[] = {"weights", "values", "rules", "normalise",
                                       "notes",   "source", NULL};
    parley_scenario *sc = r->sc;
    parley_prefs *pr = &sc->prefs[party];
    parley_status st;
    pr->where = parleyp_yd_where(pn);
    if ((st = parleyp_yd_expect_map(&r->yd, pn, field)) ||
        (st = parleyp_yd_check_keys(&r->yd, pn, field, keys)))
        return st;
    if (!(pr->weight = parleyp_ys_alloc(r, sc->n_issues, sizeof *pr->weight)) ||
        !(pr->raw_weight = parleyp_ys_alloc(r, sc->n_issues, sizeof *pr->raw_weight)) ||
        !(pr->value = parleyp_ys_alloc(r, sc->n_issues, sizeof *pr->value)))
        return PARLEY_ERR_LIMIT;
    for (size_t i = 0; i < sc->n_issues; i++)
        if (!(pr->value[i] = parleyp_ys_alloc(r, sc->issues[i].n_options, sizeof(double))))
            return PARLEY_ERR_LIMIT;
    struct fy_node *wn = parleyp_yd_get(pn, "weights"), *vn = parleyp_yd_get(pn, "values");
    if (!wn)
        return parleyp_yd_fail(&r->yd, pn, field, "missing 'weights'");
    struct fy_node *rules = parleyp_yd_get(pn, "rules");
    bool has_rules = rules && fy_node_is_sequence(rules) && fy_node_sequence_item_count(rules) > 0;
    bool normalise = true;
    struct fy_node *nn = parleyp_yd_get(pn, "normalise");
    char nf[160];
    snprintf(nf, sizeof nf, "%s.normalise", field);
    if (nn && (st = parleyp_yd_bool(&r->yd, nn, nf, &normalise)))
        return st;
    if ((st = read_weights(r, wn, pr, field, sc->parties[party].id, has_rules, normalise)))
        return st;
    char f[160];
    snprintf(f, sizeof f, "%s.values", field);
    if (vn && (st = parleyp_yd_expect_map(&r->yd, vn, f)))
        return st;
    bool *given = parleyp_ys_alloc(r, sc->n_issues, sizeof *given);
    if (!given)
        return PARLEY_ERR_LIMIT;
    struct fy_node_pair *p;
    if (vn)
        YD_MAP_EACH(vn, p, it)
        {
            size_t is;
            snprintf(f, sizeof f, "%s.values.%s", field,
                     parleyp_yd_text(fy_node_pair_key(p)) ? parleyp_yd_text(fy_node_pair_key(p))
                                                          : "?");
            if ((st = parleyp_ys_issue_ref(r, fy_node_pair_key(p), f, &is)) ||
                (st = read_issue_values(r, fy_node_pair_value(p), is, pr->value[is], f)))
                break;
            given[is] = true;
        }
    for (size_t i = 0; i < sc->n_issues && !st; i++)
        if (pr->weight[i] > 0 && !given[i]) {
            snprintf(f, sizeof f, "%s.values", field);
            st = parleyp_yd_fail(&r->yd, vn ? vn : pn, f, "issue '%s' has weight %g but no values",
                                 sc->issues[i].id, pr->weight[i]);
        }
    free(given);
    struct fy_node *rn = parleyp_yd_get(pn, "rules");
    if (!st && rn)
        st = read_rules(r, rn, pr, field);
    return st;
}

parley_status parleyp_ys_read_preferences(ys_reader *r, struct fy_node *node)
{
    parley_scenario *sc = r->sc;
    parley_status st = parleyp_yd_expect_map(&r->yd, node, "preferences");
    if (st)
        return st;
    if (!(sc->prefs = parleyp_ys_alloc(r, sc->n_parties, sizeof *sc->prefs)))
        return PARLEY_ERR_LIMIT;
    bool *seen = parleyp_ys_alloc(r, sc->n_parties, sizeof *seen);
    if (!seen)
        return PARLEY_ERR_LIMIT;
    struct fy_node_pair *p;
    YD_MAP_EACH(node, p, it)
    {
        long party = -1;
        char field[96];
        const char *id = parleyp_yd_text(fy_node_pair_key(p));
        snprintf(field, sizeof field, "preferences.%s", id ? id : "?");
        if ((st = parleyp_ys_party_ref(r, fy_node_pair_key(p), field, &party)) ||
            (st = read_party_prefs(r, fy_node_pair_value(p), (size_t)party, field)))
            break;
        seen[party] = true;
    }
    for (size_t i = 0; i < sc->n_parties && !st; i++)
        if (!seen[i])
            st = parleyp_yd_fail(&r->yd, node, "preferences", "no preferences for party '%s'",
                                 sc->parties[i].id);
    free(seen);
    return st;
}
