/*
 * cli/cli_mpi.h — the parley command across processes (Open MPI;
 * docs/cluster.md).
 *
 * Under `mpirun -np N parley CMD ...` (or Slurm's srun) every process runs
 * the same command on the same input. The commands whose work is many
 * independent units — forecast --runs (Monte Carlo runs), score --runs (runs),
 * tournament (negotiations), forecast --deu (issues) — deal their units to the
 * processes in chunks (threads share a chunk), rank 0 gathers them and merges them
 * with the library's merge functions, and rank 0 alone writes output files
 * and the SQLite store. Every unit draws from a stream of (seed, unit
 * index), never of the rank, so the output is the single process's, byte
 * for byte, for any N and --threads. Every other command (and a single
 * forecast, or runs kept in a --store) runs on rank 0 alone.
 *
 * Faults: the processes agree on one status at every gathering point and at
 * the end (cli_mpi_finish): a failure anywhere ends the job with the exit
 * code of the first process that failed (rank 0 first) and its message,
 * printed once, by rank 0 (the other processes' standard error is kept
 * aside; their standard output goes to /dev/null). A process that dies
 * (killed, crashed) makes mpirun end the job; an MPI call that fails prints
 * why and aborts the job (exit 3). Nothing is written before everything is
 * gathered, and -o files are written atomically, so no partial file is left.
 *
 * MPI is initialised only when the process was started by a launcher
 * (OMPI_COMM_WORLD_SIZE, PMIX_RANK or PMI_RANK in the environment); a plain
 * run makes no MPI call. Without MPI (-DPARLEY_MPI=OFF, or not found) the
 * functions below are stubs that run the whole job in this process.
 *
 * Test hooks (tests/cli/test_mpi.py; no effect outside mpirun):
 * PARLEY_MPI_TEST_KILL_RANK=R makes rank R kill itself (SIGKILL) as it
 * starts its first unit; PARLEY_MPI_TEST_FAIL_RANK=R makes rank R fail there
 * as if out of memory (exit 3), to show that only rank 0 reports it.
 */
#ifndef PARLEY_CLI_MPI_H
#define PARLEY_CLI_MPI_H

#include "cli.h"
#include "parley/forecast.h"
#include "parley/negotiate.h"
#include "parley/scoring.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef PARLEY_HAVE_MPI

/* Starts MPI when launched by mpirun/srun; otherwise does nothing. */
void cli_mpi_init(int *argc, char ***argv);
/* The last call: agrees on the job's exit code (rc of this process), ends
 * MPI and returns the code every process exits with. */
int cli_mpi_finish(int rc);
/* Whether this process runs command `cmd`: always outside mpirun; under it,
 * rank 0 runs every command, the other ranks only those that spread work. */
bool cli_mpi_runs_here(const char *cmd);
/* Whether this process writes results (rank 0, or no MPI). */
bool cli_mpi_root(void);
/* Threads for this process: `requested` if > 0; under mpirun 0 becomes the
 * cores the process is bound to (mpirun binds each rank to one core when
 * np <= 2), or, unbound, the node's cores divided by its ranks (at least 1). */
int cli_mpi_threads(int requested);

/* The distributed steps. Each returns 0 with *out set (the whole job's
 * result) on rank 0 or outside mpirun; 0 with *out NULL on the other ranks
 * (their part is delivered: nothing to write); or an exit code, its message
 * printed (by rank 0 only). */

/* forecast --runs: runs [0, n_runs); `each` sees this process's runs. With
 * spread false rank 0 computes every run alone (call it on rank 0 only). */
int cli_mpi_monte_carlo(const parley_fc_scenario *sc, const parley_fc_options *o, size_t n_runs,
                        parley_fc_run_cb each, void *ctx, bool spread, parley_fc_mc **out);
/* tournament: every negotiation. */
int cli_mpi_tournament(const parley_nego_domain *dom, const parley_agent_spec *st, size_t n_st,
                       const parley_tournament_options *o, parley_tournament_result **out);
/* forecast --deu, one model: every issue. On ranks other than 0, *out is
 * zeroed (nothing to write). */
int cli_mpi_deu(const parley_deu *d, const parley_fc_options *o, bool use_weights,
                parley_deu_score *out);

/* score --runs: every run. On ranks other than 0, *out is zeroed. */
int cli_mpi_score(const parley_scenario *sc, size_t plan, const parley_score_mc_options *o,
                  parley_score_mc *out);

#else /* no MPI: the whole job in this process */

static inline void cli_mpi_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}
static inline int cli_mpi_finish(int rc)
{
    return rc;
}
static inline bool cli_mpi_runs_here(const char *cmd)
{
    (void)cmd;
    return true;
}
static inline bool cli_mpi_root(void)
{
    return true;
}
static inline int cli_mpi_threads(int requested)
{
    return requested;
}
static inline int cli_mpi_monte_carlo(const parley_fc_scenario *sc, const parley_fc_options *o,
                                      size_t n_runs, parley_fc_run_cb each, void *ctx, bool spread,
                                      parley_fc_mc **out)
{
    parley_error err;
    (void)spread;
    *out = parley_fc_monte_carlo(sc, o, n_runs, each, ctx, &err);
    return *out ? 0 : cli_fail(&err);
}
static inline int cli_mpi_tournament(const parley_nego_domain *dom, const parley_agent_spec *st,
                                     size_t n_st, const parley_tournament_options *o,
                                     parley_tournament_result **out)
{
    parley_error err;
    *out = parley_tournament_run_all(dom, st, n_st, o, &err);
    return *out ? 0 : cli_fail(&err);
}
static inline int cli_mpi_deu(const parley_deu *d, const parley_fc_options *o, bool use_weights,
                              parley_deu_score *out)
{
    parley_error err;
    return parley_deu_evaluate(d, o, use_weights, out, &err) == PARLEY_OK ? 0 : cli_fail(&err);
}

static inline int cli_mpi_score(const parley_scenario *sc, size_t plan,
                                const parley_score_mc_options *o, parley_score_mc *out)
{
    parley_error err;
    return parley_score_monte_carlo(sc, plan, o, out, &err) == PARLEY_OK ? 0 : cli_fail(&err);
}

#endif
#endif
