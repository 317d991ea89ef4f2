/*
 * report/report.c — `parley report`: the page around the sections. One
 * HTML5 document, everything inline: the style sheet below, the charts as
 * SVG, no script. The Content-Security-Policy meta forbids every fetch
 * (default-src 'none'; only inline style and data: images), so even a
 * reference that slipped in could not reach the network. Print styles keep
 * figures and tables whole on a page.
 */
#include "report/report_impl.h"
#include "core/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void parley_report_options_init(parley_report_options *opt)
{
    memset(opt, 0, sizeof *opt);
}

static const char CSP[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                          "form-action 'none'; base-uri 'none'";

static const char CSS[] =
    ":root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#ffffff;--soft:#f6f8fa;"
    "--good:#1a7f37;--bad:#cf222e;--accent:#0550ae}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"
    "'Segoe UI',Roboto,'DejaVu Sans',sans-serif}\n"
    "main{max-width:1180px;margin:0 auto;padding:24px 28px 60px}\n"
    "h1{font-size:28px;margin:8px 0 4px}h2{font-size:22px;margin:36px 0 8px;padding-top:12px;"
    "border-top:2px solid var(--line)}h3{font-size:17px;margin:22px 0 6px}\n"
    ".lede{color:var(--muted);max-width:70ch}\n"
    "nav ol{columns:2;margin:8px 0 0;padding-left:20px}nav a{color:var(--accent)}\n"
    "table{border-collapse:collapse;margin:6px 0 14px;font-size:13px;"
    "font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;font-weight:600;padding:2px 0 4px;color:var(--ink)}\n"
    "th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:var(--soft);border-bottom:2px solid var(--line)}\n"
    "td.num,th.num{text-align:right;white-space:nowrap}\n"
    "td.yes{color:var(--good);font-weight:600}td.no{color:var(--bad);font-weight:600}\n"
    ".pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;"
    "align-items:start;margin:8px 0 18px}\n"
    ".pair>.tables{overflow-x:auto}\n"
    ".pair.wide{grid-template-columns:minmax(0,1fr)}\n"
    ".dims{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:4px 28px}\n"
    ".dim h3{font-size:15px}.dim p{font-size:14px}\n"
    ".pair.wide figure svg{margin:0 auto}\n"
    "figure{margin:0}figure svg{max-width:100%;height:auto;display:block}\n"
    "figcaption{color:var(--muted);font-size:13px;margin-top:4px;max-width:70ch}\n"
    ".note{color:var(--muted);font-size:13px}.skip{color:var(--muted);font-style:italic}\n"
    ".assume{background:#fff8c5;border-left:4px solid #d4a72c;padding:8px 12px;margin:10px 0}\n"
    ".lineage{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:13px;"
    "white-space:pre;background:var(--soft);padding:8px 12px}\n"
    "footer{margin-top:40px;color:var(--muted);font-size:12px}\n"
    "@media (max-width:900px){.pair{grid-template-columns:1fr}}\n"
    "@media print{body{font-size:11pt}main{max-width:none;padding:0}nav{display:none}"
    ".pair{grid-template-columns:1fr}figure,table,.pair{break-inside:avoid}"
    "h2{break-before:page;border-top:none}h2.first{break-before:auto}"
    "h3{break-after:avoid}figure svg{max-height:8.5in;width:auto}}\n";

static void page(FILE *fp, rp_data *d)
{
    const parley_scenario *sc = d->sc;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", fp);
    fprintf(fp, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", CSP);
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", fp);
    fprintf(fp, "<meta name=\"generator\" content=\"parley %s\">\n<title>", parley_version());
    parleyp_rp_esc(fp, sc->title ? sc->title : sc->file);
    fputs(" — parley report</title>\n<style>\n", fp);
    fputs(CSS, fp);
    fputs("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>", fp);
    parleyp_rp_esc(fp, sc->title ? sc->title : sc->file);
    fputs("</h1>\n<p class=\"lede\">", fp);
    if (sc->description)
        parleyp_rp_esc(fp, sc->description);
    fputs("</p>\n<nav><ol>"
          "<li><a href=\"#scenario\">The scenario</a></li>"
          "<li><a href=\"#onboard\">Who is on board</a></li>"
          "<li><a href=\"#changes\">What changed between drafts</a></li>"
          "<li><a href=\"#space\">The space of deals</a></li>"
          "<li><a href=\"#take\">What would it take</a></li>"
          "<li><a href=\"#forecast\">Where bargaining lands</a></li>"
          "<li><a href=\"#stability\">Stable end states</a></li>"
          "</ol></nav>\n</header>\n",
          fp);
    parleyp_rp_sec_scenario(fp, d);
    parleyp_rp_sec_onboard(fp, d);
    parleyp_rp_sec_changes(fp, d);
    parleyp_rp_sec_space(fp, d);
    parleyp_rp_sec_take(fp, d);
    parleyp_rp_sec_forecast(fp, d);
    parleyp_rp_sec_stability(fp, d);
    fputs("<footer>Made by parley ", fp);
    parleyp_rp_esc(fp, parley_version());
    fputs(" from ", fp);
    parleyp_rp_esc(fp, sc->file);
    fputs(". Every number in a table is what the parley command named in the table's "
          "data-cmd attribute reports (exact value in data-v). This file loads nothing from "
          "outside itself.</footer>\n</main>\n</body>\n</html>\n",
          fp);
}

parley_status parley_report_dumpf(const parley_scenario *sc, const parley_report_options *opt,
                                  FILE *fp, parley_error *err)
{
    parley_error scratch;
    if (!err)
        err = &scratch;
    parley_error_clear(err);
    parley_report_options defaults;
    if (!opt) {
        parley_report_options_init(&defaults);
        opt = &defaults;
    }
    if (!sc || !fp)
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, NULL,
                                "no scenario or no stream");
    rp_data d;
    parley_status st = parleyp_rp_compute(&d, sc, opt, err);
    if (!st) {
        errno = 0;
        page(fp, &d);
        if (ferror(fp))
            st = parley_error_set(err, PARLEY_ERR_IO, NULL, 0, 0, NULL, "write error: %s",
                                  errno ? strerror(errno) : "the stream reports an error");
    }
    parleyp_rp_free(&d);
    return st;
}

char *parley_report_dumps(const parley_scenario *sc, const parley_report_options *opt,
                          parley_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp) {
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    parley_status st = parley_report_dumpf(sc, opt, fp, err);
    if (fclose(fp) != 0 && st == PARLEY_OK)
        st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    if (st == PARLEY_ERR_IO) /* a memory stream fails only for memory */
        st = parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    if (st) {
        free(buf);
        return NULL;
    }
    return buf;
}
