"""parley from Python: a binding over libparley (ctypes, standard library only).

    import parley
    sc = parley.load("examples/ukraine-2025.yaml")
    sc.parties                  # read-only: a new list of dicts on every access
    r = sc.score("framework20") # a dict: exactly `parley score --format json`
    r.to_records()              # the rows of `--format csv`, typed (pandas-friendly)

Every result is a `Result`, a dict holding exactly the content of the
command's JSON document (the library writes the document, parley/document.h;
the binding parses it), with `to_records()` and `_repr_html_()` for notebooks.
Errors raise `ParleyError` (code, message, file, line, column, field).

Threads: the GIL is released during every call into the library (ctypes.CDLL
does it), so other Python threads keep running while parley computes.
Ctrl-C: the library has no way to cancel a computation; a KeyboardInterrupt
is raised when the running C call returns (long frontiers, tournaments and
Monte Carlo forecasts finish their call first). See docs/python.md.
"""
import ctypes as C
import csv
import io
import json
import os
import weakref

from . import _lib as L
from . import _structs as S
from ._html import result_html, scenario_html

__all__ = ["load", "Scenario", "Result", "ParleyError", "version", "library_path"]

#: parley_status codes (parley/core.h).
OK, NO_ANSWER, INPUT, LIMIT, IO, INTERNAL = range(6)


class ParleyError(Exception):
    """An error from libparley (or a bad argument, checked before the call).

    code: parley_status (2 bad input, 3 a resource limit, 4 I/O, ...);
    message, file, line, column, field: as the library reports them
    ("" / 0 when unknown)."""

    def __init__(self, code, message, file="", line=0, column=0, field=""):
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        super().__init__(self._text())

    def _text(self):
        where = self.file
        if where and self.line:
            where += ":%d" % self.line
            if self.column:
                where += ":%d" % self.column
        parts = [p for p in (where, self.field, self.message) if p]
        return ": ".join(parts)

    @classmethod
    def _from(cls, err):
        dec = lambda b: b.decode("utf-8", "replace")
        return cls(err.code or INTERNAL, dec(err.message) or "unknown error", dec(err.file),
                   err.line, err.column, dec(err.field))


def _check(status, err):
    if status != OK:
        raise ParleyError._from(err)


def _b(s):
    if isinstance(s, os.PathLike):
        s = os.fspath(s)
    if isinstance(s, str):
        s = s.encode("utf-8")
    if not isinstance(s, bytes):
        raise TypeError("expected a string, not %s" % type(s).__name__)
    if b"\0" in s:
        raise ParleyError(INPUT, "a name or path must not contain a NUL character")
    return s


def _s(b):
    return None if b is None else b.decode("utf-8", "replace")


def version():
    """The running libparley's version, "MAJOR.MINOR.PATCH"."""
    return _s(L.version())


def library_path():
    """The path of the libparley.so this module loaded."""
    return L.path


# ---- documents ---------------------------------------------------------------


def _take_string(ptr, err):
    """A malloc'd char * from a *_dumps call: its text, then free()."""
    if not ptr:
        raise ParleyError._from(err)
    try:
        return C.string_at(ptr).decode("utf-8")
    finally:
        L.libc.free(ptr)


def _documents(dumps, *args):
    """The JSON document (parsed) and the CSV text of a result."""
    err = S.Error()
    text = _take_string(dumps(*args, L.DOC_JSON, C.byref(err)), err)
    doc = json.loads(text)
    err = S.Error()
    csv_text = _take_string(dumps(*args, L.DOC_CSV, C.byref(err)), err)
    return doc, csv_text


_ID_COLUMNS = {"row", "id", "plan", "party", "point", "issue", "option", "from", "to", "state",
               "agent", "strategy", "actor", "dimension", "dm", "concept", "kind", "name",
               "stance", "by", "date", "a", "b", "label", "model", "method"}


def _typed(column, value):
    if value == "":
        return None
    if column in _ID_COLUMNS or column.endswith("_id"):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


class Result(dict):
    """A result: a dict with exactly the content of the command's JSON.

    `command` names the command whose document this is. `to_records()`
    gives the rows of the command's CSV document as a list of dicts (numbers
    as int/float, true/false as bool, empty fields as None; identifier
    columns such as party, plan, point stay text), ready for
    pandas.DataFrame(result.to_records())."""

    def __init__(self, command, doc, csv_text):
        super().__init__(doc)
        self.command = command
        self._csv = csv_text

    def to_records(self):
        rows = csv.DictReader(io.StringIO(self._csv, newline=""))
        return [{k: _typed(k, v) for k, v in row.items()} for row in rows]

    def to_csv(self):
        """The command's --format csv document, as text."""
        return self._csv

    def _repr_html_(self):
        return result_html(self.command, self)

    def __repr__(self):
        return "parley.Result(%r, %s)" % (self.command, dict.__repr__(self))


