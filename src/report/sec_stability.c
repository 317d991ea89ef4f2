/*
 * report/sec_stability.c — "Stable end states" (GMCR), when the scenario has
 * a `conflict:` section: the option legend, every state with its stability
 * for each decision maker under each concept (Nash, GMR, SMR, SEQ, SIM,
 * SEQ+SIM), the equilibria, and the shortest legal paths from the status quo
 * to each equilibrium. Textbook semantics, as `parley stability`.
 */
#include "report/report_impl.h"

#include <stdlib.h>
#include <string.h>

static const char *label(const parley_conflict *c, size_t s, char *buf, size_t n)
{
    return parley_conflict_state_label(c, s, buf, n);
}

static void legend(FILE *fp, const parley_conflict *c)
{
    if (parley_conflict_is_graph_form(c))
        return;
    parleyp_rp_table_open(fp, NULL,
                          "Option legend: letter k of a state is option k (Y taken, N not)");
    static const char *const cols[] = {"k", "decision maker", "option"};
    parleyp_rp_head(fp, cols, "lll");
    fputs("<tbody>\n", fp);
    for (size_t k = 0; k < parley_conflict_option_count(c); k++) {
        parleyp_rp_raw(fp, "<tr><td>%zu</td>", k + 1);
        parleyp_rp_cell(fp, parley_conflict_dm_name(c, parley_conflict_option_dm(c, k)), false);
        parleyp_rp_cell(fp, parley_conflict_option_name(c, k), false);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static size_t equilibria(const parley_stability *r, parley_gmcr_concept k, size_t n)
{
    size_t cnt = 0;
    for (size_t s = 0; s < n; s++)
        cnt += parley_stability_is_equilibrium(r, k, s);
    return cnt;
}

static void concept_table(FILE *fp, const rp_data *d)
{
    const parley_conflict *c = d->conflict;
    const parley_stability *r = d->st;
    size_t n = parley_conflict_state_count(c), na = parley_stability_agent_count(r);
    char buf[256];
    parleyp_rp_table_open(fp, "stability",
                          "Equilibria (states stable for every decision maker) by concept");
    fputs("<thead><tr><th>concept</th><th class=\"num\">how many</th><th>states</th></tr>"
          "</thead>\n<tbody>\n",
          fp);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
        if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
            continue;
        parleyp_rp_raw(fp, "<tr><td>%s</td><td class=\"num\">%zu</td><td>",
                       parley_gmcr_concept_name((parley_gmcr_concept)k),
                       equilibria(r, (parley_gmcr_concept)k, n));
        bool first = true;
        for (size_t s = 0; s < n; s++)
            if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s)) {
                parleyp_rp_raw(fp, "%s%zu&nbsp;(", first ? "" : ", ", s + 1);
                parleyp_rp_esc(fp, label(c, s, buf, sizeof buf));
                fputc(')', fp);
                first = false;
            }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
    /* Stable states per concept and decision maker. */
    parleyp_rp_table_open(fp, "stability", "Stable states for each decision maker");
    fputs("<thead><tr><th>concept</th>", fp);
    for (size_t a = 0; a < na; a++) {
        fputs("<th>", fp);
        parleyp_rp_esc(fp, parley_stability_agent_name(r, a));
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
        if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
            continue;
        parleyp_rp_raw(fp, "<tr><td>%s</td>", parley_gmcr_concept_name((parley_gmcr_concept)k));
        for (size_t a = 0; a < na; a++) {
            fputs("<td>", fp);
            bool first = true;
            for (size_t s = 0; s < n; s++)
                if (parley_stability_is_stable(r, (parley_gmcr_concept)k, a, s)) {
                    parleyp_rp_raw(fp, "%s%zu", first ? "" : " ", s + 1);
                    first = false;
                }
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void state_table(FILE *fp, const rp_data *d)
{
    const parley_conflict *c = d->conflict;
    const parley_stability *r = d->st;
    size_t n = parley_conflict_state_count(c), na = parley_stability_agent_count(r);
    char buf[256];
    if (n > 256) {
        parleyp_rp_raw(fp,
                       "<p class=\"note\">The state table is left out: %zu states are too "
                       "many to list.</p>\n",
                       n);
        return;
    }
    parleyp_rp_table_open(fp, "stability", NULL);
    fputs("<caption>Every state: + stable, − unstable for ", fp);
    for (size_t a = 0; a < na; a++) {
        if (a)
            fputs(", ", fp);
        parleyp_rp_esc(fp, parley_stability_agent_name(r, a));
    }
    fputs(" (in that order); ★ an equilibrium</caption>\n<thead><tr><th>id</th><th>state</th>", fp);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        if (parley_stability_has_concept(r, (parley_gmcr_concept)k))
            parleyp_rp_raw(fp, "<th>%s</th>", parley_gmcr_concept_name((parley_gmcr_concept)k));
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t s = 0; s < n; s++) {
        parleyp_rp_raw(fp, "<tr%s><td>%zu</td><td><code>", (long)s == d->sq ? " class=\"sq\"" : "",
                       s + 1);
        parleyp_rp_esc(fp, label(c, s, buf, sizeof buf));
        fputs((long)s == d->sq ? "</code> (status quo)</td>" : "</code></td>", fp);
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
            if (!parley_stability_has_concept(r, (parley_gmcr_concept)k))
                continue;
            fputs("<td><code>", fp);
            for (size_t a = 0; a < na; a++)
                fputs(parley_stability_is_stable(r, (parley_gmcr_concept)k, a, s) ? "+" : "−", fp);
            if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s))
                fputs(" ★", fp);
            fputs("</code></td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void path_text(FILE *fp, const rp_data *d, const parley_status_quo *q, size_t s,
                      parley_gmcr_step *steps, size_t cap, long *len_out)
{
    long len = parley_status_quo_path(q, s, steps, cap);
    *len_out = len;
    if (len < 0) {
        fputs("unreachable", fp);
        return;
    }
    if (len == 0) {
        fputs("(the status quo)", fp);
        return;
    }
    for (long i = 0; i < len; i++) {
        if (i)
            fputs(", ", fp);
        parleyp_rp_esc(fp, parley_stability_agent_name(d->st, steps[i].agent));
        parleyp_rp_raw(fp, " → %zu", steps[i].to + 1);
    }
}

static void status_quo(FILE *fp, const rp_data *d)
{
    const parley_conflict *c = d->conflict;
    const parley_stability *r = d->st;
    size_t n = parley_conflict_state_count(c);
    char buf[256];
    if (d->sq < 0) {
        fputs("<p class=\"note\">The conflict names no status quo, so no paths are shown.</p>\n",
              fp);
        return;
    }
    fputs("<h3>From the status quo</h3>\n<p>The shortest legal sequences of moves (nobody moves "
          "twice in a row) from the status quo, ",
          fp);
    parleyp_rp_raw(fp, "%ld (<code>", d->sq + 1);
    parleyp_rp_esc(fp, label(c, (size_t)d->sq, buf, sizeof buf));
    fputs("</code>), to each equilibrium: by any moves, and by unilateral improvements only "
          "(each mover gains).</p>\n",
          fp);
    parleyp_rp_table_open(fp, "stability", "Paths to the equilibria");
    static const char *const cols[] = {"id",    "state", "equilibrium of",
                                       "steps", "path",  "by improvements"};
    parleyp_rp_head(fp, cols, "lllrll");
    fputs("<tbody>\n", fp);
    parley_gmcr_step *steps = malloc((n * 8 + 1) * sizeof *steps);
    for (size_t s = 0; steps && s < n; s++) {
        bool any = false;
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            any |= parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s);
        if (!any)
            continue;
        parleyp_rp_raw(fp, "<tr><td>%zu</td><td><code>", s + 1);
        parleyp_rp_esc(fp, label(c, s, buf, sizeof buf));
        fputs("</code></td><td>", fp);
        bool first = true;
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s)) {
                parleyp_rp_raw(fp, "%s%s", first ? "" : " ",
                               parley_gmcr_concept_name((parley_gmcr_concept)k));
                first = false;
            }
        fputs("</td>", fp);
        long len = parley_status_quo_distance(d->sq_paths[0], s);
        if (len < 0)
            fputs("<td class=\"num\">-</td>", fp);
        else
            parleyp_rp_num(fp, (double)len, 0, false, false, NULL);
        long l2;
        fputs("<td>", fp);
        path_text(fp, d, d->sq_paths[0], s, steps, n * 8 + 1, &l2);
        fputs("</td><td>", fp);
        path_text(fp, d, d->sq_paths[1], s, steps, n * 8 + 1, &l2);
        fputs("</td></tr>\n", fp);
    }
    free(steps);
    fputs("</tbody></table>\n", fp);
}

