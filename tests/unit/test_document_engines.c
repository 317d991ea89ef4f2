/*
 * tests/unit/test_document_engines.c — the documents of the engines' commands
 * (src/doc/frontier.c, forecast.c, stability.c; issue 13 item 5, issue 15
 * "outputs stream"): the command's --format json|csv output is byte for byte
 * the library's parley_<result>_dumps; dumps equals what dumpf streams; the
 * JSON parses and its numbers read back to exactly the result's doubles (so
 * do the CSV's); party utilities are {"<party>": u} in party order; bad
 * arguments and write errors are reported; and the stability document takes
 * no memory in proportion to the states (the jansson tree it replaced took
 * 5-8 times what solving does).
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "doc_fixture.h"
#include "parley.h"
#include "test_data.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define GENIUS PARLEY_DATA_DIR "/genius/domains/"
#define KTAB PARLEY_DATA_DIR "/forecast/ktab/"
#define CASES PARLEY_DATA_DIR "/gmcr/cases/"
#define UKRAINE PARLEY_SOURCE_DIR "/examples/ukraine-2025.yaml"

static const char *g_bin = PARLEY_BIN;
static char g_dir[] = "/tmp/parley-doc-engines-XXXXXX";

/* ---- helpers ------------------------------------------------------------------ */

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Runs `parley ARGS --format FMT -o FILE` and returns the file's content. */
static char *run_cli(const char *args, parley_doc_format format)
{
    char out[512], cmd[4096];
    snprintf(out, sizeof out, "%s/out", g_dir);
    unlink(out);
    snprintf(cmd, sizeof cmd, "%s %s --quiet --format %s -o %s", g_bin, args,
             format == PARLEY_DOC_JSON ? "json" : "csv", out);
    int rc = system(cmd);
    if (rc != 0)
        fail_msg("'%s' exited with %d", cmd, rc);
    char *s = slurp(out);
    unlink(out);
    return s;
}

/* The command's output (run_cli) is the library's document, byte for byte. */
static void same_as_cli(const char *args, parley_doc_format format, const char *lib,
                        const char *what)
{
    char *cli = run_cli(args, format);
    same_text(what, cli, lib);
    free(cli);
}

/* /dev/full, unbuffered: every write to it fails. */
static FILE *dev_full(void)
{
    FILE *full = fopen("/dev/full", "w");
    assert_non_null(full);
    setvbuf(full, NULL, _IONBF, 0);
    return full;
}

static json_t *parse(const char *text)
{
    json_error_t je;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &je);
    if (!j)
        fail_msg("not JSON: %s (line %d)", je.text, je.line);
    return j;
}

/* A JSON number that must be exactly v (NaN: null). */
static void exact(json_t *j, double v)
{
    if (isnan(v)) {
        assert_true(json_is_null(j));
        return;
    }
    assert_true(json_is_number(j));
    if (json_number_value(j) != v)
        fail_msg("read back %.17g, the result holds %.17g", json_number_value(j), v);
}

/* A CSV field's number that must be exactly v (NaN: empty). */
static void exact_field(const char *field, size_t len, double v)
{
    char buf[64];
    assert_true(len < sizeof buf);
    memcpy(buf, field, len);
    buf[len] = '\0';
    if (isnan(v)) {
        assert_int_equal(len, 0);
        return;
    }
    char *end;
    double x = strtod(buf, &end);
    assert_true(*end == '\0' && len > 0);
    if (x != v)
        fail_msg("CSV field '%s' reads %.17g, the result holds %.17g", buf, x, v);
}

/* The k-th comma-separated field of line (no quoting in these lines). */
static const char *field(const char *line, int k, size_t *len)
{
    for (int i = 0; i < k; i++) {
        line = strchr(line, ',');
        assert_non_null(line);
        line++;
    }
    *len = strcspn(line, ",\n");
    return line;
}

static const char *next_line(const char *s)
{
    const char *nl = strchr(s, '\n');
    assert_non_null(nl);
    return nl + 1;
}

