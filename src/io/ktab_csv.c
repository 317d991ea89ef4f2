/*
 * io/ktab_csv.c — reader for KTAB's SMP CSV scenarios
 * (SMPModel::csvRead, README §A 5.1):
 *
 *   <name>,<description>,<numActors>,<numDims>,
 *   Actor,Description,Power,<Dim1 name>,<Sal1>,<Dim2 name>,<Sal2>,...,
 *   <actor>,<description>,<capability>,<pos1>,<sal1>,<pos2>,<sal2>,...
 *
 * Fields are comma separated (a comma inside double quotes does not
 * separate), quotes and surrounding blanks are trimmed, the trailing comma
 * is optional, blank lines are skipped. Every problem is reported with the
 * file, line, column and field.
 */
#include "forecast/fc_internal.h"
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 4096

typedef struct csv_field {
    const char *s;
    size_t len;
    int column; /* 1-based byte column of the field's start */
} csv_field;

/* Splits one line [p, end) into fields; returns the count (capped). */
static size_t split_line(const char *p, const char *end, csv_field *f, size_t cap)
{
    size_t n = 0;
    const char *line0 = p;
    for (;;) {
        const char *start = p;
        bool quoted = false;
        while (p < end && (*p != ',' || quoted)) {
            if (*p == '"')
                quoted = !quoted;
            p++;
        }
        const char *a = start, *b = p;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if (b - a >= 2 && *a == '"' && b[-1] == '"') {
            a++;
            b--;
            while (a < b && isspace((unsigned char)*a))
                a++;
            while (b > a && isspace((unsigned char)b[-1]))
                b--;
        }
        if (n < cap) {
            f[n].s = a;
            f[n].len = (size_t)(b - a);
            f[n].column = (int)(start - line0) + 1;
        }
        n++;
        if (p >= end)
            break;
        p++; /* skip ',' */
    }
    /* a trailing comma leaves one empty last field: drop it */
    if (n > 0 && n <= cap && f[n - 1].len == 0)
        n--;
    return n < cap ? n : cap;
}

static bool blank(const char *p, const char *end)
{
    for (; p < end; p++)
        if (!isspace((unsigned char)*p) && *p != ',')
            return false;
    return true;
}

static int parse_num(const csv_field *f, double *out)
{
    char buf[64];
    if (f->len == 0 || f->len >= sizeof buf)
        return -1;
    memcpy(buf, f->s, f->len);
    buf[f->len] = '\0';
    char *e;
    bool finite;
    double v = pt_strtod(buf, &e, &finite);
    if (*e || !finite)
        return -1;
    *out = v;
    return 0;
}

static int parse_count(const csv_field *f, size_t max, size_t *out)
{
    double v;
    if (parse_num(f, &v) != 0 || v != floor(v) || v < 0 || v > (double)max)
        return -1;
    *out = (size_t)v;
    return 0;
}

