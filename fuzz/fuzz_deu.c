/*
 * fuzz/fuzz_deu.c — the DEU III reader (parley_deu_read, which takes a path:
 * the bytes are handed over in an in-memory file).
 */
#include "fuzz.h"

#include "parley.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    parley_error err;
    parley_deu *d = parley_deu_read(path, &err);
    fz_check_error(d, &err, path);
    parley_deu_free(d);
    close(fd);
    return 0;
}
