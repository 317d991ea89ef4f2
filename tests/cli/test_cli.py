#!/usr/bin/env python3
"""End-to-end tests of the parley command: real runs, exact messages, exit
codes, JSON parsed back and checked against hand-computed values.

usage: test_cli.py PARLEY SOURCE_DIR
"""
import json
import re
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bad_inputs import CASES  # noqa: E402
from testlib import check, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
TEXTBOOK = os.path.join(SRC, "examples", "textbook.yaml")
UKR = os.path.join(SRC, "examples", "ukraine-2025.yaml")


def run(*args):
    p = subprocess.run([PARLEY, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol


# -- bad input: exact message and exit code, never a crash ------------------
with tempfile.TemporaryDirectory() as tmp:
    for name, text, code, message in CASES:
        path = os.path.join(tmp, name.replace(" ", "_") + ".yaml")
        with open(path, "w") as f:
            f.write(text)
        rc, out, err = run("check", path)
        check(f"bad input '{name}' exit", rc == code, f"exit {rc}, stderr {err!r}")
        check(f"bad input '{name}' no stdout", out == "", repr(out))
        lines = err.strip().splitlines()
        if message is not None:
            want = message.format(f=path)
            check(f"bad input '{name}' message", lines == [want], f"\n  got  {err.strip()!r}\n  want {want!r}")
        else:
            check(f"bad input '{name}' located", len(lines) == 1 and lines[0].startswith(f"parley: {path}:"),
                  repr(err))
    rc, out, err = run("check", os.path.join(tmp, "missing.yaml"))
    check("missing file", rc == 2 and "cannot open" in err, err)

    # -o writes atomically: a failure leaves no file behind, success renames.
    target = os.path.join(tmp, "out.json")
    rc, _, _ = run("score", TEXTBOOK, "--plan", "nope", "-o", target)
    check("failed run leaves no output", rc == 2 and not os.path.exists(target))
    rc, _, _ = run("score", TEXTBOOK, "--plan", "draft2", "--format", "json", "-o", target)
    check("-o writes file", rc == 0 and json.load(open(target))["plan"]["id"] == "draft2")
    check("-o leaves no temporary", sorted(os.listdir(tmp)).count("out.json") == 1 and
          not any(n.startswith("out.json.tmp") for n in os.listdir(tmp)))

# A device is written in place, never replaced by a renamed temporary file.
import stat  # noqa: E402
rc, _, _ = run("score", TEXTBOOK, "-o", "/dev/null")
check("-o /dev/null stays a device", rc == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode))

# -- check ------------------------------------------------------------------
rc, out, err = run("check", TEXTBOOK, "--format", "json")
j = json.loads(out)
check("check json", rc == 0 and [p["id"] for p in j["parties"]] == ["A", "B"] and
      [[o["id"] for o in i["options"]] for i in j["issues"]][2] == ["0", "10000", "20000"] and
      [(p["id"], p["based_on"], len(p["points"]), p["open_issues"]) for p in j["plans"]] ==
      [("draft1", None, 3, []), ("draft2", "draft1", 4, []),
       ("framework", "draft2", 2, ["sanctions", "troops"])], out)
# Complete enough to list a scenario without its YAML: parties with their numbers, range
# options with their values, points with what they set, stances.
check("check json parties", [(p["id"], p["name"], p["power"], p["walk_away"], p["discount"], p["rules"])
                             for p in j["parties"]] == [("A", "Party A", 60, 0.4, 0.95, 1),
                                                        ("B", "Party B", 40, 0.3, 1, 0)], out)
check("check json ranges", [(o["id"], o["value"]) for o in j["issues"][2]["options"]] ==
      [("0", 0), ("10000", 10000), ("20000", 20000)] and j["issues"][2]["type"] == "integer" and
      (j["issues"][2]["lower"], j["issues"][2]["upper"], j["issues"][2]["step"]) == (0, 20000, 10000)
      and j["issues"][0]["options"][1] == {"id": "current-line", "label": "current line of contact",
                                           "value": None, "position": 60}, out)
d2 = j["plans"][1]
check("check json points", d2["proposed_by"] == "A" and d2["date"] == "2025-11-25" and
      [(p["id"], p["sets"], p["origin"]) for p in d2["points"]] ==
      [("1", {"border": "current-line"}, "original"), ("2", {"sanctions": "staged"}, "changed"),
       ("3", {"troops": "10000"}, "changed"), ("4", {}, "added")], json.dumps(d2))
check("check json stances", [(s["party"], s["plan"], s["stance"], s["share"], s["disputed_by"])
                             for s in j["stances"]] ==
      [("A", "draft2", "partial", 0.9, ["A"]), ("B", "draft1", "accepts", None, [])], out)
rc, out, err = run("check", TEXTBOOK, "--format", "csv")
rows = [r.split(",") for r in out.strip().splitlines()]
check("check csv", rc == 0 and rows[0] == ["row", "id", "name", "power", "walk_away", "discount", "rules",
                                           "type", "ordered", "option_count", "based_on", "proposed_by",
                                           "date", "point_count", "open_issue_count"] and
      rows[1] == ["party", "A", "Party A", "60", "0.4", "0.95", "1"] + [""] * 8 and
      rows[5] == ["issue", "troops", "Ceiling on A's troops", "", "", "", "", "integer", "true", "3"] + [""] * 5
      and rows[-1] == ["plan", "framework", "Framework (issues left open)"] + [""] * 7 +
      ["draft2", "B", "", "2", "2"] and all(len(r) == 15 for r in rows), out)

# -- score: hand-computed utilities (see examples/textbook.yaml) ------------
# draft1: A = .5*.4 + .3*0 + .2*0 - .2 (rule: lift without troops) = 0;  B = .6*.7 + .3*1 + .1*1 = .82
# draft2: A = .5*.4 + .3*.5 + .2*.5 = .45;                                  B = .42 + .18 + .05 = .65
# framework (sanctions, troops open; 9 equally likely combinations):
#   A = .2 + .3*.5 + .2*.5 - .2/9 (rule holds in 1 of 9) = .45 - .2/9;      B = .42 + .3*1.6/3 + .1*.5 = .63
want = {"draft1": (0.0, 0.82), "draft2": (0.45, 0.65), "framework": (0.45 - 0.2 / 9, 0.63)}
for plan, (ua, ub) in want.items():
    rc, out, err = run("score", TEXTBOOK, "--plan", plan, "--format", "json")
    j = json.loads(out)
    u = {p["id"]: p for p in j["parties"]}
    check(f"score {plan} utilities", rc == 0 and close(j["utilities"]["A"], ua) and close(j["utilities"]["B"], ub),
          out)
    check(f"score {plan} on board", close(u["A"]["on_board"], (ua - 0.4) / 0.6) and
          close(u["B"]["on_board"], (ub - 0.3) / 0.7))
    check(f"score {plan} above", u["A"]["above_walk_away"] == (ua >= 0.4) and u["B"]["above_walk_away"])
rc, out, _ = run("score", TEXTBOOK, "--plan", "framework", "--format", "json")
j = json.loads(out)
check("score open issues", j["open_issues"] == ["sanctions", "troops"], out)
rc, out, _ = run("score", TEXTBOOK, "--plan", "draft1", "--format", "json")
j = json.loads(out)
eff = {p["id"]: p["effects"] for p in j["points"]}
# Striking point 1 of draft1 opens the border: A's utility becomes the mean of
# clamp(.5*v - .2) over v in {1, .4, 0} = (.3 + 0 + 0)/3 = .1, so the point costs A .1.
check("score point effect with clamp", close(eff["1"]["A"], -0.1) and close(eff["1"]["B"], 0.6 * (0.7 - 1.7 / 3)),
      json.dumps(eff))
rc, out, _ = run("score", TEXTBOOK, "--plan", "draft2", "--format", "json")
j = json.loads(out)
rep = j["parties"][0]["reported"]
check("score reported stance", rep == [{"stance": "partial", "share": 0.9, "points": [], "source": "illustration",
                                        "date": "2025-11-26", "disputed_by": ["A"]}], json.dumps(rep))
rc, out, _ = run("score", TEXTBOOK, "--plan", "draft2")
check("score text", rc == 0 and "A        0.450      0.400  yes        8.3%" in out, out)
rc, out, _ = run("score", TEXTBOOK, "--plan", "draft2", "--format", "csv")
rows = out.strip().splitlines()
check("score csv", rows[0] == "row,plan,party,point,utility,walk_away,above_walk_away,on_board,reported_share,effect"
      and rows[1].split(",")[:4] == ["party", "draft2", "A", ""]
      and all(close(float(x), y) for x, y in zip(rows[1].split(",")[4:9:4], [0.45, 0.9]))
      and rows[1].split(",")[5:8] == ["0.4", "true", str(float(rows[1].split(",")[7]))]
      and close(float(rows[1].split(",")[7]), 0.05 / 0.6), out)
# numbers are the shortest text that reads back to the same double (docs/output.md)
check("score csv shortest numbers", all(float(f) == float(repr(float(f))) and len(f) <= len(repr(float(f)))
                                        for r in rows[1:] for f in r.split(",")[4:] if f not in ("", "true", "false")), out)

# -- diff -------------------------------------------------------------------
rc, out, _ = run("diff", TEXTBOOK, "draft1", "draft2", "--format", "json")
j = json.loads(out)
ch = {(c["change"], c["point"]): c for c in j["changes"]}
check("diff kinds", sorted(ch) == [("added", "4"), ("changed", "2"), ("changed", "3")], out)
# sanctions lift -> staged alone: A = .2 + .15 + 0 (no rule) = .35 vs 0; B = .42 + .18 + .1 = .70 vs .82
check("diff effect", close(ch[("changed", "2")]["effects"]["A"], 0.35) and
      close(ch[("changed", "2")]["effects"]["B"], -0.12) and ch[("changed", "2")]["by"] == "A", out)
check("diff totals", close(j["effects"]["A"], 0.45) and close(j["effects"]["B"], -0.17) and
      j["from"]["id"] == "draft1" and j["to"]["id"] == "draft2" and
      close(j["from"]["utilities"]["A"], 0) and close(j["from"]["utilities"]["B"], 0.82) and
      close(j["to"]["utilities"]["A"], 0.45) and close(j["to"]["utilities"]["B"], 0.65), out)
rc, out, _ = run("diff", TEXTBOOK, "draft1", "draft2", "--format", "csv")
rows = [r.split(",") for r in out.strip().splitlines()]
check("diff csv", rows[0] == ["row", "plan", "change", "point", "by", "date", "issue", "from", "to",
                              "utility_A", "utility_B", "effect_A", "effect_B"] and
      [r[0] for r in rows[1:]] == ["plan", "plan", "change", "change", "change", "issue", "issue"] and
      rows[1][:2] == ["plan", "draft1"] and float(rows[1][10]) == 0.82 and
      rows[3][2:5] == ["changed", "2", "A"] and close(float(rows[3][11]), 0.35) and
      close(float(rows[3][12]), -0.12) and rows[6][6:9] == ["sanctions", "lift", "staged"] and
      all(len(r) == 13 for r in rows), out)
rc, out, _ = run("diff", TEXTBOOK, "draft2", "framework", "--format", "json")
j = json.loads(out)
drops = [(c["point"], c["by"]) for c in j["changes"] if c["change"] == "dropped"]
check("diff drops and who", drops == [("2", "B"), ("3", "B")], out)
# Issue by issue, whatever the numbering: draft2 -> framework drops points 2 and 3, so sanctions and
# troops go from set to open; the effect is the same as dropping the point that set each.
iss = {i["issue"]: i for i in j["issues"]}
dropped = {c["point"]: c for c in j["changes"] if c["change"] == "dropped"}
check("diff by issue", sorted(iss) == ["sanctions", "troops"] and iss["sanctions"]["from"] == "staged"
      and iss["sanctions"]["to"] is None and close(iss["sanctions"]["effects"]["B"],
                                                  dropped["2"]["effects"]["B"]), out)
rc, out, _ = run("diff", UKR, "us28", "framework20", "--format", "json")
j = json.loads(out)
iss = {i["issue"]: i for i in j["issues"]}
check("diff by issue, renumbered points", rc == 0 and len(iss) == 15 and
      iss["recognition"]["from"] == "de-facto-russian" and
      iss["recognition"]["to"] == "line-de-facto-status-open" and iss["nato"]["to"] is None, out)
# A change of wording only shows both texts, not "- -> -".
rc, out, _ = run("diff", UKR, "us28", "framework20")
check("diff text-only change", "- -> -" not in out and
      'text: "Ukraine\'s sovereignty will be confirmed" -> "Sovereignty reaffirmed; all signatories '
      'confirm by signature"' in out, out)
rc, out, _ = run("diff", TEXTBOOK, "draft1", "draft2")
check("diff added point without settings shows its text", 'text: "Elections within a year"' in out and
      "by issue: 2 settled differently" in out, out)

# -- stability says what the Y/N letters mean -----------------------------------
rc, out, err = run("stability", UKR, "--format", "json")
j = json.loads(out) if rc == 0 else {}
check("stability option legend (json)", rc == 0 and len(j["options"]) == len(j["states"][0]["yn"]) == 7
      and j["options"][0] == {"option": "Continue the offensive", "dm": "RU"}, out + err)
rc, out, err = run("stability", UKR)
check("stability option legend (text)", rc == 0 and "   7  EU   Release the frozen Russian assets to Ukraine"
      in out, out + err)

# -- a forecast that stops at its turn limit says so ---------------------------
rc, out, err = run("forecast", UKR, "--max-turns", "3")
check("forecast warns at the turn limit", rc == 0 and "stopped at its turn limit (3 turns) without "
      "converging" in err, err)
rc, out, err = run("forecast", UKR, "--format", "json")
check("forecast converged", rc == 0 and json.loads(out)["converged"] is True and "warning" not in err, err)
rc, out, err = run("forecast", UKR, "--max-turns", "3", "--format", "json", "--quiet")
check("forecast not converged (json, quiet)", rc == 0 and json.loads(out)["converged"] is False
      and err == "", err)

# -- a package too long for a text table is cut visibly ------------------------
rc, out, err = run("solve", UKR, "--concept", "nash")
row = [l for l in out.splitlines() if l.startswith("  Nash")]
m = re.search(r"(.*), \.\.\. \+(\d+) more$", row[0]) if row else None
check("long package marked as cut", rc == 0 and m is not None and
      m.group(1).count("=") + int(m.group(2)) == 16, out + err)

# -- concede / mediate / stances / fit ----------------------------------------
rc, out, _ = run("concede", TEXTBOOK, "--plan", "draft1", "--for", "A", "--keep", "B", "--format", "json")
j = json.loads(out)
# draft1 gives A 0; raising troops to 20000 alone lifts the rule: A .4, B .72 (by hand).
check("concede textbook", rc == 0 and j["feasible"] and j["optimal"] and j["changed_points"] == 1 and
      j["changes"] == [{"point": "3", "issue": "troops", "from": "0", "to": "20000"}] and
      close(j["package"]["utilities"]["A"], 0.4) and close(j["package"]["utilities"]["B"], 0.72) and
      close(j["plan"]["utilities"]["A"], 0) and close(j["plan"]["utilities"]["B"], 0.82) and
      j["package"]["outcome"] == {"border": "current-line", "sanctions": "lift", "troops": "20000"} and
      [(p["id"], p["above_walk_away"]) for p in j["parties"]] == [("A", True), ("B", True)], out)
rc, out, _ = run("concede", TEXTBOOK, "--plan", "draft1", "--for", "A", "--keep", "B", "--format", "csv")
check("concede csv", rc == 0 and out.splitlines() == [
    "row,point,issue,from,to,party,plan_utility,package_utility,walk_away,above_walk_away",
    "change,3,troops,0,20000,,,,,", "party,,,,,A,0,0.4,0.4,true", "party,,,,,B,0.82,0.72,0.3,true"], out)
with tempfile.TemporaryDirectory() as tmp:
    hard = os.path.join(tmp, "hard.yaml")
    with open(TEXTBOOK) as f:
        text = f.read().replace("walk_away: 0.4", "walk_away: 0.9").replace("walk_away: 0.3", "walk_away: 0.9")
    with open(hard, "w") as f:
        f.write(text)
    rc, out, _ = run("concede", hard, "--plan", "draft1", "--for", "A", "--keep", "B", "--format", "json")
    j = json.loads(out)
    # No outcome gives both .9; the best worst margin is max over outcomes of
    # min(uA - .9, uB - .9), which the closest package attains.
    check("concede infeasible exits 1", rc == 1 and not j["feasible"] and
          close(j["objective_value"], min(j["package"]["utilities"].values()) - 0.9), out)
rc, _, err = run("concede", TEXTBOOK, "--plan", "draft1", "--for", "Z")
check("concede unknown party", rc == 2 and "no party 'Z'" in err, err)
rc, _, err = run("concede", TEXTBOOK, "--plan", "draft1", "--for", "A", "--objective", "best")
check("concede bad objective", rc == 2 and "--objective must be points, loss or nash" in err, err)
rc, out, _ = run("mediate", TEXTBOOK, "--plan", "draft1", "--format", "json")
j = json.loads(out)
check("mediate textbook", rc == 0 and len(j["rounds"]) == 1 and j["rounds"][0]["issue"] == "troops" and
      j["rounds"][0]["to"] == "20000" and j["all_above_walk_away"] and
      j["rounds"][0]["utilities"] == j["final"]["utilities"] and close(j["final"]["utilities"]["A"], 0.4)
      and close(j["final"]["utilities"]["B"], 0.72) and j["plan"]["utilities"]["B"] == 0.82 and
      j["final"]["sets"]["troops"] == "20000", out)
rc, out, _ = run("mediate", TEXTBOOK, "--plan", "draft1", "--format", "csv")
check("mediate csv", rc == 0 and out.splitlines() == [
    "round,kind,point,issue,from,to,utility_A,utility_B", "0,start,,,,,0,0.82",
    "1,toward_target,3,troops,0,20000,0.4,0.72"], out)
rc, out, _ = run("stances", TEXTBOOK, "--format", "json")
j = json.loads(out)
check("stances textbook", rc == 0 and [s["verdict"] for s in j["stances"]] == ["share_differs", "agrees"] and
      j["stances"][0]["disputed"], out)
rc, out, _ = run("fit", TEXTBOOK, "--party", "B", "--format", "json")
j = json.loads(out)
check("fit: B's acceptance already consistent", rc == 0 and j["sse_before"] == 0 and
      j["weights"]["border"] == {"weight": 0.6, "fitted": 0.6}, out)
with tempfile.TemporaryDirectory() as tmp:
    bare = os.path.join(tmp, "bare.yaml")
    with open(TEXTBOOK) as f:
        text = f.read()
    with open(bare, "w") as f:
        f.write(text[:text.index("stances:")])
    rc, out, err = run("fit", bare, "--party", "A")
    check("fit without stances exits 1", rc == 1 and out == "" and "has no reported stance" in err, err)

# -- uncertainty: the scenario's ranges drive Monte Carlo unless --vary-* overrides
rc, out, _ = run("forecast", UKR, "--runs", "3", "--format", "json")
check("forecast uses the scenario's uncertainty", rc == 0 and
      json.loads(out)["ranges"] == {"position": 10.0, "salience": 0.2, "capability": 0.2}, out[:300])
rc, out, _ = run("forecast", UKR, "--runs", "3", "--vary-pos", "2", "--format", "json")
check("--vary-pos overrides it", rc == 0 and json.loads(out)["ranges"]["position"] == 2.0, out[:300])

# -- convert -----------------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    out_dir = os.path.join(tmp, "genius")
    rc, _, err = run("convert", TEXTBOOK, "-o", out_dir)
    check("convert refuses rules", rc == 2 and "party 'A' has 1 non-additive rule(s)" in err and
          not os.path.exists(out_dir), err)
    rc, _, err = run("convert", TEXTBOOK, "-o", out_dir, "--drop-rules")
    check("convert writes a GENIUS folder", rc == 0 and sorted(os.listdir(out_dir)) ==
          ["domain.xml", "profile-01-A.xml", "profile-02-B.xml"], err)
    rc, out, err = run("frontier", out_dir, "--format", "json")
    check("converted folder reads back", rc == 0 and json.loads(out)["outcomes_total"] == 27, err)

# GMCR+ / reference-case JSON -> conflict: YAML gives the same states and stable sets.
CASES_DIR = os.path.join(SRC, "data", "gmcr", "cases")
if os.path.isdir(CASES_DIR):
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(CASES_DIR)):
            case = os.path.join(CASES_DIR, name)
            out_yaml = os.path.join(tmp, name.replace(".json", ".yaml"))
            rc, _, err = run("convert", case, "-o", out_yaml)
            rc_a, a, _ = run("stability", case, "--format", "json")
            rc_b, b, err_b = run("stability", out_yaml, "--format", "json")
            ja, jb = (json.loads(a), json.loads(b)) if rc_a == 0 and rc_b == 0 else ({}, {"x": 1})
            check(f"convert {name} keeps every stable set", rc == 0 and
                  ja.get("states") == jb.get("states") and ja.get("concepts") == jb.get("concepts"),
                  err + err_b)

