"""Bad input raises parley.ParleyError with the library's code, message,
file, line, column and field; nothing crashes the interpreter."""
import os

import pytest

import parley
from conftest import UKRAINE


def test_malformed_yaml(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("title: x\nparties:\n  - id: A\n    power: [1,\n")
    with pytest.raises(parley.ParleyError) as e:
        parley.load(f)
    err = e.value
    assert err.code == parley.INPUT
    assert err.file == str(f) and err.line >= 4 and err.column > 0
    assert err.message and str(err).startswith(str(f) + ":")


def test_schema_error_names_the_field(tmp_path):
    text = open(UKRAINE).read().replace("walk_away: 0.45", "walk_away: 1.7", 1)
    assert text != open(UKRAINE).read()
    f = tmp_path / "walk.yaml"
    f.write_text(text)
    with pytest.raises(parley.ParleyError) as e:
        parley.load(f)
    assert e.value.code == parley.INPUT
    assert "walk_away" in e.value.field and e.value.line > 0


def test_missing_file(tmp_path):
    with pytest.raises(parley.ParleyError) as e:
        parley.load(tmp_path / "none.yaml")
    assert e.value.code == parley.IO and e.value.file.endswith("none.yaml")
    with pytest.raises(parley.ParleyError) as e:
        parley.load(tmp_path / "none", kind="genius")
    assert e.value.code in (parley.INPUT, parley.IO)


def test_unknown_plan(ukraine):
    with pytest.raises(parley.ParleyError) as e:
        ukraine.score("no-such-plan")
    assert e.value.code == parley.INPUT and e.value.field == "plan"
    assert e.value.file == UKRAINE and "no-such-plan" in e.value.message


def test_bad_arguments_do_not_reach_the_library(ukraine):
    with pytest.raises(parley.ParleyError):
        ukraine.score("us\0 28")
    with pytest.raises(TypeError):
        ukraine.score(28)
    with pytest.raises(parley.ParleyError):
        parley.load(UKRAINE, kind="spreadsheet")


def test_wrong_kind_of_file():
    ktab = parley.load(os.path.join(os.path.dirname(UKRAINE), "..", "data", "forecast", "ktab",
                                    "SOE-Policy.csv"))
    with pytest.raises(parley.ParleyError) as e:
        ktab.score("x")
    assert e.value.code == parley.INPUT and "KTAB" in e.value.message


def test_closed_scenario():
    sc = parley.load(UKRAINE)
    sc.close()
    with pytest.raises(parley.ParleyError):
        sc.score("us28")


def test_garbage_files_of_every_kind(tmp_path):
    junk = tmp_path / "junk"
    junk.write_bytes(bytes(range(256)) * 8)
    for kind in ("scenario", "ktab", "gmcr"):
        with pytest.raises(parley.ParleyError) as e:
            parley.load(junk, kind=kind)
        assert e.value.code == parley.INPUT, kind


def test_close_while_another_thread_computes():
    import threading
    import time
    path = os.path.join(os.path.dirname(UKRAINE), "..", "data", "forecast", "ktab",
                        "dummyData-a080.csv")
    sc = parley.load(path)
    t = threading.Thread(target=sc.forecast, kwargs={"runs": 40, "threads": 1})
    t.start()
    time.sleep(0.1)
    with pytest.raises(parley.ParleyError) as e:
        sc.close()
    assert "in use" in e.value.message
    t.join()
    sc.close()
    with pytest.raises(parley.ParleyError):
        sc.parties


def test_bad_numbers_are_refused_before_the_call(ukraine):
    for kw in ({"threads": -1}, {"threads": 2**40}, {"rounds": 0}, {"rounds": 1.5},
               {"concept": "median"}):
        with pytest.raises(parley.ParleyError) as e:
            ukraine.mediate("us28", **kw)
        assert e.value.code == parley.INPUT and e.value.field == list(kw)[0]
    with pytest.raises(parley.ParleyError) as e:
        ukraine.forecast(runs=-3)
    assert e.value.field == "runs"
    with pytest.raises(parley.ParleyError) as e:
        ukraine.negotiate(["boulware"] * 4, steps=10, rounds=10)
    with pytest.raises(parley.ParleyError) as e:
        ukraine.negotiate(["boulware", "no-such-strategy", "linear", "conceder"])
    assert e.value.code == parley.INPUT and e.value.field
    with pytest.raises(parley.ParleyError) as e:
        ukraine.concede("us28", "XX")
    assert e.value.field == "for_party"
    with pytest.raises(parley.ParleyError) as e:
        ukraine.stability(coalitions=[["UA", "Nobody"]])
    assert e.value.field == "coalitions"


FUZZ = os.path.join(os.path.dirname(os.path.dirname(UKRAINE)), "fuzz")
READERS = {"scenario": ("scenario", ".yaml"), "ktab_csv": ("ktab", ".csv"),
           "ktab_xml": ("ktab", ".xml"), "conflict_json": ("gmcr", ".json"),
           "conflict_yaml": ("scenario", ".yaml"), "genius": ("genius", ".xml")}


def fuzz_inputs():
    for sub in ("regressions", "corpus"):
        for reader in sorted(READERS):
            d = os.path.join(FUZZ, sub, reader)
            if os.path.isdir(d):
                for f in sorted(os.listdir(d)):
                    yield reader, os.path.join(d, f)


def test_fuzz_inputs_raise_or_load(tmp_path):
    """Every input of the readers' fuzz corpora and regressions, through
    parley.load: a Scenario or a ParleyError, never a crash."""
    sep = b"\n@@parley-genius-profile@@\n"
    header = open(os.path.join(FUZZ, "fuzz.h")).read()
    if "FZ_GENIUS_SEPARATOR" in header:
        sep = header.split("FZ_GENIUS_SEPARATOR", 1)[1].split('"')[1].encode()
        sep = sep.decode("unicode_escape").encode("latin-1")
    n = loaded = 0
    for reader, path in fuzz_inputs():
        kind, ext = READERS[reader]
        data = open(path, "rb").read()
        f = tmp_path / ("input" + ext)
        try:
            if reader == "genius":
                dom, _, prof = data.partition(sep)
                f.write_bytes(dom)
                p = tmp_path / "profile.xml"
                p.write_bytes(prof if prof else dom)
                sc = parley.load(f, profiles=[p])
            else:
                f.write_bytes(data)
                sc = parley.load(f, kind=kind)
            assert isinstance(sc.parties, list) and isinstance(sc.issues, list)
            assert isinstance(sc.plans, list)
            loaded += 1
        except parley.ParleyError as e:
            assert e.code in (parley.INPUT, parley.LIMIT, parley.IO), (path, e)
            assert e.message
        n += 1
    assert n > 40 and 0 < loaded < n


def test_analyses_the_file_cannot_have():
    textbook = os.path.join(os.path.dirname(UKRAINE), "textbook.yaml")
    with pytest.raises(parley.ParleyError) as e:
        parley.load(textbook).stability()
    assert e.value.code == parley.INPUT and e.value.field == "conflict"
    car = parley.load(os.path.join(os.path.dirname(UKRAINE), "..", "data", "genius", "domains",
                                   "CarB"))
    for call in (lambda: car.score(), lambda: car.frontier(plan="x"), lambda: car.forecast(),
                 lambda: car.stability()):
        with pytest.raises(parley.ParleyError) as e:
            call()
        assert e.value.code == parley.INPUT


def test_a_conflict_only_yaml_is_a_conflict(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("conflict:\n  name: x\n  decision_makers:\n    - id: A\n      options: [{id: go}]\n"
                 "    - id: B\n      options: [{id: stop}]\n"
                 "  preferences:\n    A: [go]\n    B: [stop]\n")
    sc = parley.load(f)
    assert sc.kind == "gmcr" and [p["id"] for p in sc.parties] == ["A", "B"]
    # a scenario with an error stays that error, even with a conflict: section
    f.write_text(open(UKRAINE).read().replace("walk_away: 0.45", "walk_away: 1.7", 1))
    with pytest.raises(parley.ParleyError) as e:
        parley.load(f)
    assert "walk_away" in e.value.field
    # neither a scenario nor a conflict: the scenario's error
    f.write_text("title: nothing\n")
    with pytest.raises(parley.ParleyError) as e:
        parley.load(f)
    assert "parties" in e.value.message


def test_concede_work_limit(ukraine):
    with pytest.raises(parley.ParleyError) as e:
        ukraine.concede("framework20", "RU", keep_all=True, objective="loss", max_work=1)
    assert e.value.code == parley.LIMIT and e.value.field == "max_nodes"
    ok = ukraine.concede("framework20", "RU", keep_all=True, objective="loss", max_work=1e6)
    assert ok["feasible"] in (True, False)
