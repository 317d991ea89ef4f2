/*
 * cli/cli_mpi.c — the parley command across processes with MPI (compiled
 * only when CMake finds MPI; cli_mpi.h describes the design and holds the
 * stubs used otherwise).
 *
 * The units [0, n) of a job are dealt in chunks, about 8 per rank, chunk j
 * to rank j mod N (struct deal); each rank computes its chunks with the
 * library's *_part function on its threads, then every rank takes part in
 * the same sequence of collective calls:
 *
 *   status (MPI_Allgather of each rank's exit code; any failure ends the
 *   sequence on every rank, the message of the first failing rank printed
 *   by rank 0) -> per round of chunks, one MPI_Gatherv of each array of the
 *   parts straight into its place in the whole job's arrays on rank 0 ->
 *   rank 0 merges (*_merge);
 *
 * and at the end cli_mpi_finish agrees once more on the exit code. A rank
 * that fails before a gathering point (bad input, no memory) goes straight
 * to cli_mpi_finish, whose status call meets the others' status call at
 * that point, so the sequence stays matched and nobody waits forever.
 */
#define _GNU_SOURCE /* sched_getaffinity: the cores mpirun bound this rank to */
#include "cli_mpi.h"

#include <mpi.h>

#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
    bool on; /* MPI initialised */
    int rank, size;
    bool done;   /* a status call saw a failure: no more collective calls */
    int done_rc; /* the job's exit code then */
    int err_fd;  /* the real standard error (this rank's own is kept aside) */
} M = {.err_fd = 2};

#define TAG_MESSAGE 14

/* An MPI call failed (a peer lost, a message cut): the job cannot go on. */
static void mpi_check(int rc, const char *what)
{
    if (rc == MPI_SUCCESS)
        return;
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    if (MPI_Error_string(rc, text, &len) != MPI_SUCCESS)
        snprintf(text, sizeof text, "error %d", rc);
    dprintf(M.err_fd, "parley: MPI %s failed on rank %d of %d: %s; the job stops\n", what, M.rank,
            M.size, text);
    MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_LIMIT);
    _exit(CLI_EXIT_LIMIT);
}

void cli_mpi_init(int *argc, char ***argv)
{
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMIX_RANK") && !getenv("PMI_RANK"))
        return;
    int provided = 0;
    /* Only the main thread calls MPI; the analysis threads never do. */
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "parley: MPI could not start\n");
        exit(CLI_EXIT_LIMIT);
    }
    M.on = true;
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    mpi_check(MPI_Comm_rank(MPI_COMM_WORLD, &M.rank), "MPI_Comm_rank");
    mpi_check(MPI_Comm_size(MPI_COMM_WORLD, &M.size), "MPI_Comm_size");
    if (M.rank == 0)
        return;
    /* The other ranks write nothing: standard output to /dev/null, standard
     * error into an unnamed file, whose last line goes to rank 0 when this
     * rank is the one whose failure ends the job. */
    fflush(stdout);
    fflush(stderr);
    int null = open("/dev/null", O_WRONLY);
    FILE *aside = tmpfile();
    M.err_fd = dup(2);
    if (null < 0 || !aside || M.err_fd < 0 || dup2(null, 1) < 0 || dup2(fileno(aside), 2) < 0) {
        dprintf(M.err_fd >= 0 ? M.err_fd : 2, "parley: rank %d cannot set its output aside\n",
                M.rank);
        MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_LIMIT);
    }
    close(null);
    /* fd 2 is a duplicate of aside's; aside stays open (never closed). */
}

bool cli_mpi_root(void)
{
    return !M.on || M.rank == 0;
}

bool cli_mpi_runs_here(const char *cmd)
{
    if (!M.on || M.rank == 0)
        return true;
    return cmd && (strcmp(cmd, "forecast") == 0 || strcmp(cmd, "tournament") == 0 ||
                   strcmp(cmd, "score") == 0);
}

int cli_mpi_threads(int requested)
{
    if (requested > 0 || !M.on)
        return requested;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    /* bound to some cores (mpirun binds to a core when np <= 2, Slurm to
     * the task's CPUs): that many threads */
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 1 &&
        CPU_COUNT(&set) < cores)
        return CPU_COUNT(&set);
    /* not bound: the node's cores shared by the ranks on it */
    const char *local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
    if (!local)
        local = getenv("SLURM_NTASKS_PER_NODE");
    long per_node = local ? strtol(local, NULL, 10) : 0;
    if (per_node < 1 || cores < 1)
        return requested;
    return cores / per_node > 1 ? (int)(cores / per_node) : 1;
}

