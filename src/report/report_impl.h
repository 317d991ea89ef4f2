/*
 * report/report_impl.h — what the report modules share: every result the
 * report shows, computed once before a byte is written (rp_data, data.c),
 * the HTML writing helpers (html.c), and one writer per section
 * (sec_*.c). report.c puts the page together.
 *
 * Numbers in tables: parleyp_rp_num writes <td class="num" data-v="EXACT">
 * SHOWN</td>; the enclosing table (or the cell) names the command whose JSON
 * document holds the exact value (data-cmd), as tests/cli/test_report.py
 * checks.
 */
#ifndef PARLEYP_REPORT_IMPL_H
#define PARLEYP_REPORT_IMPL_H

#include "parley.h"
#include "parley/report.h"

#include <stdbool.h>
#include <stdio.h>

/* Everything the report shows, computed by parleyp_rp_compute. A part that
 * cannot be computed for this scenario (no plans, no positions, a space too
 * large) is NULL/false and has its one-line reason in *_why. */
typedef struct rp_data {
    const parley_scenario *sc;
    const parley_report_options *opt;
    bool has_plan;
    size_t focus; /* the plan "what would it take" starts from */

    parley_score *score; /* [n_plans] */
    parley_diff *diff;   /* [n_plans]: plan k against its based_on (valid when based_on >= 0) */
    parley_stance_check *stance; /* [n_stances] */

    parley_space *sp;    /* the compiled outcome space (the frontier chart reads it) */
    parley_analysis *an; /* the frontier, once, for the space of deals and the mediation */
    char an_why[320];

    parley_concede_result *concede; /* [n_parties] */
    bool *conceded;                 /* [n_parties]: concede ran (the party is below) */
    bool mediated;
    parley_mediation med;
    char take_why[320];

    parley_fc_scenario *fsc; /* the spatial scenario, or NULL (fc_why) */
    parley_fc_options fopt;
    parley_fc_result *fc[4]; /* by parley_fc_model: SMP, EUM, compromise, median */
    parley_fc_mc *mc;        /* when the scenario has `uncertainty:` */
    size_t mc_runs;
    char fc_why[320];

    const parley_conflict *conflict;
    parley_stability *st;
    long sq;                        /* status quo state, or -1 */
    parley_status_quo *sq_paths[2]; /* any moves, improvements only */
    char st_why[320];

    unsigned figures; /* figures written so far (each SVG's ids get its own prefix) */
} rp_data;

parley_status parleyp_rp_compute(rp_data *d, const parley_scenario *sc,
                                 const parley_report_options *opt, parley_error *err);
void parleyp_rp_free(rp_data *d);

/* ---- HTML (html.c) ---- */
/* Writes s HTML-escaped (& < > " '); NULL writes nothing. */
void parleyp_rp_esc(FILE *fp, const char *s);
/* A plan version, escaped: "ID<sep>NAME (PROPOSER, DATE)", the parts it has. */
void parleyp_rp_plan_label(FILE *fp, const parley_scenario *sc, const parley_plan *pl,
                           const char *sep);
/* printf of markup (not escaped) — never pass scenario text through fmt. */
void parleyp_rp_raw(FILE *fp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* <td class="num" data-v="EXACT">SHOWN</td>: shown with `decimals`
 * decimals (sign: always a sign; pct: v x 100 with a % sign). NaN: "n/a"
 * and no data-v. cmd, when not NULL, is the cell's own data-cmd. */
void parleyp_rp_num(FILE *fp, double v, int decimals, bool sign, bool pct, const char *cmd);
/* A table cell of escaped text (th when header). */
void parleyp_rp_cell(FILE *fp, const char *text, bool header);
/* <table data-cmd="CMD"> with a caption (escaped); cmd may be NULL. The
 * cmd text is escaped. */
void parleyp_rp_table_open(FILE *fp, const char *cmd, const char *caption);
/* A header row of escaped column names, one per letter of align: 'l' a
 * text column (left), 'r' a number column (right). */
void parleyp_rp_head(FILE *fp, const char *const *cols, const char *align);
/* A chart: <figure> with the SVG and a caption, the chart's own (what it
 * shows) then own_cap (what it says about this scenario), both escaped.
 * svg NULL (not drawn): chart_cap is the one-line reason, written as a
 * note, and own_cap follows as a paragraph. The SVG is written from its <svg
 * element on (no XML prolog), its ids and references to them (id="x",
 * href="#x", url(#x)) prefixed with the figure's number so that several
 * charts in one page never share an id. Takes ownership of svg (frees it). */
void parleyp_rp_figure(FILE *fp, rp_data *d, const char *kind, char *svg, const char *chart_cap,
                       const char *own_cap);
/* "Left out: WHY" as a one-line note. */
void parleyp_rp_skip(FILE *fp, const char *why);
/* Number text as the documents write it (shortest round trip). */
const char *parleyp_rp_exact(char *buf, double v);

/* ---- charts (charts.c): the SVG (caller owns) and the chart's caption in
 * cap, or NULL with the reason in cap ---- */
char *parleyp_rp_chart_onboard(const rp_data *d, char *cap, size_t n);
char *parleyp_rp_chart_diff(const rp_data *d, size_t plan, char *cap, size_t n);
char *parleyp_rp_chart_frontier(const rp_data *d, char *cap, size_t n);
char *parleyp_rp_chart_mediate(const rp_data *d, char *cap, size_t n);
char *parleyp_rp_chart_forecast(const rp_data *d, char *cap, size_t n);
char *parleyp_rp_chart_stability(const rp_data *d, char *cap, size_t n);

/* ---- sections (sec_*.c); each writes one <section> ---- */
void parleyp_rp_sec_scenario(FILE *fp, rp_data *d);
void parleyp_rp_sec_onboard(FILE *fp, rp_data *d);
void parleyp_rp_sec_changes(FILE *fp, rp_data *d);
void parleyp_rp_sec_space(FILE *fp, rp_data *d);
void parleyp_rp_sec_take(FILE *fp, rp_data *d);
void parleyp_rp_sec_forecast(FILE *fp, rp_data *d);
void parleyp_rp_sec_stability(FILE *fp, rp_data *d);

#endif
