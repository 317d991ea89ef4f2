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
    double v = parleyp_pt_strtod(buf, &e, &finite);
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

/* One KTAB CSV read in progress: the owner of everything freed on exit. */
typedef struct ktab_reader {
    const char *name; /* file name for messages, may be NULL */
    parley_error *err;
    csv_field *f; /* the current line's fields */
    size_t nf;
    int line;
    parley_fc_scenario *sc;
    size_t n, D, row; /* declared actors, dimensions, actor rows read */
} ktab_reader;

/* The first line: <name>,<description>,<actors>,<dims>; allocates the scenario. */
static int read_scenario_line(ktab_reader *r)
{
    const csv_field *f = r->f;
    const char *name = r->name;
    parley_error *err = r->err;
    int line = r->line;
    if (r->nf < 4) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, line, 1, "scenario",
                         "the first line must be <name>,<description>,<actors>,<dims>");
        return -1;
    }
    if (parse_count(&f[2], 100000, &r->n) != 0 || r->n < 2) {
        parley_error_set(err,
                         parse_count(&f[2], SIZE_MAX, &r->n) == 0 && r->n >= 2 ? PARLEY_ERR_LIMIT
                                                                               : PARLEY_ERR_INPUT,
                         name, line, f[2].column, "numActors",
                         "the number of actors must be an integer from 2 to 100000, "
                         "not '%.*s'",
                         (int)f[2].len, f[2].s);
        return -1;
    }
    if (parse_count(&f[3], 1000, &r->D) != 0 || r->D < 1) {
        parley_error_set(err, PARLEY_ERR_INPUT, name, line, f[3].column, "numDims",
                         "the number of dimensions must be an integer from 1 to 1000, "
                         "not '%.*s'",
                         (int)f[3].len, f[3].s);
        return -1;
    }
    if (r->n * r->D > FC_MAX_CELLS) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, line, f[2].column, "numActors",
                         "%zu actors x %zu dimensions is more than %zu cells", r->n, r->D,
                         FC_MAX_CELLS);
        return -1;
    }
    if (3 + 2 * r->D > MAX_FIELDS) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, line, f[3].column, "numDims",
                         "too many dimensions");
        return -1;
    }
    parley_fc_scenario *sc = r->sc = parley_fc_scenario_new(r->n, r->D);
    if (!sc || !(sc->name = parleyp_fc_strndup(f[0].s, f[0].len)) ||
        !(sc->description = parleyp_fc_strndup(f[1].s, f[1].len)) ||
        (name && !(sc->file = parleyp_fc_strdup(name)))) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, line, 0, NULL, "out of memory");
        return -1;
    }
    return 0;
}

/* The header line: Actor,Description,Power,<dim>,<sal>,...; keeps the dimension names. */
static int read_header_line(ktab_reader *r)
{
    size_t D = r->D;
    if (r->nf < 3 + 2 * D) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, 1, "header",
                         "the header line has %zu fields, %zu expected "
                         "(Actor,Description,Power and a position and salience column "
                         "per dimension)",
                         r->nf, 3 + 2 * D);
        return -1;
    }
    for (size_t d = 0; d < D; d++)
        if (!(r->sc->dim[d] = parleyp_fc_strndup(r->f[3 + 2 * d].s, r->f[3 + 2 * d].len))) {
            parley_error_set(r->err, PARLEY_ERR_LIMIT, r->name, r->line, 0, NULL, "out of memory");
            return -1;
        }
    return 0;
}

/* An actor row's count, field count, name and description (named once only). */
static int read_actor_name(ktab_reader *r)
{
    const csv_field *f = r->f;
    parley_fc_scenario *sc = r->sc;
    size_t row = r->row;
    if (row >= r->n) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, 1, "actors",
                         "more actor rows than the %zu declared on the first line", r->n);
        return -1;
    }
    if (r->nf != 3 + 2 * r->D) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, 1, "actor",
                         "an actor row needs %zu fields (name, description, capability, "
                         "then position and salience for %zu dimensions), found %zu",
                         3 + 2 * r->D, r->D, r->nf);
        return -1;
    }
    if (f[0].len == 0) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, f[0].column, "Actor",
                         "empty actor name");
        return -1;
    }
    sc->actor[row] = parleyp_fc_strndup(f[0].s, f[0].len);
    sc->actor_desc[row] = parleyp_fc_strndup(f[1].s, f[1].len);
    if (!sc->actor[row] || !sc->actor_desc[row]) {
        parley_error_set(r->err, PARLEY_ERR_LIMIT, r->name, r->line, 0, NULL, "out of memory");
        return -1;
    }
    for (size_t k = 0; k < row; k++)
        if (strcmp(sc->actor[k], sc->actor[row]) == 0) {
            parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, f[0].column, "Actor",
                             "actor '%s' is listed twice", sc->actor[row]);
            return -1;
        }
    return 0;
}

