/*
 * tests/unit/test_document.c — the output layer every document uses
 * (src/doc): shortest round-trip numbers, the streaming JSON writer's layout
 * (checked against jansson's JSON_INDENT(2) layout, which the command wrote
 * before documents moved into the library) and misuse detection, CSV
 * quoting, and dumpf/dumps giving the same bytes (issue 13, issue 15).
 *
 * Then every document a command writes (check, diff, stances, fit, concede,
 * mediate, negotiate, tournament, in JSON and CSV): _dumps gives the bytes
 * _dumpf streams, and the command (PARLEY_CLI, run with the same inputs)
 * prints exactly the library's document; and the error document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "doc/document.h"
#include "doc_fixture.h"
#include "test_data.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

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

/* ---- every command's document ---------------------------------------------- */

#define TEXTBOOK "examples/textbook.yaml"

/* The standard output of `PARLEY_CLI args` (run from the source folder);
 * *rc its exit code. */
static char *cli_output(const char *args, int *rc)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", PARLEY_CLI, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    mem m;
    mem_open(&m);
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
        fwrite(chunk, 1, k, m.fp);
    int status = pclose(p);
    *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    fclose(m.fp);
    return m.buf;
}

static const char *format_arg(parley_doc_format f)
{
    return f == PARLEY_DOC_JSON ? "json" : "csv";
}

/* The command's output in format f equals doc (and exits want_rc). */
static void expect_cli(const char *args, parley_doc_format f, const char *doc, int want_rc)
{
    char full[1024];
    snprintf(full, sizeof full, "%s --format %s --quiet", args, format_arg(f));
    int rc;
    char *out = cli_output(full, &rc);
    if (rc != want_rc || strcmp(out, doc) != 0)
        fail_msg("parley %s: exit %d (want %d); the command printed\n%s\n--- the library wrote\n%s",
                 full, rc, want_rc, out, doc);
    free(out);
}

static parley_scenario *textbook(void)
{
    parley_error err;
    parley_scenario *sc = parley_scenario_load(TEXTBOOK, &err);
    assert_non_null(sc);
    return sc;
}

static void test_check_document(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    parley_error err;
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        mem m;
        parley_status st = parley_scenario_dumpf(sc, (parley_doc_format)f, mem_open(&m), &err);
        char *doc =
            same_bytes(&m, st, parley_scenario_dumps(sc, (parley_doc_format)f, &err), "check");
        expect_cli("check " TEXTBOOK, (parley_doc_format)f, doc, 0);
        free(doc);
    }
    parley_scenario_free(sc);
}

static void test_diff_document(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    parley_error err;
    parley_diff d;
    assert_int_equal(parley_plans_diff(sc, 0, 2, &d, &err), PARLEY_OK);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        mem m;
        parley_status st = parley_diff_dumpf(sc, &d, (parley_doc_format)f, mem_open(&m), &err);
        char *doc =
            same_bytes(&m, st, parley_diff_dumps(sc, &d, (parley_doc_format)f, &err), "diff");
        expect_cli("diff " TEXTBOOK " draft1 framework", (parley_doc_format)f, doc, 0);
        free(doc);
    }
    parley_diff_free(&d);
    parley_scenario_free(sc);
}

static void test_stances_fit_documents(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    parley_error err;
    parley_stance_check *c = calloc(sc->n_stances, sizeof *c);
    assert_non_null(c);
    assert_int_equal(parley_stances_check(sc, c, &err), PARLEY_OK);
    parley_fit fit;
    assert_int_equal(parley_weights_fit(sc, 0, 0.25, &fit, &err), PARLEY_OK);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        parley_doc_format fmt = (parley_doc_format)f;
        mem m;
        parley_status st = parley_stance_check_dumpf(sc, c, fmt, mem_open(&m), &err);
        char *doc = same_bytes(&m, st, parley_stance_check_dumps(sc, c, fmt, &err), "stances");
        expect_cli("stances " TEXTBOOK, fmt, doc, 0);
        free(doc);
        st = parley_fit_dumpf(sc, &fit, 0.25, fmt, mem_open(&m), &err);
        doc = same_bytes(&m, st, parley_fit_dumps(sc, &fit, 0.25, fmt, &err), "fit");
        expect_cli("fit " TEXTBOOK " --party A --bound 0.25", fmt, doc, 0);
        free(doc);
    }
    parley_fit_free(&fit);
    free(c);
    parley_scenario_free(sc);
}

