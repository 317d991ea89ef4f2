/*
 * report/sec_space.c — "The space of deals" (the exact Pareto frontier, the
 * plan versions in utility space, the Nash, Kalai, Kalai–Smorodinsky and
 * max-welfare packages, the walk-aways) and "What would it take" (the
 * cheapest concession for each party below its walk-away, and the
 * single-negotiating-text mediation round by round). Both read the one
 * frontier computed in data.c.
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void party_heads(FILE *fp, const parley_scenario *sc)
{
    for (size_t j = 0; j < sc->n_parties; j++) {
        fputs("<th class=\"num\">", fp);
        parleyp_rp_esc(fp, sc->parties[j].id);
        fputs("</th>", fp);
    }
}

typedef struct concept_row {
    const char *name, *what;
    size_t n;
    const size_t *idx;
} concept_row;

static void solutions(FILE *fp, const rp_data *d, const concept_row *rows)
{
    const parley_scenario *sc = d->sc;
    const parley_analysis *an = d->an;
    size_t np = sc->n_parties;
    parleyp_rp_table_open(fp, "frontier", "Bargaining solutions on the frontier");
    fputs("<thead><tr><th>package</th>", fp);
    party_heads(fp, sc);
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (int r = 0; r < 4; r++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, rows[r].name, false);
        if (!rows[r].n) {
            parleyp_rp_raw(fp, "<td colspan=\"%zu\">none</td></tr>\n", np);
            continue;
        }
        for (size_t j = 0; j < np; j++)
            parleyp_rp_num(fp, an->frontier.utility[rows[r].idx[0] * np + j], 3, false, false,
                           NULL);
        fputs("</tr>\n", fp);
    }
    fputs("<tr>", fp);
    parleyp_rp_cell(fp, "walk-away", false);
    for (size_t j = 0; j < np; j++)
        parleyp_rp_num(fp, sc->parties[j].walk_away, 3, false, false, NULL);
    fputs("</tr>\n</tbody></table>\n", fp);
    /* The packages themselves, issue by issue. */
    parleyp_rp_table_open(fp, NULL, "What each package settles");
    fputs("<thead><tr><th>issue</th>", fp);
    for (int r = 0; r < 4; r++)
        parleyp_rp_raw(fp, "<th>%s</th>", rows[r].name);
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t i = 0; i < sc->n_issues; i++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, sc->issues[i].id, false);
        for (int r = 0; r < 4; r++)
            parleyp_rp_cell(
                fp,
                rows[r].n ? sc->issues[i]
                                .options[an->frontier.outcome[rows[r].idx[0] * sc->n_issues + i]]
                                .id
                          : "-",
                false);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void plans_in_space(FILE *fp, const rp_data *d)
{
    const parley_scenario *sc = d->sc;
    const parley_analysis *an = d->an;
    size_t np = sc->n_parties;
    if (!sc->n_plans)
        return;
    parleyp_rp_table_open(fp, NULL,
                          "The plan versions in the same space (distance in utility space)");
    fputs("<thead><tr><th>plan</th>", fp);
    party_heads(fp, sc);
    fputs("<th class=\"num\">to the frontier</th><th class=\"num\">to Nash</th></tr></thead>\n"
          "<tbody>\n",
          fp);
    double *u = malloc(np * sizeof *u);
    char cmd[320];
    for (size_t k = 0; u && k < sc->n_plans; k++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, sc->plans[k].id, false);
        snprintf(cmd, sizeof cmd, "score --plan %s", sc->plans[k].id);
        for (size_t j = 0; j < np; j++) {
            u[j] = d->score[k].party[j].utility;
            parleyp_rp_num(fp, u[j], 3, false, false, cmd);
        }
        snprintf(cmd, sizeof cmd, "frontier --plan %s", sc->plans[k].id);
        double dist = NAN;
        if (parley_frontier_nearest(&an->frontier, u, &dist) < 0)
            dist = NAN;
        parleyp_rp_num(fp, dist, 3, false, false, cmd);
        parleyp_rp_num(fp, parley_frontier_distance_to(&an->frontier, an->nash, an->n_nash, u), 3,
                       false, false, cmd);
        fputs("</tr>\n", fp);
    }
    free(u);
    fputs("</tbody></table>\n", fp);
}