void parleyp_rp_sec_stability(FILE *fp, rp_data *d)
{
    fputs("<section id=\"stability\">\n<h2>Stable end states</h2>\n", fp);
    if (!d->st) {
        parleyp_rp_skip(fp, d->st_why);
        fputs("</section>\n", fp);
        return;
    }
    const parley_conflict *c = d->conflict;
    const parley_stability *r = d->st;
    size_t n = parley_conflict_state_count(c);
    char cap[1024], why[512], buf[256];
    fputs("<p>The conflict as a graph model (GMCR): each decision maker's options, every "
          "feasible combination of them (a state), and who prefers which. A state is "
          "<em>stable</em> for a decision maker when it cannot gain by moving on its own, or "
          "when every gain it could make would be answered by a sanction (the concepts differ "
          "in how far ahead it looks: Nash not at all, GMR and SMR at the others' replies, SEQ "
          "at credible replies only, SIM at simultaneous moves). An <em>equilibrium</em> is "
          "stable for everyone: a plausible end state.</p>\n<p><strong>",
          fp);
    parleyp_rp_esc(fp, parley_conflict_name(c));
    parleyp_rp_raw(fp, "</strong>: %zu feasible states, %zu decision makers.</p>\n", n,
                   parley_conflict_dm_count(c));
    size_t nash = equilibria(r, PARLEY_GMCR_NASH, n), seq = equilibria(r, PARLEY_GMCR_SEQ, n);
    long only = -1;
    for (size_t s = 0; s < n && nash == 1; s++)
        if (parley_stability_is_equilibrium(r, PARLEY_GMCR_NASH, s))
            only = (long)s;
    if (only >= 0)
        snprintf(cap, sizeof cap,
                 "Only state %ld (%s) is stable for everyone even when nobody looks ahead (a "
                 "Nash equilibrium); %zu states are sequentially stable (SEQ) once the "
                 "parties weigh credible replies.",
                 only + 1, label(c, (size_t)only, buf, sizeof buf), seq);
    else
        snprintf(cap, sizeof cap,
                 "%zu states are Nash equilibria and %zu are sequentially stable (SEQ) once "
                 "the parties weigh credible replies.",
                 nash, seq);
    legend(fp, c);
    parleyp_rp_figure(fp, d, "stability", parleyp_rp_chart_stability(d, why, sizeof why), why, cap);
    concept_table(fp, d);
    state_table(fp, d);
    status_quo(fp, d);
    fputs("</section>\n", fp);
}
