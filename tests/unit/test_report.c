/*
 * tests/unit/test_report.c — the report through the library (parley/report.h,
 * issue 12): dumpf and dumps give the same page; every section is there or
 * left out with its reason; the scenario's sources and notes appear, escaped;
 * a bad plan id, a write error and a missing stream fail with their codes and
 * leave nothing written; progress only rises and ends at 1.
 * (tests/cli/test_report.py checks the page in a browser and against the
 * commands.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "parley.h"
#include "test_data.h"

#include <stdlib.h>
#include <string.h>

#define TEXTBOOK PARLEY_SOURCE_DIR "/examples/textbook.yaml"

static parley_scenario *load(const char *path)
{
    parley_error err;
    parley_scenario *sc = parley_scenario_load(path, &err);
    if (!sc)
        fail_msg("cannot load %s: %s", path, err.message);
    return sc;
}

static void test_dumpf_equals_dumps(void **state)
{
    (void)state;
    parley_scenario *sc = load(TEXTBOOK);
    parley_error err;
    char *s = parley_report_dumps(sc, NULL, &err);
    assert_non_null(s);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(parley_report_dumpf(sc, NULL, fp, &err), PARLEY_OK);
    fclose(fp);
    assert_string_equal(s, buf);
    assert_true(strncmp(s, "<!DOCTYPE html>", 15) == 0);
    assert_non_null(strstr(s, "Content-Security-Policy\" content=\"default-src 'none'"));
    static const char *const ids[] = {"scenario", "onboard",  "changes",  "space",
                                      "take",     "forecast", "stability"};
    for (size_t k = 0; k < 7; k++) {
        char want[64];
        snprintf(want, sizeof want, "<section id=\"%s\">", ids[k]);
        assert_non_null(strstr(s, want));
    }
    /* no conflict: section, so stable end states are left out, saying why */
    assert_non_null(strstr(s, "Left out: the scenario has no conflict: section"));
    assert_null(strstr(s, "<script"));
    free(s);
    free(buf);
    parley_scenario_free(sc);
}

static const char TINY[] = "title: \"T & <b>\"\n"
                           "notes: \"assumed <i>only</i>\"\n"
                           "sources: [\"one <src>\", \"two\"]\n"
                           "parties: [{id: A, walk_away: 0.1}, {id: B, walk_away: 0.1}]\n"
                           "issues: [{id: x, options: [{id: lo}, {id: hi}]}]\n"
                           "preferences:\n"
                           "  A: {weights: {x: 1}, values: {x: {lo: 1, hi: 0}}}\n"
                           "  B: {weights: {x: 1}, values: {x: {lo: 0, hi: 1}}}\n";

static void test_sections_left_out(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc = parley_scenario_parse(TINY, strlen(TINY), "tiny.yaml", &err);
    assert_non_null(sc);
    assert_int_equal(sc->n_sources, 2);
    assert_string_equal(sc->sources[0], "one <src>");
    assert_string_equal(sc->notes, "assumed <i>only</i>");
    assert_false(sc->has_conflict);
    char *s = parley_report_dumps(sc, NULL, &err);
    assert_non_null(s);
    assert_non_null(strstr(s, "<h1>T &amp; &lt;b&gt;</h1>"));
    assert_non_null(strstr(s, "assumed &lt;i&gt;only&lt;/i&gt;"));
    assert_non_null(strstr(s, "<li>one &lt;src&gt;</li>"));
    assert_non_null(strstr(s, "Left out: the scenario has no plan versions to score."));
    assert_non_null(strstr(s, "Left out: the scenario has no plan version to start from."));
    assert_non_null(strstr(s, "Left out: no issue"));     /* no positions: no forecast */
    assert_non_null(strstr(s, "<section id=\"space\">")); /* the frontier still applies */
    assert_null(strstr(s, "<i>"));
    free(s);
    parley_scenario_free(sc);
}

static void test_errors(void **state)
{
    (void)state;
    parley_scenario *sc = load(TEXTBOOK);
    parley_report_options opt;
    parley_report_options_init(&opt);
    opt.plan = "no-such-plan";
    parley_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(parley_report_dumpf(sc, &opt, fp, &err), PARLEY_ERR_INPUT);
    assert_string_equal(err.field, "plan");
    fflush(fp);
    assert_int_equal(len, 0); /* nothing written */
    fclose(fp);
    free(buf);
    assert_null(parley_report_dumps(sc, &opt, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    assert_int_equal(parley_report_dumpf(sc, NULL, NULL, &err), PARLEY_ERR_INPUT);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        assert_int_equal(parley_report_dumpf(sc, NULL, full, &err), PARLEY_ERR_IO);
        fclose(full);
    }
    parley_scenario_free(sc);
}

typedef struct rising {
    double last;
    int calls;
    bool ok;
} rising;

static void on_progress(void *ctx, double done)
{
    rising *r = ctx;
    r->ok &= done >= r->last && done <= 1;
    r->last = done;
    r->calls++;
}

static void test_progress_and_plan(void **state)
{
    (void)state;
    parley_scenario *sc = load(TEXTBOOK);
    parley_report_options opt;
    parley_report_options_init(&opt);
    rising r = {0, 0, true};
    opt.progress = on_progress;
    opt.progress_ctx = &r;
    opt.plan = "draft1";
    parley_error err;
    char *s = parley_report_dumps(sc, &opt, &err);
    assert_non_null(s);
    assert_true(r.ok);
    assert_true(r.calls >= 2);
    assert_true(r.last == 1.0);
    assert_non_null(strstr(s, "data-cmd=\"mediate --plan draft1\""));
    free(s);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dumpf_equals_dumps),
        cmocka_unit_test(test_sections_left_out),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_progress_and_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
