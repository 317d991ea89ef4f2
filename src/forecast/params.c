/*
 * forecast/params.c — the nine SMP model parameters under KTAB's names
 * (kmodel.h, smp.h name vectors) and their defaults; parsing them from text
 * (XML <ModelParameters>, the --param NAME=VALUE option) and naming them for
 * output. Also the defaults of the run options and the EUM parameters, and
 * how a file's own parameters and a scenario's `uncertainty:` ranges combine
 * with the caller's (what `parley forecast` does).
 */
#include "forecast/fc_internal.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct param_def {
    const char *name;
    const char *const *values;
    size_t n_values;
} param_def;

static const char *const VPM[] = {"Linear", "Square", "Quartic", "Octic", "Binary"};
static const char *const PCEM[] = {"Conditional", "MarkovIncentive", "MarkovUniform"};
static const char *const ST[] = {"Deterministic", "Stochastic"};
static const char *const VR[] = {"Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"};
static const char *const BRA[] = {"None", "OneThird", "Half", "TwoThirds", "Full"};
static const char *const BRR[] = {"Min", "Mid", "Max"};
static const char *const TPC[] = {"NoCommit", "SemiCommit", "FullCommit"};
static const char *const IVB[] = {"S1P1", "S2P2", "S2PMax"};
static const char *const BRGN[] = {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
static const param_def PARAMS[] = {
    {"VictoryProbModel", VPM, N_OF(VPM)}, {"PCEModel", PCEM, N_OF(PCEM)},
    {"StateTransitions", ST, N_OF(ST)},   {"VotingRule", VR, N_OF(VR)},
    {"BigRAdjust", BRA, N_OF(BRA)},       {"BigRRange", BRR, N_OF(BRR)},
    {"ThirdPartyCommit", TPC, N_OF(TPC)}, {"InterVecBrgn", IVB, N_OF(IVB)},
    {"BargnModel", BRGN, N_OF(BRGN)},
};

void parley_smp_params_default(parley_smp_params *p)
{
    p->victory_prob_model = PARLEY_VPM_LINEAR;
    p->pce_model = PARLEY_PCE_CONDITIONAL;
    p->state_transitions = PARLEY_ST_DETERMINISTIC;
    p->voting_rule = PARLEY_VR_PROP;
    p->big_r_adjust = PARLEY_BIGR_ONETHIRD;
    p->big_r_range = PARLEY_BIGR_MID;
    p->third_party_commit = PARLEY_TPC_SEMICOMMIT;
    p->inter_vec_brgn = PARLEY_IVB_S2P2;
    p->bargn_model = PARLEY_BRGN_INITONLY;
    p->max_turns = 100;
    p->stop_ratio = 0.02;
    p->ktab_bargain_bugs = false;
}

size_t parley_smp_param_count(void)
{
    return N_OF(PARAMS);
}

const char *parley_smp_param_name(size_t i)
{
    return i < N_OF(PARAMS) ? PARAMS[i].name : NULL;
}

static int get_value(const parley_smp_params *p, size_t i)
{
    switch (i) {
    case 0:
        return (int)p->victory_prob_model;
    case 1:
        return (int)p->pce_model;
    case 2:
        return (int)p->state_transitions;
    case 3:
        return (int)p->voting_rule;
    case 4:
        return (int)p->big_r_adjust;
    case 5:
        return (int)p->big_r_range;
    case 6:
        return (int)p->third_party_commit;
    case 7:
        return (int)p->inter_vec_brgn;
    case 8:
        return (int)p->bargn_model;
    default:
        return -1;
    }
}

static void put_value(parley_smp_params *p, size_t i, int v)
{
    switch (i) {
    case 0:
        p->victory_prob_model = (parley_vpm)v;
        break;
    case 1:
        p->pce_model = (parley_pcem)v;
        break;
    case 2:
        p->state_transitions = (parley_state_trans)v;
        break;
    case 3:
        p->voting_rule = (parley_vr)v;
        break;
    case 4:
        p->big_r_adjust = (parley_bigr_adjust)v;
        break;
    case 5:
        p->big_r_range = (parley_bigr_range)v;
        break;
    case 6:
        p->third_party_commit = (parley_tpc)v;
        break;
    case 7:
        p->inter_vec_brgn = (parley_ivb)v;
        break;
    case 8:
        p->bargn_model = (parley_brgn)v;
        break;
    default:
        break;
    }
}

const char *parley_smp_param_value(const parley_smp_params *p, size_t i)
{
    if (i >= N_OF(PARAMS))
        return NULL;
    int v = get_value(p, i);
    return v >= 0 && (size_t)v < PARAMS[i].n_values ? PARAMS[i].values[v] : "?";
}

parley_status parley_smp_param_set(parley_smp_params *p, const char *name, const char *value,
                                   parley_error *err)
{
    for (size_t i = 0; i < N_OF(PARAMS); i++) {
        if (strcasecmp(name, PARAMS[i].name) != 0)
            continue;
        for (size_t v = 0; v < PARAMS[i].n_values; v++)
            if (strcasecmp(value, PARAMS[i].values[v]) == 0) {
                put_value(p, i, (int)v);
                return PARLEY_OK;
            }
        char list[256] = "";
        size_t used = 0;
        for (size_t v = 0; v < PARAMS[i].n_values && used < sizeof list; v++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", v ? ", " : "",
                                     PARAMS[i].values[v]);
        return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, PARAMS[i].name,
                                "unknown value '%s' (expected one of %s)", value, list);
    }
    return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, name,
                            "unknown SMP parameter (expected VictoryProbModel, PCEModel, "
                            "StateTransitions, VotingRule, BigRAdjust, BigRRange, "
                            "ThirdPartyCommit, InterVecBrgn or BargnModel)");
}

