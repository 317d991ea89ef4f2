/*
 * tests/test_data.h — opening the reference data a test reads (data/, examples/).
 *
 * A test whose data is missing must fail and say which file, never skip or
 * stop on a bare assertion: td_open() and td_json_load() do that. Include
 * after <cmocka.h>.
 */
#ifndef PARLEY_TESTS_TEST_DATA_H
#define PARLEY_TESTS_TEST_DATA_H

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* fopen(path, mode) for reading test data; fails the test naming the file. */
static inline FILE *td_open(const char *path, const char *mode)
{
    FILE *fp = fopen(path, mode);
    if (!fp)
        fail_msg("missing test data: %s: %s", path, strerror(errno));
    return fp;
}

/* json_load_file(path); fails the test naming the file and the error. The
 * caller owns the result (json_decref). */
static inline json_t *td_json_load(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root)
        fail_msg("test data %s: %s (line %d)", path, je.text, je.line);
    return root;
}

#endif
