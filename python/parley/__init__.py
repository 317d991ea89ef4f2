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
import copy
import csv
import functools
import html
import io
import json
import os
import re
import threading
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


def _path(p):
    """A file name for the library: the bytes the OS uses (os.fsencode)."""
    b = os.fsencode(p)
    if b"\0" in b:
        raise ParleyError(INPUT, "a path must not contain a NUL character")
    return b


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
        return C.string_at(ptr).decode("utf-8", "replace")
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
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


_INT = re.compile(r"-?[0-9]+\Z")
_FLOAT = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


class Result(dict):
    """A result: a dict with exactly the content of the command's JSON.

    `command` names the command whose document this is. `to_records()`
    gives the rows of the command's CSV document as a list of dicts (numbers
    as int/float, true/false as bool, empty fields as None; columns that
    name things stay text: party, plan, point, issue, option values such as
    from/to and a frontier's issue_<issue> columns, ids), ready for
    pandas.DataFrame(result.to_records())."""

    def __init__(self, command, doc, csv_text, text_columns=()):
        super().__init__(doc)
        self.command = command
        self._csv = csv_text
        self._text_columns = frozenset(text_columns)

    def to_records(self):
        rows = csv.DictReader(io.StringIO(self._csv, newline=""))
        text = self._text_columns
        return [{k: v if k in text and v != "" else _typed(k, v) for k, v in row.items()}
                for row in rows]

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
    a KTAB scenario (.csv, or .xml); a GMCR+ save file (.gmcr), a
    gmcr-case JSON file or a YAML file with only a `conflict:` section. `kind` ("scenario", "genius", "ktab", "gmcr") overrides the
    guess from the name. Raises ParleyError for a file that cannot be read
    or is not valid (code 2 or 4, with file, line, column and field)."""
    path = os.fspath(path)
    guessed = kind is None
    kind = _kind_of(path, profiles, kind)
    try:
        return Scenario._open(path, kind, profiles)
    except ParleyError as e:
        if not (guessed and kind == "scenario" and e.field == "(top level)"
                and "'parties'" in e.message):
            raise
        # a YAML file with no parties, only a `conflict:` section, is a GMCR conflict
        try:
            return Scenario._open(path, "gmcr", None)
        except ParleyError:
            raise e from None


def _threads(v):
    return _integer(v, "threads", 0, 4096)


def _in_use(method):
    """Marks a Scenario method: refused on a closed scenario, and close()
    waits out of it (a thread cannot free what another is computing with)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kw):
        with self._lock:
            if self._closed:
                raise ParleyError(INPUT, "the scenario is closed", file=self.path)
            self._busy += 1
        try:
            return method(self, *args, **kw)
        finally:
            with self._lock:
                self._busy -= 1
    return wrapper


