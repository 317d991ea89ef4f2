/*
 * cli/negotiate_cmd.h — what `parley negotiate` (cmd_negotiate.c) and
 * `parley tournament` (cmd_tournament.c) share: reading FILE (a parley YAML
 * scenario or a GENIUS domain folder) or --genius files into a negotiation
 * domain, with a progress line while the frontier is computed.
 */
#ifndef PARLEY_CLI_NEGOTIATE_CMD_H
#define PARLEY_CLI_NEGOTIATE_CMD_H

#include "parley/negotiate.h"

#include <stdbool.h>

typedef struct nego_input {
    struct parley_scenario *sc;
    parley_space *sp;
    parley_nego_domain *dom;
} nego_input;

/* What a command checks once the outcome space is known and before the
 * frontier is computed: its estimate of the work and memory it will need
 * (0, or an exit code with the message printed). */
typedef int (*nego_check)(const parley_space *sp, void *ctx);

/* Loads FILE (or genius[0] = domain, genius[1..] = profiles when n_genius
 * > 0), runs check (when not NULL) and builds the domain. Returns 0 or an
 * exit code (message printed). */
int nego_input_load(nego_input *in, const char *cmd, const char *file, const char *const *genius,
                    size_t n_genius, const parley_analysis_options *opt, bool quiet,
                    nego_check check, void *check_ctx);
void nego_input_free(nego_input *in);

/* Party index named by `id` (a party name, or a 1-based number); -1. */
long nego_party_find(const parley_space *sp, const char *id);

/* Exactly one of FILE and --genius was given: 0, or the usage error. */
int nego_check_input(const char *cmd, const char *usage, const char *file, size_t n_genius);

/* --information private|full (NULL: private) into *out: 0 or the usage error. */
int nego_parse_information(const char *cmd, const char *arg, parley_information *out);

/* Private information: enumerates and sorts each party's outcome space
 * (parley_nego_domain_prepare_private, at most max_outcomes; 0: 2.5e7).
 * 0 or an exit code (message printed). */
int nego_prepare(nego_input *in, parley_information info, double max_outcomes);

/* "private" / "full". */
const char *nego_information_name(parley_information info);

#endif
