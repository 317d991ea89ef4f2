/* test_stances.c — reported vs modelled stances, and the weight fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_data.h"

#include "parley.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static parley_scenario *textbook_with(const char *from, const char *to)
{
    FILE *fp = td_open(PARLEY_SOURCE_DIR "/examples/textbook.yaml", "rb");
    static char buf[65536], out[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    char *at = strstr(buf, from);
    assert_non_null(at);
    snprintf(out, sizeof out, "%.*s%s%s", (int)(at - buf), buf, to, at + strlen(from));
    parley_error err;
    parley_scenario *sc = parley_scenario_parse(out, strlen(out), "textbook.yaml", &err);
    assert_non_null(sc);
    return sc;
}

static void verdicts_on_ukraine(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc =
        parley_scenario_load(PARLEY_SOURCE_DIR "/examples/ukraine-2025.yaml", &err);
    assert_non_null(sc);
    parley_stance_check c[16];
    assert_true(sc->n_stances <= 16);
    assert_int_equal(parley_stances_check(sc, c, &err), PARLEY_OK);
    /* UA "90%" on framework20 vs modelled on-board about 60%: differs. */
    assert_int_equal(c[1].verdict, PARLEY_STANCE_SHARE_DIFFERS);
    assert_true(fabs(c[1].on_board - 0.6) < 0.05);
    assert_true(c[0].disputed && !c[1].disputed);
    /* US accepts us28 and is modelled well above its walk-away. */
    assert_int_equal(c[4].verdict, PARLEY_STANCE_AGREES);
    parley_scenario_free(sc);
}

static void contradiction_flagged(void **state)
{
    (void)state;
    /* B "accepts" draft1 in the file; make A accept it: A gets 0 < .4. */
    parley_scenario *sc =
        textbook_with("  - party: B\n    plan: draft1", "  - party: A\n    plan: draft1");
    parley_stance_check c[2];
    parley_error err;
    assert_int_equal(parley_stances_check(sc, c, &err), PARLEY_OK);
    assert_int_equal(c[1].verdict, PARLEY_STANCE_CONTRADICTS);
    assert_true(c[1].utility == 0.0 && !c[1].above);
    parley_scenario_free(sc);
}

static void fit_reaches_an_attainable_share(void **state)
{
    (void)state;
    /* A on draft2: U = .4 wb + .5 (1 - wb), best 1, walk-away .4, so on-board
     * .1 needs U = .46, i.e. wb = .4, inside [.25, .75]. */
    parley_scenario *sc = textbook_with("share: 0.9", "share: 0.1");
    parley_fit f;
    parley_error err;
    assert_int_equal(parley_weights_fit(sc, 0, 0.5, &f, &err), PARLEY_OK);
    assert_true(fabs(f.resid_before[0] - (0.05 / 0.6 - 0.1)) < 1e-12);
    assert_true(f.sse_after < 1e-12);
    assert_true(fabs(f.after[0] - 0.4) < 1e-5);
    double s = 0;
    for (size_t i = 0; i < 3; i++)
        s += f.after[i];
    assert_true(fabs(s - 1) < 1e-12);
    assert_true(sc->prefs[0].weight[0] == 0.5); /* the scenario is left as it was */
    parley_fit_free(&f);
    parley_scenario_free(sc);
}

static void fit_is_no_worse_than_feasible_samples(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc =
        parley_scenario_load(PARLEY_SOURCE_DIR "/examples/ukraine-2025.yaml", &err);
    assert_non_null(sc);
    parley_fit f;
    assert_int_equal(parley_weights_fit(sc, 0, 0.5, &f, &err), PARLEY_OK);
    assert_true(f.sse_after < f.sse_before);
    size_t n = sc->n_issues;
    double *w = sc->prefs[0].weight, *orig = malloc(n * sizeof *orig);
    memcpy(orig, w, n * sizeof *w);
    uint64_t x = 12345;
    int tried = 0;
    for (int trial = 0; trial < 300; trial++) {
        /* A random feasible point: mix of the bounds, renormalised only if it
         * stays within them. */
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            double r = (double)(x >> 11) / 9007199254740992.0;
            w[i] = orig[i] * (0.5 + r);
            sum += w[i];
        }
        bool ok = true;
        for (size_t i = 0; i < n; i++) {
            w[i] /= sum;
            ok &= w[i] >= orig[i] * 0.5 - 1e-12 && w[i] <= orig[i] * 1.5 + 1e-12;
        }
        if (!ok)
            continue;
        tried++;
        const parley_stance *st = &sc->stances[f.stance[0]];
        bool exact;
        double u = parley_utility_expected(sc, 0, sc->plans[st->plan].sets, &exact), lo, hi;
        assert_int_equal(parley_utility_range(sc, 0, &lo, &hi, &err), PARLEY_OK);
        double wa = sc->parties[0].walk_away, r = (u - wa) / (hi - wa) - st->share;
        assert_true(f.sse_after <= r * r + 1e-9);
    }
    assert_true(tried > 50);
    memcpy(w, orig, n * sizeof *w);
    free(orig);
    parley_fit_free(&f);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verdicts_on_ukraine),
        cmocka_unit_test(contradiction_flagged),
        cmocka_unit_test(fit_reaches_an_attainable_share),
        cmocka_unit_test(fit_is_no_worse_than_feasible_samples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
