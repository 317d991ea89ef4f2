/*
 * forecast/deu.c — the DEU III benchmark (README §F): EU legislative
 * decisions with the positions and saliences of the Commission, the
 * Parliament and 28 member states and the outcome, on 0-100 scales.
 * Reading: line 1 names the columns (p<actor>, s<actor>, rp, out), line 2
 * holds the actors' weights under their p columns, then one issue a line;
 * fields are tab separated and may be quoted. Evaluating: every issue is a
 * one-dimensional scenario, forecast by a model, scored by the absolute
 * error of the expected outcome against `out`. The file is read whole, at
 * most 64 MiB, as UTF-8 text (core/file.h).
 */
#include "forecast/fc_internal.h"
#include "core/parallel.h"
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
    *v = pt_strtod(s, &e, &finite);
    return (*e || !finite) ? -1 : 0;
}

static long col(const tsv_row *h, const char *name)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->f[i], name) == 0)
            return (long)i;
    return -1;
}

void parley_deu_free(parley_deu *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_issues; i++) {
        free(d->issues[i].id);
        parley_fc_scenario_free(d->issues[i].sc);
    }
    free(d->issues);
    free(d);
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

parley_deu *parley_deu_read(const char *path, parley_error *err)
{
    size_t len;
    char *text = pc_read_text(path, DEU_MAX_BYTES, "DEU files", &len, err);
    if (!text)
        return NULL;
    char *cur = text, *end = text + len;
    parley_deu *d = calloc(1, sizeof *d);
    char *header, *weights, *line;
    size_t cap_issues = 0;
    tsv_row *h = malloc(sizeof *h), *w = malloc(sizeof *w), *r = malloc(sizeof *r);
    long pcol[DEU_MAX_COLS], scol[DEU_MAX_COLS];
    const char *aname[DEU_MAX_COLS];
    size_t na = 0;
    int ln = 0;
    if (!d || !h || !w || !r)
        goto oom;
    if (!(header = next_line(&cur, end))) {
        parley_error_set(err, PARLEY_ERR_INPUT, path, 1, 0, NULL, "empty file");
        goto fail;
    }
    if (!(weights = next_line(&cur, end))) {
        parley_error_set(err, PARLEY_ERR_INPUT, path, 2, 0, NULL, "no weights line");
        goto fail;
    }
    ln = 2;
    split_tsv(header, h);
    split_tsv(weights, w);
    long rp = col(h, "rp"), out = col(h, "out"), isnr = col(h, "isnr"), pc = col(h, "pcom");
    if (out < 0 || pc < 0) {
        parley_error_set(err, PARLEY_ERR_INPUT, path, 1, 0, out < 0 ? "out" : "pcom",
                         "the header line has no '%s' column (is this DEU III?)",
                         out < 0 ? "out" : "pcom");
        goto fail;
    }
    /* actors: every p<x> column from pcom on that has a matching s<x> column */
    for (size_t i = (size_t)pc; i < h->n; i++) {
        if (h->f[i][0] != 'p' || !h->f[i][1])
            continue;
        char sname[64];
        snprintf(sname, sizeof sname, "s%s", h->f[i] + 1);
        long s = col(h, sname);
        if (s < 0)
            continue;
        pcol[na] = (long)i;
        scol[na] = s;
        aname[na++] = h->f[i] + 1;
    }
    while ((line = next_line(&cur, end))) {
        ln++;
        split_tsv(line, r);
        if (r->n == 1 && !r->f[0][0])
            continue;
        double outcome = NAN, x[DEU_MAX_COLS], sal[DEU_MAX_COLS], rpv = NAN;
        int ro = (size_t)out < r->n ? num(r->f[out], &outcome) : 1;
        if (ro < 0) {
            parley_error_set(err, PARLEY_ERR_INPUT, path, ln, (int)out + 1, "out",
                             "'%s' is not a number", r->f[out]);
            goto fail;
        }
        if (rp >= 0 && (size_t)rp < r->n && num(r->f[rp], &rpv) != 0)
            rpv = NAN;
        size_t with_pos = 0, with_sal = 0;
        for (size_t a = 0; a < na; a++) {
            x[a] = NAN;
            sal[a] = NAN;
            double v;
            int rc = (size_t)pcol[a] < r->n ? num(r->f[pcol[a]], &v) : 1;
            if (rc < 0 || (rc == 0 && (v < 0 || v > 100))) {
                parley_error_set(err, PARLEY_ERR_INPUT, path, ln, (int)pcol[a] + 1, h->f[pcol[a]],
                                 "position '%s' is not a number in 0..100", r->f[pcol[a]]);
                goto fail;
            }
            if (rc == 1)
                continue;
            x[a] = v;
            with_pos++;
            rc = (size_t)scol[a] < r->n ? num(r->f[scol[a]], &v) : 1;
            if (rc < 0 || (rc == 0 && (v < 0 || v > 100))) {
                parley_error_set(err, PARLEY_ERR_INPUT, path, ln, (int)scol[a] + 1, h->f[scol[a]],
                                 "salience '%s' is not a number in 0..100", r->f[scol[a]]);
                goto fail;
            }
            if (rc == 0 && v > 0) {
                sal[a] = v;
                with_sal++;
            }
        }
        if (ro == 1 || with_pos == 0 || outcome < 0 || outcome > 100) {
            d->n_skipped++;
            continue;
        }
        size_t n = with_sal ? with_sal : with_pos;
        parley_fc_scenario *sc = parley_fc_scenario_new(n, 1);
        if (!sc)
            goto oom;
        if (d->n_issues == cap_issues) {
            cap_issues = cap_issues ? 2 * cap_issues : 512;
            parley_deu_issue *ni = realloc(d->issues, cap_issues * sizeof *ni);
            if (!ni) {
                parley_fc_scenario_free(sc);
                goto oom;
            }
            d->issues = ni;
        }
        parley_deu_issue *is = &d->issues[d->n_issues++];
        memset(is, 0, sizeof *is);
        is->sc = sc;
        is->line = ln;
        is->outcome = outcome;
        is->ref_point = rpv;
        is->id = fc_strdup(isnr >= 0 && (size_t)isnr < r->n ? r->f[isnr] : "?");
        sc->dim[0] = fc_strdup("issue");
        sc->name = fc_strdup(is->id ? is->id : "?");
        if (!is->id || !sc->dim[0] || !sc->name)
            goto oom;
        size_t k = 0;
        for (size_t a = 0; a < na; a++) {
            if (isnan(x[a]) || (with_sal && isnan(sal[a])))
                continue;
            double wt;
            if ((size_t)pcol[a] >= w->n || num(w->f[pcol[a]], &wt) != 0 || !(wt > 0))
                wt = 1.0;
            if (!(sc->actor[k] = fc_strdup(aname[a])))
                goto oom;
            sc->capability[k] = wt;
            sc->position[k] = x[a];
            sc->salience[k] = with_sal ? sal[a] : 50.0;
            k++;
        }
    }
    free(text);
    free(h);
    free(w);
    free(r);
    return d;
oom:
    parley_error_set(err, PARLEY_ERR_LIMIT, path, ln, 0, NULL, "out of memory");
fail:
    free(text);
    free(h);
    free(w);
    free(r);
    parley_deu_free(d);
    return NULL;
}

