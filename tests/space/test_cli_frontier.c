/*
 * tests/space/test_cli_frontier.c — `parley frontier` and `parley solve` end
 * to end: the JSON contract of docs/space.md on a GENIUS folder (values from
 * data/genius/expected.json, NiceOrDie), CSV, -o, and the exit
 * codes: 1 when no outcome clears every walk-away, 2 for bad input, 3 when
 * --max-outcomes is exceeded.
 */
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#define DOMAINS PARLEY_DATA_DIR "/genius/domains/"

/* Runs the command, returns its exit code; stdout into out (size n). */
static int run(const char *cmd, char *out, size_t n)
{
    char full[2048];
    snprintf(full, sizeof full, "%s 2>/dev/null", cmd);
    FILE *fp = popen(full, "r");
    assert_non_null(fp);
    size_t k = fread(out, 1, n - 1, fp);
    out[k] = '\0';
    int st = pclose(fp);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char g_out[1 << 20];

static void test_json_contract(void **state)
{
    (void)state;
    assert_int_equal(
        run(PARLEY_BIN " frontier " DOMAINS "NiceOrDie --format json", g_out, sizeof g_out), 0);
    json_error_t je;
    json_t *j = json_loads(g_out, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "parties")), 2);
    assert_true(json_number_value(json_object_get(j, "outcomes_total")) == 3);
    json_t *zone = json_object_get(j, "zone_of_agreement");
    assert_true(json_number_value(json_object_get(zone, "count")) == 3);
    assert_true(json_number_value(json_object_get(zone, "fraction")) == 1);
    assert_true(json_is_true(json_object_get(zone, "exact")));
    assert_int_equal(json_array_size(json_object_get(j, "frontier")), 3);
    /* expected.json: nash [[0.299, 0.299]] outcome 29_29; max_welfare two points */
    json_t *nash = json_object_get(j, "nash");
    assert_int_equal(json_array_size(nash), 1);
    /* utilities keyed by party (profile) name, in party order */
    json_t *u = json_object_get(json_array_get(nash, 0), "utilities");
    assert_int_equal(json_object_size(u), 2);
    assert_true(fabs(json_number_value(json_object_get(u, "NiceOrDie1")) - 0.299) < 1e-9);
    assert_true(fabs(json_number_value(json_object_get(u, "NiceOrDie2")) - 0.299) < 1e-9);
    json_t *o = json_object_get(json_array_get(nash, 0), "outcome");
    assert_string_equal(json_string_value(json_object_get(o, "NiceOrDie")), "29_29");
    assert_int_equal(json_array_size(json_object_get(j, "max_welfare")), 2);
    assert_int_equal(json_array_size(json_object_get(j, "kalai")), 1);
    assert_int_equal(json_array_size(json_object_get(j, "ks")), 1);
    json_decref(j);
}

static void test_solve_csv_and_output_file(void **state)
{
    (void)state;
    char path[] = "/tmp/parley-solve-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             PARLEY_BIN " solve " DOMAINS "NiceOrDie --concept welfare --format csv -o %s", path);
    assert_int_equal(run(cmd, g_out, sizeof g_out), 0);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t k = fread(g_out, 1, sizeof g_out - 1, fp);
    g_out[k] = '\0';
    fclose(fp);
    remove(path);
    assert_non_null(
        strstr(g_out, "row,index,utility_NiceOrDie1,utility_NiceOrDie2,issue_NiceOrDie\n"));
    assert_non_null(strstr(g_out, "max_welfare,"));
    assert_null(strstr(g_out, "nash,")); /* only the concept asked for */
    assert_null(strstr(g_out, "frontier,"));
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void test_exit_codes(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley-cli-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char d[256], p1[256], p2[256], cmd[2048];
    snprintf(d, sizeof d, "%s/d.xml", dir);
    snprintf(p1, sizeof p1, "%s/p1.xml", dir);
    snprintf(p2, sizeof p2, "%s/p2.xml", dir);
    write_file(d, "<negotiation_template><utility_space><objective index=\"0\">"
                  "<issue index=\"1\" name=\"split\" etype=\"discrete\"><item value=\"a\"/>"
                  "<item value=\"b\"/></issue></objective></utility_space></negotiation_template>");
    /* opposed preferences, both walk away below 0.9: no agreement */
    write_file(p1, "<utility_space><objective><weight index=\"1\" value=\"1\"/><issue index=\"1\">"
                   "<item value=\"a\" evaluation=\"1\"/><item value=\"b\" evaluation=\"0.2\"/>"
                   "</issue></objective><reservation value=\"0.9\"/></utility_space>");
    write_file(p2, "<utility_space><objective><weight index=\"1\" value=\"1\"/><issue index=\"1\">"
                   "<item value=\"a\" evaluation=\"0.2\"/><item value=\"b\" evaluation=\"1\"/>"
                   "</issue></objective><reservation value=\"0.9\"/></utility_space>");
    snprintf(cmd, sizeof cmd, PARLEY_BIN " frontier --genius %s %s %s --format json", d, p1, p2);
    assert_int_equal(run(cmd, g_out, sizeof g_out), 1);
    json_t *j = json_loads(g_out, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "frontier")), 0);
    assert_true(
        json_number_value(json_object_get(json_object_get(j, "zone_of_agreement"), "count")) == 0);
    json_decref(j);
    /* --all keeps the outcomes below the walk-aways: two trade-off points */
    snprintf(cmd, sizeof cmd, PARLEY_BIN " frontier --genius %s %s %s --all --format json", d, p1,
             p2);
    assert_int_equal(run(cmd, g_out, sizeof g_out), 0);
    j = json_loads(g_out, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(j, "frontier")), 2);
    json_decref(j);
    /* bad input */
    snprintf(cmd, sizeof cmd, PARLEY_BIN " frontier --genius %s %s", d, d);
    assert_int_equal(run(cmd, g_out, sizeof g_out), 2);
    assert_int_equal(run(PARLEY_BIN " solve " DOMAINS "NiceOrDie", g_out, sizeof g_out), 2);
    assert_int_equal(run(PARLEY_BIN " frontier /nonexistent/folder", g_out, sizeof g_out), 2);
    /* resource limit */
    assert_int_equal(run(PARLEY_BIN " frontier " DOMAINS "10issueswithRV --max-outcomes 1000",
                         g_out, sizeof g_out),
                     3);
    remove(d);
    remove(p1);
    remove(p2);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_contract),
        cmocka_unit_test(test_solve_csv_and_output_file),
        cmocka_unit_test(test_exit_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
