/*
 * plot/chart.h — a chart as plain data, and its rendering with PLplot to SVG,
 * PNG or PDF. Builders (plot/chart_<kind>.c) turn library results into a
 * parleyp_chart; `parley plot` writes one to a file and `parley report`
 * inlines the SVG of several in one HTML page.
 *
 * A chart is a grid of panels (one for most kinds; a matrix of pairwise
 * projections for a frontier of more than two parties) sharing one legend.
 * A panel has a title, two axes (label with units, optional fixed range,
 * optional category names for bar charts), series, reference lines
 * (walk-aways, a forecast) and text notes. A series is drawn as markers,
 * a line, a step line, vertical bars, horizontal bars (a tornado: x from
 * x0[i] to x[i] in row y[i]) or a band (filled between y0 and y).
 * Colours are indices into the Okabe–Ito palette (colour-blind safe), in an
 * order that keeps the yellow for last.
 *
 * Building never fails half-way for the caller: every add copies its
 * arguments; when memory runs out the chart remembers it (`oom`) and the
 * later calls do nothing, so a builder checks once, at the end
 * (parleyp_chart_ok). Strings are UTF-8.
 *
 * Rendering is serialized (PLplot is not thread-safe): one stream per
 * chart, created and ended inside the call, drawn into a temporary file that
 * is read back (PLplot writes only files). SVG uses PLplot's own svg device
 * (text stays <text>, nothing external is referenced); PNG and PDF use the
 * cairo devices pngcairo and pdfcairo.
 */
#ifndef PARLEY_PLOT_CHART_H
#define PARLEY_PLOT_CHART_H

#include "parley.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum parleyp_chart_format {
    PARLEYP_CHART_SVG = 1,
    PARLEYP_CHART_PNG = 2,
    PARLEYP_CHART_PDF = 3
} parleyp_chart_format;

typedef enum parleyp_series_kind {
    PARLEYP_SERIES_POINTS, /* markers at (x, y) */
    PARLEYP_SERIES_LINE,   /* a polyline through (x, y), markers too if marker set */
    PARLEYP_SERIES_STEP,   /* y[i] holds from x[i] to x[i+1] */
    PARLEYP_SERIES_BARS,   /* vertical bars from 0 (or y0[i]) to y[i], centred at x[i] */
    PARLEYP_SERIES_HBARS,  /* horizontal bars from x0[i] (or 0) to x[i], centred at y[i] */
    PARLEYP_SERIES_BAND    /* filled area between y0[i] and y[i] */
} parleyp_series_kind;

typedef enum parleyp_marker {
    PARLEYP_MARK_NONE,
    PARLEYP_MARK_CIRCLE,
    PARLEYP_MARK_SQUARE,
    PARLEYP_MARK_TRIANGLE,
    PARLEYP_MARK_DIAMOND,
    PARLEYP_MARK_CROSS,
    PARLEYP_MARK_OPEN_CIRCLE,
    PARLEYP_MARK_OPEN_SQUARE,
    PARLEYP_MARK_DOT /* a small square; dense series: one per 1 mm cell is drawn */
} parleyp_marker;

typedef enum parleyp_line {
    PARLEYP_LINE_NONE,
    PARLEYP_LINE_SOLID,
    PARLEYP_LINE_DASHED,
    PARLEYP_LINE_DOTTED
} parleyp_line;

/* Okabe–Ito, in the order series take them. */
enum {
    PARLEYP_BLUE,
    PARLEYP_VERMILLION,
    PARLEYP_GREEN,
    PARLEYP_ORANGE,
    PARLEYP_PURPLE,
    PARLEYP_SKY,
    PARLEYP_YELLOW,
    PARLEYP_BLACK,
    PARLEYP_GREY,
    PARLEYP_N_COLOURS
};

typedef struct parleyp_chart_series {
    char *label; /* legend entry; NULL: not in the legend */
    parleyp_series_kind kind;
    size_t n;
    double *x, *y; /* [n] */
    double *x0;    /* [n] or NULL: HBARS start */
    double *y0;    /* [n] or NULL: BAND lower edge, BARS base */
    char **tags;   /* [n] or NULL: text written beside each point (NULL entries skipped) */
    int colour;
    parleyp_marker marker;
    parleyp_line line;
    double width; /* bar width in axis units (BARS/HBARS), line width multiplier otherwise */
} parleyp_chart_series;

