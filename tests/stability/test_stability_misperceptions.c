/*
 * tests/stability/test_stability_misperceptions.c — misperceptions
 * (first-level hypergames, GMCR+ >= 0.3.12 semantics): a DM can neither
 * move to nor from a state it does not perceive; preferences are unchanged;
 * a coalition perceives a state if any member does. Cases checked by hand
 * (derivations in the comments):
 *   - Syria–Iraq 1975 with the misperceptions of gmcr-py's example
 *     SI_misp.gmcr: Syria does not perceive "YN-" (releasing water without
 *     escalating), Iraq does not perceive "NN-". Per DM, Nash = GMR = SMR =
 *     SEQ: Syria stable at {1, 2, 5, 6}, Iraq at {1, 2, 4, 6}; equilibria
 *     {1, 2, 6} (without misperceptions: Nash {6}, GMR {1, 6}, SMR and SEQ
 *     {6}). Read from YAML and from a GMCR+ .gmcr JSON text alike.
 *   - Chicken where DM2 does not perceive the crash (4): Nash {2, 3}, GMR =
 *     SMR = SEQ {2, 3} (state 1 is no longer GMR/SMR: DM2 cannot answer
 *     DM1's dare 1 -> 2 with 2 -> 4).
 *   - a coalition of both drivers perceives the crash (DM1 does).
 *   - parley convert keeps misperceptions (round trip); SIM is left out;
 *     errors name the field.
 */
#include "parley/stability.h"
#include "stability/gm_solve.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char SYRIA_YAML[] = "conflict:\n"
                                 "  name: Syria-Iraq 1975 with misperceptions\n"
                                 "  decision_makers:\n"
                                 "    - {id: Syria, options: [release, escalate]}\n"
                                 "    - {id: Iraq, options: [attack]}\n"
                                 "  infeasible: [\"YY-\"]\n"
                                 "  preferences:\n"
                                 "    Syria: [\"NNN\", escalate, not attack, not release]\n"
                                 "    Iraq: [\"YNN\", \"NNY\", \"NYY\", \"NNN\", \"YNY\"]\n"
                                 "  misperceptions:\n"
                                 "    Syria: [\"YN-\"]\n"
                                 "    Iraq: [\"not release and not escalate\"]\n";

/* The same model as a GMCR+ save file (gmcr-py 0.3.12 field names). */
static const char SYRIA_GMCR[] =
    "{\"program\": \"gmcr-py\", \"version\": \"0.3.12\", \"useManualPreferenceRanking\": false,"
    " \"options\": [{\"name\": \"Release Water\", \"permittedDirection\": \"both\"},"
    "  {\"name\": \"Escalate\", \"permittedDirection\": \"both\"},"
    "  {\"name\": \"Attack\", \"permittedDirection\": \"both\"}],"
    " \"infeasibles\": [[[0, \"Y\"], [1, \"Y\"]]],"
    " \"decisionMakers\": ["
    "  {\"name\": \"Syria\", \"options\": [0, 1], \"misperceptions\": [[[0, \"Y\"], [1, \"N\"]]],"
    "   \"preferences\": [[[0, \"N\"], [1, \"N\"], [2, \"N\"]], [[1, \"Y\"]], [[2, \"N\"]],"
    "   [[0, \"N\"]]]},"
    "  {\"name\": \"Iraq\", \"options\": [2], \"misperceptions\": [[[0, \"N\"], [1, \"N\"]]],"
    "   \"preferences\": [[[0, \"Y\"], [1, \"N\"], [2, \"N\"]], [[0, \"N\"], [1, \"N\"], [2, "
    "\"Y\"]],"
    "   [[0, \"N\"], [1, \"Y\"], [2, \"Y\"]], [[0, \"N\"], [1, \"N\"], [2, \"N\"]],"
    "   [[0, \"Y\"], [1, \"N\"], [2, \"Y\"]]]}],"
    " \"coalitions\": [0, 1]}";

/* Bit k-1 set for every 1-based state k stable (or equilibrium: agent -1). */
static unsigned set_of(const parley_stability *r, parley_gmcr_concept k, long agent, size_t n)
{
    unsigned m = 0;
    for (size_t s = 0; s < n; s++)
        if (agent < 0 ? parley_stability_is_equilibrium(r, k, s)
                      : parley_stability_is_stable(r, k, (size_t)agent, s))
            m |= 1u << s;
    return m;
}
#define S(...) bits_of((const int[]){__VA_ARGS__, 0})
static unsigned bits_of(const int *v)
{
    unsigned m = 0;
    for (; *v; v++)
        m |= 1u << (*v - 1);
    return m;
}

