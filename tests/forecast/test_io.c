/*
 * tests/forecast/test_io.c — the forecast readers: KTAB CSV and XML
 * (values, model parameters, seeds, ideal adjustment) and the errors they
 * give on bad input (file, line, column, field), the parley-scenario
 * mapping on examples/textbook.yaml, and the DEU III reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parley.h"
#include "parley/forecast.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define KTAB_DIR PARLEY_DATA_DIR "/forecast/ktab"

static void test_csv_values(void **state)
{
    (void)state;
    parley_error err;
    parley_fc_scenario *sc = parley_fc_read_ktab_csv(KTAB_DIR "/SOE-Pol-Comp.csv", &err);
    assert_non_null(sc);
    assert_int_equal(sc->n_actors, 13);
    assert_int_equal(sc->n_dims, 2);
    assert_string_equal(sc->name, "China Policy/Competitive; scen 2");
    assert_string_equal(sc->description, "Scenario-0002;Combined Policy and Competitive");
    assert_string_equal(sc->dim[0], "Policy Position");
    assert_string_equal(sc->dim[1], "Competitive Position");
    /* "LH,Liu He - Deputy Director of DRC, 40.0,50,44.7,65,47.8," */
    assert_string_equal(sc->actor[4], "LH");
    assert_string_equal(sc->actor_desc[4], "Liu He - Deputy Director of DRC");
    assert_true(sc->capability[4] == 40.0);
    assert_true(sc->position[4 * 2 + 0] == 50.0 && sc->salience[4 * 2 + 0] == 44.7);
    assert_true(sc->position[4 * 2 + 1] == 65.0 && sc->salience[4 * 2 + 1] == 47.8);
    assert_false(sc->has_params);
    assert_null(sc->accommodation);
    parley_fc_scenario_free(sc);

    /* quoted description, blanks */
    sc = parley_fc_read_ktab_csv(KTAB_DIR "/dummyData_3Dim.csv", &err);
    assert_non_null(sc);
    assert_string_equal(sc->name, "DummyData_3Dim");
    assert_string_equal(sc->description, "Dummy scenario to test reading format");
    assert_true(sc->position[2 * 3 + 2] == 0.07);
    parley_fc_scenario_free(sc);
}

static void test_xml_values(void **state)
{
    (void)state;
    parley_error err;
    parley_fc_scenario *sc = parley_fc_read_ktab_xml(KTAB_DIR "/smpExample-fixed.xml", &err);
    if (!sc)
        fail_msg("%s", err.message);
    assert_int_equal(sc->n_actors, 5);
    assert_int_equal(sc->n_dims, 3);
    assert_string_equal(sc->dim[2], "YADN");
    assert_true(sc->has_seed);
    assert_true(sc->seed == 3507583219545544127ULL);
    assert_true(sc->has_params);
    assert_int_equal(sc->params.pce_model, PARLEY_PCE_MARKOV_INCENTIVE);
    assert_int_equal(sc->params.state_transitions, PARLEY_ST_STOCHASTIC);
    assert_int_equal(sc->params.voting_rule, PARLEY_VR_PROPCBC);
    assert_int_equal(sc->params.big_r_adjust, PARLEY_BIGR_ONETHIRD);
    assert_string_equal(sc->actor[1], "Bob");
    assert_true(sc->capability[1] == 93.2);
    assert_true(sc->position[1 * 3 + 2] == 72.0 && sc->salience[1 * 3 + 1] == 34.5);
    assert_non_null(sc->accommodation);
    /* Alice 0.87 self; Bob 0.75 self, 0.07 towards Alice; Carol 0.65 + 0.13 David;
     * David 0.57; Ellie untouched (identity) */
    const double *A = sc->accommodation;
    assert_true(A[0 * 5 + 0] == 0.87 && A[1 * 5 + 1] == 0.75 && A[1 * 5 + 0] == 0.07);
    assert_true(A[2 * 5 + 2] == 0.65 && A[2 * 5 + 3] == 0.13 && A[3 * 5 + 3] == 0.57);
    assert_true(A[4 * 5 + 4] == 1.0 && A[4 * 5 + 0] == 0.0);
    parley_fc_scenario_free(sc);
}