# ---- the scenario --------------------------------------------------------------


def _ptr_error(ptr, err):
    if not ptr:
        raise ParleyError._from(err)
    return ptr


def _kind_of(path, profiles, kind):
    if kind:
        if kind not in ("scenario", "genius", "ktab", "gmcr"):
            raise ParleyError(INPUT, "kind must be scenario, genius, ktab or gmcr, not %r" % kind,
                              field="kind")
        return kind
    if profiles:
        return "genius"
    if os.path.isdir(path):
        return "genius"
    ext = os.path.splitext(path)[1].lower()
    if ext in (".csv", ".xml"):
        return "ktab"
    if ext in (".gmcr", ".json"):
        return "gmcr"
    return "scenario"


def load(path, profiles=None, kind=None):
    """Reads a scenario.

    path: a parley YAML scenario; a GENIUS domain folder, or a GENIUS
    domain file with `profiles` (a list of profile files, one per party);
    a KTAB scenario (.csv, or .xml); a GMCR+ save file (.gmcr) or gmcr-case
    JSON file. `kind` ("scenario", "genius", "ktab", "gmcr") overrides the
    guess from the name. Raises ParleyError for a file that cannot be read
    or is not valid (code 2 or 4, with file, line, column and field)."""
    path = os.fspath(path)
    kind = _kind_of(path, profiles, kind)
    return Scenario._open(path, kind, profiles)


