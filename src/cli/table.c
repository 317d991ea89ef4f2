/*
 * cli/table.c — aligned text tables (see table.h).
 * Invariant: every row holds exactly ncols heap-allocated cells.
 */
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct cli_table {
    size_t ncols, nrows, cap;
    char **headers;
    bool *right;
    char ***rows;
};

cli_table *cli_table_new(void)
{
    return calloc(1, sizeof(cli_table));
}

void cli_table_free(cli_table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            free(t->rows[r][c]);
        free(t->rows[r]);
    }
    for (size_t c = 0; c < t->ncols; c++)
        free(t->headers[c]);
    free(t->rows);
    free(t->headers);
    free(t->right);
    free(t);
}

int cli_table_column(cli_table *t, const char *header, bool right)
{
    if (t->nrows)
        return -1; /* columns come before rows */
    char **h = realloc(t->headers, (t->ncols + 1) * sizeof *h);
    if (!h)
        return -1;
    t->headers = h;
    bool *r = realloc(t->right, (t->ncols + 1) * sizeof *r);
    if (!r)
        return -1;
    t->right = r;
    if (!(t->headers[t->ncols] = strdup(header)))
        return -1;
    t->right[t->ncols++] = right;
    return 0;
}

int cli_table_row(cli_table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        char ***rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        t->rows = rows;
        t->cap = cap;
    }
    char **row = calloc(t->ncols ? t->ncols : 1, sizeof *row);
    if (!row)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        row[c] = strdup(cells[c] ? cells[c] : "");
        if (!row[c]) {
            for (size_t k = 0; k < c; k++)
                free(row[k]);
            free(row);
            return -1;
        }
    }
    t->rows[t->nrows++] = row;
    return 0;
}

int cli_table_rowf(cli_table *t, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *cells[64] = {0};
    size_t n = 0;
    char *p = buf;
    while (n < t->ncols && n < 64) {
        cells[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return cli_table_row(t, cells);
}

static size_t utf8_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

static void print_cells(const cli_table *t, FILE *fp, const char *indent, char *const *cells,
                        const size_t *width)
{
    fputs(indent, fp);
    for (size_t c = 0; c < t->ncols; c++) {
        size_t w = utf8_width(cells[c]);
        bool last = c + 1 == t->ncols;
        if (t->right[c])
            pad(fp, width[c] - w);
        fputs(cells[c], fp);
        if (!t->right[c] && !last)
            pad(fp, width[c] - w);
        if (!last)
            fputs("  ", fp);
    }
    fputc('\n', fp);
}

void cli_table_print(const cli_table *t, FILE *fp, const char *indent)
{
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    if (!width)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        width[c] = utf8_width(t->headers[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            size_t w = utf8_width(t->rows[r][c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    print_cells(t, fp, indent, t->headers, width);
    fputs(indent, fp);
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t k = 0; k < width[c]; k++)
            fputc('-', fp);
        if (c + 1 < t->ncols)
            fputs("  ", fp);
    }
    fputc('\n', fp);
    for (size_t r = 0; r < t->nrows; r++)
        print_cells(t, fp, indent, t->rows[r], width);
    free(width);
}
