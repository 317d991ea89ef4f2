/*
 * report/sec_forecast.c — "Where bargaining lands": KTAB's SMP played turn
 * by turn on every issue whose options carry positions (0-100), each
 * party's position over the turns, the forecast beside the compromise,
 * median and expected-utility (EUM) models, and Monte Carlo bands when the
 * scenario has an `uncertainty:` section.
 */
#include "report/report_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The option of issue `id` whose position is nearest to x, or NULL. */
static const parley_option *nearest_option(const parley_scenario *sc, const char *id, double x)
{
    long i = parley_issue_find(sc, id);
    const parley_option *best = NULL;
    for (size_t o = 0; i >= 0 && o < sc->issues[i].n_options; o++) {
        const parley_option *op = &sc->issues[i].options[o];
        if (!isnan(op->position) && (!best || fabs(op->position - x) < fabs(best->position - x)))
            best = op;
    }
    return best;
}

/* "forecast --runs N [--seed S]", the command of the Monte Carlo numbers. */
static const char *mc_cmd(const rp_data *d, char *buf, size_t n)
{
    if (d->opt->seed)
        snprintf(buf, n, "forecast --runs %zu --seed %lu", d->mc_runs, d->opt->seed);
    else
        snprintf(buf, n, "forecast --runs %zu", d->mc_runs);
    return buf;
}