class Scenario:
    """A loaded scenario. Which methods apply depends on what was read:

      YAML scenario  score, diff, frontier, solve, concede, mediate,
                     negotiate, tournament, forecast (issues with positions),
                     stability (a `conflict:` section)
      GENIUS domain  frontier, solve, negotiate, tournament
      KTAB file      forecast
      GMCR+ file     stability

    `parties`, `issues` and `plans` are read-only properties; each access
    returns a new list of new dicts."""

    def __init__(self):
        raise TypeError("use parley.load(path)")

    @classmethod
    def _open(cls, path, kind, profiles):
        self = object.__new__(cls)
        self.path = path
        self.kind = kind
        self._sc = self._space = self._fc = self._conflict = None
        self._owned = []  # (free function, pointer), freed in reverse order
        self._finalizer = weakref.finalize(self, Scenario._release, self._owned)
        err = S.Error()
        if kind == "scenario":
            self._sc = self._own(L.scenario_free,
                                 _ptr_error(L.scenario_load(_b(path), C.byref(err)), err))
        elif kind == "genius":
            if profiles:
                profs = [_b(p) for p in profiles]
                arr = (C.c_char_p * len(profs))(*profs)
                sp = L.genius_load(_b(path), arr, len(profs), C.byref(err))
            else:
                sp = L.genius_load_folder(_b(path), C.byref(err))
            self._space = self._own(L.space_free, _ptr_error(sp, err))
        elif kind == "ktab":
            fc = L.fc_read_ktab(_b(path), C.byref(err))
            if not fc:
                raise ParleyError._from(err)
            self._own(L.fc_scenario_free, fc)
            self._fc = fc
        else:
            self._conflict = self._own(L.conflict_free,
                                       _ptr_error(L.conflict_load_json(_b(path), C.byref(err)),
                                                  err))
        return self

    def _own(self, free, ptr):
        self._owned.append((free, ptr))
        return ptr

    @staticmethod
    def _release(owned):
        while owned:
            free, ptr = owned.pop()
            free(ptr)

    def close(self):
        """Frees the library's memory now (otherwise when the object goes)."""
        self._finalizer()
        self._sc = self._space = self._fc = self._conflict = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- the model, read-only ------------------------------------------------------

    def _need(self, what, *kinds):
        if self.kind not in kinds:
            raise ParleyError(INPUT, "%s needs a %s, and this is a %s file" %
                              (what, " or ".join(_KIND_NAME[k] for k in kinds),
                               _KIND_NAME[self.kind]), file=self.path)
        if not (self._sc or self._space or self._fc or self._conflict):
            raise ParleyError(INPUT, "the scenario is closed", file=self.path)

    @property
    def _model(self):
        return C.cast(self._sc, C.POINTER(S.Scenario)).contents

    @property
    def parties(self):
        """The parties (actors of a KTAB file, decision makers of a conflict)."""
        if self.kind == "scenario":
            m = self._model
            return [{"id": _s(p.id), "name": _s(p.name), "power": p.power,
                     "walk_away": p.walk_away, "discount": p.discount}
                    for p in m.parties[:m.n_parties]]
        if self.kind == "genius":
            sp = self._space
            out = []
            for p in range(L.space_party_count(sp)):
                r = L.space_reservation(sp, p)
                out.append({"id": _s(L.space_party_name(sp, p)),
                            "reservation": None if r != r else r,
                            "discount": L.space_discount(sp, p)})
            return out
        if self.kind == "ktab":
            fc = self._fc.contents
            return [{"id": _s(fc.actor[a]), "capability": fc.capability[a]}
                    for a in range(fc.n_actors)]
        c = self._conflict
        return [{"id": _s(L.conflict_dm_name(c, d))} for d in range(L.conflict_dm_count(c))]

    @property
    def issues(self):
        """The issues with their options (dimensions of a KTAB file, options of a conflict)."""
        if self.kind == "scenario":
            m = self._model
            return [{"id": _s(i.id), "name": _s(i.name),
                     "type": ("discrete", "integer", "real")[i.kind], "ordered": bool(i.ordered),
                     "options": [_s(o.id) for o in i.options[:i.n_options]]}
                    for i in m.issues[:m.n_issues]]
        if self.kind == "genius":
            sp = self._space
            return [{"id": _s(L.space_issue_name(sp, i)),
                     "options": [_s(L.space_value_label(sp, i, v))
                                 for v in range(L.space_value_count(sp, i))]}
                    for i in range(L.space_issue_count(sp))]
        if self.kind == "ktab":
            fc = self._fc.contents
            return [{"id": _s(fc.dim[d])} for d in range(fc.n_dims)]
        c = self._conflict
        return [{"id": _s(L.conflict_option_name(c, k)),
                 "dm": _s(L.conflict_dm_name(c, L.conflict_option_dm(c, k)))}
                for k in range(L.conflict_option_count(c))]

    @property
    def plans(self):
        """The versions of the plan, in file order (YAML scenarios; [] otherwise)."""
        if self.kind != "scenario":
            return []
        m = self._model
        out = []
        for pl in m.plans[:m.n_plans]:
            open_issues = sum(1 for i in range(m.n_issues) if pl.sets[i] < 0)
            out.append({"id": _s(pl.id), "points": pl.n_points, "open_issues": open_issues,
                        "name": _s(pl.name),
                        "based_on": _s(m.plans[pl.based_on].id) if pl.based_on >= 0 else None,
                        "proposed_by": (_s(m.parties[pl.proposed_by].id)
                                        if pl.proposed_by >= 0 else None),
                        "date": _s(pl.date)})
        return out

    def _plan(self, plan, field="plan"):
        """Index of plan id `plan` (None: the last plan), or ParleyError."""
        m = self._model
        if plan is None:
            if not m.n_plans:
                raise ParleyError(INPUT, "the scenario has no plans", file=self.path, field=field)
            return m.n_plans - 1
        k = L.plan_find(self._sc, _b(plan))
        if k < 0:
            raise ParleyError(INPUT, "no plan '%s'" % plan, file=self.path, field=field)
        return k

    def _party(self, party, field="party"):
        k = L.party_find(self._sc, _b(party))
        if k < 0:
            raise ParleyError(INPUT, "no party '%s'" % party, file=self.path, field=field)
        return k

    # -- analyses -----------------------------------------------------------------------

    def score(self, plan=None):
        """`parley score FILE [--plan ID]`: each party's utility of the plan
        (default: the last one), its walk-away and on-board share, reported
        stances, and each point's effect."""
        self._need("score", "scenario")
        k = self._plan(plan)
        s = S.Score()
        err = S.Error()
        _check(L.plan_score(self._sc, k, C.byref(s), C.byref(err)), err)
        try:
            doc, text = _documents(L.score_dumps, self._sc, C.byref(s))
        finally:
            L.score_free(C.byref(s))
        return Result("score", doc, text)

    def _repr_html_(self):
        return scenario_html(self)

    def __repr__(self):
        return "<parley.Scenario %s %r: %d parties, %d issues, %d plans>" % (
            self.kind, self.path, len(self.parties), len(self.issues), len(self.plans))


_KIND_NAME = {"scenario": "parley YAML scenario", "genius": "GENIUS domain",
              "ktab": "KTAB scenario", "gmcr": "GMCR+ conflict"}
