/*
 * bench/stability/bench_stability.c — times `parley stability` work on a
 * random option-form conflict: feasible states from 10^3 to 10^6+, 2–6
 * decision makers. One conflict per process, so the peak resident memory
 * (getrusage) belongs to that size alone; bench/stability/run.sh loops over
 * sizes and repeats, and reports medians.
 *
 *   bench_stability [--coalition K] [--gmcrplus] OPTIONS DMS [SEED [THREADS [FILE]]]
 *   bench_stability --graph [--gmcrplus] STATES DMS [SEED [THREADS [FILE]]]
 *
 * The conflict: OPTIONS options dealt round-robin to DMS decision makers
 * (contiguous blocks), 80% reversible both ways, 10% only taken, 10% only
 * withdrawn; one infeasible pattern (two options never both taken) removing
 * a quarter of the codes; each DM ranks states by 10 random prioritised
 * statements (conjunctions of one or two literals). Prints one line:
 * states, DMs, options, load ms, solve ms (Nash, GMR, SMR, SEQ, SIM,
 * SEQ+SIM), peak MiB, and the equilibrium counts as a checksum. With
 * FILE.gmcr, the conflict is also written there (for timing the command,
 * `parley stability FILE.gmcr`). --coalition K: the first K DMs act as one
 * coalition (the analysis parley stability --coalition adds); --gmcrplus:
 * GMCR+ sanctions. --graph: a graph-form conflict instead (YAML), STATES
 * states, each DM with two random moves from every state and a random
 * strict ranking.
 */
#include "parley/stability.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A graph-form conflict as YAML text (caller frees). */
static char *graph_yaml(int n, int nd, size_t *len_out)
{
    size_t cap = (size_t)n * (size_t)nd * 64 + (size_t)n * 12 + 4096, len = 0;
    char *b = malloc(cap);
    uint32_t *perm = malloc((size_t)n * sizeof *perm);
    if (!b || !perm) {
        free(b);
        free(perm);
        return NULL;
    }
#define OUT(...) (len += (size_t)snprintf(b + len, cap - len, __VA_ARGS__))
    OUT("conflict:\n  decision_makers: [");
    for (int d = 0; d < nd; d++)
        OUT("%s{id: DM%d}", d ? ", " : "", d + 1);
    OUT("]\n  states: [");
    for (int v = 0; v < n; v++)
        OUT("%ss%d", v ? "," : "", v);
    OUT("]\n  moves:\n");
    for (int d = 0; d < nd; d++) {
        OUT("    DM%d: [", d + 1);
        for (int v = 0; v < n; v++) {
            uint32_t a = rnd((uint32_t)n - 1), c = rnd((uint32_t)n - 1);
            a += a >= (uint32_t)v; /* never v itself */
            c += c >= (uint32_t)v;
            if (c == a)
                OUT("%s[s%d,s%u]", v ? "," : "", v, a);
            else
                OUT("%s[s%d,s%u],[s%d,s%u]", v ? "," : "", v, a, v, c);
        }
        OUT("]\n");
    }
    OUT("  preferences:\n");
    for (int d = 0; d < nd; d++) {
        for (int v = 0; v < n; v++)
            perm[v] = (uint32_t)v;
        for (int v = n - 1; v > 0; v--) {
            uint32_t j = rnd((uint32_t)v + 1), t = perm[v];
            perm[v] = perm[j];
            perm[j] = t;
        }
        OUT("    DM%d: {ranking: [", d + 1);
        for (int v = 0; v < n; v++)
            OUT("%ss%u", v ? "," : "", perm[v]);
        OUT("]}\n");
    }
#undef OUT
    free(perm);
    *len_out = len;
    return b;
}

