/*
 * io/yaml_write.c — outcome space -> parley YAML (see parley/convert.h).
 * Strings are written as JSON strings (valid YAML double-quoted scalars)
 * through jansson, so any label is quoted and escaped correctly.
 */
#include "parley.h"

#include "core/error.h"
#include "core/text.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A party's id in the YAML: its name in the input files (a GENIUS agent or
 * profile objective, parley_space_party_label) when they give one, else the
 * name the engines use. */
static const char *party_id(const parley_space *sp, size_t p)
{
    const char *label = parley_space_party_label(sp, p);
    return label && *label ? label : parley_space_party_name(sp, p);
}

static void q(FILE *fp, const char *s)
{
    parleyp_pt_write_quoted(fp, s);
}

static void num(FILE *fp, double v)
{
    char buf[40];
    fputs(parleyp_pt_shortest(v, buf, sizeof buf), fp);
}

static void note(parley_yaml_text *r, const char *fmt, ...)
{
    size_t used = strlen(r->notes);
    if (used + 2 < sizeof r->notes) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->notes + used, sizeof r->notes - used, fmt, ap);
        va_end(ap);
    }
    r->n_notes++;
}

/* The largest term / divisor of party p on issue i: the exported weight. */
static double issue_top(const parley_space *sp, size_t p, size_t i, double divisor)
{
    double top = 0;
    for (size_t v = 0; v < parley_space_value_count(sp, i); v++)
        top = fmax(top, parley_space_term(sp, p, i, v) / divisor);
    return top;
}

/* Writes "issue: [allowed values]" for the conditions [from, to) of a rule,
 * intersecting conditions on the same issue. Returns false when some issue
 * allows nothing. Sets *any when at least one condition restricts. */
static bool conds(FILE *fp, const parley_space *sp, size_t p, size_t r, size_t from, size_t to,
                  bool write, bool *any)
{
    size_t ni = parley_space_issue_count(sp);
    *any = false;
    for (size_t i = 0; i < ni; i++) {
        bool has = false;
        for (size_t k = from; k < to; k++)
            has |= parley_space_rule_cond_issue(sp, p, r, k) == i;
        if (!has)
            continue;
        size_t nv = parley_space_value_count(sp, i), n_ok = 0;
        for (size_t v = 0; v < nv; v++) {
            bool ok = true;
            for (size_t k = from; k < to; k++)
                if (parley_space_rule_cond_issue(sp, p, r, k) == i)
                    ok &= parley_space_rule_cond_allows(sp, p, r, k, v);
            n_ok += ok;
        }
        if (n_ok == 0)
            return false;
        if (n_ok == nv)
            continue; /* always holds: leave it out */
        if (write) {
            fprintf(fp, "%s", *any ? ", " : "");
            q(fp, parley_space_issue_name(sp, i));
            fputs(": [", fp);
            size_t w = 0;
            for (size_t v = 0; v < nv; v++) {
                bool ok = true;
                for (size_t k = from; k < to; k++)
                    if (parley_space_rule_cond_issue(sp, p, r, k) == i)
                        ok &= parley_space_rule_cond_allows(sp, p, r, k, v);
                if (ok) {
                    fputs(w++ ? ", " : "", fp);
                    q(fp, parley_space_value_label(sp, i, v));
                }
            }
            fputs("]", fp);
        }
        *any = true;
    }
    return true;
}

static void write_rules(FILE *fp, const parley_space *sp, size_t p, double divisor)
{
    size_t nr = parley_space_rule_count(sp, p), written = 0;
    for (size_t r = 0; r < nr; r++) {
        parley_rule_view v = parley_space_rule(sp, p, r);
        bool wany, uany;
        if (!conds(fp, sp, p, r, 0, v.n_when, false, &wany))
            continue; /* a `when` that never holds: the rule never fires */
        bool unless_possible =
            v.n_unless == 0 || conds(fp, sp, p, r, v.n_when, v.n_conds, false, &uany);
        if (v.n_unless && unless_possible && !uany)
            continue; /* `unless` always holds: the rule never fires */
        fputs(written++ ? "" : "    rules:\n", fp);
        fputs("      - {delta: ", fp);
        num(fp, v.delta / divisor);
        fputs(", when: {", fp);
        conds(fp, sp, p, r, 0, v.n_when, true, &wany);
        fputs("}", fp);
        if (v.n_unless && unless_possible) {
            fputs(", unless: {", fp);
            conds(fp, sp, p, r, v.n_when, v.n_conds, true, &uany);
            fputs("}", fp);
        }
        fputs("}\n", fp);
    }
}

