/*
 * cli/cmd_solve.c — `parley solve FILE --concept nash|kalai|ks|welfare`:
 * the bargaining solution packages on the exact Pareto frontier. The work
 * is shared with `parley frontier` (cmd_frontier.c).
 */
#include "commands.h"
#include "frontier_cmd.h"

int cmd_solve(int argc, char **argv)
{
    return frontier_command(argc, argv, true);
}