typedef struct bad_case {
    const char *text;
    parley_status code;
    int line, column;
    const char *field;
    const char *message_part;
} bad_case;

static void check_bad_csv(const bad_case *c)
{
    parley_error err;
    parley_fc_scenario *sc = parley_fc_parse_ktab_csv(c->text, strlen(c->text), "bad.csv", &err);
    if (sc)
        fail_msg("accepted: %s", c->text);
    assert_int_equal(err.code, c->code);
    assert_string_equal(err.file, "bad.csv");
    assert_int_equal(err.line, c->line);
    if (c->column)
        assert_int_equal(err.column, c->column);
    assert_string_equal(err.field, c->field);
    if (!strstr(err.message, c->message_part))
        fail_msg("message '%s' lacks '%s'", err.message, c->message_part);
}

#define HEAD "S,d,3,1,\nActor,Desc,Power,P,S,\n"

static void test_csv_errors(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"", PARLEY_ERR_INPUT, 0, 0, "actors", "empty scenario file"},
        {"S,d,3\n", PARLEY_ERR_INPUT, 1, 1, "scenario", "first line"},
        {"S,d,x,1\n", PARLEY_ERR_INPUT, 1, 5, "numActors", "'x'"},
        {"S,d,1e9,1\n", PARLEY_ERR_LIMIT, 1, 5, "numActors", "100000"},
        {"S,d,3,0\n", PARLEY_ERR_INPUT, 1, 7, "numDims", "from 1"},
        {"S,d,90000,900\n", PARLEY_ERR_LIMIT, 1, 5, "numActors", "more than 10000000 cells"},
        {HEAD "A,a,10,50,50,\nB,b,10,abc,50,\n", PARLEY_ERR_INPUT, 4, 8, "position",
         "'abc' is not a number"},
        {HEAD "A,a,10,50,50,\nB,b,nan,5,50,\n", PARLEY_ERR_INPUT, 4, 5, "Power", "not a number"},
        {HEAD "A,a,-5,50,50,\n", PARLEY_ERR_INPUT, 3, 5, "Power", "out of range"},
        {HEAD "A,a,0,50,50,\n", PARLEY_ERR_INPUT, 3, 5, "Power", "out of range"},
        {HEAD "A,a,5,150,50,\n", PARLEY_ERR_INPUT, 3, 7, "position", "out of range"},
        {HEAD "A,a,5,50,-1,\n", PARLEY_ERR_INPUT, 3, 10, "salience", "out of range"},
        {HEAD "A,a,5,50,0,\n", PARLEY_ERR_INPUT, 3, 0, "salience", "must be > 0"},
        {HEAD "A,a,5,50,50\nB,b,5,50,50,7\n", PARLEY_ERR_INPUT, 4, 1, "actor", "found 6"},
        {HEAD "A,a,5,50,50\nA,b,5,50,50\n", PARLEY_ERR_INPUT, 4, 1, "Actor", "listed twice"},
        {HEAD "A,a,5,50,50\nB,b,5,50,50\n", PARLEY_ERR_INPUT, 4, 0, "actors",
         "2 actor rows, 3 declared"},
        {HEAD "A,a,5,50,50\nB,b,5,50,50\nC,c,5,50,50\nD,d,5,5,5\n", PARLEY_ERR_INPUT, 6, 1,
         "actors", "more actor rows"},
        {"S,d,3,2,\nActor,Desc,Power,P,S,\n", PARLEY_ERR_INPUT, 2, 1, "header",
         "has 5 fields, 7 expected"},
        {"S,d,2,2,\nActor,Desc,Power,P,S,Q,T\nA,a,5,50,60,50,41\n", PARLEY_ERR_INPUT, 3, 0,
         "salience", "add up to 101"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_bad_csv(&cases[i]);
    }
    /* a NUL byte */
    static const char nul[] = "S,d,3,1,\n\0ctor\n";
    parley_error err;
    assert_null(parley_fc_parse_ktab_csv(nul, sizeof nul - 1, "nul.csv", &err));
    assert_int_equal(err.line, 2);
}

