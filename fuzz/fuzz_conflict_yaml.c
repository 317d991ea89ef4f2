/*
 * fuzz/fuzz_conflict_yaml.c — the `conflict:` section reader
 * (parley_conflict_parse_yaml: libfyaml, decision makers, options,
 * infeasibility, preferences, states).
 */
#include "fuzz.h"

#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_error err;
    parley_conflict *c = parley_conflict_parse_yaml((const char *)data, size, "fuzz.yaml", &err);
    fz_check_error(c, &err, "fuzz.yaml");
    if (c)
        for (size_t d = 0; d < parley_conflict_dm_count(c); d++)
            fz_check_text(parley_conflict_dm_name(c, d));
    parley_conflict_free(c);
    return 0;
}
