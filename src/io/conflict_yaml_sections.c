/*
 * io/conflict_yaml_sections.c — the parts of the YAML `conflict:`
 * section: decision makers and options, infeasible states (patterns,
 * statements, mutually_exclusive / at_least_one helpers), graph-form states
 * and moves, preferences (prioritised statements or an explicit ranking with
 * ties) and coalitions. conflict_yaml.c drives them in order.
 */
#include "io/conflict_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_seq(struct fy_node *n)
{
    return n && fy_node_is_sequence(n);
}

static gm_rev rev_parse(const char *t, bool *ok)
{
    *ok = true;
    if (!t || !strcmp(t, "both"))
        return GM_REV_BOTH;
    if (!strcmp(t, "fwd") || !strcmp(t, "only_taken"))
        return GM_REV_FWD;
    if (!strcmp(t, "back") || !strcmp(t, "only_withdrawn"))
        return GM_REV_BACK;
    *ok = false;
    return GM_REV_BOTH;
}

static parley_status read_options(cy *y, struct fy_node *seq, int d, const char *dfield)
{
    static const char *const keys[] = {"id", "name", "reversible", "description", NULL};
    parley_conflict *c = y->c;
    char field[160];
    snprintf(field, sizeof field, "%s.options", dfield);
    if (!is_seq(seq) || fy_node_sequence_item_count(seq) == 0)
        return parleyp_yd_fail(&y->yd, seq, field, "each decision maker needs a list of options");
    void *it = NULL;
    struct fy_node *o;
    for (int k = 0; (o = fy_node_sequence_iterate(seq, &it)); k++) {
        snprintf(field, sizeof field, "%s.options[%d]", dfield, k);
        const char *id = parleyp_yd_text(o), *name = NULL, *rv = NULL;
        if (!id) {
            if (!fy_node_is_mapping(o) ||
                parleyp_yd_check_keys(&y->yd, o, field, keys) != PARLEY_OK)
                return parleyp_yd_fail(&y->yd, o, field,
                                       "an option is an id or {id, name, reversible}");
            id = parleyp_yd_text(parleyp_yd_get(o, "id"));
            name = parleyp_yd_text(parleyp_yd_get(o, "name"));
            rv = parleyp_yd_text(parleyp_yd_get(o, "reversible"));
            if (parleyp_yd_get(o, "reversible") && !rv)
                return parleyp_yd_fail(&y->yd, parleyp_yd_get(o, "reversible"), field,
                                       "reversible must be a word");
        }
        if (!id || !*id || strcspn(id, " \t,&|!~()-") != strlen(id) ||
            (id[0] >= '0' && id[0] <= '9'))
            return parleyp_yd_fail(&y->yd, o, field,
                                   "option id '%s' must be a word (letters, digits, _ or "
                                   ".), not starting with a digit",
                                   id ? id : "");
        static const char *const reserved[] = {"not", "and", "or", "if", "iff", "implies", NULL};
        for (size_t r = 0; reserved[r]; r++)
            if (!strcmp(id, reserved[r]))
                return parleyp_yd_fail(&y->yd, o, field,
                                       "'%s' is a keyword of the statement language", id);
        if (parleyp_gm_option_lookup(c, id, strlen(id)) >= 0)
            return parleyp_yd_fail(&y->yd, o, field, "option id '%s' is used twice", id);
        bool ok;
        gm_rev rev = rev_parse(rv, &ok);
        if (!ok)
            return parleyp_yd_fail(
                &y->yd, parleyp_yd_get(o, "reversible"), field,
                "reversible must be both, only_taken (fwd) or only_withdrawn (back), "
                "not '%s'",
                rv);
        parley_status st = parleyp_gm_add_option(c, d, id, name ? name : id, rev);
        if (st == PARLEY_ERR_LIMIT)
            return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                    "more than %d options", GM_MAX_OPTIONS);
    }
    return PARLEY_OK;
}

