"""Every method gives exactly the command's JSON document (parsed), on every
example scenario and on reference domains of data/; to_records() gives the
rows of the command's CSV."""
import csv
import io
import os
import subprocess

import pytest

import parley
from conftest import CLI, CONFLICT_EXAMPLES, DATA, EXAMPLES, UKRAINE, cli_csv, cli_json


def plan_ids(path):
    return [p["id"] for p in parley.load(path).plans]


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_score_every_plan(path):
    sc = parley.load(path)
    for plan in plan_ids(path):
        assert sc.score(plan) == cli_json("score", path, "--plan", plan)
    assert sc.score() == cli_json("score", path)


def test_score_records_are_the_csv_rows(ukraine):
    r = ukraine.score("us28")
    text = cli_csv("score", UKRAINE, "--plan", "us28")
    assert r.to_csv() == text
    rows = list(csv.DictReader(io.StringIO(text)))
    recs = r.to_records()
    assert len(recs) == len(rows) and list(recs[0]) == list(rows[0])
    for rec, row in zip(recs, rows):
        for k, v in row.items():
            got = rec[k]
            if v == "":
                assert got is None
            elif v in ("true", "false"):
                assert got is (v == "true")
            elif k in ("row", "plan", "party", "point"):
                assert got == v
            else:
                assert got == float(v)
    # the point ids stay text even when they are numbers
    assert any(rec["point"] == "1" for rec in recs)


def test_result_is_a_plain_dict(ukraine):
    r = ukraine.score("us28")
    assert isinstance(r, dict) and r.command == "score"
    assert type(r) is parley.Result and r == cli_json("score", UKRAINE, "--plan", "us28")
    assert {"plan", "open_issues", "utilities", "parties", "points"} <= set(r)
    assert list(r["utilities"]) == [p["id"] for p in ukraine.parties]
    html = r._repr_html_()
    assert html.startswith("<div") and "<table>" in html and "framework20" not in html
    assert "us28" in html


def records_match_csv(result, csv_text):
    """to_csv() is the command's CSV byte for byte; to_records() has its rows."""
    assert result.to_csv() == csv_text
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    recs = result.to_records()
    assert len(recs) == len(rows)
    if rows:
        assert list(recs[0]) == list(rows[0])


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_check(path):
    sc = parley.load(path)
    doc = cli_json("check", path)
    assert sc.check() == doc
    assert sc.parties == doc["parties"]
    assert sc.issues == doc["issues"]
    assert sc.plans == doc["plans"]
    records_match_csv(sc.check(), cli_csv("check", path))


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_diff_every_pair_of_versions(path):
    sc = parley.load(path)
    ids = plan_ids(path)
    for a, b in zip(ids, ids[1:]):
        assert sc.diff(a, b) == cli_json("diff", path, a, b)
        assert sc.diff(b, a) == cli_json("diff", path, b, a)
    if len(ids) > 1:
        records_match_csv(sc.diff(ids[0], ids[-1]), cli_csv("diff", path, ids[0], ids[-1]))


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_stances(path):
    sc = parley.load(path)
    assert sc.stances() == cli_json("stances", path)
    records_match_csv(sc.stances(), cli_csv("stances", path))


def test_fit(ukraine):
    for party, bound in (("UA", 0.5), ("RU", 0.25)):
        assert ukraine.fit(party, bound) == cli_json("fit", UKRAINE, "--party", party, "--bound",
                                                    bound)
    records_match_csv(ukraine.fit("UA"), cli_csv("fit", UKRAINE, "--party", "UA"))


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_concede(path):
    sc = parley.load(path)
    plan = plan_ids(path)[-1]
    parties = [p["id"] for p in sc.parties]
    for target in parties:
        for objective in ("points", "loss", "nash") if target == parties[1] else ("points",):
            got = sc.concede(plan, target, keep_all=True, objective=objective)
            assert got == cli_json("concede", path, "--plan", plan, "--for", target,
                                   "--keep-all", "--objective", objective)
    keep = [p for p in parties if p != parties[0]][:1]
    got = sc.concede(plan, parties[0], keep=keep)
    assert got == cli_json("concede", path, "--plan", plan, "--for", parties[0], "--keep",
                           keep[0])
    records_match_csv(got, cli_csv("concede", path, "--plan", plan, "--for", parties[0],
                                   "--keep", keep[0]))


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_mediate(path):
    sc = parley.load(path)
    plan = plan_ids(path)[0]
    small = len(sc.issues) < 8  # the Ukraine frontier takes about a second each time
    for concept in ("nash", "kalai", "ks", "welfare") if small else ():
        got = sc.mediate(plan, concept=concept)
        assert got == cli_json("mediate", path, "--plan", plan, "--concept", concept)
    got = sc.mediate(plan, rounds=2)
    assert got == cli_json("mediate", path, "--plan", plan, "--rounds", 2)
    records_match_csv(got, cli_csv("mediate", path, "--plan", plan, "--rounds", 2))