void parleyp_rp_sec_space(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    fputs("<section id=\"space\">\n<h2>The space of deals</h2>\n", fp);
    if (!d->an) {
        parleyp_rp_skip(fp, d->an_why);
        fputs("</section>\n", fp);
        return;
    }
    const parley_analysis *an = d->an;
    size_t np = sc->n_parties;
    fputs("<p>Every complete package is a point in utility space, one axis per party. The "
          "<em>Pareto frontier</em> holds the packages no other package beats for everyone "
          "(among those every party prefers to walking away); it is computed exactly, not "
          "sampled. The bargaining solutions pick one point of it: <em>Nash</em> maximises the "
          "product of the gains over walking away, <em>Kalai</em> (egalitarian) the smallest "
          "gain, <em>Kalai–Smorodinsky</em> gives each party the same share of its best "
          "possible gain, <em>max welfare</em> the sum of utilities.",
          fp);
    if (np > 2)
        fputs(" With more than two parties the chart shows every pair of parties (a matrix of "
              "projections): points that look dominated in one pair may be best in another.",
              fp);
    fputs("</p>\n", fp);
    char cap[1024], why[512];
    if (an->frontier.n_points > 0 && an->zone_count < 0)
        snprintf(cap, sizeof cap, "%zu packages form the frontier.", an->frontier.n_points);
    else if (an->frontier.n_points == 0)
        snprintf(cap, sizeof cap,
                 "No package puts every party at or above its walk-away: there is no zone of "
                 "agreement, and no bargaining solution.");
    else
        snprintf(cap, sizeof cap,
                 "Of the %.0f possible packages, %s %.0f (%.1f%%) leave every party at or "
                 "above its walk-away: the zone of agreement.",
                 an->outcomes_total, an->zone_exact ? "exactly" : "about", an->zone_count,
                 100.0 * an->zone_count / an->outcomes_total);
    fputs("<div class=\"pair wide\">\n", fp);
    parleyp_rp_figure(fp, d, "frontier", parleyp_rp_chart_frontier(d, why, sizeof why), why, cap);
    fputs("<div class=\"tables\">\n", fp);
    parleyp_rp_table_open(fp, "frontier", "Size of the space");
    fputs("<tbody>\n<tr><th>possible packages</th>", fp);
    parleyp_rp_num(fp, an->outcomes_total, 0, false, false, NULL);
    fputs("</tr>\n<tr><th>in the zone of agreement</th>", fp);
    parleyp_rp_num(fp, an->zone_count >= 0 ? an->zone_count : (double)NAN, 0, false, false, NULL);
    fputs("</tr>\n<tr><th>share in the zone</th>", fp);
    parleyp_rp_num(fp, an->zone_count >= 0 ? an->zone_count / an->outcomes_total : (double)NAN, 2,
                   false, true, NULL);
    fputs("</tr>\n<tr><th>on the Pareto frontier</th>", fp);
    parleyp_rp_num(fp, (double)an->frontier.n_points, 0, false, false, NULL);
    fputs("</tr>\n</tbody></table>\n", fp);
    const concept_row rows[4] = {{"Nash", "", an->n_nash, an->nash},
                                 {"Kalai", "", an->n_kalai, an->kalai},
                                 {"Kalai–Smorodinsky", "", an->n_ks, an->ks},
                                 {"max welfare", "", an->n_welfare, an->welfare}};
    solutions(fp, d, rows);
    fputs("</div>\n</div>\n", fp);
    plans_in_space(fp, d);
    fputs("</section>\n", fp);
}

/* ---- what would it take -------------------------------------------------- */

static const char *opt_id(const parley_scenario *sc, size_t i, long o)
{
    return o >= 0 ? sc->issues[i].options[o].id : "(open)";
}

