/*
 * tests/unit/test_document.c — the output layer every document uses
 * (src/doc): shortest round-trip numbers, the streaming JSON writer's layout
 * (checked against jansson's JSON_INDENT(2) layout, which the command wrote
 * before documents moved into the library) and misuse detection, CSV
 * quoting, and dumpf/dumps giving the same bytes (issue 13, issue 15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "doc/document.h"
#include "test_data.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void expect_number(double v, const char *want)
{
    char buf[PARLEYP_NUMBER_MAX];
    parleyp_number_format(buf, v);
    assert_string_equal(buf, want);
}

static void test_number_shortest(void **state)
{
    (void)state;
    expect_number(0.1, "0.1");
    expect_number(0.1 + 0.2, "0.30000000000000004"); /* 17 digits needed */
    expect_number(1.0 / 3.0, "0.3333333333333333");  /* 16 digits */
    expect_number(3.0, "3");
    expect_number(-0.0, "0");
    expect_number(0.45, "0.45");
    expect_number(1e21, "1e+21");
    expect_number(4.9e-324, "5e-324");
    expect_number(2.5e-310, "2.5e-310");
    expect_number(-2.5e-7, "-2.5e-07");
    char buf[PARLEYP_NUMBER_MAX];
    assert_false(parleyp_number_format(buf, NAN));
    assert_string_equal(buf, "");
    assert_false(parleyp_number_format(buf, INFINITY));
}

/* Every text reads back to the same double, and no shorter %g text does. */
static void test_number_roundtrip(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ULL;
    for (int k = 0; k < 200000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v))
            continue;
        if (k & 1)
            v = (double)(x >> 11) / 9007199254740992.0; /* uniform in [0,1) */
        char buf[PARLEYP_NUMBER_MAX], shorter[PARLEYP_NUMBER_MAX];
        assert_true(parleyp_number_format(buf, v));
        assert_true(strtod(buf, NULL) == v);
        int digits = 0;
        for (const char *p = buf; *p && *p != 'e'; p++)
            digits += *p >= '0' && *p <= '9';
        if (digits > 1 && v != 0) {
            snprintf(shorter, sizeof shorter, "%.*g", digits - 2 > 0 ? digits - 2 : 1, v);
            if (strtod(shorter, NULL) == v && strlen(shorter) < strlen(buf))
                fail_msg("%s is not shortest: %s reads back too", buf, shorter);
        }
    }
}

static char *render(void (*build)(parleyp_jw *), int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    parleyp_jw w;
    parleyp_jw_init(&w, fp);
    build(&w);
    *rc = parleyp_jw_end(&w);
    fclose(fp);
    return buf;
}

static void nested(parleyp_jw *w)
{
    parleyp_jw_object(w);
    parleyp_jw_kstring(w, "name", "Kyiv \"90%\" on board\n\t\x01/é");
    parleyp_jw_kinteger(w, "n", -42);
    parleyp_jw_kbool(w, "yes", true);
    parleyp_jw_key(w, "none");
    parleyp_jw_null(w);
    parleyp_jw_karray(w, "empty_list");
    parleyp_jw_close(w);
    parleyp_jw_kobject(w, "empty_object");
    parleyp_jw_close(w);
    parleyp_jw_karray(w, "rows");
    for (int i = 0; i < 3; i++) {
        parleyp_jw_object(w);
        parleyp_jw_kinteger(w, "i", i);
        parleyp_jw_karray(w, "xs");
        parleyp_jw_integer(w, i);
        parleyp_jw_string(w, NULL);
        parleyp_jw_close(w);
        parleyp_jw_close(w);
    }
    parleyp_jw_close(w);
    parleyp_jw_close(w);
}

static void test_writer_layout_is_janssons(void **state)
{
    (void)state;
    int rc;
    char *mine = render(nested, &rc);
    assert_int_equal(rc, 0);
    json_t *rows = json_array();
    for (int i = 0; i < 3; i++)
        json_array_append_new(rows, json_pack("{s:i, s:[i, n]}", "i", i, "xs", i));
    json_t *j = json_pack("{s:s, s:i, s:b, s:n, s:[], s:{}, s:o}", "name",
                          "Kyiv \"90%\" on board\n\t\x01/é", "n", -42, "yes", 1, "none",
                          "empty_list", "empty_object", "rows", rows);
    char *theirs = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    size_t n = strlen(theirs);
    assert_int_equal(strlen(mine), n + 1);
    assert_memory_equal(mine, theirs, n);
    assert_int_equal(mine[n], '\n');
    free(theirs);
    free(mine);
}

