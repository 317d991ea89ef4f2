/*
 * bench_concede.c — time of `concede` on generated scenarios: I issues × 5
 * options × 4 parties (fixed seed), a plan that sets every issue to the
 * option the proposer likes best, the hold-out being the party worst off.
 * Reports the median of 5 runs per objective. Usage: bench_concede [ISSUES]
 */
#include "parley.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t state = 42;
static double rnd(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) / 9007199254740992.0;
}

static char *make_yaml(int ni)
{
    size_t cap = 1 << 20, n = 0;
    char *b = malloc(cap);
#define OUT(...) n += (size_t)snprintf(b + n, cap - n, __VA_ARGS__)
    OUT("parties:\n");
    for (int p = 0; p < 4; p++)
        OUT("  - {id: P%d, walk_away: %.2f}\n", p, 0.45 + 0.1 * rnd());
    OUT("issues:\n");
    for (int i = 0; i < ni; i++)
        OUT("  - {id: i%d, options: [a, b, c, d, e]}\n", i);
    OUT("preferences:\n");
    int best[64] = {0};
    for (int p = 0; p < 4; p++) {
        OUT("  P%d:\n    weights: {", p);
        for (int i = 0; i < ni; i++)
            OUT("%si%d: %.3f", i ? ", " : "", i, 0.1 + rnd());
        OUT("}\n    values:\n");
        for (int i = 0; i < ni; i++) {
            double v[5], top = -1;
            for (int o = 0; o < 5; o++) {
                v[o] = rnd();
                if (p == 0 && v[o] > top) {
                    top = v[o];
                    best[i] = o;
                }
            }
            OUT("      i%d: {a: %.3f, b: %.3f, c: %.3f, d: %.3f, e: %.3f}\n", i, v[0], v[1], v[2],
                v[3], v[4]);
        }
    }
    OUT("plans:\n  - id: draft\n    proposed_by: P0\n    points:\n");
    for (int i = 0; i < ni; i++)
        OUT("      - {id: \"%d\", sets: {i%d: %c}}\n", i + 1, i, 'a' + best[i]);
#undef OUT
    return b;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int ni = argc > 1 ? atoi(argv[1]) : 30;
    if (ni < 1 || ni > 64)
        return 2;
    char *y = make_yaml(ni);
    parley_error err;
    parley_scenario *sc = parley_scenario_parse(y, strlen(y), "bench.yaml", &err);
    if (!sc) {
        char m[512];
        fprintf(stderr, "%s\n", parley_error_format(&err, m, sizeof m));
        return 2;
    }
    bool keep[4] = {true, true, true, true};
    printf("%d issues x 5 options x 4 parties (5^%d = %.3g outcomes)\n", ni, ni, pow(5, ni));
    printf("%-8s %-6s %10s %9s %s\n", "target", "obj", "median_s", "feasible", "changed");
    for (size_t target = 1; target < 4; target++) {
        keep[target] = false;
        for (int obj = 0; obj < 2; obj++) {
            double t[5];
            parley_concede_result r;
            for (int k = 0; k < 5; k++) {
                parley_concede_request rq = {.plan = 0,
                                             .target = target,
                                             .keep = keep,
                                             .objective = (parley_concede_objective)obj};
                double t0 = now();
                if (parley_concede_run(sc, &rq, &r, &err))
                    return 3;
                t[k] = now() - t0;
                if (k < 4)
                    parley_concede_result_free(&r);
            }
            qsort(t, 5, sizeof *t, cmp);
            printf("P%-7zu %-6s %10.4f %9s %zu\n", target, obj ? "loss" : "points", t[2],
                   r.feasible ? "yes" : "no", r.n_changed_points);
            parley_concede_result_free(&r);
        }
        keep[target] = true;
    }
    parley_scenario_free(sc);
    free(y);
    return 0;
}
