/*
 * tests/stability/test_stability_cli.c — `parley stability` end to end (the
 * subcommand function with the CLI's common code, without the other
 * commands): for every reference case, --format json reproduces the states
 * and the test_oracle (per-DM stable sets and equilibria of every concept);
 * --coalition gives the case's coalition results; CSV has one row per
 * state; bad input gives exit code 2 and writes no output file.
 */
#include "cli/commands.h"
#include "parley.h"

#include <dirent.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* cli.c also serves scenario commands; they are not linked here. */
parley_scenario *parley_scenario_load(const char *path, parley_error *err);
size_t parley_scenario_warning_count(const parley_scenario *sc);
const char *parley_scenario_warning(const parley_scenario *sc, size_t i);
parley_status parley_scenario_override(parley_scenario *sc, const char *kind, const char *text,
                                       parley_error *err);
void parley_scenario_free(parley_scenario *sc);
parley_status parley_scenario_override(parley_scenario *sc, const char *kind, const char *text,
                                       parley_error *err)
{
    (void)sc;
    (void)kind;
    (void)text;
    (void)err;
    return PARLEY_OK;
}
void parley_scenario_free(parley_scenario *sc)
{
    (void)sc;
}
parley_scenario *parley_scenario_load(const char *path, parley_error *err)
{
    (void)path;
    (void)err;
    return NULL;
}
size_t parley_scenario_warning_count(const parley_scenario *sc)
{
    (void)sc;
    return 0;
}
const char *parley_scenario_warning(const parley_scenario *sc, size_t i)
{
    (void)sc;
    (void)i;
    return "";
}

#define CASES PARLEY_DATA_DIR "/gmcr/cases"

static int run(const char *file, const char *out, const char *a1, const char *a2, const char *a3,
               const char *a4)
{
    const char *args[] = {"stability", file, "-o", out, a1, a2, a3, a4};
    char *argv[9];
    int argc = 0;
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
        if (args[i])
            argv[argc++] = strdup(args[i]);
    argv[argc] = NULL;
    int rc = cmd_stability(argc, argv);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    return rc;
}

/* {"DM": [ids]} in the output equals the oracle's stable_per_dm. */
static void same_lists(const char *what, json_t *got, json_t *want)
{
    if (!json_equal(got, want)) {
        char *g = json_dumps(got, JSON_COMPACT), *w = json_dumps(want, JSON_COMPACT);
        fail_msg("%s: got %s, want %s", what, g, w);
        free(g);
        free(w);
    }
}

static void check(const char *id, json_t *concepts_out, json_t *oracle)
{
    const char *k;
    json_t *v;
    int n = 0;
    json_object_foreach(oracle, k, v)
    {
        json_t *got = json_object_get(concepts_out, k);
        char what[200];
        snprintf(what, sizeof what, "%s %s equilibria", id, k);
        assert_non_null(got);
        same_lists(what, json_object_get(got, "equilibria"), json_object_get(v, "equilibria"));
        json_t *per = json_object_get(v, "stable_per_dm");
        if (per) {
            snprintf(what, sizeof what, "%s %s stable", id, k);
            same_lists(what, json_object_get(got, "stable"), per);
        }
        n++;
    }
    assert_int_equal(n, 6);
}

static void test_cases_json(void **state)
{
    (void)state;
    char out[] = "/tmp/parley_stab_cli_XXXXXX";
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    DIR *dir = opendir(CASES);
    assert_non_null(dir);
    struct dirent *de;
    int ncases = 0;
    while ((de = readdir(dir))) {
        if (!strstr(de->d_name, ".json"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", CASES, de->d_name);
        json_t *ref = json_load_file(path, 0, NULL);
        assert_non_null(ref);
        const char *id = json_string_value(json_object_get(ref, "id"));
        json_t *ca = json_array_get(json_object_get(ref, "coalition_analysis"), 0);
        char coal[256] = "";
        json_t *grp = json_array_get(json_object_get(ca, "coalitions"), 0);
        for (size_t i = 0; ca && i < json_array_size(grp); i++)
            snprintf(coal + strlen(coal), sizeof coal - strlen(coal), "%s%s", i ? "," : "",
                     json_string_value(json_array_get(grp, i)));
        assert_int_equal(
            run(path, out, "--format", "json", ca ? "--coalition" : NULL, ca ? coal : NULL), 0);
        json_t *got = json_load_file(out, 0, NULL);
        assert_non_null(got);
        assert_int_equal(json_array_size(json_object_get(ref, "feasible_states")),
                         json_array_size(json_object_get(got, "states")));
        json_t *fs = json_object_get(ref, "feasible_states");
        for (size_t s = 0; s < json_array_size(fs); s++) {
            json_t *a = json_array_get(fs, s),
                   *b = json_array_get(json_object_get(got, "states"), s);
            assert_true(json_equal(json_object_get(a, "ordered"), json_object_get(b, "id")));
            assert_true(json_equal(json_object_get(a, "decimal"), json_object_get(b, "decimal")));
            assert_true(json_equal(json_object_get(a, "yn"), json_object_get(b, "yn")));
        }
        check(id, json_object_get(got, "concepts"),
              json_object_get(json_object_get(ref, "test_oracle"), "concepts"));
        if (ca)
            check(id, json_object_get(json_object_get(got, "coalition_analysis"), "concepts"),
                  json_object_get(ca, "concepts"));
        json_decref(got);
        json_decref(ref);
        ncases++;
    }
    closedir(dir);
    assert_true(ncases >= 7);
    /* CSV: a header and one row per state */
    assert_int_equal(run(CASES "/milk_river.json", out, "--format", "csv", NULL, NULL), 0);
    FILE *fp = fopen(out, "r");
    assert_non_null(fp);
    int lines = 0, ch;
    while ((ch = fgetc(fp)) != EOF)
        lines += ch == '\n';
    fclose(fp);
    assert_int_equal(lines, 1 + 36);
    unlink(out);
}

static void test_bad_input(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley_stab_bad_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char bad[300], out[300];
    snprintf(bad, sizeof bad, "%s/bad.yaml", dir);
    snprintf(out, sizeof out, "%s/out.json", dir);
    FILE *fp = fopen(bad, "w");
    assert_non_null(fp);
    fputs("conflict:\n  decision_makers: [{id: A, options: [a]}]\n  preferences: {A: [b]}\n", fp);
    fclose(fp);
    assert_int_equal(run(bad, out, NULL, NULL, NULL, NULL), 2);
    assert_int_equal(access(out, F_OK), -1); /* nothing written */
    assert_int_equal(run(CASES "/chicken.json", out, "--explain", "9", NULL, NULL), 2);
    assert_int_equal(run(CASES "/chicken.json", out, "--coalition", "DM1,Nobody", NULL, NULL), 2);
    assert_int_equal(run(CASES "/chicken.json", out, "--bogus", NULL, NULL, NULL), 2);
    assert_int_equal(access(out, F_OK), -1);
    assert_int_equal(run(CASES "/chicken.json", out, "--explain", "1", "--status-quo", "NN"), 0);
    assert_int_equal(access(out, F_OK), 0);
    unlink(out);
    unlink(bad);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_json),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
