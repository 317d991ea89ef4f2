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
#include "parley/scoring.h"
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

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_DOCUMENT_H */
