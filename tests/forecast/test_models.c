/*
 * tests/forecast/test_models.c — the non-SMP models against their
 * references: the EUM on the 1994 EC car-emission case (Scholz et al.'s
 * round-by-round medians, README §E), the compromise and median models
 * against the weighted mean / weighted median baselines README §D gives
 * for KTAB's scenarios, the DEU III salience-weighted-mean baseline
 * (README §F: 23.68 over 353 issues), and the SMP's DEU III scores the
 * README and docs/forecast.md show (24.86; 25.54 with GDP weights).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_data.h"

#include "parley/forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REF PARLEY_DATA_DIR "/forecast"

/* jmckib's CSV: Actor,Capability,Position,Salience (salience 0..1). */
static parley_fc_scenario *read_eum_csv(const char *path)
{
    FILE *fp = td_open(path, "r");
    char line[256], name[64][64];
    double c[64], x[64], s[64];
    int n = 0;
    assert_non_null(fgets(line, sizeof line, fp));
    while (n < 64 && fgets(line, sizeof line, fp))
        if (sscanf(line, "%63[^,],%lf,%lf,%lf", name[n], &c[n], &x[n], &s[n]) == 4)
            n++;
    fclose(fp);
    parley_fc_scenario *sc = parley_fc_scenario_new((size_t)n, 1);
    assert_non_null(sc);
    for (int i = 0; i < n; i++) {
        sc->actor[i] = malloc(64);
        memcpy(sc->actor[i], name[i], 64);
        sc->capability[i] = c[i];
        sc->position[i] = x[i];
        sc->salience[i] = 100.0 * s[i];
    }
    sc->dim[0] = malloc(8);
    memcpy(sc->dim[0], "year", 5);
    return sc;
}