static void write_errors_reported(parley_status st_io, parley_status st_bad)
{
    assert_int_equal(st_io, PARLEY_ERR_IO);
    assert_int_equal(st_bad, PARLEY_ERR_INPUT);
}

/* ---- frontier / solve ------------------------------------------------------------ */

static parley_analysis *analyse(const parley_space *sp)
{
    parley_analysis_options opt;
    parley_analysis_options_init(&opt);
    opt.seed = 1; /* the command's default --seed */
    parley_error err;
    parley_analysis *an = parley_analysis_run(sp, &opt, &err);
    assert_non_null(an);
    return an;
}

static void check_point(json_t *pt, const parley_space *sp, const parley_frontier *fr, size_t i)
{
    json_t *u = json_object_get(pt, "utilities");
    assert_true(json_is_object(u));
    assert_int_equal(json_object_size(u), fr->n_parties);
    const char *key;
    json_t *val;
    size_t p = 0;
    json_object_foreach(u, key, val)
    {
        assert_string_equal(key, parley_space_party_name(sp, p));
        exact(val, fr->utility[i * fr->n_parties + p]);
        p++;
    }
    json_t *o = json_object_get(pt, "outcome");
    for (size_t k = 0; k < fr->n_issues; k++)
        assert_string_equal(json_string_value(json_object_get(o, parley_space_issue_name(sp, k))),
                            parley_space_value_label(sp, k, fr->outcome[i * fr->n_issues + k]));
}

static void test_frontier_document(void **state)
{
    (void)state;
    parley_error err;
    parley_space *sp = parley_genius_load_folder(GENIUS "Laptop", &err);
    assert_non_null(sp);
    parley_analysis *an = analyse(sp);
    const parley_frontier *fr = &an->frontier;
    assert_true(fr->n_points > 1);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        mem m;
        parley_status st =
            parley_analysis_dumpf(sp, an, NULL, (parley_doc_format)f, mem_open(&m), &err);
        char *lib = same_bytes(
            &m, st, parley_analysis_dumps(sp, an, NULL, (parley_doc_format)f, &err), "dumpf");
        same_as_cli("frontier " GENIUS "Laptop", (parley_doc_format)f, lib, "frontier command");
        if (f == PARLEY_DOC_JSON) {
            json_t *j = parse(lib);
            json_t *front = json_object_get(j, "frontier");
            assert_int_equal(json_array_size(front), fr->n_points);
            for (size_t i = 0; i < fr->n_points; i++)
                check_point(json_array_get(front, i), sp, fr, i);
            json_t *nash = json_object_get(j, "nash");
            assert_int_equal(json_array_size(nash), an->n_nash);
            for (size_t i = 0; i < an->n_nash; i++)
                check_point(json_array_get(nash, i), sp, fr, an->nash[i]);
            exact(json_object_get(j, "outcomes_total"), an->outcomes_total);
            json_t *r0 = json_array_get(json_object_get(j, "utility_ranges"), 0);
            exact(json_object_get(r0, "worst"), an->worst[0]);
            exact(json_object_get(r0, "disagreement"), an->disagreement[0]);
            json_decref(j);
        } else {
            /* header, then every frontier point's utilities exactly */
            char head[512];
            snprintf(head, sizeof head, "row,index,utility_%s,utility_%s,",
                     parley_space_party_name(sp, 0), parley_space_party_name(sp, 1));
            assert_memory_equal(lib, head, strlen(head));
            const char *line = next_line(lib);
            for (size_t i = 0; i < fr->n_points; i++, line = next_line(line)) {
                size_t len;
                assert_memory_equal(line, "frontier,", 9);
                for (size_t p = 0; p < 2; p++) {
                    const char *x = field(line, 2 + (int)p, &len);
                    exact_field(x, len, fr->utility[i * 2 + p]);
                }
            }
        }
        free(lib);
    }
    /* solve: only the concepts asked for, no frontier */
    parley_analysis_doc d = PARLEY_ANALYSIS_DOC_INIT;
    d.concepts = PARLEY_ANALYSIS_NASH | PARLEY_ANALYSIS_MAX_WELFARE;
    d.frontier = false;
    char *lib = parley_analysis_dumps(sp, an, &d, PARLEY_DOC_JSON, &err);
    same_as_cli("solve " GENIUS "Laptop --concept nash,welfare", PARLEY_DOC_JSON, lib,
                "solve command");
    json_t *j = parse(lib);
    assert_null(json_object_get(j, "frontier"));
    assert_null(json_object_get(j, "kalai"));
    assert_non_null(json_object_get(j, "max_welfare"));
    json_decref(j);
    free(lib);
    /* errors */
    FILE *full = dev_full();
    write_errors_reported(parley_analysis_dumpf(sp, an, NULL, PARLEY_DOC_JSON, full, &err),
                          parley_analysis_dumpf(NULL, an, NULL, PARLEY_DOC_JSON, stdout, &err));
    fclose(full);
    parley_analysis_free(an);
    parley_space_free(sp);
}

