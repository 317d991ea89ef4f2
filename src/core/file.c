/*
 * core/file.c — a whole input file into memory, with a size limit (see
 * file.h).
 */
#include "core/file.h"

#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *too_large(FILE *fp, char *buf, const char *path, const char *size, const char *what,
                       size_t max_bytes, parley_error *err)
{
    free(buf);
    fclose(fp);
    parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL,
                     "file is %s bytes; %s are limited to %zu bytes", size, what, max_bytes);
    return NULL;
}

char *pc_read_file(const char *path, size_t max_bytes, const char *what, size_t *len,
                   parley_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        parley_error_set(err, PARLEY_ERR_IO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    char size[32];
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > max_bytes) {
        snprintf(size, sizeof size, "%lld", (long long)st.st_size);
        return too_large(fp, NULL, path, size, what, max_bytes, err);
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        const size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (n > max_bytes) {
            snprintf(size, sizeof size, "over %zu", max_bytes);
            return too_large(fp, buf, path, size, what, max_bytes, err);
        }
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    const bool bad = ferror(fp) != 0;
    fclose(fp);
    if (!buf) {
        parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory reading file");
        return NULL;
    }
    if (bad) {
        free(buf);
        parley_error_set(err, PARLEY_ERR_IO, path, 0, 0, NULL, "read error");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
