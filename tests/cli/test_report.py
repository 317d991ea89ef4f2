#!/usr/bin/env python3
"""`parley report`: the HTML page, checked in a real browser and against the commands.

    python3 tests/cli/test_report.py PARLEY SOURCE_DIR [CHROMIUM]

For examples/ukraine-2025.yaml (4 parties, plans, uncertainty, conflict) and
examples/textbook.yaml (2 parties, no conflict, no uncertainty):
  - the report is written in under 10 s (issue 12 item 4);
  - the file references nothing outside itself (no src=/href= to http(s), file:
    or //, no script, link, @import or external url()), and has the
    Content-Security-Policy that forbids network access;
  - every number in a table equals, by value, a number of the JSON document of
    the command the table names (data-cmd), and the shown text is its rounding;
  - headless Chromium renders it: the DOM has every applicable section (and a
    one-line reason for each left out), as many <svg> charts as the scenario
    calls for; the screenshot (decoded here, zlib only) is not blank;
  - scenario text is HTML-escaped (a hostile title/notes/sources cannot inject
    markup);
  - bad input exits 2 and leaves no file.
Chromium is required: without it the test FAILS (CI installs it, scripts/deps.sh).
"""
import html.parser
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testlib import check, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
CHROMIUM = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else (
    os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser"))
TMP = tempfile.mkdtemp(prefix="parley-report-")
# Issue 12's bound for the Ukraine report; a sanitizer build (several times slower) sets a
# looser one through the environment (tests/CMakeLists.txt).
SECONDS = float(os.environ.get("PARLEY_REPORT_SECONDS", "10"))
SECTIONS = ["scenario", "onboard", "changes", "space", "take", "forecast", "stability"]


def run(args, timeout=120):
    return subprocess.run([PARLEY] + args, capture_output=True, text=True, timeout=timeout)


# ---- the page's structure, as html.parser reads it ------------------------------------------

class Page(html.parser.HTMLParser):
    """Sections, skip notes, figures, <svg> elements and number cells of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections, self.skips, self.figures, self.svgs = [], {}, [], 0
        self.cells = []  # (cmd, data-v, shown text)
        self.stack = []  # open elements: (tag, attrs)
        self.section = None
        self.cell = None
        self.skip = None
        self.tags = []
        self.attrs = []  # (tag, name, value) of every element
        self.styles = []  # text of <style> elements
        self.in_style = False
        self.csp = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs += [(tag, k.lower(), v) for k, v in attrs]
        self.in_style = tag == "style"
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")
        if tag == "section":
            self.section = a.get("id")
            self.sections.append(self.section)
        if tag == "figure":
            self.figures.append((self.section, a.get("data-chart")))
        if tag == "svg":
            self.svgs += 1
        if tag == "p" and "skip" in (a.get("class") or "").split():
            self.skip = ""
        if tag == "td" and "data-v" in a:
            cmd = a.get("data-cmd")
            for t, ta in reversed(self.stack):
                if cmd is None and t == "table":
                    cmd = ta.get("data-cmd")
            self.cell = [cmd, a["data-v"], ""]
        if tag not in ("meta", "br", "path", "rect", "line", "circle", "polyline", "use",
                       "polygon", "image", "stop"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "td" and self.cell is not None:
            self.cells.append(tuple(self.cell))
            self.cell = None
        if tag == "p" and self.skip is not None:
            self.skips[self.section] = self.skip
            self.skip = None

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)
            self.in_style = False
        if self.cell is not None:
            self.cell[2] += data
        if self.skip is not None:
            self.skip += data


def parse(text):
    p = Page()
    p.feed(text)
    return p


# ---- numbers -----------------------------------------------------------------------------------

def numbers(doc, out):
    if isinstance(doc, bool) or doc is None:
        return out
    if isinstance(doc, (int, float)):
        out.append(float(doc))
    elif isinstance(doc, dict):
        for v in doc.values():
            numbers(v, out)
    elif isinstance(doc, list):
        for v in doc:
            numbers(v, out)
    return out


def close(a, b):
    # the commands not yet on the library's writer print 15 significant digits
    return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))


def shown_matches(exact, text):
    """The shown text is the exact value rounded (x100 for a percentage)."""
    t = text.strip().replace("\u2212", "-")
    pct = t.endswith("%")
    t = t.rstrip("%").lstrip("+")
    try:
        shown = float(t)
    except ValueError:
        return False
    v = exact * 100 if pct else exact
    decimals = len(t.split(".")[1]) if "." in t else 0
    return abs(shown - v) <= 0.5 * 10 ** -decimals + 1e-9


def check_numbers(name, page, scenario):
    docs = {}
    unmatched, bad_shown, no_cmd = [], [], 0
    for cmd, exact, text in page.cells:
        if not cmd:
            no_cmd += 1
            continue
        if cmd not in docs:
            words = cmd.split()
            r = run([words[0], scenario] + words[1:] + ["--format", "json", "--quiet"])
            ok = r.returncode in (0, 1) and r.stdout.strip().startswith("{")
            check(f"{name}: `parley {cmd}` gives JSON", ok, r.stderr[-300:])
            docs[cmd] = sorted(numbers(json.loads(r.stdout), [])) if ok else []
        v = float(exact)
        if not any(close(v, x) for x in docs[cmd]):
            unmatched.append((cmd, exact))
        if not shown_matches(v, text):
            bad_shown.append((exact, text))
    check(f"{name}: the tables hold numbers", len(page.cells) > 20, len(page.cells))
    check(f"{name}: every number names its command", no_cmd == 0, no_cmd)
    check(f"{name}: every number equals one of its command's JSON", not unmatched,
          unmatched[:8])
    check(f"{name}: every number is shown rounded from its exact value", not bad_shown,
          bad_shown[:8])
    return len(docs)


# ---- self-containment ------------------------------------------------------------------------

REF_ATTRS = {"src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset",
             "background", "ping", "manifest", "cite", "longdesc", "codebase", "archive"}
EXTERNAL_TAGS = {"script", "link", "iframe", "frame", "object", "embed", "base", "img", "audio",
                 "video", "source", "track", "portal", "form", "applet"}
CSS_URL = re.compile(r"""url\(\s*["']?\s*(?!#|data:)|@import""", re.I)


def check_self_contained(name, text, page):
    refs = [(t, k, v) for t, k, v in page.attrs
            if k in REF_ATTRS and not (v or "").strip().startswith(("#", "data:"))]
    check(f"{name}: no src=/href= that leaves the file", not refs, refs[:5])
    tags = EXTERNAL_TAGS & set(page.tags)
    check(f"{name}: no element that loads anything (script, link, img, ...)", not tags, tags)
    css = [v for t, k, v in page.attrs if k == "style"] + page.styles
    bad = [c for c in css if CSS_URL.search(c or "")]
    check(f"{name}: no url() or @import in styles", not bad, [b[:80] for b in bad[:3]])
    csp = page.csp or ""
    check(f"{name}: Content-Security-Policy forbids the network",
          "default-src 'none'" in csp and "connect-src" not in csp and "http" not in csp, csp)
    check(f"{name}: the CSP comes first in <head>",
          0 <= text.find("Content-Security-Policy") < text.find("<style"))


# ---- the browser --------------------------------------------------------------------------

def chromium(args, timeout=60):
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--user-data-dir={TMP}/chromium-profile", "--no-first-run",
            "--disable-background-networking"]
    return subprocess.run(base + args, capture_output=True, timeout=timeout)


def png_pixels(path):
    """(width, height, rows) of an 8-bit RGB/RGBA PNG, rows as bytes; zlib only."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    w, h, depth, ctype, _, _, interlace = hdr
    assert depth == 8 and ctype in (2, 6) and not interlace, hdr
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev = [], bytes(stride)
    lo = int.from_bytes(b"\x7f" * stride, "big")
    hi = int.from_bytes(b"\x80" * stride, "big")

    def add(x, y):  # bytewise (x + y) mod 256, carries kept inside each byte
        a, b = int.from_bytes(x, "big"), int.from_bytes(y, "big")
        return (((a & lo) + (b & lo)) ^ ((a ^ b) & hi)).to_bytes(stride, "big")

    for r in range(h):
        f = raw[r * (stride + 1)]
        line = raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)]
        if f == 0:
            cur = line
        elif f == 2:
            cur = add(line, prev)
        else:
            cur = bytearray(line)
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                up = prev[i]
                if f == 1:
                    p = left
                elif f == 3:
                    p = (left + up) >> 1
                else:
                    ul = prev[i - bpp] if i >= bpp else 0
                    pa, pb, pc = abs(up - ul), abs(left - ul), abs(left + up - 2 * ul)
                    p = left if pa <= pb and pa <= pc else up if pb <= pc else ul
                cur[i] = (cur[i] + p) & 0xFF
            cur = bytes(cur)
        rows.append(cur)
        prev = cur
    return w, h, bpp, rows


def check_browser(name, path, expect_sections, expect_charts):
    shot = os.path.join(TMP, name + ".png")
    r = chromium([f"--screenshot={shot}", "--window-size=1280,4000", "file://" + path])
    check(f"{name}: chromium takes a screenshot", r.returncode == 0 and os.path.exists(shot),
          r.stderr[-400:])
    if os.path.exists(shot):
        w, h, bpp, rows = png_pixels(shot)
        white = b"\xff" * bpp
        quarters = [0, 0, 0, 0]
        inked = 0
        for y in range(0, h, 4):  # every 4th row is plenty
            row = rows[y]
            n = sum(1 for x in range(0, w * bpp, bpp * 2) if row[x:x + bpp] != white)
            inked += n
            quarters[min(3, y * 4 // h)] += n
        share = inked / ((h // 4) * (w // 2))
        check(f"{name}: the screenshot is not blank", (w, h) == (1280, 4000) and share > 0.01,
              f"{w}x{h}, {share:.2%} non-white")
        check(f"{name}: ink in every quarter of the screenshot", all(quarters), quarters)
    r = chromium(["--dump-dom", "file://" + path])
    dom = r.stdout.decode("utf-8", "replace")
    check(f"{name}: chromium dumps the DOM", r.returncode == 0 and "</html>" in dom,
          r.stderr[-400:])
    page = parse(dom)
    if name == "textbook":  # printing: one run is enough (it takes seconds)
        pdf = os.path.join(TMP, name + ".pdf")
        r = chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + path])
        data = open(pdf, "rb").read() if os.path.exists(pdf) else b""
        pages = len(re.findall(rb"/Type\s*/Page\b", data))
        check(f"{name}: chromium prints it to PDF, a page per section",
              data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and pages >= 7,
              (r.returncode, len(data), pages))
    check(f"{name}: the DOM has every section in order", page.sections == SECTIONS,
          page.sections)
    for s in SECTIONS:
        applies = s in expect_sections
        check(f"{name}: section {s} {'shown' if applies else 'left out with a reason'}",
              (s not in page.skips) if applies else bool(page.skips.get(s, "").strip()),
              page.skips.get(s))
    check(f"{name}: {expect_charts} <svg> charts in the DOM",
          page.svgs == expect_charts and len(page.figures) == expect_charts,
          f"{page.svgs} svg, {len(page.figures)} figures")
    return page


def expected_charts(scenario):
    """The charts the scenario calls for: one on-board chart of every plan version, one
    change chart per version based on another, one utility-space chart (a matrix of
    pairwise projections for more than two parties), one mediation chart when there is a
    plan, one forecast chart (a panel per issue) when options carry positions, one
    stability chart with a conflict: section."""
    check_doc = json.loads(run(["check", scenario, "--format", "json"]).stdout)
    plans = check_doc["plans"]
    n = 0
    if plans:
        n += 1 + sum(1 for p in plans if p.get("based_on")) + 1  # onboard, diffs, mediate
    n += 1  # frontier
    if run(["forecast", scenario, "--quiet"]).returncode == 0:
        n += 1
    if run(["stability", scenario, "--quiet"]).returncode == 0:
        n += 1
    return n


def report_case(name, rel, sections):
    scenario = os.path.join(SRC, rel)
    out = os.path.join(TMP, name + ".html")
    t0 = time.monotonic()
    r = run(["report", scenario, "-o", out, "--quiet"])
    took = time.monotonic() - t0
    check(f"{name}: report exits 0", r.returncode == 0, r.stderr)
    check(f"{name}: report takes under {SECONDS:g} s", took < SECONDS, f"{took:.2f} s")
    print(f"{name}: report written in {took:.2f} s")
    if r.returncode:
        return None
    text = open(out, encoding="utf-8").read()
    page = parse(text)
    check_self_contained(name, text, page)
    n = check_numbers(name, page, scenario)
    print(f"{name}: {len(page.cells)} numbers checked against {n} commands")
    check_browser(name, out, sections, expected_charts(scenario))
    # the library's string and the command's file are the same document
    r2 = run(["report", scenario, "--quiet"])
    check(f"{name}: standard output and -o FILE agree", r2.stdout == text)
    return text


# ---- escaping, bad input -----------------------------------------------------------------------

HOSTILE = """title: "<script>alert(1)</script> & <b>bold</b>"
description: "a \\"quoted\\" <i>x</i> 'single'"
notes: "<img src=http://example.com/x.png>"
sources:
  - "<a href=\\"http://evil.example/\\">click</a>"
parties:
  - {id: "A<i>", name: "<u>A</u>", walk_away: 0.2}
  - {id: B, name: B, walk_away: 0.2}
issues:
  - id: x
    name: "<svg onload=alert(1)>"
    options: [{id: lo, position: 0}, {id: hi, position: 100}]
  - id: y
    options: [{id: p, position: 0}, {id: q, position: 100}]
preferences:
  "A<i>": {weights: {x: 0.5, y: 0.5}, values: {x: {lo: 1, hi: 0}, y: {p: 1, q: 0}}}
  B: {weights: {x: 0.5, y: 0.5}, values: {x: {lo: 0, hi: 1}, y: {p: 0, q: 1}}}
plans:
  - id: "<b>v1</b>&amp;"
    name: "<script>x</script>"
    points:
      - {id: "1", text: "<b>point</b> & more", sets: {x: lo}}
"""


def check_escaping():
    path = os.path.join(TMP, "hostile.yaml")
    open(path, "w").write(HOSTILE)
    out = os.path.join(TMP, "hostile.html")
    r = run(["report", path, "-o", out, "--quiet"])
    check("hostile: report exits 0", r.returncode == 0, r.stderr)
    if r.returncode:
        return
    text = open(out, encoding="utf-8").read()
    page = parse(text)
    check("hostile: no element from scenario text",
          not {"script", "b", "i", "u", "img"} & set(page.tags), set(page.tags))
    handlers = [(t, k) for t, k, v in page.attrs if k.startswith("on")]
    check("hostile: no event-handler attribute", not handlers, handlers)
    check("hostile: the text is shown escaped",
          "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
          and "A&lt;i&gt;" in text and "&lt;b&gt;v1&lt;/b&gt;&amp;amp;" in text)
    check("hostile: the charts are drawn (their text escaped too)", "<svg" in text)
    check_self_contained("hostile", text, page)


def check_bad_input():
    cases = {
        "missing file": ["report", os.path.join(TMP, "nope.yaml")],
        "bad yaml": ["report", "BAD"],
        "unknown plan": ["report", os.path.join(SRC, "examples/textbook.yaml"), "--plan", "zz"],
        "json format": ["report", os.path.join(SRC, "examples/textbook.yaml"), "--format", "json"],
        "bad runs": ["report", os.path.join(SRC, "examples/textbook.yaml"), "--runs", "0"],
        "bad conflict": ["report", "BADCONFLICT"],
    }
    bad = os.path.join(TMP, "bad.yaml")
    open(bad, "w").write("parties: [{id: A}\nissues: :\n")
    badc = os.path.join(TMP, "badconflict.yaml")
    ok = open(os.path.join(SRC, "examples/textbook.yaml")).read()
    open(badc, "w").write(ok + "conflict:\n  name: x\n  decision_makers: 3\n")
    for name, args in cases.items():
        args = [bad if a == "BAD" else badc if a == "BADCONFLICT" else a for a in args]
        out = os.path.join(TMP, "bad-" + name.replace(" ", "-") + ".html")
        r = run(args + ["-o", out])
        check(f"bad input ({name}): exit 2", r.returncode == 2, (r.returncode, r.stderr))
        check(f"bad input ({name}): a message", r.stderr.startswith("parley"), r.stderr)
        check(f"bad input ({name}): no file left", not os.path.exists(out))
    left = [f for f in os.listdir(TMP) if f.startswith("bad-") or ".tmp" in f]
    check("bad input: no temporary file left", not left, left)


def main():
    check("chromium is installed (scripts/deps.sh installs it)",
          bool(CHROMIUM) and os.access(CHROMIUM or "", os.X_OK), CHROMIUM)
    if not CHROMIUM:
        finish("test_report: ")
    report_case("ukraine", "examples/ukraine-2025.yaml", set(SECTIONS))
    report_case("textbook", "examples/textbook.yaml", set(SECTIONS) - {"stability"})
    check_escaping()
    check_bad_input()
    shutil.rmtree(TMP, ignore_errors=True)
    finish("test_report: ")


main()
