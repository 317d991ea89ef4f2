/*
 * core/error.c — construction and formatting of parley_error.
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy_str(char *dst, size_t n, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    snprintf(dst, n, "%s", src);
}

parley_status parley_error_set(parley_error *err, parley_status code, const char *file, int line,
                               int column, const char *field, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    copy_str(err->file, sizeof err->file, file);
    copy_str(err->field, sizeof err->field, field);
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void parley_error_clear(parley_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

const char *parley_error_format(const parley_error *err, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
#define APPEND(...)                                                                                \
    do {                                                                                           \
        if (used < n) {                                                                            \
            int k_ = snprintf(buf + used, n - used, __VA_ARGS__);                                  \
            if (k_ > 0)                                                                            \
                used += (size_t)k_;                                                                \
        }                                                                                          \
    } while (0)
    if (err->file[0]) {
        APPEND("%s:", err->file);
        if (err->line > 0)
            APPEND("%d:", err->line);
        if (err->column > 0)
            APPEND("%d:", err->column);
        APPEND(" ");
    }
    if (err->field[0])
        APPEND("%s: ", err->field);
    APPEND("%s", err->message);
#undef APPEND
    return buf;
}