/* A scenario with a plan: the plan's utilities keyed by party id, its
 * distances as the command computes them. */
static void test_frontier_plan_document(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *sc = parley_scenario_load(UKRAINE, &err);
    assert_non_null(sc);
    parley_space *sp = parley_space_from_scenario(sc, &err);
    assert_non_null(sp);
    parley_analysis *an = analyse(sp);
    long plan = parley_plan_find(sc, "us28");
    assert_true(plan >= 0);
    parley_score s;
    assert_int_equal(parley_plan_score(sc, (size_t)plan, &s, &err), PARLEY_OK);
    double *u = calloc(sc->n_parties, sizeof *u);
    assert_non_null(u);
    bool ex = s.n_open == 0;
    for (size_t p = 0; p < sc->n_parties; p++) {
        u[p] = s.party[p].utility;
        ex = ex && s.party[p].exact;
    }
    parley_analysis_doc d = PARLEY_ANALYSIS_DOC_INIT;
    d.concepts = PARLEY_ANALYSIS_KS;
    d.frontier = false;
    d.plan_id = "us28";
    d.plan_utilities = u;
    d.plan_exact = ex;
    d.scenario = sc; /* the command echoes the scenario's (empty) overrides */
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        char *lib = parley_analysis_dumps(sp, an, &d, (parley_doc_format)f, &err);
        assert_non_null(lib);
        same_as_cli("solve " UKRAINE " --concept ks --plan us28", (parley_doc_format)f, lib,
                    "solve --plan");
        if (f == PARLEY_DOC_JSON) {
            json_t *j = parse(lib);
            json_t *pl = json_object_get(j, "plan");
            json_t *pu = json_object_get(pl, "utilities");
            assert_int_equal(json_object_size(pu), sc->n_parties);
            for (size_t p = 0; p < sc->n_parties; p++)
                exact(json_object_get(pu, sc->parties[p].id), u[p]);
            double dist;
            long near = parley_frontier_nearest(&an->frontier, u, &dist);
            assert_true(near >= 0);
            exact(json_object_get(pl, "distance_to_frontier"), dist);
            exact(json_object_get(pl, "distance_to_nash"),
                  parley_frontier_distance_to(&an->frontier, an->nash, an->n_nash, u));
            check_point(json_object_get(pl, "nearest_frontier_point"), sp, &an->frontier,
                        (size_t)near);
            json_decref(j);
        } else {
            assert_non_null(strstr(lib, "\nplan,0,"));
        }
        free(lib);
    }
    free(u);
    parley_score_free(&s);
    parley_analysis_free(an);
    parley_space_free(sp);
    parley_scenario_free(sc);
}

/* ---- forecast ----------------------------------------------------------------- */