parley_status parleyp_read_dms(cy *y, struct fy_node *seq, struct fy_node *parent)
{
    static const char *const keys[] = {"id", "name", "options", "description", NULL};
    parley_conflict *c = y->c;
    if (!is_seq(seq) || fy_node_sequence_item_count(seq) == 0)
        return parleyp_yd_fail(&y->yd, seq ? seq : parent, "conflict.decision_makers",
                               "expected a non-empty list of decision makers");
    size_t n = (size_t)fy_node_sequence_item_count(seq);
    if (n > GM_MAX_DMS)
        return parleyp_yd_fail(&y->yd, seq, "conflict.decision_makers",
                               "more than %d decision makers", GM_MAX_DMS);
    c->dms = calloc(n, sizeof *c->dms);
    if (!c->dms)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                "out of memory");
    void *it = NULL;
    struct fy_node *dm;
    for (int d = 0; (dm = fy_node_sequence_iterate(seq, &it)); d++) {
        char field[128];
        snprintf(field, sizeof field, "conflict.decision_makers[%d]", d);
        if (!fy_node_is_mapping(dm) || parleyp_yd_check_keys(&y->yd, dm, field, keys) != PARLEY_OK)
            return parleyp_yd_fail(&y->yd, dm, field,
                                   "a decision maker is a mapping {id, name, options}");
        const char *id = parleyp_yd_text(parleyp_yd_get(dm, "id"));
        if (!id)
            id = parleyp_yd_text(parleyp_yd_get(dm, "name"));
        if (!id || !*id)
            return parleyp_yd_fail(&y->yd, dm, field, "a decision maker needs an id");
        if (parleyp_dm_lookup(c, id) >= 0)
            return parleyp_yd_fail(&y->yd, parleyp_yd_get(dm, "id"), field,
                                   "decision maker '%s' appears twice", id);
        c->dms[d].name = strdup(id);
        c->ndms = (size_t)d + 1;
        if (!c->dms[d].name)
            return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                    "out of memory");
        if (c->graph_form) {
            if (parleyp_yd_get(dm, "options"))
                return parleyp_yd_fail(&y->yd, parleyp_yd_get(dm, "options"), field,
                                       "graph form (with 'states') has moves, not options");
        } else if (read_options(y, parleyp_yd_get(dm, "options"), d, field) != PARLEY_OK)
            return PARLEY_ERR_INPUT;
    }
    return PARLEY_OK;
}

static parley_status add_pattern(cy *y, uint32_t mask, uint32_t value)
{
    parley_conflict *c = y->c;
    gm_pattern *p = realloc(c->patterns, (c->npatterns + 1) * sizeof *p);
    if (!p)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                "out of memory");
    c->patterns = p;
    c->patterns[c->npatterns++] = (gm_pattern){mask, value};
    return PARLEY_OK;
}

/* A Y/N/- string of exactly m characters. */
static bool pattern_of(const parley_conflict *c, const char *t, uint32_t *mask, uint32_t *value)
{
    if (!t || strlen(t) != c->noptions || strspn(t, "YN-") != c->noptions)
        return false;
    *mask = *value = 0;
    for (size_t k = 0; k < c->noptions; k++) {
        if (t[k] != '-')
            *mask |= (uint32_t)1 << k;
        if (t[k] == 'Y')
            *value |= (uint32_t)1 << k;
    }
    return true;
}

static gm_expr *statement(cy *y, struct fy_node *n, const char *field)
{
    const char *t = parleyp_yd_text(n);
    if (!t) {
        parleyp_yd_fail(&y->yd, n, field,
                        "a statement is a string such as \"a and not b\" or \"q if p\"");
        return NULL;
    }
    uint32_t mask, value;
    gm_expr *e;
    if (pattern_of(y->c, t, &mask, &value) && (e = parleyp_gm_expr_new(GM_EXPR_LIT))) {
        e->mask = mask;
        e->value = value;
        return e;
    }
    char msg[400];
    e = parleyp_gm_expr_parse(y->c, t, msg, sizeof msg);
    if (!e && strncmp(msg, "out of memory", 13) == 0)
        parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field, "out of memory");
    else if (!e)
        parleyp_yd_fail(&y->yd, n, field, "%s", msg);
    return e;
}

