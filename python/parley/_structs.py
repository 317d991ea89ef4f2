"""ctypes mirrors of libparley's public C structs (include/parley/*.h).

This is the one place where the binding knows the layout of a C struct.
Every struct here is checked against the compiler's sizeof/offsetof by
tests/test_layout.py (the probe python/layout_probe.c prints them), so a
header change that is not mirrored here fails the tests instead of
corrupting memory.

Only what the binding passes to or receives from the library is mirrored:
the error struct, the option/request structs it fills in, and the result
structs the library fills in place (the binding only needs their size and
frees them with the library's own *_free). The scenario itself is read
from its `check` document (parley_scenario_dumps), not from its structs.
"""
import ctypes as C

c_size_t = C.c_size_t
c_double = C.c_double
c_bool = C.c_bool
c_int = C.c_int
c_long = C.c_long
c_char_p = C.c_char_p
c_void_p = C.c_void_p
PROGRESS = C.CFUNCTYPE(None, c_void_p, c_double)


class Error(C.Structure):
    """parley_error (parley/core.h)."""
    _fields_ = [
        ("code", c_int),
        ("file", C.c_char * 256),
        ("line", c_int),
        ("column", c_int),
        ("field", C.c_char * 128),
        ("message", C.c_char * 512),
    ]


class Score(C.Structure):
    """parley_score (parley/scoring.h), filled by parley_plan_score."""
    _fields_ = [
        ("plan", c_size_t),
        ("n_parties", c_size_t),
        ("n_points", c_size_t),
        ("n_open", c_size_t),
        ("party", c_void_p),
        ("open", c_void_p),
        ("effect", c_void_p),
    ]


class PartyScore(C.Structure):
    """parley_party_score (parley/scoring.h): parley_score.party[j]."""
    _fields_ = [
        ("utility", c_double),
        ("exact", c_bool),
        ("min", c_double),
        ("max", c_double),
        ("above", c_bool),
        ("on_board", c_double),
    ]


class ScoreMcOptions(C.Structure):
    """parley_score_mc_options (parley/scoring.h)."""
    _fields_ = [
        ("runs", c_size_t),
        ("seed", C.c_uint64),
        ("threads", c_int),
        ("vary_position", c_double),
        ("vary_salience", c_double),
    ]


class ScoreMc(C.Structure):
    """parley_score_mc (parley/scoring.h), filled by parley_score_monte_carlo."""
    _fields_ = [
        ("plan", c_size_t),
        ("n_runs", c_size_t),
        ("n_parties", c_size_t),
        ("seed", C.c_uint64),
        ("vary_position", c_double),
        ("vary_salience", c_double),
        ("party", c_void_p),
        ("utility", c_void_p),
        ("on_board", c_void_p),
    ]


class Diff(C.Structure):
    """parley_diff (parley/scoring.h), filled by parley_plans_diff."""
    _fields_ = [
        ("a", c_size_t),
        ("b", c_size_t),
        ("n_parties", c_size_t),
        ("n", c_size_t),
        ("e", c_void_p),
        ("ua", c_void_p),
        ("ub", c_void_p),
        ("n_issues", c_size_t),
        ("issues", c_void_p),
    ]


class ConcedeRequest(C.Structure):
    """parley_concede_request (parley/bargain.h)."""
    _fields_ = [
        ("plan", c_size_t),
        ("target", c_size_t),
        ("keep", C.POINTER(c_bool)),
        ("objective", c_int),
        ("max_nodes", c_double),
        ("progress", PROGRESS),
        ("progress_ctx", c_void_p),
    ]


class ConcedeResult(C.Structure):
    """parley_concede_result (parley/bargain.h)."""
    _fields_ = [
        ("feasible", c_bool),
        ("optimal", c_bool),
        ("method", c_char_p),
        ("outcome", c_void_p),
        ("before", c_void_p),
        ("after", c_void_p),
        ("n_changed_points", c_size_t),
        ("objective", c_double),
    ]


class Mediation(C.Structure):
    """parley_mediation (parley/bargain.h)."""
    _fields_ = [
        ("n_rounds", c_size_t),
        ("rounds", c_void_p),
        ("u0", c_void_p),
        ("sets", c_void_p),
        ("has_target", c_bool),
        ("target", c_void_p),
        ("target_u", c_void_p),
        ("all_above", c_bool),
        ("stopped", c_char_p),
    ]