/* An actor row's capability, positions and saliences, each range checked. */
static int read_actor_values(ktab_reader *r)
{
    const csv_field *f = r->f;
    parley_fc_scenario *sc = r->sc;
    size_t row = r->row, D = r->D;
    for (size_t k = 2; k < r->nf; k++) {
        double v;
        const char *field = k == 2 ? "Power" : (k % 2 ? "position" : "salience");
        if (parse_num(&f[k], &v) != 0) {
            parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, f[k].column, field,
                             "actor %s: '%.*s' is not a number", sc->actor[row], (int)f[k].len,
                             f[k].s);
            return -1;
        }
        bool bad = k == 2 ? (v <= 0.0 || v > 1e8) : (v < 0.0 || v > 100.0);
        if (bad) {
            parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, f[k].column, field,
                             "actor %s: %s %g out of range (%s)", sc->actor[row], field, v,
                             k == 2 ? "capability must be > 0 and <= 1e8" : "0..100");
            return -1;
        }
        if (k == 2)
            sc->capability[row] = v;
        else if (k % 2)
            sc->position[row * D + (k - 3) / 2] = v;
        else
            sc->salience[row * D + (k - 4) / 2] = v;
    }
    return 0;
}

/* An actor's saliences must add up to more than 0 and at most 100. */
static int check_salience_sum(ktab_reader *r)
{
    double ssum = 0.0;
    for (size_t d = 0; d < r->D; d++)
        ssum += r->sc->salience[r->row * r->D + d];
    if (ssum > 100.0 + 1e-9 || ssum <= 0.0) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, r->f[4].column, "salience",
                         "actor %s: saliences add up to %g; they must be > 0 and "
                         "at most 100",
                         r->sc->actor[r->row], ssum);
        return -1;
    }
    return 0;
}

/* One non-blank line, by state (0: scenario line, 1: header, 2: actors); advances state. */
static int read_line(ktab_reader *r, int *state)
{
    if (*state == 0) {
        if (read_scenario_line(r) != 0)
            return -1;
        *state = 1;
    } else if (*state == 1) {
        if (read_header_line(r) != 0)
            return -1;
        *state = 2;
    } else {
        if (read_actor_name(r) != 0 || read_actor_values(r) != 0 || check_salience_sum(r) != 0)
            return -1;
        r->row++;
    }
    return 0;
}

/* After the last line: the header was seen and every declared actor was read. */
static int check_complete(const ktab_reader *r, int state)
{
    if (state < 2) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, 0, "actors", "%s",
                         state == 0 ? "empty scenario file"
                                    : "no header line after the scenario line");
        return -1;
    }
    if (r->row < r->n) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->name, r->line, 0, "actors",
                         "%zu actor rows, %zu declared on the first line", r->row, r->n);
        return -1;
    }
    return 0;
}

/* Reads every line of [p, end); 0, or -1 with err set. */
static int read_lines(ktab_reader *r, const char *p, const char *end)
{
    int state = 0;
    while (p < end) {
        /* a line ends at LF, CR LF or a lone CR (old Mac files) */
        const char *le = p;
        while (le < end && *le != '\n' && *le != '\r')
            le++;
        const char *eol = le < end && *le == '\r' && le + 1 < end && le[1] == '\n' ? le + 1 : le;
        r->line++;
        if (!blank(p, le)) {
            r->nf = split_line(p, le, r->f, MAX_FIELDS);
            if (read_line(r, &state) != 0)
                return -1;
        }
        p = eol + 1;
    }
    return check_complete(r, state);
}

parley_fc_scenario *parley_fc_parse_ktab_csv(const char *text, size_t len, const char *name,
                                             parley_error *err)
{
    /* text must be UTF-8 (actor names reach JSON output) without NUL bytes */
    if (parleyp_pt_check_text(text, len, name, err) != PARLEY_OK)
        return NULL;
    ktab_reader r = {.name = name, .err = err, .f = malloc(MAX_FIELDS * sizeof *r.f)};
    if (!r.f) {
        parley_error_set(err, PARLEY_ERR_LIMIT, name, 0, 0, NULL, "out of memory");
        return NULL;
    }
    const char *p = text, *end = text + len;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    int rc = read_lines(&r, p, end);
    free(r.f);
    if (rc != 0) {
        parley_fc_scenario_free(r.sc);
        return NULL;
    }
    return r.sc;
}

parley_fc_scenario *parley_fc_read_ktab_csv(const char *path, parley_error *err)
{
    size_t len;
    char *text = parleyp_pc_read_file(path, (size_t)256 << 20, "KTAB CSV files", &len, err);
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
