/*
 * bench/negotiate/bench_negotiate.c — tournament throughput: negotiations
 * per second of `parley tournament` (boulware, conceder, linear, hardliner,
 * titfortat, nash, random; every assignment; 200 steps) on GENIUS reference
 * domains, with 1 and 2 threads. The frontier is computed once per domain
 * (its time is reported separately); each tournament runs 5 times and the
 * median is reported, in wall-clock time and, for 1 thread, in process CPU
 * time (a figure that does not depend on how loaded the machine is). Also
 * checks that 1 and 2 threads give the same payoffs.
 *
 * With --private: private information, GENIUS's clock (100 rounds) and the
 * strategies boulware, conceder, linear, hardliner, boa, nicetft, random; the
 * column "frontier s" then includes enumerating and sorting every party's
 * outcome space (parley_nego_domain_prepare_private), and domains too large
 * to enumerate are skipped.
 *
 * usage: bench_negotiate [--reps N] [--private] [DOMAIN ...]   (default: a fixed list)
 */
#include "parley/genius.h"
#include "parley/negotiate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *defaults[] = {"Laptop",         "CarB",          "AmsterdamA", "EnglandvsZimbabweA",
                              "ItexvsCypressC", "group2-dinner", "AgentHp2",   "10issueswithRV"};
    const char *names[64];
    size_t n = 0, reps = 10;
    int priv = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--private") == 0)
            priv = 1;
        else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            reps = (size_t)strtoul(argv[++i], NULL, 10);
        else if (n < 64)
            names[n++] = argv[i];
    }
    if (n == 0) {
        n = sizeof defaults / sizeof defaults[0];
        memcpy(names, defaults, sizeof defaults);
    }
    const char *full[] = {"boulware",  "conceder", "linear", "hardliner",
                          "titfortat", "nash",     "random"};
    const char *private[] = {"boulware", "conceder", "linear", "hardliner",
                             "boa",      "nicetft",  "random"};
    const char **strat = priv ? private : full;
    parley_agent_spec st[7];
    parley_error err;
    for (size_t s = 0; s < 7; s++)
        if (parley_agent_spec_parse(strat[s], "bench", &st[s], &err))
            return 1;
    printf("| domain | parties | outcomes | frontier | frontier s | negotiations | "
           "1 thread neg/CPU-s | 1 thread neg/s | 2 threads neg/s | same result |\n"
           "|---|---|---|---|---|---|---|---|---|---|\n");
    for (size_t k = 0; k < n; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/genius/domains/%s", PARLEY_DATA_DIR, names[k]);
        parley_space *sp = parley_genius_load_folder(path, &err);
        if (!sp) {
            fprintf(stderr, "%s: %s\n", names[k], err.message);
            continue;
        }
        double t0 = now();
        parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
        if (dom && priv && parley_nego_domain_prepare_private(dom, 0, &err)) {
            parley_nego_domain_free(dom);
            dom = NULL;
        }
        double tf = now() - t0;
        if (!dom) {
            fprintf(stderr, "%s: %s\n", names[k], err.message);
            parley_space_free(sp);
            continue;
        }
        double rate[2], cpu_rate = 0;
        size_t runs = 0;
        double *first = NULL;
        int same = 1;
        for (int th = 1; th <= 2; th++) {
            double times[5], cpu[5];
            for (int r = 0; r < 5; r++) {
                parley_tournament_options o;
                parley_tournament_options_init(&o);
                o.reps = reps;
                o.threads = th;
                o.seed = 1;
                if (priv) {
                    o.information = PARLEY_INFO_PRIVATE;
                    o.rounds = 100;
                }
                double a = now();
                clock_t c0 = clock();
                parley_tournament_result *res = parley_tournament_run_all(dom, st, 7, &o, &err);
                times[r] = now() - a;
                cpu[r] = (double)(clock() - c0) / CLOCKS_PER_SEC;
                if (!res)
                    return 1;
                runs = res->n_runs;
                size_t bytes = runs * res->n_parties * sizeof(double);
                if (!first) {
                    first = malloc(bytes);
                    memcpy(first, res->payoff, bytes);
                } else if (memcmp(first, res->payoff, bytes) != 0) {
                    same = 0;
                }
                parley_tournament_result_free(res);
            }
            qsort(times, 5, sizeof times[0], cmp_double);
            rate[th - 1] = (double)runs / times[2];
            if (th == 1) {
                qsort(cpu, 5, sizeof cpu[0], cmp_double);
                cpu_rate = (double)runs / cpu[2];
            }
        }
        printf("| %s | %zu | %.3g | %zu | %.3f | %zu | %.0f | %.0f | %.0f | %s |\n", names[k],
               parley_space_party_count(sp), parley_space_outcome_count(sp),
               parley_nego_domain_analysis(dom)->frontier.n_points, tf, runs, cpu_rate, rate[0],
               rate[1], same ? "yes" : "NO");
        fflush(stdout);
        free(first);
        parley_nego_domain_free(dom);
        parley_space_free(sp);
    }
    return 0;
}