static void comparison(FILE *fp, const rp_data *d)
{
    const parley_fc_scenario *f = d->fsc;
    char mc[96];
    static const char *const model_cmd[4] = {"forecast", "forecast --model eum",
                                             "forecast --model compromise",
                                             "forecast --model median"};
    parleyp_rp_table_open(fp, NULL, "Forecasts by issue (position on the 0-100 scale)");
    fputs("<thead><tr><th>issue</th><th class=\"num\">SMP</th><th class=\"num\">SMP most "
          "likely</th><th class=\"num\">compromise</th><th class=\"num\">median</th>"
          "<th class=\"num\">EUM</th>",
          fp);
    if (d->mc)
        fputs("<th class=\"num\">5%</th><th class=\"num\">median run</th>"
              "<th class=\"num\">95%</th>",
              fp);
    fputs("<th>nearest option to the SMP forecast</th></tr></thead>\n<tbody>\n", fp);
    for (size_t k = 0; k < f->n_dims; k++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, f->dim[k], false);
        const parley_fc_result *smp = d->fc[PARLEY_FC_SMP];
        parleyp_rp_num(fp, smp ? smp->expected[k] : (double)NAN, 1, false, false, model_cmd[0]);
        parleyp_rp_num(fp, smp ? smp->most_likely[k] : (double)NAN, 1, false, false, model_cmd[0]);
        static const int order[3] = {PARLEY_FC_COMPROMISE, PARLEY_FC_MEDIAN, PARLEY_FC_EUM};
        for (int m = 0; m < 3; m++) {
            const parley_fc_result *r = d->fc[order[m]];
            parleyp_rp_num(fp, r ? r->expected[k] : (double)NAN, 1, false, false,
                           model_cmd[order[m]]);
        }
        if (d->mc) {
            mc_cmd(d, mc, sizeof mc);
            parleyp_rp_num(fp, d->mc->quantile[k * 5 + 0], 1, false, false, mc);
            parleyp_rp_num(fp, d->mc->quantile[k * 5 + 2], 1, false, false, mc);
            parleyp_rp_num(fp, d->mc->quantile[k * 5 + 4], 1, false, false, mc);
        }
        const parley_option *op = smp ? nearest_option(d->sc, f->dim[k], smp->expected[k]) : NULL;
        fputs("<td>", fp);
        if (op) {
            parleyp_rp_esc(fp, op->label ? op->label : op->id);
            parleyp_rp_raw(fp, " (%.0f)", op->position);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void dimension(FILE *fp, rp_data *d, size_t k)
{
    const parley_fc_scenario *f = d->fsc;
    const parley_fc_result *smp = d->fc[PARLEY_FC_SMP];
    size_t na = f->n_actors, nd = f->n_dims, last = smp->n_turns - 1;
    char cap[1024];
    fputs("<h3>", fp);
    parleyp_rp_esc(fp, f->dim[k]);
    long is = parley_issue_find(d->sc, f->dim[k]);
    if (is >= 0 && d->sc->issues[is].name) {
        fputs(" — ", fp);
        parleyp_rp_esc(fp, d->sc->issues[is].name);
    }
    fputs("</h3>\n", fp);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t a = 0; a < na; a++) {
        lo = fmin(lo, smp->turns[0].position[a * nd + k]);
        hi = fmax(hi, smp->turns[0].position[a * nd + k]);
    }
    const parley_option *op = nearest_option(d->sc, f->dim[k], smp->expected[k]);
    size_t used = (size_t)snprintf(
        cap, sizeof cap,
        "The parties start between %.0f and %.0f; after %zu turn%s of bargaining the SMP "
        "forecasts %.1f%s%s%s.",
        lo, hi, last, last == 1 ? "" : "s", smp->expected[k], op ? ", closest to “" : "",
        op ? (op->label ? op->label : op->id) : "", op ? "”" : "");
    if (d->fc[PARLEY_FC_COMPROMISE] && d->fc[PARLEY_FC_MEDIAN] && d->fc[PARLEY_FC_EUM] &&
        used < sizeof cap)
        used += (size_t)snprintf(cap + used, sizeof cap - used,
                                 " The compromise model says %.1f, the weighted median %.1f, "
                                 "the EUM %.1f.",
                                 d->fc[PARLEY_FC_COMPROMISE]->expected[k],
                                 d->fc[PARLEY_FC_MEDIAN]->expected[k],
                                 d->fc[PARLEY_FC_EUM]->expected[k]);
    if (d->mc && used < sizeof cap)
        snprintf(cap + used, sizeof cap - used,
                 " With the stated uncertainty, 90%% of %zu runs land between %.1f and %.1f.",
                 d->mc_runs, d->mc->quantile[k * 5 + 0], d->mc->quantile[k * 5 + 4]);
    fputs("<p>", fp);
    parleyp_rp_esc(fp, cap);
    fputs("</p>\n", fp);
    parleyp_rp_table_open(fp, "forecast", "Positions, first and last turn (SMP)");
    static const char *const cols[] = {"actor", "capability", "salience", "start", "end"};
    parleyp_rp_head(fp, cols, "lrrrr");
    fputs("<tbody>\n", fp);
    for (size_t a = 0; a < na; a++) {
        fputs("<tr>", fp);
        parleyp_rp_cell(fp, f->actor[a], false);
        parleyp_rp_num(fp, f->capability[a], 0, false, false, NULL);
        parleyp_rp_raw(fp, "<td class=\"num\">%.1f</td>", f->salience[a * nd + k]);
        parleyp_rp_num(fp, smp->turns[0].position[a * nd + k], 1, false, false, NULL);
        parleyp_rp_num(fp, smp->turns[last].position[a * nd + k], 1, false, false, NULL);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

void parleyp_rp_sec_forecast(FILE *fp, rp_data *d)
{
    fputs("<section id=\"forecast\">\n<h2>Where bargaining lands</h2>\n", fp);
    if (!d->fsc || !d->fc[PARLEY_FC_SMP]) {
        parleyp_rp_skip(fp,
                        d->fc_why[0] ? d->fc_why : "no issue's options carry positions (0-100).");
        fputs("</section>\n", fp);
        return;
    }
    const parley_fc_scenario *f = d->fsc;
    fputs("<p>A spatial view of the bargaining: each issue whose options carry a position on a "
          "0-100 scale is a dimension; each party starts at the position of the option it "
          "values most, with its weight on the issue as salience and its power as capability. "
          "KTAB's Spatial Model of Politics (SMP) plays the bargaining turn by turn until the "
          "positions stop moving; the compromise (capability × salience weighted mean), the "
          "weighted median and Bueno de Mesquita's expected-utility model (EUM) are shown "
          "beside it.",
          fp);
    if (d->mc)
        parleyp_rp_raw(fp,
                       " The scenario states its uncertainty (positions ±%g points, saliences "
                       "±%g%%, capabilities ±%g%%): %zu Monte Carlo runs draw within those "
                       "ranges and give the bands.",
                       f->vary_position, 100 * f->vary_salience, 100 * f->vary_capability,
                       d->mc_runs);
    else if (!isnan(d->sc->unc_position) || !isnan(d->sc->unc_salience) || !isnan(d->sc->unc_power))
        fputs(" Monte Carlo bands are left out: the runs would take too long.", fp);
    else
        fputs(" The scenario has no uncertainty: section, so no Monte Carlo bands are drawn.", fp);
    fputs("</p>\n", fp);
    if (d->fc_why[0])
        parleyp_rp_skip(fp, d->fc_why);
    const parley_fc_result *smp = d->fc[PARLEY_FC_SMP];
    char cap[512], why[512];
    snprintf(cap, sizeof cap,
             "The SMP %s after %zu turn%s; the table gives each forecast issue by issue.",
             smp->converged ? "settles" : "had not settled", smp->n_turns - 1,
             smp->n_turns == 2 ? "" : "s");
    fputs("<div class=\"pair wide\">\n", fp);
    parleyp_rp_figure(fp, d, "forecast", parleyp_rp_chart_forecast(d, why, sizeof why), why, cap);
    fputs("<div class=\"tables\">\n", fp);
    comparison(fp, d);
    fputs("</div>\n</div>\n", fp);
    fputs("<div class=\"dims\">\n", fp);
    for (size_t k = 0; k < f->n_dims; k++) {
        fputs("<div class=\"dim\">\n", fp);
        dimension(fp, d, k);
        fputs("</div>\n", fp);
    }
    fputs("</div>\n", fp);
    fputs("</section>\n", fp);
}
