/*
 * stability/gm_model.c — building and freeing a GMCR conflict model and the
 * public read accessors of
 * parley/stability.h. Readers (io/conflict_json.c, io/conflict_yaml.c) fill the
 * model; gm_states.c and gm_prefs.c derive states and payoffs from it; the
 * statement trees are gm_expr.c's.
 */
#include "stability/gm_model.h"
#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

parley_conflict *parleyp_gm_conflict_new(void)
{
    parley_conflict *c = calloc(1, sizeof *c);
    if (c)
        c->status_quo = -1;
    return c;
}

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

parley_status parleyp_gm_add_option(parley_conflict *c, int dm, const char *id, const char *name,
                                    gm_rev rev)
{
    if (c->noptions >= GM_MAX_OPTIONS)
        return PARLEY_ERR_LIMIT;
    gm_option *o = realloc(c->options, (c->noptions + 1) * sizeof *o);
    if (!o)
        return PARLEY_ERR_LIMIT;
    c->options = o;
    gm_option *op = &c->options[c->noptions];
    op->id = dup_or_null(id ? id : name);
    op->name = dup_or_null(name ? name : id);
    op->dm = dm;
    op->rev = rev;
    if ((!op->id && (id || name)) || (!op->name && (id || name))) {
        free(op->id);
        free(op->name);
        return PARLEY_ERR_LIMIT;
    }
    uint32_t bit = (uint32_t)1 << c->noptions;
    c->dms[dm].option_mask |= bit;
    if (rev == GM_REV_BOTH)
        c->both_mask |= bit;
    else if (rev == GM_REV_FWD)
        c->fwd_mask |= bit;
    else
        c->back_mask |= bit;
    c->noptions++;
    return PARLEY_OK;
}

static void pref_free(gm_pref *p)
{
    for (size_t i = 0; p->statements && i < p->nstatements; i++)
        parleyp_gm_expr_free(p->statements[i]);
    free(p->statements);
    free(p->group);
}

void parley_conflict_free(parley_conflict *c)
{
    if (!c)
        return;
    /* A reader that ran out of memory may leave a count without its array. */
    for (size_t d = 0; c->dms && d < c->ndms; d++) {
        free(c->dms[d].name);
        pref_free(&c->dms[d].pref);
        free(c->dms[d].misp_pat);
        for (size_t p = 0; c->dms[d].misp_expr && p < c->dms[d].nmisp_expr; p++)
            parleyp_gm_expr_free(c->dms[d].misp_expr[p]);
        free(c->dms[d].misp_expr);
        free(c->dms[d].unseen);
        free(c->dms[d].move_off);
        free(c->dms[d].move_to);
        if (c->pay)
            free(c->pay[d]);
    }
    free(c->pay);
    free(c->dms);
    for (size_t o = 0; c->options && o < c->noptions; o++) {
        free(c->options[o].id);
        free(c->options[o].name);
    }
    free(c->options);
    free(c->patterns);
    for (size_t i = 0; c->infeasible_exprs && i < c->ninfeasible_exprs; i++)
        parleyp_gm_expr_free(c->infeasible_exprs[i]);
    free(c->infeasible_exprs);
    free(c->coalition_of);
    free(c->code);
    if (c->state_names)
        for (size_t s = 0; s < c->nstates; s++)
            free(c->state_names[s]);
    free(c->state_names);
    free(c->name_order);
    free(c->feas_bits);
    free(c->feas_rank);
    free(c->name);
    free(c);
}

const char *parley_conflict_name(const parley_conflict *c)
{
    return c->name ? c->name : "";
}
bool parley_conflict_is_graph_form(const parley_conflict *c)
{
    return c->graph_form;
}
size_t parley_conflict_dm_count(const parley_conflict *c)
{
    return c->ndms;
}
const char *parley_conflict_dm_name(const parley_conflict *c, size_t dm)
{
    return c->dms[dm].name;
}
size_t parley_conflict_option_count(const parley_conflict *c)
{
    return c->noptions;
}
const char *parley_conflict_option_name(const parley_conflict *c, size_t opt)
{
    return c->options[opt].name;
}
size_t parley_conflict_option_dm(const parley_conflict *c, size_t opt)
{
    return (size_t)c->options[opt].dm;
}
size_t parley_conflict_state_count(const parley_conflict *c)
{
    return c->nstates;
}
uint64_t parley_conflict_state_decimal(const parley_conflict *c, size_t id)
{
    return c->graph_form ? (uint64_t)id : (uint64_t)c->code[id];
}