GENIUS = [os.path.join(DATA, "genius", "domains", d) for d in ("CarB", "Laptop", "pie")]


@pytest.mark.parametrize("path", GENIUS, ids=os.path.basename)
def test_negotiate_genius(path):
    sc = parley.load(path)
    got = sc.negotiate(["boulware", "conceder"])
    assert got == cli_json("negotiate", path, "--agent", "boulware", "--agent", "conceder")
    names = [p["id"] for p in sc.parties]
    got = sc.negotiate({names[1]: "linear", names[0]: "boa"}, rounds=50, seed=7)
    assert got == cli_json("negotiate", path, "--agent", names[1] + "=linear", "--agent",
                           "1=boa", "--rounds", 50, "--seed", 7)
    got = sc.negotiate(["titfortat", "nash"], information="full", accept="next+time:0.9",
                       steps=30)
    assert got == cli_json("negotiate", path, "--agent", "titfortat", "--agent", "nash",
                           "--information", "full", "--accept", "next+time:0.9", "--steps", 30)
    records_match_csv(got, cli_csv("negotiate", path, "--agent", "titfortat", "--agent", "nash",
                                   "--information", "full", "--accept", "next+time:0.9",
                                   "--steps", 30))


def test_negotiate_scenario_full_information(ukraine):
    agents = ["boulware", "conceder", "linear", "hardliner"]
    got = ukraine.negotiate(agents, information="full", steps=100)
    assert got == cli_json("negotiate", UKRAINE, *sum((["--agent", a] for a in agents), []),
                           "--information", "full", "--steps", 100)


@pytest.mark.parametrize("path", GENIUS[:2], ids=os.path.basename)
def test_tournament_genius(path):
    sc = parley.load(path)
    got = sc.tournament(["boulware", "conceder", "random"], reps=2, seed=5)
    assert got == cli_json("tournament", path, "--agents", "boulware,conceder,random", "--reps",
                           2, "--seed", 5)
    records_match_csv(got, cli_csv("tournament", path, "--agents", "boulware,conceder,random",
                                   "--reps", 2, "--seed", 5))
    got = sc.tournament("linear,titfortat", information="full", runs=True, steps=50,
                        accept="const:0.8")
    args = ["tournament", path, "--agents", "linear,titfortat", "--information", "full",
            "--runs", "--steps", 50, "--accept", "const:0.8"]
    assert got == cli_json(*args)
    records_match_csv(got, cli_csv(*args))


KTAB = sorted(os.path.join(DATA, "forecast", "ktab", f)
              for f in os.listdir(os.path.join(DATA, "forecast", "ktab"))
              if f.endswith((".csv", ".xml")) and "a160" not in f)


@pytest.mark.parametrize("path", KTAB, ids=os.path.basename)
def test_forecast_ktab(path):
    sc = parley.load(path)
    assert sc.forecast() == cli_json("forecast", "--ktab", path)


def test_forecast_ktab_options():
    path = os.path.join(DATA, "forecast", "ktab", "dummyData_3Dim.csv")
    sc = parley.load(path)
    got = sc.forecast(params={"VotingRule": "PropCbc"}, max_turns=20, seed=9)
    args = ["forecast", "--ktab", path, "--param", "VotingRule=PropCbc", "--max-turns", 20,
            "--seed", 9]
    assert got == cli_json(*args)
    records_match_csv(got, cli_csv(*args))
    got = sc.forecast(runs=10, vary_pos=3, vary_cap=0.2)
    args = ["forecast", "--ktab", path, "--runs", 10, "--vary-pos", 3, "--vary-cap", 0.2]
    assert got == cli_json(*args)
    records_match_csv(got, cli_csv(*args))
    got = sc.forecast("eum", rounds=4, q=0.5, eum_prob="alliance")
    assert got == cli_json("forecast", "--ktab", path, "--model", "eum", "--rounds", 4, "--q",
                           0.5, "--eum-prob", "alliance")


def test_forecast_scenario(ukraine):
    for model in ("smp", "eum", "compromise", "median"):
        assert ukraine.forecast(model) == cli_json("forecast", UKRAINE, "--model", model)
    assert ukraine.forecast(runs=20, seed=3) == cli_json("forecast", UKRAINE, "--runs", 20,
                                                        "--seed", 3)


GMCR = sorted(os.path.join(DATA, "gmcr", "cases", f)
              for f in os.listdir(os.path.join(DATA, "gmcr", "cases")))


