"""Finding libparley.so and declaring the C functions the binding calls.

Where the library is looked for, first match wins:
  1. the file named by the environment variable PARLEY_LIBRARY;
  2. next to the package (a libparley.so* copied into the package folder);
  3. the install prefix the package was installed with (`cmake --install`
     writes _install.py with the path from the package to the prefix's
     library folder);
  4. the build tree of a source checkout (build/libparley.so* beside python/);
  5. the system's dynamic loader (libparley.so.0, e.g. from the .deb).

The GIL: ctypes.CDLL releases the GIL around every foreign call, so other
Python threads run while the library computes. A KeyboardInterrupt (Ctrl-C)
is delivered when the C call returns: a long computation runs to its end
first (the library has no cancellation hook).
"""
import ctypes as C
import ctypes.util
import glob
import os

from . import _structs as S

_HERE = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    env = os.environ.get("PARLEY_LIBRARY")
    if env:
        yield env
        return
    for pattern in ("libparley.so", "libparley.so.*"):
        yield from sorted(glob.glob(os.path.join(_HERE, pattern)))
    try:
        from . import _install  # written by `cmake --install`
        yield os.path.normpath(os.path.join(_HERE, _install.LIBRARY))
    except ImportError:
        pass
    build = os.path.join(os.path.dirname(os.path.dirname(_HERE)), "build")
    yield from sorted(glob.glob(os.path.join(build, "libparley.so*")))
    yield "libparley.so.0"
    found = ctypes.util.find_library("parley")
    if found:
        yield found


def _open():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return C.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError(
        "parley: cannot find libparley.so; set PARLEY_LIBRARY to its path (tried: %s)"
        % ", ".join(tried))


lib, path = _open()
libc = C.CDLL(None)
libc.free.argtypes = [C.c_void_p]
libc.free.restype = None

P = C.POINTER
E = P(S.Error)
vp = C.c_void_p
sz = C.c_size_t
cs = C.c_char_p
dbl = C.c_double
i32 = C.c_int
bl = C.c_bool


def _fn(name, restype, *argtypes, optional=False):
    try:
        f = getattr(lib, name)
    except AttributeError:
        if optional:
            return None
        raise
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


# Every function the binding may call, with its C signature. A document
# function the loaded library lacks (an older libparley) is None and the
# method that needs it says so.
_SIGNATURES = {
    "parley_version": (cs,),
    "parley_error_format": (cs, E, C.c_char_p, sz),
    # scenario
    "parley_scenario_load": (vp, cs, E),
    "parley_scenario_free": (None, vp),
    "parley_plan_find": (C.c_long, vp, cs),
    "parley_party_find": (C.c_long, vp, cs),
    # scoring
    "parley_plan_score": (i32, vp, sz, P(S.Score), E),
    "parley_score_free": (None, P(S.Score)),
    "parley_plans_diff": (i32, vp, sz, sz, P(S.Diff), E),
    "parley_diff_free": (None, P(S.Diff)),
    # spaces and GENIUS
    "parley_space_from_scenario": (vp, vp, E),
    "parley_genius_load": (vp, cs, P(cs), sz, E),
    "parley_genius_load_folder": (vp, cs, E),
    "parley_space_free": (None, vp),
    "parley_space_party_count": (sz, vp),
    "parley_space_issue_count": (sz, vp),
    "parley_space_value_count": (sz, vp, sz),
    "parley_space_party_name": (cs, vp, sz),
    "parley_space_issue_name": (cs, vp, sz),
    "parley_space_value_label": (cs, vp, sz, sz),
    "parley_space_reservation": (dbl, vp, sz),
    "parley_space_discount": (dbl, vp, sz),
    "parley_space_outcome_count": (dbl, vp),
    # forecasts
    "parley_fc_read_ktab": (P(S.FcScenario), cs, E),
    "parley_fc_scenario_free": (None, P(S.FcScenario)),
    # conflicts
    "parley_conflict_load_json": (vp, cs, E),
    "parley_conflict_load_yaml": (vp, cs, E),
    "parley_conflict_free": (None, vp),
    "parley_conflict_name": (cs, vp),
    "parley_conflict_dm_count": (sz, vp),
    "parley_conflict_dm_name": (cs, vp, sz),
    "parley_conflict_option_count": (sz, vp),
    "parley_conflict_option_name": (cs, vp, sz),
    "parley_conflict_option_dm": (sz, vp, sz),
    "parley_conflict_state_count": (sz, vp),
    "parley_conflict_status_quo": (C.c_long, vp),
    "parley_conflict_state_find": (i32, vp, cs, P(sz), E),
    "parley_conflict_coalitions": (bl, vp, P(i32)),
    # stability
    "parley_stability_solve": (vp, vp, P(S.StabilityOptions), E),
    "parley_stability_free": (None, vp),
    "parley_stability_agent_count": (sz, vp),
    "parley_stability_has_concept": (bl, vp, i32),
    "parley_stability_explain": (i32, vp, P(S.StabilityOptions), sz, sz, i32,
                                 P(S.GmcrExplanation), E),
    "parley_gmcr_explanation_clear": (None, P(S.GmcrExplanation)),
    "parley_status_quo_solve": (vp, vp, P(S.StabilityOptions), sz, bl, E),
    "parley_status_quo_free": (None, vp),
    # bargaining
    "parley_concede_run": (i32, vp, P(S.ConcedeRequest), P(S.ConcedeResult), E),
    "parley_concede_result_free": (None, P(S.ConcedeResult)),
    "parley_mediation_analysis": (vp, vp, i32, E),
    "parley_mediation_run": (i32, vp, sz, i32, sz, vp, P(S.Mediation), E),
    "parley_mediation_free": (None, P(S.Mediation)),
    "parley_analysis_free": (None, vp),
    "parley_stances_check": (i32, vp, P(S.StanceCheck), E),
    "parley_weights_fit": (i32, vp, sz, dbl, P(S.Fit), E),
    "parley_fit_free": (None, P(S.Fit)),
    # frontier and negotiation
    "parley_analysis_run": (vp, vp, P(S.AnalysisOptions), E),
    "parley_analysis_options_init": (None, P(S.AnalysisOptions)),
    "parley_nego_domain_new": (vp, vp, P(S.AnalysisOptions), E),
    "parley_nego_domain_free": (None, vp),
    "parley_nego_domain_prepare_private": (i32, vp, dbl, E),
    "parley_agent_spec_parse": (i32, cs, cs, P(S.AgentSpec), E),
    "parley_acceptance_parse": (i32, cs, cs, P(S.Acceptance), E),
    "parley_negotiate_options_init": (None, P(S.NegotiateOptions)),
    "parley_negotiate_run": (vp, vp, P(S.AgentSpec), P(S.NegotiateOptions), E),
    "parley_negotiation_result_free": (None, vp),
    "parley_tournament_options_init": (None, P(S.TournamentOptions)),
    "parley_tournament_run_all": (vp, vp, P(S.AgentSpec), sz, P(S.TournamentOptions), E),
    "parley_tournament_result_free": (None, vp),
    # forecasts
    "parley_fc_scenario_copy": (P(S.FcScenario), P(S.FcScenario)),
    "parley_fc_from_scenario": (P(S.FcScenario), vp, E),
    "parley_fc_options_default": (None, P(S.FcOptions)),
    "parley_fc_options_merge": (i32, P(S.FcOptions), P(S.FcScenario), P(cs), sz, bl, E),
    "parley_fc_scenario_set_ranges": (None, P(S.FcScenario), vp, dbl, dbl, dbl),
    "parley_fc_model_from_name": (i32, cs),
    "parley_smp_param_set": (i32, P(S.SmpParams), cs, cs, E),
    "parley_fc_estimate": (None, P(S.FcScenario), P(S.FcOptions), sz, P(S.FcCost)),
    "parley_forecast_run": (vp, P(S.FcScenario), P(S.FcOptions), E),
    "parley_fc_result_free": (None, vp),
    "parley_fc_monte_carlo": (vp, P(S.FcScenario), P(S.FcOptions), sz, vp, vp, E),
    "parley_fc_mc_free": (None, vp),
    # documents (parley/document.h)
    "parley_score_dumps": (vp, vp, P(S.Score), i32, E),
}