/* A list of option ids for the helpers; returns their bit mask. */
static parley_status option_list(cy *y, struct fy_node *seq, const char *field, uint32_t *mask)
{
    *mask = 0;
    if (!is_seq(seq) || fy_node_sequence_item_count(seq) < 1)
        return parleyp_yd_fail(&y->yd, seq, field, "expected a list of option ids");
    void *it = NULL;
    struct fy_node *o;
    while ((o = fy_node_sequence_iterate(seq, &it))) {
        const char *t = parleyp_yd_text(o);
        long k = t ? parleyp_gm_option_lookup(y->c, t, strlen(t)) : -1;
        if (k < 0)
            return parleyp_yd_fail(&y->yd, o, field, "unknown option '%s'", t ? t : "?");
        *mask |= (uint32_t)1 << k;
    }
    return PARLEY_OK;
}

parley_status parleyp_read_infeasible(cy *y, struct fy_node *cn)
{
    parley_conflict *c = y->c;
    char field[96];
    struct fy_node *inf = parleyp_yd_get(cn, "infeasible"), *n;
    void *it = NULL;
    if (inf && !is_seq(inf))
        return parleyp_yd_fail(&y->yd, inf, "conflict.infeasible", "expected a list");
    for (int i = 0; inf && (n = fy_node_sequence_iterate(inf, &it)); i++) {
        snprintf(field, sizeof field, "conflict.infeasible[%d]", i);
        uint32_t mask, value;
        if (pattern_of(c, parleyp_yd_text(n), &mask, &value)) {
            if (add_pattern(y, mask, value) != PARLEY_OK)
                return PARLEY_ERR_LIMIT;
            continue;
        }
        gm_expr *e = statement(y, n, field);
        gm_expr **v =
            e ? realloc(c->infeasible_exprs, (c->ninfeasible_exprs + 1) * sizeof *v) : NULL;
        if (!v) {
            parleyp_gm_expr_free(e);
            return e ? parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                        "out of memory")
                     : PARLEY_ERR_INPUT;
        }
        c->infeasible_exprs = v;
        v[c->ninfeasible_exprs++] = e;
    }
    static const char *const helpers[] = {"mutually_exclusive", "at_least_one"};
    for (int h = 0; h < 2; h++) {
        struct fy_node *list = parleyp_yd_get(cn, helpers[h]);
        if (list && !is_seq(list))
            return parleyp_yd_fail(&y->yd, list, helpers[h],
                                   "expected a list of lists of option ids");
        it = NULL;
        for (int i = 0; list && (n = fy_node_sequence_iterate(list, &it)); i++) {
            snprintf(field, sizeof field, "conflict.%s[%d]", helpers[h], i);
            uint32_t mask;
            if (option_list(y, n, field, &mask) != PARLEY_OK)
                return PARLEY_ERR_INPUT;
            if (h == 1) { /* at least one: all of them N is infeasible */
                if (add_pattern(y, mask, 0) != PARLEY_OK)
                    return PARLEY_ERR_LIMIT;
                continue;
            }
            for (uint32_t a = mask; a; a &= a - 1) /* every pair taken together */
                for (uint32_t b = a & (a - 1); b; b &= b - 1) {
                    uint32_t pair = (a & -a) | (b & -b);
                    if (add_pattern(y, pair, pair) != PARLEY_OK)
                        return PARLEY_ERR_LIMIT;
                }
        }
    }
    return PARLEY_OK;
}

