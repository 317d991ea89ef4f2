/*
 * core/text.c — see text.h.
 */
#include "core/text.h"

#include "core/error.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

const char *parleyp_pt_shortest(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, n, "%.17g", v);
    return buf;
}

void parleyp_pt_write_quoted(FILE *fp, const char *s)
{
    json_t *j = json_string(s ? s : "");
    char *t = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    fputs(t ? t : "\"\"", fp);
    free(t);
    json_decref(j);
}

/* Length of the valid UTF-8 sequence at s[0, n), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    const unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t k;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return k;
}

parley_status parleyp_pt_check_text(const char *text, size_t len, const char *name,
                                    parley_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    int line = 1, column = 1;
    for (size_t i = 0; i < len;) {
        const size_t k = s[i] ? utf8_seq(s + i, len - i) : 0;
        if (k == 0) {
            const bool utf16 =
                len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF) ||
                             s[0] == 0 || s[1] == 0);
            if (s[i] == 0)
                return parley_error_set(err, PARLEY_ERR_INPUT, name, line, column, NULL,
                                        "a NUL byte: this is binary data, not text%s",
                                        utf16 ? " (UTF-16? save the file as UTF-8)" : "");
            return parley_error_set(err, PARLEY_ERR_INPUT, name, line, column, NULL,
                                    "invalid UTF-8 (byte 0x%02X): text must be UTF-8%s", s[i],
                                    utf16 ? " (this looks like UTF-16)" : "");
        }
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
            line++;
            column = 1;
        } else if (s[i] != '\r') {
            column++;
        }
        i += k;
    }
    return PARLEY_OK;
}

bool parleyp_pt_has_lone_cr(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
            return true;
    return false;
}

void parleyp_pt_lone_cr_to_lf(char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))
            text[i] = '\n';
}

double parleyp_pt_strtod(const char *s, char **end, bool *finite)
{
    errno = 0;
    const double v = strtod(s, end);
    *finite = isfinite(v) && !(errno == ERANGE && fabs(v) > 1.0);
    return v;
}