static parley_fc_scenario *ktab(const char *path, parley_fc_options *o)
{
    parley_error err;
    parley_fc_options_default(o);
    parley_fc_scenario *sc = parley_fc_read_ktab(path, &err);
    assert_non_null(sc);
    assert_int_equal(parley_fc_options_merge(o, sc, NULL, 0, false, &err), PARLEY_OK);
    parley_fc_scenario_set_ranges(sc, NULL, (double)NAN, (double)NAN, (double)NAN);
    return sc;
}

static void test_forecast_document(void **state)
{
    (void)state;
    parley_error err;
    parley_fc_options o;
    parley_fc_scenario *sc = ktab(KTAB "dummyData_3Dim.csv", &o);
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    const size_t n = sc->n_actors, D = sc->n_dims;
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        mem m;
        parley_status st =
            parley_fc_result_dumpf(sc, &o, r, (parley_doc_format)f, mem_open(&m), &err);
        char *lib = same_bytes(
            &m, st, parley_fc_result_dumps(sc, &o, r, (parley_doc_format)f, &err), "dumpf");
        same_as_cli("forecast --ktab " KTAB "dummyData_3Dim.csv", (parley_doc_format)f, lib,
                    "forecast command");
        if (f == PARLEY_DOC_JSON) {
            json_t *j = parse(lib);
            json_t *turns = json_object_get(j, "turns");
            assert_int_equal(json_array_size(turns), r->n_turns);
            for (size_t t = 0; t < r->n_turns; t++) {
                json_t *tu = json_array_get(turns, t);
                json_t *pos = json_object_get(tu, "positions");
                assert_int_equal(json_array_size(pos), n * D);
                for (size_t k = 0; k < n * D; k++)
                    exact(json_object_get(json_array_get(pos, k), "position"),
                          r->turns[t].position[k]);
                json_t *pr = json_object_get(tu, "probabilities");
                for (size_t i = 0; i < n; i++)
                    exact(json_object_get(json_array_get(pr, i), "prob"), r->turns[t].prob[i]);
                exact(json_object_get(tu, "ratio"), r->turns[t].ratio);
            }
            json_t *fc = json_object_get(j, "forecast");
            for (size_t d = 0; d < D; d++) {
                exact(json_object_get(json_array_get(fc, d), "expected"), r->expected[d]);
                exact(json_object_get(json_array_get(fc, d), "most_likely"), r->most_likely[d]);
            }
            for (size_t i = 0; i < n; i++)
                exact(
                    json_object_get(json_array_get(json_object_get(j, "actors"), i), "capability"),
                    sc->capability[i]);
            json_decref(j);
        } else {
            const char *line = lib;
            assert_memory_equal(line, "turn,actor,dim,position,prob,ratio\n", 35);
            line = next_line(line);
            for (size_t t = 0; t < r->n_turns; t++)
                for (size_t k = 0; k < n * D; k++, line = next_line(line)) {
                    size_t len;
                    const char *x = field(line, 3, &len);
                    exact_field(x, len, r->turns[t].position[k]);
                    x = field(line, 4, &len);
                    exact_field(x, len, r->turns[t].prob[k / D]);
                    x = field(line, 5, &len);
                    exact_field(x, len, r->turns[t].ratio);
                }
            assert_int_equal(*line, '\0');
        }
        free(lib);
    }
    FILE *full = dev_full();
    write_errors_reported(parley_fc_result_dumpf(sc, &o, r, PARLEY_DOC_CSV, full, &err),
                          parley_fc_result_dumpf(sc, NULL, r, PARLEY_DOC_JSON, stdout, &err));
    fclose(full);
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

