/*
 * fuzz/fuzz_ktab_xml.c — the KTAB XML scenario reader (parley_fc_parse_ktab_xml).
 */
#include "fuzz.h"

#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_error err;
    parley_fc_scenario *sc = parley_fc_parse_ktab_xml((const char *)data, size, "fuzz.xml", &err);
    fz_check_error(sc, &err, "fuzz.xml");
    if (sc) {
        for (size_t a = 0; a < sc->n_actors; a++) {
            fz_check_text(sc->actor[a]);
            fz_check_text(sc->actor_desc[a]);
        }
        for (size_t d = 0; d < sc->n_dims; d++)
            fz_check_text(sc->dim[d]);
    }
    parley_fc_scenario_free(sc);
    return 0;
}