/* misperceptions: {DM: [condition, ...]}: each a Y/N/- pattern or a
 * statement; states satisfying one are not perceived by that DM. */
parley_status parleyp_read_misperceptions(cy *y, struct fy_node *map)
{
    parley_conflict *c = y->c;
    if (!map)
        return PARLEY_OK;
    if (c->graph_form)
        return parleyp_yd_fail(&y->yd, map, "conflict.misperceptions",
                               "misperceptions need an option-form conflict");
    if (!fy_node_is_mapping(map))
        return parleyp_yd_fail(&y->yd, map, "conflict.misperceptions",
                               "expected a mapping from decision maker to a list of conditions");
    void *it = NULL;
    struct fy_node_pair *pr;
    char field[160];
    while ((pr = fy_node_mapping_iterate(map, &it))) {
        const char *dname = parleyp_yd_text(fy_node_pair_key(pr));
        long d = dname ? parleyp_dm_lookup(c, dname) : -1;
        if (d < 0)
            return parleyp_yd_fail(&y->yd, fy_node_pair_key(pr), "conflict.misperceptions",
                                   "'%s' is not a decision maker", dname ? dname : "?");
        gm_dm *dm = &c->dms[d];
        struct fy_node *list = fy_node_pair_value(pr), *n;
        snprintf(field, sizeof field, "conflict.misperceptions.%s", dname);
        if (!is_seq(list))
            return parleyp_yd_fail(&y->yd, list, field,
                                   "expected a list of conditions (Y/N/- patterns or statements)");
        if (dm->nmisp_expr > 0)
            return parleyp_yd_fail(&y->yd, fy_node_pair_key(pr), field, "given twice");
        void *it2 = NULL;
        for (int i = 0; (n = fy_node_sequence_iterate(list, &it2)); i++) {
            snprintf(field, sizeof field, "conflict.misperceptions.%s[%d]", dname, i);
            gm_expr *e = statement(y, n, field);
            gm_expr **v = e ? realloc(dm->misp_expr, (dm->nmisp_expr + 1) * sizeof *v) : NULL;
            if (!v) {
                parleyp_gm_expr_free(e);
                return e ? parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                            "out of memory")
                         : PARLEY_ERR_INPUT;
            }
            dm->misp_expr = v;
            v[dm->nmisp_expr++] = e;
        }
    }
    return PARLEY_OK;
}

static long graph_state(const parley_conflict *c, const char *name)
{
    return parleyp_gm_state_named(c, name);
}