static void test_forecast_eum_document(void **state)
{
    (void)state;
    parley_error err;
    parley_fc_options o;
    parley_fc_scenario *sc = ktab(KTAB "SOE-Policy.csv", &o);
    o.model = PARLEY_FC_EUM;
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    assert_non_null(r->round_median);
    char *lib = parley_fc_result_dumps(sc, &o, r, PARLEY_DOC_JSON, &err);
    same_as_cli("forecast --ktab " KTAB "SOE-Policy.csv --model eum", PARLEY_DOC_JSON, lib,
                "forecast --model eum");
    json_t *j = parse(lib);
    json_t *p = json_object_get(j, "parameters");
    exact(json_object_get(p, "q"), o.eum.q);
    json_t *last = json_array_get(json_object_get(j, "turns"), r->n_turns - 1);
    assert_null(json_object_get(last, "probabilities"));
    exact(json_object_get(json_array_get(json_object_get(last, "median"), 0), "median"),
          r->round_median[(r->n_turns - 1) * sc->n_dims]);
    json_decref(j);
    free(lib);
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

static void test_forecast_mc_document(void **state)
{
    (void)state;
    parley_error err;
    parley_fc_options o;
    parley_fc_scenario *sc = ktab(KTAB "dummyData-a040.csv", &o);
    o.seed = 7;
    parley_fc_mc *mc = parley_fc_monte_carlo(sc, &o, 12, NULL, NULL, &err);
    assert_non_null(mc);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        mem m;
        parley_status st = parley_fc_mc_dumpf(sc, &o, mc, (parley_doc_format)f, mem_open(&m), &err);
        char *lib =
            same_bytes(&m, st, parley_fc_mc_dumps(sc, &o, mc, (parley_doc_format)f, &err), "dumpf");
        same_as_cli("forecast --ktab " KTAB "dummyData-a040.csv --runs 12 --seed 7 --threads 2",
                    (parley_doc_format)f, lib, "forecast --runs");
        if (f == PARLEY_DOC_JSON) {
            json_t *j = parse(lib);
            assert_int_equal(json_integer_value(json_object_get(j, "runs")), 12);
            assert_string_equal(json_string_value(json_object_get(j, "seed")), "7");
            json_t *d0 = json_array_get(json_object_get(j, "distribution"), 0);
            exact(json_object_get(d0, "mean"), mc->mean[0]);
            exact(json_object_get(d0, "q05"), mc->quantile[0]);
            exact(json_object_get(d0, "q95"), mc->quantile[4]);
            exact(json_object_get(json_object_get(j, "ranges"), "salience"), sc->vary_salience);
            json_decref(j);
        } else {
            const char *line = next_line(lib);
            for (size_t k = 0; k < mc->n_runs * mc->n_dims; k++, line = next_line(line)) {
                size_t len;
                const char *x = field(line, 2, &len);
                exact_field(x, len, mc->expected[k]);
            }
        }
        free(lib);
    }
    parley_fc_mc_free(mc);
    parley_fc_scenario_free(sc);
}

static void test_deu_document(void **state)
{
    (void)state;
    parley_error err;
    const char *file = PARLEY_DATA_DIR "/forecast/deu/deu3.csv";
    parley_deu *d = parley_deu_read(file, &err);
    assert_non_null(d);
    parley_fc_options o;
    parley_fc_options_default(&o);
    parley_deu_score sc[2];
    memset(sc, 0, sizeof sc);
    o.model = PARLEY_FC_COMPROMISE;
    assert_int_equal(parley_deu_evaluate(d, &o, false, &sc[0], &err), PARLEY_OK);
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        char *lib = parley_deu_dumps(d, sc, 1, file, false, (parley_doc_format)f, &err);
        assert_non_null(lib);
        char args[1024];
        snprintf(args, sizeof args, "forecast --deu %s --model compromise", file);
        same_as_cli(args, (parley_doc_format)f, lib, "forecast --deu");
        if (f == PARLEY_DOC_JSON) {
            json_t *j = parse(lib);
            json_t *m0 = json_array_get(json_object_get(j, "models"), 0);
            exact(json_object_get(m0, "mae"), sc[0].mae);
            assert_int_equal(json_integer_value(json_object_get(m0, "n")), sc[0].n);
            assert_int_equal(json_integer_value(json_object_get(j, "issues")), d->n_issues);
            json_decref(j);
        } else {
            size_t len;
            const char *line = next_line(lib);
            const char *x = field(line, 2, &len);
            exact_field(x, len, sc[0].mae);
        }
        free(lib);
    }
    FILE *full = dev_full();
    write_errors_reported(
        parley_deu_dumpf(d, sc, 1, file, false, PARLEY_DOC_CSV, full, &err),
        parley_deu_dumpf(NULL, sc, 1, file, false, PARLEY_DOC_JSON, stdout, &err));
    fclose(full);
    parley_deu_score_clear(&sc[0]);
    parley_deu_free(d);
}

