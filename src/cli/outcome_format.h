/*
 * cli/outcome_format.h — an outcome of an outcome space as text, shared by
 * `frontier`/`solve` (cmd_frontier.c) and `negotiate` (cmd_negotiate.c).
 */
#ifndef PARLEY_CLI_OUTCOME_FORMAT_H
#define PARLEY_CLI_OUTCOME_FORMAT_H

#include "parley/space.h"

#include <stddef.h>
#include <stdint.h>

/* "issue=value, issue=value" into buf (size n). When not every issue fits,
 * the issues that fit are followed by ", ... +K more" (K issues left out;
 * JSON and CSV outputs have them all). Returns buf. */
const char *cli_outcome_text(const parley_space *sp, const uint32_t *o, char *buf, size_t n);

#endif
