/*
 * cli/commands.h — the parley subcommands. Each takes argv with argv[0] the
 * subcommand's name and returns the process exit code. One file per command:
 * src/cli/cmd_<name>.c.
 */
#ifndef PARLEY_CLI_COMMANDS_H
#define PARLEY_CLI_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_concede(int argc, char **argv);
int cmd_mediate(int argc, char **argv);
int cmd_stances(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_frontier(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_stability(int argc, char **argv);
int cmd_negotiate(int argc, char **argv);
int cmd_tournament(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