static void check_bad_xml(const char *text, parley_status code, int line, const char *field,
                          const char *part)
{
    parley_error err;
    parley_fc_scenario *sc = parley_fc_parse_ktab_xml(text, strlen(text), "bad.xml", &err);
    if (sc)
        fail_msg("accepted: %s", text);
    assert_int_equal(err.code, code);
    assert_string_equal(err.file, "bad.xml");
    if (line)
        assert_int_equal(err.line, line);
    if (field)
        assert_string_equal(err.field, field);
    if (!strstr(err.message, part))
        fail_msg("message '%s' lacks '%s'", err.message, part);
}

#define XA(n, c, p, s)                                                                             \
    "<Actor><name>" n "</name><capability>" c "</capability><Position><dCoord>" p                  \
    "</dCoord></Position><Salience><dSal>" s "</dSal></Salience></Actor>\n"

static void test_xml_errors(void **state)
{
    (void)state;
    check_bad_xml("", PARLEY_ERR_INPUT, 0, NULL, "not well-formed");
    check_bad_xml("<Scenario>\n<name>x</name>\n<oops>\n</Scenario>", PARLEY_ERR_INPUT, 4, NULL,
                  "not well-formed");
    /* entities: a billion-laughs style DTD is refused before anything is expanded */
    check_bad_xml("<?xml version=\"1.0\"?>\n<!DOCTYPE Scenario [<!ENTITY a \"aaaa\">"
                  "<!ENTITY b \"&a;&a;&a;&a;\">]>\n<Scenario><name>&b;</name></Scenario>",
                  PARLEY_ERR_INPUT, 0, "DOCTYPE", "not accepted");
    check_bad_xml(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Scenario SYSTEM \"http://example.com/x.dtd\">\n"
        "<Scenario/>",
        PARLEY_ERR_INPUT, 0, "DOCTYPE", "not accepted");
    check_bad_xml("<Other/>", PARLEY_ERR_INPUT, 1, "Scenario", "root element");
    check_bad_xml("<Scenario>\n<Dimensions><dName>D</dName></Dimensions>\n<Actors>\n" XA(
                      "A", "1", "5", "5") XA("B", "1", "", "5") "</Actors></Scenario>",
                  PARLEY_ERR_INPUT, 5, "dCoord", "'' is not a number");
    check_bad_xml("<Scenario>\n<Dimensions><dName>D</dName></Dimensions>\n<Actors>\n" XA(
                      "A", "0", "5", "5") XA("B", "1", "5", "5") "</Actors></Scenario>",
                  PARLEY_ERR_INPUT, 4, "capability", "A: '0'");
    check_bad_xml(
        "<Scenario>\n<ModelParameters><VictoryProbModel>Linear</VictoryProbModel>"
        "<PCEModel>Conditional</PCEModel><StateTransitions>Deterministic</StateTransitions>\n"
        "<VotingRule>Proportional</VotingRule></ModelParameters>\n"
        "<Dimensions><dName>D</dName></Dimensions>\n<Actors>\n" XA("A", "1", "5", "5")
            XA("B", "1", "5", "5") "</Actors></Scenario>",
        PARLEY_ERR_INPUT, 3, "VotingRule", "unknown value 'Proportional'");
    check_bad_xml(
        "<Scenario>\n<Dimensions><dName>D</dName></Dimensions>\n<Actors>\n" XA("A", "1", "5", "5")
            XA("B", "1", "5", "5") "</Actors>\n<IdealAdjustment><iaPair>\n<adjustingIdeal>A"
                                   "</adjustingIdeal>\n<referencePos>Zed</"
                                   "referencePos><adjust>0.5</adjust></iaPair>"
                                   "</IdealAdjustment></Scenario>",
        PARLEY_ERR_INPUT, 9, "referencePos", "unknown actor 'Zed'");
    check_bad_xml(
        "<Scenario>\n<Dimensions><dName>D</dName></Dimensions>\n<Actors>\n" XA("A", "1", "5", "5")
            XA("B", "1", "5",
               "5") "</Actors>\n<IdealAdjustment><iaPair><adjustingIdeal>A"
                    "</adjustingIdeal><referencePos>B</referencePos><adjust>0.5</adjust></iaPair>"
                    "</IdealAdjustment></Scenario>",
        PARLEY_ERR_INPUT, 0, "adjust", "add up to 1.5");
    check_bad_xml("<Scenario>\n<Dimensions><dName>D</dName></Dimensions>\n<Actors>\n" XA(
                      "A", "1", "5", "5") "</Actors></Scenario>",
                  PARLEY_ERR_INPUT, 3, "Actors", "fewer than 2");
}