/* The last non-empty line this rank wrote to its standard error, into buf. */
static size_t last_message(char *buf, size_t n)
{
    fflush(stderr);
    off_t end = lseek(2, 0, SEEK_END);
    if (end <= 0)
        return 0;
    size_t len = (size_t)end < n - 1 ? (size_t)end : n - 1;
    ssize_t got = pread(2, buf, len, end - (off_t)len);
    if (got <= 0)
        return 0;
    len = (size_t)got;
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        len--;
    size_t start = len;
    while (start > 0 && buf[start - 1] != '\n')
        start--;
    memmove(buf, buf + start, len - start);
    buf[len - start] = '\0';
    return len - start;
}

/* The job's status: 0 when every rank's rc is 0; otherwise the exit code of
 * the first rank that failed, whose message rank 0 prints (rank 0 printed
 * its own already); from then on no collective call is made. */
static int status(int rc)
{
    if (!M.on)
        return rc;
    if (M.done)
        return M.done_rc;
    int *all = calloc((size_t)M.size, sizeof *all);
    if (!all) {
        dprintf(M.err_fd, "parley: rank %d of %d: out of memory\n", M.rank, M.size);
        MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_LIMIT);
        _exit(CLI_EXIT_LIMIT);
    }
    mpi_check(MPI_Allgather(&rc, 1, MPI_INT, all, 1, MPI_INT, MPI_COMM_WORLD), "status exchange");
    int first = -1;
    for (int r = 0; r < M.size && first < 0; r++)
        if (all[r] != 0)
            first = r;
    if (first < 0) {
        free(all);
        return 0;
    }
    M.done = true;
    M.done_rc = all[first];
    free(all);
    if (first == 0)
        return M.done_rc;
    char msg[1024];
    if (M.rank == first) {
        size_t len = last_message(msg, sizeof msg);
        mpi_check(MPI_Send(msg, (int)len, MPI_CHAR, 0, TAG_MESSAGE, MPI_COMM_WORLD),
                  "error report");
    } else if (M.rank == 0) {
        MPI_Status st;
        int len = 0;
        mpi_check(
            MPI_Recv(msg, (int)sizeof msg - 1, MPI_CHAR, first, TAG_MESSAGE, MPI_COMM_WORLD, &st),
            "error report");
        MPI_Get_count(&st, MPI_CHAR, &len);
        msg[len > 0 ? len : 0] = '\0';
        if (len > 0)
            fprintf(stderr, "%s [rank %d of %d]\n", msg, first, M.size);
        else
            fprintf(stderr, "parley: rank %d of %d failed (exit code %d)\n", first, M.size,
                    M.done_rc);
    }
    return M.done_rc;
}

int cli_mpi_finish(int rc)
{
    if (!M.on)
        return rc;
    rc = status(rc);
    MPI_Finalize();
    return rc;
}

/* How the units [0, n) are dealt: chunks of `chunk` consecutive units, chunk
 * j to rank j mod N, about 8 per rank, so that a rank's units come from all
 * over the job (costs vary along it: a tournament's later assignments, the
 * DEU's larger issues) and the ranks finish together. In round k the ranks
 * hold chunks kN .. kN + N - 1: consecutive, in rank order, so one gather per
 * round puts them in place. */
typedef struct deal {
    size_t n, chunk, rounds;
} deal;

#define CHUNKS_PER_RANK 8

static deal deal_of(size_t n)
{
    size_t ranks = (size_t)M.size,
           chunk = (n + ranks * CHUNKS_PER_RANK - 1) / (ranks * CHUNKS_PER_RANK);
    if (chunk == 0)
        chunk = 1;
    return (deal){n, chunk, (n + ranks * chunk - 1) / (ranks * chunk)};
}

/* Rank r's chunk in round k: units [*first, *first + *count). */
static void chunk_of(const deal *d, size_t k, int r, size_t *first, size_t *count)
{
    size_t lo = (k * (size_t)M.size + (size_t)r) * d->chunk;
    *first = lo < d->n ? lo : d->n;
    *count = lo < d->n ? (d->n - lo < d->chunk ? d->n - lo : d->chunk) : 0;
}

/* This rank's units in all. */
static size_t my_units(const deal *d)
{
    size_t total = 0, first, count;
    for (size_t k = 0; k < d->rounds; k++) {
        chunk_of(d, k, M.rank, &first, &count);
        total += count;
    }
    return total;
}

static bool hook_is_me(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strtol(v, NULL, 10) == M.rank;
}

/* The test hooks (cli_mpi.h), as this rank starts its first unit: it dies,
 * or it fails as if out of memory (returns an exit code, message printed). */
