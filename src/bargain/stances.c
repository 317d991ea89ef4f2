/*
 * bargain/stances.c — reported vs modelled acceptance: for each reported
 * stance on a plan, the party's modelled utility and on-board share, and
 * whether the report and the model agree.
 */
#include "parley.h"

#include "parley.h"
#include "core/error.h"

#include <math.h>

/* A reported share this far from the modelled on-board share "differs". */
#define PB_SHARE_GAP 0.25

parley_status parley_stances_check(const parley_scenario *sc, parley_stance_check *out,
                                   parley_error *err)
{
    for (size_t k = 0; k < sc->n_stances; k++) {
        const parley_stance *st = &sc->stances[k];
        parley_stance_check *c = &out[k];
        c->stance = k;
        c->utility = c->on_board = NAN;
        c->above = false;
        c->disputed = st->n_disputed > 0;
        c->verdict = PARLEY_STANCE_NO_PLAN;
        if (st->plan < 0)
            continue;
        parley_score s;
        parley_status rc = parley_plan_score(sc, (size_t)st->plan, &s, err);
        if (rc)
            return rc;
        const parley_party_score *ps = &s.party[st->party];
        c->utility = ps->utility;
        c->on_board = ps->on_board;
        c->above = parley_walk_away_met(sc, st->party, ps->utility);
        parley_score_free(&s);
        c->verdict = PARLEY_STANCE_AGREES;
        if ((st->kind == PARLEY_STANCE_ACCEPTS && !c->above) ||
            (st->kind == PARLEY_STANCE_REJECTS && c->above))
            c->verdict = PARLEY_STANCE_CONTRADICTS;
        else if (!isnan(st->share) &&
                 (isnan(c->on_board) || fabs(c->on_board - st->share) > PB_SHARE_GAP))
            c->verdict = PARLEY_STANCE_SHARE_DIFFERS;
    }
    return PARLEY_OK;
}
