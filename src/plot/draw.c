/*
 * plot/draw.c — drawing a parleyp_chart on the current PLplot stream (set
 * up by plot/render.c): the title, a grid of panels (axes with units, grid
 * lines, series, reference lines, notes) and one legend on the right.
 * Sizes are in millimetres on the page, so text keeps its size whatever the
 * device's resolution. Colour map 0: 0 white, 1 black, 2 grey, 3 light grey
 * (grid), 4.. the palette, 4 + PARLEYP_N_COLOURS.. the palette translucent.
 */
#include "plot/draw.h"

#include <plplot.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { COL_BLACK = 1, COL_GREY = 2, COL_GRID = 3, COL_PALETTE = 4 };

static const int PALETTE[PARLEYP_N_COLOURS][3] = {
    {0, 114, 178},   /* blue */
    {213, 94, 0},    /* vermillion */
    {0, 158, 115},   /* bluish green */
    {230, 159, 0},   /* orange */
    {204, 121, 167}, /* reddish purple */
    {86, 180, 233},  /* sky blue */
    {240, 228, 66},  /* yellow */
    {0, 0, 0},       /* black */
    {120, 120, 120}  /* grey */
};

#define TEXT_MM 3.0 /* tick labels, legend, notes */
#define PI 3.14159265358979323846
#define MARK_MM 1.3 /* marker radius */

void parleyp_draw_colours(void)
{
    plscmap0n(COL_PALETTE + 2 * PARLEYP_N_COLOURS);
    plscol0a(0, 255, 255, 255, 1.0);
    plscol0a(COL_BLACK, 0, 0, 0, 1.0);
    plscol0a(COL_GREY, 100, 100, 100, 1.0);
    plscol0a(COL_GRID, 225, 225, 225, 1.0);
    for (int i = 0; i < PARLEYP_N_COLOURS; i++) {
        plscol0a(COL_PALETTE + i, PALETTE[i][0], PALETTE[i][1], PALETTE[i][2], 1.0);
        plscol0a(COL_PALETTE + PARLEYP_N_COLOURS + i, PALETTE[i][0], PALETTE[i][1], PALETTE[i][2],
                 0.25);
    }
}

static int colour(int c, bool faint)
{
    if (c < 0 || c >= PARLEYP_N_COLOURS)
        c = PARLEYP_BLACK;
    return COL_PALETTE + c + (faint ? PARLEYP_N_COLOURS : 0);
}

/* PLplot reads '#' as an escape: a label's own '#' is doubled. */
static void text_esc(const char *s, char *buf, size_t n)
{
    size_t k = 0;
    for (; s && *s && k + 2 < n; s++) {
        if (*s == '#')
            buf[k++] = '#';
        buf[k++] = *s;
    }
    buf[k] = '\0';
}

static void mtex(const char *side, double disp, double pos, double just, const char *s)
{
    char buf[1024];
    text_esc(s, buf, sizeof buf);
    plmtex(side, disp, pos, just, buf);
}

static void ptex(double x, double y, double just, const char *s)
{
    char buf[1024];
    text_esc(s, buf, sizeof buf);
    plptex(x, y, 1.0, 0.0, just, buf);
}

static void line_style(parleyp_line l, double width, double scale)
{
    static const PLINT dash_mark[] = {2500}, dash_space[] = {1500};
    static const PLINT dot_mark[] = {500}, dot_space[] = {900};
    if (l == PARLEYP_LINE_DASHED)
        plstyl(1, dash_mark, dash_space);
    else if (l == PARLEYP_LINE_DOTTED)
        plstyl(1, dot_mark, dot_space);
    else
        plstyl(0, NULL, NULL);
    plwidth(width * scale);
}

/* World units per millimetre on the current viewport and window. */
typedef struct frame {
    double x0, x1, y0, y1; /* window */
    double xmm, ymm;       /* world units per mm */
} frame;

/* PLplot's millimetres per millimetre of the page as laid out: 1, except on
 * pngcairo, which takes the page at 72 dots per inch whatever the
 * resolution (text, markers and offsets are scaled by it). */
static double mm_scale = 1.0;