typedef struct parleyp_chart_ref {
    bool vertical; /* x = at; otherwise y = at */
    double at;
    char *label; /* written at the line's end; may be NULL */
    int colour;
    parleyp_line line;
} parleyp_chart_ref;

typedef struct parleyp_chart_note {
    double x, y; /* axis units */
    char *text;
} parleyp_chart_note;

typedef struct parleyp_chart_axis {
    char *label; /* with units, e.g. "utility of UA (0-1)" */
    bool fixed;  /* min/max given; otherwise from the data, padded */
    double min, max;
    char **categories; /* [n_categories]: names at 0, 1, ... instead of numbers */
    size_t n_categories;
} parleyp_chart_axis;

typedef struct parleyp_chart_panel {
    char *title;
    parleyp_chart_axis xaxis, yaxis;
    parleyp_chart_series *series;
    size_t n_series;
    parleyp_chart_ref *refs;
    size_t n_refs;
    parleyp_chart_note *notes;
    size_t n_notes;
} parleyp_chart_panel;

typedef struct parley_chart {
    char *title;
    char *caption; /* one plain-language sentence (the report prints it); not drawn */
    parleyp_chart_panel *panels;
    size_t n_panels;
    size_t columns;       /* panels per row (0: one row) */
    double width, height; /* inches; 0: 7 x 4.5 */
    bool oom;             /* an add ran out of memory */
} parleyp_chart;

