/*
 * plot/draw.h — between plot/render.c (the PLplot stream) and the drawing
 * (plot/draw.c): the page layout of a chart, computed without PLplot
 * (plot/layout.c), then drawn on the current stream.
 */
#ifndef PARLEY_PLOT_DRAW_H
#define PARLEY_PLOT_DRAW_H

#include "plot/chart.h"

/* More x categories than this are written vertically. */
#define PARLEYP_CATEGORIES_FLAT 8

/* Where one panel goes: its viewport in page fractions and its window. */
typedef struct parleyp_draw_box {
    double vx0, vx1, vy0, vy1;
    double x0, x1, y0, y1;
    double ylabel_disp; /* the y axis label's distance from the axis, in text heights */
    double xlabel_disp; /* the x axis label's */
} parleyp_draw_box;

typedef struct parleyp_draw_layout {
    parleyp_draw_box *box; /* [n_panels] */
    double legend_x0;      /* page fraction where the legend starts; 1: no legend */
    double top;            /* page fraction below the chart title */
    double page_w_mm;      /* the page width it was laid out for */
} parleyp_draw_layout;

/* Lays c out on a page of width_mm x height_mm. PARLEY_ERR_INPUT when the
 * chart has no panel, or a fixed axis range is not finite and increasing. */
parley_status parleyp_draw_layout_make(const parleyp_chart *c, double width_mm, double height_mm,
                                       parleyp_draw_layout *lay, parley_error *err);
void parleyp_draw_layout_free(parleyp_draw_layout *lay);

/* The colour map; call before plinit. */
void parleyp_draw_colours(void);
/* Draws c on the current (initialised) stream; scale multiplies line widths. */
void parleyp_draw_chart(const parleyp_chart *c, const parleyp_draw_layout *lay, double scale);

/* The SVG PLplot wrote (b, *len bytes, NUL-terminated), finished for use
 * (plot/svg.c): no DOCTYPE, compact, ids of its own, <title> and <desc>.
 * Takes b; returns the new buffer, or NULL (b freed) when out of memory. */
unsigned char *parleyp_svg_finish(unsigned char *b, size_t *len, const char *title,
                                  const char *desc);

#endif
