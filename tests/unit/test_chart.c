/*
 * test_chart.c — the chart module (src/plot): a chart drawn as SVG holds
 * exactly the texts it was given (titles, axis labels, categories, legend,
 * reference labels, tags) as <text> elements and references nothing
 * outside itself; PNG and PDF have their signatures and the page size;
 * charts that cannot be drawn are refused before PLplot sees them; a failed
 * write leaves no file; rendering from several threads at once is safe.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "plot/chart.h"

#include <libxml/parser.h>
#include <math.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static parleyp_chart *sample(void)
{
    parleyp_chart *c = parleyp_chart_new("Who is on board #1");
    parleyp_chart_panel *p = parleyp_chart_panel_add(c, "plan us28", "party", "utility (0-1)");
    const char *names[] = {"UA", "RU", "US"};
    parleyp_chart_axis_categories(c, &p->xaxis, names, 3);
    double y[] = {0.3, 0.8, 0.6}, w[] = {0.45, 0.5, 0.4};
    parleyp_chart_series_add(c, p, PARLEYP_SERIES_BARS, "utility", 3, NULL, y);
    parleyp_chart_series *s =
        parleyp_chart_series_add(c, p, PARLEYP_SERIES_POINTS, "walk-away", 3, NULL, w);
    parleyp_chart_series_tag(c, s, 1, "RU walks");
    parleyp_chart_ref_add(c, p, false, 0.5, "half", PARLEYP_GREY, PARLEYP_LINE_DASHED);
    parleyp_chart_caption(c, "%d parties", 3);
    return parleyp_chart_ok(c, NULL);
}

static int count_text(xmlNode *n, const char *want, int *all)
{
    int hits = 0;
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "text")) {
            xmlChar *t = xmlNodeGetContent(n);
            (*all)++;
            hits += t && !strcmp((const char *)t, want);
            xmlFree(t);
        }
        hits += count_text(n->children, want, all);
    }
    return hits;
}

static void test_svg_texts(void **state)
{
    (void)state;
    parleyp_chart *c = sample();
    assert_non_null(c);
    assert_string_equal(c->caption, "3 parties");
    size_t len = 0;
    parley_error err;
    char *svg = parleyp_chart_svg(c, &len, &err);
    assert_non_null(svg);
    assert_int_equal(strlen(svg), len);
    assert_null(strstr(svg, "href"));
    assert_null(strstr(svg, "DOCTYPE")); /* no DTD fetched from outside */
    xmlDoc *doc = xmlReadMemory(svg, (int)len, "chart.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNode *root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "svg");
    const char *want[] = {
        "Who is on board #1", "plan us28", "party", "utility (0-1)", "UA", "RU", "US", "utility",
        "walk-away",          "RU walks",  "half"};
    int all = 0;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        all = 0;
        assert_int_equal(count_text(root->children, want[i], &all), 1);
    }
    /* the texts above plus the y tick numbers, nothing else */
    assert_true(all > 11 && all < 11 + 12);
    xmlFreeDoc(doc);
    /* two different charts share no id (both can be inlined in one page);
     * the same chart drawn again is the same file */
    char *same = parleyp_chart_svg(c, &len, &err);
    assert_non_null(same);
    assert_string_equal(same, svg);
    free(same);
    /* title and caption for screen readers, escaped */
    assert_non_null(strstr(svg, "<title>Who is on board #1</title><desc>3 parties</desc>"));
    free(c->title);
    c->title = strdup("A & B <1>");
    char *other = parleyp_chart_svg(c, &len, &err);
    assert_non_null(other);
    assert_non_null(strstr(other, "<title>A &amp; B &lt;1&gt;</title>"));
    xmlDoc *odoc = xmlReadMemory(other, (int)len, "other.svg", NULL, XML_PARSE_NONET);
    assert_non_null(odoc);
    xmlFreeDoc(odoc);
    const char *id1 = strstr(svg, " id=\""), *id2 = strstr(other, " id=\"");
    assert_non_null(id1);
    assert_non_null(id2);
    assert_non_null(strstr(svg, "url(#parley-"));
    assert_true(strncmp(id1, id2, (size_t)(strchr(id1 + 5, '"') - id1)) != 0);
    assert_null(strstr(svg, "text-clipping"));
    free(other);
    free(svg);
    parleyp_chart_free(c);
}

