/*
 * doc/json_writer.c — streaming JSON in the project's layout (see
 * json_writer.h). Strings are written as UTF-8 with the escapes JSON needs
 * (quote, backslash, control characters); '/' and non-ASCII are written as
 * they are. The readers have already refused text that is not UTF-8.
 * Writes skip stdio's per-call lock (parleyp_doc_dumpf holds the stream's
 * lock for the whole document): a document is many small writes.
 */
#define _GNU_SOURCE 1 /* fwrite_unlocked, putc_unlocked, fputs_unlocked (glibc) */
#include "doc/json_writer.h"
#include "doc/number.h"

#include <math.h>
#include <string.h>

void parleyp_jw_init(parleyp_jw *w, FILE *fp)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
    w->depth = 0;
    w->empty[0] = true;
}

static void indent(parleyp_jw *w, int depth)
{
    /* one write per line start: the newline and two spaces a level (the
     * depth never reaches PARLEYP_JW_MAX_DEPTH = 64) */
    static const char SPACES[] =
        "\n                                                                "
        "                                                                ";
    size_t n = 1 + 2 * (size_t)depth;
    fwrite_unlocked(SPACES, 1, n < sizeof SPACES ? n : sizeof SPACES - 1, w->fp);
}

/* Before any value: the separator and indent of its container, unless it
 * follows its key. */
static void before_value(parleyp_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0 && w->in_object[w->depth]) {
        w->bad = true; /* a value in an object needs a key */
        return;
    }
    if (w->depth == 0 && !w->empty[0])
        w->bad = true; /* one value per document */
    if (w->depth > 0) {
        if (!w->empty[w->depth])
            putc_unlocked(',', w->fp);
        indent(w, w->depth);
    }
    w->empty[w->depth] = false;
}

static void open(parleyp_jw *w, bool object)
{
    before_value(w);
    if (w->depth + 1 >= PARLEYP_JW_MAX_DEPTH) {
        w->bad = true;
        return;
    }
    putc_unlocked(object ? '{' : '[', w->fp);
    w->depth++;
    w->in_object[w->depth] = object;
    w->empty[w->depth] = true;
}

void parleyp_jw_object(parleyp_jw *w)
{
    open(w, true);
}
void parleyp_jw_array(parleyp_jw *w)
{
    open(w, false);
}

void parleyp_jw_close(parleyp_jw *w)
{
    if (w->depth == 0 || w->after_key) {
        w->bad = true;
        return;
    }
    bool object = w->in_object[w->depth];
    if (!w->empty[w->depth])
        indent(w, w->depth - 1);
    putc_unlocked(object ? '}' : ']', w->fp);
    w->depth--;
}

static void string_body(FILE *fp, const char *s)
{
    putc_unlocked('"', fp);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue; /* written with the rest of the run */
        fwrite_unlocked(run, 1, (size_t)(p - run), fp);
        run = p + 1;
        switch (*p) {
        case '"':
            fputs_unlocked("\\\"", fp);
            break;
        case '\\':
            fputs_unlocked("\\\\", fp);
            break;
        case '\b':
            fputs_unlocked("\\b", fp);
            break;
        case '\f':
            fputs_unlocked("\\f", fp);
            break;
        case '\n':
            fputs_unlocked("\\n", fp);
            break;
        case '\r':
            fputs_unlocked("\\r", fp);
            break;
        case '\t':
            fputs_unlocked("\\t", fp);
            break;
        default:
            fprintf(fp, "\\u%04x", *p);
        }
    }
    fwrite_unlocked(run, 1, (size_t)(p - run), fp);
    putc_unlocked('"', fp);
}

void parleyp_jw_key(parleyp_jw *w, const char *key)
{
    if (w->depth == 0 || !w->in_object[w->depth] || w->after_key) {
        w->bad = true;
        return;
    }
    if (!w->empty[w->depth])
        putc_unlocked(',', w->fp);
    indent(w, w->depth);
    w->empty[w->depth] = false;
    string_body(w->fp, key);
    fputs_unlocked(": ", w->fp);
    w->after_key = true;
}

void parleyp_jw_string(parleyp_jw *w, const char *s)
{
    if (!s) {
        parleyp_jw_null(w);
        return;
    }
    before_value(w);
    string_body(w->fp, s);
}

void parleyp_jw_number(parleyp_jw *w, double v)
{
    char buf[PARLEYP_NUMBER_MAX];
    if (!parleyp_number_format(buf, v)) {
        parleyp_jw_null(w);
        return;
    }
    before_value(w);
    fputs_unlocked(buf, w->fp);
}

void parleyp_jw_integer(parleyp_jw *w, long long v)
{
    before_value(w);
    fprintf(w->fp, "%lld", v);
}

void parleyp_jw_bool(parleyp_jw *w, bool v)
{
    before_value(w);
    fputs_unlocked(v ? "true" : "false", w->fp);
}

void parleyp_jw_null(parleyp_jw *w)
{
    before_value(w);
    fputs_unlocked("null", w->fp);
}

int parleyp_jw_end(parleyp_jw *w)
{
    if (w->depth != 0 || w->after_key || w->empty[0])
        w->bad = true;
    putc_unlocked('\n', w->fp);
    return w->bad || ferror(w->fp) ? -1 : 0;
}

void parleyp_jw_kstring(parleyp_jw *w, const char *key, const char *s)
{
    parleyp_jw_key(w, key);
    parleyp_jw_string(w, s);
}

void parleyp_jw_knumber(parleyp_jw *w, const char *key, double v)
{
    parleyp_jw_key(w, key);
    parleyp_jw_number(w, v);
}

void parleyp_jw_kinteger(parleyp_jw *w, const char *key, long long v)
{
    parleyp_jw_key(w, key);
    parleyp_jw_integer(w, v);
}

void parleyp_jw_kbool(parleyp_jw *w, const char *key, bool v)
{
    parleyp_jw_key(w, key);
    parleyp_jw_bool(w, v);
}

void parleyp_jw_kobject(parleyp_jw *w, const char *key)
{
    parleyp_jw_key(w, key);
    parleyp_jw_object(w);
}

void parleyp_jw_karray(parleyp_jw *w, const char *key)
{
    parleyp_jw_key(w, key);
    parleyp_jw_array(w);
}