static frame current_frame(void)
{
    PLFLT sx0, sx1, sy0, sy1, vx0, vx1, vy0, vy1, wx0, wx1, wy0, wy1;
    plgspa(&sx0, &sx1, &sy0, &sy1);
    plgvpd(&vx0, &vx1, &vy0, &vy1);
    plgvpw(&wx0, &wx1, &wy0, &wy1);
    frame f = {wx0, wx1, wy0, wy1, 0, 0};
    f.xmm = mm_scale * (wx1 - wx0) / ((vx1 - vx0) * (sx1 - sx0));
    f.ymm = mm_scale * (wy1 - wy0) / ((vy1 - vy0) * (sy1 - sy0));
    return f;
}

static void marker(const frame *f, double x, double y, parleyp_marker m, int col)
{
    if (m == PARLEYP_MARK_NONE || !isfinite(x) || !isfinite(y))
        return;
    PLFLT px[24], py[24];
    int n = 0;
    double rx = MARK_MM * f->xmm, ry = MARK_MM * f->ymm;
    switch (m) {
    case PARLEYP_MARK_CIRCLE:
    case PARLEYP_MARK_OPEN_CIRCLE:
        for (n = 0; n < 14; n++) {
            px[n] = x + rx * cos(2 * PI * n / 14);
            py[n] = y + ry * sin(2 * PI * n / 14);
        }
        break;
    case PARLEYP_MARK_SQUARE:
    case PARLEYP_MARK_OPEN_SQUARE:
        rx *= 0.9, ry *= 0.9;
        px[0] = x - rx, py[0] = y - ry, px[1] = x + rx, py[1] = y - ry;
        px[2] = x + rx, py[2] = y + ry, px[3] = x - rx, py[3] = y + ry, n = 4;
        break;
    case PARLEYP_MARK_TRIANGLE:
        px[0] = x - 1.1 * rx, py[0] = y - 0.8 * ry, px[1] = x + 1.1 * rx, py[1] = y - 0.8 * ry;
        px[2] = x, py[2] = y + 1.2 * ry, n = 3;
        break;
    case PARLEYP_MARK_DIAMOND:
        rx *= 1.25, ry *= 1.25;
        px[0] = x, py[0] = y - ry, px[1] = x + rx, py[1] = y, px[2] = x, py[2] = y + ry;
        px[3] = x - rx, py[3] = y, n = 4;
        break;
    case PARLEYP_MARK_DOT:
        rx *= 0.3, ry *= 0.3;
        px[0] = x - rx, py[0] = y - ry, px[1] = x + rx, py[1] = y - ry;
        px[2] = x + rx, py[2] = y + ry, px[3] = x - rx, py[3] = y + ry, n = 4;
        break;
    case PARLEYP_MARK_CROSS: {
        PLFLT ax[2] = {x - rx, x + rx}, ay[2] = {y - ry, y + ry}, by[2] = {y + ry, y - ry};
        plcol0(col);
        plline(2, ax, ay);
        plline(2, ax, by);
        return;
    }
    default:
        return;
    }
    plcol0(col);
    if (m == PARLEYP_MARK_OPEN_CIRCLE || m == PARLEYP_MARK_OPEN_SQUARE) {
        px[n] = px[0], py[n] = py[0];
        plline(n + 1, px, py);
    } else {
        plfill(n, px, py);
    }
}

static void rect(double x0, double x1, double y0, double y1, int col)
{
    PLFLT px[5] = {x0, x1, x1, x0, x0}, py[5] = {y0, y0, y1, y1, y0};
    plcol0(col);
    plfill(4, px, py);
}

/* A polyline through the finite points of (x, y), broken at the others; a
 * step line holds each y until the next x (and ends at the last point). */
static void polyline(size_t n, const double *x, const double *y, bool step)
{
    PLFLT *px = malloc((2 * n + 2) * sizeof *px), *py = malloc((2 * n + 2) * sizeof *py);
    if (!px || !py) {
        free(px);
        free(py);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i <= n; i++) {
        bool ok = i < n && isfinite(x[i]) && isfinite(y[i]);
        if (ok) {
            if (step && k) {
                px[k] = x[i], py[k] = py[k - 1], k++;
            }
            px[k] = x[i], py[k] = y[i], k++;
            if (step && i + 1 < n && !isfinite(y[i + 1]) && isfinite(x[i + 1])) {
                px[k] = x[i + 1], py[k] = y[i], k++;
            }
        }
        if (!ok && k) {
            if (k > 1)
                plline((PLINT)k, px, py);
            k = 0;
        }
    }
    free(px);
    free(py);
}