static int unit_hook(size_t count)
{
    if (count > 0 && hook_is_me("PARLEY_MPI_TEST_KILL_RANK"))
        raise(SIGKILL);
    if (count > 0 && hook_is_me("PARLEY_MPI_TEST_FAIL_RANK")) {
        fprintf(stderr, "parley: out of memory (PARLEY_MPI_TEST_FAIL_RANK)\n");
        return CLI_EXIT_LIMIT;
    }
    return 0;
}

/* Round k's gather: every rank's chunk (`mine`, units of `unit` bytes) into
 * its place in `all` (rank 0's whole-job array). */
static void gather(const deal *d, size_t k, const void *mine, size_t unit, void *all)
{
    if (unit > INT_MAX || d->n > INT_MAX) {
        dprintf(M.err_fd, "parley: %zu units of %zu bytes are too many for one MPI gather\n", d->n,
                unit);
        MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_LIMIT);
    }
    int *counts = NULL, *displs = NULL;
    size_t first, count;
    if (M.rank == 0) {
        counts = calloc((size_t)M.size, sizeof *counts);
        displs = calloc((size_t)M.size, sizeof *displs);
        if (!counts || !displs) {
            dprintf(M.err_fd, "parley: rank 0: out of memory\n");
            MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_LIMIT);
        }
        for (int r = 0; r < M.size; r++) {
            chunk_of(d, k, r, &first, &count);
            displs[r] = (int)first;
            counts[r] = (int)count;
        }
    }
    chunk_of(d, k, M.rank, &first, &count);
    MPI_Datatype type;
    mpi_check(MPI_Type_contiguous((int)unit, MPI_BYTE, &type), "MPI_Type_contiguous");
    mpi_check(MPI_Type_commit(&type), "MPI_Type_commit");
    mpi_check(MPI_Gatherv(mine, (int)count, type, all, counts, displs, type, 0, MPI_COMM_WORLD),
              "gather");
    MPI_Type_free(&type);
    free(counts);
    free(displs);
}

static int out_of_memory(void)
{
    fprintf(stderr, "parley: out of memory\n");
    return CLI_EXIT_LIMIT;
}

int cli_mpi_monte_carlo(const parley_fc_scenario *sc, const parley_fc_options *o, size_t n_runs,
                        parley_fc_run_cb each, void *ctx, bool spread, parley_fc_mc **out)
{
    parley_error err;
    *out = NULL;
    if (!M.on || !spread) {
        *out = parley_fc_monte_carlo(sc, o, n_runs, each, ctx, &err);
        return *out ? 0 : cli_fail(&err);
    }
    const size_t D = sc->n_dims;
    deal d = deal_of(n_runs);
    parley_fc_mc **part = calloc(d.rounds, sizeof *part), *all = NULL;
    int rc = part ? unit_hook(my_units(&d)) : out_of_memory();
    for (size_t k = 0; !rc && k < d.rounds; k++) {
        size_t first, count;
        chunk_of(&d, k, M.rank, &first, &count);
        if (!(part[k] = parley_fc_monte_carlo_part(sc, o, first, count, each, ctx, &err)))
            rc = cli_fail(&err);
    }
    if (!rc && M.rank == 0 && !(all = parley_fc_mc_part_new(0, n_runs, D)))
        rc = out_of_memory();
    if (!(rc = status(rc)) && part) {
        for (size_t k = 0; k < d.rounds; k++) {
            gather(&d, k, part[k]->expected, D * sizeof(double), all ? all->expected : NULL);
            gather(&d, k, part[k]->turns, sizeof(double), all ? all->turns : NULL);
        }
        if (all) {
            const parley_fc_mc *const parts[1] = {all};
            if (!(*out = parley_fc_mc_merge(parts, 1, &err)))
                rc = cli_fail(&err);
        }
    }
    for (size_t k = 0; part && k < d.rounds; k++)
        parley_fc_mc_free(part[k]);
    free(part);
    parley_fc_mc_free(all);
    return rc;
}

