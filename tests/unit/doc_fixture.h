/*
 * tests/unit/doc_fixture.h — what the document tests (test_document.c,
 * test_document_engines.c) share: a memory stream for a dumpf call, and
 * the check that dumpf streamed exactly the bytes dumps returned. Include
 * after <cmocka.h>.
 */
#ifndef PARLEY_TESTS_DOC_FIXTURE_H
#define PARLEY_TESTS_DOC_FIXTURE_H

#include "parley/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A memory stream for a dumpf call. */
typedef struct mem {
    char *buf;
    size_t len;
    FILE *fp;
} mem;

static inline FILE *mem_open(mem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->buf, &m->len);
    assert_non_null(m->fp);
    return m->fp;
}

/* Same bytes, or a message that shows where they part. */
static inline void same_text(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return;
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    size_t from = i > 80 ? i - 80 : 0;
    fail_msg("%s: differs at byte %zu:\n--- library\n%.160s\n--- got\n%.160s", what, i, want + from,
             got + from);
}

/* Closes the stream, checks that dumpf returned OK (st) and streamed the
 * bytes dumps returned (str); returns the document (frees the streamed
 * copy). */
static inline char *same_bytes(mem *m, parley_status st, char *str, const char *what)
{
    fclose(m->fp);
    if (st != PARLEY_OK || !str)
        fail_msg("%s: dumpf %d, dumps %s", what, (int)st, str ? "ok" : "NULL");
    same_text(what, m->buf, str);
    free(m->buf);
    return str;
}

#endif