/* A dense series of dots: one dot per 1 mm cell of the panel, so a
 * frontier of 10^4 points stays a small file and looks the same. */
static void dots(const frame *f, const parleyp_chart_series *s, int col)
{
    double cw = 1.0 * f->xmm, chh = 1.0 * f->ymm;
    size_t nx = (size_t)((f->x1 - f->x0) / cw) + 1, ny = (size_t)((f->y1 - f->y0) / chh) + 1;
    unsigned char *seen = nx * ny < ((size_t)1 << 26) ? calloc(nx * ny, 1) : NULL;
    for (size_t i = 0; i < s->n; i++) {
        double x = s->x[i], y = s->y[i];
        if (!isfinite(x) || !isfinite(y) || x < f->x0 || x > f->x1 || y < f->y0 || y > f->y1)
            continue;
        if (seen) {
            size_t cx = (size_t)((x - f->x0) / cw), cy = (size_t)((y - f->y0) / chh);
            if (cx >= nx || cy >= ny || seen[cy * nx + cx])
                continue;
            seen[cy * nx + cx] = 1;
        }
        marker(f, x, y, PARLEYP_MARK_DOT, col);
    }
    free(seen);
}

static void draw_series(const frame *f, const parleyp_chart_series *s, double scale)
{
    int col = colour(s->colour, false);
    switch (s->kind) {
    case PARLEYP_SERIES_BAND: {
        PLFLT *px = malloc(2 * s->n * sizeof *px), *py = malloc(2 * s->n * sizeof *py);
        size_t k = 0;
        for (size_t i = 0; px && py && i < s->n; i++)
            if (isfinite(s->x[i]) && isfinite(s->y[i]) && s->y0 && isfinite(s->y0[i]))
                px[k] = s->x[i], py[k] = s->y[i], k++;
        for (size_t i = s->n; px && py && s->y0 && i-- > 0;)
            if (isfinite(s->x[i]) && isfinite(s->y[i]) && isfinite(s->y0[i]))
                px[k] = s->x[i], py[k] = s->y0[i], k++;
        plcol0(colour(s->colour, true));
        if (k >= 3)
            plfill((PLINT)k, px, py);
        free(px);
        free(py);
        return;
    }
    case PARLEYP_SERIES_BARS:
    case PARLEYP_SERIES_HBARS:
        for (size_t i = 0; i < s->n; i++) {
            double base =
                s->kind == PARLEYP_SERIES_BARS ? (s->y0 ? s->y0[i] : 0) : (s->x0 ? s->x0[i] : 0);
            if (!isfinite(s->x[i]) || !isfinite(s->y[i]) || !isfinite(base))
                continue;
            double h = s->width / 2;
            if (s->kind == PARLEYP_SERIES_BARS)
                rect(s->x[i] - h, s->x[i] + h, fmin(base, s->y[i]), fmax(base, s->y[i]), col);
            else
                rect(fmin(base, s->x[i]), fmax(base, s->x[i]), s->y[i] - h, s->y[i] + h, col);
        }
        break;
    case PARLEYP_SERIES_LINE:
    case PARLEYP_SERIES_STEP:
        if (s->line != PARLEYP_LINE_NONE) {
            plcol0(col);
            line_style(s->line, 2.0 * s->width, scale);
            polyline(s->n, s->x, s->y, s->kind == PARLEYP_SERIES_STEP);
            line_style(PARLEYP_LINE_SOLID, 1.0, scale);
        }
        for (size_t i = 0; i < s->n; i++)
            marker(f, s->x[i], s->y[i], s->marker, col);
        break;
    case PARLEYP_SERIES_POINTS:
        if (s->marker == PARLEYP_MARK_DOT)
            dots(f, s, col);
        else
            for (size_t i = 0; i < s->n; i++)
                marker(f, s->x[i], s->y[i], s->marker, col);
        break;
    }
    plschr(0, 0.85);
    plcol0(COL_BLACK);
    for (size_t i = 0; s->tags && i < s->n; i++) {
        if (!s->tags[i] || !isfinite(s->x[i]) || !isfinite(s->y[i]))
            continue;
        /* right of the point, or left of it in the right quarter of the panel */
        bool left = s->x[i] > f->x0 + 0.75 * (f->x1 - f->x0);
        ptex(s->x[i] + (left ? -1.8 : 1.8) * f->xmm, s->y[i] + 1.2 * f->ymm, left ? 1.0 : 0.0,
             s->tags[i]);
    }
    plschr(0, 1.0);
}

