#!/usr/bin/env python3
"""End-to-end tests of `parley negotiate` and `parley tournament`: a
negotiation on examples/textbook.yaml checked by hand, JSON/CSV shapes,
tournament output identical for 1 and 2 threads, exit codes on bad input.

Hand check (textbook.yaml frontier over outcomes above both walk-aways,
from `parley frontier`: (.7,.42) (.6,.47) (.55,.6) (.45,.65) (.4,.72); A:
Pmin .4 (walk-away), Pmax .7, discount .95; B: Pmin .3, Pmax .72):
linear vs linear, 10 steps, p(t) = Pmin + (Pmax - Pmin)(1 - t):
  s0 A p=.7    offers (.7,.42)      s1 B p=.678 offers (.4,.72)
  s2 A p=.64   offers (.7,.42)      s3 B p=.594 offers (.55,.6)
  s4 A p=.58   offers (.6,.47)      s5 B p=.51  offers (.55,.6)
  s6 A p=.52   would offer (.55,.6): accepts B's (.55,.6) at t=.6.
A's payoff .55 * .95^.6.

usage: test_negotiate_cli.py PARLEY SOURCE_DIR DATA_DIR
"""
import json
import subprocess
import sys

PARLEY, SRC, DATA = sys.argv[1], sys.argv[2], sys.argv[3]
TEXTBOOK = SRC + "/examples/textbook.yaml"
LAPTOP = DATA + "/genius/domains/Laptop"
failed = 0