/* The point of plan pl that sets issue i, or NULL. */
static const char *point_for(const parley_plan *pl, size_t i)
{
    for (size_t p = 0; p < pl->n_points; p++)
        for (size_t s = 0; s < pl->points[p].n_sets; s++)
            if (pl->points[p].set_issue[s] == i)
                return pl->points[p].id;
    return NULL;
}

static void concession(FILE *fp, rp_data *d, size_t j)
{
    const parley_scenario *sc = d->sc;
    const parley_plan *pl = &sc->plans[d->focus];
    const parley_concede_result *r = &d->concede[j];
    size_t np = sc->n_parties;
    char cmd[320];
    fputs("<h3>For ", fp);
    parleyp_rp_esc(fp, sc->parties[j].id);
    fputs("</h3>\n<p>", fp);
    if (r->feasible)
        parleyp_rp_raw(fp,
                       "Changing %zu point%s of the text (and settling the issues it leaves "
                       "open) brings ",
                       r->n_changed_points, r->n_changed_points == 1 ? "" : "s");
    else
        parleyp_rp_raw(fp, "No package brings ");
    parleyp_rp_esc(fp, sc->parties[j].id);
    if (r->feasible)
        fputs(" to its walk-away while every other party stays at or above its own: the fewest "
              "points that do it.",
              fp);
    else
        fputs(" to its walk-away while keeping every other party at or above its own; the "
              "closest package is shown.",
              fp);
    fputs("</p>\n<div class=\"pair\"><div class=\"tables\">\n", fp);
    snprintf(cmd, sizeof cmd, "concede --plan %s --for %s --keep-all", pl->id, sc->parties[j].id);
    parleyp_rp_table_open(fp, cmd, "The changes");
    static const char *const cols[] = {"point", "issue", "from", "to"};
    parleyp_rp_head(fp, cols, "llll");
    fputs("<tbody>\n", fp);
    for (size_t i = 0; i < sc->n_issues; i++) {
        if (pl->sets[i] >= 0 && (size_t)pl->sets[i] == r->outcome[i])
            continue;
        const char *pt = pl->sets[i] >= 0 ? point_for(pl, i) : NULL;
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, pt ? pt : "(open)", false);
        parleyp_rp_cell(fp, sc->issues[i].id, false);
        parleyp_rp_cell(fp, pl->sets[i] >= 0 ? opt_id(sc, i, pl->sets[i]) : "-", false);
        parleyp_rp_cell(fp, opt_id(sc, i, (long)r->outcome[i]), false);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</div><div class=\"tables\">\n", fp);
    parleyp_rp_table_open(fp, cmd, "Utilities before and after");
    static const char *const pcols[] = {"party", "before", "after", "walk-away", "above"};
    parleyp_rp_head(fp, pcols, "lrrrl");
    fputs("<tbody>\n", fp);
    for (size_t k = 0; k < np; k++) {
        bool ok = parley_walk_away_met(sc, k, r->after[k]);
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, sc->parties[k].id, false);
        parleyp_rp_num(fp, r->before[k], 3, false, false, NULL);
        parleyp_rp_num(fp, r->after[k], 3, false, false, NULL);
        parleyp_rp_num(fp, sc->parties[k].walk_away, 3, false, false, NULL);
        fputs(ok ? "<td class=\"yes\">yes</td>" : "<td class=\"no\">no</td>", fp);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</div></div>\n", fp);
}

