/*
 * io/deu.c — the DEU III benchmark's reader (README §F): EU legislative
 * decisions with the positions and saliences of the Commission, the
 * Parliament and 28 member states and the outcome, on 0-100 scales.
 * Line 1 names the columns (p<actor>, s<actor>, rp, out), line 2
 * holds the actors' weights under their p columns, then one issue a line;
 * fields are tab separated and may be quoted; every issue becomes a
 * one-dimensional scenario (forecast/deu.c evaluates them). The file is read whole, at
 * most 64 MiB, as UTF-8 text (core/file.h).
 */
#include "forecast/fc_internal.h"
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEU_MAX_COLS 256
#define DEU_MAX_BYTES ((size_t)64 << 20)

typedef struct tsv_row {
    char *f[DEU_MAX_COLS];
    size_t n;
} tsv_row;

/* Splits line in place at tabs; strips quotes and blanks. */
static void split_tsv(char *line, tsv_row *r)
{
    r->n = 0;
    char *p = line;
    for (;;) {
        char *t = strchr(p, '\t');
        if (t)
            *t = '\0';
        char *e = p + strlen(p);
        while (e > p && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' '))
            *--e = '\0';
        while (*p == ' ')
            p++;
        if (e - p >= 2 && *p == '"' && e[-1] == '"') {
            e[-1] = '\0';
            p++;
        }
        if (r->n < DEU_MAX_COLS)
            r->f[r->n++] = p;
        if (!t)
            break;
        p = t + 1;
    }
}

static int num(const char *s, double *v)
{
    if (!s || !*s)
        return 1; /* missing */
    char *e;
    bool finite;
    *v = parleyp_pt_strtod(s, &e, &finite);
    return (*e || !finite) ? -1 : 0;
}

static long col(const tsv_row *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->f[i], name) == 0)
            return (long)i;
    return -1;
}

/* The next line of the buffer, NUL-terminated in place (its LF removed);
 * NULL at the end. */
static char *next_line(char **p, char *end)
{
    if (*p >= end)
        return NULL;
    char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = end; /* the buffer is NUL-terminated */
    }
    return line;
}

/* One DEU read in progress: the owner of everything freed on exit. */
typedef struct deu_reader {
    const char *path;
    parley_error *err;
    char *text, *cur, *end; /* the whole file and the read position */
    int ln;                 /* the current line number */
    parley_deu *d;
    size_t cap_issues;
    tsv_row *h, *w, *r;     /* header, weights and current row */
    long rp, out, isnr, pc; /* header columns (-1: absent) */
    long pcol[DEU_MAX_COLS], scol[DEU_MAX_COLS];
    const char *aname[DEU_MAX_COLS];
    size_t na; /* actors found in the header */
} deu_reader;

/* One issue row's values. */
typedef struct deu_row {
    double outcome, rpv, x[DEU_MAX_COLS], sal[DEU_MAX_COLS];
    int ro; /* num() of the outcome: 0 read, 1 missing */
    size_t with_pos, with_sal;
} deu_row;

/* Sets the out-of-memory error at the current line; returns -1. */
static int deu_oom(deu_reader *r)
{
    parley_error_set(r->err, PARLEY_ERR_LIMIT, r->path, r->ln, 0, NULL, "out of memory");
    return -1;
}

/* Lines 1 and 2: the column names and the actors' weights; finds the key columns. */
static int read_header(deu_reader *r)
{
    char *header, *weights;
    if (!(header = next_line(&r->cur, r->end))) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->path, 1, 0, NULL, "empty file");
        return -1;
    }
    if (!(weights = next_line(&r->cur, r->end))) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->path, 2, 0, NULL, "no weights line");
        return -1;
    }
    r->ln = 2;
    split_tsv(header, r->h);
    split_tsv(weights, r->w);
    r->rp = col(r->h, "rp");
    r->out = col(r->h, "out");
    r->isnr = col(r->h, "isnr");
    r->pc = col(r->h, "pcom");
    if (r->out < 0 || r->pc < 0) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->path, 1, 0, r->out < 0 ? "out" : "pcom",
                         "the header line has no '%s' column (is this DEU III?)",
                         r->out < 0 ? "out" : "pcom");
        return -1;
    }
    return 0;
}

/* The actors: every p<x> column from pcom on that has a matching s<x> column. */
static void find_actors(deu_reader *r)
{
    const tsv_row *h = r->h;
    for (size_t i = (size_t)r->pc; i < h->n; i++) {
        if (h->f[i][0] != 'p' || !h->f[i][1])
            continue;
        char sname[64];
        snprintf(sname, sizeof sname, "s%s", h->f[i] + 1);
        long s = col(h, sname);
        if (s < 0)
            continue;
        r->pcol[r->na] = (long)i;
        r->scol[r->na] = s;
        r->aname[r->na++] = h->f[i] + 1;
    }
}

