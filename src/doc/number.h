/*
 * doc/number.h — numbers in documents: the shortest decimal text that reads
 * back (strtod) to the same double, so JSON and CSV carry every bit of a
 * result in as few characters as possible ("0.1", not "0.10000000000000001";
 * "3", not "3.0"). Used by the JSON and CSV writers; text tables round for
 * people instead (cli/).
 */
#ifndef PARLEYP_NUMBER_H
#define PARLEYP_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Longest text parleyp_number_format writes, with its NUL. */
#define PARLEYP_NUMBER_MAX 32

/* Writes the shortest round-trip text of a finite v into buf (at least
 * PARLEYP_NUMBER_MAX bytes) and returns true; for NaN or an infinity writes
 * "" and returns false. -0 is written "0". */
bool parleyp_number_format(char *buf, double v);

/* CSV: one field, quoted as RFC 4180 requires (comma, quote, CR or LF
 * inside); NULL is an empty field. Then ',' or, when last, '\n'. */
void parleyp_csv_string(FILE *fp, const char *s, bool last);
/* CSV: a number as parleyp_number_format writes it; NaN is an empty field. */
void parleyp_csv_number(FILE *fp, double v, bool last);
/* CSV: a column name made of prefix and id ("utility_" and a party id),
 * quoted like any field. */
void parleyp_csv_column(FILE *fp, const char *prefix, const char *id, bool last);
/* CSV: "true" or "false". */
void parleyp_csv_bool(FILE *fp, bool v, bool last);

#endif
