/*
 * fuzz/fuzz_util.c — in-memory files for the harnesses whose reader takes a
 * path (GENIUS, DEU). See fuzz.h.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int fz_memfile(const void *data, size_t size, char *path, size_t n)
{
    int fd = memfd_create("parley-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    const char *p = data;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, p + done, size - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(path, n, "/proc/self/fd/%d", fd);
    return fd;
}

void fz_check_error(const void *result, const parley_error *err, const char *name)
{
    if (result)
        return;
    if (err->code != PARLEY_ERR_INPUT && err->code != PARLEY_ERR_LIMIT &&
        err->code != PARLEY_ERR_IO) {
        fprintf(stderr, "fuzz: failed read with error code %d: %s\n", (int)err->code, err->message);
        abort();
    }
    if (!err->message[0] || (strcmp(err->file, name) != 0 && strncmp(err->file, "/proc/", 6))) {
        fprintf(stderr, "fuzz: failed read without a message or file name ('%s': '%s')\n",
                err->file, err->message);
        abort();
    }
}

void fz_check_text(const char *s)
{
    if (!s)
        return;
    json_t *j = json_string(s); /* NULL when s is not UTF-8 */
    if (!j) {
        fprintf(stderr, "fuzz: a string read is not UTF-8\n");
        abort();
    }
    json_decref(j);
}
