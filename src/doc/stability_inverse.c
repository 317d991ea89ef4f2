/*
 * doc/stability_inverse.c — the `parley stability --inverse` document
 * (parley_inverse_dumpf/_dumps): conditions under which a state is stable,
 * the preference profiles over vary windows that make it an equilibrium,
 * and the smallest change to the rankings.
 *
 * JSON: {conflict, semantics, state, state_label, concepts, decision_makers,
 * rankings, conditions[], vary (when windows were given), smallest_change}.
 * States are 1-based ids; a ranking is a list of tie groups, most preferred
 * first ([[1], [3], [4, 5]]). CSV: one row per ranking, move condition,
 * count, listed profile and changed ranking (row = ranking | condition |
 * count | profile | change); columns in docs/stability.md.
 */
#include "doc/document.h"
#include "parley/stability.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct inv_ctx {
    const parley_conflict *c;
    const parley_inverse *r;
} inv_ctx;

#define NK 4 /* Nash, GMR, SMR, SEQ */

/* States grouped by level (0 = most preferred): idx holds the states in
 * group order, start[g]..start[g+1] the group's slice. */
static int group_states(const uint32_t *level, size_t n, size_t **idx, size_t **start, size_t *ng)
{
    size_t m = 0;
    for (size_t s = 0; s < n; s++)
        if (level[s] + 1 > m)
            m = level[s] + 1;
    *idx = malloc((n + 1) * sizeof **idx);
    *start = calloc(m + 2, sizeof **start);
    if (!*idx || !*start) {
        free(*idx);
        free(*start);
        return -1;
    }
    for (size_t s = 0; s < n; s++)
        (*start)[level[s] + 1]++;
    for (size_t g = 0; g < m; g++)
        (*start)[g + 1] += (*start)[g];
    size_t *fill = malloc((m + 1) * sizeof *fill);
    if (!fill) {
        free(*idx);
        free(*start);
        return -1;
    }
    memcpy(fill, *start, (m + 1) * sizeof *fill);
    for (size_t s = 0; s < n; s++)
        (*idx)[fill[level[s]]++] = s;
    free(fill);
    *ng = m;
    return 0;
}

static void json_ranking(parleyp_jw *w, const uint32_t *level, size_t n)
{
    size_t *idx, *start, ng;
    parleyp_jw_array(w);
    if (group_states(level, n, &idx, &start, &ng) == 0) {
        for (size_t g = 0; g < ng; g++) {
            parleyp_jw_array(w);
            for (size_t q = start[g]; q < start[g + 1]; q++)
                parleyp_jw_integer(w, (long long)idx[q] + 1);
            parleyp_jw_close(w);
        }
        free(idx);
        free(start);
    }
    parleyp_jw_close(w);
}

/* "1 3 [4 5] 2" */
static void csv_ranking(FILE *fp, const uint32_t *level, size_t n, bool last)
{
    size_t *idx, *start, ng;
    if (group_states(level, n, &idx, &start, &ng) != 0) {
        parleyp_csv_string(fp, NULL, last);
        return;
    }
    size_t cap = n * 12 + 8, len = 0;
    char *b = malloc(cap);
    if (b) {
        b[0] = '\0';
        for (size_t g = 0; g < ng; g++) {
            bool tie = start[g + 1] - start[g] > 1;
            len += (size_t)snprintf(b + len, cap - len, "%s%s", g ? " " : "", tie ? "[" : "");
            for (size_t q = start[g]; q < start[g + 1]; q++)
                len += (size_t)snprintf(b + len, cap - len, "%s%zu", q > start[g] ? " " : "",
                                        idx[q] + 1);
            if (tie)
                len += (size_t)snprintf(b + len, cap - len, "]");
        }
    }
    parleyp_csv_string(fp, b, last);
    free(b);
    free(idx);
    free(start);
}

