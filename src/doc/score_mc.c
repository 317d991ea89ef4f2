/*
 * doc/score_mc.c — the `parley score --runs N` document
 * (parley_score_mc_dumpf/_dumps): per party, the share of runs at or above
 * its walk-away and the 5/50/95 % quantiles of its on-board share and
 * utility, with the runs, seed and ranges drawn from (parley/scoring.h).
 *
 * JSON: {plan, overrides, runs, seed, ranges: {position, salience},
 * parties: [{id, walk_away, p_above_walk_away, on_board: {p5, p50, p95},
 * utility: {p5, p50, p95}}]}.
 * CSV: one row per party: party, walk_away, p_above_walk_away,
 * on_board_p5, on_board_p50, on_board_p95, utility_p5, utility_p50,
 * utility_p95.
 */
#include "doc/document.h"

typedef struct mc_ctx {
    const parley_scenario *sc;
    const parley_score_mc *mc;
} mc_ctx;

static void quantiles(parleyp_jw *w, const char *key, const double q[3])
{
    parleyp_jw_kobject(w, key);
    parleyp_jw_knumber(w, "p5", q[0]);
    parleyp_jw_knumber(w, "p50", q[1]);
    parleyp_jw_knumber(w, "p95", q[2]);
    parleyp_jw_close(w);
}

static int mc_json(const parley_scenario *sc, const parley_score_mc *mc, FILE *fp)
{
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    parleyp_jw_object(&w);
    parleyp_doc_plan_ref(&w, "plan", &sc->plans[mc->plan]);
    parleyp_doc_overrides(&w, sc);
    parleyp_jw_kinteger(&w, "runs", (long long)mc->n_runs);
    parleyp_jw_kinteger(&w, "seed", (long long)mc->seed);
    parleyp_jw_kobject(&w, "ranges");
    parleyp_jw_knumber(&w, "position", mc->vary_position);
    parleyp_jw_knumber(&w, "salience", mc->vary_salience);
    parleyp_jw_close(&w);
    parleyp_jw_karray(&w, "parties");
    for (size_t j = 0; j < mc->n_parties; j++) {
        const parley_score_mc_party *p = &mc->party[j];
        parleyp_jw_object(&w);
        parleyp_jw_kstring(&w, "id", sc->parties[j].id);
        parleyp_jw_knumber(&w, "walk_away", sc->parties[j].walk_away);
        parleyp_jw_knumber(&w, "p_above_walk_away", p->p_above);
        quantiles(&w, "on_board", p->on_board);
        quantiles(&w, "utility", p->utility);
        parleyp_jw_close(&w);
    }
    parleyp_jw_close(&w);
    parleyp_jw_close(&w);
    return parleyp_jw_end(&w);
}

static void mc_csv(const parley_scenario *sc, const parley_score_mc *mc, FILE *fp)
{
    fputs("party,walk_away,p_above_walk_away,on_board_p5,on_board_p50,on_board_p95,utility_p5,"
          "utility_p50,utility_p95\n",
          fp);
    for (size_t j = 0; j < mc->n_parties; j++) {
        const parley_score_mc_party *p = &mc->party[j];
        parleyp_csv_string(fp, sc->parties[j].id, false);
        parleyp_csv_number(fp, sc->parties[j].walk_away, false);
        parleyp_csv_number(fp, p->p_above, false);
        for (int q = 0; q < 3; q++)
            parleyp_csv_number(fp, p->on_board[q], false);
        for (int q = 0; q < 3; q++)
            parleyp_csv_number(fp, p->utility[q], q == 2);
    }
}

static int mc_body(const void *ctx, parley_doc_format format, FILE *fp)
{
    const mc_ctx *c = ctx;
    if (format == PARLEY_DOC_CSV) {
        mc_csv(c->sc, c->mc, fp);
        return 0;
    }
    return mc_json(c->sc, c->mc, fp);
}

parley_status parley_score_mc_dumpf(const parley_scenario *sc, const parley_score_mc *mc,
                                    parley_doc_format format, FILE *fp, parley_error *err)
{
    mc_ctx c = {sc, mc};
    return parleyp_doc_dumpf(mc_body, &c, format, fp, err);
}

char *parley_score_mc_dumps(const parley_scenario *sc, const parley_score_mc *mc,
                            parley_doc_format format, parley_error *err)
{
    mc_ctx c = {sc, mc};
    return parleyp_doc_dumps(mc_body, &c, format, err);
}
