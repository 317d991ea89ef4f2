#!/usr/bin/env python3
"""`parley stability`: --inverse, misperceptions and status quo paths end to
end (issue 16).

Every answer is checked against the forward command itself: the profiles the
inverse lists, and the smallest change, are written back into the conflict
and `parley stability` must find the state an equilibrium; every other
profile of the windows must not be one (nothing outside the answer).
Then CSV, errors (exit 2) and -o.

Misperceptions: the example file and a .gmcr text give the hand-derived
equilibria, JSON lists the unperceived states, convert keeps them.
Status quo: every path of the Ukraine example in JSON is legal (each step
changes only the mover's options, nobody moves twice in a row, it ends at
the equilibrium) and the text says who moves.

usage: test_stability_whatif.py PARLEY SOURCE_DIR
"""
import csv
import io
import itertools
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testlib import check, finish  # noqa: E402

PARLEY, SRC = sys.argv[1], sys.argv[2]
SYRIA = os.path.join(SRC, "data/gmcr/cases/syria_iraq_1975.json")
UKR = os.path.join(SRC, "examples/ukraine-2025.yaml")
CONCEPTS = ["Nash", "GMR", "SMR", "SEQ"]


def run(*args):
    p = subprocess.run([PARLEY, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


tmp = tempfile.mkdtemp(prefix="parley-inverse-")
base = os.path.join(tmp, "si.yaml")
rc, _, err = run("convert", SYRIA, "-o", base)
check("convert the Syria-Iraq case", rc == 0, err)
BASE = open(base).read()


def with_rankings(rankings):
    """The case with some DMs' rankings replaced (lists of groups of 1-based ids)."""
    text = BASE
    lines = []
    for line in text.splitlines():
        for dm, groups in rankings.items():
            if line.strip().startswith(f'"{dm}": {{ranking:'):
                items = ", ".join(str(g[0]) if len(g) == 1 else "[" + ", ".join(map(str, g)) + "]"
                                  for g in groups)
                line = f'    "{dm}": {{ranking: [{items}]}}'
        lines.append(line)
    path = os.path.join(tmp, "variant.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def equilibria(path):
    rc, out, err = run("stability", path, "--format", "json")
    assert rc == 0, err
    j = json.loads(out)
    return {k: set(j["concepts"][k]["equilibria"]) for k in CONCEPTS}


# -- Syria's whole ranking: the reference's forward counts ---------------------
rc, out, err = run("stability", SYRIA, "--inverse", "2", "--vary", "Syria", "--format", "json")
j = json.loads(out) if rc == 0 else {}
counts = {k: v["count"] for k, v in j.get("vary", {}).get("equilibrium_profiles", {}).items()}
check("Syria whole ranking: 720 profiles", rc == 0 and j["vary"]["profiles"] == 720, err)
check("Syria whole ranking: Nash 240, GMR 384, SMR 300, SEQ 384",
      counts == {"Nash": 240, "GMR": 384, "SMR": 300, "SEQ": 384}, counts)
check("first 10 listed by default", rc == 0 and all(
    len(v["listed"]) == 10 and not v["all_listed"] for v in j["vary"]["equilibrium_profiles"].values()))

# -- two windows: the listed profiles are exactly those the forward command
#    finds (every profile of the windows solved forward) ------------------------
rc, out, err = run("stability", SYRIA, "--inverse", "2", "--vary", "Syria=1:4", "--vary",
                   "Iraq=2:4", "--list", "1000", "--format", "json")
check("two windows run", rc == 0, err)
inv = json.loads(out)
rank = inv["rankings"]
listed = {k: [{dm: [tuple(g) for g in r] for dm, r in p.items()} for p in v["listed"]]
          for k, v in inv["vary"]["equilibrium_profiles"].items()}
check("two windows: 24 x 6 profiles", inv["vary"]["profiles"] == 144, inv["vary"]["profiles"])
found = {k: [] for k in CONCEPTS}
syria, iraq = rank["Syria"], rank["Iraq"]
for ps in itertools.permutations(syria[0:4]):
    for pi in itertools.permutations(iraq[1:4]):
        prof = {"Syria": list(ps) + syria[4:], "Iraq": iraq[:1] + list(pi) + iraq[4:]}
        eq = equilibria(with_rankings(prof))
        for k in CONCEPTS:
            if 2 in eq[k]:
                found[k].append({dm: [tuple(g) for g in r] for dm, r in prof.items()})
for k in CONCEPTS:
    check(f"two windows {k}: listed = forward equilibria, in order",
          listed[k] == found[k] and inv["vary"]["equilibrium_profiles"][k]["count"] == len(found[k])
          and inv["vary"]["equilibrium_profiles"][k]["all_listed"],
          f"{len(listed[k])} listed, {len(found[k])} forward")

# -- the smallest change, substituted back ----------------------------------------
for state in range(1, 7):
    rc, out, err = run("stability", SYRIA, "--inverse", str(state), "--format", "json")
    j = json.loads(out)
    for k in CONCEPTS:
        ch = j["smallest_change"][k]
        prof = {c["dm"]: c["ranking"] for c in ch["changes"]}
        eq = equilibria(with_rankings(prof)) if prof else equilibria(base)
        check(f"state {state} {k}: the smallest change makes it an equilibrium",
              state in eq[k] and ch["exact"] and ch["swaps"] == sum(c["swaps"] for c in ch["changes"]),
              ch)
        # conditions hold exactly where the forward command says stable
    fwd = json.loads(run("stability", SYRIA, "--format", "json")[1])
    for cd in j["conditions"]:
        stable = state in fwd["concepts"][cd["concept"]]["stable"][cd["dm"]]
        check(f"state {state} {cd['concept']} {cd['dm']}: holds = forward", cd["holds"] == stable)

# -- the handout's statements --------------------------------------------------------
rc, out, err = run("stability", SYRIA, "--inverse", "2", "--concept", "nash,seq")
check("text: Nash condition", rc == 0 and "- to 1 (NNN): Syria likes 2 at least as much as 1\n" in out, out)
check("text: SEQ condition", "to 1 (NNN): Syria likes 2 at least as much as 1, or Iraq prefers 4 to 1 "
      "and Syria likes 2 at least as much as 4" in out, out)
check("text: only the concepts asked for", "\nGMR\n" not in out and "\nSEQ\n" in out, out)

# -- CSV --------------------------------------------------------------------------
rc, out, err = run("stability", SYRIA, "--inverse", "2", "--vary", "Syria", "--list", "2",
                   "--format", "csv")
rows = list(csv.DictReader(io.StringIO(out))) if rc == 0 else []
cnt = {r["concept"]: int(r["count"]) for r in rows if r["row"] == "count"}
check("csv counts", cnt == {"Nash": 240, "GMR": 384, "SMR": 300, "SEQ": 384}, cnt)
check("csv rows", {r["row"] for r in rows} == {"ranking", "condition", "count", "profile", "change"},
      {r["row"] for r in rows})
check("csv profiles: 2 per concept", sum(r["row"] == "profile" for r in rows) == 8)

# -- the Ukraine example runs and its answers check out ------------------------------
rc, out, err = run("stability", UKR, "--inverse", "1", "--format", "json")
check("Ukraine inverse runs", rc == 0, err)
if rc == 0:
    j = json.loads(out)
    check("Ukraine: every concept has an exact smallest change",
          all(j["smallest_change"][k]["exact"] for k in CONCEPTS), j["smallest_change"])

# -- errors ---------------------------------------------------------------------------
for args, what in [(["--vary", "Syria"], "--vary without --inverse"),
                   (["--inverse", "2", "--vary", "Nobody"], "unknown DM"),
                   (["--inverse", "2", "--vary", "Syria=0:3"], "position 0"),
                   (["--inverse", "2", "--vary", "Syria=2:9"], "past the ranking"),
                   (["--inverse", "2", "--vary", "Syria=3:2"], "A > B"),
                   (["--inverse", "2", "--vary", "Syria", "--vary", "Syria=1:2"], "two windows"),
                   (["--inverse", "2", "--concept", "sim"], "SIM"),
                   (["--inverse", "2", "--coalition", "Syria,Iraq"], "with a coalition"),
                   (["--inverse", "2", "--list", "x"], "--list x"),
                   (["--inverse", "99"], "no state 99")]:
    out_path = os.path.join(tmp, "err.json")
    rc, out, err = run("stability", SYRIA, *args, "-o", out_path)
    check(f"error: {what} exits 2 with a message", rc == 2 and err.strip() and not out, (rc, err))
    check(f"error: {what} writes no file", not os.path.exists(out_path))

# -- over the work limit: exit 3 ---------------------------------------------------
rc, out, err = run("stability", SYRIA, "--inverse", "2", "--vary", "Syria", "--max-work", "100")
check("over --max-work exits 3", rc == 3 and "max-work" in err, (rc, err))

# -- misperceptions ------------------------------------------------------------------
MISP = os.path.join(SRC, "examples/syria-iraq-misperceptions.yaml")
rc, out, err = run("stability", MISP, "--format", "json")
j = json.loads(out) if rc == 0 else {}
check("misperceptions: equilibria {1, 2, 6} under every concept",
      rc == 0 and all(j["concepts"][k]["equilibria"] == [1, 2, 6] for k in CONCEPTS), (rc, err))
check("misperceptions: no SIM", rc == 0 and "SIM" not in j["concepts"])
check("misperceptions: listed per DM", j.get("misperceptions") == {"Syria": [2, 5], "Iraq": [1, 4]},
      j.get("misperceptions"))
# the same model as a GMCR+ save file; convert keeps the misperceptions
gmcr = {"useManualPreferenceRanking": False,
        "options": [{"name": n, "permittedDirection": "both"} for n in ("Release", "Escalate", "Attack")],
        "infeasibles": [[[0, "Y"], [1, "Y"]]],
        "decisionMakers": [
            {"name": "Syria", "options": [0, 1], "misperceptions": [[[0, "Y"], [1, "N"]]],
             "preferences": [[[0, "N"], [1, "N"], [2, "N"]], [[1, "Y"]], [[2, "N"]], [[0, "N"]]]},
            {"name": "Iraq", "options": [2], "misperceptions": [[[0, "N"], [1, "N"]]],
             "preferences": [[[0, "Y"], [1, "N"], [2, "N"]], [[0, "N"], [1, "N"], [2, "Y"]],
                             [[0, "N"], [1, "Y"], [2, "Y"]], [[0, "N"], [1, "N"], [2, "N"]],
                             [[0, "Y"], [1, "N"], [2, "Y"]]]}]}
gpath = os.path.join(tmp, "si_misp.gmcr")
with open(gpath, "w") as f:
    json.dump(gmcr, f)
rc1, out1, err1 = run("stability", gpath, "--format", "json")
conv = os.path.join(tmp, "misp.yaml")
rc, _, err = run("convert", gpath, "-o", conv)
rc2, out2, _ = run("stability", conv, "--format", "json")
check("misperceptions: .gmcr gives the same", rc1 == 0 and json.loads(out1)["concepts"] == j["concepts"],
      err1)
check("misperceptions: convert keeps them", rc == 0 and rc2 == 0 and
      json.loads(out2)["concepts"] == j["concepts"] and "misperceptions:" in open(conv).read(), err)
rc, out, err = run("stability", MISP, "--inverse", "3", "--format", "json")
jj = json.loads(out) if rc == 0 else {}
ok = rc == 0
for cd in jj.get("conditions", []):
    ok = ok and cd["holds"] == (3 in j["concepts"][cd["concept"]]["stable"][cd["dm"]])
check("misperceptions: inverse conditions = forward stability", ok, (rc, err))
bad = os.path.join(tmp, "bad.yaml")
with open(bad, "w") as f:
    f.write(open(MISP).read().replace('Iraq: ["NN-"]', 'Iran: ["NN-"]'))
rc, out, err = run("stability", bad)
check("misperceptions: unknown DM exits 2 naming the field",
      rc == 2 and "conflict.misperceptions" in err and ":" in err, (rc, err))

# -- status quo of the Ukraine example: paths and who moves --------------------------
rc, out, err = run("stability", UKR, "--format", "json")
j = json.loads(out)
yn = {s["id"]: s["yn"] for s in j["states"]}
owner = [o["dm"] for o in j["options"]]
sq = j["status_quo"]
ok = sq["state"] == 3 and len(sq["equilibria"]) > 0
for e in sq["equilibria"]:
    for key in ("path", "path_by_improvements"):
        path = e[key]
        if path is None:
            continue
        at, last = sq["state"], None
        for step in path:
            changed = [k for k in range(len(owner)) if yn[at][k] != yn[step["to"]][k]]
            ok = ok and changed and all(owner[k] == step["dm"] for k in changed) and step["dm"] != last
            at, last = step["to"], step["dm"]
        ok = ok and at == e["id"] and len(path) == e["steps" if key == "path" else "steps_by_improvements"]
check("Ukraine status quo: every path legal, ending at its equilibrium", ok)
nash = [e for e in sq["equilibria"] if "Nash" in e["equilibrium_of"]]
check("Ukraine status quo: the Nash equilibrium 31 by EU then US",
      [e["id"] for e in nash] == [31] and [s["dm"] for s in nash[0]["path_by_improvements"]] == ["EU", "US"],
      nash)
rc, out, err = run("stability", UKR)
check("Ukraine status quo: who moves, in words",
      "  to 31: EU takes 'Release the frozen Russian assets to Ukraine' (-> 19); US takes 'Cut military "
      "aid and intelligence to Ukraine' and takes 'Tighten sanctions on Russian energy' (-> 31)" in out, out)

finish("cli_stability_whatif: ")