static void test_concede_mediate_documents(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    parley_error err;
    bool keep[2] = {false, true};
    parley_concede_request rq = {
        .plan = 0, .target = 0, .keep = keep, .objective = PARLEY_CONCEDE_LOSS};
    parley_concede_result r;
    assert_int_equal(parley_concede_run(sc, &rq, &r, &err), PARLEY_OK);
    parley_analysis *an = parley_mediation_analysis(sc, 1, &err);
    assert_non_null(an);
    parley_mediation med;
    assert_int_equal(parley_mediation_run(sc, 0, PARLEY_MEDIATE_KALAI, 50, an, &med, &err),
                     PARLEY_OK);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        parley_doc_format fmt = (parley_doc_format)f;
        mem m;
        parley_status st = parley_concede_result_dumpf(sc, &rq, &r, fmt, mem_open(&m), &err);
        char *doc =
            same_bytes(&m, st, parley_concede_result_dumps(sc, &rq, &r, fmt, &err), "concede");
        expect_cli("concede " TEXTBOOK " --plan draft1 --for A --keep B --objective loss", fmt, doc,
                   0);
        free(doc);
        st = parley_mediation_dumpf(sc, 0, PARLEY_MEDIATE_KALAI, &med, fmt, mem_open(&m), &err);
        doc =
            same_bytes(&m, st, parley_mediation_dumps(sc, 0, PARLEY_MEDIATE_KALAI, &med, fmt, &err),
                       "mediate");
        expect_cli("mediate " TEXTBOOK " --plan draft1 --concept kalai", fmt, doc, 0);
        free(doc);
    }
    parley_mediation_free(&med);
    parley_analysis_free(an);
    parley_concede_result_free(&r);
    parley_scenario_free(sc);
}

static void test_negotiation_documents(void **state)
{
    (void)state;
    parley_scenario *sc = textbook();
    parley_error err;
    parley_space *sp = parley_space_from_scenario(sc, &err);
    assert_non_null(sp);
    parley_nego_domain *dom = parley_nego_domain_new(sp, NULL, &err);
    assert_non_null(dom);
    assert_int_equal(parley_nego_domain_prepare_private(dom, 0, &err), PARLEY_OK);
    parley_agent_spec agents[2], strategies[3];
    assert_int_equal(parley_agent_spec_parse("boulware", "--agent", &agents[0], &err), PARLEY_OK);
    assert_int_equal(parley_agent_spec_parse("conceder", "--agent", &agents[1], &err), PARLEY_OK);
    parley_negotiate_options nopt;
    parley_negotiate_options_init(&nopt);
    nopt.steps = 20;
    nopt.seed = 1;
    nopt.information = PARLEY_INFO_PRIVATE;
    nopt.scenario = sc; /* the command echoes the scenario's overrides */
    parley_negotiation_result *res = parley_negotiate_run(dom, agents, &nopt, &err);
    assert_non_null(res);
    const char *names[] = {"linear", "hardliner", "random"};
    for (size_t s = 0; s < 3; s++)
        assert_int_equal(parley_agent_spec_parse(names[s], "--agents", &strategies[s], &err),
                         PARLEY_OK);
    parley_tournament_options topt;
    parley_tournament_options_init(&topt);
    topt.reps = 2;
    topt.steps = 30;
    topt.threads = 1;
    topt.seed = 7;
    topt.information = PARLEY_INFO_PRIVATE;
    topt.scenario = sc;
    parley_tournament_result *tr = parley_tournament_run_all(dom, strategies, 3, &topt, &err);
    assert_non_null(tr);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        parley_doc_format fmt = (parley_doc_format)f;
        mem m;
        parley_status st =
            parley_negotiation_result_dumpf(dom, agents, &nopt, res, fmt, mem_open(&m), &err);
        char *doc =
            same_bytes(&m, st, parley_negotiation_result_dumps(dom, agents, &nopt, res, fmt, &err),
                       "negotiate");
        expect_cli("negotiate " TEXTBOOK " --agent A=boulware --agent B=conceder --steps 20", fmt,
                   doc, 0);
        free(doc);
        for (int runs = 0; runs <= 1; runs++) {
            st = parley_tournament_result_dumpf(dom, strategies, &topt, tr, runs, fmt, mem_open(&m),
                                                &err);
            doc = same_bytes(
                &m, st, parley_tournament_result_dumps(dom, strategies, &topt, tr, runs, fmt, &err),
                "tournament");
            expect_cli(runs
                           ? "tournament " TEXTBOOK
                             " --agents linear,hardliner,random --reps 2 --steps 30 --seed 7 --runs"
                           : "tournament " TEXTBOOK
                             " --agents linear,hardliner,random --reps 2 --steps 30 --seed 7",
                       fmt, doc, 0);
            free(doc);
        }
    }
    /* The versus matrix: strategy i's mean payoff against j, in either role. */
    double v[9];
    assert_int_equal(parley_tournament_versus(tr, v, &err), PARLEY_OK);
    double sum = 0;
    size_t n = 0;
    for (size_t r = 0; r < tr->n_runs; r++)
        for (size_t p = 0; p < 2; p++)
            if (parley_tournament_strategy(tr, tr->runs[r].assignment, p) == 1 &&
                parley_tournament_strategy(tr, tr->runs[r].assignment, 1 - p) == 0) {
                sum += tr->payoff[r * 2 + p];
                n++;
            }
    assert_int_equal(n, 2 * 2); /* (hardliner, linear) and (linear, hardliner), 2 reps each */
    assert_true(fabs(v[1 * 3 + 0] - sum / (double)n) < 1e-15);
    parley_tournament_result_free(tr);
    parley_negotiation_result_free(res);
    parley_nego_domain_free(dom);
    parley_space_free(sp);
    parley_scenario_free(sc);
}