static void test_png_pdf(void **state)
{
    (void)state;
    parleyp_chart *c = sample();
    size_t len = 0;
    unsigned char *png = parleyp_chart_bytes(c, PARLEYP_CHART_PNG, &len, NULL);
    assert_non_null(png);
    assert_true(len > 1000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    unsigned w = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | png[18] << 8 | png[19];
    unsigned h = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | png[22] << 8 | png[23];
    assert_int_equal(w, 1400); /* 7 x 4.5 inches at 200 dpi */
    assert_int_equal(h, 900);
    free(png);
    unsigned char *pdf = parleyp_chart_bytes(c, PARLEYP_CHART_PDF, &len, NULL);
    assert_non_null(pdf);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    parleyp_chart_free(c);
}

static void test_refused(void **state)
{
    (void)state;
    parley_error err;
    size_t len;
    parleyp_chart *c = parleyp_chart_new(NULL);
    assert_null(parleyp_chart_bytes(c, PARLEYP_CHART_SVG, &len, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    parleyp_chart_panel *p = parleyp_chart_panel_add(c, "p", "x", "y");
    parleyp_chart_axis_range(&p->yaxis, 1.0, 1.0);
    assert_null(parleyp_chart_bytes(c, PARLEYP_CHART_PNG, &len, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    assert_non_null(strstr(err.message, "not increasing"));
    assert_int_equal(
        parleyp_chart_render(c, PARLEYP_CHART_PDF, "/tmp/parley-test-chart-no.pdf", &err),
        PARLEY_ERR_INPUT);
    assert_int_equal(access("/tmp/parley-test-chart-no.pdf", F_OK), -1);
    parleyp_chart_free(c);
    /* data that is not finite is left out, not drawn or refused */
    c = parleyp_chart_new("nan");
    p = parleyp_chart_panel_add(c, NULL, "x", "y");
    double y[] = {NAN, 1.0, INFINITY};
    parleyp_chart_series_add(c, p, PARLEYP_SERIES_LINE, "l", 3, NULL, y);
    unsigned char *b = parleyp_chart_bytes(c, PARLEYP_CHART_SVG, &len, &err);
    assert_non_null(b);
    free(b);
    parleyp_chart_free(c);
    assert_int_equal(parleyp_chart_format_of("a/b.SVG"), PARLEYP_CHART_SVG);
    assert_int_equal(parleyp_chart_format_of("x.png"), PARLEYP_CHART_PNG);
    assert_int_equal(parleyp_chart_format_of("x.Pdf"), PARLEYP_CHART_PDF);
    assert_int_equal(parleyp_chart_format_of("x.jpg"), 0);
    assert_int_equal(parleyp_chart_format_of("svg"), 0);
}

static void test_render_file(void **state)
{
    (void)state;
    parleyp_chart *c = sample();
    parley_error err;
    char dir[] = "/tmp/parley-chart-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    assert_int_equal(parleyp_chart_render(c, PARLEYP_CHART_PDF, path, &err), PARLEY_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    unlink(path);
    snprintf(path, sizeof path, "%s/missing/out.svg", dir);
    assert_int_equal(parleyp_chart_render(c, PARLEYP_CHART_SVG, path, &err), PARLEY_ERR_IO);
    assert_int_equal(rmdir(dir), 0); /* empty: nothing left behind */
    parleyp_chart_free(c);
}

static void *render_many(void *arg)
{
    parleyp_chart *c = arg;
    for (int i = 0; i < 4; i++) {
        size_t len;
        unsigned char *b = parleyp_chart_bytes(c, (parleyp_chart_format)(1 + i % 3), &len, NULL);
        if (!b)
            return arg;
        free(b);
    }
    return NULL;
}

/* The tornado of `parley sensitivity`: rows top to bottom in the given
 * order, unbounded sides drawn to the edge and tagged, the SVG holding
 * every row label once. */
static void test_tornado(void **state)
{
    (void)state;
    const char *rows[] = {"UA weight of nato", "RU walk-away", "US weight of assets"};
    double low[] = {-0.05, -INFINITY, -0.3}, high[] = {0.02, 0.4, INFINITY};
    parley_error err;
    parleyp_chart *c =
        parleyp_chart_tornado("Sensitivity", "change (own units)", rows, low, high, 3, &err);
    assert_non_null(c);
    assert_int_equal(c->n_panels, 1);
    const parleyp_chart_panel *p = &c->panels[0];
    assert_int_equal(p->yaxis.n_categories, 3);
    assert_string_equal(p->yaxis.categories[2], "UA weight of nato"); /* the top row */
    assert_int_equal(p->n_series, 2);
    const parleyp_chart_series *fall = &p->series[0], *rise = &p->series[1];
    assert_true(fall->x[0] == -0.05 && fall->y[0] == 2.0);
    assert_true(fall->x[1] == -1.2 * 0.4); /* unbounded: 20 % past the largest extent */
    assert_true(rise->x[2] == 1.2 * 0.4);
    assert_non_null(rise->tags);
    assert_null(rise->tags[0]);
    assert_string_equal(fall->tags[1], "no limit");
    assert_string_equal(rise->tags[2], "no limit");
    size_t len;
    char *svg = parleyp_chart_svg(c, &len, &err);
    assert_non_null(svg);
    xmlDoc *doc = xmlReadMemory(svg, (int)len, "t.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    const char *want[] = {"UA weight of nato", "RU walk-away", "US weight of assets",
                          "may fall by",       "may rise by",  "now"};
    int all = 0;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_int_equal(count_text(xmlDocGetRootElement(doc)->children, want[i], &all), 1);
    /* both unbounded sides say so */
    assert_int_equal(count_text(xmlDocGetRootElement(doc)->children, "no limit", &all), 2);
    xmlFreeDoc(doc);
    free(svg);
    parleyp_chart_free(c);
}

static void test_threads(void **state)
{
    (void)state;
    parleyp_chart *c = sample();
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&t[i], NULL, render_many, c), 0);
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        assert_null(r);
    }
    parleyp_chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_texts), cmocka_unit_test(test_png_pdf),
        cmocka_unit_test(test_refused),   cmocka_unit_test(test_render_file),
        cmocka_unit_test(test_tornado),   cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
