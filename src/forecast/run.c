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
    switch (o->model) {
    case PARLEY_FC_SMP:
        return fc_smp_run(sc, o, err);
    case PARLEY_FC_EUM:
        return fc_eum_run(sc, o, err);
    case PARLEY_FC_COMPROMISE:
    case PARLEY_FC_MEDIAN:
        return fc_simple_run(sc, o->model, err);
    }
    parley_error_set(err, PARLEY_ERR_INPUT, NULL, 0, 0, "model", "unknown forecast model");
    return NULL;
}