# -- usage errors -----------------------------------------------------------
rc, _, err = run("score", TEXTBOOK, "--plan", "nope")
check("unknown plan", rc == 2 and "no plan 'nope'" in err, err)
rc, _, err = run("score", TEXTBOOK, "--format", "xml")
check("bad format", rc == 2 and "--format must be text, json or csv" in err, err)
rc, _, err = run("frobnicate")
check("unknown command", rc == 2 and "unknown command" in err, err)

# -- under --format json an error is a JSON object on standard output ----------
def json_error(args, code):
    """Runs a failing command with --format json: exit `code`, the human message on stderr,
    and on stdout exactly one {"error": {...}} object whose code is the exit code."""
    rc, out, err = run(*args, "--format", "json")
    try:
        e = json.loads(out)["error"]
    except (ValueError, KeyError, TypeError):
        e = None
    ok = (rc == code and err.startswith("parley") and e is not None and e["code"] == code and
          sorted(e) == ["code", "column", "field", "file", "line", "message"] and e["message"] in err)
    return ok, e, f"exit {rc}, stdout {out!r}, stderr {err!r}"


with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad.yaml")
    with open(bad, "w") as f:
        f.write(open(TEXTBOOK).read().replace("power: 60", "power: -60"))
    ok, e, why = json_error(("check", bad), 2)
    check("json error: bad input", ok and e["file"] == bad and isinstance(e["line"], int) and e["line"] >= 2
          and isinstance(e["column"], int) and e["field"] is not None, why)
    ok, e, why = json_error(("score", TEXTBOOK, "--plan", "nope"), 2)
    check("json error: unknown plan", ok and e == {"code": 2, "message": "no plan 'nope'", "file": TEXTBOOK,
                                                   "line": None, "column": None, "field": "--plan"}, why)
    ok, e, why = json_error(("diff", TEXTBOOK, "draft1", "nope"), 2)
    check("json error: unknown plan (diff)", ok and e["field"] == "PLAN_B" and e["file"] == TEXTBOOK, why)
    ok, e, why = json_error(("concede", TEXTBOOK, "--plan", "draft1", "--for", "Z"), 2)
    check("json error: unknown party", ok and e["message"] == "no party 'Z'" and e["field"] == "--for", why)
    missing = os.path.join(tmp, "missing.yaml")
    ok, e, why = json_error(("check", missing), 2)
    check("json error: missing file", ok and e["file"] == missing and e["line"] is None and
          "cannot open" in e["message"], why)
    # before the format is parsed, and on commands whose documents are not moved here
    ok, e, why = json_error(("stability", UKR, "--seed", "x"), 2)
    check("json error: bad common option", ok and e["message"].startswith("--seed must be"), why)
    ok, e, why = json_error(("frontier", TEXTBOOK, "--bogus"), 2)
    check("json error: unknown option (usage only the first line)", ok and
          e["message"] == "unknown option '--bogus'", why)
    ok, e, why = json_error(("frobnicate",), 2)
    check("json error: unknown command", ok and e["message"] == "unknown command 'frobnicate'", why)
    ok, e, why = json_error(("tournament", TEXTBOOK, "--agents", "linear,conceder", "--reps", "10000000"), 3)
    check("json error: resource limit", ok, why)
    ok, e, why = json_error(("score", TEXTBOOK, "-o", os.path.join(tmp, "no", "such", "dir.json")), 4)
    check("json error: output error", ok and e["file"] == os.path.join(tmp, "no", "such", "dir.json"), why)
    # text and csv keep standard output empty
    rc, out, err = run("score", TEXTBOOK, "--plan", "nope", "--format", "csv")
    check("csv error: stdout empty", rc == 2 and out == "" and "no plan 'nope'" in err, out)
    rc, out, err = run("score", TEXTBOOK, "--plan", "nope")
    check("text error: stdout empty", rc == 2 and out == "", out)

# -- the bundled Ukraine example scores cleanly ------------------------------
rc, out, err = run("score", UKR, "--format", "json")
check("ukraine example scores", rc == 0 and len(json.loads(out)["parties"]) == 4, err)

finish("cli: ")
