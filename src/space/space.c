/*
 * space/space.c — building, reading and evaluating a compiled outcome space
 * (see parley/space.h for the utility model). Readers (GENIUS XML, parley
 * scenarios) call the builder functions; analysis code reads the layout in
 * space_impl.h directly.
 */
#include "space/space_impl.h"

#include "core/error.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

parley_space *parley_space_new(size_t n_parties, size_t n_issues, const size_t *n_values,
                               parley_error *err)
{
    if (n_parties < 1 || n_parties > 64 || n_issues < 1 || n_issues > 100000) {
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                         "an outcome space needs 1-64 parties and 1-100000 issues (got %zu, %zu)",
                         n_parties, n_issues);
        return NULL;
    }
    size_t total = 0;
    for (size_t i = 0; i < n_issues; i++) {
        if (n_values[i] < 1 || n_values[i] > UINT32_MAX / 2 || total > SIZE_MAX / 64) {
            parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                             "issue %zu has %zu values (must be 1 to 2^31)", i, n_values[i]);
            return NULL;
        }
        total += n_values[i];
    }
    if (total > ((size_t)1 << 28)) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL,
                         "the issues have %zu values in all (limit 2^28)", total);
        return NULL;
    }
    parley_space *sp = calloc(1, sizeof *sp);
    if (!sp)
        goto oom;
    sp->n_parties = n_parties;
    sp->n_issues = n_issues;
    sp->total_values = total;
    sp->n_values = malloc(n_issues * sizeof *sp->n_values);
    sp->offset = malloc(n_issues * sizeof *sp->offset);
    sp->issue_name = calloc(n_issues, sizeof *sp->issue_name);
    sp->value_label = calloc(total, sizeof *sp->value_label);
    sp->party = calloc(n_parties, sizeof *sp->party);
    if (!sp->n_values || !sp->offset || !sp->issue_name || !sp->value_label || !sp->party)
        goto oom;
    size_t off = 0;
    for (size_t i = 0; i < n_issues; i++) {
        sp->n_values[i] = n_values[i];
        sp->offset[i] = off;
        off += n_values[i];
    }
    for (size_t p = 0; p < n_parties; p++) {
        ps_party *pp = &sp->party[p];
        pp->term = calloc(total, sizeof *pp->term);
        if (!pp->term)
            goto oom;
        pp->divisor = 1.0;
        pp->floor = -HUGE_VAL;
        pp->ceil = 1.0;
        pp->reservation = NAN;
        pp->discount = 1.0;
    }
    return sp;
oom:
    parley_space_free(sp);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory building the space");
    return NULL;
}

void parley_space_free(parley_space *sp)
{
    if (!sp)
        return;
    if (sp->party) {
        for (size_t p = 0; p < sp->n_parties; p++) {
            ps_party *pp = &sp->party[p];
            free(pp->name);
            free(pp->label);
            free(pp->term);
            for (size_t r = 0; r < pp->n_rules; r++) {
                ps_rule *ru = &pp->rules[r];
                for (uint32_t k = 0; k < ru->n_when + ru->n_unless; k++)
                    free(ru->cond[k].allowed);
                free(ru->cond);
            }
            free(pp->rules);
        }
    }
    if (sp->issue_name)
        for (size_t i = 0; i < sp->n_issues; i++)
            free(sp->issue_name[i]);
    if (sp->value_label)
        for (size_t v = 0; v < sp->total_values; v++)
            free(sp->value_label[v]);
    free(sp->party);
    free(sp->issue_name);
    free(sp->value_label);
    free(sp->n_values);
    free(sp->offset);
    free(sp->name);
    free(sp);
}

static parley_status replace_str(char **slot, const char *s)
{
    char *d = dup_str(s ? s : "");
    if (!d)
        return PARLEY_ERR_LIMIT;
    free(*slot);
    *slot = d;
    return PARLEY_OK;
}

parley_status parley_space_set_issue_name(parley_space *sp, size_t issue, const char *name)
{
    assert(issue < sp->n_issues);
    return replace_str(&sp->issue_name[issue], name);
}

parley_status parley_space_set_value_label(parley_space *sp, size_t issue, size_t value,
                                           const char *label)
{
    assert(issue < sp->n_issues && value < sp->n_values[issue]);
    return replace_str(&sp->value_label[sp->offset[issue] + value], label);
}

parley_status parley_space_set_name(parley_space *sp, const char *name)
{
    if (!name) {
        free(sp->name);
        sp->name = NULL;
        return PARLEY_OK;
    }
    return replace_str(&sp->name, name);
}

parley_status parley_space_set_party_label(parley_space *sp, size_t party, const char *label)
{
    if (party >= sp->n_parties)
        return PARLEY_ERR_INPUT;
    if (!label) {
        free(sp->party[party].label);
        sp->party[party].label = NULL;
        return PARLEY_OK;
    }
    return replace_str(&sp->party[party].label, label);
}

const char *parley_space_name(const parley_space *sp)
{
    return sp->name;
}

const char *parley_space_party_label(const parley_space *sp, size_t party)
{
    return party < sp->n_parties ? sp->party[party].label : NULL;
}

parley_status parley_space_set_party_name(parley_space *sp, size_t party, const char *name)
{
    assert(party < sp->n_parties);
    return replace_str(&sp->party[party].name, name);
}

void parley_space_set_term(parley_space *sp, size_t party, size_t issue, size_t value, double term)
{
    assert(party < sp->n_parties && issue < sp->n_issues && value < sp->n_values[issue]);
    sp->party[party].term[sp->offset[issue] + value] = term;
}

