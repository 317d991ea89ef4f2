"""`parley plot`: every kind, in all three formats, from the Ukraine and textbook
scenarios, a GENIUS domain, a KTAB input and a GMCR+ case, checked as files a
person would open:
  - SVG: parsed by libxml2 (through ctypes), nothing referenced outside the
    file, and the chart's texts (title, legend entries = series, categories)
    found as <text> elements the expected number of times;
  - PNG: signature, the page size in the IHDR (inches x 200 dpi), decoded by
    libpng and not blank (ink on a white page);
  - PDF: signature, rendered by pdftoppm to a PNG that is not blank.
Bad input exits 2 with a message and leaves no file (nor a temporary one).

usage: python3 test_plot.py PARLEY SOURCE_DIR
"""
import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

from testlib import check, finish

PARLEY, SRC = sys.argv[1], sys.argv[2]
UKRAINE = os.path.join(SRC, "examples", "ukraine-2025.yaml")
TEXTBOOK = os.path.join(SRC, "examples", "textbook.yaml")
GENIUS = os.path.join(SRC, "data", "genius", "domains", "CarB")
KTAB = os.path.join(SRC, "data", "forecast", "ktab", "dummyData_3Dim.csv")
GMCR = os.path.join(SRC, "data", "gmcr", "cases", "prisoners_dilemma.json")
TMP = tempfile.mkdtemp(prefix="parley-plot-test-")
ENV = dict(os.environ, TMPDIR=TMP)  # PLplot's temporary files go here: none may stay

# ---- libxml2 and libpng, through ctypes -------------------------------------


class XPathObject(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("nodesetval", ctypes.c_void_p),
                ("boolval", ctypes.c_int), ("floatval", ctypes.c_double)]


xml = ctypes.CDLL(ctypes.util.find_library("xml2") or "libxml2.so.2")
xml.xmlReadFile.restype = ctypes.c_void_p
xml.xmlReadFile.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
xml.xmlXPathNewContext.restype = ctypes.c_void_p
xml.xmlXPathNewContext.argtypes = [ctypes.c_void_p]
xml.xmlXPathEvalExpression.restype = ctypes.POINTER(XPathObject)
xml.xmlXPathEvalExpression.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
xml.xmlXPathFreeObject.argtypes = [ctypes.POINTER(XPathObject)]
xml.xmlXPathFreeContext.argtypes = [ctypes.c_void_p]
xml.xmlFreeDoc.argtypes = [ctypes.c_void_p]
XML_PARSE_NONET, XML_PARSE_NOERROR, XML_PARSE_NOWARNING = 2048, 32, 64


