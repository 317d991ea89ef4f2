/*
 * plot/layout.c — where everything of a chart goes on the page, computed
 * from the data alone (no PLplot): axis ranges (fixed, or the data's,
 * padded by 5%, with bars standing on 0), the margins each panel needs for
 * its tick labels and axis labels, the grid of panels and the legend column.
 */
#include "plot/draw.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MM 3.0
/* An average character's width, generously (capitals and digits are wide),
 * and a category name's (ids, often in capitals). */
#define CHAR_W_MM (0.8 * TEXT_MM)
#define CATEGORY_W_MM (0.9 * TEXT_MM)

typedef struct range {
    double lo, hi;
} range;

static void widen(range *r, double v)
{
    if (!isfinite(v))
        return;
    if (v < r->lo)
        r->lo = v;
    if (v > r->hi)
        r->hi = v;
}

static void widen_all(range *r, const double *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        widen(r, v[i]);
}

/* The data range of one axis of a panel (x when is_x). */
static range data_range(const parleyp_chart_panel *p, bool is_x)
{
    range r = {INFINITY, -INFINITY};
    for (size_t s = 0; s < p->n_series; s++) {
        const parleyp_chart_series *se = &p->series[s];
        widen_all(&r, is_x ? se->x : se->y, se->n);
        if (is_x && se->kind == PARLEYP_SERIES_HBARS) {
            widen_all(&r, se->x0, se->n);
            if (!se->x0)
                widen(&r, 0);
        }
        if (!is_x && (se->kind == PARLEYP_SERIES_BAND || se->kind == PARLEYP_SERIES_BARS))
            widen_all(&r, se->y0, se->n);
        if (!is_x && se->kind == PARLEYP_SERIES_BARS && !se->y0)
            widen(&r, 0);
        double half = se->width / 2;
        if (is_x && se->kind == PARLEYP_SERIES_BARS)
            for (size_t i = 0; i < se->n; i++)
                widen(&r, se->x[i] - half), widen(&r, se->x[i] + half);
        if (!is_x && se->kind == PARLEYP_SERIES_HBARS)
            for (size_t i = 0; i < se->n; i++)
                widen(&r, se->y[i] - half), widen(&r, se->y[i] + half);
    }
    for (size_t k = 0; k < p->n_refs; k++)
        if (p->refs[k].vertical == is_x)
            widen(&r, p->refs[k].at);
    for (size_t k = 0; k < p->n_notes; k++)
        widen(&r, is_x ? p->notes[k].x : p->notes[k].y);
    return r;
}

static parley_status axis_window(const parleyp_chart_panel *p, bool is_x, double *lo, double *hi,
                                 parley_error *err)
{
    const parleyp_chart_axis *a = is_x ? &p->xaxis : &p->yaxis;
    if (a->fixed) {
        if (!isfinite(a->min) || !isfinite(a->max) || !(a->min < a->max))
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                    "chart '%s': the %s axis range [%g, %g] is not increasing",
                                    p->title ? p->title : "", is_x ? "x" : "y", a->min, a->max);
        *lo = a->min, *hi = a->max;
        return PARLEY_OK;
    }
    range r = data_range(p, is_x);
    if (a->n_categories) {
        widen(&r, -0.5);
        widen(&r, (double)a->n_categories - 0.5);
    }
    if (!(r.lo <= r.hi))
        r.lo = 0, r.hi = 1;
    double span = r.hi - r.lo;
    if (span <= 1e-12 * fmax(1.0, fabs(r.hi)))
        span = fmax(1.0, fabs(r.hi)) * 0.2, r.lo -= span / 2, r.hi += span / 2;
    double pad = a->n_categories ? 0.02 * span : 0.05 * span;
    *lo = r.lo - pad, *hi = r.hi + pad;
    return PARLEY_OK;
}

