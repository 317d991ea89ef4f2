/*
 * doc/number.c — shortest round-trip decimal text for a double, and the CSV
 * field writers built on it (see number.h).
 *
 * Why three tries are enough: if the shortest decimal that reads back to v
 * has d <= 15 significant digits, "%.15g" rounds v to that same decimal
 * (v lies within half an ulp, about 1.1e-16 relative, of it, which is less
 * than half a unit in the 15th digit) and %g drops the trailing zeros; 16 or
 * 17 digits cover the rest (17 always reads back exactly). Subnormals have
 * less precision, so for them the search starts at one digit.
 */
#define _GNU_SOURCE 1 /* putc_unlocked, fputs_unlocked (glibc) */
#include "doc/number.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool parleyp_number_format(char *buf, double v)
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return false;
    }
    if (v == 0) {
        strcpy(buf, "0");
        return true;
    }
    /* Subnormals carry fewer significant bits: search from one digit. */
    for (int digits = fabs(v) < DBL_MIN ? 1 : 15; digits <= 17; digits++) {
        snprintf(buf, PARLEYP_NUMBER_MAX, "%.*g", digits, v);
        if (digits == 17 || strtod(buf, NULL) == v)
            break;
    }
    return true;
}

void parleyp_csv_string(FILE *fp, const char *s, bool last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\n\r")) {
        putc_unlocked('"', fp);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                putc_unlocked('"', fp);
            putc_unlocked(*p, fp);
        }
        putc_unlocked('"', fp);
    } else {
        fputs_unlocked(s, fp);
    }
    putc_unlocked(last ? '\n' : ',', fp);
}

void parleyp_csv_column(FILE *fp, const char *prefix, const char *id, bool last)
{
    size_t n = strlen(prefix) + strlen(id) + 1;
    char small[256], *buf = n <= sizeof small ? small : malloc(n);
    if (!buf) { /* no memory: the name unquoted, still whole */
        fputs(prefix, fp);
        fputs(id, fp);
        fputc(last ? '\n' : ',', fp);
        return;
    }
    snprintf(buf, n, "%s%s", prefix, id);
    parleyp_csv_string(fp, buf, last);
    if (buf != small)
        free(buf);
}

void parleyp_csv_number(FILE *fp, double v, bool last)
{
    char buf[PARLEYP_NUMBER_MAX];
    if (parleyp_number_format(buf, v))
        fputs_unlocked(buf, fp);
    putc_unlocked(last ? '\n' : ',', fp);
}

void parleyp_csv_bool(FILE *fp, bool v, bool last)
{
    fputs_unlocked(v ? "true" : "false", fp);
    putc_unlocked(last ? '\n' : ',', fp);
}