typedef struct deu_ctx {
    const parley_deu *d;
    parley_fc_options o;
    bool use_weights;
    double *pred;
    parley_error *errs;
} deu_ctx;

static void eval_issue(void *ctx, size_t i)
{
    deu_ctx *c = ctx;
    const parley_fc_scenario *base = c->d->issues[i].sc;
    if (base->n_actors == 1) {
        c->pred[i] = base->position[0];
        return;
    }
    parley_fc_scenario *sc = parley_fc_scenario_copy(base);
    if (!sc) {
        parley_error_set(&c->errs[i], PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
        return;
    }
    if (!c->use_weights)
        for (size_t a = 0; a < sc->n_actors; a++)
            sc->capability[a] = 1.0;
    parley_fc_result *r = parley_forecast_run(sc, &c->o, &c->errs[i]);
    if (r)
        c->pred[i] = r->expected[0];
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

void parley_deu_score_clear(parley_deu_score *s)
{
    free(s->prediction);
    memset(s, 0, sizeof *s);
}

parley_status parley_deu_evaluate(const parley_deu *d, const parley_fc_options *o, bool use_weights,
                                  parley_deu_score *out, parley_error *err)
{
    memset(out, 0, sizeof *out);
    out->model = o->model;
    deu_ctx c = {d, *o, use_weights, malloc((d->n_issues + 1) * sizeof(double)),
                 calloc(d->n_issues + 1, sizeof(parley_error))};
    c.o.threads = 1;
    if (!c.pred || !c.errs) {
        free(c.pred);
        free(c.errs);
        return parley_error_set(err, PARLEY_ERR_LIMIT, NULL, 0, 0, NULL, "out of memory");
    }
    for (size_t i = 0; i < d->n_issues; i++)
        c.pred[i] = NAN;
    pc_parallel_items(d->n_issues, o->threads, eval_issue, &c);
    double sum = 0.0;
    for (size_t i = 0; i < d->n_issues; i++) {
        if (isnan(c.pred[i])) {
            parley_status st = c.errs[i].code ? c.errs[i].code : PARLEY_ERR_INTERNAL;
            if (err) {
                *err = c.errs[i];
                char msg[sizeof err->message];
                snprintf(msg, sizeof msg, "issue %.40s (line %d): %.400s", d->issues[i].id,
                         d->issues[i].line, c.errs[i].message);
                memcpy(err->message, msg, sizeof msg);
                err->code = st;
            }
            free(c.pred);
            free(c.errs);
            return st;
        }
        sum += fabs(c.pred[i] - d->issues[i].outcome);
        out->n++;
    }
    free(c.errs);
    out->prediction = c.pred;
    out->mae = out->n ? sum / (double)out->n : (double)NAN;
    return PARLEY_OK;
}
