/*
 * parley/scenario.h — the scenario model: parties, issues, preferences,
 * plans, stances. This is the one model every engine reads, published as
 * plain read-only data (like parley_fc_scenario): after parley_scenario_load
 * a caller reads these structs directly and never writes them.
 *
 * Data flow: io/yaml_scenario.c (or another reader) builds a `parley_scenario`,
 * checks it as it reads and resolves plan versions (model/plan.c), and engines read the
 * plain structs below. Engines never parse text.
 *
 * Invariants after a successful parley_scenario_load:
 *   - every index (party, issue, option, plan) is in range;
 *   - every issue has >= 1 option; integer/real ranges are materialised as
 *     options lower, lower+step, ..., upper (option.value holds the number);
 *   - for each party, weights are finite and >= 0, not all zero unless the
 *     party has rules, and sum to 1 (normalised with a warning when they did
 *     not), unless the party says `normalise: false` (weights as written, as
 *     GENIUS uses them; prefs.weight_sum records the sum);
 *   - every option value is in [0,1];
 *   - every plan's points are resolved (a plan written as `changes:` to its
 *     `based_on` holds its full text) and `sets[i]` is the option index the
 *     plan sets for issue i, or -1 when it leaves issue i open; no two points
 *     of a plan set one issue to different options; `based_on` has no cycles;
 *     plans keep the order of the file;
 *   - `line`/`column` fields hold where the item was written (0 if unknown).
 * All memory belongs to the scenario and is released by parley_scenario_free;
 * every pointer read from it is borrowed and valid while the scenario lives.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include "parley/core.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_where {
    int line, column;
} parley_where;

typedef struct parley_party {
    char *id;
    char *name;
    double power;     /* capability for forecasts; default 1            */
    double walk_away; /* reservation utility in [0,1]; default 0        */
    double discount;  /* per-round discount factor in (0,1]; default 1  */
    parley_where where;
} parley_party;

typedef enum parley_issue_kind {
    PARLEY_ISSUE_DISCRETE,
    PARLEY_ISSUE_INTEGER,
    PARLEY_ISSUE_REAL
} parley_issue_kind;

typedef struct parley_option {
    char *id;        /* discrete: as written; ranges: the number as text */
    char *label;     /* human text; may be NULL                          */
    double value;    /* ranges: the number; discrete: index              */
    double position; /* 0-100 spatial position, or NAN if not given      */
    parley_where where;
} parley_option;

typedef struct parley_issue {
    char *id;
    char *name;
    parley_issue_kind kind;
    bool ordered;              /* options have a meaningful order (ranges: always) */
    double lower, upper, step; /* ranges only */
    char *unit;                /* `unit:` as written ("%", "troops"), or NULL */
    size_t n_options;
    parley_option *options;
    parley_where where;
} parley_issue;

/* One condition of a rule: the issue's option is in `allowed`. */
typedef struct parley_rule_condition {
    size_t issue;
    bool *allowed; /* n_options flags */
} parley_rule_condition;

/* A non-additive term: adds `delta` to the party's utility when every
 * `when` condition holds and not every `unless` condition holds
 * (an empty `unless` never blocks). */
typedef struct parley_rule {
    char *label;
    double delta;
    size_t n_when, n_unless;
    parley_rule_condition *when, *unless;
    parley_where where;
} parley_rule;

/* U(o) = clamp(sum_i weight[i] * value[i][o_i] + sum of rule deltas, 0, 1). */
typedef struct parley_prefs {
    double *weight;     /* n_issues, sum 1 (see invariants)               */
    double weight_sum;  /* 1, or the sum as written with normalise: false */
    double *raw_weight; /* n_issues: the weights as written (0 if left out),
                           before normalisation; --weight replaces these */
    bool normalise;     /* `normalise:` (default true)                    */
    double **value;     /* [issue][option] in [0,1]        */
    size_t n_rules;
    parley_rule *rules;
    parley_where where;
} parley_prefs;