def svg_texts(path, labels):
    """Parses the SVG with libxml2; returns (ok, total <text> count, {label: count})."""
    doc = xml.xmlReadFile(path.encode(), None,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
    if not doc:
        return False, 0, {}
    ctx = xml.xmlXPathNewContext(doc)

    def count(expr):
        obj = xml.xmlXPathEvalExpression(expr.encode(), ctx)
        n = int(obj.contents.floatval) if obj else -1
        xml.xmlXPathFreeObject(obj)
        return n

    total = count("count(//*[local-name()='text'])")
    found = {}
    for label in labels:
        quoted = "'" + label + "'" if "'" not in label else '"' + label + '"'
        found[label] = count(f"count(//*[local-name()='text'][normalize-space(.)={quoted}])")
    root_is_svg = count("count(/*[local-name()='svg'])") == 1
    xml.xmlXPathFreeContext(ctx)
    xml.xmlFreeDoc(doc)
    return root_is_svg, total, found


class PngImage(ctypes.Structure):
    _fields_ = [("opaque", ctypes.c_void_p), ("version", ctypes.c_uint32),
                ("width", ctypes.c_uint32), ("height", ctypes.c_uint32),
                ("format", ctypes.c_uint32), ("flags", ctypes.c_uint32),
                ("colormap_entries", ctypes.c_uint32), ("warning_or_error", ctypes.c_uint32),
                ("message", ctypes.c_char * 64)]


png = ctypes.CDLL(ctypes.util.find_library("png16") or "libpng16.so.16")
png.png_image_begin_read_from_file.argtypes = [ctypes.POINTER(PngImage), ctypes.c_char_p]
png.png_image_finish_read.argtypes = [ctypes.POINTER(PngImage), ctypes.c_void_p, ctypes.c_void_p,
                                      ctypes.c_int32, ctypes.c_void_p]
png.png_image_free.argtypes = [ctypes.POINTER(PngImage)]
PNG_FORMAT_GRAY = 0


def png_ink(path):
    """Decodes the PNG with libpng as 8-bit grey; returns (width, height, share of
    pixels darker than near-white) or None when it does not decode."""
    img = PngImage(version=1)
    if not png.png_image_begin_read_from_file(ctypes.byref(img), path.encode()):
        return None
    img.format = PNG_FORMAT_GRAY
    buf = ctypes.create_string_buffer(img.width * img.height)
    if not png.png_image_finish_read(ctypes.byref(img), None, buf, 0, None):
        png.png_image_free(ctypes.byref(img))
        return None
    data = buf.raw
    light = sum(data.count(bytes([v])) for v in range(240, 256))
    return img.width, img.height, 1.0 - light / len(data)


# ---- running ------------------------------------------------------------------


def run(*args):
    p = subprocess.run([PARLEY, "plot", *args], capture_output=True, text=True, env=ENV)
    return p.returncode, p.stderr


def ink_ok(name, ink):
    check(f"{name}: decodes", ink is not None)
    if ink:
        # a white page with a drawing on it: some ink, but mostly background
        check(f"{name}: not blank", 0.01 < ink[2] < 0.6, f"ink share {ink[2]:.4f}")


def plot_case(name, kind, args, width, height, labels):
    """Plots kind in the three formats; labels: {text: times it must appear}; the
    page is width x height inches (height None: grows with the data, not checked)."""
    for ext in ("svg", "png", "pdf"):
        out = os.path.join(TMP, f"{name}.{ext}")
        rc, err = run(kind, *args, "-o", out, "--quiet")
        check(f"{name}.{ext}: exit 0", rc == 0, err)
        if rc != 0 or not os.path.exists(out):
            check(f"{name}.{ext}: written", False)
            continue
        data = open(out, "rb").read()
        if ext == "svg":
            ok, total, found = svg_texts(out, labels)
            check(f"{name}.svg: libxml2 parses an <svg>", ok)
            text = data.decode()
            refs = re.findall(r'(?:href\s*=\s*["\']|url\()\s*([^"\')]*)', text)
            check(f"{name}.svg: no external reference",
                  "DOCTYPE" not in text and all(r.startswith("#") for r in refs),
                  str([r for r in refs if not r.startswith("#")][:3]))
            for label, times in labels.items():
                check(f"{name}.svg: '{label}' x{times}", found.get(label) == times,
                      f"found {found.get(label)}")
            check(f"{name}.svg: texts beyond the labels (tick numbers)",
                  total > sum(labels.values()), f"{total} texts")
        elif ext == "png":
            check(f"{name}.png: signature", data[:8] == b"\x89PNG\r\n\x1a\n")
            w = int.from_bytes(data[16:20], "big")
            h = int.from_bytes(data[20:24], "big")
            check(f"{name}.png: {width}x{height} in at 200 dpi",
                  w == round(width * 200) and (height is None or h == round(height * 200)),
                  f"{w}x{h}")
            ink = png_ink(out)
            ink_ok(f"{name}.png", ink)
            if ink:
                check(f"{name}.png: libpng size", ink[:2] == (w, h), f"{ink[:2]}")
        else:
            check(f"{name}.pdf: signature", data[:5] == b"%PDF-")
            check(f"{name}.pdf: complete", b"%%EOF" in data[-64:])
            prefix = os.path.join(TMP, f"{name}-pdf")
            p = subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", out, prefix],
                               capture_output=True, text=True)
            check(f"{name}.pdf: pdftoppm renders it", p.returncode == 0, p.stderr)
            if p.returncode == 0:
                ink = png_ink(prefix + ".png")
                ink_ok(f"{name}.pdf", ink)
                if ink:
                    check(f"{name}.pdf: page {width}x{height} in",
                          abs(ink[0] - width * 40) <= 1 and
                          (height is None or abs(ink[1] - height * 40) <= 1), f"{ink[:2]}")


UA4 = ["UA", "RU", "US", "EU"]