static void key_outside_object(parleyp_jw *w)
{
    parleyp_jw_array(w);
    parleyp_jw_key(w, "k");
    parleyp_jw_close(w);
}
static void value_without_key(parleyp_jw *w)
{
    parleyp_jw_object(w);
    parleyp_jw_integer(w, 1);
    parleyp_jw_close(w);
}
static void unclosed(parleyp_jw *w)
{
    parleyp_jw_object(w);
}
static void two_documents(parleyp_jw *w)
{
    parleyp_jw_integer(w, 1);
    parleyp_jw_integer(w, 2);
}
static void dangling_key(parleyp_jw *w)
{
    parleyp_jw_object(w);
    parleyp_jw_key(w, "k");
    parleyp_jw_close(w);
}
static void too_deep(parleyp_jw *w)
{
    for (int i = 0; i < PARLEYP_JW_MAX_DEPTH + 2; i++)
        parleyp_jw_array(w);
}

static void test_writer_misuse(void **state)
{
    (void)state;
    void (*bad[])(parleyp_jw *) = {key_outside_object, value_without_key, unclosed,
                                   two_documents,      dangling_key,      too_deep};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc;
        free(render(bad[k], &rc));
        assert_int_equal(rc, -1);
    }
    int rc;
    char *nan_doc = render(nested, &rc);
    assert_int_equal(rc, 0);
    free(nan_doc);
}

static void test_csv_fields(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    parleyp_csv_string(fp, "plain", false);
    parleyp_csv_string(fp, "a,b", false);
    parleyp_csv_string(fp, "say \"yes\"", false);
    parleyp_csv_string(fp, NULL, false);
    parleyp_csv_number(fp, NAN, false);
    parleyp_csv_number(fp, 0.1, false);
    parleyp_csv_bool(fp, true, true);
    fclose(fp);
    assert_string_equal(buf, "plain,\"a,b\",\"say \"\"yes\"\"\",,,0.1,true\n");
    free(buf);
}

/* The score document: dumps gives the bytes dumpf streams, JSON parses,
 * utilities are keyed by party id in file order, numbers read back exactly. */
static void test_score_document(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    assert_non_null(sc);
    parley_score s;
    assert_int_equal(parley_plan_score(sc, 0, &s, &err), PARLEY_OK);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        char *str = parley_score_dumps(sc, &s, (parley_doc_format)f, &err);
        assert_non_null(str);
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        assert_int_equal(parley_score_dumpf(sc, &s, (parley_doc_format)f, fp, &err), PARLEY_OK);
        fclose(fp);
        assert_string_equal(str, buf);
        if (f == PARLEY_DOC_JSON) {
            json_error_t je;
            json_t *j = json_loads(str, 0, &je);
            assert_non_null(j);
            json_t *u = json_object_get(j, "utilities");
            assert_int_equal(json_object_size(u), sc->n_parties);
            const char *key;
            json_t *val;
            size_t k = 0;
            json_object_foreach(u, key, val)
            {
                assert_string_equal(key, sc->parties[k].id);
                assert_true(json_real_value(val) == s.party[k].utility ||
                            json_number_value(val) == s.party[k].utility);
                k++;
            }
            json_decref(j);
        } else {
            assert_non_null(strstr(str, "row,plan,party,point,utility,"));
        }
        free(str);
        free(buf);
    }
    assert_int_equal(parley_score_dumpf(sc, &s, (parley_doc_format)7, stdout, &err),
                     PARLEY_ERR_INPUT);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        setvbuf(full, NULL, _IONBF, 0);
        assert_int_equal(parley_score_dumpf(sc, &s, PARLEY_DOC_JSON, full, &err), PARLEY_ERR_IO);
        assert_non_null(strstr(err.message, "write error"));
        fclose(full);
    }
    parley_score_free(&s);
    parley_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_shortest),
        cmocka_unit_test(test_number_roundtrip),
        cmocka_unit_test(test_writer_layout_is_janssons),
        cmocka_unit_test(test_writer_misuse),
        cmocka_unit_test(test_csv_fields),
        cmocka_unit_test(test_score_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