typedef enum parley_point_origin {
    PARLEY_POINT_ORIGINAL,
    PARLEY_POINT_ADDED,
    PARLEY_POINT_CHANGED
} parley_point_origin;

/* One numbered point of a plan version. */
typedef struct parley_point {
    char *id; /* "7", "21a": the number as written           */
    char *text;
    size_t n_sets;
    size_t *set_issue;          /* issues this point sets ...                  */
    size_t *set_option;         /* ... to these options                        */
    parley_point_origin origin; /* relative to based_on                   */
    long proposed_by;           /* party index who wrote / last changed it, -1 */
    char *date;                 /* when, as written; may be NULL               */
    parley_where where;
} parley_point;

/* A point dropped from the version this one is based on. */
typedef struct parley_drop {
    char *point_id;
    long by; /* party index or -1 */
    char *date;
    parley_where where;
} parley_drop;

typedef struct parley_plan {
    char *id;
    char *name;
    char *date;
    long proposed_by; /* party index or -1 */
    long based_on;    /* plan index or -1  */
    size_t n_points;
    parley_point *points; /* resolved: the full text of this version */
    size_t n_drops;
    parley_drop *drops;
    long *sets; /* [n_issues]: option index, or -1 when open */
    char *source;
    parley_where where;
} parley_plan;

typedef enum parley_stance_kind {
    PARLEY_STANCE_ACCEPTS,
    PARLEY_STANCE_REJECTS,
    PARLEY_STANCE_PARTIAL
} parley_stance_kind;

typedef struct parley_stance {
    size_t party;
    long plan; /* plan index or -1 (stance on the process) */
    parley_stance_kind kind;
    double share; /* reported share on board in [0,1], or NAN  */
    size_t n_points;
    char **points; /* point ids the stance is about (may be 0)  */
    char *source;
    char *date;
    char *note;
    size_t n_disputed;
    long *disputed_by; /* party indices who denied it               */
    parley_where where;
} parley_stance;

/* A what-if applied to the scenario after loading (parley_scenario_override),
 * recorded as given so that documents can echo it. */
typedef struct parley_override {
    char *option;   /* "--set", "--weight", "--walk-away" or "--power" */
    char *argument; /* as given: "sanctions=staged", "EU.assets=0.3", "RU=0.3" */
} parley_override;

struct parley_scenario {
    char *file; /* path or name given at load */
    char *title;
    char *description;
    char *notes;      /* the top-level `notes:` (e.g. modelling assumptions), or NULL */
    size_t n_sources; /* the top-level `sources:`, each as written              */
    char **sources;
    bool has_conflict; /* the file has a `conflict:` section (parley_conflict_load_yaml) */
    size_t n_parties, n_issues, n_plans, n_stances;
    parley_party *parties;
    parley_issue *issues;
    parley_prefs *prefs; /* [n_parties] */
    parley_plan *plans;
    parley_stance *stances;
    size_t n_warnings;
    char **warnings;
    /* `uncertainty:` ranges for Monte Carlo runs (NAN when not given):
     * uniform ± points on the 0-100 scale, ± fractions of weights and powers. */
    double unc_position, unc_salience, unc_power;
    /* What-ifs applied since loading, in the order given. */
    size_t n_overrides;
    parley_override *overrides;
};

/* ---- loading (src/io/yaml_scenario.c) --------------------------------------
 * A scenario is one negotiation: parties, issues, preferences, plans,
 * stances. See README.md for the YAML format. (A `conflict:` section in the
 * same file is read by parley_conflict_load_yaml, parley/stability.h.) */

/* Reads and validates a YAML scenario file. Caller owns the result, free
 * with parley_scenario_free. Returns NULL and fills err on failure.
 * Warnings (e.g. weights normalised) are appended to the scenario and can be
 * read with parley_scenario_warning. */
