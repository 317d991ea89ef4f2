/*
 * doc/json_writer.h — the one JSON writer of libparley: streams a document to
 * a FILE as it is produced, in the project's layout (two-space indent, keys
 * in the order written, the layout jansson's JSON_INDENT(2) gives), with
 * numbers as the shortest text that reads back to the same double.
 *
 * Every JSON document parley writes (the command's --format json, the
 * library's parley_*_json_write functions, the Python binding) goes through
 * here, so no document is ever held whole in memory. The document modules
 * (doc/<result>.c) own the field names; docs/output.md lists them.
 *
 * Invariants kept by the writer: a key is written only inside an object and
 * is followed by exactly one value; containers close in the order they were
 * opened (checked; a mismatch is a bug and sets `bad`). Write errors stay in
 * the FILE (ferror) for the caller to report.
 */
#ifndef PARLEYP_JSON_WRITER_H
#define PARLEYP_JSON_WRITER_H

#include <stdbool.h>
#include <stdio.h>

#define PARLEYP_JW_MAX_DEPTH 64

typedef struct parleyp_jw {
    FILE *fp;
    int depth;
    bool in_object[PARLEYP_JW_MAX_DEPTH]; /* container kind at each depth        */
    bool empty[PARLEYP_JW_MAX_DEPTH];     /* nothing written yet at that depth    */
    bool after_key;                       /* a key was written, its value is next */
    bool bad;                             /* misuse (a bug), see parleyp_jw_end   */
} parleyp_jw;

void parleyp_jw_init(parleyp_jw *w, FILE *fp);
void parleyp_jw_object(parleyp_jw *w); /* opens { */
void parleyp_jw_array(parleyp_jw *w);  /* opens [ */
void parleyp_jw_close(parleyp_jw *w);  /* closes the innermost { or [ */
void parleyp_jw_key(parleyp_jw *w, const char *key);
void parleyp_jw_string(parleyp_jw *w, const char *s); /* NULL writes null */
void parleyp_jw_number(parleyp_jw *w, double v);      /* NaN/inf write null */
void parleyp_jw_integer(parleyp_jw *w, long long v);
void parleyp_jw_bool(parleyp_jw *w, bool v);
void parleyp_jw_null(parleyp_jw *w);
/* Ends the document with a newline. Returns 0, or -1 if the writer was
 * misused (unbalanced containers, a key without a value) or the stream
 * has an error. */
int parleyp_jw_end(parleyp_jw *w);

/* Key and value in one call. */
void parleyp_jw_kstring(parleyp_jw *w, const char *key, const char *s);
void parleyp_jw_knumber(parleyp_jw *w, const char *key, double v);
void parleyp_jw_kinteger(parleyp_jw *w, const char *key, long long v);
void parleyp_jw_kbool(parleyp_jw *w, const char *key, bool v);
void parleyp_jw_kobject(parleyp_jw *w, const char *key); /* key, then { */
void parleyp_jw_karray(parleyp_jw *w, const char *key);  /* key, then [ */

#endif