/* Characters in a UTF-8 string (continuation bytes not counted). */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static size_t legend_chars(const parleyp_chart *c, bool *any)
{
    size_t most = 0;
    *any = false;
    for (size_t p = 0; p < c->n_panels; p++)
        for (size_t s = 0; s < c->panels[p].n_series; s++)
            if (c->panels[p].series[s].label) {
                *any = true;
                size_t n = chars(c->panels[p].series[s].label);
                most = n > most ? n : most;
            }
    return most;
}

parley_status parleyp_draw_layout_make(const parleyp_chart *c, double width_mm, double height_mm,
                                       parleyp_draw_layout *lay, parley_error *err)
{
    memset(lay, 0, sizeof *lay);
    if (!c || !c->n_panels)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL, "the chart is empty");
    lay->page_w_mm = width_mm;
    lay->box = calloc(c->n_panels, sizeof *lay->box);
    if (!lay->box)
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    bool any;
    size_t lc = legend_chars(c, &any);
    double legend_mm = any ? 16.0 + (double)lc * CHAR_W_MM : 0;
    lay->legend_x0 = any ? fmax(0.55, 1.0 - legend_mm / width_mm) : 1.0;
    lay->top = 1.0 - (c->title ? 11.0 : 2.0) / height_mm;
    size_t cols = c->columns ? c->columns : c->n_panels;
    size_t rows = (c->n_panels + cols - 1) / cols;
    double cw = lay->legend_x0 / (double)cols, ch = lay->top / (double)rows;
    for (size_t i = 0; i < c->n_panels; i++) {
        const parleyp_chart_panel *p = &c->panels[i];
        parleyp_draw_box *b = &lay->box[i];
        parley_status st = axis_window(p, true, &b->x0, &b->x1, err);
        if (!st)
            st = axis_window(p, false, &b->y0, &b->y1, err);
        if (st) {
            parleyp_draw_layout_free(lay);
            return st;
        }
        /* y tick labels: numbers up to 6 characters, or the longest category */
        size_t ticks = 0;
        for (size_t k = 0; k < p->yaxis.n_categories; k++)
            ticks = chars(p->yaxis.categories[k]) > ticks ? chars(p->yaxis.categories[k]) : ticks;
        double tick_mm = ticks ? (double)ticks * CATEGORY_W_MM + 3.0 : 5 * CHAR_W_MM + 2.0;
        b->ylabel_disp = tick_mm / TEXT_MM + 1.0;
        double left = tick_mm + (p->yaxis.label ? 2.0 * TEXT_MM : 0) + 2.0;
        double below = 2.8 * TEXT_MM; /* x tick labels */
        if (p->xaxis.n_categories > PARLEYP_CATEGORIES_FLAT) {
            size_t most = 0;
            for (size_t k = 0; k < p->xaxis.n_categories; k++)
                most = chars(p->xaxis.categories[k]) > most ? chars(p->xaxis.categories[k]) : most;
            below = (double)most * CATEGORY_W_MM + 1.2 * TEXT_MM;
        }
        b->xlabel_disp = below / TEXT_MM + 0.4;
        double bottom = below + (p->xaxis.label ? 1.8 * TEXT_MM : 0.0);
        double top = p->title ? 2.6 * TEXT_MM : 1.5 * TEXT_MM;
        double right = 5.0;
        size_t col = i % cols, row = i / cols;
        double cx0 = cw * (double)col, cy1 = lay->top - ch * (double)row;
        b->vx0 = cx0 + left / width_mm;
        b->vx1 = cx0 + cw - right / width_mm;
        b->vy1 = cy1 - top / height_mm;
        b->vy0 = cy1 - ch + bottom / height_mm;
        if (b->vx1 <= b->vx0 + 0.02 || b->vy1 <= b->vy0 + 0.02) {
            parleyp_draw_layout_free(lay);
            return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                    "the chart has too many panels for its page");
        }
    }
    return PARLEY_OK;
}

void parleyp_draw_layout_free(parleyp_draw_layout *lay)
{
    free(lay->box);
    lay->box = NULL;
}
