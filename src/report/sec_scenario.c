/*
 * report/sec_scenario.c — "The scenario": parties, issues, plan versions and
 * their lineage, sources, and what in the model is assumption rather than
 * fact.
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(const parley_issue *is)
{
    return is->kind == PARLEY_ISSUE_DISCRETE  ? (is->ordered ? "discrete, ordered" : "discrete")
           : is->kind == PARLEY_ISSUE_INTEGER ? "integer"
                                              : "real";
}

static void parties(FILE *fp, const parley_scenario *sc)
{
    parleyp_rp_table_open(fp, "check", "Parties");
    static const char *const cols[] = {"party", "name", "power", "walk-away", "discount"};
    parleyp_rp_head(fp, cols, "llrrr");
    fputs("<tbody>\n", fp);
    for (size_t j = 0; j < sc->n_parties; j++) {
        const parley_party *p = &sc->parties[j];
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, p->id, false);
        parleyp_rp_cell(fp, p->name ? p->name : "", false);
        parleyp_rp_num(fp, p->power, 0, false, false, NULL);
        parleyp_rp_num(fp, p->walk_away, 3, false, false, NULL);
        parleyp_rp_num(fp, p->discount, 3, false, false, NULL);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void issues(FILE *fp, const parley_scenario *sc)
{
    parleyp_rp_table_open(fp, NULL, "Issues and their options");
    static const char *const cols[] = {"issue", "name", "type", "options"};
    parleyp_rp_head(fp, cols, "llll");
    fputs("<tbody>\n", fp);
    for (size_t i = 0; i < sc->n_issues; i++) {
        const parley_issue *is = &sc->issues[i];
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, is->id, false);
        parleyp_rp_cell(fp, is->name ? is->name : "", false);
        parleyp_rp_cell(fp, kind_name(is), false);
        fputs("<td>", fp);
        for (size_t o = 0; o < is->n_options; o++) {
            if (o)
                fputs(is->ordered ? " &lt; " : ", ", fp);
            parleyp_rp_esc(fp, is->options[o].id);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static size_t open_count(const parley_scenario *sc, const parley_plan *pl)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_issues; i++)
        n += pl->sets[i] < 0;
    return n;
}

/* The lineage as an indented tree: each version under the one it is based on. */
static void lineage(FILE *fp, const parley_scenario *sc, long parent, int depth)
{
    for (size_t k = 0; k < sc->n_plans; k++) {
        const parley_plan *pl = &sc->plans[k];
        if (pl->based_on != parent)
            continue;
        for (int t = 0; t < depth; t++)
            fputs(t + 1 == depth ? "└─ " : "   ", fp);
        parleyp_rp_plan_label(fp, sc, pl, "  ");
        fputc('\n', fp);
        lineage(fp, sc, (long)k, depth + 1);
    }
}

static void plans(FILE *fp, const parley_scenario *sc)
{
    fputs("<h3>Plan versions</h3>\n", fp);
    if (!sc->n_plans) {
        fputs("<p class=\"note\">The scenario has no plan versions.</p>\n", fp);
        return;
    }
    parleyp_rp_table_open(fp, NULL, "Plan versions in file order");
    static const char *const cols[] = {"plan",     "name",   "proposed by", "date",
                                       "based on", "points", "open issues"};
    parleyp_rp_head(fp, cols, "lllllrr");
    fputs("<tbody>\n", fp);
    char n[32];
    for (size_t k = 0; k < sc->n_plans; k++) {
        const parley_plan *pl = &sc->plans[k];
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, pl->id, false);
        parleyp_rp_cell(fp, pl->name ? pl->name : "", false);
        parleyp_rp_cell(fp, pl->proposed_by >= 0 ? sc->parties[pl->proposed_by].id : "-", false);
        parleyp_rp_cell(fp, pl->date ? pl->date : "-", false);
        parleyp_rp_cell(fp, pl->based_on >= 0 ? sc->plans[pl->based_on].id : "-", false);
        snprintf(n, sizeof n, "%zu", pl->n_points);
        fputs("<td class=\"num\">", fp);
        fputs(n, fp);
        snprintf(n, sizeof n, "%zu", open_count(sc, pl));
        fputs("</td><td class=\"num\">", fp);
        fputs(n, fp);
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n<p class=\"note\">Lineage: each version under the one it "
          "revises.</p>\n<div class=\"lineage\">",
          fp);
    lineage(fp, sc, -1, 0);
    fputs("</div>\n", fp);
}