class StanceCheck(C.Structure):
    """parley_stance_check (parley/bargain.h); an array of n_stances."""
    _fields_ = [
        ("stance", c_size_t),
        ("utility", c_double),
        ("on_board", c_double),
        ("above", c_bool),
        ("verdict", c_int),
        ("disputed", c_bool),
    ]


class Fit(C.Structure):
    """parley_fit (parley/bargain.h)."""
    _fields_ = [
        ("party", c_size_t),
        ("before", c_void_p),
        ("after", c_void_p),
        ("n_residuals", c_size_t),
        ("stance", c_void_p),
        ("resid_before", c_void_p),
        ("resid_after", c_void_p),
        ("sse_before", c_double),
        ("sse_after", c_double),
        ("iterations", c_size_t),
    ]


class Sensitivity(C.Structure):
    """parley_sensitivity (parley/scoring.h), filled by parley_plan_sensitivity."""
    _fields_ = [("plan", c_size_t), ("n_rows", c_size_t), ("rows", c_void_p)]


class Frontier(C.Structure):
    """parley_frontier (parley/frontier.h): the first member of parley_analysis."""
    _fields_ = [
        ("n_parties", c_size_t),
        ("n_issues", c_size_t),
        ("n_points", c_size_t),
        ("utility", C.POINTER(c_double)),
        ("outcome", C.POINTER(C.c_uint32)),
    ]


class AnalysisDoc(C.Structure):
    """parley_analysis_doc (parley/document.h)."""
    _fields_ = [
        ("concepts", C.c_uint),
        ("frontier", c_bool),
        ("plan_id", c_char_p),
        ("plan_utilities", C.POINTER(c_double)),
        ("plan_exact", c_bool),
        ("scenario", c_void_p),
    ]


class ReportOptions(C.Structure):
    """parley_report_options (parley/report.h)."""
    _fields_ = [
        ("conflict", c_void_p),
        ("plan", c_char_p),
        ("mediate_rounds", c_size_t),
        ("mc_runs", c_size_t),
        ("seed", C.c_ulong),
        ("threads", c_int),
        ("progress", PROGRESS),
        ("progress_ctx", c_void_p),
    ]


class AnalysisOptions(C.Structure):
    """parley_analysis_options (parley/frontier.h)."""
    _fields_ = [
        ("keep_irrational", c_bool),
        ("max_outcomes", c_double),
        ("max_steps", c_double),
        ("threads", c_int),
        ("skip_zone", c_bool),
        ("seed", C.c_ulong),
        ("progress", PROGRESS),
        ("progress_ctx", c_void_p),
    ]


class Acceptance(C.Structure):
    _fields_ = [("next", c_bool), ("constant", c_double), ("time", c_double)]


class AgentSpec(C.Structure):
    """parley_agent_spec (parley/negotiate.h)."""
    _fields_ = [
        ("kind", c_int),
        ("e", c_double),
        ("accept", Acceptance),
        ("name", C.c_char * 48),
    ]


class NegotiateOptions(C.Structure):
    """parley_negotiate_options (parley/negotiate.h)."""
    _fields_ = [
        ("steps", c_size_t),
        ("deadline_seconds", c_double),
        ("seed", C.c_uint64),
        ("keep_trace", c_bool),
        ("information", c_int),
        ("rounds", c_size_t),
        ("scenario", c_void_p),
    ]


class TournamentOptions(C.Structure):
    """parley_tournament_options (parley/negotiate.h)."""
    _fields_ = [
        ("reps", c_size_t),
        ("steps", c_size_t),
        ("threads", c_int),
        ("seed", C.c_uint64),
        ("max_negotiations", c_double),
        ("information", c_int),
        ("rounds", c_size_t),
        ("scenario", c_void_p),
    ]


class SmpParams(C.Structure):
    """parley_smp_params (parley/forecast.h)."""
    _fields_ = [
        ("victory_prob_model", c_int),
        ("pce_model", c_int),
        ("state_transitions", c_int),
        ("voting_rule", c_int),
        ("big_r_adjust", c_int),
        ("big_r_range", c_int),
        ("third_party_commit", c_int),
        ("inter_vec_brgn", c_int),
        ("bargn_model", c_int),
        ("max_turns", c_int),
        ("stop_ratio", c_double),
        ("ktab_bargain_bugs", c_bool),
    ]


class EumParams(C.Structure):
    _fields_ = [("q", c_double), ("rounds", c_int), ("scholz_denominator", c_bool)]


