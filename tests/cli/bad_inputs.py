"""Bad-input cases for `parley check`: (name, YAML text, exit code, exact stderr).

{f} in the expected message stands for the scenario's path. The base
scenario is valid; each case changes one thing.
"""

BASE = """parties:
  - {id: A, walk_away: 0.2}
  - {id: B}
issues:
  - id: x
    options: [lo, mid, hi]
  - id: n
    type: integer
    range: [0, 4]
    step: 2
preferences:
  A:
    weights: {x: 0.5, n: 0.5}
    values:
      x: {lo: 1, mid: 0.5, hi: 0}
      n: {0: 0, 2: 0.5, 4: 1}
  B:
    weights: {x: 1}
    values:
      x: {lo: 0, mid: 0.5, hi: 1}
plans:
  - id: p1
    points:
      - {id: "1", text: one, sets: {x: lo}}
      - {id: "2", text: two, sets: {n: 2}}
  - id: p2
    based_on: p1
    changes:
      - {change: "1", by: B, sets: {x: mid}}
"""


def sub(old, new):
    assert old in BASE, old
    return BASE.replace(old, new, 1)


CASES = [
    ("empty", "", 2,
     "parley: {f}: empty file: expected a scenario (a mapping with parties, issues, preferences, plans)"),
    ("comments only", "# nothing here\n", 2,
     "parley: {f}: empty file: expected a scenario (a mapping with parties, issues, preferences, plans)"),
    ("not yaml", "parties: [A, B\nissues: {", 2, None),
    ("duplicate key", "parties: []\nparties: []\n", 2, "parley: {f}:2:1: not valid YAML: duplicate key"),
    ("bad nesting", "a: b\nc: d: e\n", 2,
     "parley: {f}:2:5: not valid YAML: invalid nested block mapping on the same line"),
    ("scalar document", "hello\n", 2,
     "parley: {f}:1:1: (top level): expected a mapping (key: value), found a scalar"),
    ("unknown party in prefs", sub("  B:\n    weights: {x: 1}", "  C:\n    weights: {x: 1}"), 2,
     "parley: {f}:17:3: preferences.C: unknown party 'C'"),
    ("unknown issue in weights", sub("weights: {x: 1}", "weights: {y: 1}"), 2,
     "parley: {f}:18:15: preferences.B.weights.y: unknown issue 'y'"),
    ("option not in issue", sub("sets: {x: lo}", "sets: {x: low}"), 2,
     "parley: {f}:24:40: plans[0].points[0].sets.x: 'low' is not an option of issue 'x'"),
    ("range value not on grid", sub("sets: {n: 2}", "sets: {n: 3}"), 2,
     "parley: {f}:25:40: plans[0].points[1].sets.n: '3' is not a value of issue 'n' (from 0 to 4 in steps of 2)"),
    ("negative weight", sub("weights: {x: 0.5, n: 0.5}", "weights: {x: -0.5, n: 0.5}"), 2,
     "parley: {f}:13:18: preferences.A.weights.x: weight must be >= 0, not -0.5"),
    ("NaN weight", sub("weights: {x: 0.5, n: 0.5}", "weights: {x: .nan, n: 0.5}"), 2,
     "parley: {f}:13:18: preferences.A.weights.x: must be a finite number, not '.nan'"),
    ("all-zero weights", sub("weights: {x: 1}", "weights: {x: 0}"), 2,
     "parley: {f}:18:15: preferences.B.weights: weights of party 'B' are all zero"),
    ("value above 1", sub("x: {lo: 1, mid: 0.5, hi: 0}", "x: {lo: 1.5, mid: 0.5, hi: 0}"), 2,
     "parley: {f}:15:15: preferences.A.values.x: value of 'lo' must be in [0, 1], not 1.5"),
    ("missing value", sub("x: {lo: 1, mid: 0.5, hi: 0}", "x: {lo: 1, mid: 0.5}"), 2,
     "parley: {f}:15:11: preferences.A.values.x: no value for option 'hi'"),
    ("duplicate party", sub("  - {id: B}", "  - {id: A}"), 2,
     "parley: {f}:3:10: parties[1]: duplicate party id 'A'"),
    ("duplicate option", sub("options: [lo, mid, hi]", "options: [lo, mid, lo]"), 2,
     "parley: {f}:6:24: issues[0].options[2]: duplicate option 'lo' in issue 'x'"),
    ("based on missing plan", sub("based_on: p1", "based_on: p0"), 2,
     "parley: {f}:27:15: plans[1].based_on: plan 'p2' is based on 'p0', which is not a plan in this file"),
    ("based_on cycle", sub("  - id: p1\n    points:", "  - id: p1\n    based_on: p2\n    points:"), 2,
     "parley: {f}:23:15: plans[0].based_on: plan 'p1' is part of a based_on cycle"),
    ("point sets two options", sub("sets: {x: lo}", "sets: {x: [lo, hi]}"), 2,
     "parley: {f}:24:41: plans[0].points[0].sets.x: point '1' sets 2 options of issue 'x'; a point sets one option per issue"),
    ("two points disagree", sub("sets: {n: 2}", "sets: {x: hi}"), 2,
     "parley: {f}:25:10: plans[0] (p1): point '2' sets issue 'x' to 'hi' but point '1' sets it to 'lo'"),
    ("stance on a point the plan lacks",
     BASE + "stances:\n  - {party: A, plan: p1, stance: rejects, points: [\"1\", \"7\"]}\n", 2,
     "parley: {f}:31:58: stances[0].points: plan 'p1' has no point '7'"),
    ("stance points without a plan",
     BASE + "stances:\n  - {party: A, stance: rejects, points: [\"1\"]}\n", 2,
     "parley: {f}:31:43: stances[0].points: points of a stance need its 'plan'"),
    ("walk_away out of range", sub("{id: A, walk_away: 0.2}", "{id: A, walk_away: 1.2}"), 2,
     "parley: {f}:2:24: parties[0].walk_away: must be in [0, 1], not 1.2"),
    ("unknown key", sub("  - {id: B}", "  - {id: B, powr: 3}"), 2,
     "parley: {f}:3:13: parties[1]: unknown key 'powr' (expected one of: id, name, power, walk_away, discount, notes, source)"),
    ("alias", sub("  - {id: B}", "  - &b {id: B}\n  - *b"), 2,
     "parley: {f}:4:6: YAML aliases (*name) are not supported in scenarios"),
    ("deep nesting", "parties: " + "[" * 200 + "]" * 200 + "\n", 2,
     "parley: {f}:1:72: not valid YAML: Max depth (64) exceeded"),
    ("huge file", "# " + "x" * 77 + "\n" * 1 + ("#" * 79 + "\n") * 900000, 3,
     "parley: {f}: file is 72000080 bytes; scenarios are limited to 67108864 bytes"),
    ("uncertainty out of range", "uncertainty: {position: 200}\n" + BASE, 2,
     "parley: {f}:1:25: uncertainty.position: must be in [0, 100], not 200"),
    ("huge range", sub("range: [0, 4]", "range: [0, 1e12]"), 3,
     "parley: {f}:9:13: issues[1]: range has 500000000001 values; at most 1000000 are allowed (use a larger step)"),
]