def per(labels, times=1):
    return {label: times for label in labels}


# Ukraine: 4 parties, 3 plan versions, 5 stances; a conflict; uncertainty.
plot_case("ukraine-onboard", "onboard", [UKRAINE], 10.5, 4.5, {
    "Who is on board": 1, "us28 (2025-11-20)": 1, "eu-counter (2025-11-23)": 1,
    "framework20 (2025-12-24)": 1, "walk-away": 1, **per(UA4, 2)})
plot_case("ukraine-diff", "diff", [UKRAINE, "--plan", "us28", "--plan", "eu-counter"], 7.0, None, {"What changed from us28 to eu-counter": 1, **per(UA4)})
plot_case("ukraine-frontier", "frontier", [UKRAINE], 11.0, 6.0, {
    "The space of deals": 1, "Nash": 1, "Kalai (egalitarian)": 1, "Kalai-Smorodinsky": 1,
    "max welfare": 1, "plan versions": 1, "walk-aways": 1, "UA and RU": 1, "US and EU": 1,
    "us28": 6, "utility of UA (0-1 scale)": 3})
plot_case("ukraine-mediate", "mediate", [UKRAINE, "--plan", "framework20"], 7.0, 4.5, {
    "Mediation from framework20": 1, "target package (Nash)": 1, "walk-aways": 1,
    "start": 1, **per(UA4, 2)})
plot_case("ukraine-forecast", "forecast", [UKRAINE, "--runs", "20"], 11.8, 8.4, {
    "Monte Carlo 5-95% of forecasts": 1, "smp forecast": 1, "eum forecast": 1,
    "compromise forecast": 1, "median forecast": 1, "recognition": 1, "sanctions": 1,
    **per(UA4)})
plot_case("ukraine-trace", "trace", [UKRAINE, "--information", "full", "--agent", "RU=hardliner"],
          10.0, 4.5, {"offers by UA (boulware)": 1, "offers by RU (hardliner)": 1,
                      "Nash": 1, "Offers in utility space": 1})
plot_case("ukraine-stability", "stability", [UKRAINE], 10.0, 7.8, {
    "stable for RU": 1, "stable for UA": 1, "stable for US": 1, "stable for EU": 1,
    "equilibrium (stable for all)": 1, "status quo": 1, "1 YNYNNNN": 1, "32 NYNYYYY": 1})
# textbook: 2 parties A and B, 3 plans, one plot of the frontier
plot_case("textbook-onboard", "onboard", [TEXTBOOK, "--plan", "draft1", "--plan", "draft2"],
          10.5, 4.5, {"draft1 (2025-11-20)": 1, "draft2 (2025-11-25)": 1, "A": 2, "B": 2})
plot_case("textbook-diff", "diff", [TEXTBOOK], 7.0, 4.5, {"A": 1, "B": 1})
plot_case("textbook-frontier", "frontier", [TEXTBOOK], 7.0, 4.5, {
    "Pareto frontier (5 points)": 1, "Nash": 1, "draft1": 1, "draft2": 1,
    "utility of A (0-1 scale)": 1, "utility of B (0-1 scale)": 1})
plot_case("textbook-mediate", "mediate", [TEXTBOOK, "--concept", "ks"], 7.0, 4.5, {
    "target package (Kalai-Smorodinsky)": 1, "A": 2, "B": 2})
plot_case("textbook-forecast", "forecast", [TEXTBOOK, "--model", "compromise"], 8.6, 4.0, {"compromise forecast": 1, "median forecast": 1, "eum forecast": 1,
                          "A": 1, "B": 1})
plot_case("textbook-trace", "trace", [TEXTBOOK, "--agent", "conceder", "--steps", "60"], 10.0,
          4.5, {"offers by A (conceder)": 1, "offers by B (boulware)": 1})
# a GENIUS domain (frontier, trace), a KTAB input (forecast), a GMCR+ case
plot_case("genius-frontier", "frontier", [GENIUS], 7.0, 4.5, {
    "Pareto frontier (49 points)": 1, "utility of Car-B-prof1 (0-1 scale)": 1, "Nash": 1})
plot_case("genius-trace", "trace", [GENIUS, "--information", "full"], 10.0, 4.5, {
    "offers by Car-B-prof1 (boulware)": 1, "offers by Car-B-prof2 (boulware)": 1})