parley_status parleyp_read_graph(cy *y, struct fy_node *states, struct fy_node *moves)
{
    parley_conflict *c = y->c;
    if (!is_seq(states) || fy_node_sequence_item_count(states) == 0)
        return parleyp_yd_fail(&y->yd, states, "conflict.states",
                               "expected a non-empty list of state names");
    size_t n = (size_t)fy_node_sequence_item_count(states);
    if (n > GM_MAX_GRAPH_STATES)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, "conflict.states",
                                "more than %u states", GM_MAX_GRAPH_STATES);
    c->state_names = calloc(n, sizeof *c->state_names);
    if (!c->state_names)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                "out of memory");
    void *it = NULL;
    struct fy_node *s;
    for (size_t i = 0; (s = fy_node_sequence_iterate(states, &it)); i++) {
        const char *t = parleyp_yd_text(s);
        if (!t || !*t)
            return parleyp_yd_fail(&y->yd, s, "conflict.states",
                                   "state names must be distinct strings");
        if (!(c->state_names[i] = strdup(t)))
            return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                    "out of memory");
        c->nstates = i + 1;
    }
    long dup = parleyp_gm_names_index(c); /* sorted once: lookups in log n */
    if (dup < 0)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                "out of memory");
    if ((size_t)dup < n)
        return parleyp_yd_fail(
            &y->yd, fy_node_sequence_get_by_index(states, (int)dup), "conflict.states",
            "state names must be distinct strings ('%s' twice)", c->state_names[dup]);
    if (moves && !fy_node_is_mapping(moves))
        return parleyp_yd_fail(&y->yd, moves, "conflict.moves",
                               "expected a mapping DM: [[from, to], ...]");
    for (size_t d = 0; d < c->ndms; d++) {
        struct fy_node *list = parleyp_yd_get(moves, c->dms[d].name);
        char field[160];
        snprintf(field, sizeof field, "conflict.moves.%s", c->dms[d].name);
        size_t m = is_seq(list) ? (size_t)fy_node_sequence_item_count(list) : 0;
        if (list && !is_seq(list))
            return parleyp_yd_fail(&y->yd, list, field, "expected a list of [from, to] pairs");
        uint32_t *from = malloc((m + 1) * sizeof *from), *to = malloc((m + 1) * sizeof *to);
        c->dms[d].move_off = calloc(n + 1, sizeof *c->dms[d].move_off);
        c->dms[d].move_to = malloc((m + 1) * sizeof *c->dms[d].move_to);
        if (!from || !to || !c->dms[d].move_off || !c->dms[d].move_to) {
            free(from);
            free(to);
            return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                    "out of memory");
        }
        it = NULL;
        struct fy_node *pr;
        for (size_t k = 0; list && (pr = fy_node_sequence_iterate(list, &it)); k++) {
            long a = -1, b = -1;
            if (is_seq(pr) && fy_node_sequence_item_count(pr) == 2) {
                a = graph_state(c, parleyp_yd_text(fy_node_sequence_get_by_index(pr, 0)));
                b = graph_state(c, parleyp_yd_text(fy_node_sequence_get_by_index(pr, 1)));
            }
            if (a < 0 || b < 0 || a == b) {
                free(from);
                free(to);
                return parleyp_yd_fail(&y->yd, pr, field,
                                       "a move is [from, to] with two different known states");
            }
            from[k] = (uint32_t)a;
            to[k] = (uint32_t)b;
            c->dms[d].move_off[a + 1]++;
        }
        for (size_t v = 0; v < n; v++)
            c->dms[d].move_off[v + 1] += c->dms[d].move_off[v];
        uint32_t *fill = calloc(n, sizeof *fill);
        for (size_t k = 0; fill && k < m; k++)
            c->dms[d].move_to[c->dms[d].move_off[from[k]] + fill[from[k]]++] = to[k];
        free(from);
        free(to);
        if (!fill)
            return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                    "out of memory");
        free(fill);
    }
    void *mit = NULL;
    struct fy_node_pair *p;
    while (moves && (p = fy_node_mapping_iterate(moves, &mit)))
        if (parleyp_dm_lookup(c, parleyp_yd_text(fy_node_pair_key(p))) < 0)
            return parleyp_yd_fail(&y->yd, fy_node_pair_key(p), "conflict.moves",
                                   "unknown decision maker '%s'",
                                   parleyp_yd_text(fy_node_pair_key(p)));
    return PARLEY_OK;
}