/* ---- stability ------------------------------------------------------------------ */

static void test_stability_document(void **state)
{
    (void)state;
    parley_error err;
    parley_conflict *c = parley_conflict_load_yaml(UKRAINE, &err);
    assert_non_null(c);
    size_t n = parley_conflict_state_count(c);
    parley_stability_options opt = {NULL, false, 0};
    parley_stability *r = parley_stability_solve(c, &opt, &err);
    assert_non_null(r);
    /* --coalition US,EU: the status quo and explanations with coalitions */
    int part[8];
    size_t nd = parley_conflict_dm_count(c);
    assert_true(nd <= 8);
    int next = 1;
    for (size_t i = 0; i < nd; i++) {
        const char *name = parley_conflict_dm_name(c, i);
        part[i] = strcmp(name, "US") == 0 || strcmp(name, "EU") == 0 ? 0 : next++;
    }
    parley_stability_options copt = {part, false, 0};
    parley_stability *rc = parley_stability_solve(c, &copt, &err);
    assert_non_null(rc);
    size_t sq = 0, ex = 2;
    parley_status_quo *q0 = parley_status_quo_solve(c, &copt, sq, false, &err);
    parley_status_quo *q1 = parley_status_quo_solve(c, &copt, sq, true, &err);
    assert_non_null(q0);
    assert_non_null(q1);
    size_t na = parley_stability_agent_count(rc), ne = 0;
    parley_gmcr_explanation *e = calloc(PARLEY_GMCR_CONCEPTS * na, sizeof *e);
    assert_non_null(e);
    for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++)
        for (size_t a = 0; parley_stability_has_concept(rc, (parley_gmcr_concept)k) && a < na; a++)
            assert_int_equal(
                parley_stability_explain(c, &copt, ex, a, (parley_gmcr_concept)k, &e[ne++], &err),
                PARLEY_OK);
    parley_stability_doc d = PARLEY_STABILITY_DOC_INIT;
    d.coalitions = rc;
    d.status_quo_any = q0;
    d.status_quo_improving = q1;
    d.status_quo = sq;
    d.explain = (long)ex;
    d.explanations = e;
    d.n_explanations = ne;
    for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
        mem m;
        parley_status st =
            parley_stability_dumpf(c, r, &d, (parley_doc_format)f, mem_open(&m), &err);
        char *lib = same_bytes(&m, st, parley_stability_dumps(c, r, &d, (parley_doc_format)f, &err),
                               "dumpf");
        same_as_cli("stability " UKRAINE " --coalition US,EU --status-quo 1 --explain 3",
                    (parley_doc_format)f, lib, "stability command");
        if (f == PARLEY_DOC_JSON) {
            json_t *j = parse(lib);
            assert_int_equal(json_array_size(json_object_get(j, "states")), n);
            assert_int_equal(json_array_size(json_object_get(j, "options")),
                             parley_conflict_option_count(c));
            /* every concept's equilibria, exactly the results' */
            json_t *cj = json_object_get(j, "concepts");
            for (int k = 0; k < PARLEY_GMCR_CONCEPTS; k++) {
                json_t *eq = json_object_get(
                    json_object_get(cj, parley_gmcr_concept_name((parley_gmcr_concept)k)),
                    "equilibria");
                size_t i = 0;
                for (size_t s = 0; s < n; s++)
                    if (parley_stability_is_equilibrium(r, (parley_gmcr_concept)k, s))
                        assert_int_equal(json_integer_value(json_array_get(eq, i++)), s + 1);
                assert_int_equal(json_array_size(eq), i);
            }
            json_t *sqj = json_object_get(j, "status_quo");
            assert_int_equal(json_integer_value(json_object_get(sqj, "state")), sq + 1);
            json_t *e0 = json_array_get(json_object_get(sqj, "equilibria"), 0);
            size_t id = (size_t)json_integer_value(json_object_get(e0, "id")) - 1;
            assert_int_equal(json_integer_value(json_object_get(e0, "steps")),
                             parley_status_quo_distance(q0, id));
            assert_int_equal(
                json_array_size(json_object_get(json_object_get(j, "explain"), "explanations")),
                ne);
            assert_int_equal(json_array_size(json_object_get(
                                 json_object_get(j, "coalition_analysis"), "coalitions")),
                             na);
            json_decref(j);
        } else {
            assert_non_null(strstr(lib, "id,decimal,state,\"stable_nash_US, EU\",stable_nash_"));
            assert_non_null(strstr(lib, ",equilibrium_seq_sim\n"));
        }
        free(lib);
    }
    /* the status-quo document alone is the stability document's status_quo */
    char *sqd = parley_status_quo_dumps(c, rc, q0, q1, sq, PARLEY_DOC_JSON, &err);
    assert_non_null(sqd);
    char *all = parley_stability_dumps(c, r, &d, PARLEY_DOC_JSON, &err);
    json_t *a = parse(all), *b = parse(sqd);
    assert_true(json_equal(json_object_get(a, "status_quo"), b));
    json_decref(a);
    json_decref(b);
    free(all);
    free(sqd);
    char *sqc = parley_status_quo_dumps(c, rc, q0, q1, sq, PARLEY_DOC_CSV, &err);
    assert_non_null(sqc);
    assert_memory_equal(sqc, "status_quo,id,state,equilibrium_of,steps,path,", 46);
    free(sqc);
    /* errors */
    FILE *full = dev_full();
    write_errors_reported(parley_stability_dumpf(c, r, &d, PARLEY_DOC_JSON, full, &err),
                          parley_stability_dumpf(c, NULL, NULL, PARLEY_DOC_JSON, stdout, &err));
    fclose(full);
    assert_null(parley_status_quo_dumps(c, rc, q0, q1, n, PARLEY_DOC_JSON, &err));
    for (size_t i = 0; i < ne; i++)
        parley_gmcr_explanation_clear(&e[i]);
    free(e);
    parley_status_quo_free(q0);
    parley_status_quo_free(q1);
    parley_stability_free(rc);
    parley_stability_free(r);
    parley_conflict_free(c);
}

