/*
 * report/sec_plans.c — "Who is on board" (every plan version scored for
 * every party, against its walk-away, with the reported stances) and "What
 * changed between drafts" (each version against the one it is based on,
 * point by point, with who made each change).
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A plain list "A, B and C" of the parties whose flag is `want`, into buf. */
static const char *party_list(const parley_scenario *sc, const bool *flag, bool want, char *buf,
                              size_t n)
{
    size_t count = 0, total = 0, used = 0;
    for (size_t j = 0; j < sc->n_parties; j++)
        total += flag[j] == want;
    buf[0] = '\0';
    for (size_t j = 0; j < sc->n_parties && used < n; j++) {
        if (flag[j] != want)
            continue;
        count++;
        const char *sep = count == 1 ? "" : count == total ? " and " : ", ";
        used += (size_t)snprintf(buf + used, n - used, "%s%s", sep, sc->parties[j].id);
    }
    return buf;
}

static const char *stance_word(parley_stance_kind k)
{
    return k == PARLEY_STANCE_ACCEPTS   ? "accepts"
           : k == PARLEY_STANCE_REJECTS ? "rejects"
                                        : "partial";
}

/* The reported stances of party j on plan k, with the model's verdict. */
static void reported(FILE *fp, const rp_data *d, size_t j, size_t k)
{
    const parley_scenario *sc = d->sc;
    bool any = false;
    fputs("<td>", fp);
    for (size_t s = 0; s < sc->n_stances; s++) {
        const parley_stance *st = &sc->stances[s];
        if (st->party != j || st->plan != (long)k)
            continue;
        if (any)
            fputs("; ", fp);
        any = true;
        if (!isnan(st->share))
            fprintf(fp, "%.0f%% ", st->share * 100);
        fputs(stance_word(st->kind), fp);
        if (st->n_points) {
            fputs(" (points ", fp);
            for (size_t p = 0; p < st->n_points; p++) {
                if (p)
                    fputs(", ", fp);
                parleyp_rp_esc(fp, st->points[p]);
            }
            fputc(')', fp);
        }
        if (d->stance && d->stance[s].verdict == PARLEY_STANCE_CONTRADICTS)
            fputs(" <strong>— the model disagrees</strong>", fp);
        else if (d->stance && d->stance[s].verdict == PARLEY_STANCE_SHARE_DIFFERS)
            fputs(" — the modelled share differs by over 25 points", fp);
        if (st->n_disputed)
            fputs(" (disputed)", fp);
        if (st->source) {
            fputs("<br><span class=\"note\">", fp);
            parleyp_rp_esc(fp, st->source);
            fputs("</span>", fp);
        }
    }
    fputs(any ? "</td>" : "-</td>", fp);
}

static void plan_heading(FILE *fp, const parley_scenario *sc, const parley_plan *pl)
{
    fputs("<h3>", fp);
    parleyp_rp_plan_label(fp, sc, pl, " — ");
    fputs("</h3>\n", fp);
}

static void onboard_plan(FILE *fp, rp_data *d, size_t k)
{
    const parley_scenario *sc = d->sc;
    const parley_plan *pl = &sc->plans[k];
    const parley_score *s = &d->score[k];
    size_t np = sc->n_parties;
    bool *above = calloc(np ? np : 1, sizeof *above);
    char cmd[320], yes[256], no[256], cap[1024];
    if (!above)
        return;
    for (size_t j = 0; j < np; j++)
        above[j] = s->party[j].above;
    plan_heading(fp, sc, pl);
    party_list(sc, above, true, yes, sizeof yes);
    party_list(sc, above, false, no, sizeof no);
    size_t n_above = 0;
    for (size_t j = 0; j < np; j++)
        n_above += above[j];
    if (n_above == np)
        snprintf(cap, sizeof cap,
                 "Every party gets more from %s than from walking away: each bar is above its "
                 "walk-away mark.",
                 pl->id);
    else if (!n_above)
        snprintf(cap, sizeof cap,
                 "No party gets more from %s than from walking away: every bar is below its "
                 "walk-away mark.",
                 pl->id);
    else
        snprintf(cap, sizeof cap,
                 "Under %s, %s %s above %s walk-away; %s %s below: %s would rather walk away "
                 "than sign this text as the model reads it.",
                 pl->id, yes, n_above == 1 ? "is" : "are", n_above == 1 ? "its" : "their", no,
                 np - n_above == 1 ? "is" : "are", np - n_above == 1 ? "it" : "they");
    fputs("<p>", fp);
    parleyp_rp_esc(fp, cap);
    fputs("</p>\n", fp);
    snprintf(cmd, sizeof cmd, "score --plan %s", pl->id);
    parleyp_rp_table_open(fp, cmd, "Utility of the plan against each party's walk-away");
    static const char *const cols[] = {"party", "utility",  "walk-away",
                                       "above", "on board", "reported"};
    parleyp_rp_head(fp, cols, "lrrlrl");
    fputs("<tbody>\n", fp);
    for (size_t j = 0; j < np; j++) {
        const parley_party_score *ps = &s->party[j];
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, sc->parties[j].id, false);
        parleyp_rp_num(fp, ps->utility, 3, false, false, NULL);
        parleyp_rp_num(fp, sc->parties[j].walk_away, 3, false, false, NULL);
        fputs(ps->above ? "<td class=\"yes\">yes</td>" : "<td class=\"no\">no</td>", fp);
        parleyp_rp_num(fp, ps->on_board, 1, false, true, NULL);
        reported(fp, d, j, k);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
    if (s->n_open) {
        fputs("<p class=\"note\">Left open by this version, scored at each party's expected "
              "value over their options: ",
              fp);
        for (size_t i = 0; i < s->n_open; i++) {
            if (i)
                fputs(", ", fp);
            parleyp_rp_esc(fp, sc->issues[s->open[i]].id);
        }
        fputs(".</p>\n", fp);
    }
    free(above);
}

