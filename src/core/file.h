/*
 * core/file.h — reading a whole input file into memory, with a size limit,
 * for every reader (YAML scenarios and conflicts, GENIUS XML, KTAB CSV and
 * XML, GMCR+ JSON, DEU). One place decides which files are read and the
 * error each failure gives, so every reader reports them alike.
 *
 * What is read: regular files, and pipes (a FIFO, /dev/stdin fed by a pipe,
 * a shell's <(...)). The file is opened without blocking, so a FIFO that no
 * program writes to reads as empty instead of hanging in open(). Anything
 * else (a directory, a terminal, /dev/zero, a socket) is refused.
 */
#ifndef PARLEY_CORE_FILE_H
#define PARLEY_CORE_FILE_H

#include "parley.h"

#include <stddef.h>

/* Reads the file at path into a NUL-terminated buffer (its length in *len,
 * the NUL not counted). Caller frees. On failure returns NULL and fills
 * err, naming path: PARLEY_ERR_IO "cannot open: <reason>", "read error" or
 * "not a regular file or pipe (<kind>)"; PARLEY_ERR_LIMIT "file is N bytes;
 * <what> are limited to max_bytes bytes" (checked before reading when the
 * size is known, and while reading for pipes) or "out of memory reading
 * file". */
char *parleyp_pc_read_file(const char *path, size_t max_bytes, const char *what, size_t *len,
                           parley_error *err);

/* pc_read_file, then the text checks every reader needs (core/text.h):
 * UTF-8 without NUL bytes (PARLEY_ERR_INPUT naming line and column), and
 * lone CRs turned into LFs. */
char *parleyp_pc_read_text(const char *path, size_t max_bytes, const char *what, size_t *len,
                           parley_error *err);

#endif