static void check_syria(parley_conflict *c)
{
    assert_true(parley_conflict_has_misperceptions(c));
    assert_int_equal(parley_conflict_state_count(c), 6);
    /* Syria does not perceive 2 (YNN) and 5 (YNY); Iraq 1 (NNN) and 4 (NNY) */
    for (size_t s = 0; s < 6; s++) {
        assert_int_equal(parley_conflict_perceives(c, 0, s), s != 1 && s != 4);
        assert_int_equal(parley_conflict_perceives(c, 1, s), s != 0 && s != 3);
    }
    parley_stability_options opt = {NULL, false, 1};
    parley_stability *r = parley_stability_solve(c, &opt, NULL);
    assert_non_null(r);
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++) {
        assert_int_equal(set_of(r, (parley_gmcr_concept)k, 0, 6), S(1, 2, 5, 6));
        assert_int_equal(set_of(r, (parley_gmcr_concept)k, 1, 6), S(1, 2, 4, 6));
        assert_int_equal(set_of(r, (parley_gmcr_concept)k, -1, 6), S(1, 2, 6));
    }
    assert_false(parley_stability_has_concept(r, PARLEY_GMCR_SIM));
    assert_false(parley_stability_has_concept(r, PARLEY_GMCR_SEQSIM));
    parley_stability_free(r);
    /* --gmcrplus gives the same (two DMs) */
    opt.gmcrplus = true;
    r = parley_stability_solve(c, &opt, NULL);
    assert_non_null(r);
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        assert_int_equal(set_of(r, (parley_gmcr_concept)k, -1, 6), S(1, 2, 6));
    parley_stability_free(r);
}

static void test_syria_iraq_yaml(void **state)
{
    (void)state;
    parley_error err;
    parley_conflict *c =
        parley_conflict_parse_yaml(SYRIA_YAML, strlen(SYRIA_YAML), "si.yaml", &err);
    if (!c)
        fail_msg("%s", err.message);
    /* the payoffs are the reference's: Syria 1 3 6 2 4 5, Iraq 2 4 6 1 5 3 */
    static const uint32_t rank_s[6] = {1, 3, 6, 2, 4, 5}, rank_i[6] = {2, 4, 6, 1, 5, 3};
    for (int q = 0; q + 1 < 6; q++) {
        assert_true(parley_conflict_payoff(c, 0, rank_s[q] - 1) >
                    parley_conflict_payoff(c, 0, rank_s[q + 1] - 1));
        assert_true(parley_conflict_payoff(c, 1, rank_i[q] - 1) >
                    parley_conflict_payoff(c, 1, rank_i[q + 1] - 1));
    }
    check_syria(c);
    /* convert keeps them: written YAML read back gives the same */
    char *yaml = NULL;
    assert_int_equal(parley_conflict_write_yaml(c, &yaml, &err), PARLEY_OK);
    assert_non_null(strstr(yaml, "misperceptions:"));
    parley_conflict *c2 = parley_conflict_parse_yaml(yaml, strlen(yaml), "round.yaml", &err);
    if (!c2)
        fail_msg("%s\n%s", err.message, yaml);
    check_syria(c2);
    free(yaml);
    parley_conflict_free(c2);
    parley_conflict_free(c);
}

static void test_syria_iraq_gmcr(void **state)
{
    (void)state;
    parley_error err;
    parley_conflict *c =
        parley_conflict_parse_json(SYRIA_GMCR, strlen(SYRIA_GMCR), "SI_misp.gmcr", &err);
    if (!c)
        fail_msg("%s", err.message);
    check_syria(c);
    parley_conflict_free(c);
}

static const char CHICKEN[] = "conflict:\n"
                              "  decision_makers:\n"
                              "    - {id: DM1, options: [dare1]}\n"
                              "    - {id: DM2, options: [dare2]}\n"
                              "  preferences:\n"
                              "    DM1: {ranking: [YN, NN, NY, YY]}\n"
                              "    DM2: {ranking: [NY, NN, YN, YY]}\n";

