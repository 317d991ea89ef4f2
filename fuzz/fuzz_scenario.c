/*
 * fuzz/fuzz_scenario.c — the parley YAML scenario reader
 * (parley_scenario_parse: libfyaml, then validation and plan resolution).
 */
#include "fuzz.h"

#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_error err;
    parley_scenario *sc = parley_scenario_parse((const char *)data, size, "fuzz.yaml", &err);
    fz_check_error(sc, &err, "fuzz.yaml");
    if (sc) {
        for (size_t p = 0; p < sc->n_parties; p++) {
            fz_check_text(sc->parties[p].id);
            fz_check_text(sc->parties[p].name);
        }
        for (size_t i = 0; i < sc->n_issues; i++)
            for (size_t o = 0; o < sc->issues[i].n_options; o++)
                fz_check_text(sc->issues[i].options[o].id);
    }
    parley_scenario_free(sc);
    return 0;
}