PARLEY_API parley_scenario *parley_scenario_load(const char *path, parley_error *err);

/* Same, from a buffer; `name` is used in error messages as the file name. */
PARLEY_API parley_scenario *parley_scenario_parse(const char *text, size_t len, const char *name,
                                                  parley_error *err);

PARLEY_API void parley_scenario_free(parley_scenario *sc);

PARLEY_API size_t parley_scenario_warning_count(const parley_scenario *sc);
/* Borrowed; valid while sc lives. */
PARLEY_API const char *parley_scenario_warning(const parley_scenario *sc, size_t i);

/* ---- what-ifs (src/model/override.c) ----------------------------------------
 * Changes a loaded scenario as if its file said otherwise, checked as the
 * reader checks the file, and records the override (sc->overrides) so that
 * outputs can echo it. `kind` is the option's name, with or without the
 * leading dashes; `text` its argument:
 *   set        ISSUE=OPTION      every plan settles ISSUE on OPTION: points
 *                                that set ISSUE set OPTION instead; a plan
 *                                without such a point gains one, id
 *                                "(set ISSUE)" (ranges: OPTION may be any
 *                                value of the grid, "15" or "15.0");
 *   weight     PARTY.ISSUE=W     the raw weight as written becomes W (>= 0),
 *                                then the party's weights are normalised as
 *                                the file's would be (unless normalise: false);
 *   walk-away  PARTY=V           V in [0, 1];
 *   power      PARTY=V           V >= 0, finite.
 * Errors (PARLEY_ERR_INPUT, the scenario unchanged) name the option and its
 * argument in err->field, e.g. "--weight EU.assets=-1: weight must be >= 0,
 * not -1". Overrides apply in the order given; a later one wins. */
PARLEY_API parley_status parley_scenario_override(parley_scenario *sc, const char *kind,
                                                  const char *text, parley_error *err);

/* Index lookups by id; -1 when absent. */
PARLEY_API long parley_party_find(const parley_scenario *sc, const char *id);
PARLEY_API long parley_issue_find(const parley_scenario *sc, const char *id);
PARLEY_API long parley_option_find(const parley_issue *is, const char *id);
PARLEY_API long parley_plan_find(const parley_scenario *sc, const char *id);
/* Index of the point with this id in pl, or -1. */
PARLEY_API long parley_point_find(const parley_plan *pl, const char *id);
/* Same text and same settings (in any order). */
PARLEY_API bool parley_point_same(const parley_point *a, const parley_point *b);

/* ---- utility ------------------------------------------------------------
 * A party's utility read straight from the model: the reference evaluator,
 * simple and exact. U(o) = clamp(sum_i w_i v_i(o_i) + deltas of the rules
 * that hold, 0, 1). Engines that evaluate millions of outcomes compile the
 * scenario into an outcome space (parley/space.h) instead. */

/* Whether rule r holds for the outcome (one option index per issue). */
PARLEY_API bool parley_rule_holds(const parley_rule *r, const size_t *outcome);

/* Utility of a complete outcome (one option index per issue). */
PARLEY_API double parley_utility(const parley_scenario *sc, size_t party, const size_t *outcome);

/* Utility of a partial outcome: sets[i] is an option or -1 (open). Open issues
 * are scored at their expected value with every option equally likely. The
 * result is exact when *exact is set true; otherwise (rules over more than
 * 10^6 open combinations) it is the clamp of the expectation. */
PARLEY_API double parley_utility_expected(const parley_scenario *sc, size_t party, const long *sets,
                                          bool *exact);

/* The least and greatest utility over every outcome, exactly. Fails with
 * PARLEY_ERR_LIMIT when the issues that rules touch have more than 10^7
 * joint combinations. */
PARLEY_API parley_status parley_utility_range(const parley_scenario *sc, size_t party, double *min,
                                              double *max, parley_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PARLEY_SCENARIO_H */