/* Whether s was already listed among the first `upto` sources collected. */
static bool seen(const char *const *list, size_t upto, const char *s)
{
    for (size_t k = 0; k < upto; k++)
        if (!strcmp(list[k], s))
            return true;
    return false;
}

static void sources(FILE *fp, const parley_scenario *sc)
{
    size_t cap = sc->n_sources + sc->n_plans + sc->n_stances, n = 0;
    const char **list = cap ? calloc(cap, sizeof *list) : NULL;
    fputs("<h3>Sources</h3>\n", fp);
    for (size_t k = 0; list && k < sc->n_sources; k++)
        if (!seen(list, n, sc->sources[k]))
            list[n++] = sc->sources[k];
    for (size_t k = 0; list && k < sc->n_plans; k++)
        if (sc->plans[k].source && !seen(list, n, sc->plans[k].source))
            list[n++] = sc->plans[k].source;
    for (size_t k = 0; list && k < sc->n_stances; k++)
        if (sc->stances[k].source && !seen(list, n, sc->stances[k].source))
            list[n++] = sc->stances[k].source;
    if (!n) {
        fputs("<p class=\"note\">The scenario cites no sources.</p>\n", fp);
    } else {
        fputs("<ol class=\"sources\">\n", fp);
        for (size_t k = 0; k < n; k++) {
            fputs("<li>", fp);
            parleyp_rp_esc(fp, list[k]);
            fputs("</li>\n", fp);
        }
        fputs("</ol>\n<p class=\"note\">Addresses are shown as text, not links: this file "
              "fetches nothing.</p>\n",
              fp);
    }
    free(list);
}

void parleyp_rp_sec_scenario(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    fputs("<section id=\"scenario\">\n<h2 class=\"first\">The scenario</h2>\n", fp);
    parleyp_rp_raw(fp,
                   "<p>%zu parties negotiate over %zu issues; the file holds %zu version%s of "
                   "the plan and %zu reported stance%s.</p>\n",
                   sc->n_parties, sc->n_issues, sc->n_plans, sc->n_plans == 1 ? "" : "s",
                   sc->n_stances, sc->n_stances == 1 ? "" : "s");
    fputs("<div class=\"assume\"><strong>Modelling assumptions.</strong> What each version of "
          "the plan says, who proposed it and the reported stances are facts taken from the "
          "sources. Every weight, option value, walk-away (the utility of no deal) and power "
          "is an assumption of the model: the numbers below show what follows from those "
          "assumptions, not measured preferences. Change them in the scenario file and "
          "re-run.",
          fp);
    if (sc->notes) {
        fputs("<br>", fp);
        parleyp_rp_esc(fp, sc->notes);
    }
    fputs("</div>\n", fp);
    if (sc->n_overrides) { /* what-ifs given on the command line */
        fputs("<p class=\"overrides\"><strong>What-if overrides:</strong> this report is of the "
              "scenario as changed by",
              fp);
        for (size_t k = 0; k < sc->n_overrides; k++) {
            fputs(k ? ", <code>" : " <code>", fp);
            parleyp_rp_esc(fp, sc->overrides[k].option);
            fputc(' ', fp);
            parleyp_rp_esc(fp, sc->overrides[k].argument);
            fputs("</code>", fp);
        }
        fputs(".</p>\n", fp);
    }
    parties(fp, sc);
    issues(fp, sc);
    plans(fp, sc);
    sources(fp, sc);
    if (sc->n_warnings) {
        fputs("<h3>Warnings when the file was read</h3>\n<ul>\n", fp);
        for (size_t k = 0; k < sc->n_warnings; k++) {
            fputs("<li>", fp);
            parleyp_rp_esc(fp, sc->warnings[k]);
            fputs("</li>\n", fp);
        }
        fputs("</ul>\n", fp);
    }
    fputs("</section>\n", fp);
}