/* Scholz's medians, as the fixture's notes quote them. */
static int scholz_medians(double *m, int cap)
{
    FILE *fp = td_open(REF "/eum/schelling_emission_standards_bdm1994.json", "r");
    static char buf[65536];
    size_t len = fread(buf, 1, sizeof buf - 1, fp);
    buf[len] = '\0';
    fclose(fp);
    const char *p = strstr(buf, "median voter position by round:");
    assert_non_null(p);
    p += strlen("median voter position by round:");
    int n = 0;
    char *e;
    while (n < cap) {
        double v = strtod(p, &e);
        if (e == p)
            break;
        m[n++] = v;
        p = e;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return n;
}

static void test_eum_ec_emissions(void **state)
{
    (void)state;
    parley_fc_scenario *sc = read_eum_csv(REF "/eum/jmckib_ExampleActors_EC_emissions.csv");
    assert_int_equal(sc->n_actors, 10);
    double scholz[16];
    int rounds = scholz_medians(scholz, 16);
    assert_int_equal(rounds, 8);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.model = PARLEY_FC_EUM;
    o.eum.rounds = rounds;
    parley_error err;
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    assert_int_equal((int)r->n_turns, rounds + 1);
    /* before any round: the weighted median of 4/7/10 is Belgium's 7 */
    assert_true(r->round_median[0] == 7.0);
    for (int t = 1; t <= rounds; t++) {
        double mine = r->round_median[t], ref = scholz[t - 1];
        print_message("round %d: parley %.3f, Scholz %.1f\n", t, mine, ref);
        if (t == 2) {
            /* Known difference (docs/forecast.md): Belgium compromises to
             * 9.611 here, as in jmckib's re-implementation of Scholz's code;
             * Scholz's table prints 9.9. */
            assert_true(fabs(mine - ref) < 0.3);
            continue;
        }
        /* Scholz's one-decimal figures are our medians truncated: every
         * other round agrees to within the printed digit. */
        if (!(mine - ref >= -1e-9 && mine - ref < 0.1))
            fail_msg("round %d: parley %.4f, Scholz %.1f", t, mine, ref);
    }
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

static void check_baseline(const char *stem, double mean, double median)
{
    char path[512];
    snprintf(path, sizeof path, REF "/ktab/%s.csv", stem);
    parley_error err;
    parley_fc_scenario *sc = parley_fc_read_ktab_csv(path, &err);
    assert_non_null(sc);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.model = PARLEY_FC_COMPROMISE;
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    if (fabs(r->expected[0] - mean) > 0.005 + 1e-9)
        fail_msg("%s weighted mean %.4f, README %.2f", stem, r->expected[0], mean);
    parley_fc_result_free(r);
    o.model = PARLEY_FC_MEDIAN;
    r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    if (fabs(r->expected[0] - median) > 0.005 + 1e-9)
        fail_msg("%s weighted median %.4f, README %.2f", stem, r->expected[0], median);
    assert_int_equal(r->n_turns, 2);
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

static void test_compromise_median(void **state)
{
    (void)state;
    /* README §D: "a040 62.95 / 64.52 ...; a080 67.18 / 68.29; SOE-Policy
     * 35.01 / 30.00; SOE-Competitive 39.96 / 40.00" */
    check_baseline("dummyData-a040", 62.95, 64.52);
    check_baseline("dummyData-a080", 67.18, 68.29);
    check_baseline("SOE-Policy", 35.01, 30.00);
    check_baseline("SOE-Competitive", 39.96, 40.00);
}

static void test_deu_baseline(void **state)
{
    (void)state;
    parley_error err;
    parley_deu *d = parley_deu_read(REF "/deu/deu3.csv", &err);
    assert_non_null(d);
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.threads = 2;
    o.model = PARLEY_FC_COMPROMISE;
    parley_deu_score s;
    assert_int_equal(parley_deu_evaluate(d, &o, false, &s, &err), PARLEY_OK);
    assert_int_equal(s.n, 353);
    if (fabs(s.mae - 23.68) > 0.005)
        fail_msg("weighted-mean MAE %.4f, README 23.68", s.mae);
    parley_deu_score_clear(&s);
    /* the SMP scores every issue too, the same whatever the thread count */
    o.model = PARLEY_FC_SMP;
    parley_deu_score s1, s2;
    assert_int_equal(parley_deu_evaluate(d, &o, false, &s2, &err), PARLEY_OK);
    o.threads = 1;
    assert_int_equal(parley_deu_evaluate(d, &o, false, &s1, &err), PARLEY_OK);
    assert_int_equal(s1.n, 353);
    assert_true(s1.mae == s2.mae);
    /* the figure `parley forecast --deu` prints, README and docs/forecast.md
     * show. It depends on the last bit of the bargain sums (issue 13: the
     * status quo's sum with two terms swapped, not KTAB's order, gave
     * 24.80): on d00067i2 the bargains tie the status quo up to rounding. */
    char fig[16];
    snprintf(fig, sizeof fig, "%.2f", s1.mae);
    if (strcmp(fig, "24.86") != 0)
        fail_msg("SMP MAE on DEU III %s (%.6f), README 24.86", fig, s1.mae);
    size_t k = 0;
    while (k < d->n_issues && strcmp(d->issues[k].id, "d00067i2") != 0)
        k++;
    assert_true(k < d->n_issues);
    if (fabs(s1.prediction[k] - 38.2574) > 5e-5)
        fail_msg("SMP forecast of d00067i2 %.4f, KTAB's order 38.2574", s1.prediction[k]);
    parley_deu_score_clear(&s1);
    parley_deu_score_clear(&s2);
    /* with GDP weights as capabilities (--deu-weights) */
    o.threads = 2;
    assert_int_equal(parley_deu_evaluate(d, &o, true, &s1, &err), PARLEY_OK);
    snprintf(fig, sizeof fig, "%.2f", s1.mae);
    if (strcmp(fig, "25.54") != 0)
        fail_msg("SMP MAE on DEU III with weights %s (%.6f), docs 25.54", fig, s1.mae);
    parley_deu_score_clear(&s1);
    parley_deu_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eum_ec_emissions),
        cmocka_unit_test(test_compromise_median),
        cmocka_unit_test(test_deu_baseline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