static void test_from_scenario(void **state)
{
    (void)state;
    parley_error err;
    parley_scenario *ps = parley_scenario_load(PARLEY_SOURCE_DIR "/examples/textbook.yaml", &err);
    if (!ps)
        fail_msg("%s", err.message);
    parley_fc_scenario *sc = parley_fc_from_scenario(ps, &err);
    parley_scenario_free(ps);
    if (!sc)
        fail_msg("%s", err.message);
    /* border (positions 0/60/100) and troops (an integer range: positions
     * 0/50/100) are dimensions; sanctions has no positions */
    assert_int_equal(sc->n_dims, 2);
    assert_string_equal(sc->dim[0], "border");
    assert_string_equal(sc->dim[1], "troops");
    assert_int_equal(sc->n_actors, 2);
    assert_string_equal(sc->actor[0], "A");
    assert_true(sc->capability[0] == 60.0 && sc->capability[1] == 40.0);
    /* A values line-1991 (0) most on border, 20000 troops (100) most */
    assert_true(sc->position[0] == 0.0 && sc->position[1] == 100.0);
    assert_true(sc->position[2] == 100.0 && sc->position[3] == 0.0);
    assert_true(fabs(sc->salience[0] - 50.0) < 1e-12 && fabs(sc->salience[1] - 20.0) < 1e-12);
    assert_true(fabs(sc->salience[2] - 60.0) < 1e-12 && fabs(sc->salience[3] - 10.0) < 1e-12);
    /* compromise on the border: (60*50*0 + 40*60*100) / (60*50 + 40*60) */
    parley_fc_options o;
    parley_fc_options_default(&o);
    o.model = PARLEY_FC_COMPROMISE;
    parley_fc_result *r = parley_forecast_run(sc, &o, &err);
    assert_non_null(r);
    assert_true(fabs(r->expected[0] - 240000.0 / 5400.0) < 1e-9);
    parley_fc_result_free(r);
    parley_fc_scenario_free(sc);
}

static void test_deu_reader(void **state)
{
    (void)state;
    parley_error err;
    parley_deu *d = parley_deu_read(PARLEY_DATA_DIR "/forecast/deu/deu3.csv", &err);
    if (!d)
        fail_msg("%s", err.message);
    /* README §F: baselines over 353 issues (364 rows minus those without
     * an outcome or any position) */
    assert_int_equal(d->n_issues, 353);
    assert_int_equal(d->n_issues + d->n_skipped, 364);
    /* first row d00032i1: out 100, rp 0, Commission position 100, salience 50 */
    const parley_deu_issue *is = &d->issues[0];
    assert_string_equal(is->id, "d00032i1");
    assert_int_equal(is->line, 3);
    assert_true(is->outcome == 100.0 && is->ref_point == 0.0);
    assert_string_equal(is->sc->actor[0], "com");
    assert_true(is->sc->position[0] == 100.0 && is->sc->salience[0] == 50.0);
    assert_true(is->sc->capability[0] == 4.1);
    parley_deu_free(d);
    assert_null(parley_deu_read(PARLEY_DATA_DIR "/no/such/file.csv", &err));
    assert_int_equal(err.code, PARLEY_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_values),    cmocka_unit_test(test_xml_values),
        cmocka_unit_test(test_csv_errors),    cmocka_unit_test(test_xml_errors),
        cmocka_unit_test(test_from_scenario), cmocka_unit_test(test_deu_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
