#!/usr/bin/env python3
"""What-ifs end to end: the overrides every scenario command takes (--set,
--weight, --walk-away, --power), `parley sensitivity`, `parley score --runs`.
Values are checked against hand-computed ones on examples/textbook.yaml.

usage: test_whatif.py PARLEY SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testlib import check, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
TEXTBOOK = os.path.join(SRC, "examples", "textbook.yaml")
UKR = os.path.join(SRC, "examples", "ukraine-2025.yaml")
GENIUS = os.path.join(SRC, "data", "genius", "domains")


def run(*args):
    p = subprocess.run([PARLEY, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def score(*args, plan="draft2", file=TEXTBOOK):
    rc, out, err = run("score", file, "--plan", plan, "--format", "json", *args)
    check(f"score {' '.join(args)} runs", rc == 0, err)
    return json.loads(out) if rc == 0 else None


def close(a, b, tol=1e-12):
    return abs(a - b) <= tol


# -- overrides: values ------------------------------------------------------
# draft2 settles border=current-line, sanctions=staged, troops=10000:
# A = .5*.4 + .3*.5 + .2*.5 = .45, B = .6*.7 + .3*.6 + .1*.5 = .65.
j = score()
check("no override: utilities", close(j["utilities"]["A"], 0.45) and
      close(j["utilities"]["B"], 0.65), j["utilities"])
check("no override: overrides []", j["overrides"] == [], j["overrides"])

# --weight replaces the weight as written and normalises: (1, .3, .2) / 1.5
j = score("--weight", "A.border=1")
check("--weight A.border=1", close(j["utilities"]["A"], (0.4 + 0.15 + 0.1) / 1.5),
      j["utilities"])
check("--weight leaves B", close(j["utilities"]["B"], 0.65), j["utilities"])
check("--weight echoed", j["overrides"] == [{"option": "--weight", "argument": "A.border=1"}],
      j["overrides"])

# --set: sanctions kept instead of staged
j = score("--set", "sanctions=keep")
check("--set sanctions=keep", close(j["utilities"]["A"], 0.6) and
      close(j["utilities"]["B"], 0.47), j["utilities"])
# an issue the plan leaves open: a point "(set troops)" settles it
j = score("--set", "troops=20000", plan="framework")
check("--set on an open issue", "troops" not in j["open_issues"] and
      any(p["id"] == "(set troops)" and p["sets"] == {"troops": "20000"} for p in j["points"]),
      j)
# a range's option by its number, written another way
j2 = score("--set", "troops=2e4", plan="framework")
check("--set troops=2e4 is 20000", j2["utilities"] == j["utilities"], (j2, j))

# --walk-away: B's .65 is below .7
j = score("--walk-away", "B=0.7")
b = [p for p in j["parties"] if p["id"] == "B"][0]
check("--walk-away B=0.7", b["walk_away"] == 0.7 and b["above_walk_away"] is False, b)
# applied in order: the later one wins
j = score("--walk-away", "B=0.7", "--walk-away", "B=0.6")
b = [p for p in j["parties"] if p["id"] == "B"][0]
check("later --walk-away wins", b["walk_away"] == 0.6 and b["above_walk_away"] is True, b)
check("both echoed in order", [o["argument"] for o in j["overrides"]] == ["B=0.7", "B=0.6"],
      j["overrides"])

# text: one header line
rc, out, err = run("score", TEXTBOOK, "--walk-away", "B=0.7", "--set", "sanctions=keep")
check("text header", out.startswith("Overrides: --walk-away B=0.7, --set sanctions=keep\nPlan "),
      out[:200])
rc, out, err = run("score", TEXTBOOK)
check("no header without overrides", out.startswith("Plan "), out[:100])

# --power reaches the forecast (capabilities): A's power 60 -> 1e6 moves the
# border toward A's ideal (position 0)
rc, out1, err = run("forecast", TEXTBOOK, "--format", "json")
rc2, out2, err2 = run("forecast", TEXTBOOK, "--format", "json", "--power", "A=1000000")
check("forecast --power runs", rc == 0 and rc2 == 0, err + err2)
if rc == 0 and rc2 == 0:
    e1, e2 = json.loads(out1), json.loads(out2)
    check("--power A=1e6 moves the forecast toward A", json.dumps(e1) != json.dumps(e2), out2[:300])

# -- overrides: errors, as the file's (exit 2, the option named, no stdout) --
BAD = [
    (["--weight", "C.border=0.3"], "parley: --weight C.border=0.3: unknown party 'C'"),
    (["--weight", "A.bord=0.3"], "parley: --weight A.bord=0.3: unknown issue 'bord'"),
    (["--weight", "A.border=-1"], "parley: --weight A.border=-1: weight must be >= 0, not -1"),
    (["--weight", "A.border=nan"],
     "parley: --weight A.border=nan: must be a finite number, not 'nan'"),
    (["--weight", "A.border=x"], "parley: --weight A.border=x: expected a number, found 'x'"),
    (["--weight", "A.border"], "parley: --weight A.border: expected PARTY.ISSUE=WEIGHT"),
    (["--weight", "B.border=0", "--weight", "B.sanctions=0", "--weight", "B.troops=0"],
     "parley: --weight B.troops=0: weights of party 'B' would all be zero"),
    (["--set", "sanctions=never"],
     "parley: --set sanctions=never: 'never' is not an option of issue 'sanctions'"),
    (["--set", "troops=15000"],
     "parley: --set troops=15000: '15000' is not an option of issue 'troops'"),
    (["--set", "nope=keep"], "parley: --set nope=keep: unknown issue 'nope'"),
    (["--walk-away", "B=1.5"], "parley: --walk-away B=1.5: walk_away must be in [0, 1], not 1.5"),
    (["--walk-away", "B=inf"], "parley: --walk-away B=inf: must be a finite number, not 'inf'"),
    (["--walk-away", "Z=0.5"], "parley: --walk-away Z=0.5: unknown party 'Z'"),
    (["--power", "A=-2"], "parley: --power A=-2: power must be >= 0, not -2"),
]
for args, msg in BAD:
    for cmd in (["score", TEXTBOOK], ["check", TEXTBOOK], ["frontier", TEXTBOOK]):
        rc, out, err = run(*cmd, *args)
        check(f"{cmd[0]} {' '.join(args)}: exit 2, message", rc == 2 and err.strip() == msg,
              f"{rc} {err!r}")
        check(f"{cmd[0]} {' '.join(args)}: no output", out == "", out[:100])
rc, out, err = run("score", TEXTBOOK, "--walk-away")
check("--walk-away without a value", rc == 2 and "--walk-away needs a value" in err, err)

# -- every command that reads a scenario takes them ---------------------------
with tempfile.TemporaryDirectory() as tmp:
    COMMANDS = [
        ["check", TEXTBOOK], ["score", TEXTBOOK], ["diff", TEXTBOOK, "draft1", "draft2"],
        ["stances", TEXTBOOK], ["concede", TEXTBOOK, "--plan", "draft1", "--for", "A"],
        ["mediate", TEXTBOOK, "--plan", "draft1"], ["fit", TEXTBOOK, "--party", "A"],
        ["frontier", TEXTBOOK], ["solve", TEXTBOOK, "--concept", "nash"],
        ["forecast", TEXTBOOK],
        ["negotiate", TEXTBOOK, "--agent", "A=boulware", "--agent", "B=conceder"],
        ["tournament", TEXTBOOK, "--agents", "boulware,conceder", "--reps", "1"],
        ["sensitivity", TEXTBOOK, "--plan", "draft2"],
    ]
    for cmd in COMMANDS:
        rc, out, err = run(*cmd, "--walk-away", "A=0.35", "--quiet")
        check(f"{cmd[0]} --walk-away: runs", rc in (0, 1), f"{rc} {err!r}")
        check(f"{cmd[0]} --walk-away: header", out.startswith("Overrides: --walk-away A=0.35\n"),
              out[:200])
        rc, out, err = run(*cmd, "--walk-away", "A=7")
        check(f"{cmd[0]} --walk-away A=7: exit 2", rc == 2 and "--walk-away A=7: walk_away must"
              in err, f"{rc} {err!r}")
        check(f"{cmd[0]} --walk-away A=7: no output", out == "", out[:100])
    # convert writes the overridden scenario: A's reservation value
    rc, out, err = run("convert", TEXTBOOK, "--drop-rules", "-o", os.path.join(tmp, "g"),
                       "--walk-away", "A=0.35", "--quiet")
    xml = open(os.path.join(tmp, "g", "profile-01-A.xml")).read() if rc == 0 else ""
    check("convert --walk-away: the reservation value", '<reservation value="0.35"/>' in xml,
          f"{rc} {err!r} {xml[:300]}")
    # ... and no header line in the data file
    rc, out, err = run("convert", TEXTBOOK, "--drop-rules", "-o", os.path.join(tmp, "g2"),
                       "--walk-away", "A=0.35", "--quiet")
    dom = open(os.path.join(tmp, "g2", "domain.xml")).read() if rc == 0 else ""
    check("convert: no Overrides line in a data file", dom.startswith("<?xml"), dom[:100])

# not a parley scenario: refused
folder = os.path.join(GENIUS, "CarB")
for cmd in (["frontier", folder], ["negotiate", folder, "--agent", "A=boulware"],
            ["convert", folder, "-o", os.devnull]):
    rc, out, err = run(*cmd, "--power", "A=2")
    check(f"{cmd[0]} GENIUS + --power: exit 2", rc == 2 and
          "what-ifs apply to a parley YAML scenario, not a GENIUS domain" in err, f"{rc} {err!r}")
rc, out, err = run("stability", TEXTBOOK, "--set", "sanctions=keep")
check("stability has no what-ifs", rc == 2 and "unknown option '--set'" in err, err)
rc, out, err = run("score", "--help")
check("score --help lists the what-ifs", all(o in out for o in
      ("--set ISSUE=OPTION", "--weight PARTY.ISSUE=W", "--walk-away PARTY=V", "--power PARTY=V")),
      out)

# -- sensitivity: hand-computed on the textbook ------------------------------
# draft2, walk-aways A .42 and B .66. A's values: border .4, sanctions .5,
# troops .5; with border's raw weight t, U = (.4t + .25) / (t + .5) >= .42
# iff t <= 2. B's values .7, .6, .5: border t >= .85 ((.23 + .7t)/(.4 + t)),
# sanctions t <= .008/.06 = 2/15, troops t <= .006/.16 = .0375, walk-away <= .65.
def sens(*args, file=TEXTBOOK, plan="draft2"):
    rc, out, err = run("sensitivity", file, "--plan", plan, "--format", "json", *args)
    check(f"sensitivity {plan} {' '.join(args)} runs", rc == 0, err)
    return json.loads(out) if rc == 0 else None


def rows(j):
    return {(p["id"], n["number"], n["issue"]): n for p in j["parties"] for n in p["numbers"]}


j = sens("--walk-away", "A=0.42", "--walk-away", "B=0.66")
r = rows(j)
EXPECT = {  # (party, number, issue): (lower, upper, flip, change)
    ("A", "weight", "border"): (0, 2, 2, 1.5),
    ("A", "weight", "sanctions"): (0, None, None, None),
    ("A", "walk_away", None): (0, 0.45, 0.45, 0.03),
    ("B", "weight", "border"): (0.85, None, 0.85, 0.25),
    ("B", "weight", "sanctions"): (0, 2 / 15, 2 / 15, 2 / 15 - 0.3),
    ("B", "weight", "troops"): (0, 0.0375, 0.0375, 0.0375 - 0.1),
    ("B", "walk_away", None): (0, 0.65, 0.65, -0.01),
}
for key, want in EXPECT.items():
    got = tuple(r[key][f] for f in ("lower", "upper", "flip", "change"))
    ok = all((g is None and w is None) or (g is not None and w is not None and close(g, w, 1e-12))
             for g, w in zip(got, want))
    check(f"sensitivity {key}", ok, f"{got} != {want}")
check("sensitivity: overrides echoed", j["overrides"][0] == {"option": "--walk-away",
                                                             "argument": "A=0.42"}, j["overrides"])
check("sensitivity: A above, B below", j["parties"][0]["above_walk_away"] is True and
      j["parties"][1]["above_walk_away"] is False, j["parties"])
# draft1: A is at 0 (the rule's -0.2) whatever its weights: never above
r = rows(sens(plan="draft1"))
check("sensitivity: never above", all(r[("A", "weight", i)]["lower"] is None and
                                      r[("A", "weight", i)]["flip"] is None
                                      for i in ("border", "sanctions", "troops")), r)
rc, out, err = run("sensitivity", TEXTBOOK, "--plan", "draft2", "--format", "csv")
lines = out.splitlines()
check("sensitivity CSV header", lines[0] == "party,number,issue,value,utility,walk_away,"
      "above_walk_away,lower,upper,flip,change", lines[:1])
f = lines[4].split(",") if len(lines) > 4 else []
check("sensitivity CSV rows", len(lines) == 1 + 2 * 4 and f[:4] == ["A", "walk_away", "", "0.4"]
      and close(float(f[4]), 0.45) and f[6:8] == ["true", "0"] and close(float(f[8]), 0.45) and
      lines[1].endswith(",true,0,,,"), lines)
rc, out, err = run("sensitivity", TEXTBOOK, "--plan", "nope")
check("sensitivity unknown plan", rc == 2 and "no plan 'nope'" in err, err)


# -- sensitivity: every bound flips `above` when re-scored (Ukraine) -----------
def above(party, *args, plan):
    j = score(*args, plan=plan, file=UKR)
    return [p for p in j["parties"] if p["id"] == party][0]["above_walk_away"]


def probe(t):
    return f"{t:.17g}"


flips = 0
for plan in ("us28", "framework20"):
    j = sens(file=UKR, plan=plan)
    for p in j["parties"]:
        for n in p["numbers"]:
            opt = "--weight" if n["number"] == "weight" else "--walk-away"
            target = f"{p['id']}.{n['issue']}" if n["issue"] else p["id"]
            top = None if n["number"] == "weight" else 1.0
            lo, hi = n["lower"], n["upper"]
            for b, inward in ((lo, +1), (hi, -1)):
                if b is None or b <= 0 or (top is not None and b >= top):
                    continue  # an end of the domain, or no bound
                d = 1e-7 * max(b, 1e-3)
                inside = above(p["id"], opt, f"{target}={probe(b + inward * d)}", plan=plan)
                outside = above(p["id"], opt, f"{target}={probe(b - inward * d)}", plan=plan)
                check(f"{plan} {opt} {target}: just inside {b} is above", inside is True, n)
                check(f"{plan} {opt} {target}: just outside {b} is below", outside is False, n)
                flips += 1
            if lo is None:  # never above: not at 0, now, or 100 times now
                for t in (0.0, n["value"], 100 * n["value"] + 1):
                    if n["number"] == "weight" and t > 0 or n["number"] == "walk_away" and t <= 1:
                        check(f"{plan} {target} never above at {t}",
                              above(p["id"], opt, f"{target}={probe(t)}", plan=plan) is False, n)
check("the Ukraine plans have weights that flip parties", flips >= 8, flips)

# -- score --runs: deterministic for a seed whatever --threads ------------------
outs = {}
for t in ("1", "2", "3"):
    rc, out, err = run("score", UKR, "--runs", "400", "--seed", "9", "--threads", t,
                       "--format", "json")
    check(f"score --runs --threads {t}", rc == 0, err)
    outs[t] = out
check("score --runs: same document for --threads 1, 2, 3",
      outs["1"] == outs["2"] == outs["3"] and outs["1"], outs["1"][:200])
rc, other, err = run("score", UKR, "--runs", "400", "--seed", "10", "--format", "json")
check("score --runs: another seed, other runs", other != outs["1"], other[:200])
j = json.loads(outs["1"])
check("score --runs: the scenario's uncertainty ranges", j["ranges"] == {"position": 10,
      "salience": 0.2} and j["runs"] == 400 and j["seed"] == 9, j)
ru = [p for p in j["parties"] if p["id"] == "RU"][0]
check("score --runs: RU under framework20 rarely above", ru["p_above_walk_away"] < 0.05 and
      ru["on_board"]["p5"] < ru["on_board"]["p50"] < ru["on_board"]["p95"] < 0, ru)

# Hand-checkable: B's weights (.6, .3, 0) become (2/3, 1/3); only the border
# has positions B cares about (0, 60, 100; values 0, .7, 1; draft2 settles 60).
# A shift d ~ U(-30, 30) gives v = .7 (60 - d) / 60 for d >= 0, .7 - .3 d / 40
# below, U = 2/3 v + .2: above U0 = 2/3 exactly when d <= 0 (P = 1/2);
# quantiles at d = 27, 0, -27: .45667, .66667, .80167.
rc, out, err = run("score", TEXTBOOK, "--plan", "draft2", "--runs", "20000", "--vary-pos", "30",
                   "--vary-sal", "0", "--weight", "B.troops=0", "--walk-away",
                   f"B={2 / 3 * 0.7 + 0.2:.17g}", "--format", "json")
check("score --runs hand case runs", rc == 0, err)
b = [p for p in json.loads(out)["parties"] if p["id"] == "B"][0] if rc == 0 else None
if b:
    check("P(above) about 1/2", abs(b["p_above_walk_away"] - 0.5) < 0.02, b)
    for q, want in (("p5", 2 / 3 * 0.7 * 33 / 60 + 0.2), ("p50", 2 / 3 * 0.7 + 0.2),
                    ("p95", 2 / 3 * (0.7 + 0.3 * 27 / 40) + 0.2)):
        check(f"utility {q} about {want:.4f}", abs(b["utility"][q] - want) < 0.01, b)
# no ranges: every run is the point score
rc, out, err = run("score", TEXTBOOK, "--plan", "draft2", "--runs", "10", "--vary-pos", "0",
                   "--vary-sal", "0", "--format", "csv")
point = score()
want = ["party,walk_away,p_above_walk_away,on_board_p5,on_board_p50,on_board_p95,utility_p5,"
        "utility_p50,utility_p95"]
for p in point["parties"]:
    ob, u = repr(p["on_board"]), repr(point["utilities"][p["id"]])
    want.append(f"{p['id']},{p['walk_away']},1,{ob},{ob},{ob},{u},{u},{u}")
check("score --runs with no ranges: the point score", out.splitlines() == want, (out, want))
rc, out, err = run("score", TEXTBOOK, "--runs", "10")
check("score --runs text", rc == 0 and "10 runs, seed 1; weights ±10%, positions ±5 points"
      in out and "P(above)" in out, out)
for args, msg in ((["--runs", "0"], "--runs must be an integer from 1 to 10000000, not '0'"),
                  (["--runs", "2.5"], "--runs must be an integer"),
                  (["--runs", "5", "--vary-sal", "2"], "--vary-sal must be a fraction from 0 to 1"),
                  (["--runs", "5", "--vary-pos", "-1"], "--vary-pos must be a number of points"),
                  (["--vary-pos", "3"], "--vary-pos and --vary-sal are for --runs N")):
    rc, out, err = run("score", TEXTBOOK, *args)
    check(f"score {' '.join(args)}: exit 2", rc == 2 and msg in err and out == "", f"{rc} {err!r}")

# -- forecasts in the issue's own terms ---------------------------------------
# compromise = capability x salience weighted mean of ideal positions: troops
# (0..20000) at (60*20*100) / (60*20 + 40*10) = 75 -> 15000; with B's power
# 60, 120000 / 1800 = 66.67 -> 13333.3; border 44.44, nearest current-line (60)
rc, out, err = run("forecast", TEXTBOOK, "--model", "compromise")
check("forecast: expected in the issue's terms", rc == 0 and "expected in the issue's terms" in out
      and "near current-line" in out and "  troops        75.00        75.00  15000\n" in out, out)
rc, out, err = run("forecast", TEXTBOOK, "--model", "compromise", "--power", "B=60")
check("forecast --power B=60: troops 13333.3", rc == 0 and "66.67  13333.3\n" in out, out)
rc, out, err = run("forecast", UKR)
check("forecast: a range in its unit", rc == 0 and " troops\n" in out, out[-600:])
rc, out, err = run("forecast", UKR, "--runs", "20")
check("forecast --runs: the mean in the issue's terms", rc == 0 and
      "mean in the issue's terms" in out and " troops\n" in out, out[-600:])
rc, out, err = run("forecast", "--ktab", os.path.join(SRC, "data", "forecast", "ktab",
                                                      "dummyData_3Dim.csv"))
check("forecast --ktab: positions only", rc == 0 and "issue's terms" not in out, out[-300:])

# -- convert from GENIUS: the names in the files, not the file names -----------
def converted(folder):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "c.yaml")
        rc, _, err = run("convert", os.path.join(GENIUS, folder), "-o", out, "--quiet")
        check(f"convert {folder}", rc == 0, err)
        text = open(out).read() if rc == 0 else ""
        rc, _, err = run("check", out, "--quiet")
        check(f"convert {folder}: the YAML reads back", rc == 0, err)
        return text


t = converted("DefensiveCharms")  # domain objective "root"; both profiles "Defensive Charms"
check("convert: title from the profiles' objective", '\ntitle: "Defensive Charms"\n' in t, t[:300])
check("convert: shared profile names numbered", '- {id: "Defensive Charms 1"' in t and
      '- {id: "Defensive Charms 2"' in t and "util1" not in t, t[:300])
t = converted("AMPOvsCity")  # the template names its agents and their profiles
check("convert: parties are the template's agents", '- {id: "AMPO"' in t and '- {id: "City"' in t
      and "ampo_vs_city" not in t and '\ntitle: "Conflict"\n' in t, t[:300])
t = converted("CarB")
check("convert: no file names", '\ntitle: "Car"\n' in t and "Car-B-prof" not in t and
      "data/genius" not in t, t[:300])
t = converted("10issueswithRV")  # nonlinear profiles without names: the files' own names
check("convert: a folder's name, not its path, when the files name nothing",
      '\ntitle: "10issueswithRV"\n' in t and "data/genius" not in t, t[:300])
# the engines keep the profile names --agent takes
rc, out, err = run("negotiate", os.path.join(GENIUS, "CarB"), "--agent", "Car-B-prof1=boulware",
                   "--agent", "Car-B-prof2=conceder", "--format", "json")
check("negotiate still takes --agent PROFILE=...", rc == 0, err)

# -- every JSON document built from a scenario echoes its overrides ----------
WA = {"option": "--walk-away", "argument": "B=0.31"}
for args in (("check", TEXTBOOK), ("diff", TEXTBOOK, "draft1", "draft2"),
             ("concede", TEXTBOOK, "--plan", "draft1", "--for", "A"), ("mediate", TEXTBOOK, "--plan", "draft1"),
             ("stances", TEXTBOOK), ("frontier", TEXTBOOK), ("solve", TEXTBOOK, "--concept", "nash"),
             ("forecast", UKR), ("negotiate", TEXTBOOK, "--agent", "A=boulware", "--agent", "B=conceder"),
             ("tournament", TEXTBOOK, "--agents", "boulware,conceder", "--reps", "1")):
    rc, out, err = run(*args, "--walk-away", "B=0.31" if "ukraine" not in args[1] else "RU=0.31",
                       "--format", "json")
    want = WA if "ukraine" not in args[1] else {"option": "--walk-away", "argument": "RU=0.31"}
    try:
        got = json.loads(out).get("overrides")
    except ValueError:
        got = None
    check(f"{args[0]}: overrides echoed in JSON", rc in (0, 1) and got == [want], f"{rc} {err} {out[:300]}")

# -- the report says which what-ifs made it; plot refuses them for KTAB input --
import tempfile as _t
with _t.TemporaryDirectory() as d:
    html = os.path.join(d, "r.html")
    rc, out, err = run("report", TEXTBOOK, "--walk-away", "B=0.31", "-o", html)
    page = open(html, encoding="utf-8").read() if rc == 0 else ""
    check("report: overrides named on the page", rc == 0 and "What-if overrides" in page
          and "--walk-away B=0.31" in page, err)
    ktab = os.path.join(SRC, "data", "forecast", "ktab", "dummyData-a040.csv")
    svg = os.path.join(d, "p.svg")
    rc, out, err = run("plot", "forecast", "--ktab", ktab, "--walk-away", "B=0.31", "-o", svg)
    check("plot forecast --ktab refuses what-ifs", rc == 2 and "what-ifs apply" in err
          and not os.path.exists(svg), err)

# -- forecasts in the terms, in the JSON too ---------------------------
rc, out, err = run("forecast", UKR, "--format", "json")
fc = {f["dim"]: f for f in json.loads(out)["forecast"]} if rc == 0 else {}
army = fc.get("army_cap", {})
check("forecast JSON: army_cap in troops", army.get("unit") == "troops" and army.get("value") is not None
      and abs(army["value"] - (500000 + army["expected"] / 100 * (900000 - 500000))) < 1e-6 * 900000
      if "expected" in army else False, json.dumps(army))
check("forecast JSON: an options issue names its nearest option",
      fc.get("nato", {}).get("nearest_option") and fc["nato"].get("value") is None, json.dumps(fc.get("nato")))
rc, out, err = run("forecast", UKR, "--runs", "20", "--format", "json")
dist = {f["dim"]: f for f in json.loads(out)["distribution"]} if rc == 0 else {}
check("forecast --runs JSON: mean in troops", dist.get("army_cap", {}).get("unit") == "troops"
      and dist["army_cap"].get("mean_value") is not None, json.dumps(dist.get("army_cap")))

finish("whatif: ")