/* Graph-form reference cases: "name" instead of "yn", no option legend. */
static void test_stability_cases(void **state)
{
    (void)state;
    const char *cases[] = {"chicken.json", "milk_river.json", "elmira_gmcrplus.json"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char path[512], args[1024];
        snprintf(path, sizeof path, CASES "%s", cases[k]);
        parley_error err;
        parley_conflict *c = parley_conflict_load_json(path, &err);
        assert_non_null(c);
        parley_stability_options opt = {NULL, true, 0};
        parley_stability *r = parley_stability_solve(c, &opt, &err);
        assert_non_null(r);
        parley_stability_doc d = PARLEY_STABILITY_DOC_INIT;
        d.gmcrplus = true;
        snprintf(args, sizeof args, "stability %s --gmcrplus", path);
        long sq = parley_conflict_status_quo(c);
        parley_status_quo *q[2] = {NULL, NULL};
        if (sq >= 0) { /* the file's status quo is shown */
            q[0] = parley_status_quo_solve(c, &opt, (size_t)sq, false, &err);
            q[1] = parley_status_quo_solve(c, &opt, (size_t)sq, true, &err);
            d.status_quo_any = q[0];
            d.status_quo_improving = q[1];
            d.status_quo = (size_t)sq;
        }
        for (int f = PARLEY_DOC_JSON; f <= PARLEY_DOC_CSV; f++) {
            if (f == PARLEY_DOC_CSV)
                d.status_quo_any = d.status_quo_improving = NULL;
            char *lib = parley_stability_dumps(c, r, &d, (parley_doc_format)f, &err);
            assert_non_null(lib);
            same_as_cli(args, (parley_doc_format)f, lib, cases[k]);
            if (f == PARLEY_DOC_JSON) {
                json_t *j = parse(lib);
                assert_string_equal(json_string_value(json_object_get(j, "semantics")), "gmcrplus");
                json_t *s0 = json_array_get(json_object_get(j, "states"), 0);
                assert_true(json_object_get(s0, parley_conflict_is_graph_form(c) ? "name" : "yn") !=
                            NULL);
                assert_true((json_object_get(j, "options") != NULL) ==
                            !parley_conflict_is_graph_form(c));
                json_decref(j);
            }
            free(lib);
        }
        parley_status_quo_free(q[0]);
        parley_status_quo_free(q[1]);
        parley_stability_free(r);
        parley_conflict_free(c);
    }
}