@pytest.mark.parametrize("path", GMCR + CONFLICT_EXAMPLES, ids=os.path.basename)
def test_stability(path):
    sc = parley.load(path)
    assert sc.stability() == cli_json("stability", path)
    assert sc.stability(gmcrplus=True) == cli_json("stability", path, "--gmcrplus")
    records_match_csv(sc.stability(), cli_csv("stability", path))


def test_stability_coalitions_explain_status_quo():
    path = os.path.join(DATA, "gmcr", "cases", "elmira_gmcrplus.json")
    sc = parley.load(path)
    got = sc.stability(coalitions=[["Uniroyal", "Local Government"]], explain=1,
                       status_quo="3", gmcrplus=True)
    args = ["stability", path, "--coalition", "Uniroyal,Local Government", "--explain", "1",
            "--status-quo", "3", "--gmcrplus"]
    assert got == cli_json(*args)
    assert {"coalition_analysis", "status_quo", "explain"} <= set(got)
    assert sc.stability(coalitions=["Uniroyal,Local Government"]) == got.__class__(
        "stability", cli_json("stability", path, "--coalition", "Uniroyal,Local Government"), "")
    records_match_csv(sc.stability(coalitions=["Uniroyal,Local Government"]),
                      cli_csv("stability", path, "--coalition", "Uniroyal,Local Government"))


FRONTIER_INPUTS = EXAMPLES + [os.path.join(DATA, "genius", "domains", d)
                              for d in ("CarB", "Laptop", "group2-dinner", "IntegerDomain")]


@pytest.mark.parametrize("path", FRONTIER_INPUTS, ids=os.path.basename)
def test_frontier(path):
    sc = parley.load(path)
    got = sc.frontier()
    assert got == cli_json("frontier", path)
    # the NumPy array is the document's frontier, column by party
    u = got.utilities
    assert u.shape == (len(got["frontier"]), len(sc.parties))
    for row, point in zip(u.tolist(), got["frontier"]):
        assert row == [point["utilities"][p] for p in got.parties]
    if len(got["frontier"]) < 5000:
        records_match_csv(got, cli_csv("frontier", path))


def test_frontier_options_and_solve(ukraine):
    got = ukraine.solve("nash,kalai", plan="framework20")
    args = ["solve", UKRAINE, "--concept", "nash,kalai", "--plan", "framework20"]
    assert got == cli_json(*args)
    records_match_csv(got, cli_csv(*args))
    car = os.path.join(DATA, "genius", "domains", "CarB")
    got = parley.load(car).solve(["ks", "welfare"], all_outcomes=True)
    assert got == cli_json("solve", car, "--concept", "ks,welfare", "--all")
    got = parley.load(car).frontier(zone=False, plan=None, max_outcomes=1e6)
    assert got == cli_json("frontier", car, "--no-zone", "--max-outcomes", "1e6")
    assert parley.load(car).solve("all") == cli_json("solve", car, "--concept", "all")


def test_frontier_without_numpy(ukraine, monkeypatch):
    import builtins
    real = builtins.__import__

    def no_numpy(name, *a, **kw):
        if name == "numpy":
            raise ImportError("no numpy here")
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_numpy)
    got = parley.load(os.path.join(DATA, "genius", "domains", "CarB")).solve("nash")
    assert isinstance(got.utilities, list) and got.utilities
    assert all(isinstance(r, list) and len(r) == 2 for r in got.utilities)


@pytest.mark.parametrize("path", EXAMPLES, ids=os.path.basename)
def test_sensitivity(path):
    sc = parley.load(path)
    for plan in plan_ids(path):
        assert sc.sensitivity(plan) == cli_json("sensitivity", path, "--plan", plan)
    records_match_csv(sc.sensitivity(), cli_csv("sensitivity", path))


def test_what_ifs(ukraine):
    before = ukraine.score("framework20")
    got = ukraine.score("framework20", walk_away={"RU": 0.2}, weight={"EU.assets": 0.3},
                        set={"sanctions": "staged-lifting-g8"}, power={"US": 2})
    args = ["score", UKRAINE, "--plan", "framework20", "--walk-away", "RU=0.2", "--weight",
            "EU.assets=0.3", "--set", "sanctions=staged-lifting-g8", "--power", "US=2"]
    assert got == cli_json(*args)
    assert got != before and got["overrides"]
    # the loaded scenario is unchanged
    assert ukraine.score("framework20") == before
    what_if = ukraine.with_overrides(walk_away=["RU=0.2"])
    assert what_if.sensitivity("us28") == cli_json("sensitivity", UKRAINE, "--plan", "us28",
                                                   "--walk-away", "RU=0.2")
    assert what_if.concede("framework20", "RU", keep_all=True) == cli_json(
        "concede", UKRAINE, "--plan", "framework20", "--for", "RU", "--keep-all",
        "--walk-away", "RU=0.2")
    with pytest.raises(parley.ParleyError) as e:
        ukraine.score("us28", weight={"EU.assets": -1})
    assert e.value.code == parley.INPUT and "--weight" in e.value.field


