/*
 * cli/frontier_cmd.h — the shared body of `parley frontier` and `parley
 * solve` (cmd_frontier.c): input (YAML scenario, GENIUS folder or files),
 * analysis, text/JSON/CSV output. `solve` reports the chosen concepts only.
 */
#ifndef PARLEY_CLI_FRONTIER_CMD_H
#define PARLEY_CLI_FRONTIER_CMD_H

#include <stdbool.h>

int frontier_command(int argc, char **argv, bool solve);

#endif
