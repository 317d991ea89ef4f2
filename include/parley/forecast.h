/*
 * parley/forecast.h — spatial forecasting of multi-party bargaining.
 *
 * Models: KTAB's Spatial Model of Politics (SMP, exactly as KAPSARC's KTAB
 * computes it, with its nine model parameters), the Bueno de Mesquita
 * expected-utility (challenge) model (EUM), the compromise model
 * (capability x salience weighted mean) and the weighted median.
 *
 * Data flow: a reader (KTAB CSV, KTAB XML, a parley YAML scenario) fills a
 * parley_fc_scenario — plain data, positions and saliences on KTAB's 0-100
 * scale — and parley_forecast_run turns it into a parley_fc_result: one
 * record per turn (positions, per-actor probabilities, convergence ratio)
 * plus a forecast per dimension. Nothing here prints or exits.
 */
#ifndef PARLEY_FORECAST_H
#define PARLEY_FORECAST_H

#include "parley/core.h"
#include "parley/scenario.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SMP model parameters (KTAB names and defaults) ------------------- */

typedef enum {
    PARLEY_VPM_LINEAR,
    PARLEY_VPM_SQUARE,
    PARLEY_VPM_QUARTIC,
    PARLEY_VPM_OCTIC,
    PARLEY_VPM_BINARY
} parley_vpm;
typedef enum {
    PARLEY_PCE_CONDITIONAL,
    PARLEY_PCE_MARKOV_INCENTIVE,
    PARLEY_PCE_MARKOV_UNIFORM
} parley_pcem;
typedef enum { PARLEY_ST_DETERMINISTIC, PARLEY_ST_STOCHASTIC } parley_state_trans;
typedef enum {
    PARLEY_VR_BINARY,
    PARLEY_VR_PROPBIN,
    PARLEY_VR_PROP,
    PARLEY_VR_PROPCBC,
    PARLEY_VR_CUBIC,
    PARLEY_VR_ASYMPROSP
} parley_vr;
typedef enum {
    PARLEY_BIGR_NONE,
    PARLEY_BIGR_ONETHIRD,
    PARLEY_BIGR_HALF,
    PARLEY_BIGR_TWOTHIRDS,
    PARLEY_BIGR_FULL
} parley_bigr_adjust;
typedef enum { PARLEY_BIGR_MIN, PARLEY_BIGR_MID, PARLEY_BIGR_MAX } parley_bigr_range;
typedef enum { PARLEY_TPC_NOCOMMIT, PARLEY_TPC_SEMICOMMIT, PARLEY_TPC_FULLCOMMIT } parley_tpc;
typedef enum { PARLEY_IVB_S1P1, PARLEY_IVB_S2P2, PARLEY_IVB_S2PMAX } parley_ivb;
typedef enum { PARLEY_BRGN_INITONLY, PARLEY_BRGN_INITRCVR, PARLEY_BRGN_PWCOMP } parley_brgn;

typedef struct parley_smp_params {
    parley_vpm victory_prob_model;        /* VictoryProbModel  Linear         */
    parley_pcem pce_model;                /* PCEModel          Conditional    */
    parley_state_trans state_transitions; /* StateTransitions Deterministic */
    parley_vr voting_rule;                /* VotingRule        Prop           */
    parley_bigr_adjust big_r_adjust;      /* BigRAdjust        OneThird       */
    parley_bigr_range big_r_range;        /* BigRRange         Mid            */
    parley_tpc third_party_commit;        /* ThirdPartyCommit  SemiCommit     */
    parley_ivb inter_vec_brgn;            /* InterVecBrgn      S2P2           */
    parley_brgn bargn_model;              /* BargnModel        InitOnlyInterp */
    /* Not KTAB parameters: */
    int max_turns;          /* 100 (KTAB's fixed limit)           */
    double stop_ratio;      /* 0.02 (KTAB's fixed target)         */
    bool ktab_bargain_bugs; /* copy KTAB's InitRcvr/PWComp defects */
} parley_smp_params;

/* Fills p with KTAB's defaults. */
PARLEY_API void parley_smp_params_default(parley_smp_params *p);

/* Sets the parameter called `name` (KTAB's name, e.g. "VotingRule",
 * case-insensitive) to `value` (KTAB's value name, e.g. "PropCbc",
 * case-insensitive). Returns PARLEY_OK or PARLEY_ERR_INPUT (err filled, with
 * field = name). */