plot_case("ktab-forecast", "forecast", ["--ktab", KTAB], 8.6, 5.8, {
    "smp forecast": 1, "eum forecast": 1, "compromise forecast": 1, "median forecast": 1})
plot_case("gmcr-stability", "stability", [GMCR], 7.0, 5.4, {
    "equilibrium (stable for all)": 1})

# 160 actors: grey unnamed lines, and no EUM beside (cubic in the actors), said on stderr
big = os.path.join(TMP, "a160.svg")
rc, err = run("forecast", "--ktab", os.path.join(SRC, "data", "forecast", "ktab",
                                                  "dummyData-a160.csv"), "-o", big)
ok, _, found = svg_texts(big, ["actors (160)", "eum forecast", "median forecast"]) if rc == 0 \
    else (False, 0, {})
check("160 actors: one legend entry for them, median beside, no EUM",
      rc == 0 and ok and found == {"actors (160)": 1, "eum forecast": 0, "median forecast": 1},
      f"{rc} {found}")
check("160 actors: says EUM is left out", "EUM forecast is left out" in err, err)

# ---- bad input: exit 2, a message, no file ---------------------------------------


def refused(name, args, code=2, message=""):
    out = os.path.join(TMP, "refused", name)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    before = set(os.listdir(TMP))
    rc, err = run(*[out if a == "OUT" else a for a in args])
    check(f"refused {name}: exit {code}", rc == code, f"exit {rc}: {err}")
    check(f"refused {name}: says why", err.startswith("parley") and message in err, err)
    check(f"refused {name}: no file", not os.listdir(os.path.dirname(out)),
          str(os.listdir(os.path.dirname(out))))
    check(f"refused {name}: no temporary file", set(os.listdir(TMP)) == before,
          str(set(os.listdir(TMP)) - before))


bad_yaml = os.path.join(TMP, "bad.yaml")
with open(bad_yaml, "w") as f:
    f.write("parties:\n  - id: A\n    walk_away: [1\n")
refused("kind.svg", ["pie", TEXTBOOK, "-o", "OUT"], message="unknown kind 'pie'")
refused("format.jpg", ["frontier", TEXTBOOK, "-o", "OUT"], message=".svg, .png or .pdf")
refused("no-conflict.svg", ["stability", TEXTBOOK, "-o", "OUT"], message="conflict")
refused("bad-yaml.png", ["onboard", bad_yaml, "-o", "OUT"], message="bad.yaml")
refused("no-plan.pdf", ["mediate", TEXTBOOK, "--plan", "nosuch", "-o", "OUT"],
        message="no plan 'nosuch'")
refused("bad-concept.svg", ["mediate", TEXTBOOK, "--concept", "x", "-o", "OUT"],
        message="--concept")
refused("bad-agent.svg", ["trace", TEXTBOOK, "--agent", "A=nosuch", "-o", "OUT"])
refused("bad-ktab.svg", ["forecast", "--ktab", bad_yaml, "-o", "OUT"])
refused("no-output", ["frontier", TEXTBOOK], message="-o")
refused("stray-option.svg", ["frontier", TEXTBOOK, "--plan", "draft1", "-o", "OUT"],
        message="--plan does not apply to plot frontier")
refused("ktab-and-file.svg", ["forecast", TEXTBOOK, "--ktab", KTAB, "-o", "OUT"],
        message="FILE or --ktab")
refused("json.svg", ["frontier", TEXTBOOK, "--format", "json", "-o", "OUT"],
        message="extension")
# an existing file is left as it was when the plot fails
keep = os.path.join(TMP, "keep.svg")
with open(keep, "w") as f:
    f.write("old")
rc, _ = run("stability", TEXTBOOK, "-o", keep)
check("failed plot keeps the old file", rc == 2 and open(keep).read() == "old")
# an unwritable target: exit 4, nothing left
rc, err = run("frontier", TEXTBOOK, "-o", os.path.join(TMP, "no", "such", "dir.svg"))
check("missing directory: exit 4", rc == 4, f"{rc} {err}")
check("no PLplot temporary file stays", not [n for n in os.listdir(TMP)
                                             if n.startswith("parley-chart-")])

shutil.rmtree(TMP)
finish("plot: ")
