/* cli/cmd_check.c — placeholder while the scenario reader is written. */
#include "cli/commands.h"
#include "cli/cli.h"
int cmd_check(int argc, char **argv)
{
    (void)argc;
    return cli_usage_error(argv[0], "not built yet");
}
