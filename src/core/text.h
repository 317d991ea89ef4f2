/*
 * core/text.h — small text helpers shared by the writers (YAML, XML):
 * the shortest decimal form of a double that reads back exactly, and a
 * string quoted as a JSON string (which is also a valid YAML double-quoted
 * scalar), escapes included.
 */
#ifndef PARLEY_CORE_TEXT_H
#define PARLEY_CORE_TEXT_H

#include <stdio.h>

/* Writes into buf (at least 32 bytes) the shorter of %.15g / %.17g that
 * strtod reads back as exactly v. Returns buf. */
const char *pt_shortest(double v, char *buf, size_t n);

/* Writes s (NULL: "") to fp as a quoted, escaped JSON/YAML string. */
void pt_write_quoted(FILE *fp, const char *s);

#endif
