/*
 * io/conflict_yaml_write.c — writes an option-form conflict (e.g. one
 * read from a GMCR+ .gmcr file) as a parley `conflict:` YAML section, for
 * `parley convert`. Exact by construction: options with their DMs and
 * reversibility, infeasibility as Y/N/- patterns (or, when the model holds
 * infeasibility statements, every infeasible state), each DM's preferences
 * as an explicit ranking of all feasible states with ties, the states each
 * DM does not perceive (misperceptions), the status quo and coalitions. Option ids are made into
 * words the statement language accepts; names are kept.
 */
#include "stability/gm_model.h"

#include "core/error.h"
#include "core/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void q(FILE *fp, const char *s)
{
    parleyp_pt_write_quoted(fp, s);
}

/* A word id for option k: its id with every other character made '_',
 * prefixed when it would not start with a letter or is a keyword; "o<k>"
 * when it clashes with an earlier one. */
static void word_id(const parley_conflict *c, size_t k, char *buf, size_t n)
{
    static const char *const kw[] = {"and", "or", "not", "if", "iff", "implies", NULL};
    const char *src = c->options[k].id ? c->options[k].id : c->options[k].name;
    size_t w = 0;
    if (!src || !isalpha((unsigned char)src[0]))
        w = (size_t)snprintf(buf, n, "o_");
    for (const char *p = src ? src : ""; *p && w + 1 < n; p++)
        buf[w++] = isalnum((unsigned char)*p) || *p == '_' || *p == '.' ? *p : '_';
    buf[w < n ? w : n - 1] = '\0';
    for (size_t i = 0; kw[i]; i++)
        if (strcmp(buf, kw[i]) == 0)
            snprintf(buf, n, "o_%s", kw[i]);
    for (size_t j = 0; j < k; j++) {
        char other[128];
        word_id(c, j, other, sizeof other);
        if (strcmp(other, buf) == 0) {
            snprintf(buf, n, "o%zu", k + 1);
            return;
        }
    }
}

static void yn(const parley_conflict *c, uint32_t code, char *buf)
{
    for (size_t k = 0; k < c->noptions; k++)
        buf[k] = (code >> k) & 1 ? 'Y' : 'N';
    buf[c->noptions] = '\0';
}

static void write_ranking(FILE *fp, const parley_conflict *c, size_t dm)
{
    const uint32_t *pay = c->pay[dm];
    uint32_t top = 0;
    for (size_t s = 0; s < c->nstates; s++)
        top = pay[s] > top ? pay[s] : top;
    char label[40];
    fputs("ranking: [", fp);
    bool first = true;
    for (uint64_t level = (uint64_t)top + 1; level-- > 0;) {
        size_t count = 0;
        for (size_t s = 0; s < c->nstates; s++)
            count += pay[s] == level;
        if (!count)
            continue;
        fputs(first ? "" : ", ", fp);
        first = false;
        fputs(count > 1 ? "[" : "", fp);
        size_t w = 0;
        for (size_t s = 0; s < c->nstates; s++)
            if (pay[s] == level) {
                yn(c, c->code[s], label);
                fprintf(fp, "%s%s", w++ ? ", " : "", label);
            }
        fputs(count > 1 ? "]" : "", fp);
    }
    fputs("]", fp);
}

parley_status parley_conflict_write_yaml(const parley_conflict *c, char **out, parley_error *err)
{
    *out = NULL;
    if (c->graph_form)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                "graph-form conflicts cannot be written as YAML yet");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    char id[128], label[40];
    fputs("# Written by `parley convert`; preferences as explicit rankings (most preferred\n"
          "# first, ties in brackets) of every feasible state, option k = character k.\n",
          fp);
    fputs("conflict:\n  name: ", fp);
    q(fp, c->name ? c->name : "conflict");
    fputs("\n  decision_makers:\n", fp);
    static const char *const rev[] = {"both", "only_taken", "only_withdrawn"};
    for (size_t d = 0; d < c->ndms; d++) {
        fputs("    - id: ", fp);
        q(fp, c->dms[d].name);
        fputs("\n      options:\n", fp);
        for (size_t k = 0; k < c->noptions; k++) {
            if (c->options[k].dm != (int)d)
                continue;
            word_id(c, k, id, sizeof id);
            fprintf(fp, "        - {id: %s, name: ", id);
            q(fp, c->options[k].name ? c->options[k].name : id);
            fprintf(fp, ", reversible: %s}\n", rev[c->options[k].rev]);
        }
    }
    size_t written = 0;
    if (c->npatterns || c->ninfeasible_exprs)
        fputs("  infeasible:\n", fp);
    if (c->ninfeasible_exprs == 0) {
        for (size_t p = 0; p < c->npatterns; p++, written++) {
            fputs("    - \"", fp);
            for (size_t k = 0; k < c->noptions; k++)
                fputc((c->patterns[p].mask >> k) & 1 ? ((c->patterns[p].value >> k) & 1 ? 'Y' : 'N')
                                                     : '-',
                      fp);
            fputs("\"\n", fp);
        }
    } else {
        for (uint64_t s = 0; s < ((uint64_t)1 << c->noptions); s++)
            if (gm_state_id(c, (uint32_t)s) < 0) {
                yn(c, (uint32_t)s, label);
                fprintf(fp, "    - \"%s\"\n", label);
                written++;
            }
    }
    fputs("  preferences:\n", fp);
    for (size_t d = 0; d < c->ndms; d++) {
        fputs("    ", fp);
        q(fp, c->dms[d].name);
        fputs(": {", fp);
        write_ranking(fp, c, d);
        fputs("}\n", fp);
    }
    if (c->misperceptions) { /* every state a DM does not perceive, exactly */
        fputs("  misperceptions:\n", fp);
        for (size_t d = 0; d < c->ndms; d++) {
            if (!c->dms[d].unseen)
                continue;
            fputs("    ", fp);
            q(fp, c->dms[d].name);
            fputs(":\n", fp);
            for (size_t s = 0; s < c->nstates; s++)
                if ((c->dms[d].unseen[s >> 6] >> (s & 63)) & 1u) {
                    yn(c, c->code[s], label);
                    fprintf(fp, "      - \"%s\"\n", label);
                }
        }
    }
    if (c->status_quo >= 0) {
        yn(c, c->code[c->status_quo], label);
        fprintf(fp, "  status_quo: %s\n", label);
    }
    if (c->coalition_of) {
        fputs("  coalitions: [", fp);
        bool first_group = true;
        for (size_t g = 0; g < c->ndms; g++) {
            bool any = false;
            for (size_t d = 0; d < c->ndms; d++)
                if (c->coalition_of[d] == (int)g) {
                    fputs(any ? ", " : first_group ? "[" : ", [", fp);
                    q(fp, c->dms[d].name);
                    any = true;
                    first_group = false;
                }
            if (any)
                fputs("]", fp);
        }
        fputs("]\n", fp);
    }
    if (fclose(fp) != 0 || !buf) {
        free(buf);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    *out = buf;
    return PARLEY_OK;
}
