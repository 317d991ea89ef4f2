/*
 * parley/plot.h — charts of parley's results (src/plot), drawn with PLplot
 * into SVG, PNG or PDF: what `parley plot KIND` writes. A chart is built
 * from a result (the same results the commands print), then rendered to
 * the bytes of a file in one of three formats, at publication quality
 * (white background, labelled axes with units, a legend, the Okabe–Ito
 * colour-blind-safe palette, text sized for print: 7 x 4.5 inches for one
 * panel). SVG keeps its text as <text> elements and references nothing
 * outside itself, so it can be inlined in HTML.
 *
 * Every argument is borrowed and only read; a chart is freed with
 * parley_chart_free. Rendering is serialized inside the library (PLplot is
 * not thread-safe), so charts may be rendered from several threads.
 */
#ifndef PARLEY_PLOT_H
#define PARLEY_PLOT_H

#include "parley/scoring.h"
#include "parley/bargain.h"
#include "parley/forecast.h"
#include "parley/negotiate.h"
#include "parley/stability.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_chart parley_chart;

typedef enum parley_chart_format {
    PARLEY_CHART_SVG = 1,
    PARLEY_CHART_PNG = 2, /* 200 dots per inch */
    PARLEY_CHART_PDF = 3
} parley_chart_format;

/* The format a file name asks for by its extension (.svg, .png, .pdf, any
 * case); 0 for any other. */
PARLEY_API parley_chart_format parley_chart_format_of(const char *path);

/* The chart as the bytes of a file (caller frees with free(); length in
 * *len). NULL + err: PARLEY_ERR_INPUT for a chart that cannot be drawn,
 * PARLEY_ERR_IO when PLplot lacks the device (plplot-driver-cairo) or a
 * temporary file fails, PARLEY_ERR_LIMIT when out of memory. */
PARLEY_API unsigned char *parley_chart_render(const parley_chart *c, parley_chart_format format,
                                              size_t *len, parley_error *err);
/* One plain-language sentence saying what the chart shows (borrowed). */
PARLEY_API const char *parley_chart_caption(const parley_chart *c);
PARLEY_API void parley_chart_free(parley_chart *c);

/* `plot onboard`: each party's utility under each plan scored (scores[n])
 * against its walk-away, and its on-board share beside its reported stances. */
PARLEY_API parley_chart *parley_chart_onboard(const parley_scenario *sc, const parley_score *scores,
                                              size_t n, parley_error *err);
/* `plot diff`: every changed point's effect on every party. */
PARLEY_API parley_chart *parley_chart_diff(const parley_scenario *sc, const parley_diff *d,
                                           parley_error *err);
/* `plot frontier`: the Pareto frontier in utility space (pairwise
 * projections for more than two parties), the bargaining solutions, the
 * walk-aways and, with a scenario (sc may be NULL), the plan versions. */
PARLEY_API parley_chart *parley_chart_frontier(const parley_space *sp, const parley_analysis *an,
                                               const parley_scenario *sc, parley_error *err);
/* `plot mediate`: the parties' utilities round by round from plan `plan`. */
PARLEY_API parley_chart *parley_chart_mediate(const parley_scenario *sc, size_t plan,
                                              parley_mediate_concept concept,
                                              const parley_mediation *m, parley_error *err);
/* `plot forecast`: positions per turn on each dimension, the forecast,
 * other models' forecasts (others[n_others]) and Monte Carlo bands (mc, may
 * be NULL). */
PARLEY_API parley_chart *parley_chart_forecast(const parley_fc_scenario *fs,
                                               const parley_fc_result *r,
                                               const parley_fc_result *const *others,
                                               size_t n_others, const parley_fc_mc *mc,
                                               parley_error *err);
/* `plot trace`: a negotiation's offers in utility space and over time
 * (the result must keep its trace). agents[n_parties] names, may be NULL. */
PARLEY_API parley_chart *parley_chart_trace(const parley_nego_domain *dom,
                                            const parley_negotiation_result *r,
                                            const char *const *agents, parley_error *err);
/* `plot stability`: states stable per concept and decision maker. */
PARLEY_API parley_chart *parley_chart_stability(const parley_conflict *c, const parley_stability *s,
                                                parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_PLOT_H */
