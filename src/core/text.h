/*
 * core/text.h — small text helpers shared by the readers and writers.
 *
 * Writers (YAML, XML): the shortest decimal form of a double that reads
 * back exactly, and a string quoted as a JSON string (which is also a valid
 * YAML double-quoted scalar), escapes included.
 *
 * Readers: every reader hands its input to pt_check_text before parsing, so
 * text that is not UTF-8, or holds a NUL byte, is refused in one way with
 * the line and column of the first bad byte (never silently truncated,
 * never passed on to a parser that might mishandle it); lone carriage
 * returns (old Mac line endings) become line feeds; numbers are read with
 * pt_strtod, which accepts subnormals.
 */
#ifndef PARLEY_CORE_TEXT_H
#define PARLEY_CORE_TEXT_H

#include "parley.h"

#include <stdbool.h>
#include <stdio.h>

/* Writes into buf (at least 32 bytes) the shorter of %.15g / %.17g that
 * strtod reads back as exactly v. Returns buf. */
const char *parleyp_pt_shortest(double v, char *buf, size_t n);

/* Writes s (NULL: "") to fp as a quoted, escaped JSON/YAML string. */
void parleyp_pt_write_quoted(FILE *fp, const char *s);

/* Checks that text[0, len) is UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) without NUL bytes. Returns PARLEY_OK,
 * or PARLEY_ERR_INPUT with err naming `name`, the line and the column
 * (1-based; the column counts characters) of the first bad byte. Lines end
 * at LF, CR LF or a lone CR. */
parley_status parleyp_pt_check_text(const char *text, size_t len, const char *name,
                                    parley_error *err);

/* True when text holds a CR that is not followed by LF. */
bool parleyp_pt_has_lone_cr(const char *text, size_t len);

/* Replaces, in place, every CR that is not followed by LF by LF, so
 * readers that split at LF see old Mac files' lines (positions unchanged). */
void parleyp_pt_lone_cr_to_lf(char *text, size_t len);

/* strtod, with *finite false for infinities, NaN and overflow (ERANGE with
 * a huge result). Underflow is not an error: subnormals such as 4.9e-324
 * are finite numbers, and smaller values read as zero. */
double parleyp_pt_strtod(const char *s, char **end, bool *finite);

#endif