def run(*args):
    p = subprocess.run([PARLEY, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(name, cond, detail=""):
    global failed
    if not cond:
        failed += 1
        print(f"FAIL {name}: {detail}")


# Full information (--information full): offers from the frontier, by hand.
rc, out, err = run("negotiate", TEXTBOOK, "--agent", "A=linear", "--agent", "B=linear",
                   "--steps", "10", "--format", "json", "--information", "full")
check("textbook rc", rc == 0, err)
j = json.loads(out)
check("parties", j["parties"] == ["A", "B"], j["parties"])
check("information full", j["information"] == "full", j.get("information"))
check("agreed", j["agreed"] is True)
check("agreement", j["agreement"] == {"border": "current-line", "sanctions": "staged",
                                      "troops": "20000"}, j["agreement"])
check("step", j["step"] == 6 and abs(j["time"] - 0.6) < 1e-15, (j["step"], j["time"]))
check("utilities", list(j["utilities"]) == ["A", "B"] and
      [round(x, 12) for x in j["utilities"].values()] == [0.55, 0.6], j["utilities"])
check("payoff A", abs(j["payoffs"]["A"] - 0.55 * 0.95 ** 0.6) < 1e-12, j["payoffs"])
check("advantage B", abs(j["advantages"]["B"] - 0.3) < 1e-12, j["advantages"])
check("walk-aways", j["walk_aways"] == {"A": 0.4, "B": 0.3}, j["walk_aways"])
check("nash package", [(n["utilities"], n["outcome"]) for n in j["nash"]] ==
      [({"A": 0.55, "B": 0.6}, {"border": "current-line", "sanctions": "staged", "troops": "20000"})],
      j["nash"])
check("distances", j["distance_to_frontier"] == 0 and j["distance_to_nash"] == 0)
actions = [(t["party"], t["action"]) for t in j["trace"]]
check("trace", actions == [("A", "offer"), ("B", "offer")] * 3 + [("A", "accept")], actions)
offers = [round(t["utilities"]["A"], 12) for t in j["trace"]]
check("offers", offers == [0.7, 0.4, 0.7, 0.55, 0.6, 0.55, 0.55], offers)

# Hardliners never agree; the no-deal vector is the walk-aways.
rc, out, err = run("negotiate", TEXTBOOK, "--agent", "hardliner", "--agent", "hardliner",
                   "--format", "json", "--information", "full")
j = json.loads(out)
check("hardliners", rc == 0 and j["agreed"] is False and j["agreement"] is None
      and len(j["trace"]) == 200 and j["utilities"] == {"A": 0.4, "B": 0.3}, (rc, j["utilities"]))

# --all: offers from the whole frontier, so A's hardliner opens with its best
# outcome (1991 border, sanctions kept, 20000 troops: U_A 1, U_B 0) instead
# of its best above B's walk-away (.7, .42).
rc, out, err = run("negotiate", TEXTBOOK, "--agent", "hardliner", "--agent", "linear",
                   "--steps", "12", "--all", "--format", "json", "--information", "full")
j = json.loads(out)
check("--all opening", j["trace"][0]["utilities"] == {"A": 1.0, "B": 0.0}
      and j["trace"][0]["outcome"] == {"border": "line-1991", "sanctions": "keep", "troops": "20000"},
      j["trace"][0])
check("--all no deal", j["agreed"] is False)

# CSV trace
rc, out, err = run("negotiate", LAPTOP, "--agent", "conceder", "--agent", "conceder",
                   "--format", "csv")
rows = out.splitlines()
check("csv header", rows[0] == "step,time,party,action,utility_laptop_buyer_utility,"
      "utility_laptop_seller_utility,issue_Laptop,issue_Harddisk,issue_External Monitor", rows[0])
check("csv accept last", rows[-1].split(",")[3] == "accept", rows[-1])

# Tournament: same bytes with 1 and 2 threads; JSON fields.
base = ("tournament", LAPTOP, "--agents", "boulware,conceder,linear,hardliner,titfortat,random",
        "--reps", "4", "--seed", "9", "--quiet", "--format", "json", "--runs", "--information", "full")
rc1, out1, _ = run(*base, "--threads", "1")
rc2, out2, _ = run(*base, "--threads", "2")
check("tournament rc", rc1 == 0 and rc2 == 0)
check("tournament threads", out1 == out2)
t = json.loads(out1)
check("tournament size", t["negotiations"] == 36 * 4 and len(t["runs"]) == 144, t["negotiations"])
check("tournament scores", [s["strategy"] for s in t["scores"]] ==
      ["boulware", "conceder", "linear", "hardliner", "titfortat", "random"])
hh = [r for r in t["runs"] if r["agents"] == ["hardliner", "hardliner"]]
check("hardliner pair", len(hh) == 4 and not any(r["agreed"] for r in hh))
cc = [r for r in t["runs"] if r["agents"] == ["conceder", "conceder"]]
check("conceder pair", all(r["agreed"] and r["time"] < 0.5 for r in cc))
check("run payoffs by party", all(list(r["payoffs"]) == t["parties"] and
                                  abs(sum(r["payoffs"].values()) - r["welfare"]) < 1e-12
                                  for r in t["runs"]), t["runs"][0])
rc, out, _ = run("tournament", TEXTBOOK, "--agents", "linear,nash", "--format", "csv", "--quiet",
                 "--information", "full")
check("tournament csv", out.splitlines()[0] == "strategy,plays,mean_utility,mean_advantage,"
      "agreement_rate,mean_welfare,mean_distance_to_frontier,mean_distance_to_nash,"
      "mean_distance_to_kalai,mean_time", out[:80])

# Private information is the default, and labelled; full information too.
rc, out, err = run("negotiate", TEXTBOOK, "--agent", "linear", "--agent", "linear")
check("private default", rc == 0 and out.startswith(
    "Stacked alternating offers, 2 parties, private information, deadline 200 steps"), out[:90])
rc, out, err = run("negotiate", TEXTBOOK, "--agent", "linear", "--agent", "linear",
                   "--information", "full")
check("full label", out.startswith("Stacked alternating offers, 2 parties, full information"),
      out[:90])
# The GENIUS round clock: t = r/(R+1) for both turns of round r.
rc, out, err = run("negotiate", LAPTOP, "--agent", "hardliner", "--agent", "hardliner",
                   "--rounds", "4", "--format", "json")
j = json.loads(out)
check("rounds", j["rounds"] == 4 and [round(e["time"] * 5, 12) for e in j["trace"]] ==
      [1, 1, 2, 2, 3, 3, 4, 4] and not j["agreed"], [e["time"] for e in j["trace"]])
# Private tournaments: same bytes for 1 and 2 threads and run after run.
base = ("tournament", LAPTOP, "--agents", "boulware,conceder,boa,nicetft,random",
        "--reps", "3", "--seed", "5", "--quiet", "--format", "json", "--runs")
rc1, out1, _ = run(*base, "--threads", "1")
rc2, out2, _ = run(*base, "--threads", "2")
rc3, out3, _ = run(*base, "--threads", "2")
check("private tournament", rc1 == 0 and out1 == out2 == out3 and
      json.loads(out1)["information"] == "private")
s0 = json.loads(out1)["scores"][0]
check("tournament metrics", all(k in s0 for k in (
    "mean_distance_to_frontier", "mean_distance_to_nash", "mean_distance_to_kalai")), s0)

# Bad input: exit 2 with a message, never a crash.
for args, needle in [
        (("negotiate", TEXTBOOK, "--agent", "A=stubborn", "--agent", "B=linear"), "unknown strategy"),
        (("negotiate", TEXTBOOK, "--agent", "C=linear"), "no party 'C'"),
        (("negotiate", TEXTBOOK, "--agent", "A=linear"), "party B has no agent"),
        (("negotiate", TEXTBOOK, "--agent", "linear", "--agent", "linear", "--steps", "0"), "--steps"),
        (("negotiate", TEXTBOOK, "--agent", "linear/soon", "--agent", "linear"), "acceptance rule"),
        (("negotiate", "/nonexistent.yaml", "--agent", "linear"), "nonexistent"),
        (("tournament", TEXTBOOK), "--agents"),
        (("negotiate", TEXTBOOK, "--agent", "nash", "--agent", "linear"), "--information full"),
        (("negotiate", TEXTBOOK, "--agent", "boa", "--agent", "linear", "--information", "full"),
         "--information private"),
        (("negotiate", TEXTBOOK, "--agent", "linear", "--agent", "linear", "--information", "some"),
         "--information"),
        (("negotiate", TEXTBOOK, "--agent", "linear", "--agent", "linear", "--rounds", "5",
          "--steps", "9"), "--rounds"),
        (("tournament", TEXTBOOK, "--agents", "linear", "--reps", "-3"), "--reps")]:
    rc, out, err = run(*args)
    check("bad " + " ".join(args[2:]), rc == 2 and needle in err, (rc, err))
# Over the negotiation limit: exit 3.
rc, out, err = run("tournament", TEXTBOOK, "--agents", "linear,conceder", "--reps", "10000000")
check("limit", rc == 3, (rc, err))

print("negotiate CLI:", "FAILED" if failed else "ok")
sys.exit(1 if failed else 0)