int cli_mpi_tournament(const parley_nego_domain *dom, const parley_agent_spec *st, size_t n_st,
                       const parley_tournament_options *o, parley_tournament_result **out)
{
    parley_error err;
    *out = NULL;
    if (!M.on) {
        *out = parley_tournament_run_all(dom, st, n_st, o, &err);
        return *out ? 0 : cli_fail(&err);
    }
    size_t n = 0;
    deal d = {0, 1, 0};
    parley_tournament_result **part = NULL, *all = NULL;
    int rc = parley_tournament_size(dom, n_st, o, &n, &err) ? cli_fail(&err) : 0;
    if (!rc) {
        d = deal_of(n);
        part = calloc(d.rounds, sizeof *part);
        rc = part ? unit_hook(my_units(&d)) : out_of_memory();
    }
    for (size_t k = 0; !rc && k < d.rounds; k++) {
        size_t first, count;
        chunk_of(&d, k, M.rank, &first, &count);
        if (!(part[k] = parley_tournament_run_part(dom, st, n_st, o, first, count, &err)))
            rc = cli_fail(&err);
    }
    if (!rc && M.rank == 0 && !(all = parley_tournament_part_new(dom, n_st, o, 0, n, &err)))
        rc = cli_fail(&err);
    if (!(rc = status(rc)) && part) {
        for (size_t k = 0; k < d.rounds; k++) {
            gather(&d, k, part[k]->runs, sizeof *part[k]->runs, all ? all->runs : NULL);
            gather(&d, k, part[k]->payoff, part[k]->n_parties * sizeof(double),
                   all ? all->payoff : NULL);
        }
        if (all) {
            const parley_tournament_result *const parts[1] = {all};
            if (!(*out = parley_tournament_merge(dom, parts, 1, &err)))
                rc = cli_fail(&err);
        }
    }
    for (size_t k = 0; part && k < d.rounds; k++)
        parley_tournament_result_free(part[k]);
    free(part);
    parley_tournament_result_free(all);
    return rc;
}

int cli_mpi_deu(const parley_deu *d, const parley_fc_options *o, bool use_weights,
                parley_deu_score *out)
{
    parley_error err;
    memset(out, 0, sizeof *out);
    if (!M.on)
        return parley_deu_evaluate(d, o, use_weights, out, &err) == PARLEY_OK ? 0 : cli_fail(&err);
    const size_t n = d->n_issues;
    deal dl = deal_of(n);
    size_t mine = my_units(&dl), first, count, at = 0;
    double *part = malloc((mine + 1) * sizeof *part), *all = NULL;
    int rc = part ? unit_hook(mine) : out_of_memory();
    for (size_t k = 0; !rc && k < dl.rounds; k++, at += count) {
        chunk_of(&dl, k, M.rank, &first, &count);
        if (parley_deu_evaluate_part(d, o, use_weights, first, count, part + at, &err))
            rc = cli_fail(&err);
    }
    if (!rc && M.rank == 0 && !(all = malloc((n + 1) * sizeof *all)))
        rc = out_of_memory();
    if (!(rc = status(rc)) && part) {
        at = 0;
        for (size_t k = 0; k < dl.rounds; k++, at += count) {
            chunk_of(&dl, k, M.rank, &first, &count);
            gather(&dl, k, part + at, sizeof(double), all);
        }
        if (all && parley_deu_score_merge(d, o->model, all, out, &err))
            rc = cli_fail(&err);
    }
    free(part);
    free(all);
    return rc;
}

int cli_mpi_score(const parley_scenario *sc, size_t plan, const parley_score_mc_options *o,
                  parley_score_mc *out)
{
    parley_error err;
    memset(out, 0, sizeof *out);
    if (!M.on)
        return parley_score_monte_carlo(sc, plan, o, out, &err) == PARLEY_OK ? 0 : cli_fail(&err);
    const size_t np = sc->n_parties, unit = np * sizeof(double);
    deal d = deal_of(o->runs);
    size_t mine = my_units(&d), first, count, at = 0;
    double *u = malloc(mine * unit + 1), *b = malloc(mine * unit + 1), *all_u = NULL, *all_b = NULL;
    int rc = u && b ? unit_hook(mine) : out_of_memory();
    for (size_t k = 0; !rc && k < d.rounds; k++, at += count) {
        chunk_of(&d, k, M.rank, &first, &count);
        if (parley_score_mc_runs(sc, plan, o, first, count, u + at * np, b + at * np, &err))
            rc = cli_fail(&err);
    }
    if (!rc && M.rank == 0 &&
        (!(all_u = malloc(o->runs * unit + 1)) || !(all_b = malloc(o->runs * unit + 1))))
        rc = out_of_memory();
    if (!(rc = status(rc)) && u && b) {
        at = 0;
        for (size_t k = 0; k < d.rounds; k++, at += count) {
            chunk_of(&d, k, M.rank, &first, &count);
            gather(&d, k, u + at * np, unit, all_u);
            gather(&d, k, b + at * np, unit, all_b);
        }
        /* the summary takes all_u and all_b, also on failure */
        if (all_u && parley_score_mc_summarise(sc, plan, o, all_u, all_b, out, &err))
            rc = cli_fail(&err);
        all_u = all_b = NULL;
    }
    free(u);
    free(b);
    free(all_u);
    free(all_b);
    return rc;
}