const char *parley_conflict_state_label(const parley_conflict *c, size_t id, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (c->graph_form) {
        snprintf(buf, n, "%s", c->state_names[id]);
        return buf;
    }
    size_t k = 0;
    for (; k < c->noptions && k + 1 < n; k++)
        buf[k] = (c->code[id] >> k) & 1u ? 'Y' : 'N';
    buf[k] = '\0';
    return buf;
}

void parleyp_gm_state_yn(const parley_conflict *c, size_t id, char *buf)
{
    for (size_t k = 0; k < c->noptions; k++)
        buf[k] = (c->code[id] >> k) & 1u ? 'Y' : 'N';
    buf[c->noptions] = '\0';
}

parley_status parley_conflict_state_find(const parley_conflict *c, const char *text, size_t *id,
                                         parley_error *err)
{
    if (c->graph_form) {
        long s = parleyp_gm_state_named(c, text);
        if (s >= 0) {
            *id = (size_t)s;
            return PARLEY_OK;
        }
    } else if (strlen(text) == c->noptions && strspn(text, "YN") == c->noptions) {
        uint32_t code = 0;
        for (size_t k = 0; k < c->noptions; k++)
            if (text[k] == 'Y')
                code |= (uint32_t)1 << k;
        long sid = gm_state_id(c, code);
        if (sid < 0)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "state",
                                    "state %s is infeasible", text);
        *id = (size_t)sid;
        return PARLEY_OK;
    } else if (text[0] == 'd' && text[1] >= '0' && text[1] <= '9') {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(text + 1, &end, 10);
        long sid = (!errno && !*end && v <= UINT32_MAX) ? gm_state_id(c, (uint32_t)v) : -1;
        if (sid < 0)
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "state",
                                    "decimal state %s is not a feasible state", text + 1);
        *id = (size_t)sid;
        return PARLEY_OK;
    }
    if (text[0] >= '0' && text[0] <= '9') {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(text, &end, 10);
        if (!errno && !*end && v >= 1 && v <= c->nstates) {
            *id = (size_t)(v - 1);
            return PARLEY_OK;
        }
    }
    return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "state",
                            "no state '%s' (give a 1-based id, d<decimal>, a YN string or a "
                            "state name)",
                            text);
}

uint32_t parley_conflict_payoff(const parley_conflict *c, size_t dm, size_t id)
{
    return c->pay[dm][id];
}

bool parley_conflict_statement_payoffs(const parley_conflict *c, size_t dm, uint32_t *out)
{
    const gm_pref *p = &c->dms[dm].pref;
    if (c->graph_form || p->nstatements == 0)
        return false;
    uint32_t *lv = parleyp_gm_prefs_from_statements(c, p);
    if (!lv)
        return false;
    memcpy(out, lv, c->nstates * sizeof *out);
    free(lv);
    return true;
}

bool parley_conflict_perceives(const parley_conflict *c, size_t dm, size_t state)
{
    return !c->misperceptions || gm_perceives(c, (uint32_t)1 << dm, (uint32_t)state);
}

bool parley_conflict_has_misperceptions(const parley_conflict *c)
{
    return c->misperceptions;
}

long parley_conflict_status_quo(const parley_conflict *c)
{
    return c->status_quo;
}

bool parley_conflict_coalitions(const parley_conflict *c, int *agent_of_dm)
{
    if (!c->coalition_of)
        return false;
    memcpy(agent_of_dm, c->coalition_of, c->ndms * sizeof *agent_of_dm);
    return true;
}

/* qsort has no context argument: the names being sorted, for one sort at a
 * time per thread. */
static _Thread_local char *const *sort_names;
static int cmp_by_name(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int r = strcmp(sort_names[x], sort_names[y]);
    return r ? r : (x > y) - (x < y); /* equal names: the earlier state first */
}

long parleyp_gm_names_index(parley_conflict *c)
{
    free(c->name_order);
    c->name_order = malloc((c->nstates + 1) * sizeof *c->name_order);
    if (!c->name_order)
        return -1;
    for (size_t s = 0; s < c->nstates; s++)
        c->name_order[s] = (uint32_t)s;
    sort_names = c->state_names;
    qsort(c->name_order, c->nstates, sizeof *c->name_order, cmp_by_name);
    sort_names = NULL;
    long dup = (long)c->nstates;
    for (size_t k = 1; k < c->nstates; k++)
        if (strcmp(c->state_names[c->name_order[k - 1]], c->state_names[c->name_order[k]]) == 0 &&
            (long)c->name_order[k] < dup)
            dup = (long)c->name_order[k];
    return dup;
}

long parleyp_gm_state_named(const parley_conflict *c, const char *name)
{
    if (!name || !c->name_order)
        return -1;
    size_t lo = 0, hi = c->nstates;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(c->state_names[c->name_order[mid]], name);
        if (r == 0)
            return (long)c->name_order[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}