void parley_eum_params_default(parley_eum_params *p)
{
    p->q = 1.0;
    p->rounds = 8;
    p->scholz_denominator = true;
}

void parley_fc_options_default(parley_fc_options *o)
{
    o->model = PARLEY_FC_SMP;
    parley_smp_params_default(&o->smp);
    parley_eum_params_default(&o->eum);
    o->seed = 15455440707583219804ULL;
    o->threads = 0;
}

static const char *const MODEL_NAMES[] = {"smp", "eum", "compromise", "median"};

int parley_fc_model_from_name(const char *name)
{
    for (size_t i = 0; i < N_OF(MODEL_NAMES); i++)
        if (strcasecmp(name, MODEL_NAMES[i]) == 0)
            return (int)i;
    return -1;
}

const char *parley_fc_model_name(parley_fc_model m)
{
    return (size_t)m < N_OF(MODEL_NAMES) ? MODEL_NAMES[m] : "?";
}

parley_status parley_fc_options_merge(parley_fc_options *o, const parley_fc_scenario *sc,
                                      const char *const *params, size_t n_params, bool seed_given,
                                      parley_error *err)
{
    if (sc->has_params) {
        /* the file's parameters, the run limits and KTAB-bug switch kept */
        parley_smp_params merged = sc->params;
        merged.max_turns = o->smp.max_turns;
        merged.stop_ratio = o->smp.stop_ratio;
        merged.ktab_bargain_bugs = o->smp.ktab_bargain_bugs;
        for (size_t k = 0; k < n_params; k++) {
            const char *eq = strchr(params[k], '=');
            char name[64];
            if (!eq || (size_t)(eq - params[k]) >= sizeof name)
                return parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "param",
                                        "a parameter setting needs NAME=VALUE, not '%s'",
                                        params[k]);
            snprintf(name, sizeof name, "%.*s", (int)(eq - params[k]), params[k]);
            parley_status st = parley_smp_param_set(&merged, name, eq + 1, err);
            if (st)
                return st;
        }
        o->smp = merged;
    }
    if (sc->has_seed && !seed_given)
        o->seed = sc->seed;
    return PARLEY_OK;
}

void parley_fc_scenario_set_ranges(parley_fc_scenario *sc, const parley_scenario *from,
                                   double position, double salience, double capability)
{
    if (isnan(position) && from)
        position = from->unc_position;
    if (isnan(salience) && from)
        salience = from->unc_salience;
    if (isnan(capability) && from)
        capability = from->unc_power;
    sc->vary_position = isnan(position) ? PARLEY_FC_VARY_POSITION : position;
    sc->vary_salience = isnan(salience) ? PARLEY_FC_VARY_SALIENCE : salience;
    sc->vary_capability = isnan(capability) ? PARLEY_FC_VARY_CAPABILITY : capability;
}
