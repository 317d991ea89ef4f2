/*
 * fuzz/fuzz_genius.c — the GENIUS XML readers: a domain and one profile
 * (parley_genius_load). The input is the domain, FZ_GENIUS_SEPARATOR, then
 * the profile; without the separator the input is both. The readers take
 * paths: the two parts are handed over in in-memory files.
 */
#include "fuzz.h"

#include "parley.h"

#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *sep = NULL;
    const size_t ls = strlen(FZ_GENIUS_SEPARATOR);
    for (size_t i = 0; i + ls <= size && !sep; i++)
        if (memcmp(text + i, FZ_GENIUS_SEPARATOR, ls) == 0)
            sep = text + i;
    const size_t dlen = sep ? (size_t)(sep - text) : size;
    const char *prof = sep ? sep + ls : text;
    const size_t plen = sep ? size - dlen - ls : size;
    char dpath[64], ppath[64];
    int dfd = fz_memfile(text, dlen, dpath, sizeof dpath);
    int pfd = fz_memfile(prof, plen, ppath, sizeof ppath);
    if (dfd >= 0 && pfd >= 0) {
        parley_error err;
        const char *profiles[1] = {ppath};
        parley_space *sp = parley_genius_load(dpath, profiles, 1, &err);
        fz_check_error(sp, &err, dpath);
        if (sp) {
            for (size_t i = 0; i < parley_space_issue_count(sp); i++) {
                fz_check_text(parley_space_issue_name(sp, i));
                for (size_t v = 0; v < parley_space_value_count(sp, i); v++)
                    fz_check_text(parley_space_value_label(sp, i, v));
            }
        }
        parley_space_free(sp);
    }
    if (dfd >= 0)
        close(dfd);
    if (pfd >= 0)
        close(pfd);
    return 0;
}