static void test_chicken(void **state)
{
    (void)state;
    char text[1024];
    parley_error err;
    /* without misperceptions: the reference's Nash {2,3}, GMR = SMR {1,2,3}, SEQ {2,3} */
    parley_conflict *c = parley_conflict_parse_yaml(CHICKEN, strlen(CHICKEN), "c.yaml", &err);
    assert_non_null(c);
    assert_false(parley_conflict_has_misperceptions(c));
    parley_stability *r = parley_stability_solve(c, NULL, NULL);
    assert_int_equal(set_of(r, PARLEY_GMCR_GMR, -1, 4), S(1, 2, 3));
    parley_stability_free(r);
    parley_conflict_free(c);
    /* DM2 does not perceive the crash */
    snprintf(text, sizeof text, "%s  misperceptions: {DM2: [YY]}\n", CHICKEN);
    c = parley_conflict_parse_yaml(text, strlen(text), "c.yaml", &err);
    if (!c)
        fail_msg("%s", err.message);
    r = parley_stability_solve(c, NULL, NULL);
    assert_non_null(r);
    assert_int_equal(set_of(r, PARLEY_GMCR_NASH, 0, 4), S(2, 3));
    assert_int_equal(set_of(r, PARLEY_GMCR_NASH, 1, 4), S(2, 3, 4));
    assert_int_equal(set_of(r, PARLEY_GMCR_GMR, 0, 4), S(2, 3));
    assert_int_equal(set_of(r, PARLEY_GMCR_GMR, 1, 4), S(1, 2, 3, 4));
    assert_int_equal(set_of(r, PARLEY_GMCR_SMR, 1, 4), S(1, 2, 3, 4));
    assert_int_equal(set_of(r, PARLEY_GMCR_SEQ, 1, 4), S(2, 3, 4));
    for (int k = PARLEY_GMCR_NASH; k <= PARLEY_GMCR_SEQ; k++)
        assert_int_equal(set_of(r, (parley_gmcr_concept)k, -1, 4), S(2, 3));
    parley_stability_free(r);
    /* explanation: DM1's dare at 1 has no sanction any more */
    parley_gmcr_explanation e;
    assert_int_equal(parley_stability_explain(c, NULL, 0, 0, PARLEY_GMCR_GMR, &e, &err), PARLEY_OK);
    assert_false(e.stable);
    assert_int_equal(e.nmoves, 1);
    assert_false(e.moves[0].sanctioned);
    parley_gmcr_explanation_clear(&e);
    /* status quo 2: DM2 cannot move to the crash; as a coalition with DM1
     * (who perceives it) they can reach it from 1 in one joint move */
    parley_status_quo *q = parley_status_quo_solve(c, NULL, 1, false, &err);
    assert_non_null(q);
    parley_gmcr_step st[8];
    long len = parley_status_quo_path(q, 3, st, 8);
    /* not DM2 2 -> 4 (one move without the misperception) but DM1 2 -> 1,
     * DM2 1 -> 3, DM1 3 -> 4 */
    assert_int_equal(len, 3);
    assert_int_equal(st[0].agent, 0);
    assert_int_equal(st[1].agent, 1);
    assert_int_equal(st[2].agent, 0);
    parley_status_quo_free(q);
    int part[2] = {0, 0};
    parley_stability_options co = {part, false, 1};
    q = parley_status_quo_solve(c, &co, 0, false, &err);
    assert_non_null(q);
    assert_int_equal(parley_status_quo_distance(q, 3), 1);
    parley_status_quo_free(q);
    parley_conflict_free(c);
    /* a coalition perceives a state if any member does: both blind to 4 */
    snprintf(text, sizeof text, "%s  misperceptions: {DM1: [YY], DM2: [YY]}\n", CHICKEN);
    c = parley_conflict_parse_yaml(text, strlen(text), "c.yaml", &err);
    assert_non_null(c);
    q = parley_status_quo_solve(c, &co, 0, false, &err);
    assert_non_null(q);
    assert_int_equal(parley_status_quo_distance(q, 3), -1);
    parley_status_quo_free(q);
    parley_conflict_free(c);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *add, *field;
    } bad[] = {{"  misperceptions: {DM3: [YY]}\n", "conflict.misperceptions"},
               {"  misperceptions: {DM1: YY}\n", "conflict.misperceptions.DM1"},
               {"  misperceptions: {DM1: [\"no_such\"]}\n", "conflict.misperceptions.DM1[0]"},
               {"  misperceptions: [YY]\n", "conflict.misperceptions"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", CHICKEN, bad[i].add);
        parley_error err;
        parley_conflict *c = parley_conflict_parse_yaml(text, strlen(text), "bad.yaml", &err);
        assert_null(c);
        assert_int_equal(err.code, PARLEY_ERR_INPUT);
        assert_string_equal(err.field, bad[i].field);
        assert_true(err.line > 0);
    }
    static const char bad_json[] =
        "{\"options\": [{\"name\": \"a\", \"permittedDirection\": \"both\"}],"
        " \"infeasibles\": [], \"decisionMakers\": [{\"name\": \"A\", \"options\": [0],"
        " \"misperceptions\": [[[5, \"Y\"]]], \"preferences\": [[[0, \"Y\"]]]}]}";
    parley_error err;
    assert_null(parley_conflict_parse_json(bad_json, strlen(bad_json), "bad.gmcr", &err));
    assert_int_equal(err.code, PARLEY_ERR_INPUT);
    assert_non_null(strstr(err.field, "misperceptions"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syria_iraq_yaml),
        cmocka_unit_test(test_syria_iraq_gmcr),
        cmocka_unit_test(test_chicken),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
