/*
 * bench/space/bench_space.c — wall time and peak memory of the exact Pareto
 * frontier (plus Nash / Kalai / KS / welfare) on generated linear-additive
 * domains of 10^5, 10^6, 10^7, 10^9 and 10^40 outcomes (issues of 10
 * values), for 2 and 3 parties, fixed seed. Each size runs in its own child
 * process (peak RSS per size) three times; the median time is reported.
 * Evaluations are random integers 1..100 divided by the issue's maximum
 * and weights random, normalised (as a GENIUS profile is).
 *
 * With --folder DIR (repeatable) it also times GENIUS domain folders (e.g.
 * the 10^10-outcome hyper-rectangle domain 10issueswithRV): the full
 * analysis with the exact zone count, and the unrestricted frontier.
 *
 * --case PxIxV (repeatable) times P parties, I issues of V values instead
 * of the default table (e.g. --case 4x16x6, --case 3x40x10). Times are wall
 * and CPU (all threads) seconds; CPU time is the figure to quote on a
 * shared machine.
 *
 * usage: bench_space [--max-exp E] [--parties 2,3] [--timeout S] [--threads N]
 *                    [--case PxIxV]... [--folder DIR]...
 */
#include "parley/frontier.h"
#include "parley/genius.h"
#include "parley/space.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static parley_space *generate(size_t parties, size_t issues, size_t values, uint64_t seed)
{
    rng_state = seed;
    size_t *nv = malloc(issues * sizeof *nv);
    for (size_t i = 0; i < issues; i++)
        nv[i] = values;
    parley_space *sp = parley_space_new(parties, issues, nv, NULL);
    free(nv);
    for (size_t p = 0; p < parties && sp; p++) {
        double *w = malloc(issues * sizeof *w), sum = 0;
        for (size_t i = 0; i < issues; i++)
            sum += w[i] = (double)(rng_next() % 1000 + 1);
        for (size_t i = 0; i < issues; i++) {
            double e[64], mx = 0;
            for (size_t v = 0; v < values; v++) {
                e[v] = (double)(rng_next() % 100 + 1);
                mx = e[v] > mx ? e[v] : mx;
            }
            for (size_t v = 0; v < values; v++)
                parley_space_set_term(sp, p, i, v, w[i] / sum * (e[v] / mx));
        }
        free(w);
    }
    return sp;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int g_threads = 0;

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Child for a GENIUS folder: three runs of the full analysis (mode 0) or of
 * the unrestricted frontier (mode 1); writes "wall cpu points rss zone". */
static void child_folder(const char *dir, int mode, int fd)
{
    double t[3], c[3];
    size_t points = 0;
    double zone = -1;
    for (int r = 0; r < 3; r++) {
        parley_error err;
        parley_space *sp = parley_genius_load_folder(dir, &err);
        if (!sp) {
            dprintf(fd, "error %s\n", err.message);
            _exit(1);
        }
        parley_analysis_options opt;
        parley_analysis_options_init(&opt);
        opt.keep_irrational = mode == 1;
        opt.skip_zone = mode == 1;
        opt.threads = g_threads;
        double t0 = now(), c0 = cpu_now();
        parley_analysis *an = parley_analysis_run(sp, &opt, &err);
        t[r] = now() - t0;
        c[r] = cpu_now() - c0;
        if (!an) {
            dprintf(fd, "error %s\n", err.message);
            _exit(1);
        }
        points = an->frontier.n_points;
        zone = an->zone_count;
        parley_analysis_free(an);
        parley_space_free(sp);
    }
    qsort(t, 3, sizeof *t, cmp_d);
    qsort(c, 3, sizeof *c, cmp_d);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    dprintf(fd, "%.6f %.6f %zu %ld %.0f\n", t[1], c[1], points, ru.ru_maxrss, zone);
    _exit(0);
}

/* Child: three runs; writes "wall cpu frontier_points rss" to fd. */
static void child(size_t parties, size_t issues, size_t values, int fd)
{
    double t[3], c[3];
    size_t points = 0;
    uint64_t seed = 20251124u + issues * 7 + parties + (values != 10 ? values * 131 : 0);
    for (int r = 0; r < 3; r++) {
        parley_space *sp = generate(parties, issues, values, seed);
        parley_analysis_options opt;
        parley_analysis_options_init(&opt);
        opt.skip_zone = true;
        opt.threads = g_threads;
        parley_error err;
        double t0 = now(), c0 = cpu_now();
        parley_analysis *an = parley_analysis_run(sp, &opt, &err);
        t[r] = now() - t0;
        c[r] = cpu_now() - c0;
        if (!an) {
            dprintf(fd, "error %s\n", err.message);
            _exit(1);
        }
        points = an->frontier.n_points;
        parley_analysis_free(an);
        parley_space_free(sp);
    }
    qsort(t, 3, sizeof *t, cmp_d);
    qsort(c, 3, sizeof *c, cmp_d);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    dprintf(fd, "%.6f %.6f %zu %ld\n", t[1], c[1], points, ru.ru_maxrss);
    _exit(0);
}

static void run_case(size_t parties, size_t issues, size_t values, int timeout)
{
    int fds[2];
    if (pipe(fds))
        exit(1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        alarm((unsigned)timeout);
        child(parties, issues, values, fds[1]);
    }
    close(fds[1]);
    char buf[256] = "";
    ssize_t got = read(fds[0], buf, sizeof buf - 1);
    buf[got > 0 ? got : 0] = '\0';
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    double secs = 0, cpu = 0;
    size_t points = 0;
    long rss = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        sscanf(buf, "%lf %lf %zu %ld", &secs, &cpu, &points, &rss) == 4)
        printf("| %zu | %zu x %zu | %zu | %.3f ms | %.3f ms | %.1f MB |\n", parties, issues, values,
               points, secs * 1e3, cpu * 1e3, (double)rss / 1024.0);
    else
        printf("| %zu | %zu x %zu | - | %s | - | - |\n", parties, issues, values,
               WIFSIGNALED(status) ? "timed out" : buf);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int max_exp = 40, timeout = 600;
    const char *folders[16];
    int n_folders = 0;
    size_t cases[16][3], n_cases = 0;
    size_t party_list[2] = {2, 3}, n_party = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--max-exp") == 0)
            max_exp = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--timeout") == 0)
            timeout = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--threads") == 0)
            g_threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--folder") == 0 && n_folders < 16)
            folders[n_folders++] = argv[i + 1];
        else if (strcmp(argv[i], "--case") == 0 && n_cases < 16) {
            size_t *c = cases[n_cases];
            if (sscanf(argv[i + 1], "%zux%zux%zu", &c[0], &c[1], &c[2]) == 3 && c[2] >= 1 &&
                c[2] <= 64 && c[0] >= 1)
                n_cases++;
        } else if (strcmp(argv[i], "--parties") == 0) {
            n_party = 0;
            for (char *s = strtok(argv[i + 1], ","); s && n_party < 2; s = strtok(NULL, ","))
                party_list[n_party++] = (size_t)atoi(s);
        }
    }
    const int exps[] = {5, 6, 7, 9, 40};
    printf("| parties | issues x values | frontier points | median wall time | median CPU time | "
           "peak RSS |\n");
    printf("|---|---|---|---|---|---|\n");
    for (size_t k = 0; k < n_cases; k++)
        run_case(cases[k][0], cases[k][1], cases[k][2], timeout);
    for (size_t pi = 0; pi < n_party && n_cases == 0; pi++)
        for (size_t k = 0; k < sizeof exps / sizeof exps[0]; k++)
            if (exps[k] <= max_exp)
                run_case(party_list[pi], (size_t)exps[k], 10, timeout);
    if (n_folders)
        printf("\n| GENIUS folder | run | frontier points | zone count | median wall time | "
               "median CPU time | peak RSS |\n"
               "|---|---|---|---|---|---|---|\n");
    for (int f = 0; f < n_folders; f++) {
        for (int mode = 0; mode < 2; mode++) {
            int fds[2];
            if (pipe(fds))
                return 1;
            fflush(stdout);
            pid_t pid = fork();
            if (pid == 0) {
                close(fds[0]);
                alarm((unsigned)timeout);
                child_folder(folders[f], mode, fds[1]);
            }
            close(fds[1]);
            char buf[512] = "";
            ssize_t got = read(fds[0], buf, sizeof buf - 1);
            buf[got > 0 ? got : 0] = '\0';
            close(fds[0]);
            int status;
            waitpid(pid, &status, 0);
            double secs = 0, cpu = 0, zone = -1;
            size_t points = 0;
            long rss = 0;
            const char *what = mode ? "frontier, no walk-away cut" : "rational frontier + zone";
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                sscanf(buf, "%lf %lf %zu %ld %lf", &secs, &cpu, &points, &rss, &zone) == 5) {
                char z[64] = "-";
                if (zone >= 0)
                    snprintf(z, sizeof z, "%.0f", zone);
                printf("| %s | %s | %zu | %s | %.3f s | %.3f s | %.1f MB |\n", folders[f], what,
                       points, z, secs, cpu, (double)rss / 1024.0);
            } else {
                printf("| %s | %s | - | - | %s | - | - |\n", folders[f], what,
                       WIFSIGNALED(status) ? "timed out" : buf);
            }
            fflush(stdout);
        }
    }
    return 0;
}