class FcOptions(C.Structure):
    """parley_fc_options (parley/forecast.h)."""
    _fields_ = [
        ("model", c_int),
        ("smp", SmpParams),
        ("eum", EumParams),
        ("seed", C.c_uint64),
        ("threads", c_int),
    ]


class FcScenario(C.Structure):
    """parley_fc_scenario (parley/forecast.h); read-only."""
    _fields_ = [
        ("file", c_char_p),
        ("name", c_char_p),
        ("description", c_char_p),
        ("n_actors", c_size_t),
        ("n_dims", c_size_t),
        ("actor", C.POINTER(c_char_p)),
        ("actor_desc", C.POINTER(c_char_p)),
        ("dim", C.POINTER(c_char_p)),
        ("capability", C.POINTER(c_double)),
        ("position", C.POINTER(c_double)),
        ("salience", C.POINTER(c_double)),
        ("accommodation", C.POINTER(c_double)),
        ("has_params", c_bool),
        ("params", SmpParams),
        ("has_seed", c_bool),
        ("seed", C.c_uint64),
        ("vary_position", c_double),
        ("vary_salience", c_double),
        ("vary_capability", c_double),
        ("scale", c_void_p),
        ("n_overrides", c_size_t),
        ("overrides", c_void_p),
    ]


class FcCost(C.Structure):
    """parley_fc_cost (parley/forecast.h)."""
    _fields_ = [("bytes", c_double), ("work", c_double)]


class StabilityOptions(C.Structure):
    """parley_stability_options (parley/stability.h)."""
    _fields_ = [
        ("agent_of_dm", C.POINTER(c_int)),
        ("gmcrplus", c_bool),
        ("threads", c_int),
    ]


# name in C -> ctypes mirror, for the layout test.
MIRRORS = {
    "parley_error": Error,
    "parley_score": Score,
    "parley_party_score": PartyScore,
    "parley_score_mc_options": ScoreMcOptions,
    "parley_score_mc": ScoreMc,
    "parley_diff": Diff,
    "parley_concede_request": ConcedeRequest,
    "parley_concede_result": ConcedeResult,
    "parley_mediation": Mediation,
    "parley_stance_check": StanceCheck,
    "parley_fit": Fit,
    "parley_analysis_options": AnalysisOptions,
    "parley_acceptance": Acceptance,
    "parley_agent_spec": AgentSpec,
    "parley_negotiate_options": NegotiateOptions,
    "parley_tournament_options": TournamentOptions,
    "parley_smp_params": SmpParams,
    "parley_eum_params": EumParams,
    "parley_fc_options": FcOptions,
    "parley_fc_scenario": FcScenario,
    "parley_stability_options": StabilityOptions,
    "parley_fc_cost": FcCost,
    "parley_sensitivity": Sensitivity,
    "parley_frontier": Frontier,
    "parley_analysis_doc": AnalysisDoc,
    "parley_report_options": ReportOptions,
}


class GmcrStep(C.Structure):
    """parley_gmcr_step (parley/stability.h)."""
    _fields_ = [("agent", c_size_t), ("to", c_size_t)]


class GmcrMoveExplanation(C.Structure):
    _fields_ = [
        ("improvement", c_size_t),
        ("sanctioned", c_bool),
        ("nsteps", c_size_t),
        ("steps", C.POINTER(GmcrStep)),
        ("simultaneous", c_bool),
        ("result", c_size_t),
    ]


class GmcrExplanation(C.Structure):
    """parley_gmcr_explanation (parley/stability.h), filled by parley_stability_explain."""
    _fields_ = [
        ("state", c_size_t),
        ("agent", c_size_t),
        ("concept", c_int),
        ("stable", c_bool),
        ("nmoves", c_size_t),
        ("moves", C.POINTER(GmcrMoveExplanation)),
    ]


class StabilityDoc(C.Structure):
    """parley_stability_doc (parley/document.h)."""
    _fields_ = [
        ("gmcrplus", c_bool),
        ("coalitions", c_void_p),
        ("status_quo_any", c_void_p),
        ("status_quo_improving", c_void_p),
        ("status_quo", c_size_t),
        ("explain", c_long),
        ("explanations", C.POINTER(GmcrExplanation)),
        ("n_explanations", c_size_t),
    ]


MIRRORS.update({
    "parley_gmcr_step": GmcrStep,
    "parley_gmcr_move_explanation": GmcrMoveExplanation,
    "parley_gmcr_explanation": GmcrExplanation,
    "parley_stability_doc": StabilityDoc,
})