PARLEY_API parley_status parley_smp_param_set(parley_smp_params *p, const char *name,
                                              const char *value, parley_error *err);

/* Number of parameters (9), and the i-th parameter's KTAB name and its
 * current value's KTAB name. Static strings. */
PARLEY_API size_t parley_smp_param_count(void);
PARLEY_API const char *parley_smp_param_name(size_t i);
PARLEY_API const char *parley_smp_param_value(const parley_smp_params *p, size_t i);

/* ---- scenarios ---------------------------------------------------------- */

/* How a dimension's 0-100 positions read in its issue's own terms (a
 * dimension made from a parley scenario's issue; KTAB and DEU data have
 * positions only). */
typedef struct parley_fc_dim_scale {
    bool range;          /* an integer/real issue: value = lower + pos / 100 * (upper - lower) */
    double lower, upper; /* its range (range issues)                                      */
    char *unit;          /* the issue's `unit:`, or NULL                                   */
    size_t n_options;    /* an issue with options: those with a position ...               */
    char **option;       /* [n_options] ... their ids ...                                  */
    double *option_pos;  /* [n_options] ... and 0-100 positions                            */
} parley_fc_dim_scale;

typedef struct parley_fc_scenario {
    char *file; /* where it was read from (may be NULL)              */
    char *name;
    char *description;
    size_t n_actors, n_dims;
    char **actor;          /* [n_actors] names                                  */
    char **actor_desc;     /* [n_actors] descriptions (may hold NULLs)          */
    char **dim;            /* [n_dims] dimension names                          */
    double *capability;    /* [n_actors], > 0                                   */
    double *position;      /* [n_actors * n_dims], 0..100 (actor-major)         */
    double *salience;      /* [n_actors * n_dims], 0..100, row sums <= 100      */
    double *accommodation; /* [n_actors * n_actors] (KTAB's ideal adjustment), or NULL = identity */
    bool has_params;       /* the file gave SMP model parameters                */
    parley_smp_params params;
    bool has_seed; /* the file gave a PRNG seed                         */
    uint64_t seed;
    /* Monte Carlo ranges (0 = fixed): positions +- points, saliences and
     * capabilities +- fraction, uniform. */
    double vary_position, vary_salience, vary_capability;
    /* [n_dims] the issue's terms of each dimension (parley_fc_from_scenario),
     * or NULL (KTAB, DEU data) */
    parley_fc_dim_scale *scale;
    /* The what-if overrides of the scenario it was made from
     * (parley_fc_from_scenario copies them; 0 and NULL otherwise), which
     * the forecast documents echo. */
    size_t n_overrides;
    parley_override *overrides;
} parley_fc_scenario;

/* A position of dimension d in its issue's units (range issues), or NAN. */
PARLEY_API double parley_fc_value(const parley_fc_scenario *sc, size_t d, double position);
/* The id of the option of dimension d whose position is nearest (ties: the
 * first in the file), or NULL (a range issue, or no scale). Borrowed. */
PARLEY_API const char *parley_fc_nearest_option(const parley_fc_scenario *sc, size_t d,
                                                double position);

/* A zeroed scenario with the arrays allocated for n actors and d dims
 * (names NULL). Caller owns, free with parley_fc_scenario_free. NULL on
 * out of memory. */
PARLEY_API parley_fc_scenario *parley_fc_scenario_new(size_t n_actors, size_t n_dims);
PARLEY_API void parley_fc_scenario_free(parley_fc_scenario *sc);
/* Deep copy; caller owns. */
PARLEY_API parley_fc_scenario *parley_fc_scenario_copy(const parley_fc_scenario *sc);

/* Checks ranges (finite, capability > 0, 0 <= pos <= 100, 0 <= sal,
 * salience sums <= 100 (+1e-9), some salience > 0 per actor, accommodation in
 * [0,1] with row sums <= 1). PARLEY_ERR_INPUT names actor and field. */
PARLEY_API parley_status parley_fc_scenario_validate(const parley_fc_scenario *sc,
                                                     parley_error *err);

/* KTAB's CSV scenario format (smpread.cpp csvRead). Caller owns the result. */
PARLEY_API parley_fc_scenario *parley_fc_read_ktab_csv(const char *path, parley_error *err);
PARLEY_API parley_fc_scenario *parley_fc_parse_ktab_csv(const char *text, size_t len,
                                                        const char *name, parley_error *err);
