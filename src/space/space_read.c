/*
 * space/space_read.c — read access to a space's definition (terms, scale,
 * rules), for writers such as io/yaml_write.c. The engines read the struct
 * directly; these keep everyone else off space_impl.h.
 */
#include "space/space_impl.h"

double parley_space_term(const parley_space *sp, size_t party, size_t issue, size_t value)
{
    return sp->party[party].term[sp->offset[issue] + value];
}

void parley_space_scale(const parley_space *sp, size_t party, double *divisor, double *floor,
                        double *ceil)
{
    const ps_party *pp = &sp->party[party];
    *divisor = pp->divisor;
    *floor = pp->floor;
    *ceil = pp->ceil;
}

size_t parley_space_rule_count(const parley_space *sp, size_t party)
{
    return sp->party[party].n_rules;
}

parley_rule_view parley_space_rule(const parley_space *sp, size_t party, size_t rule)
{
    const ps_rule *r = &sp->party[party].rules[rule];
    parley_rule_view v = {r->delta, r->n_when, r->n_unless, (size_t)r->n_when + r->n_unless};
    return v;
}

size_t parley_space_rule_cond_issue(const parley_space *sp, size_t party, size_t rule, size_t k)
{
    return sp->party[party].rules[rule].cond[k].issue;
}

bool parley_space_rule_cond_allows(const parley_space *sp, size_t party, size_t rule, size_t k,
                                   size_t value)
{
    return sp->party[party].rules[rule].cond[k].allowed[value] != 0;
}