static void draw_ref(const frame *f, const parleyp_chart_ref *r, double scale)
{
    if (!isfinite(r->at))
        return;
    plcol0(r->colour == PARLEYP_GREY ? COL_GREY : colour(r->colour, false));
    line_style(r->line, 1.5, scale);
    PLFLT x[2] = {f->x0, f->x1}, y[2] = {r->at, r->at};
    if (r->vertical)
        x[0] = x[1] = r->at, y[0] = f->y0, y[1] = f->y1;
    plline(2, x, y);
    line_style(PARLEYP_LINE_SOLID, 1.0, scale);
}

static void draw_ref_label(const frame *f, const parleyp_chart_ref *r)
{
    if (!isfinite(r->at) || !r->label)
        return;
    plcol0(r->colour == PARLEYP_GREY ? COL_GREY : colour(r->colour, false));
    plschr(0, 0.8);
    /* a vertical line's label right of it, or left in the right quarter */
    bool left = r->at > f->x0 + 0.75 * (f->x1 - f->x0);
    if (r->vertical)
        ptex(r->at + (left ? -1.0 : 1.0) * f->xmm, f->y1 - 3.0 * f->ymm, left ? 1.0 : 0.0,
             r->label);
    else
        ptex(f->x1 - 1.0 * f->xmm, r->at + 1.0 * f->ymm, 1.0, r->label);
    plschr(0, 1.0);
}

