/*
 * core/text.c — see text.h.
 */
#include "core/text.h"

#include <jansson.h>
#include <stdlib.h>

const char *pt_shortest(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, n, "%.17g", v);
    return buf;
}

void pt_write_quoted(FILE *fp, const char *s)
{
    json_t *j = json_string(s ? s : "");
    char *t = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    fputs(t ? t : "\"\"", fp);
    free(t);
    json_decref(j);
}
