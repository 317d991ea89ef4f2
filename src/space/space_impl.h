/*
 * space/space_impl.h — the layout of a compiled outcome space, shared by the
 * space and analysis modules (not part of the public API: use
 * parley/space.h). Plain arrays so that the evaluation and enumeration
 * kernels can read them directly.
 *
 * Values of all issues are numbered consecutively: value v of issue i is
 * slot offset[i] + v, so one party's additive terms are one flat array.
 */
#ifndef PARLEY_SPACE_IMPL_H
#define PARLEY_SPACE_IMPL_H

#include "parley/space.h"

#include <stdint.h>

typedef struct ps_cond {
    uint32_t issue;
    uint8_t *allowed; /* n_values[issue] flags */
} ps_cond;

/* Fires when all of cond[0..n_when) hold and not (n_unless > 0 and all of
 * cond[n_when..n_when+n_unless) hold). */
typedef struct ps_rule {
    double delta;
    uint32_t n_when, n_unless;
    ps_cond *cond;
} ps_rule;

typedef struct ps_party {
    char *name;
    char *label;  /* the party's name in its files, or NULL */
    double *term; /* [total_values] */
    size_t n_rules, cap_rules;
    ps_rule *rules;
    double divisor, floor, ceil;
    double reservation; /* NAN: none */
    double discount;    /* 1: none   */
} ps_party;

struct parley_space {
    size_t n_parties, n_issues, total_values;
    size_t *n_values;   /* [n_issues] */
    size_t *offset;     /* [n_issues] */
    char **issue_name;  /* [n_issues] */
    char **value_label; /* [total_values] */
    ps_party *party;    /* [n_parties] */
    char *name;         /* the space's name in its files, or NULL */
};

/* Does rule r fire on outcome o? */
static inline bool ps_rule_fires(const ps_rule *r, const uint32_t *o)
{
    for (uint32_t k = 0; k < r->n_when; k++)
        if (!r->cond[k].allowed[o[r->cond[k].issue]])
            return false;
    if (r->n_unless == 0)
        return true;
    for (uint32_t k = r->n_when; k < r->n_when + r->n_unless; k++)
        if (!r->cond[k].allowed[o[r->cond[k].issue]])
            return true;
    return false;
}

/* Applies the party's divisor and clamps. */
static inline double ps_scale(const ps_party *pp, double raw)
{
    double u = pp->divisor == 1.0 ? raw : raw / pp->divisor;
    if (u > pp->ceil)
        u = pp->ceil;
    if (u < pp->floor)
        u = pp->floor;
    return u;
}

#endif