/* A count: an integer when it fits, else its exact decimal text. */
static void json_count(parleyp_jw *w, const char *key, double v, const char *text)
{
    if (v < 9.0e15)
        parleyp_jw_kinteger(w, key, (long long)v);
    else
        parleyp_jw_kstring(w, key, text);
}

static void json_atom(parleyp_jw *w, const parley_conflict *c, const parley_gmcr_atom *a)
{
    parleyp_jw_object(w);
    parleyp_jw_kstring(w, "dm", parley_conflict_dm_name(c, a->dm));
    parleyp_jw_kstring(w, "relation", a->strict ? "prefers" : "at_least");
    parleyp_jw_kinteger(w, "state", (long long)a->a + 1);
    parleyp_jw_kinteger(w, "than", (long long)a->b + 1);
    parleyp_jw_close(w);
}

static int inv_json(const parley_conflict *c, const parley_inverse *r, FILE *fp)
{
    size_t n = parley_conflict_state_count(c), nd = parley_conflict_dm_count(c);
    size_t st = parley_inverse_state(r);
    char lab[512];
    char *stmt = malloc(8192);
    uint32_t *lv = malloc((n + 1) * sizeof *lv);
    if (!stmt || !lv) {
        free(stmt);
        free(lv);
        return -1;
    }
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_jw_kstring(&w, "conflict", parley_conflict_name(c));
    parleyp_jw_kstring(&w, "semantics", "textbook");
    parleyp_jw_kinteger(&w, "state", (long long)st + 1);
    parleyp_jw_kstring(&w, "state_label", parley_conflict_state_label(c, st, lab, sizeof lab));
    parleyp_jw_karray(&w, "concepts");
    for (int k = 0; k < NK; k++)
        if (parley_inverse_has_concept(r, (parley_gmcr_concept)k))
            parleyp_jw_string(&w, parley_gmcr_concept_name((parley_gmcr_concept)k));
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "decision_makers");
    for (size_t d = 0; d < nd; d++)
        parleyp_jw_string(&w, parley_conflict_dm_name(c, d));
    parleyp_jw_close(&w);
    parleyp_jw_kobject(&w, "rankings");
    for (size_t d = 0; d < nd; d++) {
        parley_inverse_ranking(r, d, lv);
        parleyp_jw_key(&w, parley_conflict_dm_name(c, d));
        json_ranking(&w, lv, n);
    }
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "conditions");
    for (size_t q = 0; q < parley_inverse_condition_count(r); q++) {
        const parley_gmcr_condition *cd = parley_inverse_condition(r, q);
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "concept", parley_gmcr_concept_name(cd->concept));
        parleyp_jw_kstring(&w, "dm", parley_conflict_dm_name(c, cd->dm));
        parleyp_jw_kbool(&w, "holds", cd->holds);
        parleyp_jw_karray(&w, "moves");
        for (size_t m = 0; m < cd->nmoves; m++) {
            const parley_gmcr_move_condition *mc = &cd->moves[m];
            parleyp_jw_object(&w);
            parleyp_jw_kinteger(&w, "move", (long long)mc->move + 1);
            parleyp_jw_kstring(&w, "move_label",
                               parley_conflict_state_label(c, mc->move, lab, sizeof lab));
            parleyp_jw_kbool(&w, "holds", mc->holds);
            parleyp_jw_kstring(&w, "statement",
                               parley_inverse_statement(c, mc, cd->dm, st, 0, stmt, 8192));
            parleyp_jw_kbool(&w, "truncated", mc->truncated);
            parleyp_jw_karray(&w, "alternatives");
            for (size_t a = 0; a < mc->nalternatives; a++) {
                const parley_gmcr_alternative *al = &mc->alternatives[a];
                parleyp_jw_object(&w);
                parleyp_jw_kbool(&w, "holds", al->holds);
                parleyp_jw_karray(&w, "atoms");
                for (size_t t = 0; t < al->natoms; t++)
                    json_atom(&w, c, &al->atoms[t]);
                parleyp_jw_close(&w);
                parleyp_jw_close(&w);
            }
            parleyp_jw_close(&w);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    if (parley_inverse_window_count(r) > 0) {
        const char *text;
        parleyp_jw_kobject(&w, "vary");
        parleyp_jw_karray(&w, "windows");
        for (size_t v = 0; v < parley_inverse_window_count(r); v++) {
            parley_inverse_window win = parley_inverse_window_at(r, v);
            parleyp_jw_object(&w);
            parleyp_jw_kstring(&w, "dm", parley_conflict_dm_name(c, win.dm));
            parleyp_jw_kinteger(&w, "first", (long long)win.first + 1);
            parleyp_jw_kinteger(&w, "last", (long long)win.last + 1);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
        double prof = parley_inverse_profiles(r, &text);
        json_count(&w, "profiles", prof, text);
        parleyp_jw_kobject(&w, "equilibrium_profiles");
        for (int k = 0; k < NK; k++) {
            parley_gmcr_concept kk = (parley_gmcr_concept)k;
            if (!parley_inverse_has_concept(r, kk))
                continue;
            parleyp_jw_kobject(&w, parley_gmcr_concept_name(kk));
            double cnt = parley_inverse_count(r, kk, &text);
            json_count(&w, "count", cnt, text);
            bool complete;
            size_t nl = parley_inverse_listed(r, kk, &complete);
            parleyp_jw_kbool(&w, "all_listed", complete);
            parleyp_jw_karray(&w, "listed");
            for (size_t p = 0; p < nl; p++) {
                parleyp_jw_object(&w);
                for (size_t v = 0; v < parley_inverse_window_count(r); v++) {
                    size_t d = parley_inverse_window_at(r, v).dm;
                    parley_inverse_listed_ranking(r, kk, p, d, lv);
                    parleyp_jw_key(&w, parley_conflict_dm_name(c, d));
                    json_ranking(&w, lv, n);
                }
                parleyp_jw_close(&w);
            }
            parleyp_jw_close(&w);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
        parleyp_jw_close(&w);
    }
    parleyp_jw_kobject(&w, "smallest_change");
    for (int k = 0; k < NK; k++) {
        parley_gmcr_concept kk = (parley_gmcr_concept)k;
        if (!parley_inverse_has_concept(r, kk))
            continue;
        bool exact;
        long sw = parley_inverse_min_swaps(r, kk, &exact);
        parleyp_jw_kobject(&w, parley_gmcr_concept_name(kk));
        parleyp_jw_kinteger(&w, "swaps", sw);
        parleyp_jw_kbool(&w, "exact", exact);
        parleyp_jw_karray(&w, "changes");
        for (size_t d = 0; d < nd; d++) {
            long sd = parley_inverse_min_swaps_dm(r, kk, d);
            if (sd <= 0)
                continue;
            parleyp_jw_object(&w);
            parleyp_jw_kstring(&w, "dm", parley_conflict_dm_name(c, d));
            parleyp_jw_kinteger(&w, "swaps", sd);
            parley_inverse_min_ranking(r, kk, d, lv);
            parleyp_jw_key(&w, "ranking");
            json_ranking(&w, lv, n);
            parleyp_jw_close(&w);
        }
        parleyp_jw_close(&w);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    free(stmt);
    free(lv);
    return parleyp_jw_end(&w);
}

static void csv_head(FILE *fp, const char *row, const char *concept, const char *dm)
{
    parleyp_csv_string(fp, row, false);
    parleyp_csv_string(fp, concept, false);
    parleyp_csv_string(fp, dm, false);
}

static int inv_csv(const parley_conflict *c, const parley_inverse *r, FILE *fp)
{
    size_t n = parley_conflict_state_count(c), nd = parley_conflict_dm_count(c);
    size_t st = parley_inverse_state(r);
    char *stmt = malloc(8192);
    uint32_t *lv = malloc((n + 1) * sizeof *lv);
    if (!stmt || !lv) {
        free(stmt);
        free(lv);
        return -1;
    }
    fputs("row,concept,dm,move,holds,statement,profile,count,profiles,swaps,exact,ranking\n", fp);
    for (size_t d = 0; d < nd; d++) {
        csv_head(fp, "ranking", NULL, parley_conflict_dm_name(c, d));
        fputs(",,,,,,,,", fp);
        parley_inverse_ranking(r, d, lv);
        csv_ranking(fp, lv, n, true);
    }
    for (size_t q = 0; q < parley_inverse_condition_count(r); q++) {
        const parley_gmcr_condition *cd = parley_inverse_condition(r, q);
        for (size_t m = 0; m < cd->nmoves; m++) {
            const parley_gmcr_move_condition *mc = &cd->moves[m];
            csv_head(fp, "condition", parley_gmcr_concept_name(cd->concept),
                     parley_conflict_dm_name(c, cd->dm));
            parleyp_csv_number(fp, (double)mc->move + 1, false);
            parleyp_csv_bool(fp, mc->holds, false);
            parleyp_csv_string(fp, parley_inverse_statement(c, mc, cd->dm, st, 0, stmt, 8192),
                               false);
            fputs(",,,,,\n", fp);
        }
    }
    for (int k = 0; k < NK && parley_inverse_window_count(r) > 0; k++) {
        parley_gmcr_concept kk = (parley_gmcr_concept)k;
        if (!parley_inverse_has_concept(r, kk))
            continue;
        const char *text, *ptext;
        parley_inverse_count(r, kk, &text);
        parley_inverse_profiles(r, &ptext);
        csv_head(fp, "count", parley_gmcr_concept_name(kk), NULL);
        fprintf(fp, ",,,,%s,%s,,,\n", text, ptext);
        size_t nl = parley_inverse_listed(r, kk, NULL);
        for (size_t p = 0; p < nl; p++)
            for (size_t v = 0; v < parley_inverse_window_count(r); v++) {
                size_t d = parley_inverse_window_at(r, v).dm;
                csv_head(fp, "profile", parley_gmcr_concept_name(kk),
                         parley_conflict_dm_name(c, d));
                fprintf(fp, ",,,%zu,,,,,", p + 1);
                parley_inverse_listed_ranking(r, kk, p, d, lv);
                csv_ranking(fp, lv, n, true);
            }
    }
    for (int k = 0; k < NK; k++) {
        parley_gmcr_concept kk = (parley_gmcr_concept)k;
        if (!parley_inverse_has_concept(r, kk))
            continue;
        bool exact;
        parley_inverse_min_swaps(r, kk, &exact);
        for (size_t d = 0; d < nd; d++) {
            long sd = parley_inverse_min_swaps_dm(r, kk, d);
            if (sd <= 0)
                continue;
            csv_head(fp, "change", parley_gmcr_concept_name(kk), parley_conflict_dm_name(c, d));
            fprintf(fp, ",,,,,,%ld,", sd);
            parleyp_csv_bool(fp, exact, false);
            parley_inverse_min_ranking(r, kk, d, lv);
            csv_ranking(fp, lv, n, true);
        }
    }
    free(stmt);
    free(lv);
    return 0;
}

static int inv_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const inv_ctx *x = ctx;
    return format == PARLEY_DOC_CSV ? inv_csv(x->c, x->r, fp) : inv_json(x->c, x->r, fp);
}

parley_status parley_inverse_dumpf(const parley_conflict *c, const parley_inverse *r,
                                   parley_doc_format format, FILE *fp, parley_error *err)
{
    inv_ctx x = {c, r};
    return parleyp_doc_dumpf(inv_body, &x, format, fp, err);
}

char *parley_inverse_dumps(const parley_conflict *c, const parley_inverse *r,
                           parley_doc_format format, parley_error *err)
{
    inv_ctx x = {c, r};
    return parleyp_doc_dumps(inv_body, &x, format, err);
}
