/* test_genius_export.c — a scenario written as GENIUS XML and read back by
 * the GENIUS importer gives every outcome exactly the same utilities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_data.h"

#include "parley.h"
#include "parley/space.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path)
{
    FILE *fp = td_open(path, "rb");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void spill(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void round_trip_is_exact(void **state)
{
    (void)state;
    /* The textbook example without its rule; B's values top out below 1 on
     * no issue, A's do: both normalisations are exercised by changing one
     * value to make an issue's maximum 0.8. */
    char *y = slurp(PARLEY_SOURCE_DIR "/examples/textbook.yaml");
    char *rules = strstr(y, "    rules:");
    char *b = strstr(y, "  B:\n");
    assert_true(rules && b && rules < b);
    memmove(rules, b, strlen(b) + 1);
    char *v = strstr(y, "current-line: 0.7, full-claim: 1}");
    assert_non_null(v);
    memcpy(v, "current-line: .7, full-claim: .8}", 33); /* same length */
    parley_error err;
    parley_scenario *sc = parley_scenario_parse(y, strlen(y), "t.yaml", &err);
    if (!sc) {
        char m[512];
        fail_msg("%s", parley_error_format(&err, m, sizeof m));
    }
    parley_genius_export ex;
    assert_int_equal(parley_scenario_export_genius(sc, false, &ex, &err), PARLEY_OK);
    char dir[] = "/tmp/parley-genius-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char dpath[128], p1[128], p2[128];
    snprintf(dpath, sizeof dpath, "%s/domain.xml", dir);
    snprintf(p1, sizeof p1, "%s/p1.xml", dir);
    snprintf(p2, sizeof p2, "%s/p2.xml", dir);
    spill(dpath, ex.domain);
    spill(p1, ex.profile[0]);
    spill(p2, ex.profile[1]);
    const char *profiles[] = {p1, p2};
    parley_space *sp = parley_genius_load(dpath, profiles, 2, &err);
    assert_non_null(sp);
    size_t o[3];
    uint32_t ou[3];
    int count = 0;
    for (o[0] = 0; o[0] < 3; o[0]++)
        for (o[1] = 0; o[1] < 3; o[1]++)
            for (o[2] = 0; o[2] < 3; o[2]++) {
                for (int i = 0; i < 3; i++)
                    ou[i] = (uint32_t)o[i];
                for (size_t p = 0; p < 2; p++) {
                    double a = parley_utility(sc, p, o), g = parley_space_utility(sp, p, ou);
                    if (fabs(a - g) > 1e-12)
                        fail_msg("outcome %zu%zu%zu party %zu: %.17g vs GENIUS %.17g", o[0], o[1],
                                 o[2], p, a, g);
                    count++;
                }
            }
    assert_int_equal(count, 54);
    assert_true(parley_space_reservation(sp, 0) == 0.4 && parley_space_discount(sp, 0) == 0.95);
    assert_true(parley_space_discount(sp, 1) == 1.0);
    parley_space_free(sp);
    parley_genius_export_free(&ex);
    unlink(dpath);
    unlink(p1);
    unlink(p2);
    rmdir(dir);
    parley_scenario_free(sc);
}

static void rules_are_refused(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    assert_non_null(sc);
    parley_genius_export ex;
    assert_int_equal(parley_scenario_export_genius(sc, false, &ex, &err), PARLEY_ERR_INPUT);
    assert_int_equal(err.line, 45);
    assert_int_equal(parley_scenario_export_genius(sc, true, &ex, &err), PARLEY_OK);
    assert_int_equal(ex.n_dropped_rules, 1);
    parley_genius_export_free(&ex);
    parley_scenario_free(sc);
}

/* GENIUS -> parley YAML -> compiled space gives the GENIUS utilities back,
 * on every outcome of small domains and 20,000 sampled outcomes of large
 * ones (linear-additive, integer, 3 parties, hyper-rectangles). */
static void genius_to_yaml_is_exact(void **state)
{
    (void)state;
    static const char *const domains[] = {"Laptop",       "CarB",           "IntegerDomain",
                                          "AgentHp2",     "10issueswithRV", "AmsterdamA",
                                          "group2-dinner"};
    uint64_t x = 7;
    for (size_t d = 0; d < sizeof domains / sizeof *domains; d++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/genius/domains/%s", PARLEY_DATA_DIR, domains[d]);
        parley_error err;
        parley_space *g = parley_genius_load_folder(dir, &err);
        assert_non_null(g);
        parley_yaml_text r;
        assert_int_equal(parley_space_write_yaml(g, domains[d], &r, &err), PARLEY_OK);
        if (r.n_notes)
            fail_msg("%s: not exact: %s", domains[d], r.notes);
        parley_scenario *sc = parley_scenario_parse(r.text, strlen(r.text), domains[d], &err);
        if (!sc) {
            char m[512];
            fail_msg("%s: %s\n%s", domains[d], parley_error_format(&err, m, sizeof m), r.text);
        }
        parley_space *y = parley_space_from_scenario(sc, &err);
        assert_non_null(y);
        size_t ni = parley_space_issue_count(g), np = parley_space_party_count(g);
        uint32_t o[64];
        assert_true(ni <= 64);
        for (int k = 0; k < 20000; k++) {
            for (size_t i = 0; i < ni; i++) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                o[i] = (uint32_t)((x >> 33) % parley_space_value_count(g, i));
            }
            for (size_t p = 0; p < np; p++) {
                double a = parley_space_utility(g, p, o), b = parley_space_utility(y, p, o);
                if (fabs(a - b) > 1e-12)
                    fail_msg("%s party %zu: GENIUS %.17g vs YAML %.17g", domains[d], p, a, b);
            }
        }
        for (size_t p = 0; p < np; p++) {
            double rg = parley_space_reservation(g, p);
            assert_true(isnan(rg) ? sc->parties[p].walk_away == 0 : sc->parties[p].walk_away == rg);
        }
        parley_space_free(y);
        parley_scenario_free(sc);
        free(r.text);
        parley_space_free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_is_exact),
        cmocka_unit_test(rules_are_refused),
        cmocka_unit_test(genius_to_yaml_is_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