static void mediation(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    const parley_plan *pl = &sc->plans[d->focus];
    const parley_mediation *m = &d->med;
    size_t np = sc->n_parties;
    char cmd[320], cap[1024], why[512];
    fputs("<h3>Mediation: one text, one issue per round</h3>\n", fp);
    fputs("<p>A mediator revises a single negotiating text from ", fp);
    parleyp_rp_esc(fp, pl->id);
    fputs(", one issue per round: a change that leaves nobody worse off when there is one, "
          "otherwise a step toward the Nash package; no party at or above its walk-away is "
          "pushed below it.</p>\n",
          fp);
    snprintf(cap, sizeof cap, "%zu round%s; %s %s. Stopped: %s.", m->n_rounds,
             m->n_rounds == 1 ? "" : "s",
             m->all_above ? "at the end every party is at or above its walk-away"
                          : "at the end some party is still below its walk-away",
             m->has_target ? "(target: the Nash package)"
                           : "(no package suits everyone: Pareto steps only)",
             m->stopped);
    fputs("<div class=\"pair wide\">\n", fp);
    parleyp_rp_figure(fp, d, "mediate", parleyp_rp_chart_mediate(d, why, sizeof why), why, cap);
    fputs("<div class=\"tables\">\n", fp);
    snprintf(cmd, sizeof cmd, "mediate --plan %s", pl->id);
    parleyp_rp_table_open(fp, cmd, "Round by round (utility after each round; * below walk-away)");
    fputs("<thead><tr><th>round</th><th>kind</th><th>point</th><th>change</th>", fp);
    party_heads(fp, sc);
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t r = 0; r <= m->n_rounds; r++) {
        const double *u = r ? m->rounds[r - 1].u : m->u0;
        parleyp_rp_raw(fp, "<tr><td>%zu</td>", r);
        if (!r) {
            fputs("<td>start</td><td></td>", fp);
            parleyp_rp_cell(fp, pl->id, false);
        } else {
            const parley_mediation_round *rd = &m->rounds[r - 1];
            const char *pt = point_for(pl, rd->issue);
            parleyp_rp_cell(fp, rd->pareto ? "pareto" : "toward", false);
            parleyp_rp_cell(fp, pt ? pt : "new", false);
            fputs("<td>", fp);
            parleyp_rp_esc(fp, sc->issues[rd->issue].id);
            fputs(": ", fp);
            parleyp_rp_esc(fp, opt_id(sc, rd->issue, rd->from));
            fputs(" → ", fp);
            parleyp_rp_esc(fp, opt_id(sc, rd->issue, rd->to));
            fputs("</td>", fp);
        }
        for (size_t j = 0; j < np; j++)
            parleyp_rp_num(fp, u[j], 3, false, false, NULL);
        fputs("</tr>\n", fp);
    }
    if (m->has_target) {
        fputs("<tr><td></td><td>target</td><td></td><td>the Nash package</td>", fp);
        for (size_t j = 0; j < np; j++)
            parleyp_rp_num(fp, m->target_u[j], 3, false, false, NULL);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</div>\n</div>\n", fp);
}

void parleyp_rp_sec_take(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    fputs("<section id=\"take\">\n<h2>What would it take</h2>\n", fp);
    if (!d->has_plan) {
        parleyp_rp_skip(fp, "the scenario has no plan version to start from.");
        fputs("</section>\n", fp);
        return;
    }
    const parley_plan *pl = &sc->plans[d->focus];
    fputs("<p>Starting from ", fp);
    parleyp_rp_esc(fp, pl->id);
    fputs(": for each party below its walk-away, the fewest points of the text to change so "
          "that it comes on board while nobody else falls below theirs; then what a mediator "
          "could do round by round.</p>\n",
          fp);
    size_t below = 0;
    for (size_t j = 0; j < sc->n_parties; j++) {
        if (d->score[d->focus].party[j].above)
            continue;
        below++;
        if (d->conceded[j])
            concession(fp, d, j);
        else {
            fputs("<p class=\"skip\">For ", fp);
            parleyp_rp_esc(fp, sc->parties[j].id);
            fputs(": left out: ", fp);
            parleyp_rp_esc(fp, d->take_why);
            fputs("</p>\n", fp);
        }
    }
    if (!below) {
        fputs("<p class=\"note\">Every party is at or above its walk-away under ", fp);
        parleyp_rp_esc(fp, pl->id);
        fputs(": no concession is needed.</p>\n", fp);
    }
    if (d->mediated)
        mediation(fp, d);
    else
        parleyp_rp_skip(fp, d->an_why[0] ? d->an_why : "the mediation did not run.");
    fputs("</section>\n", fp);
}