void parleyp_rp_sec_onboard(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    fputs("<section id=\"onboard\">\n<h2>Who is on board</h2>\n", fp);
    if (!sc->n_plans) {
        parleyp_rp_skip(fp, "the scenario has no plan versions to score.");
        fputs("</section>\n", fp);
        return;
    }
    fputs("<p>For each version of the plan: each party's utility from it (0 = its worst "
          "outcome, 1 = its best) against its walk-away, the utility of no deal. <em>On "
          "board</em> is the share of the gain a party could hope for over walking away that "
          "this version gives it: (utility − walk-away) / (best − walk-away); negative below "
          "the walk-away. Reported stances from the sources are listed beside the model.</p>\n",
          fp);
    /* One chart of every version, beside the on-board share of every party
     * under every version. */
    char cap[1024], chart_cap[512];
    char *svg = parleyp_rp_chart_onboard(d, chart_cap, sizeof chart_cap);
    size_t n_all = 0, best = 0;
    for (size_t k = 0; k < sc->n_plans; k++) {
        size_t n = 0;
        for (size_t j = 0; j < sc->n_parties; j++)
            n += d->score[k].party[j].above;
        if (n > n_all || !k) {
            n_all = n;
            best = k;
        }
    }
    snprintf(cap, sizeof cap, "%s brings the most parties above their walk-away: %zu of %zu.",
             sc->plans[best].id, n_all, sc->n_parties);
    fputs("<div class=\"pair\">\n", fp);
    parleyp_rp_figure(fp, d, "onboard", svg, chart_cap, cap);
    fputs("<div class=\"tables\">\n", fp);
    parleyp_rp_table_open(fp, NULL, "On board, by version (modelled share of attainable gain)");
    fputs("<thead><tr><th>party</th>", fp);
    for (size_t k = 0; k < sc->n_plans; k++) {
        fputs("<th class=\"num\">", fp);
        parleyp_rp_esc(fp, sc->plans[k].id);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    char cmd[320];
    for (size_t j = 0; j < sc->n_parties; j++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, sc->parties[j].id, false);
        for (size_t k = 0; k < sc->n_plans; k++) {
            snprintf(cmd, sizeof cmd, "score --plan %s", sc->plans[k].id);
            parleyp_rp_num(fp, d->score[k].party[j].on_board, 1, false, true, cmd);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</div>\n</div>\n", fp);
    for (size_t k = 0; k < sc->n_plans; k++)
        onboard_plan(fp, d, k);
    fputs("</section>\n", fp);
}

/* ---- what changed ---------------------------------------------------------- */

static void sets_text(FILE *fp, const parley_scenario *sc, const parley_point *pt)
{
    if (!pt->n_sets) {
        fputs("text: “", fp);
        parleyp_rp_esc(fp, pt->text);
        fputs("”", fp);
        return;
    }
    for (size_t s = 0; s < pt->n_sets; s++) {
        if (s)
            fputs(", ", fp);
        const parley_issue *is = &sc->issues[pt->set_issue[s]];
        parleyp_rp_esc(fp, is->id);
        fputc('=', fp);
        parleyp_rp_esc(fp, is->options[pt->set_option[s]].id);
    }
}

static void change_what(FILE *fp, const parley_scenario *sc, const parley_diff *df,
                        const parley_diff_entry *e)
{
    const parley_plan *a = &sc->plans[df->a], *b = &sc->plans[df->b];
    if (e->kind == PARLEY_DIFF_ADDED) {
        sets_text(fp, sc, &b->points[e->b_point]);
    } else if (e->kind == PARLEY_DIFF_DROPPED) {
        sets_text(fp, sc, &a->points[e->a_point]);
    } else {
        sets_text(fp, sc, &a->points[e->a_point]);
        fputs(" → ", fp);
        sets_text(fp, sc, &b->points[e->b_point]);
    }
}

/* The entry that moves party j most (largest |delta|), or -1. */
static long biggest(const parley_diff *df, size_t j)
{
    long best = -1;
    for (size_t k = 0; k < df->n; k++)
        if (best < 0 || fabs(df->e[k].delta[j]) > fabs(df->e[best].delta[j]))
            best = (long)k;
    return best;
}

static void changes_plan(FILE *fp, rp_data *d, size_t k)
{
    const parley_scenario *sc = d->sc;
    const parley_diff *df = &d->diff[k];
    const parley_plan *a = &sc->plans[df->a], *b = &sc->plans[df->b];
    size_t np = sc->n_parties;
    char cmd[320], cap[1024], why[512];
    fputs("<h3>", fp);
    parleyp_rp_esc(fp, a->id);
    fputs(" → ", fp);
    parleyp_rp_esc(fp, b->id);
    fputs("</h3>\n", fp);
    /* Caption: who gained, who lost, and the change that moved the biggest loser most. */
    size_t lost = 0, gained = 0;
    long worst = -1;
    for (size_t j = 0; j < np; j++) {
        double ch = df->ub[j] - df->ua[j];
        lost += ch < -1e-9;
        gained += ch > 1e-9;
        if (worst < 0 || ch < df->ub[worst] - df->ua[worst])
            worst = (long)j;
    }
    size_t used = (size_t)snprintf(
        cap, sizeof cap, "%zu change%s from %s to %s: %zu part%s gain%s, %zu lose%s.", df->n,
        df->n == 1 ? "" : "s", a->id, b->id, gained, gained == 1 ? "y" : "ies",
        gained == 1 ? "s" : "", lost, lost == 1 ? "s" : "");
    long e = worst >= 0 && lost ? biggest(df, (size_t)worst) : -1;
    if (e >= 0 && used < sizeof cap)
        snprintf(cap + used, sizeof cap - used,
                 " %s loses most (%+.3f); the single change that costs it most is point %s "
                 "(%s%s%s, %+.3f).",
                 sc->parties[worst].id, df->ub[worst] - df->ua[worst], df->e[e].point_id,
                 df->e[e].kind == PARLEY_DIFF_ADDED     ? "added"
                 : df->e[e].kind == PARLEY_DIFF_DROPPED ? "dropped"
                                                        : "changed",
                 df->e[e].by >= 0 ? " by " : "",
                 df->e[e].by >= 0 ? sc->parties[df->e[e].by].id : "", df->e[e].delta[worst]);
    fputs("<div class=\"pair\">\n", fp);
    char *svg = parleyp_rp_chart_diff(d, k, why, sizeof why);
    parleyp_rp_figure(fp, d, "diff", svg, why, cap);
    fputs("<div class=\"tables\">\n", fp);
    snprintf(cmd, sizeof cmd, "diff %s %s", a->id, b->id);
    parleyp_rp_table_open(fp, cmd, "Utility before and after");
    static const char *const cols[] = {"party", "before", "after", "change"};
    parleyp_rp_head(fp, cols, "lrrr");
    fputs("<tbody>\n", fp);
    for (size_t j = 0; j < np; j++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, sc->parties[j].id, false);
        parleyp_rp_num(fp, df->ua[j], 3, false, false, NULL);
        parleyp_rp_num(fp, df->ub[j], 3, false, false, NULL);
        parleyp_rp_num(fp, df->ub[j] - df->ua[j], 3, true, false, NULL);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</div>\n</div>\n", fp);
    parleyp_rp_table_open(fp, cmd,
                          "Every change and its effect on every party (utility from applying "
                          "that one change to the earlier version)");
    fputs("<thead><tr><th>change</th><th>point</th><th>by</th><th>what</th>", fp);
    for (size_t j = 0; j < np; j++) {
        fputs("<th class=\"num\">", fp);
        parleyp_rp_esc(fp, sc->parties[j].id);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t c = 0; c < df->n; c++) {
        const parley_diff_entry *en = &df->e[c];
        fputs("<tr>", fp);
        parleyp_rp_cell(fp,
                        en->kind == PARLEY_DIFF_ADDED     ? "added"
                        : en->kind == PARLEY_DIFF_DROPPED ? "dropped"
                                                          : "changed",
                        false);
        parleyp_rp_cell(fp, en->point_id, false);
        parleyp_rp_cell(fp, en->by >= 0 ? sc->parties[en->by].id : "-", false);
        fputs("<td>", fp);
        change_what(fp, sc, df, en);
        fputs("</td>", fp);
        for (size_t j = 0; j < np; j++)
            parleyp_rp_num(fp, en->delta[j], 3, true, false, NULL);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

void parleyp_rp_sec_changes(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    fputs("<section id=\"changes\">\n<h2>What changed between drafts</h2>\n", fp);
    size_t n = 0;
    for (size_t k = 0; k < sc->n_plans; k++)
        n += sc->plans[k].based_on >= 0;
    if (!n) {
        parleyp_rp_skip(fp, sc->n_plans ? "no plan version is based on another (no based_on)."
                                        : "the scenario has no plan versions.");
        fputs("</section>\n", fp);
        return;
    }
    fputs("<p>Each version against the one it revises: every point added, dropped or "
          "changed, who made the change, and what that one change alone does to each party's "
          "utility. The changes need not add up to the total: points interact through the "
          "issues they settle and the parties' rules.</p>\n",
          fp);
    for (size_t k = 0; k < sc->n_plans; k++)
        if (sc->plans[k].based_on >= 0)
            changes_plan(fp, d, k);
    fputs("</section>\n", fp);
}
