/*
 * fuzz/fuzz.h — shared by the libFuzzer harnesses (one per reader, see
 * docs/fuzzing.md). Each harness defines LLVMFuzzerTestOneInput; built with
 * -DPARLEY_FUZZ=ON it is linked with libFuzzer, otherwise with replay.c,
 * which runs it on the files it is given (CTest replays the corpora and the
 * regression inputs that way in every build).
 */
#ifndef PARLEY_FUZZ_H
#define PARLEY_FUZZ_H

#include "parley.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Puts bytes in an in-memory file (memfd) and writes a path that opens it
 * (/proc/self/fd/N) into path. Returns the descriptor (close it when done)
 * or -1. For readers that take only a path. */
int fz_memfile(const void *data, size_t size, char *path, size_t n);

/* The checks every harness makes of a reader's answer; each aborts (a
 * crash the fuzzer reports) when broken. A failed read must leave a
 * parley_error with a known code (input, limit or I/O; never OK or
 * internal), the file's name and a message. A string that reaches output
 * (a name, an id, a label) must be UTF-8. */
void fz_check_error(const void *result, const parley_error *err, const char *name);
void fz_check_text(const char *s);

/* The GENIUS harness's input: a domain, the separator, a profile. Without
 * the separator the whole input is both (a profile holds its issues too). */
#define FZ_GENIUS_SEPARATOR "\n=====\n"

#endif