/* The conflict tests/cli/testlib.py generates: m options among d decision
 * makers, 2^m states, prioritised statements. */
static void write_conflict(const char *path, int m, int d)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("conflict:\n  name: big\n  decision_makers:\n", fp);
    int k = 0;
    for (int i = 0; i < d; i++) {
        fprintf(fp, "    - id: D%d\n      options:\n", i);
        for (int j = 0; j < m / d + (i < m % d ? 1 : 0); j++)
            fprintf(fp, "        - {id: o%d}\n", k++);
    }
    fputs("  preferences:\n", fp);
    for (int i = 0; i < d; i++) {
        fprintf(fp, "    D%d:\n      statements:\n", i);
        for (int j = 0; j < (m < 8 ? m : 8); j++)
            fprintf(fp, "        - %so%d\n", (i + j) % 2 ? "not " : "", (i * 3 + j * 5) % m);
    }
    fclose(fp);
}

/* Peak resident memory (KiB) of `parley ARGS`; the exit code must be 0. */
static long peak_kib(char *const argv[])
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    assert_int_equal(wait4(pid, &status, 0, &ru), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    return ru.ru_maxrss;
}

/* Issue 15: a stability run's JSON and CSV take no memory in proportion to
 * the states beyond what solving takes (the text run's peak). With the
 * jansson tree, 2^16 states took 68 MB against 12 MB as text. */
static void test_stability_output_memory_bounded(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/big.yaml", g_dir);
    write_conflict(path, 16, 3);
    char bin[1024];
    snprintf(bin, sizeof bin, "%s", g_bin);
    char *text[] = {bin, "stability", path, "--threads", "1", "-o", "/dev/null", NULL};
    char *json[] = {bin,        "stability", path, "--threads", "1",
                    "--format", "json",      "-o", "/dev/null", NULL};
    char *csv[] = {bin,        "stability", path, "--threads", "1",
                   "--format", "csv",       "-o", "/dev/null", NULL};
    long t = peak_kib(text), j = peak_kib(json), c = peak_kib(csv);
    print_message("stability 2^16 states: peak %ld KiB as text, %ld as JSON, %ld as CSV\n", t, j,
                  c);
    /* a little slack for stdio buffers and allocator noise, none for a tree */
    assert_true(j <= t + t / 4 + 2048);
    assert_true(c <= t + t / 4 + 2048);
    unlink(path);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(g_dir);
}

int main(int argc, char **argv)
{
    if (argc > 1) /* another build of the command (e.g. to see a test fail on old code) */
        g_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frontier_document),
        cmocka_unit_test(test_frontier_plan_document),
        cmocka_unit_test(test_forecast_document),
        cmocka_unit_test(test_forecast_eum_document),
        cmocka_unit_test(test_forecast_mc_document),
        cmocka_unit_test(test_deu_document),
        cmocka_unit_test(test_stability_document),
        cmocka_unit_test(test_stability_cases),
        cmocka_unit_test(test_stability_output_memory_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