/* States that one ranking entry names (a scalar). Returns count or -1. */
static long ranking_entry(cy *y, struct fy_node *n, const char *field, gm_pref *p, uint32_t g)
{
    parley_conflict *c = y->c;
    const char *t = parleyp_yd_text(n);
    if (!t) {
        parleyp_yd_fail(&y->yd, n, field, "a ranking entry is a state or a list of tied states");
        return -1;
    }
    long count = 0;
    if (c->graph_form) {
        long s = graph_state(c, t);
        if (s < 0) {
            parleyp_yd_fail(&y->yd, n, field, "unknown state '%s'", t);
            return -1;
        }
        if (!parleyp_gm_ranking_put(p, (size_t)s, g)) {
            parleyp_yd_fail(&y->yd, n, field, "state '%s' is ranked twice", t);
            return -1;
        }
        return 1;
    }
    char *end;
    long id = strtol(t, &end, 10);
    if (*t && !*end) {
        if (id < 1 || (size_t)id > c->nstates) {
            parleyp_yd_fail(&y->yd, n, field, "state %s: ids run from 1 to %zu", t, c->nstates);
            return -1;
        }
        if (!parleyp_gm_ranking_put(p, (size_t)id - 1, g)) {
            parleyp_yd_fail(&y->yd, n, field, "state %s is ranked twice", t);
            return -1;
        }
        return 1;
    }
    gm_expr *e = statement(y, n, field);
    if (!e)
        return -1;
    for (size_t s = 0; s < c->nstates; s++)
        if (parleyp_gm_expr_eval(e, c->code[s])) {
            if (!parleyp_gm_ranking_put(p, s, g)) {
                char yn[GM_MAX_OPTIONS + 1];
                parleyp_gm_state_yn(c, s, yn);
                parleyp_gm_expr_free(e);
                parleyp_yd_fail(&y->yd, n, field, "state %s (matched by '%s') is ranked twice", yn,
                                t);
                return -1;
            }
            count++;
        }
    parleyp_gm_expr_free(e);
    return count;
}

static parley_status read_ranking(cy *y, struct fy_node *seq, const char *field, gm_pref *p)
{
    parley_conflict *c = y->c;
    if (!is_seq(seq))
        return parleyp_yd_fail(&y->yd, seq, field, "a ranking is a list, most preferred first");
    if (parleyp_gm_ranking_begin(p, c->nstates) != PARLEY_OK)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                "out of memory");
    void *it = NULL;
    struct fy_node *e;
    for (uint32_t g = 0; (e = fy_node_sequence_iterate(seq, &it)); g++) {
        if (is_seq(e)) {
            void *it2 = NULL;
            struct fy_node *x;
            while ((x = fy_node_sequence_iterate(e, &it2)))
                if (ranking_entry(y, x, field, p, g) < 0)
                    return PARLEY_ERR_INPUT;
        } else if (ranking_entry(y, e, field, p, g) < 0)
            return PARLEY_ERR_INPUT;
    }
    long miss = parleyp_gm_ranking_finish(p, c->nstates);
    if (miss >= 0) {
        char lbl[256];
        return parleyp_yd_fail(&y->yd, seq, field,
                               "state %s (id %ld) is not ranked: a ranking lists every "
                               "feasible state",
                               parley_conflict_state_label(c, (size_t)miss, lbl, sizeof lbl),
                               miss + 1);
    }
    return PARLEY_OK;
}

