/*
 * cli/table.h — aligned text tables for the default output format.
 * Build a table column by column, add rows of strings, print it. Cells are
 * copied. Columns are left-aligned unless declared right-aligned (numbers).
 * Width is measured in UTF-8 code points.
 */
#ifndef PARLEY_CLI_TABLE_H
#define PARLEY_CLI_TABLE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct cli_table cli_table;

/* Caller owns; free with cli_table_free. NULL on out of memory. */
cli_table *cli_table_new(void);
void cli_table_free(cli_table *t);
/* Adds a column; right = right-aligned. Returns 0 or -1 (no memory). */
int cli_table_column(cli_table *t, const char *header, bool right);
/* Adds a row: exactly as many cells as columns (NULL prints empty). */
int cli_table_row(cli_table *t, const char *const *cells);
/* Same with printf-style cells separated by '\t' in one format string. */
int cli_table_rowf(cli_table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Prints headers, a rule of dashes, and rows, two spaces between columns. */
void cli_table_print(const cli_table *t, FILE *fp, const char *indent);

#endif
