"""HTML for Jupyter (_repr_html_): scenarios and results as tables.

A result document is drawn as it is: an object as a two-column table of its
fields, a list of objects with the same fields as one table (a row per
object, at most MAX_ROWS shown), scalars as text. Numbers are shown to 6
significant digits (the dict itself keeps every bit)."""
import html

MAX_ROWS = 50


def _num(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "%.6g" % v
    return str(v)


def _cell(v, depth):
    if v is None:
        return "<i>null</i>"
    if isinstance(v, dict):
        if depth > 3:
            return html.escape(repr(v))
        return _dict(v, depth + 1)
    if isinstance(v, list):
        if depth > 3:
            return html.escape(repr(v))
        return _list(v, depth + 1)
    if isinstance(v, (int, float)):
        return _num(v)
    return html.escape(str(v))


def _dict(d, depth=0):
    if not d:
        return "{}"
    if all(not isinstance(v, (dict, list)) for v in d.values()) and depth > 0:
        head = "".join("<th>%s</th>" % html.escape(str(k)) for k in d)
        row = "".join("<td>%s</td>" % _cell(v, depth) for v in d.values())
        return "<table><tr>%s</tr><tr>%s</tr></table>" % (head, row)
    rows = "".join("<tr><th style='text-align:left'>%s</th><td style='text-align:left'>%s</td></tr>"
                   % (html.escape(str(k)), _cell(v, depth)) for k, v in d.items())
    return "<table>%s</table>" % rows


def _list(items, depth=0):
    if not items:
        return "[]"
    shown = items[:MAX_ROWS]
    more = len(items) - len(shown)
    if all(isinstance(x, dict) for x in shown):
        cols = []
        for x in shown:
            for k in x:
                if k not in cols:
                    cols.append(k)
        head = "".join("<th>%s</th>" % html.escape(str(k)) for k in cols)
        body = "".join("<tr>%s</tr>" % "".join(
            "<td>%s</td>" % (_cell(x[k], depth) if k in x else "") for k in cols) for x in shown)
        tail = ("<tr><td colspan='%d'><i>... %d more</i></td></tr>" % (len(cols), more)
                if more else "")
        return "<table><tr>%s</tr>%s%s</table>" % (head, body, tail)
    text = ", ".join(_cell(x, depth) for x in shown)
    return "[%s%s]" % (text, ", ... %d more" % more if more else "")


def result_html(command, doc):
    return "<div class='parley-result'><b>parley %s</b>%s</div>" % (html.escape(command),
                                                                   _dict(doc))


def scenario_html(sc):
    parts = ["<div class='parley-scenario'><b>%s</b> (%s)" % (html.escape(sc.path),
                                                             html.escape(sc.kind))]
    for name, items in (("parties", sc.parties), ("issues", sc.issues), ("plans", sc.plans)):
        if items:
            parts.append("<p><b>%s</b></p>%s" % (name, _list(items, 1)))
    parts.append("</div>")
    return "".join(parts)
