/*
 * stability/gm_expr.c — the statement expression trees of a conflict
 * (gm_expr, stability/gm_model.h): building, freeing, evaluating at a state.
 * Readers build them (io/conflict_yaml_expr.c); gm_prefs.c and gm_states.c
 * evaluate them.
 */
#include "stability/gm_model.h"
#include "core/error.h"

#include <stdlib.h>

gm_expr *parleyp_gm_expr_new(gm_expr_kind kind)
{
    gm_expr *e = calloc(1, sizeof *e);
    if (e)
        e->kind = kind;
    return e;
}

parley_status parleyp_gm_expr_add_kid(gm_expr *e, gm_expr *kid)
{
    gm_expr **k = realloc(e->kids, (e->nkids + 1) * sizeof *k);
    if (!k)
        return PARLEY_ERR_LIMIT;
    e->kids = k;
    e->kids[e->nkids++] = kid;
    return PARLEY_OK;
}

void parleyp_gm_expr_free(gm_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nkids; i++)
        parleyp_gm_expr_free(e->kids[i]);
    free(e->kids);
    free(e);
}

bool parleyp_gm_expr_eval(const gm_expr *e, uint32_t s)
{
    switch (e->kind) {
    case GM_EXPR_LIT:
        return (s & e->mask) == e->value;
    case GM_EXPR_NOT:
        return !parleyp_gm_expr_eval(e->kids[0], s);
    case GM_EXPR_AND:
        for (size_t i = 0; i < e->nkids; i++)
            if (!parleyp_gm_expr_eval(e->kids[i], s))
                return false;
        return true;
    case GM_EXPR_OR:
        for (size_t i = 0; i < e->nkids; i++)
            if (parleyp_gm_expr_eval(e->kids[i], s))
                return true;
        return false;
    case GM_EXPR_IMPLIES:
        return !parleyp_gm_expr_eval(e->kids[0], s) || parleyp_gm_expr_eval(e->kids[1], s);
    case GM_EXPR_IFF:
        return parleyp_gm_expr_eval(e->kids[0], s) == parleyp_gm_expr_eval(e->kids[1], s);
    }
    return false;
}