/* KTAB's XML scenario format (smpread.cpp xmlRead); IdealAdjustment optional.
 * libxml2 is used without network access and without entity expansion. */
PARLEY_API parley_fc_scenario *parley_fc_read_ktab_xml(const char *path, parley_error *err);
PARLEY_API parley_fc_scenario *parley_fc_parse_ktab_xml(const char *text, size_t len,
                                                        const char *name, parley_error *err);
/* Reads .xml as XML and anything else as CSV. */
PARLEY_API parley_fc_scenario *parley_fc_read_ktab(const char *path, parley_error *err);

/* A parley scenario (parley_scenario_load) as a spatial scenario: each issue
 * whose options carry positions is a dimension; an actor's position there
 * is the position of the option it values most (ties: mean of the tied
 * positions), its salience is its weight on that issue (x100), its
 * capability the party's power. PARLEY_ERR_INPUT when no issue has
 * positions. Caller owns. */
PARLEY_API parley_fc_scenario *parley_fc_from_scenario(const parley_scenario *sc,
                                                       parley_error *err);

/* ---- running ------------------------------------------------------------ */

typedef enum {
    PARLEY_FC_SMP,
    PARLEY_FC_EUM,
    PARLEY_FC_COMPROMISE,
    PARLEY_FC_MEDIAN
} parley_fc_model;

/* "smp", "eum", "compromise", "median"; -1 if unknown. */
PARLEY_API int parley_fc_model_from_name(const char *name);
PARLEY_API const char *parley_fc_model_name(parley_fc_model m);

typedef struct parley_eum_params {
    double q;                /* probability the status quo persists, default 1.0 (Scholz) */
    int rounds;              /* default 8 (the rounds Scholz reports)                     */
    bool scholz_denominator; /* default true: Scholz's code's P^i denominator  */
} parley_eum_params;
PARLEY_API void parley_eum_params_default(parley_eum_params *p);

typedef struct parley_fc_options {
    parley_fc_model model;
    parley_smp_params smp; /* used by PARLEY_FC_SMP                        */
    parley_eum_params eum; /* used by PARLEY_FC_EUM                        */
    uint64_t seed;         /* stochastic transitions only                  */
    int threads;           /* 0 = as many as cores                          */
} parley_fc_options;

/* Defaults: SMP with KTAB's defaults, seed 15455440707583219804 (KTAB's),
 * threads 0. */
PARLEY_API void parley_fc_options_default(parley_fc_options *o);

/* Combines the parameters a KTAB file brings with the caller's, as `parley
 * forecast --ktab` does. When sc->has_params, o->smp becomes the file's
 * parameters with o's max_turns, stop_ratio and ktab_bargain_bugs kept, then
 * the settings params[0..n_params) ("NAME=VALUE", as parley_smp_param_set)
 * applied on top in order. When sc->has_seed and !seed_given, o->seed
 * becomes the file's seed. Allocates nothing; returns PARLEY_OK, or
 * PARLEY_ERR_INPUT for a bad setting (o unchanged then). */
PARLEY_API parley_status parley_fc_options_merge(parley_fc_options *o, const parley_fc_scenario *sc,
                                                 const char *const *params, size_t n_params,
                                                 bool seed_given, parley_error *err);

/* Default Monte Carlo ranges (parley_fc_scenario_set_ranges). */
#define PARLEY_FC_VARY_POSITION 5.0
#define PARLEY_FC_VARY_SALIENCE 0.1
#define PARLEY_FC_VARY_CAPABILITY 0.1

/* Sets sc's Monte Carlo ranges as `parley forecast` does: each value given
 * (not NAN) is used; else the parley scenario's `uncertainty:` range (from
 * may be NULL, e.g. for a KTAB file; NAN there: not given); else the default
 * above. Allocates nothing; from is only read. */
PARLEY_API void parley_fc_scenario_set_ranges(parley_fc_scenario *sc, const parley_scenario *from,
                                              double position, double salience, double capability);

typedef struct parley_fc_turn {
    double *position; /* [n_actors * n_dims] 0..100                        */
    double *prob;     /* [n_actors]: probability of the actor's position   */
    size_t *rep;      /* [n_actors]: representative actor of its position  */
    double ratio;     /* convergence ratio (SMP, turn >= 1), else NAN      */
} parley_fc_turn;

