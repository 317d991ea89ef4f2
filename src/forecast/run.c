/*
 * forecast/run.c — parley_forecast_run: validates the scenario and hands it
 * to the chosen model (smp_run.c, eum.c, simple.c).
 */
#include "forecast/fc_internal.h"
#include "core/error.h"

parley_fc_result *parley_forecast_run(const parley_fc_scenario *sc, const parley_fc_options *o,
                                      parley_error *err)
{
    if (parley_fc_scenario_validate(sc, err) != PARLEY_OK)
        return NULL;
    /* SMP: ~10 n^2 doubles of state, O(n^3) per turn; EUM: O(n^3) pow()
     * calls per round. Beyond these sizes use compromise or median. */
    const size_t limit = o->model == PARLEY_FC_SMP   ? FC_SMP_MAX_ACTORS
                         : o->model == PARLEY_FC_EUM ? FC_EUM_MAX_ACTORS
                                                     : (size_t)-1;
    if (sc->n_actors > limit) {
        parley_error_set(err, PARLEY_ERR_LIMIT, sc->file, 0, 0, "actors",
                         "%zu actors: the %s model is limited to %zu (the compromise and median "
                         "models have no limit)",
                         sc->n_actors, parley_fc_model_name(o->model), limit);
        return NULL;
    }
    parley_fc_result *r = NULL;
    switch (o->model) {
    case PARLEY_FC_SMP:
        r = parleyp_fc_smp_run(sc, o, err);
        break;
    case PARLEY_FC_EUM:
        r = parleyp_fc_eum_run(sc, o, err);
        break;
    case PARLEY_FC_COMPROMISE:
    case PARLEY_FC_MEDIAN:
        r = parleyp_fc_simple_run(sc, o->model, err);
        break;
    default:
        parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "model", "unknown forecast model");
        return NULL;
    }
    /* the expected outcome in each issue's own terms */
    if (r && !parleyp_fc_result_units(r, sc)) {
        parley_fc_result_free(r);
        parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    return r;
}