static void write_party(FILE *fp, const parley_space *sp, size_t p, parley_yaml_text *res)
{
    size_t ni = parley_space_issue_count(sp);
    double divisor, floor, ceil;
    parley_space_scale(sp, p, &divisor, &floor, &ceil);
    double sum = 0;
    bool negative = false;
    for (size_t i = 0; i < ni; i++) {
        for (size_t v = 0; v < parley_space_value_count(sp, i); v++)
            negative |= parley_space_term(sp, p, i, v) / divisor < 0;
        sum += issue_top(sp, p, i, divisor);
    }
    for (size_t r = 0; r < parley_space_rule_count(sp, p); r++)
        negative |= parley_space_rule(sp, p, r).delta < 0;
    const char *name = party_id(sp, p);

    if (negative && floor < 0)
        note(res, "%s: negative terms; parley floors utility at 0. ", name);
    if (ceil != 1)
        note(res, "%s: utility capped at %g; parley caps at 1. ", name, ceil);
    fputs("  ", fp);
    q(fp, name);
    fputs(":\n", fp);
    if (sum > 0 && fabs(sum - 1) > 1e-12)
        fputs("    normalise: false   # GENIUS uses weights as written\n", fp);
    fputs("    weights: {", fp);
    size_t w = 0;
    for (size_t i = 0; i < ni; i++) {
        double top = issue_top(sp, p, i, divisor);
        if (top <= 0)
            continue;
        fputs(w++ ? ", " : "", fp);
        q(fp, parley_space_issue_name(sp, i));
        fputs(": ", fp);
        num(fp, top);
    }
    fputs("}\n", fp);
    if (w)
        fputs("    values:\n", fp);
    for (size_t i = 0; i < ni; i++) {
        double top = issue_top(sp, p, i, divisor);
        size_t nv = parley_space_value_count(sp, i);
        if (top <= 0)
            continue;
        fputs("      ", fp);
        q(fp, parley_space_issue_name(sp, i));
        fputs(": {", fp);
        for (size_t v = 0; v < nv; v++) {
            fputs(v ? ", " : "", fp);
            q(fp, parley_space_value_label(sp, i, v));
            fputs(": ", fp);
            num(fp, fmax(0, parley_space_term(sp, p, i, v) / divisor / top));
        }
        fputs("}\n", fp);
    }
    write_rules(fp, sp, p, divisor);
}

parley_status parley_space_write_yaml(const parley_space *sp, const char *title,
                                      parley_yaml_text *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    size_t np = parley_space_party_count(sp), ni = parley_space_issue_count(sp);
    fputs("# Written by `parley convert`.\n", fp);
    fputs("title: ", fp);
    q(fp, title);
    fputs("\nparties:\n", fp);
    for (size_t p = 0; p < np; p++) {
        double rv = parley_space_reservation(sp, p), d = parley_space_discount(sp, p);
        fputs("  - {id: ", fp);
        q(fp, party_id(sp, p));
        if (!isnan(rv) && rv >= 0 && rv <= 1) {
            fputs(", walk_away: ", fp);
            num(fp, rv);
        } else {
            note(out, "%s: %s reservation value; walk-away 0. ", party_id(sp, p),
                 isnan(rv) ? "no" : "out-of-range");
        }
        if (d > 0 && d < 1) {
            fputs(", discount: ", fp);
            num(fp, d);
        }
        fputs("}\n", fp);
    }
    fputs("issues:\n", fp);
    for (size_t i = 0; i < ni; i++) {
        fputs("  - id: ", fp);
        q(fp, parley_space_issue_name(sp, i));
        fputs("\n    options: [", fp);
        for (size_t v = 0; v < parley_space_value_count(sp, i); v++) {
            fputs(v ? ", " : "", fp);
            q(fp, parley_space_value_label(sp, i, v));
        }
        fputs("]\n", fp);
    }
    fputs("preferences:\n", fp);
    for (size_t p = 0; p < np; p++)
        write_party(fp, sp, p, out);
    if (fclose(fp) != 0 || !buf) {
        free(buf);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    out->text = buf;
    return PARLEY_OK;
}