parley_status parleyp_read_prefs(cy *y, struct fy_node *map, struct fy_node *parent)
{
    static const char *const keys[] = {"statements", "ranking", "note", "notes", NULL};
    parley_conflict *c = y->c;
    if (!map || !fy_node_is_mapping(map))
        return parleyp_yd_fail(&y->yd, map ? map : parent, "conflict.preferences",
                               "expected a mapping from decision maker to its preferences");
    void *it = NULL;
    struct fy_node_pair *pr;
    while ((pr = fy_node_mapping_iterate(map, &it))) {
        const char *dname = parleyp_yd_text(fy_node_pair_key(pr));
        long d = dname ? parleyp_dm_lookup(c, dname) : -1;
        char field[192];
        snprintf(field, sizeof field, "conflict.preferences.%s", dname ? dname : "?");
        if (d < 0)
            return parleyp_yd_fail(&y->yd, fy_node_pair_key(pr), field,
                                   "unknown decision maker '%s'", dname ? dname : "?");
        struct fy_node *v = fy_node_pair_value(pr), *sts = v, *rank = NULL;
        gm_pref *p = &c->dms[d].pref;
        if (v && fy_node_is_mapping(v)) {
            if (parleyp_yd_check_keys(&y->yd, v, field, keys) != PARLEY_OK)
                return PARLEY_ERR_INPUT;
            sts = parleyp_yd_get(v, "statements");
            rank = parleyp_yd_get(v, "ranking");
            if (!!sts == !!rank)
                return parleyp_yd_fail(&y->yd, v, field, "give either 'statements' or 'ranking'");
        }
        if (p->nstatements || p->has_ranking)
            return parleyp_yd_fail(&y->yd, v, field, "preferences given twice");
        if (rank) {
            snprintf(field + strlen(field), sizeof field - strlen(field), ".ranking");
            if (read_ranking(y, rank, field, p) != PARLEY_OK)
                return PARLEY_ERR_INPUT;
            continue;
        }
        if (c->graph_form)
            return parleyp_yd_fail(&y->yd, v, field,
                                   "graph form needs a 'ranking' (statements are over options)");
        if (!is_seq(sts) || fy_node_sequence_item_count(sts) == 0)
            return parleyp_yd_fail(&y->yd, sts ? sts : v, field,
                                   "expected a list of statements, most important first");
        if (fy_node_sequence_item_count(sts) > GM_MAX_STATEMENTS)
            return parleyp_yd_fail(&y->yd, sts, field, "more than %d statements",
                                   GM_MAX_STATEMENTS);
        p->statements = calloc((size_t)fy_node_sequence_item_count(sts), sizeof *p->statements);
        if (!p->statements)
            return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, field,
                                    "out of memory");
        void *it2 = NULL;
        struct fy_node *st;
        for (int j = 0; (st = fy_node_sequence_iterate(sts, &it2)); j++) {
            char sf[224];
            snprintf(sf, sizeof sf, "%s.statements[%d]", field, j);
            if (!(p->statements[j] = statement(y, st, sf)))
                return PARLEY_ERR_INPUT;
            p->nstatements = (size_t)j + 1;
        }
    }
    for (size_t d = 0; d < c->ndms; d++)
        if (!c->dms[d].pref.nstatements && !c->dms[d].pref.has_ranking)
            return parleyp_yd_fail(&y->yd, map, "conflict.preferences",
                                   "no preferences for decision maker '%s'", c->dms[d].name);
    return PARLEY_OK;
}

parley_status parleyp_read_coalitions(cy *y, struct fy_node *seq)
{
    parley_conflict *c = y->c;
    if (!seq)
        return PARLEY_OK;
    if (!is_seq(seq))
        return parleyp_yd_fail(&y->yd, seq, "conflict.coalitions",
                               "expected a list of lists of decision makers");
    c->coalition_of = malloc(c->ndms * sizeof *c->coalition_of);
    if (!c->coalition_of)
        return parley_error_set(y->yd.err, PARLEY_ERR_LIMIT, y->yd.file, 0, 0, NULL,
                                "out of memory");
    for (size_t d = 0; d < c->ndms; d++)
        c->coalition_of[d] = -1;
    void *it = NULL;
    struct fy_node *g;
    for (int a = 0; (g = fy_node_sequence_iterate(seq, &it)); a++) {
        void *it2 = NULL;
        struct fy_node *m;
        struct fy_node *one = is_seq(g) ? NULL : g;
        while ((m = one ? one : fy_node_sequence_iterate(g, &it2))) {
            const char *t = parleyp_yd_text(m);
            long d = t ? parleyp_dm_lookup(c, t) : -1;
            if (d < 0 || c->coalition_of[d] >= 0)
                return parleyp_yd_fail(&y->yd, m, "conflict.coalitions",
                                       "'%s' is not a decision maker or is in two coalitions",
                                       t ? t : "?");
            c->coalition_of[d] = a;
            if (one)
                break;
        }
    }
    for (size_t d = 0; d < c->ndms; d++)
        if (c->coalition_of[d] < 0)
            return parleyp_yd_fail(&y->yd, seq, "conflict.coalitions",
                                   "decision maker '%s' is in no coalition", c->dms[d].name);
    return PARLEY_OK;
}