static void axis_categories(const parleyp_chart_axis *a, bool x, const frame *f)
{
    double lo = x ? f->x0 : f->y0, hi = x ? f->x1 : f->y1;
    for (size_t i = 0; i < a->n_categories; i++) {
        double pos = ((double)i - lo) / (hi - lo);
        if (pos < 0 || pos > 1)
            continue;
        if (x && a->n_categories > PARLEYP_CATEGORIES_FLAT)
            mtex("bv", 0.7, pos, 1.0, a->categories[i]);
        else if (x)
            mtex("b", 1.6, pos, 0.5, a->categories[i]);
        else
            mtex("lv", 0.8, pos, 1.0, a->categories[i]);
    }
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most `most`
 * labelled ticks over span (PLplot's own choice crowds narrow panels). */
static double tick_step(double span, double most)
{
    double raw = span / fmax(2.0, most), mag = pow(10.0, floor(log10(raw))), r = raw / mag;
    return (r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0) * mag;
}

static void draw_panel(const parleyp_chart_panel *p, const parleyp_draw_box *b, double scale)
{
    plvpor(b->vx0, b->vx1, b->vy0, b->vy1);
    plwind(b->x0, b->x1, b->y0, b->y1);
    frame f = current_frame();
    bool xcat = p->xaxis.n_categories > 0, ycat = p->yaxis.n_categories > 0;
    /* labelled ticks at least 10 mm apart across, 9 mm up */
    double xt = tick_step(f.x1 - f.x0, (f.x1 - f.x0) / (10.0 * f.xmm));
    double yt = tick_step(f.y1 - f.y0, (f.y1 - f.y0) / (9.0 * f.ymm));
    /* grid first, in light grey, then the data, then the axes on top */
    plcol0(COL_GRID);
    plwidth(0.8 * scale);
    plbox(xcat ? "" : "g", xt, 0, ycat ? "" : "g", yt, 0);
    for (size_t i = 0; i < p->n_series; i++)
        if (p->series[i].kind == PARLEYP_SERIES_BAND)
            draw_series(&f, &p->series[i], scale);
    for (size_t r = 0; r < p->n_refs; r++)
        draw_ref(&f, &p->refs[r], scale);
    for (size_t i = 0; i < p->n_series; i++)
        if (p->series[i].kind != PARLEYP_SERIES_BAND)
            draw_series(&f, &p->series[i], scale);
    for (size_t r = 0; r < p->n_refs; r++)
        draw_ref_label(&f, &p->refs[r]);
    plcol0(COL_BLACK);
    plwidth(1.0 * scale);
    plbox(xcat ? "bc" : "bcnst", xt, 0, ycat ? "bc" : "bcnstv", yt, 0);
    if (xcat)
        axis_categories(&p->xaxis, true, &f);
    if (ycat)
        axis_categories(&p->yaxis, false, &f);
    for (size_t k = 0; k < p->n_notes; k++)
        if (isfinite(p->notes[k].x) && isfinite(p->notes[k].y))
            ptex(p->notes[k].x, p->notes[k].y, 0.0, p->notes[k].text);
    if (p->xaxis.label)
        mtex("b", b->xlabel_disp, 0.5, 0.5, p->xaxis.label);
    if (p->yaxis.label)
        mtex("l", b->ylabel_disp, 0.5, 0.5, p->yaxis.label);
    if (p->title) {
        plschr(0, 1.05);
        mtex("t", 0.9, 0.5, 0.5, p->title);
        plschr(0, 1.0);
    }
}

/* One legend entry: a swatch like the series' drawing, then its label. */
static void legend_entry(const parleyp_chart_series *s, double y, const frame *f, double scale)
{
    int col = colour(s->colour, false);
    double x0 = 0.02, x1 = x0 + 7.0 * f->xmm;
    if (s->kind == PARLEYP_SERIES_BARS || s->kind == PARLEYP_SERIES_HBARS ||
        s->kind == PARLEYP_SERIES_BAND) {
        rect(x0, x1, y - 1.3 * f->ymm, y + 1.3 * f->ymm,
             colour(s->colour, s->kind == PARLEYP_SERIES_BAND));
    } else {
        if (s->line != PARLEYP_LINE_NONE && s->kind != PARLEYP_SERIES_POINTS) {
            PLFLT lx[2] = {x0, x1}, ly[2] = {y, y};
            plcol0(col);
            line_style(s->line, 2.0 * s->width, scale);
            plline(2, lx, ly);
            line_style(PARLEYP_LINE_SOLID, 1.0, scale);
        }
        marker(f, (x0 + x1) / 2, y, s->marker, col);
    }
    plcol0(COL_BLACK);
    ptex(x1 + 2.0 * f->xmm, y - 1.1 * f->ymm, 0.0, s->label);
}

static bool seen_label(const parleyp_chart *c, size_t pi, size_t si)
{
    const char *l = c->panels[pi].series[si].label;
    for (size_t p = 0; p <= pi; p++)
        for (size_t s = 0; s < c->panels[p].n_series && (p < pi || s < si); s++)
            if (c->panels[p].series[s].label && !strcmp(c->panels[p].series[s].label, l))
                return true;
    return false;
}

static void draw_legend(const parleyp_chart *c, double vx0, double vy1, double scale)
{
    plvpor(vx0, 1.0, 0.0, vy1);
    plwind(0, 1, 0, 1);
    frame f = current_frame();
    double y = 1.0 - 6.0 * f.ymm;
    for (size_t p = 0; p < c->n_panels; p++)
        for (size_t s = 0; s < c->panels[p].n_series; s++) {
            const parleyp_chart_series *se = &c->panels[p].series[s];
            if (!se->label || seen_label(c, p, s) || y < 0)
                continue;
            legend_entry(se, y, &f, scale);
            y -= 5.5 * f.ymm;
        }
}

void parleyp_draw_chart(const parleyp_chart *c, const parleyp_draw_layout *lay, double scale)
{
    pladv(0);
    PLFLT sx0, sx1, sy0, sy1;
    plgspa(&sx0, &sx1, &sy0, &sy1);
    mm_scale = lay->page_w_mm > 0 ? (sx1 - sx0) / lay->page_w_mm : 1.0;
    plschr(TEXT_MM * mm_scale, 1.0);
    plvpor(0, 1, 0, 1);
    plwind(0, 1, 0, 1);
    if (c->title) {
        plschr(0, 1.25);
        plcol0(COL_BLACK);
        mtex("t", -1.5, 0.5, 0.5, c->title);
        plschr(0, 1.0);
    }
    for (size_t p = 0; p < c->n_panels; p++)
        draw_panel(&c->panels[p], &lay->box[p], scale);
    if (lay->legend_x0 < 1.0)
        draw_legend(c, lay->legend_x0, lay->top, scale);
}