/* The current row's outcome, reference point, and each actor's position and salience. */
static int read_row_values(deu_reader *r, deu_row *v)
{
    const tsv_row *row = r->r, *h = r->h;
    long out = r->out, rp = r->rp;
    v->outcome = NAN;
    v->rpv = NAN;
    v->ro = (size_t)out < row->n ? num(row->f[out], &v->outcome) : 1;
    if (v->ro < 0) {
        parley_error_set(r->err, PARLEY_ERR_INPUT, r->path, r->ln, (int)out + 1, "out",
                         "'%s' is not a number", row->f[out]);
        return -1;
    }
    if (rp >= 0 && (size_t)rp < row->n && num(row->f[rp], &v->rpv) != 0)
        v->rpv = NAN;
    v->with_pos = v->with_sal = 0;
    for (size_t a = 0; a < r->na; a++) {
        long pa = r->pcol[a], sa = r->scol[a];
        v->x[a] = NAN;
        v->sal[a] = NAN;
        double x;
        int rc = (size_t)pa < row->n ? num(row->f[pa], &x) : 1;
        if (rc < 0 || (rc == 0 && (x < 0 || x > 100))) {
            parley_error_set(r->err, PARLEY_ERR_INPUT, r->path, r->ln, (int)pa + 1, h->f[pa],
                             "position '%s' is not a number in 0..100", row->f[pa]);
            return -1;
        }
        if (rc == 1)
            continue;
        v->x[a] = x;
        v->with_pos++;
        rc = (size_t)sa < row->n ? num(row->f[sa], &x) : 1;
        if (rc < 0 || (rc == 0 && (x < 0 || x > 100))) {
            parley_error_set(r->err, PARLEY_ERR_INPUT, r->path, r->ln, (int)sa + 1, h->f[sa],
                             "salience '%s' is not a number in 0..100", row->f[sa]);
            return -1;
        }
        if (rc == 0 && x > 0) {
            v->sal[a] = x;
            v->with_sal++;
        }
    }
    return 0;
}

/* Appends a new issue holding scenario sc (freed here if that fails); NULL when out of memory. */
static parley_deu_issue *push_issue(deu_reader *r, parley_fc_scenario *sc)
{
    parley_deu *d = r->d;
    if (d->n_issues == r->cap_issues) {
        r->cap_issues = r->cap_issues ? 2 * r->cap_issues : 512;
        parley_deu_issue *ni = realloc(d->issues, r->cap_issues * sizeof *ni);
        if (!ni) {
            parley_fc_scenario_free(sc);
            return NULL;
        }
        d->issues = ni;
    }
    parley_deu_issue *is = &d->issues[d->n_issues++];
    memset(is, 0, sizeof *is);
    is->sc = sc;
    return is;
}

/* The current row as a one-dimensional scenario of the actors with a position (and salience). */
static int add_issue(deu_reader *r, const deu_row *v)
{
    size_t n = v->with_sal ? v->with_sal : v->with_pos;
    parley_fc_scenario *sc = parley_fc_scenario_new(n, 1);
    if (!sc)
        return deu_oom(r);
    parley_deu_issue *is = push_issue(r, sc);
    if (!is)
        return deu_oom(r);
    is->line = r->ln;
    is->outcome = v->outcome;
    is->ref_point = v->rpv;
    is->id = parleyp_fc_strdup(r->isnr >= 0 && (size_t)r->isnr < r->r->n ? r->r->f[r->isnr] : "?");
    sc->dim[0] = parleyp_fc_strdup("issue");
    sc->name = parleyp_fc_strdup(is->id ? is->id : "?");
    if (!is->id || !sc->dim[0] || !sc->name)
        return deu_oom(r);
    size_t k = 0;
    for (size_t a = 0; a < r->na; a++) {
        if (isnan(v->x[a]) || (v->with_sal && isnan(v->sal[a])))
            continue;
        double wt;
        long pa = r->pcol[a];
        if ((size_t)pa >= r->w->n || num(r->w->f[pa], &wt) != 0 || !(wt > 0))
            wt = 1.0;
        if (!(sc->actor[k] = parleyp_fc_strdup(r->aname[a])))
            return deu_oom(r);
        sc->capability[k] = wt;
        sc->position[k] = v->x[a];
        sc->salience[k] = v->with_sal ? v->sal[a] : 50.0;
        k++;
    }
    return 0;
}

/* The issue lines after the weights: each becomes an issue or is counted as skipped. */
static int read_issues(deu_reader *r)
{
    deu_row *v = malloc(sizeof *v);
    char *line;
    int rc = 0;
    if (!v)
        return deu_oom(r);
    while (rc == 0 && (line = next_line(&r->cur, r->end))) {
        r->ln++;
        split_tsv(line, r->r);
        if (r->r->n == 1 && !r->r->f[0][0])
            continue;
        if (read_row_values(r, v) != 0) {
            rc = -1;
            break;
        }
        if (v->ro == 1 || v->with_pos == 0 || v->outcome < 0 || v->outcome > 100) {
            r->d->n_skipped++;
            continue;
        }
        rc = add_issue(r, v);
    }
    free(v);
    return rc;
}

parley_deu *parley_deu_read(const char *path, parley_error *err)
{
    size_t len;
    char *text = parleyp_pc_read_text(path, DEU_MAX_BYTES, "DEU files", &len, err);
    if (!text)
        return NULL;
    deu_reader *r = calloc(1, sizeof *r);
    parley_deu *d = calloc(1, sizeof *d);
    int rc = -1;
    if (r) {
        r->path = path;
        r->err = err;
        r->text = r->cur = text;
        r->end = text + len;
        r->d = d;
        r->h = malloc(sizeof *r->h);
        r->w = malloc(sizeof *r->w);
        r->r = malloc(sizeof *r->r);
        if (!d || !r->h || !r->w || !r->r)
            rc = deu_oom(r);
        else if (read_header(r) == 0) {
            find_actors(r);
            rc = read_issues(r);
        }
        free(r->h);
        free(r->w);
        free(r->r);
        free(r);
    } else {
        parley_error_set(err, PARLEY_ERR_LIMIT, path, 0, 0, NULL, "out of memory");
    }
    free(text);
    if (rc != 0) {
        parley_deu_free(d);
        return NULL;
    }
    return d;
}
