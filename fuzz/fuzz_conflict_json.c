/*
 * fuzz/fuzz_conflict_json.c — the GMCR+ / gmcr-case JSON reader
 * (parley_conflict_parse_json: jansson, then the schema).
 */
#include "fuzz.h"

#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parley_error err;
    parley_conflict *c = parley_conflict_parse_json((const char *)data, size, "fuzz.json", &err);
    fz_check_error(c, &err, "fuzz.json");
    if (c)
        for (size_t d = 0; d < parley_conflict_dm_count(c); d++)
            fz_check_text(parley_conflict_dm_name(c, d));
    parley_conflict_free(c);
    return 0;
}