typedef struct parley_fc_result {
    parley_fc_model model;
    size_t n_actors, n_dims, n_turns;
    parley_fc_turn *turns; /* [n_turns]; turn 0 is the initial state        */
    double *expected;      /* [n_dims] probability-weighted final position  */
    double *most_likely;   /* [n_dims] final position with highest prob     */
    double *round_median;  /* EUM: [n_turns * n_dims] median by round, else NULL */
    bool converged;        /* SMP: stopped because the ratio fell below stop_ratio,
                            * not at max_turns; the other models: true (they run a
                            * fixed number of rounds or none) */
    /* The expected outcome in each issue's own terms (a scenario with a
     * scale; else NAN and NULLs): */
    double *value;         /* [n_dims] in the issue's units (range issues), else NAN */
    char **unit;           /* [n_dims] the issue's unit, or NULL                     */
    char **nearest_option; /* [n_dims] the option nearest in position (issues with
                              options), or NULL                                     */
} parley_fc_result;

/* Runs one forecast. Caller owns the result, free with
 * parley_fc_result_free. NULL with err filled on failure (bad scenario,
 * out of memory). Deterministic for a given scenario, options and seed
 * whatever the thread count. */
PARLEY_API parley_fc_result *parley_forecast_run(const parley_fc_scenario *sc,
                                                 const parley_fc_options *o, parley_error *err);
PARLEY_API void parley_fc_result_free(parley_fc_result *r);

/* ---- Monte Carlo ---------------------------------------------------------- */

typedef struct parley_fc_mc {
    size_t n_runs, n_dims;
    double *expected; /* [n_runs * n_dims] each run's expected outcome     */
    double *mean;     /* [n_dims]; NULL in a part                           */
    double *quantile; /* [n_dims * 5]: 5 %, 25 %, 50 %, 75 %, 95 %; NULL in a part */
    double *turns;    /* [n_runs] turn counts                               */
    size_t first;     /* run number of row 0: 0, or where a part starts     */
} parley_fc_mc;

/* Runs n_runs forecasts with capabilities, positions and saliences drawn
 * uniformly within the scenario's vary_* ranges (run r uses a GSL mt19937
 * stream seeded from (seed, r)), in parallel over o->threads. Same answer
 * for the same seed whatever the thread count. If `each` is not NULL it is
 * called in run order with every run's scenario and result (e.g. to store
 * them); a non-zero return stops with that status. Caller owns. */
typedef parley_status (*parley_fc_run_cb)(void *ctx, size_t run, const parley_fc_scenario *sc,
                                          const parley_fc_result *r, parley_error *err);
PARLEY_API parley_fc_mc *parley_fc_monte_carlo(const parley_fc_scenario *sc,
                                               const parley_fc_options *o, size_t n_runs,
                                               parley_fc_run_cb each, void *ctx, parley_error *err);
PARLEY_API void parley_fc_mc_free(parley_fc_mc *mc);

/* Monte Carlo in parts, for work spread over processes (the parley command
 * under mpirun): a part holds runs [first, first + count) of a job, each
 * run's expected outcome and turn count (mean and quantile NULL), computed
 * exactly as parley_fc_monte_carlo computes them, since run r draws from the
 * stream of (seed, r) alone. `each` is called in run order with the run's
 * number in the whole job. count may be 0 (an empty part). Caller owns. */
PARLEY_API parley_fc_mc *parley_fc_monte_carlo_part(const parley_fc_scenario *sc,
                                                    const parley_fc_options *o, size_t first,
                                                    size_t count, parley_fc_run_cb each, void *ctx,
                                                    parley_error *err);
/* An empty part (zeroed rows) to receive runs [first, first + count) of
 * n_dims dimensions into. NULL on out of memory. Caller owns. */
PARLEY_API parley_fc_mc *parley_fc_mc_part_new(size_t first, size_t count, size_t n_dims);
/* Joins parts that follow each other from run 0 (parts[0]->first == 0, each
 * next one starting where the last ended) into the whole job's result with
 * its summary: the same, byte for byte, as parley_fc_monte_carlo's for those
 * runs. The parts are only read. PARLEY_ERR_INPUT when they do not fit
 * together. Caller owns. */
PARLEY_API parley_fc_mc *parley_fc_mc_merge(const parley_fc_mc *const *parts, size_t n_parts,
                                            parley_error *err);

