/*
 * parley/document.h — the JSON and CSV documents of parley's results, built
 * by the library: the command's `--format json|csv` output is exactly what
 * these functions write, so a C program (or the Python binding) gets the
 * same documents as the command. Field names, the shape of party utilities
 * (`"utilities": {"<party id>": u, ...}`), the CSV column pattern and the
 * number rule (the shortest text that reads back to the same double) are set
 * out in docs/output.md; src/doc/ owns them.
 *
 * Two calls per result, after jansson's json_dumpf/json_dumps:
 *   parley_<result>_dumpf(..., format, FILE *fp, err): streams the document
 *     to fp as it is produced (no document is held whole in memory); returns
 *     PARLEY_OK, or PARLEY_ERR_IO when fp reports a write error.
 *   parley_<result>_dumps(..., format, err): the document as a new
 *     NUL-terminated string; caller owns it and frees it with free().
 *     NULL on failure (err says why: PARLEY_ERR_LIMIT when out of memory).
 * Every result and scenario passed is borrowed and only read.
 */
#ifndef PARLEY_DOCUMENT_H
#define PARLEY_DOCUMENT_H

#include "parley/core.h"
#include "parley/forecast.h"
#include "parley/frontier.h"
#include "parley/scoring.h"
#include "parley/stability.h"
#include "parley/bargain.h"
#include "parley/negotiate.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_doc_format {
    PARLEY_DOC_JSON = 1, /* one JSON object, two-space indent, newline at the end */
    PARLEY_DOC_CSV = 2   /* RFC 4180, a header row, one record per row         */
} parley_doc_format;

/* `parley score`: a plan's score for every party (parley_plan_score). */
PARLEY_API parley_status parley_score_dumpf(const parley_scenario *sc, const parley_score *s,
                                            parley_doc_format format, FILE *fp, parley_error *err);
PARLEY_API char *parley_score_dumps(const parley_scenario *sc, const parley_score *s,
                                    parley_doc_format format, parley_error *err);

/* `parley frontier` and `parley solve`: the analysis of outcome space sp
 * (parley_analysis_run) as the commands show it. doc may be NULL: the
 * frontier and every solution concept, no plan. The frontier is streamed
 * point by point. Every package is {"utilities": {"<party>": u, ...},
 * "outcome": {"<issue>": "<value>", ...}}; CSV columns row, index,
 * utility_<party>..., issue_<issue>... */
enum {
    PARLEY_ANALYSIS_NASH = 1,
    PARLEY_ANALYSIS_KALAI = 2,
    PARLEY_ANALYSIS_KS = 4,
    PARLEY_ANALYSIS_MAX_WELFARE = 8,
    PARLEY_ANALYSIS_ALL = 15
};
typedef struct parley_analysis_doc {
    unsigned concepts; /* PARLEY_ANALYSIS_* bits of the solution lists shown; 0: all */
    bool frontier;     /* the frontier's points (`frontier`; `solve` leaves them out) */
    /* A plan placed against the frontier (NULL id: none): its utilities
     * (one per party of sp) and whether they are exact (no issue left open);
     * the document adds its nearest frontier point and its distances to the
     * frontier and to the Nash package. */
    const char *plan_id;
    const double *plan_utilities;
    bool plan_exact;
    /* The scenario sp was built from (NULL for GENIUS domains): the document
     * echoes its what-if overrides ("overrides"). */
    const parley_scenario *scenario;
} parley_analysis_doc;
#define PARLEY_ANALYSIS_DOC_INIT                                                                   \
    {                                                                                              \
        0, true, NULL, NULL, false, NULL                                                           \
    }

PARLEY_API parley_status parley_analysis_dumpf(const parley_space *sp, const parley_analysis *an,
                                               const parley_analysis_doc *doc,
                                               parley_doc_format format, FILE *fp,
                                               parley_error *err);
PARLEY_API char *parley_analysis_dumps(const parley_space *sp, const parley_analysis *an,
                                       const parley_analysis_doc *doc, parley_doc_format format,
                                       parley_error *err);

/* `parley forecast`: one forecast (parley_forecast_run) of scenario sc with
 * options o (its model, parameters and seed are shown): every turn's
 * positions (and SMP probabilities and ratio), then the forecast per
 * dimension. CSV: one row per turn, actor and dimension. */
PARLEY_API parley_status parley_fc_result_dumpf(const parley_fc_scenario *sc,
                                                const parley_fc_options *o,
                                                const parley_fc_result *r, parley_doc_format format,
                                                FILE *fp, parley_error *err);
PARLEY_API char *parley_fc_result_dumps(const parley_fc_scenario *sc, const parley_fc_options *o,
                                        const parley_fc_result *r, parley_doc_format format,
                                        parley_error *err);
/* `parley forecast --runs N`: the Monte Carlo distribution
 * (parley_fc_monte_carlo) per dimension; CSV: each run's expected outcome,
 * one row per run and dimension. */