class Scenario:
    """A loaded scenario. Which methods apply depends on what was read:

      YAML scenario  check, score, diff, stances, fit, concede, mediate,
                     sensitivity, frontier, solve, negotiate, tournament,
                     forecast (issues with positions), stability (a
                     `conflict:` section), report, with_overrides
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
        self._check = None
        self._lock = threading.Lock()
        self._busy = 0
        self._closed = False
        self._owned = []  # (free function, pointer), freed in reverse order
        self._finalizer = weakref.finalize(self, Scenario._release, self._owned)
        err = S.Error()
        if kind == "scenario":
            self._sc = self._own(L.scenario_free,
                                 _ptr_error(L.scenario_load(_path(path), C.byref(err)), err))
        elif kind == "genius":
            if profiles:
                profs = [_path(p) for p in profiles]
                arr = (C.c_char_p * len(profs))(*profs)
                sp = L.genius_load(_path(path), arr, len(profs), C.byref(err))
            else:
                sp = L.genius_load_folder(_path(path), C.byref(err))
            self._space = self._own(L.space_free, _ptr_error(sp, err))
        elif kind == "ktab":
            fc = L.fc_read_ktab(_path(path), C.byref(err))
            if not fc:
                raise ParleyError._from(err)
            self._own(L.fc_scenario_free, fc)
            self._fc = fc
        else:
            yaml = os.path.splitext(path)[1].lower() in (".yaml", ".yml")
            load_conflict = L.conflict_load_yaml if yaml else L.conflict_load_json
            self._conflict = self._own(L.conflict_free,
                                       _ptr_error(load_conflict(_path(path), C.byref(err)), err))
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
        """Frees the library's memory now (otherwise when the object goes).
        Refused (ParleyError) while another thread is in one of its methods."""
        with self._lock:
            if self._busy:
                raise ParleyError(INPUT, "the scenario is in use by another thread",
                                  file=self.path)
            self._closed = True
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

    def _check_doc(self):
        """The `check` document of a YAML scenario, read once."""
        if self._check is None:
            err = S.Error()
            self._check = json.loads(_take_string(
                _doc("scenario_dumps")(self._sc, L.DOC_JSON, C.byref(err)), err))
        return self._check

    @property
    @_in_use
    def parties(self):
        """The parties (as `parley check` lists them; actors of a KTAB file,
        decision makers of a conflict)."""
        if self.kind == "scenario":
            return copy.deepcopy(self._check_doc()["parties"])
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
    @_in_use
    def issues(self):
        """The issues with their options (as `parley check` lists them;
        dimensions of a KTAB file, options of a conflict)."""
        if self.kind == "scenario":
            return copy.deepcopy(self._check_doc()["issues"])
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
    @_in_use
    def plans(self):
        """The versions of the plan in file order, with their points (as
        `parley check` lists them; [] for other kinds of files)."""
        if self.kind != "scenario":
            return []
        return copy.deepcopy(self._check_doc()["plans"])

    def _plan(self, plan, field="plan"):
        """Index of plan id `plan` (None: the last plan), or ParleyError."""
        if plan is None:
            n = len(self._check_doc()["plans"])
            if not n:
                raise ParleyError(INPUT, "the scenario has no plans", file=self.path, field=field)
            return n - 1
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

    @_in_use
    def score(self, plan=None, runs=None, seed=1, vary_pos=None, vary_sal=None, threads=0,
              **overrides):
        """`parley score FILE [--plan ID]`: each party's utility of the plan
        (default: the last one), its walk-away and on-board share, reported
        stances, and each point's effect.

        runs=N is `--runs N`: the score under uncertainty, N runs with
        weights and positions drawn within vary_pos / vary_sal (else the
        scenario's `uncertainty:`, else the defaults), seeded by seed.
        Other keywords are what-ifs (set=, weight=, walk_away=, power=; see
        with_overrides), applied to a copy: `sc.score("us28", walk_away=
        {"RU": 0.3})` is `parley score FILE --plan us28 --walk-away RU=0.3`."""
        if overrides:
            return self._what_if(overrides, "score", plan, runs, seed, vary_pos, vary_sal,
                                 threads)
        self._need("score", "scenario")
        if runs is None and (vary_pos is not None or vary_sal is not None):
            raise ParleyError(INPUT, "vary_pos and vary_sal are for runs=N", field="runs")
        k = self._plan(plan)
        err = S.Error()
        if runs is not None:
            o = S.ScoreMcOptions()
            _doc("score_mc_options_init")(C.byref(o))
            o.runs = _integer(runs, "runs", 1, 10000000)
            o.seed = _integer(seed, "seed", 0, 2**64 - 1)
            o.threads = _threads(threads)
            if vary_pos is not None:
                o.vary_position = _number(vary_pos, "vary_pos", 0, 100)
            if vary_sal is not None:
                o.vary_salience = _number(vary_sal, "vary_sal", 0, 1)
            mc = S.ScoreMc()
            _check(_doc("score_monte_carlo")(self._sc, k, C.byref(o), C.byref(mc),
                                             C.byref(err)), err)
            try:
                return Result("score", *_documents(_doc("score_mc_dumps"), self._sc,
                                                   C.byref(mc)))
            finally:
                L.score_mc_free(C.byref(mc))
        s = S.Score()
        _check(L.plan_score(self._sc, k, C.byref(s), C.byref(err)), err)
        try:
            doc, text = _documents(L.score_dumps, self._sc, C.byref(s))
        finally:
            L.score_free(C.byref(s))
        return Result("score", doc, text)

    @_in_use
    def check(self):
        """`parley check FILE`: the scenario as loaded (parties, issues, plans,
        stances, warnings)."""
        self._need("check", "scenario")
        return Result("check", *_documents(_doc("scenario_dumps"), self._sc))

    @_in_use
    def diff(self, a, b):
        """`parley diff FILE A B`: what changed from plan a to plan b, point by
        point and issue by issue, and whom it moved."""
        self._need("diff", "scenario")
        ka, kb = self._plan(a, "a"), self._plan(b, "b")
        d = S.Diff()
        err = S.Error()
        _check(L.plans_diff(self._sc, ka, kb, C.byref(d), C.byref(err)), err)
        try:
            return Result("diff", *_documents(_doc("diff_dumps"), self._sc, C.byref(d)))
        finally:
            L.diff_free(C.byref(d))

    @_in_use
    def stances(self):
        """`parley stances FILE`: every reported stance beside the model's
        utility, on-board share and verdict."""
        self._need("stances", "scenario")
        n = len(self._check_doc()["stances"])
        checks = (S.StanceCheck * (n + 1))()
        err = S.Error()
        _check(L.stances_check(self._sc, checks, C.byref(err)), err)
        return Result("stances", *_documents(_doc("stance_check_dumps"), self._sc, checks))

    @_in_use
    def fit(self, party, bound=0.5):
        """`parley fit FILE --party P [--bound B]`: P's weights fitted to its
        reported stances, each within ±bound of the scenario's."""
        self._need("fit", "scenario")
        bound = _number(bound, "bound", 0, 1)
        k = self._party(party)
        f = S.Fit()
        err = S.Error()
        status = L.weights_fit(self._sc, k, bound, C.byref(f), C.byref(err))
        try:
            _check(status, err)
            return Result("fit", *_documents(_doc("fit_dumps"), self._sc, C.byref(f), bound))
        finally:
            L.fit_free(C.byref(f))

    @_in_use
    def concede(self, plan, for_party, keep=(), keep_all=False, objective="points",
                max_work=None):
        """`parley concede FILE --plan ID --for P`: the cheapest changes to
        the plan that bring for_party to its walk-away, keeping the parties
        of `keep` (or every other party with keep_all) at or above theirs.
        objective: "points" (fewest points changed), "loss" (least loss to
        the others) or "nash". When no package qualifies the result says so
        ("feasible": false, the closest package), as the command does with
        exit 1; no exception is raised. max_work: branch-and-bound nodes the
        integer program may take (the command's --max-work, default 1e5);
        more raises ParleyError code 3."""
        self._need("concede", "scenario")
        objectives = ("points", "loss", "nash")
        if objective not in objectives:
            raise ParleyError(INPUT, "objective must be points, loss or nash, not %r" % objective,
                              field="objective")
        k = self._plan(plan)
        target = self._party(for_party, "for_party")
        if isinstance(keep, str):
            keep = [keep]
        n = len(self._check_doc()["parties"])
        flags = (C.c_bool * max(n, 1))()
        for p in keep:
            flags[self._party(p, "keep")] = True
        if keep_all:
            for j in range(n):
                flags[j] = True
        flags[target] = False
        req = S.ConcedeRequest(k, target, flags, objectives.index(objective))
        if max_work is not None:
            req.max_nodes = _number(max_work, "max_work", 1, float("inf"))
        r = S.ConcedeResult()
        err = S.Error()
        _check(L.concede_run(self._sc, C.byref(req), C.byref(r), C.byref(err)), err)
        try:
            return Result("concede", *_documents(_doc("concede_result_dumps"), self._sc,
                                                 C.byref(req), C.byref(r)))
        finally:
            L.concede_result_free(C.byref(r))

    @_in_use
    def mediate(self, plan, rounds=50, concept="nash", threads=0):
        """`parley mediate FILE --plan ID`: single-negotiating-text rounds from
        the plan toward the concept's package ("nash", "kalai", "ks",
        "welfare"); "all_above" false is the command's exit 1."""
        self._need("mediate", "scenario")
        concepts = ("nash", "kalai", "ks", "welfare")
        if concept not in concepts:
            raise ParleyError(INPUT, "concept must be nash, kalai, ks or welfare", field="concept")
        rounds = _integer(rounds, "rounds", 1, 100000)
        k = self._plan(plan)
        err = S.Error()
        an = _ptr_error(L.mediation_analysis(self._sc, _threads(threads), C.byref(err)), err)
        try:
            m = S.Mediation()
            _check(L.mediation_run(self._sc, k, concepts.index(concept), rounds, an, C.byref(m),
                                   C.byref(err)), err)
            try:
                return Result("mediate", *_documents(_doc("mediation_dumps"), self._sc, k,
                                                     concepts.index(concept), C.byref(m)))
            finally:
                L.mediation_free(C.byref(m))
        finally:
            L.analysis_free(an)

    # -- what-ifs ------------------------------------------------------------------------------

    @_in_use
    def with_overrides(self, **overrides):
        """A new Scenario: this file read again with what-ifs applied, as
        the command's --set, --weight, --walk-away and --power do, in the
        order given. Keywords: set={"ISSUE": "OPTION"}, weight={"PARTY.ISSUE":
        W}, walk_away={"PARTY": V}, power={"PARTY": V}; a value may also be
        a list of "NAME=VALUE" texts. This scenario is left as it is."""
        self._need("what-ifs", "scenario")
        pairs = []
        for key, value in overrides.items():
            if key not in _OVERRIDES:
                raise ParleyError(INPUT, "unknown what-if %r (set, weight, walk_away, power)"
                                  % key, field=key)
            if isinstance(value, dict):
                items = ["%s=%s" % (k, _override_value(v)) for k, v in value.items()]
            elif isinstance(value, str):
                items = [value]
            else:
                items = list(value)
            pairs += [(_OVERRIDES[key], _b(t)) for t in items]
        new = Scenario._open(self.path, "scenario", None)
        try:
            for kind, text in pairs:
                err = S.Error()
                _check(_doc("scenario_override")(new._sc, kind, text, C.byref(err)), err)
        except BaseException:
            new.close()
            raise
        return new

    def _what_if(self, overrides, method, *args, **kw):
        tmp = self.with_overrides(**overrides)
        try:
            return getattr(tmp, method)(*args, **kw)
        finally:
            tmp.close()

    @_in_use
    def sensitivity(self, plan=None, **overrides):
        """`parley sensitivity FILE [--plan ID]`: for every party, the exact
        range of each of its weights (as written) and of its walk-away over
        which it stays at or above its walk-away under the plan, and the
        smallest change that flips it. Keywords: what-ifs as with_overrides."""
        if overrides:
            return self._what_if(overrides, "sensitivity", plan)
        self._need("sensitivity", "scenario")
        k = self._plan(plan)
        s = S.Sensitivity()
        err = S.Error()
        _check(_doc("plan_sensitivity")(self._sc, k, C.byref(s), C.byref(err)), err)
        try:
            return Result("sensitivity", *_documents(_doc("sensitivity_dumps"), self._sc,
                                                     C.byref(s)))
        finally:
            L.sensitivity_free(C.byref(s))

    # -- the report ----------------------------------------------------------------------------

    @_in_use
    def report(self, plan=None, rounds=None, runs=None, seed=None, threads=0):
        """`parley report FILE`: the whole analysis as one self-contained HTML
        page (charts, captions, tables), as a `Report` (a str holding the
        page; in a notebook it shows in a frame). plan: where "what would it
        take" starts (default: the last plan); rounds: mediation rounds (50);
        runs: Monte Carlo forecast runs (200); seed: the forecast's seed."""
        self._need("report", "scenario")
        opt = S.ReportOptions()
        _doc("report_options_init")(C.byref(opt))
        if plan is not None:
            self._plan(plan)
            opt.plan = _b(plan)
        if rounds is not None:
            opt.mediate_rounds = _integer(rounds, "rounds", 1, 100000)
        if runs is not None:
            opt.mc_runs = _integer(runs, "runs", 1, 100000)
        if seed is not None:
            opt.seed = _integer(seed, "seed", 0, 2**64 - 1)
        opt.threads = _threads(threads)
        err = S.Error()
        conflict = L.conflict_load_yaml(_path(self.path), C.byref(err))
        if not conflict and not (err.field == b"conflict" and b"no 'conflict:'" in err.message):
            raise ParleyError._from(err)
        try:
            opt.conflict = conflict
            err = S.Error()
            return Report(_take_string(_doc("report_dumps")(self._sc, C.byref(opt),
                                                            C.byref(err)), err))
        finally:
            if conflict:
                L.conflict_free(conflict)

    # -- outcome spaces: frontier ---------------------------------------------------------------

    def _analysis(self, command, concepts, frontier, plan, all_outcomes, zone, max_outcomes,
                  max_steps, seed, threads):
        sp = self._get_space(command)
        opt = S.AnalysisOptions()
        L.analysis_options_init(C.byref(opt))
        opt.keep_irrational = bool(all_outcomes)
        opt.skip_zone = not zone
        if max_outcomes is not None:
            opt.max_outcomes = _number(max_outcomes, "max_outcomes", 1, float("inf"))
        if max_steps is not None:
            opt.max_steps = _number(max_steps, "max_steps", 1, float("inf"))
        opt.seed = _integer(seed, "seed", 0, 2**64 - 1)
        opt.threads = _threads(threads)
        doc = S.AnalysisDoc()
        doc.concepts = concepts
        doc.frontier = frontier
        doc.scenario = self._sc  # NULL for a GENIUS domain: its overrides are echoed
        if plan is not None:
            if self.kind != "scenario":
                raise ParleyError(INPUT, "plan needs a parley scenario (GENIUS files have no "
                                  "plans)", file=self.path, field="plan")
            k = self._plan(plan)
            s = S.Score()
            err = S.Error()
            _check(L.plan_score(self._sc, k, C.byref(s), C.byref(err)), err)
            try:
                party = C.cast(s.party, C.POINTER(S.PartyScore))
                u = (C.c_double * s.n_parties)(*[party[j].utility for j in range(s.n_parties)])
                exact = s.n_open == 0 and all(party[j].exact for j in range(s.n_parties))
            finally:
                L.score_free(C.byref(s))
            doc.plan_id = _b(plan)
            doc.plan_utilities = u
            doc.plan_exact = exact
        err = S.Error()
        an = _ptr_error(L.analysis_run(sp, C.byref(opt), C.byref(err)), err)
        try:
            d, text = _documents(_doc("analysis_dumps"), sp, an, C.byref(doc))
            fr = C.cast(an, C.POINTER(S.Frontier)).contents
            utilities = _matrix(fr.utility, fr.n_points, fr.n_parties)
        finally:
            L.analysis_free(an)
        names = [_s(L.space_party_name(sp, p)) for p in range(L.space_party_count(sp))]
        issues = [_s(L.space_issue_name(sp, i)) for i in range(L.space_issue_count(sp))]
        return FrontierResult(command, d, text, utilities, names, issues)

    @_in_use
    def frontier(self, plan=None, all_outcomes=False, zone=True, max_outcomes=None,
                 max_steps=None, seed=1, threads=0):
        """`parley frontier FILE`: the exact Pareto frontier over the outcomes
        at or above every walk-away (all_outcomes=True: every outcome), the
        Nash, Kalai, Kalai-Smorodinsky and max-welfare packages and the zone
        of agreement (zone=False: not counted); plan: how far that plan is
        from the frontier and from the Nash package. The result's
        `utilities` is the frontier as a NumPy array (points x parties, in
        the document's order) when NumPy is installed, else a list of lists.
        An empty frontier is a result with no points (the command's exit 1)."""
        return self._analysis("frontier", 15, True, plan, all_outcomes, zone, max_outcomes,
                              max_steps, seed, threads)

    @_in_use
    def solve(self, concept, plan=None, all_outcomes=False, max_outcomes=None, max_steps=None,
              seed=1, threads=0):
        """`parley solve FILE --concept C`: the bargaining solution packages
        (all ties) on the exact Pareto frontier. concept: "nash", "kalai",
        "ks", "welfare" or "all", or several as a list or "nash,kalai"."""
        names = concept.split(",") if isinstance(concept, str) else list(concept)
        mask = 0
        for name in names:
            if name not in _CONCEPT_BITS:
                raise ParleyError(INPUT, "concept must be nash, kalai, ks or welfare, not %r"
                                  % name, field="concept")
            mask |= _CONCEPT_BITS[name]
        if not mask:
            raise ParleyError(INPUT, "concept nash|kalai|ks|welfare is required", field="concept")
        return self._analysis("solve", mask, False, plan, all_outcomes, True, max_outcomes,
                              max_steps, seed, threads)

    # -- outcome spaces: negotiation ------------------------------------------------------------

    def _get_space(self, what):
        self._need(what, "scenario", "genius")
        if not self._space:
            err = S.Error()
            self._space = self._own(L.space_free,
                                    _ptr_error(L.space_from_scenario(self._sc, C.byref(err)),
                                               err))
        return self._space

    def _nego_domain(self, what, all_outcomes, max_outcomes, threads, information, owned):
        """A negotiation domain as `parley negotiate/tournament` builds it."""
        if information not in ("private", "full"):
            raise ParleyError(INPUT, "information must be private or full, not %r" % information,
                              field="information")
        sp = self._get_space(what)
        aopt = S.AnalysisOptions()
        L.analysis_options_init(C.byref(aopt))
        aopt.keep_irrational = bool(all_outcomes)
        if max_outcomes is not None:
            aopt.max_outcomes = _number(max_outcomes, "max_outcomes", 1, float("inf"))
        aopt.threads = _threads(threads)
        err = S.Error()
        dom = _ptr_error(L.nego_domain_new(sp, C.byref(aopt), C.byref(err)), err)
        owned.append((L.nego_domain_free, dom))
        info = 1 if information == "private" else 0
        if info:
            _check(L.nego_domain_prepare_private(
                dom, aopt.max_outcomes if max_outcomes is not None else 0, C.byref(err)), err)
        return dom, info

    def _party_names(self):
        sp = self._get_space("negotiate")
        return [_s(L.space_party_name(sp, p)) for p in range(L.space_party_count(sp))]

    @staticmethod
    def _spec(strategy, accept, field):
        spec = S.AgentSpec()
        err = S.Error()
        _check(L.agent_spec_parse(_b(strategy), _b(field), C.byref(spec), C.byref(err)), err)
        if accept and "/" not in strategy:
            _check(L.acceptance_parse(_b(accept), b"accept", C.byref(spec.accept), C.byref(err)),
                   err)
            name = spec.name + b"/" + _b(accept)
            spec.name = name[:47]
        return spec

    @_in_use
    def negotiate(self, agents, accept=None, information="private", steps=None, rounds=None,
                  deadline=None, seed=1, all_outcomes=False, max_outcomes=None, threads=0):
        """`parley negotiate FILE --agent P=STRATEGY ...`: one stacked
        alternating-offers negotiation.

        agents: {party: strategy} (party id or 1-based number), or a list of
        strategies in party order, or a list of "PARTY=STRATEGY" texts (as
        --agent). Strategies as the command reads them: boulware, linear,
        conceder, hardliner, timedep:E, random, boa, boa:E, nicetft,
        titfortat, nash, each with optional "/RULES". accept: rules for
        agents without their own. Deadline: steps (default 200), rounds
        (GENIUS rounds) or deadline (seconds); seed: random agents' seed;
        all_outcomes: offers from the whole frontier (--all)."""
        given = [x is not None for x in (steps, rounds, deadline)]
        if sum(given) > 1:
            raise ParleyError(INPUT, "give one of steps, rounds and deadline", field="steps")
        steps = 200 if steps is None else _integer(steps, "steps", 1, 1000000)
        rounds = 0 if rounds is None else _integer(rounds, "rounds", 1, 1000000)
        deadline = 0.0 if deadline is None else _number(deadline, "deadline", 0, 86400, True)
        seed = _integer(seed, "seed", 0, 2**64 - 1)
        names = self._party_names()
        d = len(names)
        pairs = []
        if isinstance(agents, dict):
            pairs = list(agents.items())
        else:
            for a in agents:
                pairs.append(tuple(a.split("=", 1)) if "=" in a else (None, a))
        specs = (S.AgentSpec * d)()
        have = [False] * d
        for party, strategy in pairs:
            if party is None:
                free = [q for q in range(d) if not have[q]]
                if not free:
                    raise ParleyError(INPUT, "more agents than parties (%d)" % d, field="agents")
                p = free[0]
            else:
                p = _nego_party(names, str(party))
                if p < 0:
                    raise ParleyError(INPUT, "no party '%s'" % party, file=self.path,
                                      field="agents")
            if have[p]:
                raise ParleyError(INPUT, "two agents for party %s" % names[p], field="agents")
            specs[p] = self._spec(strategy, accept, "--agent")
            have[p] = True
        for p in range(d):
            if not have[p]:
                raise ParleyError(INPUT, "party %s has no agent" % names[p], field="agents")
        owned = []
        try:
            dom, info = self._nego_domain("negotiate", all_outcomes, max_outcomes, threads,
                                          information, owned)
            nopt = S.NegotiateOptions()
            L.negotiate_options_init(C.byref(nopt))
            nopt.steps = 1000000 if deadline > 0 else steps
            nopt.deadline_seconds = deadline
            nopt.seed = seed
            nopt.information = info
            nopt.rounds = rounds
            nopt.scenario = self._sc  # the document echoes its overrides (NULL: GENIUS)
            err = S.Error()
            res = _ptr_error(L.negotiate_run(dom, specs, C.byref(nopt), C.byref(err)), err)
            owned.append((L.negotiation_result_free, res))
            sp = self._get_space("negotiate")
            issues = [_s(L.space_issue_name(sp, i)) for i in range(L.space_issue_count(sp))]
            return Result("negotiate", *_documents(_doc("negotiation_result_dumps"), dom, specs,
                                                   C.byref(nopt), res),
                          text_columns=["issue_" + i for i in issues])
        finally:
            for free, ptr in reversed(owned):
                free(ptr)

    @_in_use
    def tournament(self, agents, reps=1, accept=None, information="private", steps=None,
                   rounds=None, runs=False, seed=1, all_outcomes=False, max_outcomes=None,
                   threads=0, max_work=2e9):
        """`parley tournament FILE --agents A,B,...`: every assignment of the
        strategies to the parties, each repeated `reps` times, with scores
        per strategy; runs=True lists every negotiation too (and to_records()
        gives the negotiations, as the command's CSV does). A tournament of
        more than max_work actions (negotiations x deadline) raises
        ParleyError code 3 before it starts, as the command refuses it."""
        if steps is not None and rounds is not None:
            raise ParleyError(INPUT, "give steps or rounds, not both", field="steps")
        reps = _integer(reps, "reps", 1, 10**7)
        steps = 200 if steps is None else _integer(steps, "steps", 1, 10**8)
        rounds = 0 if rounds is None else _integer(rounds, "rounds", 1, 10**6)
        seed = _integer(seed, "seed", 0, 2**64 - 1)
        if isinstance(agents, str):
            agents = agents.split(",")
        agents = list(agents)
        if not agents:
            raise ParleyError(INPUT, "agents lists no strategy", field="agents")
        specs = (S.AgentSpec * len(agents))(*[self._spec(a, accept, "--agents") for a in agents])
        max_work = _number(max_work, "max_work", 1, float("inf"))
        d = len(self._party_names())
        n_runs = float(len(agents)) ** d * reps
        actions = rounds * d if rounds else steps
        if n_runs * actions > max_work:
            raise ParleyError(LIMIT, "a tournament of %.3g negotiations of up to %g actions is "
                              "over max_work %.3g" % (n_runs, actions, max_work),
                              field="max_work")
        owned = []
        try:
            dom, info = self._nego_domain("tournament", all_outcomes, max_outcomes, threads,
                                          information, owned)
            topt = S.TournamentOptions()
            L.tournament_options_init(C.byref(topt))
            topt.reps = reps
            topt.steps = steps
            topt.threads = _threads(threads)
            topt.seed = seed
            topt.information = info
            topt.rounds = rounds
            topt.scenario = self._sc
            err = S.Error()
            res = _ptr_error(L.tournament_run_all(dom, specs, len(agents), C.byref(topt),
                                                  C.byref(err)), err)
            owned.append((L.tournament_result_free, res))
            return Result("tournament", *_documents(_doc("tournament_result_dumps"), dom, specs,
                                                    C.byref(topt), res, bool(runs)))
        finally:
            for free, ptr in reversed(owned):
                free(ptr)

    # -- forecasts -------------------------------------------------------------------------------

    @_in_use
    def forecast(self, model="smp", runs=0, seed=None, params=(), ktab_bugs=False, max_turns=None,
                 rounds=None, q=None, eum_prob=None, vary_pos=None, vary_sal=None, vary_cap=None,
                 threads=0, max_work=2e10):
        """`parley forecast FILE` (a YAML scenario with option positions) or
        `parley forecast --ktab FILE`: where multi-round bargaining lands.

        model: "smp", "eum", "compromise", "median"; runs > 0: a Monte Carlo
        distribution over that many runs (ranges vary_pos, vary_sal,
        vary_cap, else the file's `uncertainty:`, else the defaults); seed
        (default: the file's, else KTAB's); params: SMP parameters as
        {"VotingRule": "PropCbc"} or ["VotingRule=PropCbc"]; max_turns (SMP),
        rounds, q and eum_prob ("scholz"/"alliance") (EUM). A request
        estimated above max_work steps or half the physical memory raises
        ParleyError code 3, as the command refuses it."""
        self._need("forecast", "scenario", "ktab")
        o = S.FcOptions()
        L.fc_options_default(C.byref(o))
        m = L.fc_model_from_name(_b(model))
        if m < 0:
            raise ParleyError(INPUT, "model must be smp, eum, compromise or median, not %r"
                              % model, field="model")
        if max_turns is not None:
            o.smp.max_turns = _integer(max_turns, "max_turns", 1, 100000)
        if rounds is not None:
            o.eum.rounds = _integer(rounds, "rounds", 1, 10000)
        runs = 0 if not runs else _integer(runs, "runs", 1, 10000000)
        if q is not None:
            o.eum.q = _number(q, "q", 0, 1)
        if eum_prob is not None:
            if eum_prob not in ("scholz", "alliance"):
                raise ParleyError(INPUT, "eum_prob must be scholz or alliance", field="eum_prob")
            o.eum.scholz_denominator = eum_prob == "scholz"
        nan = float("nan")
        vp = nan if vary_pos is None else _number(vary_pos, "vary_pos", 0, 100)
        vs = nan if vary_sal is None else _number(vary_sal, "vary_sal", 0, 1)
        vc = nan if vary_cap is None else _number(vary_cap, "vary_cap", 0, 0.99)
        max_work = _number(max_work, "max_work", 1, float("inf"))
        if isinstance(params, dict):
            params = ["%s=%s" % kv for kv in params.items()]
        params = [_b(p) for p in params]
        err = S.Error()
        for p in params:
            name, eq, value = p.partition(b"=")
            if not eq:
                raise ParleyError(INPUT, "a parameter needs NAME=VALUE, not %r" % _s(p),
                                  field="params")
            _check(L.smp_param_set(C.byref(o.smp), name, value, C.byref(err)), err)
        o.smp.ktab_bargain_bugs = bool(ktab_bugs)
        o.threads = _threads(threads)
        if seed is not None:
            o.seed = _integer(seed, "seed", 0, 2**64 - 1)
        o.model = m
        if self.kind == "ktab":
            sc = L.fc_scenario_copy(self._fc)
            if not sc:
                raise ParleyError(LIMIT, "out of memory")
        else:
            sc = L.fc_from_scenario(self._sc, C.byref(err))
            if not sc:
                raise ParleyError._from(err)
        owned = [(L.fc_scenario_free, sc)]
        try:
            if self.kind == "ktab":
                arr = (C.c_char_p * max(len(params), 1))(*params)
                _check(L.fc_options_merge(C.byref(o), sc, arr, len(params), seed is not None,
                                          C.byref(err)), err)
                L.fc_scenario_set_ranges(sc, None, vp, vs, vc)
            else:
                L.fc_scenario_set_ranges(sc, self._sc, vp, vs, vc)
            cost = S.FcCost()
            L.fc_estimate(sc, C.byref(o), runs, C.byref(cost))
            what = ("%d runs of %d actors" % (runs, sc.contents.n_actors) if runs
                    else "a forecast of %d actors" % sc.contents.n_actors)
            if cost.bytes > _half_memory():
                raise ParleyError(LIMIT, "%s needs about %.3g bytes, over half the physical "
                                  "memory" % (what, cost.bytes), field="runs")
            if cost.work > max_work:
                raise ParleyError(LIMIT, "%s needs about %.3g steps, over max_work %.3g"
                                  % (what, cost.work, max_work), field="max_work")
            if runs:
                mc = _ptr_error(L.fc_monte_carlo(sc, C.byref(o), runs, None, None,
                                                 C.byref(err)), err)
                owned.append((L.fc_mc_free, mc))
                return Result("forecast", *_documents(_doc("fc_mc_dumps"), sc, C.byref(o), mc))
            r = _ptr_error(L.forecast_run(sc, C.byref(o), C.byref(err)), err)
            owned.append((L.fc_result_free, r))
            return Result("forecast", *_documents(_doc("fc_result_dumps"), sc, C.byref(o), r))
        finally:
            for free, ptr in reversed(owned):
                free(ptr)

    # -- conflicts (GMCR) ------------------------------------------------------------------

    def _get_conflict(self):
        self._need("stability", "gmcr", "scenario")
        if not self._conflict:
            err = S.Error()
            c = L.conflict_load_yaml(_path(self.path), C.byref(err))
            self._conflict = self._own(L.conflict_free, _ptr_error(c, err))
        return self._conflict

    def _partition(self, c, coalitions):
        nd = L.conflict_dm_count(c)
        part = (C.c_int * max(nd, 1))()
        if coalitions == "file":
            if not L.conflict_coalitions(c, part):
                raise ParleyError(INPUT, "the file defines no coalitions", file=self.path,
                                  field="coalitions")
            return part
        names = [_s(L.conflict_dm_name(c, d)) for d in range(nd)]
        for d in range(nd):
            part[d] = -1
        nxt = 0
        for group in coalitions:
            members = group.split(",") if isinstance(group, str) else list(group)
            for m in members:
                m = m.lstrip(" ") if isinstance(m, str) else m
                if m not in names or part[names.index(m)] >= 0:
                    raise ParleyError(INPUT, "'%s' is not a decision maker or is named twice" % m,
                                      file=self.path, field="coalitions")
                part[names.index(m)] = nxt
            nxt += 1
        for d in range(nd):
            if part[d] < 0:
                part[d] = nxt
                nxt += 1
        return part

    def _state(self, c, state, field):
        sid = C.c_size_t()
        err = S.Error()
        _check(L.conflict_state_find(c, _b(str(state)), C.byref(sid), C.byref(err)), err)
        return sid.value

    @_in_use
    def stability(self, coalitions=None, gmcrplus=False, status_quo=None, explain=None,
                  threads=0):
        """`parley stability FILE`: GMCR stability of every state for every
        decision maker (Nash, GMR, SMR, SEQ, SIM, SEQ+SIM) and the equilibria.

        coalitions: "file" (the file's coalitions) or a list of groups, each
        "A,B" or ["A", "B"] (--coalition); gmcrplus: GMCR+ sanctions;
        status_quo: the state to search paths from (default: the file's);
        explain: a state whose improving moves and sanctions to explain.
        A state is a 1-based id, "d<decimal>", a Y/N string or a state name."""
        c = self._get_conflict()
        if L.conflict_dm_count(c) > 64:
            raise ParleyError(INPUT, "too many decision makers", file=self.path)
        opt = S.StabilityOptions(None, bool(gmcrplus), _threads(threads))
        copt = S.StabilityOptions(None, bool(gmcrplus), _threads(threads))
        if coalitions:
            part = self._partition(c, coalitions)
            copt.agent_of_dm = part
        owned = []  # (free, pointer) of this call
        expl = None
        n_expl = 0
        err = S.Error()
        try:
            r = _ptr_error(L.stability_solve(c, C.byref(opt), C.byref(err)), err)
            owned.append((L.stability_free, r))
            rc = None
            if coalitions:
                rc = _ptr_error(L.stability_solve(c, C.byref(copt), C.byref(err)), err)
                owned.append((L.stability_free, rc))
            sq_opt = copt if coalitions else opt
            sq_r = rc if coalitions else r
            sq = L.conflict_status_quo(c)
            if status_quo is not None:
                sq = self._state(c, status_quo, "status_quo")
            ex = -1 if explain is None else self._state(c, explain, "explain")
            doc = S.StabilityDoc()
            doc.gmcrplus = bool(gmcrplus)
            doc.coalitions = rc
            doc.explain = -1
            if sq >= 0:
                qa = _ptr_error(L.status_quo_solve(c, C.byref(sq_opt), sq, False, C.byref(err)),
                                err)
                owned.append((L.status_quo_free, qa))
                qi = _ptr_error(L.status_quo_solve(c, C.byref(sq_opt), sq, True, C.byref(err)),
                                err)
                owned.append((L.status_quo_free, qi))
                doc.status_quo_any, doc.status_quo_improving, doc.status_quo = qa, qi, sq
            if ex >= 0:
                na = L.stability_agent_count(sq_r)
                expl = (S.GmcrExplanation * (_GMCR_CONCEPTS * na + 1))()
                for k in range(_GMCR_CONCEPTS):
                    if not L.stability_has_concept(sq_r, k):
                        continue
                    for ag in range(na):
                        _check(L.stability_explain(c, C.byref(sq_opt), ex, ag, k,
                                                   C.byref(expl[n_expl]), C.byref(err)), err)
                        n_expl += 1
                doc.explain = ex
                doc.explanations = expl
                doc.n_explanations = n_expl
            d, text = _documents(_doc("stability_dumps"), c, r, C.byref(doc))
        finally:
            for i in range(n_expl):
                L.gmcr_explanation_clear(C.byref(expl[i]))
            for free, ptr in reversed(owned):
                free(ptr)
        return Result("stability", d, text)

    def _repr_html_(self):
        return scenario_html(self)

    def __repr__(self):
        if self._closed:
            return "<parley.Scenario %s %r (closed)>" % (self.kind, self.path)
        return "<parley.Scenario %s %r: %d parties, %d issues, %d plans>" % (
            self.kind, self.path, len(self.parties), len(self.issues), len(self.plans))


_GMCR_CONCEPTS = 6  # PARLEY_GMCR_CONCEPTS


def _number(v, field, lo, hi, open_low=False):
    """A float argument in [lo, hi] ((lo, hi] with open_low), or ParleyError."""
    try:
        x = float(v)
    except (TypeError, ValueError):
        x = float("nan")
    if not (lo <= x <= hi) or (open_low and x == lo) or isinstance(v, bool):
        raise ParleyError(INPUT, "%s must be a number from %g to %g, not %r" % (field, lo, hi, v),
                          field=field)
    return x


def _integer(v, field, lo, hi):
    """An integer argument in [lo, hi], or ParleyError."""
    if isinstance(v, bool) or not isinstance(v, int):
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        else:
            raise ParleyError(INPUT, "%s must be an integer from %d to %d, not %r"
                              % (field, lo, hi, v), field=field)
    if not lo <= v <= hi:
        raise ParleyError(INPUT, "%s must be an integer from %d to %d, not %r" % (field, lo, hi, v),
                          field=field)
    return v


def _nego_party(names, text):
    """A party by name or 1-based number (as the command's --agent), or -1."""
    if text in names:
        return names.index(text)
    if text.isdigit() and 1 <= int(text) <= len(names):
        return int(text) - 1
    return -1


def _half_memory():
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2
    except (ValueError, OSError):
        return float("inf")


def _doc(name):
    """The library's document function `parley_<name>`."""
    f = getattr(L, name)
    if f is None:
        raise ParleyError(INTERNAL, "this libparley (%s, %s) has no parley_%s"
                          % (version(), L.path, name))
    return f


_OVERRIDES = {"set": b"set", "weight": b"weight", "walk_away": b"walk-away", "power": b"power"}
_CONCEPT_BITS = {"nash": 1, "kalai": 2, "egalitarian": 2, "ks": 4, "kalai-smorodinsky": 4,
                 "welfare": 8, "max_welfare": 8, "all": 15}


def _override_value(v):
    return repr(v) if isinstance(v, float) else str(v)


def _matrix(ptr, rows, cols):
    """A rows x cols array of doubles copied from C: NumPy when present."""
    n = rows * cols
    flat = C.cast(ptr, C.POINTER(C.c_double * n)).contents if n else []
    try:
        import numpy
    except ImportError:
        return [list(flat[r * cols:(r + 1) * cols]) for r in range(rows)]
    if not n:
        return numpy.zeros((rows, cols))
    return numpy.frombuffer(flat, dtype=numpy.float64).reshape(rows, cols).copy()


class Report(str):
    """The HTML page of `parley report` (a str). In a notebook it shows in
    a frame, so that the page's own styles stay inside it; save it with
    open("report.html", "w").write(report)."""

    def _repr_html_(self):
        return ('<iframe srcdoc="%s" style="width:100%%;height:640px;border:1px solid #ccc">'
                '</iframe>' % html.escape(self, quote=True))


class FrontierResult(Result):
    """The frontier / solve document, plus `utilities`: the frontier's
    utility vectors as a NumPy array (points x parties; a list of lists
    without NumPy), columns in the order of `parties` (the document's)."""

    def __init__(self, command, doc, csv_text, utilities, parties, issues):
        super().__init__(command, doc, csv_text, ["issue_" + i for i in issues])
        self.utilities = utilities
        self.parties = parties


_KIND_NAME = {"scenario": "parley YAML scenario", "genius": "GENIUS domain",
              "ktab": "KTAB scenario", "gmcr": "GMCR+ conflict"}