# The documents of this release and the functions that came with them: looked
# up without failing, so that an older libparley (PARLEY_LIBRARY pointing at
# one) still loads; a method that needs a missing one raises ParleyError
# naming it (parley._doc).
_DOCUMENTS = {
    "parley_scenario_dumps": (vp, vp, i32, E),
    "parley_diff_dumps": (vp, vp, P(S.Diff), i32, E),
    "parley_stance_check_dumps": (vp, vp, P(S.StanceCheck), i32, E),
    "parley_fit_dumps": (vp, vp, P(S.Fit), dbl, i32, E),
    "parley_concede_result_dumps": (vp, vp, P(S.ConcedeRequest), P(S.ConcedeResult), i32, E),
    "parley_mediation_dumps": (vp, vp, sz, i32, P(S.Mediation), i32, E),
    "parley_negotiation_result_dumps": (vp, vp, P(S.AgentSpec), P(S.NegotiateOptions), vp, i32,
                                        E),
    "parley_tournament_result_dumps": (vp, vp, P(S.AgentSpec), P(S.TournamentOptions), vp, bl,
                                       i32, E),
    "parley_fc_result_dumps": (vp, P(S.FcScenario), P(S.FcOptions), vp, i32, E),
    "parley_fc_mc_dumps": (vp, P(S.FcScenario), P(S.FcOptions), vp, i32, E),
    "parley_analysis_dumps": (vp, vp, vp, P(S.AnalysisDoc), i32, E),
    "parley_sensitivity_dumps": (vp, vp, P(S.Sensitivity), i32, E),
    "parley_report_options_init": (None, P(S.ReportOptions)),
    "parley_report_dumps": (vp, vp, P(S.ReportOptions), E),
    # what-ifs (engine functions that come with their documents)
    "parley_scenario_override": (i32, vp, cs, cs, E),
    "parley_plan_sensitivity": (i32, vp, sz, P(S.Sensitivity), E),
    "parley_sensitivity_free": (None, P(S.Sensitivity)),
    "parley_score_mc_options_init": (None, P(S.ScoreMcOptions)),
    "parley_score_monte_carlo": (i32, vp, sz, P(S.ScoreMcOptions), P(S.ScoreMc), E),
    "parley_score_mc_free": (None, P(S.ScoreMc)),
    "parley_score_mc_dumps": (vp, vp, P(S.ScoreMc), i32, E),
    "parley_stability_dumps": (vp, vp, vp, P(S.StabilityDoc), i32, E),
}

for _name, (_res, *_args) in _SIGNATURES.items():
    globals()[_name[len("parley_"):]] = _fn(_name, _res, *_args)
for _name, (_res, *_args) in _DOCUMENTS.items():
    globals()[_name[len("parley_"):]] = _fn(_name, _res, *_args, optional=True)

DOC_JSON = 1
DOC_CSV = 2