/* A new empty chart with a title (may be NULL); NULL when out of memory. */
parleyp_chart *parleyp_chart_new(const char *title);
void parleyp_chart_free(parleyp_chart *c);
/* Sets the caption (printf format). */
void parleyp_chart_caption(parleyp_chart *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Adds a panel with its title and axis labels (any may be NULL); returns it
 * (valid until the next panel is added), or NULL when out of memory. */
parleyp_chart_panel *parleyp_chart_panel_add(parleyp_chart *c, const char *title,
                                             const char *xlabel, const char *ylabel);
/* Fixes an axis range. */
void parleyp_chart_axis_range(parleyp_chart_axis *a, double min, double max);
/* Names the categories 0..n-1 of an axis (bar charts). */
void parleyp_chart_axis_categories(parleyp_chart *c, parleyp_chart_axis *a,
                                   const char *const *names, size_t n);

/* Adds a series (x, y copied; x NULL means 0, 1, ..., n-1); returns it for
 * the optional arrays (set with parleyp_chart_series_x0/_y0/_tag), or NULL
 * when out of memory. Colour, marker and line get defaults by kind. */
parleyp_chart_series *parleyp_chart_series_add(parleyp_chart *c, parleyp_chart_panel *p,
                                               parleyp_series_kind kind, const char *label,
                                               size_t n, const double *x, const double *y);
void parleyp_chart_series_x0(parleyp_chart *c, parleyp_chart_series *s, const double *x0);
void parleyp_chart_series_y0(parleyp_chart *c, parleyp_chart_series *s, const double *y0);
void parleyp_chart_series_tag(parleyp_chart *c, parleyp_chart_series *s, size_t i,
                              const char *text);
void parleyp_chart_ref_add(parleyp_chart *c, parleyp_chart_panel *p, bool vertical, double at,
                           const char *label, int colour, parleyp_line line);
void parleyp_chart_note_add(parleyp_chart *c, parleyp_chart_panel *p, double x, double y,
                            const char *text);

/* PARLEY_OK, or PARLEY_ERR_LIMIT "out of memory building the chart" in err
 * (and the chart freed) when an add failed; then returns NULL. */
parleyp_chart *parleyp_chart_ok(parleyp_chart *c, parley_error *err);

/* The format a file name asks for by its extension (.svg, .png, .pdf, any
 * case); 0 for anything else. */
parleyp_chart_format parleyp_chart_format_of(const char *path);

/* The chart as the bytes of an SVG, PNG or PDF file (caller frees; length
 * in *len). PARLEY_ERR_INPUT for a chart that cannot be drawn (no panel, a
 * fixed axis range not increasing; values that are not finite are skipped); PARLEY_ERR_IO when the
 * PLplot device is missing or the temporary file fails; PARLEY_ERR_LIMIT when out of memory. */
unsigned char *parleyp_chart_bytes(const parleyp_chart *c, parleyp_chart_format fmt, size_t *len,
                                   parley_error *err);
/* The SVG as a NUL-terminated string, for inlining in HTML. */
char *parleyp_chart_svg(const parleyp_chart *c, size_t *len, parley_error *err);
/* Writes the chart to path: to a temporary file beside it, renamed into
 * place, so a failure leaves no file; an existing file keeps its mode, a new
 * one gets 0644. */
parley_status parleyp_chart_render(const parleyp_chart *c, parleyp_chart_format fmt,
                                   const char *path, parley_error *err);

/* ---- builders: one chart per `parley plot` kind (plot/chart_<kind>.c) ----
 * Each returns a new chart (caller frees with parleyp_chart_free) or NULL
 * with err set; every argument is borrowed and only read. */

/* Who is on board: per plan scored (scores[n], any plans of sc), each
 * party's utility against its walk-away, and its on-board share with the
 * reported stances on those plans. */
parleyp_chart *parleyp_chart_onboard(const parley_scenario *sc, const parley_score *scores,
                                     size_t n, parley_error *err);
/* What changed between two versions: every changed point's effect on every
 * party (horizontal bars), who proposed it. */
parleyp_chart *parleyp_chart_diff(const parley_scenario *sc, const parley_diff *d,
                                  parley_error *err);
/* The space of deals: the Pareto frontier in utility space (one plot for two
 * parties, pairwise projections for more: at most the first 6 parties), the
 * Nash, Kalai, Kalai-Smorodinsky and max-welfare packages, the walk-aways,
 * and the plan versions of sc (NULL for a GENIUS domain). */
parleyp_chart *parleyp_chart_frontier(const parley_space *sp, const parley_analysis *an,
                                      const parley_scenario *sc, parley_error *err);
/* Mediation rounds from sc's plan `plan`: each party's utility round by
 * round, its walk-away, the target package of `concept`. */
parleyp_chart *parleyp_chart_mediate(const parley_scenario *sc, size_t plan,
                                     parley_mediate_concept concept, const parley_mediation *m,
                                     parley_error *err);
/* Where bargaining lands: each actor's position per turn on each dimension
 * (at most 12), the forecast, other models' forecasts (others[n_others], may
 * be 0) and the Monte Carlo 5-95 % and 25-75 % bands (mc may be NULL). */
parleyp_chart *parleyp_chart_forecast(const parley_fc_scenario *fs, const parley_fc_result *r,
                                      const parley_fc_result *const *others, size_t n_others,
                                      const parley_fc_mc *mc, parley_error *err);
/* A negotiation: the offers of each agent in utility space (the first two
 * parties) with the frontier, Nash package and agreement, and each agent's
 * own utility of its offers over time. agents[n_parties]: names (may be NULL). */
parleyp_chart *parleyp_chart_trace(const parley_nego_domain *dom,
                                   const parley_negotiation_result *r, const char *const *agents,
                                   parley_error *err);
/* Stable end states: for every concept, the states stable for each decision
 * maker (or coalition) and the equilibria; the status quo marked. */
parleyp_chart *parleyp_chart_stability(const parley_conflict *c, const parley_stability *s,
                                       parley_error *err);

/* A tornado: rows labels[n] in order (the first on top), each a bar from
 * low[i] <= 0 to high[i] >= 0, how far a quantity may move from its value
 * now (0) before the outcome flips; ±INFINITY: no limit that way (drawn to
 * the panel's edge and tagged). For `parley sensitivity`. */
parleyp_chart *parleyp_chart_tornado(const char *title, const char *xlabel,
                                     const char *const *labels, const double *low,
                                     const double *high, size_t n, parley_error *err);
/* The same rows drawn into panel p of chart c (for charts of several
 * tornadoes). Here a row may also lie wholly on one side of 0 (low > 0 or
 * high < 0: the quantity must move that far before the outcome holds; its
 * own colour) or have no range at all (NAN: a cross at 0 tagged `never`,
 * "never" when NULL). */
void parleyp_chart_tornado_panel(parleyp_chart *c, parleyp_chart_panel *p,
                                 const char *const *labels, const double *low, const double *high,
                                 size_t n, const char *never);
/* `parley sensitivity` as tornadoes, one panel per party: the range over
 * which each issue weight and the walk-away keep the party at or above its
 * walk-away, relative to the value now, narrowest first. */
parleyp_chart *parleyp_chart_sensitivity(const parley_scenario *sc, const parley_sensitivity *s,
                                         parley_error *err);

/* Party colours and markers shared by the builders. */
int parleyp_chart_party_colour(size_t j);
parleyp_marker parleyp_chart_party_marker(size_t j);

#endif
