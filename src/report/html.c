/*
 * report/html.c — the HTML pieces of the report: escaping, number cells
 * (shown rounded, exact in data-v), tables, figures and notes. Every string
 * that comes from a scenario goes through parleyp_rp_esc.
 */
#include "report/report_impl.h"
#include "doc/number.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void parleyp_rp_esc(FILE *fp, const char *s)
{
    if (!s)
        return;
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", fp);
            break;
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        case '\'':
            fputs("&#39;", fp);
            break;
        default:
            fputc(*s, fp);
        }
    }
}

void parleyp_rp_raw(FILE *fp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(fp, fmt, ap);
    va_end(ap);
}

const char *parleyp_rp_exact(char *buf, double v)
{
    parleyp_number_format(buf, v);
    return buf;
}

void parleyp_rp_num(FILE *fp, double v, int decimals, bool sign, bool pct, const char *cmd)
{
    fputs("<td class=\"num\"", fp);
    if (cmd) {
        fputs(" data-cmd=\"", fp);
        parleyp_rp_esc(fp, cmd);
        fputc('"', fp);
    }
    if (!isfinite(v)) {
        fputs(">n/a</td>", fp);
        return;
    }
    char exact[PARLEYP_NUMBER_MAX];
    parleyp_number_format(exact, v);
    double shown = pct ? v * 100 : v;
    if (fabs(shown) < 0.5 * pow(10, -decimals))
        shown = 0; /* no "-0.000" */
    fprintf(fp, " data-v=\"%s\">%s%.*f%s</td>", exact, sign && shown >= 0 ? "+" : "", decimals,
            shown, pct ? "%" : "");
}

void parleyp_rp_cell(FILE *fp, const char *text, bool header)
{
    fputs(header ? "<th>" : "<td>", fp);
    parleyp_rp_esc(fp, text);
    fputs(header ? "</th>" : "</td>", fp);
}

void parleyp_rp_table_open(FILE *fp, const char *cmd, const char *caption)
{
    fputs("<table", fp);
    if (cmd) {
        fputs(" data-cmd=\"", fp);
        parleyp_rp_esc(fp, cmd);
        fputc('"', fp);
    }
    fputc('>', fp);
    if (caption) {
        fputs("<caption>", fp);
        parleyp_rp_esc(fp, caption);
        fputs("</caption>", fp);
    }
    fputc('\n', fp);
}

void parleyp_rp_head(FILE *fp, const char *const *cols, const char *align)
{
    fputs("<thead><tr>", fp);
    for (size_t k = 0; align[k]; k++) {
        fputs(align[k] == 'l' ? "<th>" : "<th class=\"num\">", fp);
        parleyp_rp_esc(fp, cols[k]);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n", fp);
}

/* Writes svg from its <svg element, every id="x" as id="fN-x" and every
 * "#x" reference (href="#x", xlink:href="#x", url(#x)) as "#fN-x". */
static void svg_prefixed(FILE *fp, const char *svg, unsigned n)
{
    const char *s = strstr(svg, "<svg");
    for (s = s ? s : svg; *s; s++) {
        if (!strncmp(s, " id=\"", 5)) {
            fprintf(fp, " id=\"f%u-", n);
            s += 4;
        } else if (!strncmp(s, "href=\"#", 7)) {
            fprintf(fp, "href=\"#f%u-", n);
            s += 6;
        } else if (!strncmp(s, "url(#", 5)) {
            fprintf(fp, "url(#f%u-", n);
            s += 4;
        } else {
            fputc(*s, fp);
        }
    }
}

void parleyp_rp_figure(FILE *fp, rp_data *d, const char *kind, char *svg, const char *chart_cap,
                       const char *own_cap)
{
    if (!svg) {
        fputs("<p class=\"note nochart\">", fp);
        parleyp_rp_esc(fp, chart_cap);
        fputs("</p>\n<p>", fp);
        parleyp_rp_esc(fp, own_cap);
        fputs("</p>\n", fp);
        return;
    }
    fprintf(fp, "<figure class=\"chart\" data-chart=\"%s\">\n", kind);
    svg_prefixed(fp, svg, ++d->figures);
    free(svg);
    fputs("\n<figcaption>", fp);
    parleyp_rp_esc(fp, chart_cap);
    if (chart_cap[0] && own_cap[0])
        fputc(' ', fp);
    parleyp_rp_esc(fp, own_cap);
    fputs("</figcaption></figure>\n", fp);
}

void parleyp_rp_skip(FILE *fp, const char *why)
{
    fputs("<p class=\"skip\">Left out: ", fp);
    parleyp_rp_esc(fp, why);
    fputs("</p>\n", fp);
}

void parleyp_rp_plan_label(FILE *fp, const parley_scenario *sc, const parley_plan *pl,
                           const char *sep)
{
    parleyp_rp_esc(fp, pl->id);
    if (pl->name) {
        fputs(sep, fp);
        parleyp_rp_esc(fp, pl->name);
    }
    if (pl->proposed_by >= 0 || pl->date) {
        fputs(" (", fp);
        if (pl->proposed_by >= 0)
            parleyp_rp_esc(fp, sc->parties[pl->proposed_by].id);
        if (pl->proposed_by >= 0 && pl->date)
            fputs(", ", fp);
        parleyp_rp_esc(fp, pl->date);
        fputc(')', fp);
    }
}
