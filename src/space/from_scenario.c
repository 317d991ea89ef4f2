/*
 * space/from_scenario.c — compiles a parley scenario (parley/scenario.h) into
 * an outcome space: one issue per scenario issue (its options are the
 * values, labelled by option id), one party per scenario party with terms
 * weight_i * value_i(option), the scenario's rules as they are, utility
 * clamped to [0,1] (model/utility.c), walk_away as reservation value and
 * discount as discount factor. ps_space_from_scenario_parties does the
 * same for some of the parties (bargain/concede.c).
 */
#include "space/space_impl.h"
#include "space/from_scenario.h"

#include "core/error.h"
#include "model/scenario.h"

#include <stdlib.h>

static parley_condition *conds(const parley_rule_condition *c, size_t n)
{
    parley_condition *out = calloc(n + 1, sizeof *out);
    for (size_t k = 0; out && k < n; k++) {
        out[k].issue = c[k].issue;
        out[k].allowed = c[k].allowed;
    }
    return out;
}

parley_space *parleyp_ps_space_from_scenario_parties(const parley_scenario *sc, const size_t *who,
                                                     size_t n_who, parley_error *err)
{
    if (n_who == 0 || sc->n_issues == 0) {
        parley_error_set(err, PARLEY_ERR_INPUT, sc->file, 0, 0, NULL,
                         "the scenario needs at least one party and one issue with preferences");
        return NULL;
    }
    size_t *nv = malloc(sc->n_issues * sizeof *nv);
    if (!nv) {
        parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < sc->n_issues; i++)
        nv[i] = sc->issues[i].n_options;
    parley_space *sp = parley_space_new(n_who, sc->n_issues, nv, err);
    free(nv);
    if (!sp)
        return NULL;
    for (size_t i = 0; i < sc->n_issues; i++) {
        if (parley_space_set_issue_name(sp, i, sc->issues[i].id))
            goto oom;
        for (size_t v = 0; v < sc->issues[i].n_options; v++)
            if (parley_space_set_value_label(sp, i, v, sc->issues[i].options[v].id))
                goto oom;
    }
    for (size_t p = 0; p < n_who; p++) {
        const size_t q = who ? who[p] : p;
        const parley_prefs *pr = &sc->prefs[q];
        if (parley_space_set_party_name(sp, p, sc->parties[q].id))
            goto oom;
        parley_space_set_party_scale(sp, p, 1.0, 0.0, 1.0);
        parley_space_set_party_limits(sp, p, sc->parties[q].walk_away, sc->parties[q].discount);
        for (size_t i = 0; i < sc->n_issues; i++)
            for (size_t v = 0; v < sc->issues[i].n_options; v++)
                parley_space_set_term(sp, p, i, v, pr->weight[i] * pr->value[i][v]);
        for (size_t r = 0; r < pr->n_rules; r++) {
            const parley_rule *ru = &pr->rules[r];
            parley_condition *w = conds(ru->when, ru->n_when);
            parley_condition *u = conds(ru->unless, ru->n_unless);
            parley_status st = (w && u) ? parley_space_add_rule(sp, p, ru->delta, ru->n_when, w,
                                                                ru->n_unless, u, err)
                                        : PARLEY_ERR_LIMIT;
            free(w);
            free(u);
            if (st == PARLEY_ERR_LIMIT)
                goto oom;
            if (st) {
                if (err) {
                    err->line = ru->where.line;
                    err->column = ru->where.column;
                }
                parley_space_free(sp);
                return NULL;
            }
        }
    }
    return sp;
oom:
    parley_space_free(sp);
    parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, NULL, "out of memory");
    return NULL;
}

parley_space *parley_space_from_scenario(const parley_scenario *sc, parley_error *err)
{
    return parleyp_ps_space_from_scenario_parties(sc, NULL, sc->n_parties, err);
}
