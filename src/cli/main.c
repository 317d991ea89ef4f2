/*
 * cli/main.c — the `parley` command: dispatches to a subcommand.
 */
#include "cli.h"
#include "cli_mpi.h"
#include "commands.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command COMMANDS[] = {
    {"check", cmd_check, "validate a scenario and summarise it"},
    {"score", cmd_score, "how far each party is on board with a plan, point by point"},
    {"sensitivity", cmd_sensitivity,
     "how far each weight and walk-away can move before a party flips"},
    {"diff", cmd_diff, "what changed between two versions of a plan, and whom it moved"},
    {"concede", cmd_concede, "the cheapest changes that bring a party above its walk-away"},
    {"mediate", cmd_mediate, "single-negotiating-text rounds toward a package all accept"},
    {"stances", cmd_stances, "reported stances beside the model, contradictions flagged"},
    {"fit", cmd_fit, "fit a party's weights to its reported stances (least squares)"},
    {"convert", cmd_convert, "parley YAML <-> GENIUS XML"},
    {"frontier", cmd_frontier,
     "exact Pareto frontier, Nash/Kalai/KS/welfare packages, zone of agreement"},
    {"solve", cmd_solve, "bargaining solution packages (--concept nash|kalai|ks|welfare)"},
    {"forecast", cmd_forecast, "where multi-round bargaining lands (KTAB SMP, EUM, compromise)"},
    {"stability", cmd_stability, "GMCR: which end states of a conflict are stable, for whom"},
    {"negotiate", cmd_negotiate,
     "stacked alternating offers between strategy agents (trace, outcome)"},
    {"tournament", cmd_tournament, "every strategy assignment, repeated, in parallel, with scores"},
    {"plot", cmd_plot,
     "one chart of a result as SVG, PNG or PDF (onboard, frontier, forecast, ...)"},
    {"report", cmd_report, "the whole analysis as one self-contained HTML page (charts, tables)"},
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: parley COMMAND [options] ...\n\ncommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(fp, "  %-11s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(fp, "\ncommon options: --format text|json|csv, -o FILE, --seed N, --threads N, "
                "--quiet,\n  --max-memory SIZE\nexit codes: 0 ok, 1 no answer, 2 bad input, 3 "
                "resource limit, 4 output not written\n"
                "'parley COMMAND --help' describes a command; 'parley --version' prints the "
                "version.\n");
}

/* A closed standard stream is reopened on /dev/null the wrong way round (as
 * gnulib's stdopen does), so that no file the command opens takes its
 * number and a write to a closed standard output fails (and is reported)
 * instead of landing in that file. */
static void reopen_closed_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
            if (got >= 0 && got != fd)
                close(got);
        }
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("parley %s\n", parley_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 1, argv + 1);
    cli_note_format(argc, argv);
    int rc = cli_error(CLI_EXIT_INPUT, "unknown command '%s'", argv[1]);
    usage(stderr);
    return rc;
}

int main(int argc, char **argv)
{
    reopen_closed_std_fds();
#ifdef __GLIBC__
    /* Large arrays (4 MiB and up) straight from mmap, so a solver phase's
     * arrays go back to the system when freed: glibc's own threshold grows
     * with each large free, after which such blocks stay in its heap, and a
     * 1.57M-state --gmcrplus run peaked at 679 MB against the 275 MB that
     * --max-memory estimates (one phase at a time); with this, 282 MB. */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
    /* Under mpirun: MPI, and the commands that spread work on every rank,
     * the others on rank 0 alone (cli_mpi.h); otherwise nothing changes. */
    cli_mpi_init(&argc, &argv);
    int rc = cli_mpi_runs_here(argc > 1 ? argv[1] : NULL) ? run(argc, argv) : 0;
    return cli_mpi_finish(cli_stdout_finish(rc));
}