void parley_space_set_party_limits(parley_space *sp, size_t party, double reservation,
                                   double discount)
{
    assert(party < sp->n_parties);
    sp->party[party].reservation = reservation;
    sp->party[party].discount = discount;
}

void parley_space_set_party_scale(parley_space *sp, size_t party, double divisor, double floor,
                                  double ceil)
{
    assert(party < sp->n_parties && divisor > 0);
    sp->party[party].divisor = divisor;
    sp->party[party].floor = floor;
    sp->party[party].ceil = ceil;
}

static bool copy_conds(const parley_space *sp, ps_cond *dst, const parley_condition *src, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t nv = sp->n_values[src[k].issue];
        dst[k].issue = (uint32_t)src[k].issue;
        dst[k].allowed = malloc(nv);
        if (!dst[k].allowed)
            return false;
        for (size_t v = 0; v < nv; v++)
            dst[k].allowed[v] = src[k].allowed[v] ? 1 : 0;
    }
    return true;
}

parley_status parley_space_add_rule(parley_space *sp, size_t party, double delta, size_t n_when,
                                    const parley_condition *when, size_t n_unless,
                                    const parley_condition *unless, parley_error *err)
{
    assert(party < sp->n_parties);
    if (!isfinite(delta))
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                "a rule's utility must be a finite number");
    for (size_t k = 0; k < n_when + n_unless; k++) {
        const parley_condition *c = k < n_when ? &when[k] : &unless[k - n_when];
        if (c->issue >= sp->n_issues)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                    "a rule names issue %zu of %zu", c->issue + 1, sp->n_issues);
    }
    ps_party *pp = &sp->party[party];
    if (pp->n_rules == pp->cap_rules) {
        size_t cap = pp->cap_rules ? 2 * pp->cap_rules : 8;
        ps_rule *r = realloc(pp->rules, cap * sizeof *r);
        if (!r)
            goto oom;
        pp->rules = r;
        pp->cap_rules = cap;
    }
    ps_rule *ru = &pp->rules[pp->n_rules];
    memset(ru, 0, sizeof *ru);
    ru->delta = delta;
    ru->cond = calloc(n_when + n_unless + 1, sizeof *ru->cond);
    if (!ru->cond)
        goto oom;
    ru->n_when = (uint32_t)n_when;
    ru->n_unless = (uint32_t)n_unless;
    if (!copy_conds(sp, ru->cond, when, n_when) ||
        !copy_conds(sp, ru->cond + n_when, unless, n_unless)) {
        for (size_t k = 0; k < n_when + n_unless; k++) /* calloc'd: unset ones are NULL */
            free(ru->cond[k].allowed);
        free(ru->cond);
        goto oom;
    }
    pp->n_rules++; /* the space owns it from here */
    return PARLEY_OK;
oom:
    return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory adding a rule");
}

size_t parley_space_party_count(const parley_space *sp)
{
    return sp->n_parties;
}
size_t parley_space_issue_count(const parley_space *sp)
{
    return sp->n_issues;
}

size_t parley_space_value_count(const parley_space *sp, size_t issue)
{
    assert(issue < sp->n_issues);
    return sp->n_values[issue];
}

double parley_space_outcome_count(const parley_space *sp)
{
    double n = 1;
    for (size_t i = 0; i < sp->n_issues; i++)
        n *= (double)sp->n_values[i];
    return n;
}

const char *parley_space_party_name(const parley_space *sp, size_t party)
{
    return sp->party[party].name ? sp->party[party].name : "";
}

const char *parley_space_issue_name(const parley_space *sp, size_t issue)
{
    return sp->issue_name[issue] ? sp->issue_name[issue] : "";
}

const char *parley_space_value_label(const parley_space *sp, size_t issue, size_t value)
{
    const char *s = sp->value_label[sp->offset[issue] + value];
    return s ? s : "";
}

double parley_space_reservation(const parley_space *sp, size_t party)
{
    return sp->party[party].reservation;
}

double parley_space_discount(const parley_space *sp, size_t party)
{
    return sp->party[party].discount;
}

bool parley_space_is_additive(const parley_space *sp)
{
    for (size_t p = 0; p < sp->n_parties; p++)
        if (sp->party[p].n_rules)
            return false;
    return true;
}

long parley_space_value_find(const parley_space *sp, size_t issue, const char *label)
{
    for (size_t v = 0; v < sp->n_values[issue]; v++)
        if (strcmp(parley_space_value_label(sp, issue, v), label) == 0)
            return (long)v;
    return -1;
}

double parley_space_utility(const parley_space *sp, size_t party, const uint32_t *outcome)
{
    const ps_party *pp = &sp->party[party];
    double raw = 0.0;
    for (size_t i = 0; i < sp->n_issues; i++) {
        assert(outcome[i] < sp->n_values[i]);
        raw += pp->term[sp->offset[i] + outcome[i]];
    }
    double rules = 0.0; /* summed apart, then added: as model/utility.c does */
    for (size_t r = 0; r < pp->n_rules; r++)
        if (ps_rule_fires(&pp->rules[r], outcome))
            rules += pp->rules[r].delta;
    return ps_scale(pp, raw + rules);
}

void parley_space_utilities(const parley_space *sp, const uint32_t *outcome, double *u)
{
    for (size_t p = 0; p < sp->n_parties; p++)
        u[p] = parley_space_utility(sp, p, outcome);
}

double parley_space_discounted(const parley_space *sp, size_t party, const uint32_t *outcome,
                               double t)
{
    double d = sp->party[party].discount;
    double u = parley_space_utility(sp, party, outcome);
    if (!(d > 0.0 && d < 1.0))
        return u;
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    return u * pow(d, t);
}