parley_fc_scenario *parley_fc_parse_ktab_csv(const char *text, size_t len, const char *name,
                                             parley_error *err)
{
    /* text must be UTF-8 (actor names reach JSON output) without NUL bytes */
    if (pt_check_text(text, len, name, err) != PARLEY_OK)
        return NULL;
    csv_field *f = malloc(MAX_FIELDS * sizeof *f);
    parley_fc_scenario *sc = NULL;
    if (!f) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
        return NULL;
    }
    const char *p = text, *end = text + len;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    int line = 0, state = 0; /* 0: scenario line, 1: header, 2: actors */
    size_t n = 0, D = 0, row = 0;
    while (p < end) {
        /* a line ends at LF, CR LF or a lone CR (old Mac files) */
        const char *le = p;
        while (le < end && *le != '\n' && *le != '\r')
            le++;
        const char *eol = le < end && *le == '\r' && le + 1 < end && le[1] == '\n' ? le + 1 : le;
        line++;
        if (blank(p, le)) {
            p = eol + 1;
            continue;
        }
        size_t nf = split_line(p, le, f, MAX_FIELDS);
        if (state == 0) {
            if (nf < 4) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, 1, "scenario",
                                 "the first line must be <name>,<description>,<actors>,<dims>");
                goto fail;
            }
            if (parse_count(&f[2], 100000, &n) != 0 || n < 2) {
                parley_error_set(err,
                                 parse_count(&f[2], SIZE_MAX, &n) == 0 && n >= 2 ? PARLEY_ERR_LIMIT
                                                                                 : PARLEY_ERR_INPUT,
                                 name, line, f[2].column, "numActors",
                                 "the number of actors must be an integer from 2 to 100000, "
                                 "not '%.*s'",
                                 (int)f[2].len, f[2].s);
                goto fail;
            }
            if (parse_count(&f[3], 1000, &D) != 0 || D < 1) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[3].column, "numDims",
                                 "the number of dimensions must be an integer from 1 to 1000, "
                                 "not '%.*s'",
                                 (int)f[3].len, f[3].s);
                goto fail;
            }
            if (n * D > FC_MAX_CELLS) {
                parley_error_set(err, PARLEY_ERR_LIMIT, name, line, f[2].column, "numActors",
                                 "%zu actors x %zu dimensions is more than %zu cells", n, D,
                                 FC_MAX_CELLS);
                goto fail;
            }
            if (3 + 2 * D > MAX_FIELDS) {
                parley_error_set(err, PARLEY_ERR_LIMIT, name, line, f[3].column, "numDims",
                                 "too many dimensions");
                goto fail;
            }
            sc = parley_fc_scenario_new(n, D);
            if (!sc || !(sc->name = fc_strndup(f[0].s, f[0].len)) ||
                !(sc->description = fc_strndup(f[1].s, f[1].len)) ||
                (name && !(sc->file = fc_strdup(name)))) {
                parley_error_set(err, PARLEY_ERR_LIMIT, name, line, 0, NULL, "out of memory");
                goto fail;
            }
            state = 1;
        } else if (state == 1) {
            if (nf < 3 + 2 * D) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, 1, "header",
                                 "the header line has %zu fields, %zu expected "
                                 "(Actor,Description,Power and a position and salience column "
                                 "per dimension)",
                                 nf, 3 + 2 * D);
                goto fail;
            }
            for (size_t d = 0; d < D; d++)
                if (!(sc->dim[d] = fc_strndup(f[3 + 2 * d].s, f[3 + 2 * d].len))) {
                    parley_error_set(err, PARLEY_ERR_LIMIT, name, line, 0, NULL, "out of memory");
                    goto fail;
                }
            state = 2;
        } else {
            if (row >= n) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, 1, "actors",
                                 "more actor rows than the %zu declared on the first line", n);
                goto fail;
            }
            if (nf != 3 + 2 * D) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, 1, "actor",
                                 "an actor row needs %zu fields (name, description, capability, "
                                 "then position and salience for %zu dimensions), found %zu",
                                 3 + 2 * D, D, nf);
                goto fail;
            }
            if (f[0].len == 0) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[0].column, "Actor",
                                 "empty actor name");
                goto fail;
            }
            sc->actor[row] = fc_strndup(f[0].s, f[0].len);
            sc->actor_desc[row] = fc_strndup(f[1].s, f[1].len);
            if (!sc->actor[row] || !sc->actor_desc[row]) {
                parley_error_set(err, PARLEY_ERR_LIMIT, name, line, 0, NULL, "out of memory");
                goto fail;
            }
            for (size_t r = 0; r < row; r++)
                if (strcmp(sc->actor[r], sc->actor[row]) == 0) {
                    parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[0].column, "Actor",
                                     "actor '%s' is listed twice", sc->actor[row]);
                    goto fail;
                }
            for (size_t k = 2; k < nf; k++) {
                double v;
                const char *field = k == 2 ? "Power" : (k % 2 ? "position" : "salience");
                if (parse_num(&f[k], &v) != 0) {
                    parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[k].column, field,
                                     "actor %s: '%.*s' is not a number", sc->actor[row],
                                     (int)f[k].len, f[k].s);
                    goto fail;
                }
                bool bad = k == 2 ? (v <= 0.0 || v > 1e8) : (v < 0.0 || v > 100.0);
                if (bad) {
                    parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[k].column, field,
                                     "actor %s: %s %g out of range (%s)", sc->actor[row], field, v,
                                     k == 2 ? "capability must be > 0 and <= 1e8" : "0..100");
                    goto fail;
                }
                if (k == 2)
                    sc->capability[row] = v;
                else if (k % 2)
                    sc->position[row * D + (k - 3) / 2] = v;
                else
                    sc->salience[row * D + (k - 4) / 2] = v;
            }
            double ssum = 0.0;
            for (size_t d = 0; d < D; d++)
                ssum += sc->salience[row * D + d];
            if (ssum > 100.0 + 1e-9 || ssum <= 0.0) {
                parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[4].column, "salience",
                                 "actor %s: saliences add up to %g; they must be > 0 and "
                                 "at most 100",
                                 sc->actor[row], ssum);
                goto fail;
            }
            row++;
        }
        p = eol + 1;
    }
    if (state < 2) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, line, 0, "actors", "%s",
                         state == 0 ? "empty scenario file"
                                    : "no header line after the scenario line");
        goto fail;
    }
    if (row < n) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, line, 0, "actors",
                         "%zu actor rows, %zu declared on the first line", row, n);
        goto fail;
    }
    free(f);
    return sc;
fail:
    free(f);
    parley_fc_scenario_free(sc);
    return NULL;
}

parley_fc_scenario *parley_fc_read_ktab_csv(const char *path, parley_error *err)
{
    size_t len;
    char *text = pc_read_file(path, (size_t)256 << 20, "KTAB CSV files", &len, err);
    if (!text)
        return NULL;
    parley_fc_scenario *sc = parley_fc_parse_ktab_csv(text, len, path, err);
    free(text);
    return sc;
}

parley_fc_scenario *parley_fc_read_ktab(const char *path, parley_error *err)
{
    size_t l = strlen(path);
    if (l >= 4 && (strcmp(path + l - 4, ".xml") == 0 || strcmp(path + l - 4, ".XML") == 0))
        return parley_fc_read_ktab_xml(path, err);
    return parley_fc_read_ktab_csv(path, err);
}