/* The error document: every part, and null for what is unknown. */
static void test_error_document(void **state)
{
    (void)state;
    parley_error e, err;
    memset(&e, 0, sizeof e);
    e.code = PARLEY_ERR_INPUT;
    snprintf(e.file, sizeof e.file, "a \"b\".yaml");
    e.line = 3;
    e.column = 7;
    snprintf(e.field, sizeof e.field, "parties[0].power");
    snprintf(e.message, sizeof e.message, "must be >= 0");
    mem m;
    parley_status st = parley_error_dumpf(&e, 2, PARLEY_DOC_JSON, mem_open(&m), &err);
    char *doc = same_bytes(&m, st, parley_error_dumps(&e, 2, PARLEY_DOC_JSON, &err), "error");
    assert_string_equal(doc,
                        "{\n  \"error\": {\n    \"code\": 2,\n    \"message\": \"must be >= 0\",\n"
                        "    \"file\": \"a \\\"b\\\".yaml\",\n    \"line\": 3,\n"
                        "    \"column\": 7,\n    \"field\": \"parties[0].power\"\n  }\n}\n");
    free(doc);
    memset(&e, 0, sizeof e);
    snprintf(e.message, sizeof e.message, "out of memory");
    doc = parley_error_dumps(&e, 3, PARLEY_DOC_JSON, &err);
    assert_string_equal(doc,
                        "{\n  \"error\": {\n    \"code\": 3,\n    \"message\": \"out of memory\",\n"
                        "    \"file\": null,\n    \"line\": null,\n    \"column\": null,\n"
                        "    \"field\": null\n  }\n}\n");
    free(doc);
    assert_null(parley_error_dumps(&e, 3, PARLEY_DOC_CSV, &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    /* The command prints the library's document for an error in its input. */
    int rc;
    char *out = cli_output("check /nonexistent/x.yaml --format json", &rc);
    parley_scenario *sc = parley_scenario_load("/nonexistent/x.yaml", &e);
    assert_null(sc);
    doc = parley_error_dumps(&e, 2, PARLEY_DOC_JSON, &err);
    assert_int_equal(rc, 2);
    assert_string_equal(out, doc);
    free(out);
    free(doc);
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
        cmocka_unit_test(test_check_document),
        cmocka_unit_test(test_diff_document),
        cmocka_unit_test(test_stances_fit_documents),
        cmocka_unit_test(test_concede_mediate_documents),
        cmocka_unit_test(test_negotiation_documents),
        cmocka_unit_test(test_error_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
