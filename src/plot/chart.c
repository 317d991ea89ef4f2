/*
 * plot/chart.c — building and freeing the plain chart description of
 * plot/chart.h. Every add copies; running out of memory sets c->oom and
 * makes later adds do nothing (parleyp_chart_ok reports it once).
 */
#include "plot/chart.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dup_text(parleyp_chart *c, const char *s)
{
    if (!s || c->oom)
        return NULL;
    char *d = strdup(s);
    if (!d)
        c->oom = true;
    return d;
}

static double *dup_doubles(parleyp_chart *c, const double *v, size_t n)
{
    if (c->oom)
        return NULL;
    double *d = malloc((n ? n : 1) * sizeof *d);
    if (!d) {
        c->oom = true;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        d[i] = v ? v[i] : (double)i;
    return d;
}

/* Grows *arr (element size sz, count *n) by one zeroed element. */
static void *grow(parleyp_chart *c, void **arr, size_t *n, size_t sz)
{
    if (c->oom)
        return NULL;
    char *a = realloc(*arr, (*n + 1) * sz);
    if (!a) {
        c->oom = true;
        return NULL;
    }
    *arr = a;
    memset(a + *n * sz, 0, sz);
    return a + (*n)++ * sz;
}

parleyp_chart *parleyp_chart_new(const char *title)
{
    parleyp_chart *c = calloc(1, sizeof *c);
    if (c)
        c->title = dup_text(c, title);
    return c;
}

static void free_axis(parleyp_chart_axis *a)
{
    free(a->label);
    for (size_t i = 0; i < a->n_categories; i++)
        free(a->categories[i]);
    free(a->categories);
}

void parleyp_chart_free(parleyp_chart *c)
{
    if (!c)
        return;
    for (size_t p = 0; p < c->n_panels; p++) {
        parleyp_chart_panel *pn = &c->panels[p];
        free(pn->title);
        free_axis(&pn->xaxis);
        free_axis(&pn->yaxis);
        for (size_t s = 0; s < pn->n_series; s++) {
            parleyp_chart_series *se = &pn->series[s];
            free(se->label);
            free(se->x);
            free(se->y);
            free(se->x0);
            free(se->y0);
            for (size_t i = 0; se->tags && i < se->n; i++)
                free(se->tags[i]);
            free(se->tags);
        }
        free(pn->series);
        for (size_t r = 0; r < pn->n_refs; r++)
            free(pn->refs[r].label);
        free(pn->refs);
        for (size_t k = 0; k < pn->n_notes; k++)
            free(pn->notes[k].text);
        free(pn->notes);
    }
    free(c->panels);
    free(c->title);
    free(c->caption);
    free(c);
}

void parleyp_chart_caption(parleyp_chart *c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(c->caption);
    c->caption = dup_text(c, buf);
}

parleyp_chart_panel *parleyp_chart_panel_add(parleyp_chart *c, const char *title,
                                             const char *xlabel, const char *ylabel)
{
    parleyp_chart_panel *p = grow(c, (void **)&c->panels, &c->n_panels, sizeof *p);
    if (!p)
        return NULL;
    p->title = dup_text(c, title);
    p->xaxis.label = dup_text(c, xlabel);
    p->yaxis.label = dup_text(c, ylabel);
    return p;
}

void parleyp_chart_axis_range(parleyp_chart_axis *a, double min, double max)
{
    a->fixed = true;
    a->min = min;
    a->max = max;
}

void parleyp_chart_axis_categories(parleyp_chart *c, parleyp_chart_axis *a,
                                   const char *const *names, size_t n)
{
    if (c->oom || !n)
        return;
    a->categories = calloc(n, sizeof *a->categories);
    if (!a->categories) {
        c->oom = true;
        return;
    }
    a->n_categories = n;
    for (size_t i = 0; i < n; i++)
        a->categories[i] = dup_text(c, names[i] ? names[i] : "");
}

parleyp_chart_series *parleyp_chart_series_add(parleyp_chart *c, parleyp_chart_panel *p,
                                               parleyp_series_kind kind, const char *label,
                                               size_t n, const double *x, const double *y)
{
    if (!p)
        return NULL;
    size_t index = p->n_series;
    parleyp_chart_series *s = grow(c, (void **)&p->series, &p->n_series, sizeof *s);
    if (!s)
        return NULL;
    s->kind = kind;
    s->n = n;
    s->label = dup_text(c, label);
    s->x = dup_doubles(c, x, n);
    s->y = dup_doubles(c, y, n);
    s->colour = (int)(index % PARLEYP_YELLOW);
    s->marker = kind == PARLEYP_SERIES_POINTS ? PARLEYP_MARK_CIRCLE : PARLEYP_MARK_NONE;
    s->line = kind == PARLEYP_SERIES_POINTS ? PARLEYP_LINE_NONE : PARLEYP_LINE_SOLID;
    s->width = kind == PARLEYP_SERIES_BARS || kind == PARLEYP_SERIES_HBARS ? 0.7 : 1.0;
    return c->oom ? NULL : s;
}

void parleyp_chart_series_x0(parleyp_chart *c, parleyp_chart_series *s, const double *x0)
{
    if (s && !c->oom)
        s->x0 = dup_doubles(c, x0, s->n);
}

void parleyp_chart_series_y0(parleyp_chart *c, parleyp_chart_series *s, const double *y0)
{
    if (s && !c->oom)
        s->y0 = dup_doubles(c, y0, s->n);
}

void parleyp_chart_series_tag(parleyp_chart *c, parleyp_chart_series *s, size_t i, const char *text)
{
    if (!s || c->oom || i >= s->n)
        return;
    if (!s->tags) {
        s->tags = calloc(s->n, sizeof *s->tags);
        if (!s->tags) {
            c->oom = true;
            return;
        }
    }
    free(s->tags[i]);
    s->tags[i] = dup_text(c, text);
}

void parleyp_chart_ref_add(parleyp_chart *c, parleyp_chart_panel *p, bool vertical, double at,
                           const char *label, int colour, parleyp_line line)
{
    if (!p)
        return;
    parleyp_chart_ref *r = grow(c, (void **)&p->refs, &p->n_refs, sizeof *r);
    if (!r)
        return;
    r->vertical = vertical;
    r->at = at;
    r->label = dup_text(c, label);
    r->colour = colour;
    r->line = line;
}

void parleyp_chart_note_add(parleyp_chart *c, parleyp_chart_panel *p, double x, double y,
                            const char *text)
{
    if (!p)
        return;
    parleyp_chart_note *k = grow(c, (void **)&p->notes, &p->n_notes, sizeof *k);
    if (!k)
        return;
    k->x = x;
    k->y = y;
    k->text = dup_text(c, text);
}

parleyp_chart *parleyp_chart_ok(parleyp_chart *c, parley_error *err)
{
    if (c && !c->oom)
        return c;
    parleyp_chart_free(c);
    parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory building the chart");
    return NULL;
}

parleyp_chart_format parleyp_chart_format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot)
        return 0;
    if (!strcasecmp(dot, ".svg"))
        return PARLEYP_CHART_SVG;
    if (!strcasecmp(dot, ".png"))
        return PARLEYP_CHART_PNG;
    if (!strcasecmp(dot, ".pdf"))
        return PARLEYP_CHART_PDF;
    return 0;
}
