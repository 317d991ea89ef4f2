/*
 * core/file.h — reading a whole input file into memory, with a size limit,
 * for the readers that parse from a buffer (YAML scenarios, GENIUS XML,
 * KTAB CSV and XML, GMCR+ JSON). One place decides the error each failure
 * gives, so every reader reports them alike.
 */
#ifndef PARLEY_CORE_FILE_H
#define PARLEY_CORE_FILE_H

#include "parley.h"

#include <stddef.h>

/* Reads the file at path into a NUL-terminated buffer (its length in *len,
 * the NUL not counted). Caller frees. On failure returns NULL and fills
 * err, naming path: PARLEY_ERR_IO "cannot open: <reason>" or "read error";
 * PARLEY_ERR_LIMIT "file is N bytes; <what> are limited to max_bytes bytes"
 * (checked before reading when the size is known, and while reading for
 * pipes) or "out of memory reading file". */
char *pc_read_file(const char *path, size_t max_bytes, const char *what, size_t *len,
                   parley_error *err);

#endif