int main(int argc, char **argv)
{
    bool plus = false, graph = false;
    int coalition = 0;
    while (argc > 1 && strncmp(argv[1], "--", 2) == 0) {
        if (strcmp(argv[1], "--gmcrplus") == 0)
            plus = true;
        else if (strcmp(argv[1], "--graph") == 0)
            graph = true;
        else if (strcmp(argv[1], "--coalition") == 0 && argc > 2) {
            coalition = atoi(argv[2]);
            argv++;
            argc--;
        } else
            break;
        argv++;
        argc--;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: bench_stability [--coalition K] [--gmcrplus] OPTIONS DMS "
                        "[SEED [THREADS [FILE.gmcr]]]\n"
                        "       bench_stability --graph [--gmcrplus] STATES DMS "
                        "[SEED [THREADS [FILE.yaml]]]\n");
        return 2;
    }
    int m = atoi(argv[1]), nd = atoi(argv[2]);
    if (argc > 3)
        rng ^= strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ull;
    int threads = argc > 4 ? atoi(argv[4]) : 0;
    if (graph ? (m < 3 || m > 1000000 || nd < 2 || nd > 16 || coalition)
              : (m < 2 || m > 30 || nd < 2 || nd > 16 || nd > m || coalition == 1 ||
                 coalition >= nd)) {
        fprintf(stderr, "need 2 <= DMS <= OPTIONS <= 30 (graph: 3 <= STATES <= 10^6, no "
                        "coalition) and 2 <= K < DMS\n");
        return 2;
    }
    size_t cap = 1 << 20, len = 0;
    char *b = graph ? graph_yaml(m, nd, &len) : malloc(cap);
    if (!b)
        return 3;
#define OUT(...) (len += (size_t)snprintf(b + len, cap - len, __VA_ARGS__))
    if (!graph) {
        OUT("{\"useManualPreferenceRanking\": false, \"options\": [");
        for (int k = 0; k < m; k++) {
            uint32_t r = rnd(10);
            OUT("%s{\"name\": \"o%d\", \"permittedDirection\": \"%s\"}", k ? "," : "", k,
                r == 0   ? "fwd"
                : r == 1 ? "back"
                         : "both");
        }
        int a = (int)rnd((uint32_t)m), c = (a + 1 + (int)rnd((uint32_t)m - 1)) % m;
        OUT("], \"infeasibles\": [[[%d, \"Y\"], [%d, \"Y\"]]], \"decisionMakers\": [", a, c);
        for (int d = 0; d < nd; d++) {
            int lo = d * m / nd, hi = (d + 1) * m / nd;
            OUT("%s{\"name\": \"DM%d\", \"options\": [", d ? "," : "", d + 1);
            for (int k = lo; k < hi; k++)
                OUT("%s%d", k > lo ? "," : "", k);
            OUT("], \"preferences\": [");
            for (int j = 0; j < 10; j++) {
                int x = (int)rnd((uint32_t)m), y = (int)rnd((uint32_t)m);
                if (rnd(2))
                    OUT("%s[[%d, \"%s\"]]", j ? "," : "", x, rnd(2) ? "Y" : "N");
                else
                    OUT("%s[[%d, \"%s\"], [%d, \"%s\"]]", j ? "," : "", x, rnd(2) ? "Y" : "N", y,
                        rnd(2) ? "Y" : "N");
            }
            OUT("]}");
        }
        OUT("]}");
    }
#undef OUT
    if (argc > 5) {
        FILE *f = fopen(argv[5], "w");
        if (!f || fwrite(b, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "cannot write %s\n", argv[5]);
            return 2;
        }
    }
    parley_error err;
    double t0 = now_ms();
    parley_conflict *cf = graph ? parley_conflict_parse_yaml(b, len, "random.yaml", &err)
                                : parley_conflict_parse_json(b, len, "random", &err);
    free(b);
    if (!cf) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    double t1 = now_ms();
    int part[16];
    for (int d = 0; d < nd; d++)
        part[d] = d < coalition ? 0 : coalition ? d - coalition + 1 : d;
    parley_stability_options opt = {coalition ? part : NULL, plus, threads};
    parley_stability *r = parley_stability_solve(cf, &opt, &err);
    double t2 = now_ms();
    if (!r) {
        fprintf(stderr, "%s\n", err.message);
        return 3;
    }
    size_t n = parley_conflict_state_count(cf), eq[PARLEY_GMCR_CONCEPTS] = {0};
    for (size_t s = 0; s < n; s++)
        for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
            eq[k] += parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu\t%d\t%d\t%.1f\t%.1f\t%.1f\t%zu/%zu/%zu/%zu/%zu/%zu\n", n, nd, m, t1 - t0, t2 - t1,
           (double)ru.ru_maxrss / 1024.0, eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]);
    parley_stability_free(r);
    parley_conflict_free(cf);
    return 0;
}