/* What a forecast request would take, without running it: n_runs Monte
 * Carlo runs (0: one plain run) of o->model on sc. `bytes` is the peak
 * memory (the runs in flight, o->threads of them in batches, and the
 * per-run results kept), `work` the elementary steps, at most turns x
 * actors^3 x dimensions per run (SMP; EUM rounds x actors^3 x dimensions;
 * compromise and median turns x actors^2 x dimensions), about 1e8 to 1e9
 * a second and thread. An upper bound: runs usually converge in fewer
 * turns than the limit. */
typedef struct parley_fc_cost {
    double bytes, work;
} parley_fc_cost;
PARLEY_API void parley_fc_estimate(const parley_fc_scenario *sc, const parley_fc_options *o,
                                   size_t n_runs, parley_fc_cost *out);

/* ---- SQLite run store ----------------------------------------------------- */

typedef struct parley_fc_store parley_fc_store;
/* Opens (creating the schema if needed) an SQLite run store. Caller owns,
 * close with parley_fc_store_close. */
PARLEY_API parley_fc_store *parley_fc_store_open(const char *path, parley_error *err);
/* Saves one run (scenario, parameters, per-turn positions and
 * probabilities, forecast) in one transaction; nothing is left on failure.
 * Returns the run id (> 0) or 0 with err filled. */
PARLEY_API long long parley_fc_store_save(parley_fc_store *st, const parley_fc_scenario *sc,
                                          const parley_fc_options *o, const parley_fc_result *r,
                                          parley_error *err);
PARLEY_API void parley_fc_store_close(parley_fc_store *st);

/* ---- DEU III evaluation --------------------------------------------------- */

typedef struct parley_deu_issue {
    char *id;               /* isnr, e.g. "d00032i1"                              */
    int line;               /* line in the file                                   */
    double outcome;         /* out, 0..100                                        */
    double ref_point;       /* rp, or NAN                                         */
    parley_fc_scenario *sc; /* one dimension; actors with a position            */
} parley_deu_issue;

typedef struct parley_deu {
    size_t n_issues; /* issues with an outcome and >= 1 actor position    */
    parley_deu_issue *issues;
    size_t n_skipped; /* rows without an outcome or without positions       */
} parley_deu;

/* Reads DEU III's tab-separated file (header line, weights line, issue rows).
 * An actor takes part in an issue when it has a position and a salience
 * > 0 (as in the salience-weighted-mean baseline); when no actor on an
 * issue has a salience, every actor with a position takes part with
 * salience 50. Capabilities are the weights of line 2. Caller owns. */
PARLEY_API parley_deu *parley_deu_read(const char *path, parley_error *err);
PARLEY_API void parley_deu_free(parley_deu *d);

typedef struct parley_deu_score {
    parley_fc_model model;
    size_t n;           /* issues scored                                      */
    double mae;         /* mean absolute error on the 0-100 scale             */
    double *prediction; /* [n_issues], NAN where not scored                   */
} parley_deu_score;

/* Forecasts every issue with o->model and scores the final expected position
 * against the outcome. With use_weights false every actor has capability 1
 * (then the compromise model is the salience-weighted-mean baseline);
 * with true, the file's weights (line 2). An issue with a single actor is
 * forecast at that actor's position. Issues are run in parallel; the result
 * does not depend on the thread count. */
PARLEY_API parley_status parley_deu_evaluate(const parley_deu *d, const parley_fc_options *o,
                                             bool use_weights, parley_deu_score *out,
                                             parley_error *err);
PARLEY_API void parley_deu_score_clear(parley_deu_score *s);

/* DEU in parts, for work spread over processes: forecasts issues
 * [first, first + count) as parley_deu_evaluate does (each issue alone, so
 * the prediction does not depend on how the issues are split) into
 * prediction[0..count). The error of the first issue of the part that fails
 * names it, as parley_deu_evaluate's does. */
PARLEY_API parley_status parley_deu_evaluate_part(const parley_deu *d, const parley_fc_options *o,
                                                  bool use_weights, size_t first, size_t count,
                                                  double *prediction, parley_error *err);
/* The score of every issue's prediction (prediction[d->n_issues], the parts
 * put together in issue order), summed in issue order: the same, byte for
 * byte, as parley_deu_evaluate's. Clear out with parley_deu_score_clear. */
PARLEY_API parley_status parley_deu_score_merge(const parley_deu *d, parley_fc_model model,
                                                const double *prediction, parley_deu_score *out,
                                                parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_FORECAST_H */