PARLEY_API parley_status parley_fc_mc_dumpf(const parley_fc_scenario *sc,
                                            const parley_fc_options *o, const parley_fc_mc *mc,
                                            parley_doc_format format, FILE *fp, parley_error *err);
PARLEY_API char *parley_fc_mc_dumps(const parley_fc_scenario *sc, const parley_fc_options *o,
                                    const parley_fc_mc *mc, parley_doc_format format,
                                    parley_error *err);
/* `parley forecast --deu FILE`: the scores of n_scores models on the DEU III
 * data set d (parley_deu_evaluate), read from file (shown as given), with
 * capabilities from the file's weights or equal. CSV: one row per model. */
PARLEY_API parley_status parley_deu_dumpf(const parley_deu *d, const parley_deu_score *scores,
                                          size_t n_scores, const char *file, bool weights,
                                          parley_doc_format format, FILE *fp, parley_error *err);
PARLEY_API char *parley_deu_dumps(const parley_deu *d, const parley_deu_score *scores,
                                  size_t n_scores, const char *file, bool weights,
                                  parley_doc_format format, parley_error *err);

/* `parley stability`: the GMCR results of conflict c (parley_stability_solve)
 * and what the command shows beside them. doc may be NULL (the results
 * alone). The status quo and the explanations are given already computed
 * (parley_status_quo_solve, parley_stability_explain), so that writing
 * cannot fail half-way for lack of an answer. The states are streamed: the
 * document takes no memory in proportion to them. */
typedef struct parley_stability_doc {
    bool gmcrplus;                      /* "semantics": GMCR+ sanctions or textbook */
    const parley_stability *coalitions; /* the analysis with coalitions, or NULL    */
    /* Shortest paths from state status_quo (id) to the equilibria (of
     * coalitions if given, else of the results), over any moves and over
     * improvements only; both NULL: no status quo. */
    const parley_status_quo *status_quo_any, *status_quo_improving;
    size_t status_quo;
    /* The explanations at state explain (id; -1: none), in the order given
     * (the command: every concept, then every agent). */
    long explain;
    const parley_gmcr_explanation *explanations;
    size_t n_explanations;
} parley_stability_doc;
#define PARLEY_STABILITY_DOC_INIT                                                                  \
    {                                                                                              \
        false, NULL, NULL, NULL, 0, -1, NULL, 0                                                    \
    }

PARLEY_API parley_status parley_stability_dumpf(const parley_conflict *c, const parley_stability *r,
                                                const parley_stability_doc *doc,
                                                parley_doc_format format, FILE *fp,
                                                parley_error *err);
PARLEY_API char *parley_stability_dumps(const parley_conflict *c, const parley_stability *r,
                                        const parley_stability_doc *doc, parley_doc_format format,
                                        parley_error *err);
/* The status-quo paths alone: {state, equilibria: [...]} as in the
 * stability document; CSV one row per equilibrium (paths as "DM -> 3; ...").
 * r: the results whose equilibria and agents are shown (the analysis with
 * coalitions when the paths were searched with them). */
PARLEY_API parley_status parley_status_quo_dumpf(const parley_conflict *c,
                                                 const parley_stability *r,
                                                 const parley_status_quo *any,
                                                 const parley_status_quo *improving, size_t start,
                                                 parley_doc_format format, FILE *fp,
                                                 parley_error *err);
PARLEY_API char *parley_status_quo_dumps(const parley_conflict *c, const parley_stability *r,
                                         const parley_status_quo *any,
                                         const parley_status_quo *improving, size_t start,
                                         parley_doc_format format, parley_error *err);
/* ---- scenario, plans, stances (parley/scenario.h, scoring.h, bargain.h) ---- */

/* `parley check`: the scenario as loaded: parties (id, name, power,
 * walk_away, discount, rules), issues with their options, plans with their
 * lineage, points and open issues, stances and warnings. */
PARLEY_API parley_status parley_scenario_dumpf(const parley_scenario *sc, parley_doc_format format,
                                               FILE *fp, parley_error *err);
PARLEY_API char *parley_scenario_dumps(const parley_scenario *sc, parley_doc_format format,
                                       parley_error *err);

/* `parley diff`: two versions of a plan, point by point and issue by issue
 * (parley_plans_diff). */
PARLEY_API parley_status parley_diff_dumpf(const parley_scenario *sc, const parley_diff *d,
                                           parley_doc_format format, FILE *fp, parley_error *err);
PARLEY_API char *parley_diff_dumps(const parley_scenario *sc, const parley_diff *d,
                                   parley_doc_format format, parley_error *err);

/* `parley stances`: every reported stance beside the model's view of it;
 * checks[sc->n_stances] as parley_stances_check fills it. */
PARLEY_API parley_status parley_stance_check_dumpf(const parley_scenario *sc,
                                                   const parley_stance_check *checks,
                                                   parley_doc_format format, FILE *fp,
                                                   parley_error *err);