def test_report_is_the_commands_page():
    path = [p for p in EXAMPLES if p.endswith("textbook.yaml")][0]
    page = parley.load(path).report(runs=20)
    p = subprocess.run([CLI, "report", path, "--runs", "20", "--quiet"], capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert page == p.stdout
    assert page.lstrip().lower().startswith("<!doctype html")
    frame = page._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "<html" not in frame


def test_score_under_uncertainty(ukraine):
    got = ukraine.score("framework20", runs=300, seed=4)
    args = ["score", UKRAINE, "--plan", "framework20", "--runs", 300, "--seed", 4]
    assert got == cli_json(*args)
    records_match_csv(got, cli_csv(*args))
    got = ukraine.score("us28", runs=100, vary_pos=10, vary_sal=0.2, walk_away={"RU": 0.5})
    assert got == cli_json("score", UKRAINE, "--plan", "us28", "--runs", 100, "--vary-pos", 10,
                           "--vary-sal", 0.2, "--walk-away", "RU=0.5")


def test_genius_domain_and_profiles():
    folder = os.path.join(DATA, "genius", "domains", "CarB")
    files = parley.load(os.path.join(folder, "Car-B-domain.xml"),
                        profiles=[os.path.join(folder, "Car-B-prof1.xml"),
                                  os.path.join(folder, "Car-B-prof2.xml")])
    assert files.kind == "genius" and files.parties == parley.load(folder).parties
    assert files.frontier() == cli_json("frontier", "--genius",
                                        os.path.join(folder, "Car-B-domain.xml"),
                                        os.path.join(folder, "Car-B-prof1.xml"),
                                        os.path.join(folder, "Car-B-prof2.xml"))
    assert [i["id"] for i in files.issues] == [i["id"] for i in parley.load(folder).issues]


def test_every_kind_renders_in_a_notebook():
    for path in (UKRAINE, os.path.join(DATA, "genius", "domains", "CarB"),
                 os.path.join(DATA, "forecast", "ktab", "SOE-Policy.csv"),
                 os.path.join(DATA, "gmcr", "cases", "chicken.json")):
        sc = parley.load(path)
        page = sc._repr_html_()
        assert page.startswith("<div") and "<table>" in page and sc.parties[0]["id"] in page
        assert repr(sc).startswith("<parley.Scenario")
    sc = parley.load(UKRAINE)
    sc.close()
    assert "closed" in repr(sc)


def test_records_keep_names_as_text(ukraine):
    # option labels that look like numbers stay text; numbers become numbers
    car = parley.load(os.path.join(DATA, "genius", "domains", "CarB"))
    rec = car.frontier().to_records()
    assert all(isinstance(r["issue_CD player"], str) for r in rec)
    assert all(isinstance(r["utility_Car-B-prof1"], float) and isinstance(r["index"], int)
               for r in rec)
    n = car.negotiate(["boulware", "linear"]).to_records()
    assert n and all(isinstance(r["step"], int) for r in n)
    assert all(r["issue_CD player"] is None or isinstance(r["issue_CD player"], str) for r in n)
    st = parley.load(os.path.join(DATA, "gmcr", "cases", "chicken.json")).stability()
    assert all(isinstance(r["equilibrium_nash"], bool) for r in st.to_records())


def test_what_ifs_reach_every_scenario_document():
    path = [p for p in EXAMPLES if p.endswith("textbook.yaml")][0]
    sc = parley.load(path).with_overrides(walk_away={"A": 0.1}, power=["B=2"])
    args = ["--walk-away", "A=0.1", "--power", "B=2"]
    for method, cli_args in (("frontier", ["frontier"]), ("forecast", ["forecast"]),
                             ("check", ["check"]), ("stances", ["stances"])):
        got = getattr(sc, method)()
        assert got == cli_json(*cli_args, path, *args), method
        assert got["overrides"], method
    assert sc.mediate("draft1") == cli_json("mediate", path, "--plan", "draft1", *args)
    got = sc.negotiate(["boulware", "linear"])
    assert got == cli_json("negotiate", path, "--agent", "boulware", "--agent", "linear", *args)
    assert got["overrides"]
    got = sc.tournament(["boulware", "linear"], reps=2)
    assert got == cli_json("tournament", path, "--agents", "boulware,linear", "--reps", 2, *args)
