"""Every method gives exactly the command's JSON document (parsed), on every
example scenario and on reference domains of data/; to_records() gives the
rows of the command's CSV."""
import csv
import io
import os

import pytest

import parley
from conftest import EXAMPLES, UKRAINE, cli_csv, cli_json


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
    assert set(r) == {"plan", "open_issues", "open_issue_scoring", "utilities", "parties",
                      "points"}
    assert list(r["utilities"]) == [p["id"] for p in ukraine.parties]
    html = r._repr_html_()
    assert html.startswith("<div") and "<table>" in html and "framework20" not in html
    assert "us28" in html