PARLEY_API char *parley_stance_check_dumps(const parley_scenario *sc,
                                           const parley_stance_check *checks,
                                           parley_doc_format format, parley_error *err);

/* `parley fit`: a party's weights fitted to its stances (parley_weights_fit
 * with this bound). */
PARLEY_API parley_status parley_fit_dumpf(const parley_scenario *sc, const parley_fit *f,
                                          double bound, parley_doc_format format, FILE *fp,
                                          parley_error *err);
PARLEY_API char *parley_fit_dumps(const parley_scenario *sc, const parley_fit *f, double bound,
                                  parley_doc_format format, parley_error *err);

/* `parley concede`: the cheapest changes of req (parley_concede_run). */
PARLEY_API parley_status parley_concede_result_dumpf(const parley_scenario *sc,
                                                     const parley_concede_request *req,
                                                     const parley_concede_result *r,
                                                     parley_doc_format format, FILE *fp,
                                                     parley_error *err);
PARLEY_API char *parley_concede_result_dumps(const parley_scenario *sc,
                                             const parley_concede_request *req,
                                             const parley_concede_result *r,
                                             parley_doc_format format, parley_error *err);

/* `parley mediate`: the rounds of parley_mediation_run from plan toward the
 * concept's package. */
PARLEY_API parley_status parley_mediation_dumpf(const parley_scenario *sc, size_t plan,
                                                parley_mediate_concept concept,
                                                const parley_mediation *m, parley_doc_format format,
                                                FILE *fp, parley_error *err);
PARLEY_API char *parley_mediation_dumps(const parley_scenario *sc, size_t plan,
                                        parley_mediate_concept concept, const parley_mediation *m,
                                        parley_doc_format format, parley_error *err);

/* ---- negotiations (parley/negotiate.h) ---------------------------------- */

/* `parley negotiate`: one negotiation between agents[n_parties] on dom
 * with opt (NULL: the defaults), its outcome and trace. */
PARLEY_API parley_status parley_negotiation_result_dumpf(const parley_nego_domain *dom,
                                                         const parley_agent_spec *agents,
                                                         const parley_negotiate_options *opt,
                                                         const parley_negotiation_result *r,
                                                         parley_doc_format format, FILE *fp,
                                                         parley_error *err);
PARLEY_API char *parley_negotiation_result_dumps(const parley_nego_domain *dom,
                                                 const parley_agent_spec *agents,
                                                 const parley_negotiate_options *opt,
                                                 const parley_negotiation_result *r,
                                                 parley_doc_format format, parley_error *err);

/* `parley tournament`: scores per strategy of strategies[n_strategies]
 * with opt (NULL: the defaults); with runs, every negotiation too (CSV:
 * the negotiations instead of the scores). */
PARLEY_API parley_status parley_tournament_result_dumpf(const parley_nego_domain *dom,
                                                        const parley_agent_spec *strategies,
                                                        const parley_tournament_options *opt,
                                                        const parley_tournament_result *res,
                                                        bool runs, parley_doc_format format,
                                                        FILE *fp, parley_error *err);
PARLEY_API char *parley_tournament_result_dumps(const parley_nego_domain *dom,
                                                const parley_agent_spec *strategies,
                                                const parley_tournament_options *opt,
                                                const parley_tournament_result *res, bool runs,
                                                parley_doc_format format, parley_error *err);

/* ---- errors ---------------------------------------------------------------- */

/* An error as a JSON document (JSON only: format must be PARLEY_DOC_JSON):
 * {"error": {"code", "message", "file", "line", "column", "field"}}, the
 * parts e does not know null. code is the caller's (the command's exit
 * code); e is the error to write, err receives a failure to write it. */
PARLEY_API parley_status parley_error_dumpf(const parley_error *e, int code,
                                            parley_doc_format format, FILE *fp, parley_error *err);
PARLEY_API char *parley_error_dumps(const parley_error *e, int code, parley_doc_format format,
                                    parley_error *err);
/* `parley sensitivity`: the range of each weight and walk-away over which
 * each party stays above its walk-away (parley_plan_sensitivity). */
PARLEY_API parley_status parley_sensitivity_dumpf(const parley_scenario *sc,
                                                  const parley_sensitivity *s,
                                                  parley_doc_format format, FILE *fp,
                                                  parley_error *err);
PARLEY_API char *parley_sensitivity_dumps(const parley_scenario *sc, const parley_sensitivity *s,
                                          parley_doc_format format, parley_error *err);

/* `parley score --runs N`: per party, P(above walk-away) and the 5/50/95 %
 * quantiles of on-board and utility (parley_score_monte_carlo). */
PARLEY_API parley_status parley_score_mc_dumpf(const parley_scenario *sc, const parley_score_mc *mc,
                                               parley_doc_format format, FILE *fp,
                                               parley_error *err);
PARLEY_API char *parley_score_mc_dumps(const parley_scenario *sc, const parley_score_mc *mc,
                                       parley_doc_format format, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_DOCUMENT_H */
